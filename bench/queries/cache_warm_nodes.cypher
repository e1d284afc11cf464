// Read every node's labels and properties once, so the measured runs start with the store in the page cache.
MATCH (n)
RETURN count(n) AS nodes, sum(size(labels(n)) + size(keys(properties(n)))) AS touched
