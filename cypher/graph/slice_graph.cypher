// The nodes of a bounded neighbourhood slice around $center, nearest hops first (unrolled breadth-first search).
// $center: id of a Researcher, Work, Topic or Institution (no row when it does not exist).
// $depth: hops to expand, 1..3 (hops beyond $depth are skipped). $limit: most nodes kept, center included.
// $types_first: relationship types followed from the center; $types_next: types followed from later hops
//   (the resolver derives both from the kinds filter, from a fixed whitelist).
// $scan_first / $scan_next: most relationships of one type read per expanded node, at hop 1 / at later hops.
//   Expansion reads at most that many relationships (in store order, no sort) before ranking them, so a hub with
//   100,000 works costs the same as a node with 100: the per-node cost is bounded by the caps, not the degree.
// $frontier: per-hop frontier cap: hops 2 and 3 expand only from the first $frontier nodes of the hop before (its
//   layer is in keeping order: strongest first, kinds taking turns), so depth 2 never walks the 2-hop neighbourhood of
//   every hop-1 node; the nodes past the cap stay in the slice without being walked from.
// Per node and type the best k ties are kept, k = ceil(2 * budget / frontier size); candidates reached from several
// frontier nodes add up their tie weights. Within a hop each kind is ranked by (weight desc, recency desc, id) and
// the kinds take turns (Researcher, Work, Topic, Institution), so one kind cannot crowd out the others.
// Weights: COAUTHOR.sharedWorks, WORKS_ON.weight, HAS_TOPIC.score, 1 for AUTHORED / AFFILIATED_WITH / CITES.
// Recency: Work.sortDate for works, lastYear of COAUTHOR / AFFILIATED_WITH for people and institutions.
// The three hop blocks are identical but for their hop number and caps: Cypher has no loops, and one statement keeps
// a slice to one round trip whatever its depth.
CALL () {
  MATCH (c:Researcher {id: $center}) RETURN c, 'Researcher' AS kind
  UNION ALL
  MATCH (c:Work {id: $center}) RETURN c, 'Work' AS kind
  UNION ALL
  MATCH (c:Topic {id: $center}) RETURN c, 'Topic' AS kind
  UNION ALL
  MATCH (c:Institution {id: $center}) RETURN c, 'Institution' AS kind
}
WITH [c] AS kept, [{node: c, hop: 0, weight: 1.0, kind: kind}] AS picked, [c] AS frontier
// Hop 1.
CALL (kept, frontier) {
  WITH kept, frontier, $limit - size(kept) AS budget
  WHERE $depth >= 1 AND budget > 0 AND size(frontier) > 0
  CALL (frontier, budget) {
    UNWIND frontier AS n
    WITH n, toInteger(ceil(2.0 * budget / size(frontier))) AS k
    CALL (n, k) {
      MATCH (n)-[r:AUTHORED]-(m) WHERE 'AUTHORED' IN $types_first
      WITH m, r LIMIT $scan_first
      WITH m, 1.0 AS w, coalesce(m.sortDate, '') AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:COAUTHOR]-(m) WHERE 'COAUTHOR' IN $types_first
      WITH m, r LIMIT $scan_first
      WITH m, toFloat(coalesce(r.sharedWorks, 1)) AS w, toString(coalesce(r.lastYear, '')) AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:WORKS_ON]-(m) WHERE 'WORKS_ON' IN $types_first
      WITH m, r LIMIT $scan_first
      WITH m, toFloat(coalesce(r.weight, 0.0)) AS w, '' AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:HAS_TOPIC]-(m) WHERE 'HAS_TOPIC' IN $types_first
      WITH m, r LIMIT $scan_first
      WITH m, toFloat(coalesce(r.score, 0.0)) AS w, coalesce(m.sortDate, '') AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:AFFILIATED_WITH]-(m) WHERE 'AFFILIATED_WITH' IN $types_first
      WITH m, r LIMIT $scan_first
      WITH m, 1.0 AS w, toString(coalesce(r.lastYear, '')) AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:CITES]-(m) WHERE 'CITES' IN $types_first
      WITH m, r LIMIT $scan_first
      WITH m, 1.0 AS w, coalesce(m.sortDate, '') AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
    }
    UNWIND best AS b
    RETURN b.m AS m, sum(b.w) AS weight, max(b.rec) AS rec
  }
  WITH budget, m, weight, rec WHERE NOT m IN kept
  WITH budget, m, weight, rec,
       CASE WHEN m:Researcher THEN 0 WHEN m:Work THEN 1 WHEN m:Topic THEN 2 ELSE 3 END AS kind_order
  ORDER BY weight DESC, rec DESC, m.id
  WITH budget, kind_order,
       collect({m: m, weight: weight, kind: ['Researcher', 'Work', 'Topic', 'Institution'][kind_order]}) AS ranked
  UNWIND range(0, size(ranked) - 1) AS position
  WITH budget, kind_order, ranked[position] AS pick, position ORDER BY position, kind_order
  RETURN collect(pick)[..coalesce(max(budget), 0)] AS layer
}
WITH kept + [p IN layer | p.m] AS kept,
     picked + [p IN layer | {node: p.m, hop: 1, weight: p.weight, kind: p.kind}] AS picked,
     [p IN layer | p.m][..$frontier] AS frontier
