// Works and citations per year for a topic, a source or an institution (works of researchers affiliated with it,
// each counted once), with totals: the stored counts (importer/year_counts.py, docs/metrics.md), or, for an entity
// that has none yet (a database imported before they were stored, or an import still running), computed from its
// works as year_counts_live does. Works per year from Work.year; citations per year from the works' OpenAlex
// counts_by_year (citationYears / citationCounts); citedByCount sums OpenAlex's per-work counts.
// $kind ('Topic' | 'Source' | 'Institution', from a whitelist), $id. One row; zeros for an unknown id.
OPTIONAL CALL () {
  MATCH (n:Topic {id: $id}) WHERE $kind = 'Topic' RETURN n
  UNION
  MATCH (n:Source {id: $id}) WHERE $kind = 'Source' RETURN n
  UNION
  MATCH (n:Institution {id: $id}) WHERE $kind = 'Institution' RETURN n
}
CALL (n) {
  WITH n WHERE n.metricsYears IS NOT NULL
  RETURN n.metricsWorksCount AS worksCount, n.metricsCitedByCount AS citedByCount,
    [k IN range(0, size(n.metricsYears) - 1)
     | {year: n.metricsYears[k], works: n.metricsYearWorks[k], citations: n.metricsYearCitations[k]}] AS years
  UNION
  WITH n WHERE n.metricsYears IS NULL
  OPTIONAL CALL (n) {
    MATCH (n)<-[:HAS_TOPIC]-(w:Work)
    WHERE $kind = 'Topic'
    RETURN w
    UNION
    MATCH (n)<-[:PUBLISHED_IN]-(w:Work)
    WHERE $kind = 'Source'
    RETURN w
    UNION
    MATCH (n)<-[:AFFILIATED_WITH]-(:Researcher)-[:AUTHORED]->(w:Work)
    WHERE $kind = 'Institution'
    RETURN w
  }
  // Grouped by n, so an entity with stored counts (filtered out above) gives no row here, not an empty one.
  WITH n, collect(w) AS works
  CALL (works) {
    UNWIND works AS w
    UNWIND [[w.year, 1, 0]] + [k IN range(0, size(coalesce(w.citationYears, [])) - 1)
                               | [w.citationYears[k], 0, w.citationCounts[k]]] AS row
    WITH row[0] AS year, sum(row[1]) AS published, sum(row[2]) AS cited
    WHERE year IS NOT NULL
    WITH year, published, cited ORDER BY year
    RETURN collect({year: year, works: published, citations: cited}) AS years
  }
  RETURN size(works) AS worksCount, reduce(total = 0, w IN works | total + coalesce(w.citedByCount, 0)) AS citedByCount,
    years
}
RETURN worksCount, citedByCount, years
