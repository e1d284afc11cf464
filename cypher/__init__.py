"""Cypher statements, one per .cypher file, loaded by file name ("slice_expand", "constraints/work_id_unique")."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import LiteralString, cast

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_ROOT = resources.files(__name__)


def _path(name: str) -> str:
    return name.replace(".", "/") + ".cypher"


@cache
def get(name: str) -> LiteralString:
    """The text of the named statement. Raises FileNotFoundError for an unknown name."""
    text = _ROOT.joinpath(_path(name)).read_text(encoding="utf-8")
    # Safe: the text comes from files shipped in this repository, never from a request.
    return cast(LiteralString, text)


@cache
def parameters(name: str) -> frozenset[str]:
    """The $parameters the statement uses (outside its // header comments)."""
    body = "\n".join(line for line in get(name).splitlines() if not line.lstrip().startswith("//"))
    return frozenset(_PARAMETER.findall(body))


def names(folder: str = "") -> list[str]:
    """Every statement name under `folder` ("" for all), sorted; sub-folders become dotted prefixes."""
    found: list[str] = []

    def walk(node, prefix: str) -> None:  # type: ignore[no-untyped-def]
        for child in node.iterdir():
            if child.is_dir():
                walk(child, f"{prefix}{child.name}.")
            elif child.name.endswith(".cypher"):
                found.append(prefix + child.name.removesuffix(".cypher"))

    start = _ROOT.joinpath(folder) if folder else _ROOT
    walk(start, f"{folder.replace('/', '.')}." if folder else "")
    return sorted(found)


def load_all() -> int:
    """Read every statement now, so a missing or unreadable file fails at start-up. Returns the count."""
    all_names = names()
    for name in all_names:
        parameters(name)
    return len(all_names)
