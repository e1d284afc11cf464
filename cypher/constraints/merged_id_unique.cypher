// Ids OpenAlex merged away, kept so old links re-point to the surviving record.
CREATE CONSTRAINT merged_id_unique IF NOT EXISTS FOR (n:MergedId) REQUIRE n.id IS UNIQUE
