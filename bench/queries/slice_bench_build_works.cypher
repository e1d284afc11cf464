// Benchmark set-up only (bench/slice_bench.py): works $start..$stop - 1 of the synthetic hub graph, with their
// authors and topics. Works below $hub_works carry the hub topic T1 only; the others one of $topics ordinary
// topics. Two authors per work from a pool of $researchers, spread by fixed strides (deterministic).
UNWIND range($start, $stop - 1) AS i
CREATE (w:Work {id: 'W' + toString(7000000000 + i), title: 'Work ' + toString(i), year: 1990 + i % 35,
                sortDate: toString(1990 + i % 35) + '-01-01'})
WITH w, i
MATCH (t:Topic {id: CASE WHEN i < $hub_works THEN 'T1' ELSE 'T' + toString(2 + i % $topics) END})
CREATE (w)-[:HAS_TOPIC {score: 0.3 + (i % 70) / 100.0, primary: true}]->(t)
WITH w, i
UNWIND [(i * 7) % $researchers, (i * 13 + 1) % $researchers] AS a
MATCH (r:Researcher {id: 'A' + toString(6000000000 + a)})
MERGE (r)-[:AUTHORED]->(w)
RETURN count(*) AS authorships
