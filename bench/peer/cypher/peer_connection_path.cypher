// The peer's Query.connectionPath: the service's own statement (cypher/graph/path_shortest_4.cypher, which server.mjs
// inserts below), its row wrapped in one map; null when not connected within 4 hops.
CALL () {
{{path_shortest_4}}
}
RETURN CASE WHEN length IS NULL THEN null ELSE {length: length, nodes: nodes, edges: edges} END AS path
