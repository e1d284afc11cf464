"""Wire reading, mapping and writing: records stream in, batches of one kind go out, rejects go to a file.

Memory stays flat whatever the input size: records are read one line at a time and at most one batch per kind
(plus the one being written) is held.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, TypeVar

import orjson
from neo4j import exceptions as neo4j_errors
from tqdm import tqdm

from scholargraph import observability
from scholargraph.db import Graph
from scholargraph.importer import group_counts, read, suggestions, write, year_counts
from scholargraph.importer.mapping import Invalid, Rows, kind, map_record

DEFAULT_BATCH_SIZE = 500
WRITERS: dict[str, Callable[[Graph, Sequence[Any]], Awaitable[Counter[str]]]] = {
    "work": write.write_works,
    "author": write.write_authors,
    "institution": write.write_institutions,
    "topic": write.write_topics,
    "concept": write.write_topics,
    "merge": write.write_merges,
}
# Batches flush in this order at the end, so institutions and topics get their own records' data early.
FLUSH_ORDER = ("institution", "topic", "concept", "author", "work", "merge")


class Rejects:
    """The rejects file: one JSON line per rejected record; created on the first reject."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.count = 0
        self._handle: Any = None

    def add(self, source: str, line: int, reason: str, raw: str) -> None:
        self.count += 1
        if self.path is None:
            return
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = open(self.path, "wb")
        self._handle.write(orjson.dumps({"source": source, "line": line, "reason": reason, "raw": raw}) + b"\n")
        self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


@dataclass
class Summary:
    read: Counter[str] = field(default_factory=Counter)
    written: Counter[str] = field(default_factory=Counter)
    rejected: int = 0
    unsupported: int = 0
    batches: int = 0
    suggestions: int = 0  # researchers whose stored suggestions were recomputed after the batches
    year_counts: int = 0  # topics, sources and institutions whose stored per-year counts were recomputed
    group_counts: int = 0  # subfields, fields and domains whose stored distinct-works count was recomputed
    seconds: float = 0.0
    dry_run: bool = False

    @property
    def records(self) -> int:
        return sum(self.read.values()) + self.rejected + self.unsupported

    def render(self, rejects: Path | None = None) -> str:
        w = self.written
        rate = self.records / self.seconds if self.seconds else 0.0
        lines = [
            f"records read     {self.records} ({_counts(self.read)}) in {self.seconds:.1f} s, {rate:.0f} records/s"
            + (" [dry run: nothing written]" if self.dry_run else ""),
            f"written          works {w['works']}, authors {w['authors']}, institutions {w['institutions']}, "
            f"topics {w['topics']} in {self.batches} batches",
            f"new nodes        {_counts({k[4:]: v for k, v in w.items() if k.startswith('new ')}) or 'none'}",
            f"relationships    created {w['relationships created']}, deleted {w['relationships deleted']}; "
            f"properties set {w['properties set']}",
            f"skipped          older {w['skipped: older']}, unsupported entity {self.unsupported}",
            f"rejected         {self.rejected}" + (f" (see {rejects})" if self.rejected and rejects else ""),
            f"suggestions      recomputed for {self.suggestions} researchers",
            f"per-year counts  recomputed for {self.year_counts} topics, sources and institutions",
            f"works counts     recomputed for {self.group_counts} subfields, fields and domains",
        ]
        return "\n".join(lines)


def _counts(counter: Any) -> str:
    return ", ".join(f"{key} {value}" for key, value in sorted(counter.items()))


Item = tuple[Rows, read.Raw]


def mapped(raws: Iterable[read.Raw], rejects: Rejects, summary: Summary) -> Iterator[tuple[str, Item]]:
    """(kind, (rows, raw)) for every importable record; rejects and unsupported records are counted and left out.
    The raw input is kept (without its parsed form when it has its text) so a record the database refuses can be
    rejected with it."""
    for raw in raws:
        if raw.error is not None or raw.record is None:
            summary.rejected += 1
            rejects.add(raw.source, raw.line, raw.error or "no record", raw.raw_text())
            continue
        try:
            found = kind(raw.record)
            if found is None:
                summary.unsupported += 1
                continue
            rows = map_record(raw.record, found)
        except (Invalid, TypeError, ValueError, AttributeError, KeyError) as exc:
            # Anything a malformed record makes the mapping trip over rejects that record, not the run.
            summary.rejected += 1
            reason = str(exc) if isinstance(exc, Invalid) else f"cannot map record: {type(exc).__name__}: {exc}"
            rejects.add(raw.source, raw.line, reason, raw.raw_text())
            continue
        summary.read[found] += 1
        kept = raw if raw.text is None else read.Raw(raw.source, raw.line, raw.text)
        yield found, (rows, kept)


T = TypeVar("T")


