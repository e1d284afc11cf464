// Add affiliation years to researcher-institution edges. Years accumulate (a union, newest first), so the
// result does not depend on the order works and author records arrive in.
// $rows: maps with researcher (A…), institution (I…), years (list of ints), lastYear (int or null: the
// greatest of years, or for a last-known institution without years the author record's year).
UNWIND $rows AS row
MATCH (r:Researcher {id: row.researcher})
MATCH (i:Institution {id: row.institution})
MERGE (r)-[a:AFFILIATED_WITH]->(i)
WITH a, row, coalesce(a.years, []) + row.years AS years
SET a.years = COLLECT { UNWIND years AS y WITH DISTINCT y ORDER BY y DESC RETURN y },
    a.lastYear = reduce(m = a.lastYear, y IN years + [row.lastYear] | CASE WHEN m IS NULL OR y > m THEN y ELSE m END)
