"""Write one batch of mapped rows in one transaction (graph.write_tx): all MERGE on constrained keys, UNWIND rows.

Each `write_*` runs a transaction function that depends only on its arguments and what the database holds, so
a driver retry (or re-running the whole import) gives the same graph. It returns a tally (Counter): rows
written, "skipped: older", new nodes per label, and relationships created/deleted and properties set.

A record older (by `updated_date`) than the stored copy is skipped; an equal one is written again, which is
harmless. Within a batch the newest copy of an id wins (the later one on a tie).

Derived edges stay exact per batch. For a work new to the graph (or a stub) nothing was counted before, so its
pairs are added as increments (COAUTHOR sharedWorks/lastYear, WORKS_ON works/weight). For a re-imported work the
pairs whose value can have changed are recomputed from the graph: COAUTHOR for researcher pairs that share the
work before or after the write, WORKS_ON for its (researcher, topic) pairs before or after; pairs left with
nothing are pruned. Topic.worksCount is recomputed (a degree lookup) for every topic a written work had or has.

Concurrency (docs/integrity.md). Every batch first locks what it touches, kind by kind in a fixed order (works,
cited works, researchers, topics, institutions, then subfields, fields and domains) and by key within a kind, then
reads the stored state, writes the source edges and refreshes the derived values. Two imports that overlap
therefore run their overlapping parts one after the other: increments are added, and recomputations read the source
edges, only while no other writer can change them. More derived values join the refresh by adding a statement to
REFRESH.

Collaboration-scale works (more than COAUTHOR_MAX_AUTHORS distinct authors) keep their AUTHORED edges, WORKS_ON
and counts but add no pairwise COAUTHOR ties (docs/importer.md, "Large bylines").

Updates converge: researchers and topics that an update dropped from a work and that are left with no tie at all
(no work, no own record, nothing a user attached) are removed, so the graph equals one built from the newest
copies alone.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import Any, TypeVar

from scholargraph.db import Graph, Tx
from scholargraph.importer.mapping import AuthorRows, InstitutionRows, MergeRows, TopicRows, WorkRows

R = TypeVar("R", WorkRows, AuthorRows, InstitutionRows)

# A work with more distinct authors than this adds no COAUTHOR ties (OpenAlex cuts bylines at 100 in list
# responses and Clarivate calls works with more than 100 authors hyper-authored; see docs/importer.md).
COAUTHOR_MAX_AUTHORS = 100

# Derived values recomputed from the source edges at the end of every works batch, under the batch's locks:
# (statement, which touched ids it takes as $ids: "works" (written and cited, before and after), "researchers",
# "topics", "sources" (of written works, before and after), "institutions" (merge survivors; the institutions of
# touched researchers are reached through "researchers")). Add a statement here to keep one more derived value
# exact under concurrent imports.
REFRESH: tuple[tuple[str, str], ...] = (
    ("import_topic_counts_refresh", "topics"),
    # Stored suggestions (importer/suggestions.py) are dropped here and recomputed after the run.
    ("import_suggestions_invalidate", "researchers"),
    ("import_suggestions_invalidate_cited", "works"),
    # Stored per-year counts (importer/year_counts.py) likewise: of the topics, sources and institutions whose works
    # the batch can have changed (a work's year or citations, its topics, source or authors, an affiliation).
    ("import_year_counts_invalidate", "topics"),
    ("import_year_counts_invalidate", "sources"),
    ("import_year_counts_invalidate", "institutions"),
    ("import_year_counts_invalidate_affiliated", "researchers"),
)

NEW_NODE_LABELS = {
    "import_lock_works": "Work",
    "import_lock_researchers": "Researcher",
    "import_lock_topics": "Topic",
    "import_lock_institutions": "Institution",
    "import_works_upsert": "Work",
    "import_citation_stubs_merge": "Work (stub)",
    "import_researchers_merge": "Researcher",
    "import_researchers_upsert": "Researcher",
    "import_institutions_merge": "Institution",
    "import_institutions_upsert": "Institution",
    "import_topics_upsert": "Topic",
    "import_sources_upsert": "Source",
    "import_lock_hierarchy": "Subfield/Field/Domain",
    "import_topic_hierarchy_link": "Subfield/Field/Domain",
}


class _Batch:
    """Runs named write statements in one transaction and tallies their counters; skips empty parameter lists."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx
        self.tally: Counter[str] = Counter()

    async def write(self, name: str, **params: Any) -> None:
        if not any(value for value in params.values() if isinstance(value, Sequence)):
            return
        counters = await self.tx.write(name, **params)
        if counters.nodes_created and name in NEW_NODE_LABELS:
            self.tally[f"new {NEW_NODE_LABELS[name]}"] += counters.nodes_created
        self.tally["relationships created"] += counters.relationships_created
        self.tally["relationships deleted"] += counters.relationships_deleted
        self.tally["properties set"] += counters.properties_set


