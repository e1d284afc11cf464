// Look researchers up by ORCID (claims prove an ORCID that is on the record).
CREATE INDEX researcher_orcid_index IF NOT EXISTS FOR (n:Researcher) ON (n.orcid)
