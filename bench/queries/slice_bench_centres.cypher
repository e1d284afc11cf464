// Benchmark only (bench/slice_bench.py): a work in the hub topic T1 and an ordinary work, with their degrees.
// $hub_works: works below this index carry the hub topic (as built by slice_bench_build_works).
MATCH (hub:Topic {id: 'T1'})
MATCH (inside:Work {id: 'W' + toString(7000000000 + $hub_works / 2)})
MATCH (outside:Work {id: 'W' + toString(7000000000 + $hub_works + 1)})
RETURN inside.id AS hub_work, outside.id AS ordinary_work, hub.id AS hub_topic,
       COUNT { (hub)<-[:HAS_TOPIC]-() } AS hub_degree,
       COUNT { (outside)-[:HAS_TOPIC]->(:Topic)<-[:HAS_TOPIC]-() } AS ordinary_topic_degree
