// Benchmark set-up only (bench/slice_bench.py): COAUTHOR, WORKS_ON and Topic.worksCount for the researchers whose
// pool index is in $start..$stop - 1 (the importer keeps these exact; the benchmark graph is built without it).
UNWIND range($start, $stop - 1) AS i
MATCH (a:Researcher {id: 'A' + toString(6000000000 + i)})
CALL (a) {
  MATCH (a)-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(b:Researcher) WHERE a.id < b.id
  WITH b, count(DISTINCT w) AS shared, max(w.year) AS last
  MERGE (a)-[c:COAUTHOR]->(b) SET c.sharedWorks = shared, c.lastYear = last
  RETURN count(*) AS coauthors
}
CALL (a) {
  MATCH (a)-[:AUTHORED]->(:Work)-[h:HAS_TOPIC]->(t:Topic)
  WITH t, count(*) AS works, sum(h.score) AS weight
  MERGE (a)-[o:WORKS_ON]->(t) SET o.works = works, o.weight = weight
  RETURN count(*) AS topics
}
RETURN sum(coauthors) AS coauthors, sum(topics) AS topics
