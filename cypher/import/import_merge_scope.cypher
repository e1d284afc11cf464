// For merged_ids rows: which merged-away ids are in the graph, and what their merge and their survivor's touch
// (read under the locks): a researcher's co-authors and WORKS_ON topics, a work's authors, topics and sources, the
// researchers WORKS_ON a merged-away topic.
// $ids: entity ids (old and surviving ones), $merged: the old ones. Ids not in the graph return no row.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Researcher {id: id}) RETURN n
  UNION MATCH (n:Work {id: id}) RETURN n
  UNION MATCH (n:Institution {id: id}) RETURN n
  UNION MATCH (n:Topic {id: id}) RETURN n
}
RETURN id,
  COLLECT { MATCH (n)-[:COAUTHOR]-(c:Researcher) RETURN c.id } AS coauthors,
  COLLECT { MATCH (n)-[:WORKS_ON]->(t:Topic) RETURN t.id } AS researcherTopics,
  COLLECT { MATCH (a:Researcher)-[:AUTHORED]->(n) RETURN a.id } AS authors,
  COLLECT { MATCH (n)-[:HAS_TOPIC]->(t:Topic) RETURN t.id } AS workTopics,
  COLLECT { MATCH (n)-[:PUBLISHED_IN]->(s:Source) RETURN s.id } AS workSources,
  CASE WHEN id IN $merged THEN COLLECT { MATCH (r:Researcher)-[:WORKS_ON]->(n) RETURN r.id } ELSE [] END
    AS topicResearchers
