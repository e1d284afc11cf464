// The edges among a slice's nodes, and the degrees of its expanded nodes (for the omitted counts): one row.
// $researchers, $works, $topics, $institutions: ids of the slice's nodes by kind. $types: relationship types the
// slice follows (whitelist in the resolver). $expanded: ids of the nodes whose neighbours the slice expanded
// (hop < depth); only they get degrees, and only for the types that touch their kind.
// Each edge is read once, from its small side only (a work's authors, topics and references; a researcher's topics,
// affiliations and COAUTHOR edges stored from the smaller id), so a hub topic or institution in the slice is never
// scanned. The nodes of a kind are matched with one index seek per id and each side is walked set-wise (no
// per-node subqueries: in the slotted runtime their overhead, not store reads, was most of this statement's time).
// Degrees come from COUNT { }, which the planner answers from the relationship-group counts.
CALL () {
  MATCH (n:Researcher) WHERE n.id IN $researchers
  RETURN collect(n) AS researchers
}
CALL () {
  MATCH (n:Work) WHERE n.id IN $works
  RETURN collect(n) AS works
}
RETURN
  COLLECT {
    UNWIND researchers AS n
    MATCH (n)-[r:COAUTHOR]->(m) WHERE 'COAUTHOR' IN $types AND m.id IN $researchers
    RETURN {source: n.id, target: m.id, type: 'COAUTHOR', weight: toFloat(r.sharedWorks)} AS edge
    UNION ALL
    UNWIND researchers AS n
    MATCH (n)-[r:WORKS_ON]->(m) WHERE 'WORKS_ON' IN $types AND m.id IN $topics
    RETURN {source: n.id, target: m.id, type: 'WORKS_ON', weight: toFloat(r.weight)} AS edge
    UNION ALL
    UNWIND researchers AS n
    MATCH (n)-[r:AFFILIATED_WITH]->(m) WHERE 'AFFILIATED_WITH' IN $types AND m.id IN $institutions
    RETURN {source: n.id, target: m.id, type: 'AFFILIATED_WITH', weight: null} AS edge
    UNION ALL
    UNWIND works AS n
    MATCH (n)<-[r:AUTHORED]-(m) WHERE 'AUTHORED' IN $types AND m.id IN $researchers
    RETURN {source: m.id, target: n.id, type: 'AUTHORED', weight: null} AS edge
    UNION ALL
    UNWIND works AS n
    MATCH (n)-[r:HAS_TOPIC]->(m) WHERE 'HAS_TOPIC' IN $types AND m.id IN $topics
    RETURN {source: n.id, target: m.id, type: 'HAS_TOPIC', weight: toFloat(r.score)} AS edge
    UNION ALL
    UNWIND works AS n
    MATCH (n)-[r:CITES]->(m) WHERE 'CITES' IN $types AND m.id IN $works
    RETURN {source: n.id, target: m.id, type: 'CITES', weight: null} AS edge
  } AS edges,
  COLLECT {
    UNWIND researchers AS n
    WITH n WHERE n.id IN $expanded
    RETURN {id: n.id, degrees: {AUTHORED: COUNT { (n)-[:AUTHORED]-() }, COAUTHOR: COUNT { (n)-[:COAUTHOR]-() },
                                WORKS_ON: COUNT { (n)-[:WORKS_ON]-() },
                                AFFILIATED_WITH: COUNT { (n)-[:AFFILIATED_WITH]-() }}} AS degree
    UNION ALL
    UNWIND works AS n
    WITH n WHERE n.id IN $expanded
    RETURN {id: n.id, degrees: {AUTHORED: COUNT { (n)-[:AUTHORED]-() }, HAS_TOPIC: COUNT { (n)-[:HAS_TOPIC]-() },
                                CITES: COUNT { (n)-[:CITES]-() }}} AS degree
    UNION ALL
    MATCH (n:Topic) WHERE n.id IN $topics AND n.id IN $expanded
    RETURN {id: n.id, degrees: {WORKS_ON: COUNT { (n)-[:WORKS_ON]-() },
                                HAS_TOPIC: COUNT { (n)-[:HAS_TOPIC]-() }}} AS degree
    UNION ALL
    MATCH (n:Institution) WHERE n.id IN $institutions AND n.id IN $expanded
    RETURN {id: n.id, degrees: {AFFILIATED_WITH: COUNT { (n)-[:AFFILIATED_WITH]-() }}} AS degree
  } AS degrees
