// Look institutions up by ROR id.
CREATE INDEX institution_ror_index IF NOT EXISTS FOR (n:Institution) ON (n.ror)
