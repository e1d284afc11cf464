// Topic hierarchy: subfields keyed by their numeric OpenAlex id as a string.
CREATE CONSTRAINT subfield_id_unique IF NOT EXISTS FOR (n:Subfield) REQUIRE n.id IS UNIQUE
