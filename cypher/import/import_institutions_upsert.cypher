// Create or update institutions from institution records (the newest record wins; older ones are filtered
// out before this runs). updatedDate marks the node as coming from its own record.
// $rows: maps with id (I…), name, ror (bare), countryCode, type, domains (list of hosts), updatedDate.
UNWIND $rows AS row
MERGE (i:Institution {id: row.id})
SET i.name = coalesce(row.name, i.name), i.ror = row.ror, i.countryCode = row.countryCode, i.type = row.type,
    i.domains = row.domains, i.updatedDate = row.updatedDate
