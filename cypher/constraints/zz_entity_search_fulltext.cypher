// One full-text index over every searchable entity, for `search` and autocomplete (prefix queries).
// Works are found by title, everything else by name.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Researcher|Work|Topic|Institution|Source) ON EACH [n.name, n.title]
