// Set the demo profiles' summary and "open to collaborate" (OpenAlex records carry neither).
// $profiles: list of {id, summary, openToCollaborate}; ids not in the graph are ignored.
UNWIND $profiles AS profile
MATCH (r:Researcher {id: profile.id})
SET r.summary = profile.summary, r.openToCollaborate = profile.openToCollaborate
RETURN count(r) AS updated
