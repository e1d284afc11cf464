"""`scholargraph digest send`: mail each follower what happened to the researchers they follow since last time.

Run it from cron or any scheduler (daily, say); each run covers the events up to its own start and remembers that
per user, so runs never repeat an event and a failed mail is retried by the next run.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime
from typing import Any

from scholargraph import db
from scholargraph.auth import mail, messages
from scholargraph.db import Graph
from scholargraph.settings import Settings

MAX_EVENTS = 50


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("digest", help="e-mail followers the news of the researchers they follow")
    actions = parser.add_subparsers(dest="action", required=True)
    send = actions.add_parser("send", help="send every follower with news a digest mail (for cron)")
    send.add_argument("--instance", default="run", help="local instance when NEO4J_URI is unset")
    send.set_defaults(handler=_send_command)


def event_line(event: dict[str, Any]) -> str:
    """One sentence for an event, as the digest and the feed page word it."""
    name = event["researcher"]["name"] or event["researcher"]["id"]
    title = (event.get("work") or {}).get("title") or "a work"
    if event["kind"] == "NEW_WORK":
        return f"{name} has a new work: {title}"
    if event["kind"] == "NEW_CITATION":
        return f"{name}'s work {title} was cited"
    return f"{name} claimed their author record"


async def send_digests(graph: Graph, settings: Settings | None, until: datetime | None = None) -> int:
    """Mail every user with news since their last digest; return how many mails went out."""
    stamp = (until or datetime.now(UTC)).isoformat()
    rows = await graph.read("digest_pending", until=stamp, limit=MAX_EVENTS)
    sent = 0
    for row in rows:
        user = row["user"]
        lines = [event_line(event) for event in row["events"]]
        if await mail.deliver(settings, user["email"], messages.digest(mail.public_url(settings),
                                                                        user["displayName"], lines)):
            await graph.write("digest_mark_sent", user_id=user["id"], until=stamp)
            sent += 1
    return sent


def _send_command(args: argparse.Namespace) -> int:
    settings = Settings.from_environ(instance=args.instance)

    async def work() -> int:
        async with db.connect(settings) as graph:
            return await send_digests(graph, settings)

    print(f"digest: {asyncio.run(work())} mail(s) sent")
    return 0
