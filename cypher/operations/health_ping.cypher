// Liveness of the database for /healthz: one row with ok = 1.
RETURN 1 AS ok
