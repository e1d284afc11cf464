// Remember that a user's digest covering events up to $until was sent.
// $user_id; $until: ISO date-time string (the digest run's start).
MATCH (u:User {id: $user_id})
SET u.digestSentAt = datetime($until)
RETURN u.id AS id
