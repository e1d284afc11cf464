// What a researcher's citation metrics are computed from, one row per requested id that exists.
// $ids: researcher ids. For each of the researcher's works (hidden ones left out, as in the profile's counts):
// [year, citations, citationYears, citationCounts], where citations is the larger of OpenAlex's cited_by_count
// and the number of imported works that cite it (a degree look-up, so the cost grows with the researcher's works,
// never with their citations; docs/metrics.md says why the larger one). Also OpenAlex's own reported figures.
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
RETURN id, r {
  .id,
  reported: CASE WHEN r.reportedWorksCount IS NULL AND r.reportedHIndex IS NULL THEN null ELSE {
    worksCount: r.reportedWorksCount, citedByCount: r.reportedCitedByCount, hIndex: r.reportedHIndex,
    i10Index: r.reportedI10Index } END,
  works: COLLECT {
    MATCH (r)-[:AUTHORED]->(w:Work)
    WHERE NOT w.id IN coalesce(r.hiddenWorkIds, [])
    WITH w, coalesce(w.citedByCount, 0) AS reported, COUNT { (:Work)-[:CITES]->(w) } AS inGraph
    RETURN [w.year, CASE WHEN reported >= inGraph THEN reported ELSE inGraph END,
            coalesce(w.citationYears, []), coalesce(w.citationCounts, [])]
  }
} AS metrics
