// Researchers with no stored suggestions (never computed, or invalidated by an import), in key order.
MATCH (r:Researcher) WHERE r.suggestIds IS NULL
RETURN r.id AS id ORDER BY id
