// Topics, sources and institutions whose per-year counts are to be (re)computed: those with none stored (never
// computed, or dropped by an import batch), or every one with $all. Kind by kind, in key order.
CALL () {
  MATCH (n:Topic) WHERE $all OR n.metricsYears IS NULL RETURN 'Topic' AS kind, n.id AS id
  UNION ALL
  MATCH (n:Source) WHERE $all OR n.metricsYears IS NULL RETURN 'Source' AS kind, n.id AS id
  UNION ALL
  MATCH (n:Institution) WHERE $all OR n.metricsYears IS NULL RETURN 'Institution' AS kind, n.id AS id
}
RETURN kind, id ORDER BY kind, id
