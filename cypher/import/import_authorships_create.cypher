// Link researchers to works that have no authorships yet (works new to the graph or stubs): CREATE, as nothing
// can exist to merge with, and a retried transaction starts again from the state before it.
// $rows: maps with researcher (A…), work (W…), position (0-based index in the byline), authorPosition
// (first/middle/last), corresponding (bool); both nodes exist.
UNWIND $rows AS row
MATCH (r:Researcher {id: row.researcher})
MATCH (w:Work {id: row.work})
CREATE (r)-[:AUTHORED {position: row.position, authorPosition: row.authorPosition, corresponding: row.corresponding}]->(w)
