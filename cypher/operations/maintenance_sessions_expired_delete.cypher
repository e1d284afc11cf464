// Collect up to $batch expired sessions (and their :OF link); return how many went.
// The collector repeats it while a full batch comes back. $batch: the most to delete in one transaction.
MATCH (s:Session)
WHERE s.expiresAt <= datetime()
WITH s LIMIT $batch
DETACH DELETE s
RETURN count(*) AS deleted
