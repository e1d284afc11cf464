// Feed events for the importer's changes: NEW_WORK for each author of a work new to the graph, NEW_CITATION for
// each author of a work that a new work cites. Only researchers somebody follows get events (nobody else reads
// them), so an import without followers writes nothing; MERGE on the constrained key makes a re-import a no-op.
// $authorships: maps with researcher (A…) and work (W…) of works new to the graph (or stubs filled);
// $citations: maps with source (the citing W…) and target (the cited W…) of new CITES edges.
CALL () {
  UNWIND $authorships AS row
  MATCH (r:Researcher {id: row.researcher})
  WHERE EXISTS { (:User)-[:FOLLOWS]->(r) }
  MERGE (e:FeedEvent {key: 'NEW_WORK:' + r.id + ':' + row.work})
    ON CREATE SET e.kind = 'NEW_WORK', e.researcherId = r.id, e.workId = row.work, e.at = datetime()
  RETURN count(e) AS works
}
CALL () {
  UNWIND $citations AS row
  MATCH (r:Researcher)-[:AUTHORED]->(:Work {id: row.target})
  WHERE EXISTS { (:User)-[:FOLLOWS]->(r) }
  MERGE (e:FeedEvent {key: 'NEW_CITATION:' + r.id + ':' + row.source + ':' + row.target})
    ON CREATE SET e.kind = 'NEW_CITATION', e.researcherId = r.id, e.workId = row.target,
                  e.citingWorkId = row.source, e.at = datetime()
  RETURN count(e) AS citations
}
RETURN works, citations
