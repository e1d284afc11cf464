// Remove COAUTHOR edges of pairs that no longer share any work (after an updated byline dropped an author).
// $pairs: [smaller id, larger id] lists.
UNWIND $pairs AS pair
MATCH (a:Researcher {id: pair[0]})-[c:COAUTHOR]->(b:Researcher {id: pair[1]})
WHERE NOT EXISTS { (a)-[:AUTHORED]->(:Work)<-[:AUTHORED]-(b) }
DELETE c