// Hop 2.
CALL (kept, frontier) {
  WITH kept, frontier, $limit - size(kept) AS budget
  WHERE $depth >= 2 AND budget > 0 AND size(frontier) > 0
  CALL (frontier, budget) {
    UNWIND frontier AS n
    WITH n, toInteger(ceil(2.0 * budget / size(frontier))) AS k
    CALL (n, k) {
      MATCH (n)-[r:AUTHORED]-(m) WHERE 'AUTHORED' IN $types_next
      WITH m, r LIMIT $scan_next
      WITH m, 1.0 AS w, coalesce(m.sortDate, '') AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:COAUTHOR]-(m) WHERE 'COAUTHOR' IN $types_next
      WITH m, r LIMIT $scan_next
      WITH m, toFloat(coalesce(r.sharedWorks, 1)) AS w, toString(coalesce(r.lastYear, '')) AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:WORKS_ON]-(m) WHERE 'WORKS_ON' IN $types_next
      WITH m, r LIMIT $scan_next
      WITH m, toFloat(coalesce(r.weight, 0.0)) AS w, '' AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:HAS_TOPIC]-(m) WHERE 'HAS_TOPIC' IN $types_next
      WITH m, r LIMIT $scan_next
      WITH m, toFloat(coalesce(r.score, 0.0)) AS w, coalesce(m.sortDate, '') AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:AFFILIATED_WITH]-(m) WHERE 'AFFILIATED_WITH' IN $types_next
      WITH m, r LIMIT $scan_next
      WITH m, 1.0 AS w, toString(coalesce(r.lastYear, '')) AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:CITES]-(m) WHERE 'CITES' IN $types_next
      WITH m, r LIMIT $scan_next
      WITH m, 1.0 AS w, coalesce(m.sortDate, '') AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
    }
    UNWIND best AS b
    RETURN b.m AS m, sum(b.w) AS weight, max(b.rec) AS rec
  }
  WITH budget, m, weight, rec WHERE NOT m IN kept
  WITH budget, m, weight, rec,
       CASE WHEN m:Researcher THEN 0 WHEN m:Work THEN 1 WHEN m:Topic THEN 2 ELSE 3 END AS kind_order
  ORDER BY weight DESC, rec DESC, m.id
  WITH budget, kind_order,
       collect({m: m, weight: weight, kind: ['Researcher', 'Work', 'Topic', 'Institution'][kind_order]}) AS ranked
  UNWIND range(0, size(ranked) - 1) AS position
  WITH budget, kind_order, ranked[position] AS pick, position ORDER BY position, kind_order
  RETURN collect(pick)[..coalesce(max(budget), 0)] AS layer
}
WITH kept + [p IN layer | p.m] AS kept,
     picked + [p IN layer | {node: p.m, hop: 2, weight: p.weight, kind: p.kind}] AS picked,
     [p IN layer | p.m][..$frontier] AS frontier
// Hop 3.
CALL (kept, frontier) {
  WITH kept, frontier, $limit - size(kept) AS budget
  WHERE $depth >= 3 AND budget > 0 AND size(frontier) > 0
  CALL (frontier, budget) {
    UNWIND frontier AS n
    WITH n, toInteger(ceil(2.0 * budget / size(frontier))) AS k
    CALL (n, k) {
      MATCH (n)-[r:AUTHORED]-(m) WHERE 'AUTHORED' IN $types_next
      WITH m, r LIMIT $scan_next
      WITH m, 1.0 AS w, coalesce(m.sortDate, '') AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:COAUTHOR]-(m) WHERE 'COAUTHOR' IN $types_next
      WITH m, r LIMIT $scan_next
      WITH m, toFloat(coalesce(r.sharedWorks, 1)) AS w, toString(coalesce(r.lastYear, '')) AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:WORKS_ON]-(m) WHERE 'WORKS_ON' IN $types_next
      WITH m, r LIMIT $scan_next
      WITH m, toFloat(coalesce(r.weight, 0.0)) AS w, '' AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:HAS_TOPIC]-(m) WHERE 'HAS_TOPIC' IN $types_next
      WITH m, r LIMIT $scan_next
      WITH m, toFloat(coalesce(r.score, 0.0)) AS w, coalesce(m.sortDate, '') AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:AFFILIATED_WITH]-(m) WHERE 'AFFILIATED_WITH' IN $types_next
      WITH m, r LIMIT $scan_next
      WITH m, 1.0 AS w, toString(coalesce(r.lastYear, '')) AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
      UNION ALL
      MATCH (n)-[r:CITES]-(m) WHERE 'CITES' IN $types_next
      WITH m, r LIMIT $scan_next
      WITH m, 1.0 AS w, coalesce(m.sortDate, '') AS rec
      ORDER BY w DESC, rec DESC, m.id
      WITH collect({m: m, w: w, rec: rec}) AS ties RETURN ties[..k] AS best
    }
    UNWIND best AS b
    RETURN b.m AS m, sum(b.w) AS weight, max(b.rec) AS rec
  }
  WITH budget, m, weight, rec WHERE NOT m IN kept
  WITH budget, m, weight, rec,
       CASE WHEN m:Researcher THEN 0 WHEN m:Work THEN 1 WHEN m:Topic THEN 2 ELSE 3 END AS kind_order
  ORDER BY weight DESC, rec DESC, m.id
  WITH budget, kind_order,
       collect({m: m, weight: weight, kind: ['Researcher', 'Work', 'Topic', 'Institution'][kind_order]}) AS ranked
  UNWIND range(0, size(ranked) - 1) AS position
  WITH budget, kind_order, ranked[position] AS pick, position ORDER BY position, kind_order
  RETURN collect(pick)[..coalesce(max(budget), 0)] AS layer
}
WITH kept + [p IN layer | p.m] AS kept,
     picked + [p IN layer | {node: p.m, hop: 3, weight: p.weight, kind: p.kind}] AS picked,
     [p IN layer | p.m] AS frontier
