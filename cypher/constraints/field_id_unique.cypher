// Topic hierarchy: fields keyed by their numeric OpenAlex id as a string.
CREATE CONSTRAINT field_id_unique IF NOT EXISTS FOR (n:Field) REQUIRE n.id IS UNIQUE
