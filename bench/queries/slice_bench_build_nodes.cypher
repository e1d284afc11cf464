// Benchmark set-up only (bench/slice_bench.py): the topics and researchers of the synthetic hub graph.
// $researchers: size of the researcher pool; $topics: number of ordinary topics (plus the hub topic T1).
UNWIND range(0, $researchers - 1) AS i
CREATE (:Researcher {id: 'A' + toString(6000000000 + i), name: 'Researcher ' + toString(i)})
WITH count(*) AS researchers
UNWIND range(0, $topics) AS t
CREATE (:Topic {id: 'T' + toString(1 + t), name: CASE t WHEN 0 THEN 'Hub topic' ELSE 'Topic ' + toString(t) END})
RETURN researchers, count(*) AS topics
