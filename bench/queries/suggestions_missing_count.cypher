// Researchers without stored collaborator suggestions (importer/suggestions.py): > 0 on a database imported before
// they existed, which the bench then backfills (bench/corpus.py).
MATCH (r:Researcher) WHERE r.suggestIds IS NULL
RETURN count(r) AS missing
