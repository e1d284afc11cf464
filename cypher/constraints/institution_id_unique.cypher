// Institutions are keyed by their OpenAlex institution id (I…).
CREATE CONSTRAINT institution_id_unique IF NOT EXISTS FOR (n:Institution) REQUIRE n.id IS UNIQUE
