// Merging X into Y re-points earlier redirects to X (MergedId.into = X) at Y.
CREATE INDEX merged_into_index IF NOT EXISTS FOR (n:MergedId) ON (n.into)
