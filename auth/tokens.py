"""Opaque random tokens (sessions, e-mail verification), stored only as their SHA-256 digest, and our ids."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32


def new_token() -> str:
    """A fresh URL-safe token with 256 bits of randomness."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str | None) -> str:
    """The digest stored in the graph; "" for no token, which matches no stored digest."""
    return hashlib.sha256(token.encode()).hexdigest() if token else ""


def new_id(prefix: str) -> str:
    """An id for our own records, e.g. usr_3f9c…; the prefix keeps them apart from OpenAlex ids."""
    return f"{prefix}_{secrets.token_hex(10)}"