def batches(items: Iterable[tuple[str, T]], size: int) -> Iterator[tuple[str, list[T]]]:
    """Group (kind, item) into batches of one kind of at most `size`, in arrival order of the full batches."""
    pending: dict[str, list[T]] = {}
    for found, rows in items:
        group = "topic" if found == "concept" else found
        bucket = pending.setdefault(group, [])
        bucket.append(rows)
        if len(bucket) >= size:
            yield group, bucket
            pending[group] = []
    for group in FLUSH_ORDER:
        if pending.get(group):
            yield group, pending.pop(group)


async def import_raws(raws: Iterable[read.Raw], graph: Graph | None, *, batch_size: int = DEFAULT_BATCH_SIZE,
                      rejects: Rejects | None = None, progress: bool = True,
                      stream: TextIO = sys.stderr) -> Summary:
    """Import records; with `graph` None (dry run) map and validate only. Each batch is one transaction."""
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    rejects = rejects or Rejects(None)
    summary = Summary(dry_run=graph is None)
    started = time.perf_counter()
    bar = tqdm(unit=" rec", file=stream, disable=not progress or not stream.isatty(), mininterval=0.5,
               dynamic_ncols=True)
    counted = 0
    try:
        for group, items in batches(mapped(raws, rejects, summary), batch_size):
            if graph is not None:
                await _write(graph, group, items, rejects, summary)
                observability.import_batch(group, len(items))
            bar.update(summary.records - counted)
            counted = summary.records
        bar.update(summary.records - counted)
        if graph is not None:
            stored = await refresh_stored(graph)
            summary.suggestions, summary.year_counts, summary.group_counts = (
                stored["suggestions"], stored["year counts"], stored["group counts"])
    finally:
        bar.close()
        rejects.close()
        observability.IMPORT_REJECTED.inc(summary.rejected)
    summary.seconds = time.perf_counter() - started
    return summary


async def refresh_stored(graph: Graph) -> dict[str, int]:
    """Recompute, ahead of requests, every stored derived value that write batches dropped (the import run and the
    seed loader call this after their batches): the researchers' suggestions, the per-year counts of the topics,
    sources and institutions whose works changed, and the distinct works of the subfields, fields and domains whose
    topics or works changed. Returns how many of each were recomputed."""
    return {"suggestions": await suggestions.refresh_missing(graph),
            "year counts": await year_counts.refresh_missing(graph),
            "group counts": await group_counts.refresh_missing(graph)}


async def _write(graph: Graph, group: str, items: list[Item], rejects: Rejects, summary: Summary) -> None:
    """Write one batch; if the database refuses it for a reason that lies in the records (not an outage), write
    its halves apart, down to single records, and reject the records that still cannot be written, with the
    reason, so the rest of the file goes on."""
    try:
        summary.written += await WRITERS[group](graph, [rows for rows, _ in items])
        summary.batches += 1
    except Exception as exc:  # noqa: BLE001 - sorted out by _record_fault; anything else is re-raised
        reason = _record_fault(exc)
        if reason is None:
            raise
        if len(items) > 1:
            middle = len(items) // 2
            await _write(graph, group, items[:middle], rejects, summary)
            await _write(graph, group, items[middle:], rejects, summary)
            return
        _, raw = items[0]
        summary.read[group] -= 1
        summary.rejected += 1
        rejects.add(raw.source, raw.line, f"cannot write record: {reason}", raw.raw_text())


def _record_fault(exc: BaseException) -> str | None:
    """Why the database (or the driver, packing the parameters) refused a batch when the cause can lie in its
    records: a client or database error, a value Bolt cannot carry, or a transaction over the memory cap. None for
    outages and everything else (the import then fails as before)."""
    for error in (exc, exc.__cause__):
        if isinstance(error, neo4j_errors.TransientError):
            if "Memory" in (error.code or ""):
                return f"{error.code}: {error.message}"
        elif isinstance(error, (neo4j_errors.ClientError, neo4j_errors.DatabaseError)):
            if isinstance(error, (neo4j_errors.AuthError, neo4j_errors.Forbidden)):
                return None
            return f"{error.code}: {error.message}"
        elif isinstance(error, (ValueError, OverflowError, TypeError)) and error is exc:
            return f"{type(error).__name__}: {error}"
    return None


async def import_paths(paths: Sequence[Path], graph: Graph | None, **options: Any) -> Summary:
    """Import every record in `paths` (files or folders, see importer.read)."""
    return await import_raws(read.read(paths), graph, **options)


async def import_records(records: Iterable[dict[str, Any]], graph: Graph | None, *, source: str = "<records>",
                         **options: Any) -> Summary:
    """Import OpenAlex-format records already in memory (the seed loader's path)."""
    raws = (read.Raw(source, number, None, record=record) for number, record in enumerate(records, 1))
    return await import_raws(raws, graph, **options)
