// One feed event per happening (e.g. NEW_WORK:A…:W…), so a re-import records nothing twice.
CREATE CONSTRAINT feedevent_key_unique IF NOT EXISTS FOR (n:FeedEvent) REQUIRE n.key IS UNIQUE
