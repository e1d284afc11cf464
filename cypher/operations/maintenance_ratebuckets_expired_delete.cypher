// Collect up to $batch rate-limit windows that have ended; return how many went.
// A live window is never touched, so a collection never resets a count. $batch: the most to delete at once.
MATCH (b:RateBucket)
WHERE b.expiresAt < datetime()
WITH b LIMIT $batch
DELETE b
RETURN count(*) AS deleted
