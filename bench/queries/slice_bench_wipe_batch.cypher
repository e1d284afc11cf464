// Benchmark set-up only (bench/slice_bench.py --build, on its own instance): delete up to $batch nodes.
MATCH (n)
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
