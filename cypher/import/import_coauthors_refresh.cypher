// Recompute COAUTHOR for researcher pairs a batch touched: one edge per pair, from the smaller id to the larger
// (string order), sharedWorks = exact count of shared works, lastYear = the newest shared work's year. Works with
// more than $max_authors authors (collaboration-scale bylines) are not counted, as they add no COAUTHOR ties.
// Pairs that no longer share a work are removed by import_coauthors_prune. Runs under the batch's locks.
// $pairs: [smaller id, larger id] lists; $max_authors: the byline size above which a work adds no ties.
UNWIND $pairs AS pair
MATCH (a:Researcher {id: pair[0]})
MATCH (b:Researcher {id: pair[1]})
CALL (a, b) {
  OPTIONAL MATCH (a)-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(b)
  WHERE COUNT { (w)<-[:AUTHORED]-() } <= $max_authors
  RETURN count(w) AS shared, max(w.year) AS lastYear
}
WITH a, b, shared, lastYear
WHERE shared > 0
MERGE (a)-[c:COAUTHOR]->(b)
SET c.sharedWorks = shared, c.lastYear = lastYear
