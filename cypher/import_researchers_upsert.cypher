// Create or update researchers from author records (the newest record wins; older ones are filtered out
// before this runs). Leaves profile properties a claimed owner sets (summary, openToCollaborate, …) alone.
// $rows: maps with id (A…), name, orcid (bare), updatedDate.
UNWIND $rows AS row
MERGE (r:Researcher {id: row.id})
SET r.name = coalesce(row.name, r.name), r.orcid = row.orcid, r.updatedDate = row.updatedDate
