// Every researcher with its degree (all relationships) and works count, lowest degree first: the bench draws
// its centres from fixed ranks of this list (median, p90, p99, the largest hubs).
MATCH (r:Researcher)
RETURN r.id AS id, r.name AS name, COUNT { (r)--() } AS degree, COUNT { (r)-[:AUTHORED]->(:Work) } AS works
ORDER BY degree, id
