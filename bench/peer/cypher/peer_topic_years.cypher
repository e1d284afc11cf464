// The peer's Topic.countsByYear: works published per year and citations received per year over the topic's works.
MATCH (this)<-[:HAS_TOPIC]-(w:Work)
UNWIND [[w.year, 1, 0]] + [k IN range(0, size(coalesce(w.citationYears, [])) - 1)
                           | [w.citationYears[k], 0, w.citationCounts[k]]] AS row
WITH row[0] AS year, sum(row[1]) AS works, sum(row[2]) AS citations
WHERE year IS NOT NULL
RETURN {year: year, works: works, citations: citations} AS y ORDER BY year
