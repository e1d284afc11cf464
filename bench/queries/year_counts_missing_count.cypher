// Topics, sources and institutions without stored per-year counts (importer/year_counts.py): > 0 on a database
// imported before they existed, which the bench then backfills (bench/corpus.py).
CALL () {
  MATCH (n:Topic) WHERE n.metricsYears IS NULL RETURN n
  UNION ALL
  MATCH (n:Source) WHERE n.metricsYears IS NULL RETURN n
  UNION ALL
  MATCH (n:Institution) WHERE n.metricsYears IS NULL RETURN n
}
RETURN count(n) AS missing
