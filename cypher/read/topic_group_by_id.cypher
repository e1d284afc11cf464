// One level of the topic hierarchy (a Subfield, Field or Domain) by id: its name, the two levels above, the levels
// below with their topic counts, its topics (most works first) and totals. The taxonomy is small (~4,500 topics,
// 26 domains/fields/subfields per level at most a few hundred), so the cost is bounded by it, never by works; the
// distinct works (taggedWorks) are stored by the importer (importer/group_counts.py) and counted live only while
// an import has dropped them and not yet recomputed them.
// $level ('Subfield' | 'Field' | 'Domain', from an enum), $id (numeric OpenAlex id as a string),
// $topics: how many topics to list (at most 100).
CALL () {
  MATCH (g:Subfield {id: $id}) WHERE $level = 'Subfield' RETURN g
  UNION
  MATCH (g:Field {id: $id}) WHERE $level = 'Field' RETURN g
  UNION
  MATCH (g:Domain {id: $id}) WHERE $level = 'Domain' RETURN g
}
WITH g, COLLECT { MATCH (t:Topic)-[:IN*1..3]->(g) RETURN coalesce(t.worksCount, 0) } AS counts
RETURN g { .id, .name,
  parent: COLLECT {
    MATCH (g)-[:IN]->(p)
    RETURN p { .id, .name, parent: COLLECT { MATCH (p)-[:IN]->(q) RETURN q { .id, .name } LIMIT 1 }[0] } LIMIT 1
  }[0],
  children: COLLECT {
    MATCH (c)-[:IN]->(g) WHERE NOT c:Topic
    RETURN c { .id, .name, topicsCount: COUNT { (:Topic)-[:IN*1..2]->(c) } } ORDER BY c.name, c.id
  },
  topicsCount: size(counts),
  taggedWorks: CASE WHEN g.worksCount IS NOT NULL THEN g.worksCount
    ELSE COUNT { MATCH (w:Work)-[:HAS_TOPIC]->(:Topic)-[:IN*1..3]->(g) RETURN DISTINCT w } END,
  topics: COLLECT {
    MATCH (t:Topic)-[:IN*1..3]->(g)
    RETURN t { .id, .name, .worksCount } ORDER BY t.worksCount DESC, t.id LIMIT $topics
  }
} AS grp
