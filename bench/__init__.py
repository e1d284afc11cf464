"""Service benchmark: end-to-end GraphQL latency and throughput against the raw-Cypher floor."""
