// Full-text search over researchers, works, topics, institutions and sources (prefix matching for autocomplete).
// $query: a Lucene query the resolver built from escaped user text; $kinds: labels to keep (from the EntityKind
// whitelist); $candidates: how many index hits to consider; $limit: rows to return.
CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $candidates}) YIELD node, score
WITH node, score, [label IN labels(node) WHERE label IN $kinds][0] AS kind
WHERE kind IS NOT NULL AND NOT coalesce(node.stub, false)
WITH node, score, kind ORDER BY score DESC, node.id LIMIT $limit
RETURN kind, score, node { .id, .name, .title, .orcid, .summary, .openToCollaborate, .type, .year,
  .publicationDate, .sortDate, .citedByCount, .ror, .countryCode, .worksCount } AS node
