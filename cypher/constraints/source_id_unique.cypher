// Sources (venues) are keyed by their OpenAlex source id (S…).
CREATE CONSTRAINT source_id_unique IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE
