// Full-text search over researchers, works, topics, institutions and sources (prefix matching for autocomplete,
// fuzzy matching for longer words). With what tells namesakes apart: a researcher's current affiliation and works
// count, a work's year and byline (its first author). Scores are Lucene's BM25, a work's raised by its citations.
// $query: a Lucene query the resolver built from escaped user text; $kinds: labels to keep (from the EntityKind
// whitelist); $candidates: how many index hits to consider; $offset: hits to skip (paging); $limit: rows to return.
CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $candidates}) YIELD node, score
WITH node, score, [label IN labels(node) WHERE label IN $kinds][0] AS kind
WHERE kind IS NOT NULL AND NOT coalesce(node.stub, false)
// Among equally good text matches, a much-cited work first (OpenAlex's relevance also weighs citations).
WITH node, kind, score * (1 + 0.5 * log10(1 + CASE kind WHEN 'Work' THEN coalesce(node.citedByCount, 0) ELSE 0 END))
  AS score
WITH node, score, kind ORDER BY score DESC, node.id SKIP $offset LIMIT $limit
RETURN kind, score, node { .id, .name, .title, .orcid, .summary, .openToCollaborate, .type, .year,
  .publicationDate, .sortDate, .citedByCount, .ror, .countryCode, .worksCount, .doi, .arxivId, .authorNames,
  affiliation: CASE kind WHEN 'Researcher' THEN COLLECT {
    MATCH (node)-[a:AFFILIATED_WITH]->(i:Institution) RETURN i.name AS name ORDER BY a.lastYear DESC, i.id LIMIT 1
  }[0] END,
  authoredCount: CASE kind WHEN 'Researcher' THEN COUNT { (node)-[:AUTHORED]->(:Work) } END } AS node