// The edges among the kept nodes and the degrees of the nodes with hop < $depth (for the omitted counts), from the
// kept nodes themselves (no second look-up by id). Each edge is read once, from its small side only: a researcher's
// outgoing COAUTHOR (stored from the smaller id), WORKS_ON and AFFILIATED_WITH in one expand, a work's authors and
// its outgoing HAS_TOPIC and CITES; so a hub topic or institution in the slice is never scanned. The far end is
// tested by node identity (`m IN kept`), which reads no property. Degrees come from COUNT { }, which the planner
// answers from the relationship-group counts. $types: relationship types the slice follows (resolver whitelist).
WITH picked, kept, [p IN picked WHERE p.hop < $depth] AS expanded,
     [p IN picked WHERE p.kind = 'Researcher' | p.node] AS researchers,
     [p IN picked WHERE p.kind = 'Work' | p.node] AS works
RETURN
  [p IN picked | {id: p.node.id, kind: p.kind, label: coalesce(p.node.name, p.node.title, p.node.id), hop: p.hop,
                  weight: p.weight}] AS nodes,
  COLLECT {
    UNWIND researchers AS n
    MATCH (n)-[r:COAUTHOR|WORKS_ON|AFFILIATED_WITH]->(m) WHERE m IN kept
    WITH n, r, m, type(r) AS type WHERE type IN $types
    RETURN {source: n.id, target: m.id, type: type,
            weight: CASE type WHEN 'COAUTHOR' THEN toFloat(r.sharedWorks) WHEN 'WORKS_ON' THEN toFloat(r.weight) END
           } AS edge
    UNION ALL
    UNWIND works AS n
    MATCH (n)<-[r:AUTHORED]-(m) WHERE m IN kept AND 'AUTHORED' IN $types
    RETURN {source: m.id, target: n.id, type: 'AUTHORED', weight: null} AS edge
    UNION ALL
    UNWIND works AS n
    MATCH (n)-[r:HAS_TOPIC|CITES]->(m) WHERE m IN kept
    WITH n, r, m, type(r) AS type WHERE type IN $types
    RETURN {source: n.id, target: m.id, type: type, weight: CASE type WHEN 'HAS_TOPIC' THEN toFloat(r.score) END
           } AS edge
  } AS edges,
  COLLECT {
    UNWIND expanded AS p
    WITH p.node AS n WHERE p.kind = 'Researcher'
    RETURN {id: n.id, degrees: {AUTHORED: COUNT { (n)-[:AUTHORED]-() }, COAUTHOR: COUNT { (n)-[:COAUTHOR]-() },
                                WORKS_ON: COUNT { (n)-[:WORKS_ON]-() },
                                AFFILIATED_WITH: COUNT { (n)-[:AFFILIATED_WITH]-() }}} AS degree
    UNION ALL
    UNWIND expanded AS p
    WITH p.node AS n WHERE p.kind = 'Work'
    RETURN {id: n.id, degrees: {AUTHORED: COUNT { (n)-[:AUTHORED]-() }, HAS_TOPIC: COUNT { (n)-[:HAS_TOPIC]-() },
                                CITES: COUNT { (n)-[:CITES]-() }}} AS degree
    UNION ALL
    UNWIND expanded AS p
    WITH p.node AS n WHERE p.kind = 'Topic'
    RETURN {id: n.id, degrees: {WORKS_ON: COUNT { (n)-[:WORKS_ON]-() },
                                HAS_TOPIC: COUNT { (n)-[:HAS_TOPIC]-() }}} AS degree
    UNION ALL
    UNWIND expanded AS p
    WITH p.node AS n WHERE p.kind = 'Institution'
    RETURN {id: n.id, degrees: {AFFILIATED_WITH: COUNT { (n)-[:AFFILIATED_WITH]-() }}} AS degree
  } AS degrees
