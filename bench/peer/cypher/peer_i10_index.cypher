// The peer's Researcher.i10Index: works with at least 10 citations.
{{peer_metric_citations}}
RETURN count(CASE WHEN cited >= 10 THEN 1 END) AS n
