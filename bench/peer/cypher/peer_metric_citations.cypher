// The citations of each of the researcher's works (`this`), as the service counts them (docs/metrics.md): the
// larger of OpenAlex's cited_by_count and the in-graph citing works; hidden works left out. Inserted into the
// peer's metric fields (peer_h_index, peer_i10_index, peer_metric_totals), one row per work: `cited`.
MATCH (this)-[:AUTHORED]->(w:Work)
WHERE NOT w.id IN coalesce(this.hiddenWorkIds, [])
WITH w, coalesce(w.citedByCount, 0) AS reported, COUNT { (:Work)-[:CITES]->(w) } AS inGraph
WITH w, CASE WHEN reported >= inGraph THEN reported ELSE inGraph END AS cited
