"""Argon2id password hashing, run in worker threads with a cap on how many hashes run at once."""

from __future__ import annotations

import asyncio
import weakref

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from scholargraph import settings
from scholargraph.errors import InvalidInput

MIN_LENGTH = 8
MAX_LENGTH = 256  # longer inputs only cost hashing time
DEFAULT_CONCURRENCY = 2

PROFILES = {"rfc9106-low-memory": profiles.RFC_9106_LOW_MEMORY, "cheapest": profiles.CHEAPEST}


def _profile() -> str:
    name = settings.password_hash_profile()
    if name not in PROFILES:
        raise ValueError(f"PASSWORD_HASH_PROFILE must be one of {sorted(PROFILES)}, not {name!r}")
    return name


# Argon2id; RFC 9106's low-memory profile unless PASSWORD_HASH_PROFILE says otherwise (the tests' "cheapest").
# Verification reads the cost from the stored hash, so hashes made under either profile verify under both.
_hasher = PasswordHasher.from_parameters(PROFILES[_profile()])
# Verified instead of a real hash when the e-mail is unknown, so both answers cost the same time.
_DUMMY_HASH = _hasher.hash("not a password anybody has: the e-mail was unknown")
# One semaphore per event loop: asyncio primitives must not cross loops (tests run one loop per test).
_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()


def check_policy(password: str) -> None:
    """Raises InvalidInput unless the password has a usable length."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise InvalidInput(f"A password must be {MIN_LENGTH} to {MAX_LENGTH} characters long.")


def _gate(concurrency: int) -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    gate = _gates.get(loop)
    if gate is None:
        gate = _gates[loop] = asyncio.Semaphore(max(1, concurrency))
    return gate


async def hash_password(password: str, concurrency: int = DEFAULT_CONCURRENCY) -> str:
    """An Argon2id hash (PHC string) of the password."""
    async with _gate(concurrency):
        return await asyncio.to_thread(_hasher.hash, password)


def _verify(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


async def verify_password(stored: str | None, password: str, concurrency: int = DEFAULT_CONCURRENCY) -> bool:
    """Whether the password matches; with no stored hash, verify against a dummy one and answer False."""
    async with _gate(concurrency):
        return await asyncio.to_thread(_verify, stored, password)
