// The shortest chain of at most 1 hops between two entities, through real edges only (no derived COAUTHOR), so
// the works, topics and institutions that link two people appear in the path. One file per hop limit because a
// quantifier's bounds cannot be parameters; the kernel BFS (StatefulShortestPath) then never looks further.
// $source, $target: the `from` and `to` ids (Researcher, Work, Topic or Institution). No row when either does
//   not exist; a row with a null length when they are not connected within 1 hops.
// $hub_degree: nodes with more than this many whitelisted relationships are not passed through (hub topics,
//   big institutions, famous papers), which bounds the search on unreachable pairs; the endpoints may be hubs.
CALL () {
  MATCH (a:Researcher {id: $source}) RETURN a
  UNION ALL
  MATCH (a:Work {id: $source}) RETURN a
  UNION ALL
  MATCH (a:Topic {id: $source}) RETURN a
  UNION ALL
  MATCH (a:Institution {id: $source}) RETURN a
}
CALL () {
  MATCH (b:Researcher {id: $target}) RETURN b
  UNION ALL
  MATCH (b:Work {id: $target}) RETURN b
  UNION ALL
  MATCH (b:Topic {id: $target}) RETURN b
  UNION ALL
  MATCH (b:Institution {id: $target}) RETURN b
}
OPTIONAL MATCH p = SHORTEST 1 (a)((x)-[r:AUTHORED|HAS_TOPIC|AFFILIATED_WITH|CITES]-(y)
  WHERE y = b OR COUNT { (y)-[:AUTHORED|HAS_TOPIC|AFFILIATED_WITH|CITES]-() } <= $hub_degree){1,1}(b)
RETURN length(p) AS length,
  [n IN nodes(p) | {
    id: n.id,
    kind: CASE WHEN n:Researcher THEN 'Researcher' WHEN n:Work THEN 'Work' WHEN n:Topic THEN 'Topic'
          ELSE 'Institution' END,
    label: coalesce(n.name, n.title, n.id)
  }] AS nodes,
  [r IN relationships(p) | {
    source: startNode(r).id, target: endNode(r).id, type: type(r),
    weight: CASE type(r) WHEN 'HAS_TOPIC' THEN toFloat(r.score) END
  }] AS edges
