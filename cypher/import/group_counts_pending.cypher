// Subfields, fields and domains whose count of distinct works is to be (re)computed: those with none stored (never
// computed, or dropped by an import batch that changed their topics or those topics' works), or every one with $all.
// Level by level, in key order.
CALL () {
  MATCH (n:Subfield) WHERE $all OR n.worksCount IS NULL RETURN 'Subfield' AS kind, n.id AS id
  UNION ALL
  MATCH (n:Field) WHERE $all OR n.worksCount IS NULL RETURN 'Field' AS kind, n.id AS id
  UNION ALL
  MATCH (n:Domain) WHERE $all OR n.worksCount IS NULL RETURN 'Domain' AS kind, n.id AS id
}
RETURN kind, id ORDER BY kind, id
