// Every topic with its works count (HAS_TOPIC degree), fewest first: topic metrics' centres (median, hubs).
MATCH (t:Topic)
RETURN t.id AS id, t.name AS name, COUNT { (t)<-[:HAS_TOPIC]-(:Work) } AS works
ORDER BY works, id
