// The peer's Query.entitySearch: the service's own statement (cypher/search/entity_search.cypher, which server.mjs
// inserts below), each row as one map. $query: the Lucene text; $kinds: labels to keep; $candidates: index hits
// considered; $offset, $limit: the page.
CALL () {
{{entity_search}}
}
RETURN {kind: kind, score: score, id: node.id, name: node.name, title: node.title, year: node.year} AS hit
