// Link works to the venue of their primary location.
// $rows: maps with work (W…) and source (S…); both nodes exist.
UNWIND $rows AS row
MATCH (w:Work {id: row.work})
MATCH (s:Source {id: row.source})
MERGE (w)-[:PUBLISHED_IN]->(s)
