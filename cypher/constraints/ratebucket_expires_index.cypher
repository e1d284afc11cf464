// The maintenance collector finds rate-limit windows that have ended by their expiry.
CREATE INDEX ratebucket_expires_index IF NOT EXISTS FOR (n:RateBucket) ON (n.expiresAt)
