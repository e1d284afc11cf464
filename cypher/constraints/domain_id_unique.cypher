// Topic hierarchy: domains keyed by their numeric OpenAlex id as a string.
CREATE CONSTRAINT domain_id_unique IF NOT EXISTS FOR (n:Domain) REQUIRE n.id IS UNIQUE
