"""The `scholargraph` command: database, service, seed, import and user administration."""
