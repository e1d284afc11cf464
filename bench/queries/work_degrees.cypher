// Every imported work (no citation stubs) with its byline size and its in-graph citations and references,
// fewest citations first: the work page's centres come from fixed ranks of this list (the median work, the works
// with the longest bylines, the most cited works).
MATCH (w:Work)
WHERE NOT coalesce(w.stub, false)
RETURN w.id AS id, size(coalesce(w.authorNames, [])) AS authors, COUNT { (:Work)-[:CITES]->(w) } AS citedBy,
       COUNT { (w)-[:CITES]->() } AS references
ORDER BY citedBy, authors, id
