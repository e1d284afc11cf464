// Create or update researchers from author records (the newest record wins; older ones are filtered out
// before this runs). Leaves profile properties a claimed owner sets (summary, openToCollaborate, …) alone.
// $rows: maps with id (A…), name, orcid (bare), updatedDate, and OpenAlex's reported figures reportedWorksCount,
// reportedCitedByCount, reportedHIndex, reportedI10Index (null when the record lacks them).
UNWIND $rows AS row
MERGE (r:Researcher {id: row.id})
SET r.name = coalesce(row.name, r.name), r.orcid = row.orcid, r.updatedDate = row.updatedDate,
    r.reportedWorksCount = row.reportedWorksCount, r.reportedCitedByCount = row.reportedCitedByCount,
    r.reportedHIndex = row.reportedHIndex, r.reportedI10Index = row.reportedI10Index