def _newest(rows: Iterable[R], tally: Counter[str]) -> dict[str, R]:
    """One row per id: the newest by updated date (the later one on a tie); strictly older copies are tallied."""
    chosen: dict[str, R] = {}
    for row in rows:
        held = chosen.get(row.id)
        if held is None or not _older(row.updated, held.updated):
            if held is not None and _older(held.updated, row.updated):
                tally["skipped: older"] += 1
            chosen[row.id] = row
        else:
            tally["skipped: older"] += 1
    return chosen


def _older(date: str | None, stored: str | None) -> bool:
    """True if a record dated `date` is older than a stored `stored` (undated counts as oldest)."""
    if stored is None:
        return False
    return date is None or date < stored


async def _fresh(tx: Tx, batch: _Batch, query: str, batch_rows: Sequence[R]) -> tuple[list[R], dict[str, dict[str, Any]]]:
    """The rows to write (newest per id, not older than the stored copy) and the stored state by id."""
    rows = _newest(batch_rows, batch.tally)
    state = {row["id"]: row for row in await tx.read(query, ids=list(rows))}
    fresh = []
    for row in rows.values():
        stored = state.get(row.id)
        if stored is not None and _older(row.updated, stored["updatedDate"]):
            batch.tally["skipped: older"] += 1
        else:
            fresh.append(row)
    return fresh, state


