"""Write one batch of mapped rows in one transaction (graph.write_tx): all MERGE on constrained keys, UNWIND rows.

Each `write_*` runs a transaction function that depends only on its arguments and what the database holds, so
a driver retry (or re-running the whole import) gives the same graph. It returns a tally (Counter): rows
written, "skipped: older", new nodes per label, and relationships created/deleted and properties set.

A record older (by `updated_date`) than the stored copy is skipped; an equal one is written again, which is
harmless. Within a batch the newest copy of an id wins (the later one on a tie).

Derived edges are recomputed per batch for exactly the pairs whose value can have changed: COAUTHOR for
researcher pairs that share a written work before or after the write, WORKS_ON for (researcher, topic) pairs
of a written work before or after, and worksCount for the topics a written work had or has.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import Any, TypeVar

from db import Graph, Tx
from importer.mapping import AuthorRows, InstitutionRows, TopicRows, WorkRows

R = TypeVar("R", WorkRows, AuthorRows, InstitutionRows)

NEW_NODE_LABELS = {
    "import_works_upsert": "Work",
    "import_citation_stubs_merge": "Work (stub)",
    "import_researchers_merge": "Researcher",
    "import_researchers_upsert": "Researcher",
    "import_institutions_merge": "Institution",
    "import_institutions_upsert": "Institution",
    "import_topics_upsert": "Topic",
    "import_sources_upsert": "Source",
    "import_topic_hierarchy_link": "Subfield/Field/Domain",
}


class _Batch:
    """Runs named write statements in one transaction and tallies their counters; skips empty parameter lists."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx
        self.tally: Counter[str] = Counter()

    async def write(self, name: str, **params: Sequence[Any]) -> None:
        if not any(params.values()):
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
        parents.update(zip(chain, chain[1:]))
        pending.extend(chain[1:])
    for parent in pending:
        merged.setdefault(parent, {"id": parent, "name": None, "ror": None, "countryCode": None, "type": None})
    return list(merged.values()), [{"child": c, "parent": p} for c, p in sorted(parents)]


async def write_works(graph: Graph, rows: Sequence[WorkRows]) -> Counter[str]:
    """Write a batch of works with everything hanging off them, then refresh the derived edges they touch."""
    return await graph.write_tx(_write_works, rows=rows)


