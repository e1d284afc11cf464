// Drop the stored per-year counts of the institutions the touched researchers are affiliated with: an
// institution's works are its researchers' works, so a batch that changes a researcher's works or affiliations
// (or merges researchers) changes them. Recomputed after the run as import_year_counts_invalidate says.
// $ids: researcher ids, sorted (the researchers are locked by the batch).
UNWIND $ids AS id
MATCH (:Researcher {id: id})-[:AFFILIATED_WITH]->(i:Institution)
WITH DISTINCT i ORDER BY i.id
SET i._lock = true
REMOVE i._lock, i.metricsWorksCount, i.metricsCitedByCount, i.metricsYears, i.metricsYearWorks, i.metricsYearCitations
