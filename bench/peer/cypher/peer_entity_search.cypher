// The peer's Query.entitySearch: the service's entity_search.cypher returning one map per hit.
// $query: the Lucene text; $kinds: labels to keep; $candidates: index hits considered; $limit: hits returned.
CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $candidates}) YIELD node, score
WITH node, score, [label IN labels(node) WHERE label IN $kinds][0] AS kind
WHERE kind IS NOT NULL AND NOT coalesce(node.stub, false)
WITH node, score, kind ORDER BY score DESC, node.id LIMIT $limit
RETURN {kind: kind, score: score, id: node.id, name: node.name, title: node.title, year: node.year} AS hit
