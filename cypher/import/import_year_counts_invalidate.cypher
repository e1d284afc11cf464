// Drop the stored per-year counts (docs/metrics.md) of topics, sources or institutions whose works a batch can have
// changed; the import run recomputes them after its batches (importer/year_counts.py), and a read meanwhile computes
// them live. Locked even when nothing is stored: a recomputation that read before this batch commits must not store
// after it. $ids: topic, source or institution ids (one kind), sorted.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Topic {id: id}) RETURN n
  UNION
  MATCH (n:Source {id: id}) RETURN n
  UNION
  MATCH (n:Institution {id: id}) RETURN n
}
SET n._lock = true
REMOVE n._lock, n.metricsWorksCount, n.metricsCitedByCount, n.metricsYears, n.metricsYearWorks, n.metricsYearCitations
