// One counter per rate-limit window; MERGE on this key is safe across replicas only with the constraint.
CREATE CONSTRAINT ratebucket_key_unique IF NOT EXISTS FOR (n:RateBucket) REQUIRE n.key IS UNIQUE
