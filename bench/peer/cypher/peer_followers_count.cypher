// The peer's Researcher.followersCount: a degree look-up, as in researcher_profiles_by_ids.cypher.
RETURN COUNT { (:User)-[:FOLLOWS]->(this) } AS n
