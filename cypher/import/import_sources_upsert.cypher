// Create or update venues (sources) named by works' primary_location.source.
// $rows: maps with id (S…), name, type, issnL.
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s.name = coalesce(row.name, s.name), s.type = coalesce(row.type, s.type), s.issnL = coalesce(row.issnL, s.issnL)
