// Where topics are placed now (read under the topics' locks, before a batch moves, merges or removes them): their
// subfields, which import_topic_hierarchy_prune checks afterwards, with the fields and domains above them (locked
// up front with the rest of the hierarchy, import_lock_hierarchy). $ids: topic ids (T…/C…).
UNWIND $ids AS id
MATCH (:Topic {id: id})-[:IN]->(s:Subfield)
OPTIONAL MATCH (s)-[:IN]->(f:Field)
OPTIONAL MATCH (f)-[:IN]->(d:Domain)
RETURN DISTINCT s.id AS subfield, f.id AS field, d.id AS domain
