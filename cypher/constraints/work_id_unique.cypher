// Works are keyed by their OpenAlex work id (W…).
CREATE CONSTRAINT work_id_unique IF NOT EXISTS FOR (n:Work) REQUIRE n.id IS UNIQUE
