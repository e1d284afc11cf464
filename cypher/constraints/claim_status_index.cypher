// The moderation queue lists claims by status.
CREATE INDEX claim_status_index IF NOT EXISTS FOR (n:Claim) ON (n.status)
