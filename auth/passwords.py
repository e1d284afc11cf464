"""Argon2id password hashing, run in worker threads with a cap on how many hashes run at once."""

from __future__ import annotations

import asyncio
import weakref

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from scholargraph.errors import InvalidInput

MIN_LENGTH = 8
MAX_LENGTH = 256  # longer inputs only cost hashing time
DEFAULT_CONCURRENCY = 2

_hasher = PasswordHasher()  # argon2-cffi's defaults are Argon2id with RFC 9106's low-memory profile
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
