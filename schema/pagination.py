"""Relay-style connection pieces and the opaque keyset cursor shared by every growing list."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

import strawberry

from scholargraph.errors import InvalidInput

DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 100


@strawberry.type(description="Where a page ends and whether another follows.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


def check_first(first: int, maximum: int = MAX_PAGE_SIZE) -> int:
    """Validate a page size. Raises InvalidInput outside 0..maximum."""
    if first < 0 or first > maximum:
        raise InvalidInput(f"`first` must be between 0 and {maximum}; got {first}.")
    return first


def encode_cursor(*position: Any) -> str:
    """An opaque cursor for a keyset position (e.g. sort date and id of the last row)."""
    return base64.urlsafe_b64encode(json.dumps(list(position), separators=(",", ":")).encode()).decode()


def decode_cursor(cursor: str | None, size: int) -> list[Any] | None:
    """The keyset position inside a cursor (None for no cursor). Raises InvalidInput for a malformed one."""
    if cursor is None:
        return None
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeError) as exc:
        raise InvalidInput("`after` is not a cursor this service issued.") from exc
    if not isinstance(position, list) or len(position) != size or not all(
        isinstance(part, str | int | float) for part in position
    ):
        raise InvalidInput("`after` is not a cursor this service issued.")
    return position


def date_page_position(arguments: dict[str, Any]) -> tuple[int, str | None, Any, Any] | None:
    """(first, after, after date, after id) of a page ordered by date then id, from its field arguments; None when
    they do not validate (the field's resolver reports that)."""
    first = arguments.get("first", DEFAULT_PAGE_SIZE)
    after = arguments.get("after")
    try:
        check_first(first)
        position = decode_cursor(after, 2)
    except InvalidInput:
        return None
    after_date, after_id = position if position else (None, None)
    return first, after, after_date, after_id
