// Node and relationship totals (from the count store), to check an imported graph is the one the marker names.
MATCH (n)
WITH count(n) AS nodes
CALL () {
  MATCH ()-[r]->()
  RETURN count(r) AS relationships
}
RETURN nodes, relationships
