// The maintenance collector finds expired sessions by their expiry.
CREATE INDEX session_expires_index IF NOT EXISTS FOR (n:Session) ON (n.expiresAt)
