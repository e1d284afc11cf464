// Researchers named on authorships. Name and ORCID fill in from bylines only until the researcher's own
// author record is imported (a stored updatedDate); after that the author record is authoritative.
// $rows: maps with id (A…), name, orcid (bare).
UNWIND $rows AS row
MERGE (r:Researcher {id: row.id})
WITH r, row
WHERE r.updatedDate IS NULL
SET r.name = coalesce(row.name, r.name), r.orcid = coalesce(row.orcid, r.orcid)
