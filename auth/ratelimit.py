"""Fixed-window rate limits whose counters live in Neo4j (RateBucket nodes), so every replica shares them."""

from __future__ import annotations

import time
from dataclasses import dataclass

from scholargraph.db import Graph
from scholargraph.errors import RateLimited


@dataclass(frozen=True)
class Limit:
    scope: str
    hits: int
    window_seconds: int


LOGIN_PER_ACCOUNT = Limit("login-account", hits=10, window_seconds=15 * 60)
LOGIN_PER_ADDRESS = Limit("login-address", hits=50, window_seconds=15 * 60)
REGISTER_PER_ADDRESS = Limit("register-address", hits=20, window_seconds=60 * 60)
INVITES_PER_SENDER = Limit("invite-sender", hits=10, window_seconds=24 * 60 * 60)
VERIFY_MAILS_PER_ACCOUNT = Limit("verify-mail", hits=3, window_seconds=60 * 60)


async def hit(graph: Graph, limit: Limit, subject: str) -> None:
    """Count one attempt by `subject`. Raises RateLimited once the window's allowance is used up."""
    window = int(time.time() // limit.window_seconds)
    bucket = f"{limit.scope}:{subject}"
    rows = await graph.write("ratelimit_hit", key=f"{bucket}:{window}", subject=bucket, window=window,
                             window_seconds=limit.window_seconds)
    if rows[0]["count"] > limit.hits:
        retry = (window + 1) * limit.window_seconds - int(time.time())
        raise RateLimited(f"Too many attempts; try again in {max(retry, 1)} seconds.")
