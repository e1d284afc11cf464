// Link institutions to their parent from `lineage` (each lineage step is one PART_OF).
// $rows: maps with child and parent (I…); both nodes exist.
UNWIND $rows AS row
MATCH (c:Institution {id: row.child})
MATCH (p:Institution {id: row.parent})
MERGE (c)-[:PART_OF]->(p)
