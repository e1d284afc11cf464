"""Cypher statements, one per .cypher file, loaded by name.

Query files are grouped by concept in sub-folders (import/, identity/, graph/ …) but named by their file name
alone ("slice_nodes"), so moving a file between folders changes no caller; file names are unique across folders.
Schema statements keep their folder in the name ("constraints.work_id_unique") because they are applied by folder.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import LiteralString, cast

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_ROOT = resources.files(__name__)
_SCHEMA_FOLDERS = ("constraints",)


def _walk(node: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for child in node.iterdir():
        if child.is_dir() and not child.name.startswith("__"):
            found += _walk(child, f"{prefix}{child.name}/")
        elif child.name.endswith(".cypher"):
            found.append((prefix + child.name, child))
    return found


@cache
def _index() -> dict[str, Traversable]:
    """Statement name → file. Raises ValueError when two query files share a name."""
    index: dict[str, Traversable] = {}
    for relative, file in _walk(_ROOT):
        folder, _, filename = relative.rpartition("/")
        top = folder.split("/", 1)[0]
        stem = filename.removesuffix(".cypher")
        name = f"{top}.{stem}" if top in _SCHEMA_FOLDERS else stem
        if name in index:
            raise ValueError(f"two Cypher files are both named {name!r}")
        index[name] = file
    return index


@cache
def get(name: str) -> LiteralString:
    """The text of the named statement. Raises FileNotFoundError for an unknown name."""
    file = _index().get(name)
    if file is None:
        raise FileNotFoundError(f"no Cypher statement named {name!r}")
    # Safe: the text comes from files shipped in this repository, never from a request.
    return cast(LiteralString, file.read_text(encoding="utf-8"))


@cache
def parameters(name: str) -> frozenset[str]:
    """The $parameters the statement uses (outside its // header comments)."""
    body = "\n".join(line for line in get(name).splitlines() if not line.lstrip().startswith("//"))
    return frozenset(_PARAMETER.findall(body))


def names(folder: str = "") -> list[str]:
    """Every statement name, sorted; with a schema folder ("constraints"), only that folder's statements."""
    every = _index()
    if folder:
        return sorted(name for name in every if name.startswith(f"{folder}."))
    return sorted(every)


def load_all() -> int:
    """Read every statement now, so a missing or unreadable file fails at start-up. Returns the count."""
    all_names = names()
    for name in all_names:
        parameters(name)
    return len(all_names)
