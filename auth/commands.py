"""`scholargraph users grant|revoke ROLE EMAIL`: give or take a role (moderator) from an account."""

from __future__ import annotations

import argparse
import asyncio

from scholargraph import db
from scholargraph.db import Graph
from scholargraph.settings import Settings

ROLES = ("moderator",)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("users", help="manage accounts' roles")
    actions = parser.add_subparsers(dest="action", required=True)
    for action, handler, summary in (("grant", grant, "give a role to the account with this e-mail"),
                                     ("revoke", revoke, "take a role from the account with this e-mail")):
        sub = actions.add_parser(action, help=summary)
        sub.add_argument("role", choices=ROLES)
        sub.add_argument("email")
        sub.add_argument("--instance", default="run", help="local instance when NEO4J_URI is unset")
        sub.set_defaults(handler=handler)


async def set_role(graph: Graph, email: str, role: str, granted: bool) -> list[str] | None:
    """Grant or revoke `role`; the account's roles afterwards, or None for an unknown e-mail."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    rows = await graph.write("user_role_set", email=email.strip().lower(), role=role, granted=granted)
    return list(rows[0]["user"]["roles"]) if rows else None


def _run(args: argparse.Namespace, granted: bool) -> int:
    async def work() -> list[str] | None:
        async with db.connect(Settings.from_environ(instance=args.instance)) as graph:
            return await set_role(graph, args.email, args.role, granted)

    roles = asyncio.run(work())
    if roles is None:
        print(f"users: no account with e-mail {args.email}")
        return 1
    print(f"users: {args.email} now has roles {', '.join(roles) or '(none)'}")
    return 0


def grant(args: argparse.Namespace) -> int:
    return _run(args, True)


def revoke(args: argparse.Namespace) -> int:
    return _run(args, False)
