// Topics are keyed by their OpenAlex topic id (T…), legacy concepts by C….
CREATE CONSTRAINT topic_id_unique IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE
