// Link researchers to the works they authored, with their byline rank.
// $rows: maps with researcher (A…), work (W…), position (0-based index in the byline), authorPosition
// (first/middle/last), corresponding (bool); both nodes exist.
UNWIND $rows AS row
MATCH (r:Researcher {id: row.researcher})
MATCH (w:Work {id: row.work})
MERGE (r)-[a:AUTHORED]->(w)
SET a.position = row.position, a.authorPosition = row.authorPosition, a.corresponding = row.corresponding
