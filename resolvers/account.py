"""Accounts and sessions: register, verify e-mail, login, logout, change password, and who the viewer is."""

from __future__ import annotations

import contextlib
import logging
import re
from functools import partial
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry.dataloader import DataLoader

from scholargraph.context import Context
from scholargraph.auth import mail, messages, passwords, ratelimit
from scholargraph.auth.tokens import hash_token, new_id, new_token
from scholargraph.errors import Conflict, Forbidden, InvalidInput, Unauthenticated
from scholargraph.schema.account import Session, User, moment
from scholargraph.settings import Settings

if TYPE_CHECKING:
    pass

log = logging.getLogger("scholargraph.account")
VERIFY_HOURS = 48
DEFAULT_SESSION_HOURS = 24 * 14
MAX_EMAIL = 254
MAX_DISPLAY_NAME = 100
_EMAIL = re.compile(r"^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
BAD_LOGIN = "Invalid e-mail or password."

Info = strawberry.Info[Context]


def settings_of(info: Info) -> Settings | None:
    return getattr(info.context, "settings", None)


def token_hash(info: Info) -> str:
    return hash_token(info.context.token)


def _hash_concurrency(info: Info) -> int:
    settings = settings_of(info)
    return settings.password_hash_concurrency if settings else passwords.DEFAULT_CONCURRENCY


def _session_hours(info: Info) -> int:
    settings = settings_of(info)
    return settings.session_hours if settings else DEFAULT_SESSION_HOURS


def client_address(info: Info) -> str:
    request = info.context.request
    return request.client.host if request is not None and request.client is not None else "unknown"


async def viewer(info: Info) -> dict[str, Any] | None:
    """The signed-in user (id, email, displayName, emailVerified, roles), looked up once per request."""
    cache = info.context.cache
    if "viewer" not in cache:
        row = await info.context.graph.read_one("session_viewer", token_hash=token_hash(info)) if info.context.token \
            else None
        cache["viewer"] = row["user"] if row else None
    return cache["viewer"]


async def require_viewer(info: Info) -> dict[str, Any]:
    """The signed-in user. Raises Unauthenticated when there is no live session."""
    found = await viewer(info)
    if found is None:
        raise Unauthenticated("Sign in first (or again: the session ended).")
    return found


def normalise_email(email: str) -> str:
    """Lower case, trimmed. Raises InvalidInput unless it looks like an address."""
    email = email.strip().lower()
    if len(email) > MAX_EMAIL or not _EMAIL.match(email):
        raise InvalidInput("`email` is not an e-mail address.")
    return email


async def me(info: Info) -> User | None:
    found = await viewer(info)
    return User.from_record(found) if found else None


def same_site_path(path: str | None) -> str | None:
    """A path on this site (never another host), or None."""
    if path and path.startswith("/") and not path.startswith("//") and "\\" not in path and len(path) <= 500:
        return path
    return None


async def register(info: Info, email: str, password: str, display_name: str, next_path: str | None = None) -> User:
    """Create an unverified account and mail it a verification token. Raises Conflict for a taken e-mail.

    The mail's link returns to `next_path` (a path on this site) once the address is confirmed."""
    email, display_name = normalise_email(email), display_name.strip()
    if not 1 <= len(display_name) <= MAX_DISPLAY_NAME:
        raise InvalidInput(f"`displayName` must be 1 to {MAX_DISPLAY_NAME} characters long.")
    passwords.check_policy(password)
    await ratelimit.hit(info.context.graph, ratelimit.REGISTER_PER_ADDRESS, client_address(info))
    token = new_token()
    try:
        rows = await info.context.graph.write(
            "user_create", id=new_id("usr"), email=email, display_name=display_name,
            password_hash=await passwords.hash_password(password, _hash_concurrency(info)),
            verify_token_hash=hash_token(token), verify_hours=VERIFY_HOURS)
    except Conflict as exc:
        raise Conflict("An account with that e-mail exists already.") from exc
    await _mail_verification(info, rows[0]["user"], token, next_path)
    return User.from_record(rows[0]["user"])


async def _mail_verification(info: Info, user: dict[str, Any], token: str, next_path: str | None) -> None:
    settings = settings_of(info)
    # A failure is logged; the user can ask for another mail.
    await mail.deliver(settings, user["email"], messages.verification(
        mail.public_url(settings), user["displayName"], token, same_site_path(next_path)))


async def verify_email(info: Info, token: str) -> User:
    """Raises InvalidInput for an unknown, used or expired token."""
    rows = await info.context.graph.write("user_verify_email", token_hash=hash_token(token.strip()))
    if not rows:
        raise InvalidInput("That verification link is invalid or has expired; ask for a new one.")
    return User.from_record(rows[0]["user"])


async def request_email_verification(info: Info, next_path: str | None = None) -> bool:
    """Raises Unauthenticated without a session, Conflict when verified already, RateLimited past 3 an hour."""
    found = await require_viewer(info)
    if found["emailVerified"]:
        raise Conflict("The e-mail address is verified already.")
    await ratelimit.hit(info.context.graph, ratelimit.VERIFY_MAILS_PER_ACCOUNT, found["id"])
    token = new_token()
    rows = await info.context.graph.write("user_verification_renew", token_hash=token_hash(info),
                                          verify_token_hash=hash_token(token), verify_hours=VERIFY_HOURS)
    if not rows:
        await require_viewer(info)
        raise Conflict("The e-mail address is verified already.")
    await _mail_verification(info, rows[0]["user"], token, next_path)
    return True


async def login(info: Info, email: str, password: str) -> Session:
    """Raises Unauthenticated (same message, similar time) for an unknown e-mail or a wrong password."""
    graph = info.context.graph
    email = email.strip().lower()
    await ratelimit.hit(graph, ratelimit.LOGIN_PER_ADDRESS, client_address(info))
    await ratelimit.hit(graph, ratelimit.LOGIN_PER_ACCOUNT, email)
    found = await graph.read_one("user_credentials", email=email) if len(email) <= MAX_EMAIL else None
    stored = found["user"]["passwordHash"] if found else None
    if not await passwords.verify_password(stored, password[:passwords.MAX_LENGTH], _hash_concurrency(info)):
        raise Unauthenticated(BAD_LOGIN)
    assert found is not None  # verify_password refuses a missing hash
    token = new_token()
    rows = await graph.write("session_create", user_id=found["user"]["id"], password_hash=stored,
                             token_hash=hash_token(token), hours=_session_hours(info))
    if not rows:  # the password changed between the check and the write
        raise Unauthenticated(BAD_LOGIN)
    return _session(token, rows[0])


async def viewer_state(info: Info, researcher_id: str) -> dict[str, Any] | None:
    """What the viewer may do on a researcher (follow, ownership, claim, invite state); batched per request."""
    loader = info.context.cache.get("viewer_state")
    if loader is None:
        loader = info.context.cache["viewer_state"] = DataLoader(partial(_load_states, info.context.graph,
                                                                         token_hash(info)))
    return await loader.load(researcher_id)


def forget_viewer_state(info: Info, researcher_id: str) -> None:
    """Drop cached profile and viewer state after a write, so fields read later in the request are fresh."""
    for loader in (info.context.loaders.researcher_profile, info.context.cache.get("viewer_state")):
        with contextlib.suppress(KeyError):  # strawberry's clear() raises for a key never loaded
            if loader is not None:
                loader.clear(researcher_id)


async def _load_states(graph: Any, hashed: str, ids: list[str]) -> list[dict[str, Any] | None]:
    rows = await graph.read("researcher_owner_viewer_by_ids", ids=ids, token_hash=hashed)
    found = {row["id"]: row["state"] for row in rows}
    return [found.get(i) for i in ids]


def _session(token: str, row: dict[str, Any]) -> Session:
    return Session(token=token, expires_at=moment(row["session"]["expiresAt"]), user=User.from_record(row["user"]))


async def logout(info: Info) -> bool:
    """Raises Unauthenticated when the token is not a live session."""
    if not await info.context.graph.write("session_delete", token_hash=token_hash(info)):
        raise Unauthenticated("There is no live session to end.")
    info.context.cache["viewer"] = None
    return True


async def change_password(info: Info, current: str, new: str) -> Session:
    """Raises Unauthenticated without a session, Forbidden for a wrong current password."""
    passwords.check_policy(new)
    graph = info.context.graph
    found = await graph.read_one("session_credentials", token_hash=token_hash(info))
    if found is None:
        raise Unauthenticated("Sign in first (or again: the session ended).")
    await ratelimit.hit(graph, ratelimit.LOGIN_PER_ACCOUNT, found["user"]["id"])
    stored = found["user"]["passwordHash"]
    if not await passwords.verify_password(stored, current[:passwords.MAX_LENGTH], _hash_concurrency(info)):
        raise Forbidden("The current password is wrong.")
    token = new_token()
    rows = await graph.write("user_password_change", token_hash=token_hash(info), current_hash=stored,
                             new_hash=await passwords.hash_password(new, _hash_concurrency(info)),
                             new_token_hash=hash_token(token), hours=_session_hours(info))
    if not rows:
        raise Conflict("The session or the password changed meanwhile; sign in again.")
    info.context.cache.pop("viewer", None)
    return _session(token, rows[0])


async def update_account(info: Info, display_name: str) -> User:
    """Raises Unauthenticated without a session, InvalidInput for an empty or too long name."""
    display_name = display_name.strip()
    if not 1 <= len(display_name) <= MAX_DISPLAY_NAME:
        raise InvalidInput(f"`displayName` must be 1 to {MAX_DISPLAY_NAME} characters long.")
    rows = await info.context.graph.write("user_display_name_update", token_hash=token_hash(info),
                                          display_name=display_name)
    if not rows:
        raise Unauthenticated("Sign in first (or again: the session ended).")
    info.context.cache["viewer"] = rows[0]["user"]
    return User.from_record(rows[0]["user"])


async def logout_everywhere(info: Info) -> bool:
    """End every session of the viewer, this one included. Raises Unauthenticated without a live session."""
    if not await info.context.graph.write("session_delete_all", token_hash=token_hash(info)):
        raise Unauthenticated("There is no live session to end.")
    info.context.cache["viewer"] = None
    return True
