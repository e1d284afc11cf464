// The peer's Topic.metricTotals: works with the topic and the sum of their OpenAlex citation counts.
MATCH (this)<-[:HAS_TOPIC]-(w:Work)
RETURN {works: count(w), citations: sum(coalesce(w.citedByCount, 0))} AS totals
