// Remove WORKS_ON edges whose researcher no longer has a work with that topic.
// $pairs: [researcher id, topic id] lists.
UNWIND $pairs AS pair
MATCH (r:Researcher {id: pair[0]})-[x:WORKS_ON]->(t:Topic {id: pair[1]})
WHERE NOT EXISTS { (r)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(t) }
DELETE x
