// Entities by an identifier: an OpenAlex id (per kind, the label chosen from the id-prefix whitelist), a DOI, an
// arXiv id, an ORCID or a ROR id. Each parameter is null unless the caller recognised that kind of id; a null
// never matches. Rows in the search projection (entity_search), best first; citation stubs are left out.
// $researcher, $work, $topic, $institution, $source: OpenAlex ids; $doi (bare, lower case), $arxiv, $orcid
// (bare), $ror (bare).
CALL () {
  MATCH (n:Researcher) WHERE n.id = $researcher OR n.orcid = $orcid RETURN n, 'Researcher' AS kind
  UNION
  MATCH (n:Work) WHERE n.id = $work RETURN n, 'Work' AS kind
  UNION
  MATCH (n:Work {doi: $doi}) RETURN n, 'Work' AS kind
  UNION
  MATCH (n:Work {arxivId: $arxiv}) RETURN n, 'Work' AS kind
  UNION
  MATCH (n:Topic {id: $topic}) RETURN n, 'Topic' AS kind
  UNION
  MATCH (n:Institution) WHERE n.id = $institution OR n.ror = $ror RETURN n, 'Institution' AS kind
  UNION
  MATCH (n:Source {id: $source}) RETURN n, 'Source' AS kind
}
WITH n AS node, kind WHERE NOT coalesce(node.stub, false)
WITH node, kind ORDER BY node.id LIMIT 20
RETURN kind, 1.0 AS score, node { .id, .name, .title, .orcid, .summary, .openToCollaborate, .type, .year,
  .publicationDate, .sortDate, .citedByCount, .ror, .countryCode, .worksCount, .doi, .arxivId, .authorNames,
  affiliation: CASE kind WHEN 'Researcher' THEN COLLECT {
    MATCH (node)-[a:AFFILIATED_WITH]->(i:Institution) RETURN i.name AS name ORDER BY a.lastYear DESC, i.id LIMIT 1
  }[0] END,
  authoredCount: CASE kind WHEN 'Researcher' THEN COUNT { (node)-[:AUTHORED]->(:Work) } END } AS node
