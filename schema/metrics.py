"""Citation metrics: totals, h-index, i10-index and per-year counts (docs/metrics.md)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import strawberry


def h_index(citations: Iterable[int]) -> int:
    """The largest h such that h works have at least h citations each."""
    ranked = sorted(citations, reverse=True)
    return sum(1 for rank, cited in enumerate(ranked, start=1) if cited >= rank)


def i10_index(citations: Iterable[int]) -> int:
    """How many works have at least 10 citations."""
    return sum(1 for cited in citations if cited >= 10)


@strawberry.type(description="Works published and citations received in one year.")
class YearCount:
    year: int
    works: int = strawberry.field(description="Works published that year.")
    citations: int = strawberry.field(description="Citations received that year (OpenAlex counts_by_year).")


@strawberry.type(description="The figures OpenAlex reports for the whole author record (its summary_stats).")
class ReportedMetrics:
    works_count: int | None
    cited_by_count: int | None
    h_index: int | None
    i10_index: int | None


@strawberry.type(description="Citation metrics over the works in the graph, exact as imports land.")
class ResearcherMetrics:
    works_count: int
    cited_by_count: int = strawberry.field(description="Sum of the works' citations.")
    h_index: int
    i10_index: int
    counts_by_year: list[YearCount] = strawberry.field(description="Oldest year first; years with nothing left out.")
    reported: ReportedMetrics | None = strawberry.field(
        description="OpenAlex's own figures for the author, when the author record was imported.")


def counts_by_year(works: Sequence[Sequence[Any]]) -> list[YearCount]:
    """Per-year counts from [year, citations, citationYears, citationCounts] rows."""
    published: Counter[int] = Counter(row[0] for row in works if row[0] is not None)
    cited: Counter[int] = Counter()
    for row in works:
        for year, count in zip(row[2], row[3], strict=False):
            cited[year] += count
    return [YearCount(year=y, works=published[y], citations=cited[y]) for y in sorted(set(published) | set(cited))]


def researcher_metrics(row: dict[str, Any] | None) -> ResearcherMetrics:
    works = (row or {}).get("works") or []
    citations = [cited for _, cited, _, _ in works]
    reported = (row or {}).get("reported")
    return ResearcherMetrics(
        works_count=len(works), cited_by_count=sum(citations), h_index=h_index(citations),
        i10_index=i10_index(citations), counts_by_year=counts_by_year(works),
        reported=ReportedMetrics(**{k: reported[v] for k, v in (("works_count", "worksCount"),
                                    ("cited_by_count", "citedByCount"), ("h_index", "hIndex"),
                                    ("i10_index", "i10Index"))}) if reported else None,
    )


@strawberry.type(description="Works and citations of a topic, source or institution, in total and per year.")
class EntityMetrics:
    works_count: int
    cited_by_count: int = strawberry.field(description="Sum of the works' OpenAlex citation counts.")
    counts_by_year: list[YearCount] = strawberry.field(description="Oldest year first.")


async def entity_metrics(graph: Any, kind: str, entity_id: str) -> EntityMetrics:
    """One statement (entity_year_counts); `kind` is one of Topic, Source, Institution."""
    assert kind in ("Topic", "Source", "Institution")
    return metrics_from_row((await graph.read("entity_year_counts", kind=kind, id=entity_id))[0])


def metrics_from_row(row: dict[str, Any]) -> EntityMetrics:
    """EntityMetrics from a {worksCount, citedByCount, years} row (entity_year_counts, topic_read_by_ids)."""
    return EntityMetrics(works_count=row["worksCount"], cited_by_count=row["citedByCount"],
                         counts_by_year=[YearCount(**year) for year in row["years"]])
