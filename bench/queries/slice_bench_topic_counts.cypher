// Benchmark set-up only (bench/slice_bench.py): Topic.worksCount from the HAS_TOPIC degree (no parameters).
MATCH (t:Topic)
SET t.worksCount = COUNT { (t)<-[:HAS_TOPIC]-() }
RETURN count(t) AS topics
