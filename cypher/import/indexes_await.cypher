// Wait (up to 300 s) until every index is online, so a fresh migration is usable at once.
CALL db.awaitIndexes(300)
