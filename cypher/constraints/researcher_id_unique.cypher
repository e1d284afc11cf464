// Researchers are keyed by their OpenAlex author id (A…).
CREATE CONSTRAINT researcher_id_unique IF NOT EXISTS FOR (n:Researcher) REQUIRE n.id IS UNIQUE
