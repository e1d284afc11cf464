// Look works up by DOI.
CREATE INDEX work_doi_index IF NOT EXISTS FOR (n:Work) ON (n.doi)
