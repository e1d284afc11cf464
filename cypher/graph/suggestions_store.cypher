// Store each researcher's ranked collaborator candidates (importer/suggestions.py builds the rows from
// suggestions_collaborators; suggestions_stored reads them). $rows: [{id, ids, scores, facts}], ids sorted, locked.
UNWIND $rows AS row
MATCH (r:Researcher {id: row.id})
SET r.suggestIds = row.ids, r.suggestScores = row.scores, r.suggestFacts = row.facts
