// Link citing works to the works they reference (full works or stubs).
// $rows: maps with source and target (W…); both nodes exist.
UNWIND $rows AS row
MATCH (a:Work {id: row.source})
MATCH (b:Work {id: row.target})
MERGE (a)-[:CITES]->(b)
