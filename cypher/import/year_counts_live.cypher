// Works and citations per year of topics, sources and institutions, computed from their works: the definition
// the stored values follow (docs/metrics.md; the read fallbacks entity_year_counts and topic_read_by_ids compute
// the same). A topic's works carry it (HAS_TOPIC), a source's were published in it (PUBLISHED_IN), an
// institution's are the works of researchers affiliated with it (AFFILIATED_WITH, each work counted once). Works
// per year from Work.year; citations per year from the works' OpenAlex counts_by_year (citationYears /
// citationCounts); citedByCount sums OpenAlex's per-work counts. An entity with no works gives zeros and no years.
// $rows: [{kind ('Topic' | 'Source' | 'Institution'), id}]. Cost grows with each entity's works.
UNWIND $rows AS row
CALL (row) {
  CALL (row) {
    MATCH (:Topic {id: row.id})<-[:HAS_TOPIC]-(w:Work)
    WHERE row.kind = 'Topic'
    RETURN w
    UNION
    MATCH (:Source {id: row.id})<-[:PUBLISHED_IN]-(w:Work)
    WHERE row.kind = 'Source'
    RETURN w
    UNION
    MATCH (:Institution {id: row.id})<-[:AFFILIATED_WITH]-(:Researcher)-[:AUTHORED]->(w:Work)
    WHERE row.kind = 'Institution'
    RETURN w
  }
  WITH collect(w) AS works
  CALL (works) {
    UNWIND works AS w
    UNWIND [[w.year, 1, 0]] + [k IN range(0, size(coalesce(w.citationYears, [])) - 1)
                               | [w.citationYears[k], 0, w.citationCounts[k]]] AS item
    WITH item[0] AS year, sum(item[1]) AS published, sum(item[2]) AS cited
    WHERE year IS NOT NULL
    WITH year, published, cited ORDER BY year
    RETURN collect(year) AS years, collect(published) AS yearWorks, collect(cited) AS yearCitations
  }
  RETURN size(works) AS worksCount, reduce(total = 0, w IN works | total + coalesce(w.citedByCount, 0)) AS citedByCount,
    years, yearWorks, yearCitations
}
RETURN row.kind AS kind, row.id AS id, worksCount, citedByCount, years, yearWorks, yearCitations
