// Create or update works from full records; a stub (known only as a reference target) becomes a full work.
// $rows: maps with id, title, type, year, publicationDate, sortDate, abstract, doi, arxivId, citedByCount,
// citationYears, citationCounts (OpenAlex counts_by_year as parallel lists), language, authorNames, updatedDate
// (the newest record replaces every one of these, nulls included).
UNWIND $rows AS row
MERGE (w:Work {id: row.id})
SET w.title = row.title, w.type = row.type, w.year = row.year, w.publicationDate = row.publicationDate,
    w.sortDate = row.sortDate, w.abstract = row.abstract, w.doi = row.doi, w.arxivId = row.arxivId,
    w.citedByCount = row.citedByCount,
    w.citationYears = row.citationYears, w.citationCounts = row.citationCounts, w.language = row.language,
    w.authorNames = row.authorNames,
    w.updatedDate = row.updatedDate, w.stub = false