async def _write_works(tx: Tx, rows: Sequence[WorkRows]) -> Counter[str]:
    batch = _Batch(tx)
    fresh, state = await _fresh(tx, batch, "import_works_state", rows)
    if not fresh:
        return batch.tally
    batch.tally["works"] += len(fresh)

    researchers: dict[str, dict[str, Any]] = {}
    authorships, venues, topic_links, citations = [], [], [], []
    institutions: dict[str, dict[str, Any]] = {}
    affiliations: dict[tuple[str, str], set[int]] = {}
    topics: dict[str, dict[str, Any]] = {}
    sources: dict[str, dict[str, Any]] = {}
    targets: set[str] = set()
    unlink = []
    coauthor_pairs: set[tuple[str, str]] = set()
    coauthor_lost: set[tuple[str, str]] = set()
    works_on_pairs: set[tuple[str, str]] = set()
    works_on_lost: set[tuple[str, str]] = set()
    touched_topics: set[str] = set()

    for work in fresh:
        new_authors = [a["researcher"] for a in work.authorships]
        new_topics = [t["id"] for t in work.topics]
        stored = state.get(work.id)
        old_authors = stored["authors"] if stored else []
        old_topics = stored["topics"] if stored else []
        if stored is not None and not stored["stub"]:
            unlink.append({"id": work.id, "authors": new_authors, "topics": new_topics,
                           "references": work.references, "source": work.source["id"] if work.source else None})
        for a in work.authorships:
            researchers[a["researcher"]] = {"id": a["researcher"], "name": a["name"], "orcid": a["orcid"]}
            authorships.append({"researcher": a["researcher"], "work": work.id, "position": a["position"],
                                "authorPosition": a["authorPosition"], "corresponding": a["corresponding"]})
            for inst_id in a["institutions"]:
                years = affiliations.setdefault((a["researcher"], inst_id), set())
                if a["year"] is not None:
                    years.add(a["year"])
        for inst in work.institutions:
            institutions.setdefault(inst["id"], inst)
        if work.source is not None:
            sources[work.source["id"]] = work.source
            venues.append({"work": work.id, "source": work.source["id"]})
        for t in work.topics:
            topics[t["id"]] = t
            topic_links.append({"work": work.id, "topic": t["id"], "score": t["score"], "primary": t["primary"]})
        for ref in work.references:
            targets.add(ref)
            citations.append({"source": work.id, "target": ref})

        old_pairs = set(combinations(sorted(set(old_authors)), 2))
        new_pairs = set(combinations(sorted(set(new_authors)), 2))
        coauthor_pairs |= old_pairs | new_pairs
        coauthor_lost |= old_pairs - new_pairs
        old_on = {(r, t) for r in old_authors for t in old_topics}
        new_on = {(r, t) for r in new_authors for t in new_topics}
        works_on_pairs |= old_on | new_on
        works_on_lost |= old_on - new_on
        touched_topics.update(old_topics, new_topics)

    institution_rows, parent_rows = _institution_rows(institutions.values())
    await batch.write("import_works_upsert", rows=[work.work for work in fresh])
    await batch.write("import_works_unlink", rows=unlink)
    await batch.write("import_sources_upsert", rows=list(sources.values()))
    await batch.write("import_venues_link", rows=venues)
    await batch.write("import_researchers_merge", rows=list(researchers.values()))
    await batch.write("import_authorships_link", rows=authorships)
    await batch.write("import_institutions_merge", rows=institution_rows)
    await batch.write("import_institution_parents_link", rows=parent_rows)
    await batch.write("import_affiliations_link", rows=[
        {"researcher": r, "institution": i, "years": sorted(years, reverse=True), "lastYear": max(years, default=None)}
        for (r, i), years in affiliations.items()
    ])
    await _write_topics(batch, topics.values())
    await batch.write("import_work_topics_link", rows=topic_links)
    await batch.write("import_citation_stubs_merge", ids=sorted(targets))
    await batch.write("import_citations_link", rows=citations)
    await batch.write("import_coauthors_refresh", pairs=sorted(coauthor_pairs))
    await batch.write("import_coauthors_prune", pairs=sorted(coauthor_lost))
    await batch.write("import_works_on_refresh", pairs=sorted(works_on_pairs))
    await batch.write("import_works_on_prune", pairs=sorted(works_on_lost))
    await batch.write("import_topic_counts_refresh", ids=sorted(touched_topics))
    return batch.tally


async def _write_topics(batch: _Batch, topics: Iterable[dict[str, Any]]) -> None:
    topics = list(topics)
    await batch.write("import_topics_upsert", rows=[
        {"id": t["id"], "name": t["name"], "legacy": t["legacy"]} for t in topics
    ])
    await batch.write("import_topic_hierarchy_link", rows=[
        {"topic": t["id"], **{key: t[key] for key in (
            "subfield", "subfieldName", "field", "fieldName", "domain", "domainName")}}
        for t in topics if t["subfield"] and t["field"] and t["domain"]
    ])


async def write_authors(graph: Graph, rows: Sequence[AuthorRows]) -> Counter[str]:
    """Write a batch of author records: researchers and their affiliations."""
    return await graph.write_tx(_write_authors, rows=rows)


async def _write_authors(tx: Tx, rows: Sequence[AuthorRows]) -> Counter[str]:
    batch = _Batch(tx)
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
    await batch.write("import_researchers_upsert", rows=[author.researcher for author in fresh])
    await batch.write("import_institutions_merge", rows=institution_rows)
    await batch.write("import_institution_parents_link", rows=parent_rows)
    await batch.write("import_affiliations_link", rows=affiliations)
    return batch.tally


async def write_institutions(graph: Graph, rows: Sequence[InstitutionRows]) -> Counter[str]:
    """Write a batch of institution records with their lineage."""
    return await graph.write_tx(_write_institutions, rows=rows)


async def _write_institutions(tx: Tx, rows: Sequence[InstitutionRows]) -> Counter[str]:
    batch = _Batch(tx)
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
    await _write_topics(batch, unique.values())
    return batch.tally
