// The peer's Researcher.affiliation: the institution with the greatest AFFILIATED_WITH.lastYear (as the service's
// researcher_profiles_by_ids.cypher picks it). `this` is the researcher.
MATCH (this)-[a:AFFILIATED_WITH]->(i:Institution)
RETURN i ORDER BY a.lastYear DESC, i.id LIMIT 1
