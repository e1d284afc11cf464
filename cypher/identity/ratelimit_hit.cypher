// Count one hit in a fixed-window rate-limit bucket; return the hits in that window so far.
// $key: "<scope>:<subject>:<window>"; $subject: "<scope>:<subject>" (groups a subject's windows for clean-up);
// $window: the window's index (epoch seconds // $window_seconds); $window_seconds: the window length.
// MERGE + SET under the bucket's lock makes the increment atomic; older windows of the subject are deleted.
MERGE (b:RateBucket {key: $key})
  ON CREATE SET b.subject = $subject, b.count = 0,
                b.expiresAt = datetime({epochSeconds: ($window + 1) * $window_seconds})
SET b.count = b.count + 1
WITH b
CALL (b) {
  MATCH (old:RateBucket {subject: b.subject})
  WHERE old.expiresAt < datetime() AND old <> b
  DELETE old
}
RETURN b.count AS count
