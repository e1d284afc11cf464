// Remove COAUTHOR edges of pairs that no longer share any work that adds ties (after an updated byline dropped an
// author, or grew past $max_authors). Runs under the batch's locks.
// $pairs: [smaller id, larger id] lists; $max_authors: the byline size above which a work adds no ties.
UNWIND $pairs AS pair
MATCH (a:Researcher {id: pair[0]})-[c:COAUTHOR]->(b:Researcher {id: pair[1]})
WHERE NOT EXISTS {
  MATCH (a)-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(b)
  WHERE COUNT { (w)<-[:AUTHORED]-() } <= $max_authors
}
DELETE c
