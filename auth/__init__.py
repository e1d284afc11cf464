"""Identity: password hashing, session tokens, rate limits, mail, and the `scholargraph users` commands."""
