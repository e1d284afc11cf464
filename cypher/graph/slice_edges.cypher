// The edges among a slice's nodes, and the degrees of its expanded nodes (for the omitted counts).
// $ids: ids of every node in the slice. $types: relationship types the slice follows (whitelist in the resolver).
// $expanded: ids of the nodes whose neighbours the slice expanded (hop < depth); only they get degrees.
// Each edge is read once, from its small side only (a work's authors, topics and references; a researcher's topics,
// affiliations and COAUTHOR edges stored from the smaller id), so a hub topic or institution in the slice is never
// scanned. Degrees come from COUNT { }, which the planner answers from the relationship-group counts.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Researcher {id: id}) WHERE id STARTS WITH 'A' RETURN n
  UNION ALL
  MATCH (n:Work {id: id}) WHERE id STARTS WITH 'W' RETURN n
  UNION ALL
  MATCH (n:Topic {id: id}) WHERE id STARTS WITH 'T' OR id STARTS WITH 'C' RETURN n
  UNION ALL
  MATCH (n:Institution {id: id}) WHERE id STARTS WITH 'I' RETURN n
}
RETURN id,
  COLLECT {
    MATCH (n:Researcher)-[r:COAUTHOR]->(m:Researcher) WHERE 'COAUTHOR' IN $types AND m.id IN $ids
    RETURN {source: n.id, target: m.id, type: 'COAUTHOR', weight: toFloat(r.sharedWorks)} AS edge
    UNION ALL
    MATCH (n:Researcher)-[r:WORKS_ON]->(m:Topic) WHERE 'WORKS_ON' IN $types AND m.id IN $ids
    RETURN {source: n.id, target: m.id, type: 'WORKS_ON', weight: toFloat(r.weight)} AS edge
    UNION ALL
    MATCH (n:Researcher)-[r:AFFILIATED_WITH]->(m:Institution) WHERE 'AFFILIATED_WITH' IN $types AND m.id IN $ids
    RETURN {source: n.id, target: m.id, type: 'AFFILIATED_WITH', weight: null} AS edge
    UNION ALL
    MATCH (n:Work)<-[r:AUTHORED]-(m:Researcher) WHERE 'AUTHORED' IN $types AND m.id IN $ids
    RETURN {source: m.id, target: n.id, type: 'AUTHORED', weight: null} AS edge
    UNION ALL
    MATCH (n:Work)-[r:HAS_TOPIC]->(m:Topic) WHERE 'HAS_TOPIC' IN $types AND m.id IN $ids
    RETURN {source: n.id, target: m.id, type: 'HAS_TOPIC', weight: toFloat(r.score)} AS edge
    UNION ALL
    MATCH (n:Work)-[r:CITES]->(m:Work) WHERE 'CITES' IN $types AND m.id IN $ids
    RETURN {source: n.id, target: m.id, type: 'CITES', weight: null} AS edge
  } AS edges,
  CASE WHEN id IN $expanded THEN {
    AUTHORED: COUNT { (n)-[:AUTHORED]-() },
    COAUTHOR: COUNT { (n)-[:COAUTHOR]-() },
    WORKS_ON: COUNT { (n)-[:WORKS_ON]-() },
    HAS_TOPIC: COUNT { (n)-[:HAS_TOPIC]-() },
    AFFILIATED_WITH: COUNT { (n)-[:AFFILIATED_WITH]-() },
    CITES: COUNT { (n)-[:CITES]-() }
  } END AS degrees
