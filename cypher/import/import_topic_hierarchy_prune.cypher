// Remove Subfield nodes left with no topic (every topic of theirs moved elsewhere, was merged away or removed),
// then Field nodes left with no subfield and Domain nodes left with none of its fields; those that stay lose their
// stored worksCount (their topics or those topics' works changed; importer/group_counts.py recomputes it). Each
// node is locked before it is checked, level by level in key order, so a concurrent batch linking a topic to it
// (which locks it first, import_lock_hierarchy) either commits before the check or recreates the node after the
// removal commits.
// $subfields, $fields, $domains: ids a batch locked with import_lock_hierarchy (the levels above a removed node
// are checked too), sorted.
CALL () {
  UNWIND $subfields AS id
  MATCH (s:Subfield {id: id})
  SET s._lock = true
  REMOVE s._lock
  REMOVE s.worksCount
  WITH s WHERE NOT EXISTS { (:Topic)-[:IN]->(s) }
  OPTIONAL MATCH (s)-[:IN]->(f:Field)
  DETACH DELETE s
  RETURN collect(DISTINCT f.id) AS fields
}
CALL (fields) {
  UNWIND fields + $fields AS id
  WITH DISTINCT id ORDER BY id
  MATCH (f:Field {id: id})
  SET f._lock = true
  REMOVE f._lock, f.worksCount
  WITH f WHERE NOT EXISTS { (:Subfield)-[:IN]->(f) }
  OPTIONAL MATCH (f)-[:IN]->(d:Domain)
  DETACH DELETE f
  RETURN collect(DISTINCT d.id) AS domains
}
CALL (domains) {
  UNWIND domains + $domains AS id
  WITH DISTINCT id ORDER BY id
  MATCH (d:Domain {id: id})
  SET d._lock = true
  REMOVE d._lock, d.worksCount
  WITH d WHERE NOT EXISTS { (:Field)-[:IN]->(d) }
  DETACH DELETE d
}
