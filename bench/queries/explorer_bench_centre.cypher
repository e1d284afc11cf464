// The explorer benchmark's centre: the researcher with the most relationships (the demo graph's best-connected).
MATCH (r:Researcher)
RETURN r.id AS id, r.name AS name
ORDER BY COUNT { (r)--() } DESC, r.id
LIMIT 1
