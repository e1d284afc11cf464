// The peer's Researcher.metricTotals: works and the sum of their citations.
{{peer_metric_citations}}
RETURN {works: count(w), citations: sum(cited)} AS totals
