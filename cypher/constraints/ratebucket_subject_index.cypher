// Expired windows are cleaned up per subject.
CREATE INDEX ratebucket_subject_index IF NOT EXISTS FOR (n:RateBucket) ON (n.subject)
