// Link works that have no venue yet (new to the graph or stubs) to the venue of their primary location.
// $rows: maps with work (W…) and source (S…); both nodes exist.
UNWIND $rows AS row
MATCH (w:Work {id: row.work})
MATCH (s:Source {id: row.source})
CREATE (w)-[:PUBLISHED_IN]->(s)
