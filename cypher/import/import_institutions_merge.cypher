// Institutions named on authorships, author affiliations or lineages. Their properties fill in from these
// copies only until the institution's own record is imported (a stored updatedDate).
// $rows: maps with id (I…), name, ror (bare), countryCode, type.
UNWIND $rows AS row
MERGE (i:Institution {id: row.id})
WITH i, row
WHERE i.updatedDate IS NULL
SET i.name = coalesce(row.name, i.name), i.ror = coalesce(row.ror, i.ror),
    i.countryCode = coalesce(row.countryCode, i.countryCode), i.type = coalesce(row.type, i.type)
