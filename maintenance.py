"""Collection of expired records: sessions past their expiry and rate-limit windows that have ended.

Neither is ever read again once expired (the session and rate-limit queries check the expiry), so collecting them
only bounds growth. It runs as `scholargraph maintenance` (cron, a Kubernetes CronJob) and as a periodic task in
the service (MAINTENANCE_INTERVAL seconds, 0 turns it off). Several replicas collecting at once is harmless:
each batch is its own transaction and deleting an already deleted node matches nothing.
"""

from __future__ import annotations

import asyncio
import logging
import random

from scholargraph.db import Graph
from scholargraph.errors import DatabaseUnavailable

log = logging.getLogger("scholargraph.maintenance")

BATCH = 5000
COLLECTORS = {
    "sessions": "maintenance_sessions_expired_delete",
    "rate_buckets": "maintenance_ratebuckets_expired_delete",
}


async def collect_expired(graph: Graph, batch: int = BATCH) -> dict[str, int]:
    """Delete every expired session and ended rate-limit window, `batch` per transaction; return the counts."""
    deleted: dict[str, int] = {}
    for what, statement in COLLECTORS.items():
        total = 0
        while True:
            rows = await graph.write(statement, batch=batch)
            total += rows[0]["deleted"]
            if rows[0]["deleted"] < batch:
                break
        deleted[what] = total
    return deleted


async def collect_periodically(graph: Graph, interval: float) -> None:
    """Collect every `interval` seconds (with a little jitter so replicas spread out) until cancelled."""
    while True:
        await asyncio.sleep(interval * random.uniform(0.9, 1.1))
        try:
            deleted = await collect_expired(graph)
        except DatabaseUnavailable:
            log.warning("maintenance skipped: the database is not available")
            continue
        except Exception:
            log.exception("maintenance failed")
            continue
        if any(deleted.values()):
            log.info("maintenance collected %d expired sessions, %d ended rate-limit windows",
                     deleted["sessions"], deleted["rate_buckets"])
