// The size of the graph the suggestions benchmark ran on (count-store look-ups), and the biggest topic.
// No parameters.
MATCH (w:Work)
WITH count(w) AS works
CALL () {
  MATCH (r:Researcher)
  RETURN count(r) AS researchers
}
CALL () {
  MATCH ()-[c:COAUTHOR]->()
  RETURN count(c) AS coauthor_edges
}
CALL () {
  MATCH (t:Topic)
  RETURN max(t.worksCount) AS largest_topic
}
RETURN works, researchers, coauthor_edges, largest_topic
