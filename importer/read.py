"""Stream raw OpenAlex records from files and folders, one at a time, never holding a whole file in memory.

Accepted inputs (each PATH argument may be any of them):

* `.jsonl` / `.jsonl.gz` / `.gz`: JSON Lines, one entity per line (a line holding an API page is expanded);
* `.json`: one API response, either a list page `{"meta": …, "results": [...]}` or a single entity (API pages
  are at most a few hundred records, so these files are parsed whole);
* a folder: every such file below it in path order, which for a snapshot (`data/<entity>/updated_date=…/
  part_NNN.gz`, or the newer `data/jsonl/<entity>/…`) means entity by entity, oldest partition first.
  `manifest` files, Parquet copies and entity folders the graph does not model are left out.

Unreadable input (bad JSON, a truncated or corrupt gzip stream) comes out as a `Raw` with `error` set, so the
caller can reject it and carry on; everything read before a truncation point is still yielded.
"""

from __future__ import annotations

import csv
import gzip
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

# Snapshot entity folders whose records the graph does not model: skipped without being read.
SKIPPED_FOLDERS = frozenset({
    "sources", "publishers", "funders", "fields", "subfields", "domains", "keywords", "parquet",
    "awards", "continents", "countries", "institution-types", "languages", "licenses", "sdgs", "work-types",
    "source-types",
})
RECORD_SUFFIXES = (".jsonl", ".jsonl.gz", ".gz", ".json", ".ndjson", ".csv", ".csv.gz")
MERGED_HEADER = ["merge_date", "id", "merge_into_id"]
MANIFESTS = frozenset({"manifest", "manifest.json"})


@dataclass(frozen=True, slots=True)
class Raw:
    """One input record as read: parsed (`record`) or unreadable (`error`), with where it came from."""

    source: str
    line: int
    text: bytes | None
    record: dict[str, Any] | None = None
    error: str | None = None

    def raw_text(self) -> str:
        """The raw input for a rejects file: the line as text, else the record re-serialised."""
        if self.text is not None:
            return self.text.decode("utf-8", errors="replace")
        return orjson.dumps(self.record).decode() if self.record is not None else ""


def files(paths: Iterable[Path]) -> Iterator[Path]:
    """Every record file named by `paths`, folders expanded in sorted path order. Raises FileNotFoundError."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            raise FileNotFoundError(f"No such file or folder: {path}")


def _walk(folder: Path) -> Iterator[Path]:
    for child in sorted(folder.iterdir()):
        if child.is_dir():
            if child.name not in SKIPPED_FOLDERS:
                yield from _walk(child)
        elif child.name not in MANIFESTS and child.name.endswith(RECORD_SUFFIXES):
            yield child


def read(paths: Iterable[Path]) -> Iterator[Raw]:
    """Every record in `paths`, in order."""
    for path in files(paths):
        if path.name.endswith((".csv", ".csv.gz")):
            yield from _read_merged(path)
        elif path.name.endswith(".json"):
            yield from _read_json(path)
        else:
            yield from _read_lines(path)


def _read_merged(path: Path) -> Iterator[Raw]:
    """OpenAlex's merged ids (`data/merged_ids/<entity>/<date>.csv(.gz)`, header merge_date,id,merge_into_id):
    one record per row, `{"merged_id", "merge_into_id", "merge_date"}`."""
    source = str(path)
    with (gzip.open(path, "rt", newline="") if path.name.endswith(".gz") else open(path, newline="")) as handle:
        try:
            rows = csv.reader(handle)
            header = next(rows, None)
            if header is None:
                return
            if [cell.strip() for cell in header] != MERGED_HEADER:
                yield Raw(source, 1, ",".join(header).encode(), error=f"not a merged_ids file: header {header}")
                return
            for number, row in enumerate(rows, 2):
                text = ",".join(row).encode()
                if len(row) != 3:
                    yield Raw(source, number, text, error="merged_ids row without 3 columns")
                    continue
                yield Raw(source, number, text,
                          record={"merged_id": row[1].strip(), "merge_into_id": row[2].strip(), "merge_date": row[0]})
        except (EOFError, gzip.BadGzipFile, zlib.error, OSError, csv.Error, UnicodeDecodeError) as exc:
            yield Raw(source, 0, None, error=f"unreadable merged_ids file: {exc}")


def _read_json(path: Path) -> Iterator[Raw]:
    source = str(path)
    text = path.read_bytes()
    try:
        document = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        yield Raw(source, 1, text, error=f"malformed JSON: {exc}")
        return
    yield from _expand(source, 1, text, document)


def _read_lines(path: Path) -> Iterator[Raw]:
    source = str(path)
    number = 0
    with open(path, "rb") as handle:
        # Binary lines split on b"\n" only: str.splitlines would also split on U+2028 inside JSON strings.
        stream = gzip.GzipFile(fileobj=handle, mode="rb") if path.name.endswith(".gz") else handle
        lines = iter(stream)
        while True:
            try:
                line = next(lines)
            except StopIteration:
                return
            except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
                yield Raw(source, number + 1, None, error=f"unreadable gzip from here on (truncated or corrupt): {exc}")
                return
            number += 1
            if not line.strip():
                continue
            try:
                document = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield Raw(source, number, line.rstrip(b"\r\n"), error=f"malformed JSON: {exc}")
                continue
            yield from _expand(source, number, line.rstrip(b"\r\n"), document)


def _expand(source: str, number: int, text: bytes, document: Any) -> Iterator[Raw]:
    """A parsed document as records: an API page's `results`, a list's items, or the entity itself."""
    if isinstance(document, dict) and "id" not in document and isinstance(document.get("results"), list):
        items: list[Any] = document["results"]
    elif isinstance(document, list):
        items = document
    else:
        yield _record(source, number, text, document)
        return
    for item in items:
        yield _record(source, number, None, item)


def _record(source: str, number: int, text: bytes | None, item: Any) -> Raw:
    if not isinstance(item, dict):
        return Raw(source, number, text, error=f"not a JSON object but {type(item).__name__}")
    return Raw(source, number, text, record=item)
