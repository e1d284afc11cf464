// Link works that cite nothing yet (new to the graph or stubs) to the works they reference: CREATE, nothing to
// merge with.
// $rows: maps with source and target (W…); both nodes exist.
UNWIND $rows AS row
MATCH (a:Work {id: row.source})
MATCH (b:Work {id: row.target})
CREATE (a)-[:CITES]->(b)
