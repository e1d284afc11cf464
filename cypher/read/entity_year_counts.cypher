// Works and citations per year for a topic, a source or an institution (works of researchers affiliated with it,
// each counted once), with totals. Works per year from Work.year; citations per year from the works' OpenAlex
// counts_by_year (citationYears / citationCounts); citedByCount sums OpenAlex's per-work counts.
// $kind ('Topic' | 'Source' | 'Institution', from a whitelist), $id. The cost grows with the entity's works.
CALL () {
  MATCH (:Topic {id: $id})<-[:HAS_TOPIC]-(w:Work)
  WHERE $kind = 'Topic'
  RETURN w
  UNION
  MATCH (:Source {id: $id})<-[:PUBLISHED_IN]-(w:Work)
  WHERE $kind = 'Source'
  RETURN w
  UNION
  MATCH (:Institution {id: $id})<-[:AFFILIATED_WITH]-(:Researcher)-[:AUTHORED]->(w:Work)
  WHERE $kind = 'Institution'
  RETURN w
}
WITH collect(w) AS works
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
