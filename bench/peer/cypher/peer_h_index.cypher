// The peer's Researcher.hIndex: the largest h such that h works have at least h citations.
{{peer_metric_citations}}
WITH cited ORDER BY cited DESC
WITH collect(cited) AS ranked
RETURN size([k IN range(0, size(ranked) - 1) WHERE ranked[k] >= k + 1]) AS n