def _institution_rows(institutions: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Institution merge rows (lineage parents included, id only) and PART_OF rows from each lineage."""
    merged: dict[str, dict[str, Any]] = {}
    parents: set[tuple[str, str]] = set()
    pending: list[str] = []
    for inst in institutions:
        merged[inst["id"]] = {key: inst[key] for key in ("id", "name", "ror", "countryCode", "type")}
        chain = [inst["id"], *(x for x in inst["lineage"] if x != inst["id"])]
        parents.update(zip(chain, chain[1:], strict=False))
        pending.extend(chain[1:])
    for parent in pending:
        merged.setdefault(parent, {"id": parent, "name": None, "ror": None, "countryCode": None, "type": None})
    return list(merged.values()), [{"child": c, "parent": p} for c, p in sorted(parents)]


async def write_works(graph: Graph, rows: Sequence[WorkRows]) -> Counter[str]:
    """Write a batch of works with everything hanging off them, then refresh the derived edges they touch."""
    return await graph.write_tx(_write_works, rows=rows)


async def _write_works(tx: Tx, rows: Sequence[WorkRows]) -> Counter[str]:
    batch = _Batch(tx)
    await batch.write("import_lock_works", ids=sorted({row.id for row in rows}))
    fresh, state = await _fresh(tx, batch, "import_works_state", rows)
    if not fresh:
        return batch.tally
    batch.tally["works"] += len(fresh)
    plan = _WorksPlan()
    for work in fresh:
        plan.add(work, state.get(work.id))
    institution_rows, parent_rows = _institution_rows(plan.institutions.values())
    touched = plan.touched()
    await batch.write("import_lock_cited", ids=sorted(plan.cited))
    await batch.write("import_lock_researchers", ids=sorted(touched["researchers"]))
    await batch.write("import_lock_topics", ids=sorted(touched["topics"]))
    # Where the touched topics sit: levels whose works change (their stored counts go) or that an update may empty.
    held = await _placement(tx, touched["topics"])
    await batch.write("import_lock_institutions", ids=sorted(row["id"] for row in institution_rows))
    plan.hierarchy = await _lock_hierarchy(batch, _hierarchy_rows(plan.topics.values(), own=False), held)
    await batch.write("import_works_upsert", rows=[work.work for work in fresh])
    await batch.write("import_works_unlink", rows=plan.unlink)
    await batch.write("import_sources_upsert", rows=list(plan.sources.values()))
    await batch.write("import_researchers_merge", rows=list(plan.researchers.values()))
    await batch.write("import_institutions_merge", rows=institution_rows)
    await batch.write("import_institution_parents_link", rows=parent_rows)
    await batch.write("import_affiliations_link", rows=[
        {"researcher": r, "institution": i, "years": sorted(years, reverse=True), "lastYear": max(years, default=None)}
        for (r, i), years in plan.affiliations.items()
    ])
    await _write_topics(batch, plan.topics.values(), own=False)
    await batch.write("import_citation_stubs_merge", ids=sorted(plan.targets))
    # Works new to the graph (or stubs) have no outgoing edges yet: CREATE them; re-imported works MERGE.
    for new, suffix in ((True, "create"), (False, "link")):
        await batch.write(f"import_venues_{suffix}", rows=plan.venues[new])
        await batch.write(f"import_authorships_{suffix}", rows=plan.authorships[new])
        await batch.write(f"import_work_topics_{suffix}", rows=plan.topic_links[new])
        await batch.write(f"import_citations_{suffix}", rows=plan.citations[new])
    await refresh_derived(batch, plan, touched)
    await batch.write("import_events_record", authorships=plan.authorships[True], citations=plan.citations[True])
    return batch.tally


async def refresh_derived(batch: _Batch, plan: _WorksPlan, touched: dict[str, set[str]]) -> None:
    """Bring every derived value the batch touched up to date; the caller holds the locks on `touched`."""
    limit = COAUTHOR_MAX_AUTHORS
    await batch.write("import_coauthors_increment", pairs=plan.coauthor_increments())
    if plan.coauthor_refresh:
        await batch.write("import_coauthors_refresh", pairs=sorted(plan.coauthor_refresh), max_authors=limit)
    if plan.coauthor_lost:
        await batch.write("import_coauthors_prune", pairs=sorted(plan.coauthor_lost), max_authors=limit)
    await batch.write("import_works_on_increment", pairs=plan.works_on_increments())
    await batch.write("import_works_on_refresh", pairs=sorted(plan.works_on_refresh))
    await batch.write("import_works_on_prune", pairs=sorted(plan.works_on_lost))
    for name, kind_ in REFRESH:
        await batch.write(name, ids=sorted(touched[kind_]))
    await batch.write("import_researchers_orphans_remove", ids=sorted(plan.dropped_researchers))
    await batch.write("import_topics_orphans_remove", ids=sorted(plan.dropped_topics))
    await _prune_hierarchy(batch, plan.hierarchy)


def micro(score: float | None) -> int:
    """A score in integer millionths, rounded half up (as Cypher's round() does for positive numbers)."""
    return math.floor((score or 0.0) * 1_000_000 + 0.5)


class _WorksPlan:
    """The parameter lists for one batch of works, split into works new to the graph (or stubs) and re-imported
    ones, and the derived-edge work: increments for new works, recomputation for pairs a re-import touches."""

    def __init__(self) -> None:
        self.researchers: dict[str, dict[str, Any]] = {}
        self.institutions: dict[str, dict[str, Any]] = {}
        self.affiliations: dict[tuple[str, str], set[int]] = {}
        self.topics: dict[str, dict[str, Any]] = {}
        self.sources: dict[str, dict[str, Any]] = {}
        self.targets: set[str] = set()
        self.unlink: list[dict[str, Any]] = []
        self.venues: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
        self.authorships: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
        self.topic_links: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
        self.citations: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
        self.coauthor_new: dict[tuple[str, str], list[Any]] = {}
        self.coauthor_refresh: set[tuple[str, str]] = set()
        self.coauthor_lost: set[tuple[str, str]] = set()
        self.works_on_new: dict[tuple[str, str], list[int]] = {}
        self.works_on_refresh: set[tuple[str, str]] = set()
        self.works_on_lost: set[tuple[str, str]] = set()
        self.touched_topics: set[str] = set()
        self.touched_researchers: set[str] = set()
        self.touched_sources: set[str] = set()
        self.touched_institutions: set[str] = set()
        self.cited: set[str] = set()
        self.written: set[str] = set()
        self.dropped_researchers: set[str] = set()
        self.dropped_topics: set[str] = set()
        # Hierarchy nodes locked by the batch, by level: checked at the end, removed if left empty.
        self.hierarchy: dict[str, list[str]] = {}

    def touched(self) -> dict[str, set[str]]:
        """Ids whose derived values this batch can change, by kind (what it locks and refreshes)."""
        return {"works": self.written | self.cited, "researchers": self.touched_researchers,
                "topics": self.touched_topics, "sources": self.touched_sources,
                "institutions": self.touched_institutions}

    def add(self, work: WorkRows, stored: dict[str, Any] | None) -> None:
        new = stored is None or bool(stored["stub"])
        authors = [a["researcher"] for a in work.authorships]
        topic_ids = [t["id"] for t in work.topics]
        self.written.add(work.id)
        self.touched_researchers.update(authors)
        self.cited.update(work.references)
        if not new:
            self.unlink.append({"id": work.id, "authors": authors, "topics": topic_ids,
                                "references": work.references, "source": work.source["id"] if work.source else None})
        for a in work.authorships:
            self.researchers[a["researcher"]] = {"id": a["researcher"], "name": a["name"], "orcid": a["orcid"]}
            self.authorships[new].append({"researcher": a["researcher"], "work": work.id, "position": a["position"],
                                          "authorPosition": a["authorPosition"], "corresponding": a["corresponding"]})
            for inst_id in a["institutions"]:
                years = self.affiliations.setdefault((a["researcher"], inst_id), set())
                if a["year"] is not None:
                    years.add(a["year"])
        for inst in work.institutions:
            self.institutions.setdefault(inst["id"], inst)
        if work.source is not None:
            self.sources[work.source["id"]] = work.source
            self.touched_sources.add(work.source["id"])
            self.venues[new].append({"work": work.id, "source": work.source["id"]})
        for t in work.topics:
            self.topics[t["id"]] = t
            self.topic_links[new].append({"work": work.id, "topic": t["id"], "score": t["score"],
                                          "primary": t["primary"]})
        for ref in work.references:
            self.targets.add(ref)
            self.citations[new].append({"source": work.id, "target": ref})
        self.touched_topics.update(topic_ids)
        if new:
            self._count_new(work, authors)
        else:
            self._recompute(stored or {}, authors, topic_ids)

    def _count_new(self, work: WorkRows, authors: list[str]) -> None:
        year = work.work["year"]
        for pair in _pairs(authors):
            held = self.coauthor_new.setdefault(pair, [0, None])
            held[0] += 1
            if year is not None and (held[1] is None or year > held[1]):
                held[1] = year
        for r in authors:
            for t in work.topics:
                held_on = self.works_on_new.setdefault((r, t["id"]), [0, 0])
                held_on[0] += 1
                held_on[1] += micro(t["score"])

    def _recompute(self, stored: dict[str, Any], authors: list[str], topic_ids: list[str]) -> None:
        old_authors, old_topics = stored["authors"], stored["topics"]
        self.touched_researchers.update(old_authors)
        self.cited.update(stored["references"])
        self.touched_sources.update(stored["sources"])
        self.dropped_researchers.update(set(old_authors) - set(authors))
        self.dropped_topics.update(set(old_topics) - set(topic_ids))
        old_pairs = _pairs(old_authors)
        new_pairs = _pairs(authors)
        self.coauthor_refresh |= old_pairs | new_pairs
        self.coauthor_lost |= old_pairs - new_pairs
        old_on = {(r, t) for r in old_authors for t in old_topics}
        new_on = {(r, t) for r in authors for t in topic_ids}
        self.works_on_refresh |= old_on | new_on
        self.works_on_lost |= old_on - new_on
        self.touched_topics.update(old_topics)

    def coauthor_increments(self) -> list[dict[str, Any]]:
        # A pair a re-imported work also touches is recomputed in full, which already counts the new works.
        return [{"a": a, "b": b, "works": n, "lastYear": year}
                for (a, b), (n, year) in sorted(self.coauthor_new.items()) if (a, b) not in self.coauthor_refresh]

    def works_on_increments(self) -> list[dict[str, Any]]:
        return [{"researcher": r, "topic": t, "works": n, "micro": m}
                for (r, t), (n, m) in sorted(self.works_on_new.items()) if (r, t) not in self.works_on_refresh]


def _pairs(authors: Iterable[str]) -> set[tuple[str, str]]:
    """The COAUTHOR pairs of one work's authors (smaller id first); none above COAUTHOR_MAX_AUTHORS authors."""
    unique = sorted(set(authors))
    if len(unique) > COAUTHOR_MAX_AUTHORS:
        return set()
    return set(combinations(unique, 2))


def _hierarchy_rows(topics: Iterable[dict[str, Any]], *, own: bool) -> list[dict[str, Any]]:
    """The import_topic_hierarchy_link rows of topics that name their whole place in the hierarchy."""
    return [{"topic": t["id"], "own": own, **{key: t[key] for key in (
                "subfield", "subfieldName", "field", "fieldName", "domain", "domainName")}}
            for t in topics if t["subfield"] and t["field"] and t["domain"]]


async def _placement(tx: Tx, topics: Iterable[str]) -> list[dict[str, Any]]:
    """Where `topics` are placed now ({subfield, field, domain} rows); read under the topics' locks."""
    ids = sorted(topics)
    return await tx.read("import_topic_subfields", ids=ids) if ids else []


async def _lock_hierarchy(batch: _Batch, links: Sequence[dict[str, Any]],
                          held: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
    """Lock the hierarchy nodes a batch links topics to (`links`) or may leave empty (`held`), after every other
    lock, level by level in key order (import_lock_hierarchy); return them by level for _prune_hierarchy."""
    rows = [*links, *held]
    levels = {f"{level}s": sorted({row[level] for row in rows if row[level] is not None})
              for level in ("subfield", "field", "domain")}
    await batch.write("import_lock_hierarchy", **levels)
    return levels


async def _prune_hierarchy(batch: _Batch, levels: dict[str, list[str]]) -> None:
    """Remove the locked hierarchy nodes the batch left empty (a subfield with no topic, a field with no subfield, a
    domain with no field; also one the lock created for a copy that placed nothing) and drop the stored works counts
    of the others (importer/group_counts.py recomputes them after the run)."""
    await batch.write("import_topic_hierarchy_prune", **levels)


async def _write_topics(batch: _Batch, topics: Iterable[dict[str, Any]], *, own: bool) -> None:
    topics = list(topics)
    await batch.write("import_topics_upsert", rows=[
        {"id": t["id"], "name": t["name"], "legacy": t["legacy"], "own": own} for t in topics
    ])
    await batch.write("import_topic_hierarchy_link", rows=_hierarchy_rows(topics, own=own))


async def write_authors(graph: Graph, rows: Sequence[AuthorRows]) -> Counter[str]:
    """Write a batch of author records: researchers and their affiliations."""
    return await graph.write_tx(_write_authors, rows=rows)


async def _write_authors(tx: Tx, rows: Sequence[AuthorRows]) -> Counter[str]:
    batch = _Batch(tx)
    await batch.write("import_lock_researchers", ids=sorted({row.id for row in rows}))
    fresh, _ = await _fresh(tx, batch, "import_researchers_dates", rows)
    batch.tally["authors"] += len(fresh)
    institutions: dict[str, dict[str, Any]] = {}
    affiliations = []
    for author in fresh:
        for inst, years, last_year in author.affiliations:
            institutions.setdefault(inst["id"], inst)
            affiliations.append({"researcher": author.id, "institution": inst["id"],
                                 "years": sorted(set(years), reverse=True), "lastYear": last_year})
    institution_rows, parent_rows = _institution_rows(institutions.values())
    await batch.write("import_lock_institutions", ids=sorted(row["id"] for row in institution_rows))
    await batch.write("import_researchers_upsert", rows=[author.researcher for author in fresh])
    await batch.write("import_institutions_merge", rows=institution_rows)
    await batch.write("import_institution_parents_link", rows=parent_rows)
    await batch.write("import_affiliations_link", rows=affiliations)
    # New affiliations bring a researcher's works to an institution (its stored per-year counts, importer/year_counts.py).
    await batch.write("import_year_counts_invalidate_affiliated", ids=sorted(author.id for author in fresh))
    return batch.tally


async def write_institutions(graph: Graph, rows: Sequence[InstitutionRows]) -> Counter[str]:
    """Write a batch of institution records with their lineage."""
    return await graph.write_tx(_write_institutions, rows=rows)


async def _write_institutions(tx: Tx, rows: Sequence[InstitutionRows]) -> Counter[str]:
    batch = _Batch(tx)
    merge_rows, parent_rows = _institution_rows(row.institution for row in rows)
    await batch.write("import_lock_institutions", ids=sorted(row["id"] for row in merge_rows))
    fresh, _ = await _fresh(tx, batch, "import_institutions_dates", rows)
    batch.tally["institutions"] += len(fresh)
    records = [{key: value for key, value in row.institution.items() if key != "lineage"} for row in fresh]
    merge_rows, parent_rows = _institution_rows(row.institution for row in fresh)
    own = {row.id for row in fresh}
    await batch.write("import_institutions_upsert", rows=records)
    await batch.write("import_institutions_merge", rows=[row for row in merge_rows if row["id"] not in own])
    await batch.write("import_institution_parents_link", rows=parent_rows)
    return batch.tally


async def write_topics(graph: Graph, rows: Sequence[TopicRows]) -> Counter[str]:
    """Write a batch of topic and concept records with their hierarchy."""
    return await graph.write_tx(_write_topic_records, rows=rows)


async def _write_topic_records(tx: Tx, rows: Sequence[TopicRows]) -> Counter[str]:
    batch = _Batch(tx)
    unique = {row.id: row.topic for row in rows}
    batch.tally["topics"] += len(unique)
    await batch.write("import_lock_topics", ids=sorted(unique))
    # A topic's own record can move it: the subfield it leaves is removed if that was its last topic.
    levels = await _lock_hierarchy(batch, _hierarchy_rows(unique.values(), own=True), await _placement(tx, unique))
    await _write_topics(batch, unique.values(), own=True)
    await _prune_hierarchy(batch, levels)
    return batch.tally


LOCKS_BY_LETTER = (("W", "import_lock_works"), ("A", "import_lock_researchers"), ("T", "import_lock_topics"),
                   ("I", "import_lock_institutions"))


async def write_merges(graph: Graph, rows: Sequence[MergeRows]) -> Counter[str]:
    """Redirect a batch of merged_ids rows (see import_merge_move) and recompute what the moves change."""
    return await graph.write_tx(_write_merges, rows=rows)


async def _write_merges(tx: Tx, rows: Sequence[MergeRows]) -> Counter[str]:
    batch = _Batch(tx)
    chosen = {row.id: row for row in rows}  # one survivor per merged id: the later row
    params: list[dict[str, Any]] = [{"id": row.id, "into": row.into, "date": row.date} for row in chosen.values()]
    batch.tally["merged ids"] += len(params)
    for letter in "AWIT":  # kind by kind, so a work merge sees the researchers as an earlier merge left them
        await _merge_kind(tx, batch, [p for p in params if p["id"][0] == letter])
    return batch.tally


async def _merge_kind(tx: Tx, batch: _Batch, params: list[dict[str, Any]]) -> None:
    if not params:
        return
    old_ids = sorted(p["id"] for p in params)
    first = await tx.read("import_merge_scope", ids=old_ids, merged=old_ids)
    present = {row["id"] for row in first}
    moving = [p for p in params if p["id"] in present]
    await batch.write("import_merge_missing", rows=[p for p in params if p["id"] not in present])
    if not moving:
        return
    ids = {p["id"] for p in moving} | {p["into"] for p in moving}
    # A topic's researchers (read before the locks) are locked in the usual order, before the topics; one that
    # started to work on the topic meanwhile is locked late, below (a deadlock then is retried).
    ids |= {r for row in first for r in row["topicResearchers"]}
    for letter, lock in LOCKS_BY_LETTER:  # the kinds' usual lock order; survivors are created if missing
        await batch.write(lock, ids=sorted(i for i in ids if i[0] == letter))
    scope = {row["id"]: row for row in await tx.read("import_merge_scope", ids=sorted(ids), merged=old_ids)}
    plan = _WorksPlan()
    retagged: set[str] = set()  # researchers whose WORKS_ON moves from a merged-away topic to its survivor
    for p in moving:
        parts = [x for x in (scope.get(p["id"]), scope.get(p["into"])) if x is not None]
        if p["id"][0] == "A":
            others = {c for x in parts for c in x["coauthors"]} - {p["id"], p["into"]}
            plan.coauthor_refresh |= {(min(p["into"], c), max(p["into"], c)) for c in others}
            plan.works_on_refresh |= {(p["into"], t) for x in parts for t in x["researcherTopics"]}
            plan.touched_researchers |= others | {p["into"]}
        elif p["id"][0] == "W":
            authors = [a for x in parts for a in x["authors"]]
            topics = {t for x in parts for t in x["workTopics"]}
            plan.coauthor_refresh |= set().union(*(_pairs(x["authors"]) for x in parts), _pairs(authors))
            plan.works_on_refresh |= {(a, t) for a in authors for t in topics}
            plan.touched_researchers |= set(authors)
            plan.touched_topics |= topics
            plan.touched_sources |= {s for x in parts for s in x["workSources"]}
            plan.written.add(p["into"])
        elif p["id"][0] == "T":  # the survivor carries the old topic's works (and their authors) now
            plan.touched_topics.add(p["into"])
            researchers = set(scope[p["id"]]["topicResearchers"])
            plan.works_on_refresh |= {(r, p["into"]) for r in researchers}
            retagged |= researchers
        elif p["id"][0] == "I":  # and the survivor institution its researchers
            plan.touched_institutions.add(p["into"])
    plan.coauthor_lost = set(plan.coauthor_refresh)
    plan.works_on_lost = set(plan.works_on_refresh)
    touched = plan.touched()
    # Who else the moves touch (co-authors, authors, topics) is locked too; then move and recompute.
    await batch.write("import_lock_researchers", ids=sorted(touched["researchers"] | retagged))
    await batch.write("import_lock_topics", ids=sorted(touched["topics"]))
    # The levels the old topics leave (pruned if left empty) and those of the topics whose works change.
    held = await _placement(tx, touched["topics"] | {p["id"] for p in moving if p["id"][0] == "T"})
    plan.hierarchy = await _lock_hierarchy(batch, [], held)
    await batch.write("import_merge_move", rows=moving)
    await refresh_derived(batch, plan, touched)
    # Suggestions weigh WORKS_ON: those of the researchers whose topics changed are recomputed after the run (not
    # through touched["researchers"], which would also drop their institutions' per-year counts for nothing).
    await batch.write("import_suggestions_invalidate", ids=sorted(retagged))
