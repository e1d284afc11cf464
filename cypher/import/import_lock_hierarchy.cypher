// Lock the Subfield, Field and Domain nodes a batch links topics to or may leave empty, level by level and in key
// order, creating missing ones (their names fill in from import_topic_hierarchy_link; one left empty is removed by
// import_topic_hierarchy_prune). Every writer of IN edges and every remover of hierarchy nodes takes these locks
// first, and in a statement of its own: a MERGE that finds a node another transaction is deleting then waits for
// that commit and creates the node anew, where a later write to a node it had already matched would fail.
// $subfields, $fields, $domains: ids (numeric strings), sorted.
CALL () {
  UNWIND $subfields AS id
  MERGE (n:Subfield {id: id})
  SET n._lock = true
  REMOVE n._lock
}
CALL () {
  UNWIND $fields AS id
  MERGE (n:Field {id: id})
  SET n._lock = true
  REMOVE n._lock
}
CALL () {
  UNWIND $domains AS id
  MERGE (n:Domain {id: id})
  SET n._lock = true
  REMOVE n._lock
}
