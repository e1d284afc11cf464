// Topics by id for the root `topic(id)` / `node(id)`: the topic with its place in the hierarchy, plus the parts
// the request selected (docs/resolvers.md), so a topic page reads its topic, chart and co-occurring topics at once.
// $ids: topic ids. $want: {metrics (bool): works and citations per year, stored or over its works (as entity_year_counts);
// cooccurring (int, 0 = off): the topics sharing the most works, over at most scan works (as topic_cooccurring);
// scan (int)}.
UNWIND $ids AS id
MATCH (t:Topic {id: id})
OPTIONAL MATCH (t)-[:IN]->(sf:Subfield)
OPTIONAL MATCH (sf)-[:IN]->(f:Field)
OPTIONAL MATCH (f)-[:IN]->(d:Domain)
OPTIONAL CALL (t) {
  // Stored per-year counts (importer/year_counts.py); computed from the works until the topic has them.
  WITH t WHERE $want.metrics AND t.metricsYears IS NOT NULL
  RETURN {worksCount: t.metricsWorksCount, citedByCount: t.metricsCitedByCount,
          years: [k IN range(0, size(t.metricsYears) - 1)
                  | {year: t.metricsYears[k], works: t.metricsYearWorks[k], citations: t.metricsYearCitations[k]}]}
         AS metrics
  UNION
  WITH t WHERE $want.metrics AND t.metricsYears IS NULL
  OPTIONAL MATCH (t)<-[:HAS_TOPIC]-(w:Work)
  // Grouped by t, so a topic with stored counts (filtered out above) gives no row here, not an empty one.
  WITH t, collect(w) AS works
  CALL (works) {
    UNWIND works AS w
    UNWIND [[w.year, 1, 0]] + [k IN range(0, size(coalesce(w.citationYears, [])) - 1)
                               | [w.citationYears[k], 0, w.citationCounts[k]]] AS row
    WITH row[0] AS year, sum(row[1]) AS published, sum(row[2]) AS cited
    WHERE year IS NOT NULL
    WITH year, published, cited ORDER BY year
    RETURN collect({year: year, works: published, citations: cited}) AS years
  }
  RETURN {worksCount: size(works), years: years,
          citedByCount: reduce(total = 0, w IN works | total + coalesce(w.citedByCount, 0))} AS metrics
}
OPTIONAL CALL (t) {
  WITH t WHERE $want.cooccurring > 0
  CALL (t) {
    MATCH (w:Work)-[:HAS_TOPIC]->(t)
    WITH w LIMIT $want.scan
    RETURN collect(w) AS works
  }
  CALL (t, works) {
    UNWIND works AS w
    MATCH (w)-[:HAS_TOPIC]->(o:Topic) WHERE o <> t
    WITH o, count(*) AS shared ORDER BY shared DESC, o.id LIMIT $want.cooccurring
    RETURN collect(o { .id, .name, .worksCount, shared: shared }) AS topics
  }
  RETURN {scanned: size(works), worksCount: t.worksCount, topics: topics, first: $want.cooccurring} AS cooccurring
}
RETURN id, t { .id, .name, .worksCount, subfield: sf.name, field: f.name, domain: d.name,
  subfieldId: sf.id, fieldId: f.id, domainId: d.id, metrics: metrics, cooccurring: cooccurring } AS topic
