// Store per-year counts computed by year_counts_live on their topics, sources and institutions (docs/metrics.md,
// "Stored per-year counts"): metricsWorksCount, metricsCitedByCount and three parallel lists, oldest year first
// (metricsYears, metricsYearWorks, metricsYearCitations). Runs in the transaction that locked and computed them.
// $rows: year_counts_live rows.
UNWIND $rows AS row
CALL (row) {
  MATCH (n:Topic {id: row.id}) WHERE row.kind = 'Topic' RETURN n
  UNION
  MATCH (n:Source {id: row.id}) WHERE row.kind = 'Source' RETURN n
  UNION
  MATCH (n:Institution {id: row.id}) WHERE row.kind = 'Institution' RETURN n
}
SET n.metricsWorksCount = row.worksCount, n.metricsCitedByCount = row.citedByCount, n.metricsYears = row.years,
    n.metricsYearWorks = row.yearWorks, n.metricsYearCitations = row.yearCitations
