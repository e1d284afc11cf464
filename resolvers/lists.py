"""Sorted and filtered works pages and their facets, for researchers, topics and sources (docs/lists.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import strawberry

from scholargraph.errors import InvalidInput
from scholargraph.schema.lists import Facet, WorkFilter, WorkGroupBy, WorkOrder
from scholargraph.schema.pagination import PageInfo, check_first, decode_cursor, encode_cursor
from scholargraph.schema.work import Work, WorkConnection, WorkEdge

if TYPE_CHECKING:
    from scholargraph.context import Context

OWNER_KINDS = ("Researcher", "Topic", "Source", "Institution")  # the labels works_list_pages, works_facets take
MAX_FACETS = 100
MAX_SCANNED = 10_000  # works of one owner a sorted/filtered list or a facet reads at most (docs/lists.md)
MAX_TYPES = 20


def filter_params(filter: WorkFilter | None) -> dict[str, Any]:
    """The statement's filter parameters. Raises InvalidInput for an impossible filter."""
    f = filter or WorkFilter()
    if f.year_from is not None and f.year_to is not None and f.year_from > f.year_to:
        raise InvalidInput("`yearFrom` must not be after `yearTo`.")
    if f.types is not None and len(f.types) > MAX_TYPES:
        raise InvalidInput(f"`types` may hold at most {MAX_TYPES} types.")
    return {"yearFrom": f.year_from, "yearTo": f.year_to, "types": list(f.types) if f.types is not None else None,
            "topic": str(f.topic_id) if f.topic_id else None, "source": str(f.source_id) if f.source_id else None,
            "hasAbstract": f.has_abstract}


def is_default(order: WorkOrder | None, filter: WorkFilter | None) -> bool:
    """True when the list is the plain newest-first one (served by the owner's own page statements)."""
    return (order is None or order is WorkOrder.DATE) and (filter is None or not any(
        value is not None for value in filter_params(filter).values()))


async def works_page(info: strawberry.Info[Context], kind: str, owner_id: str, first: int, after: str | None,
                     order: WorkOrder | None, filter: WorkFilter | None) -> WorkConnection:
    """One sorted, filtered page of the owner's works. Raises InvalidInput for bad arguments."""
    assert kind in OWNER_KINDS
    check_first(first)
    position = decode_cursor(after, 2)
    after_key, after_id = position if position else (None, None)
    order = order or WorkOrder.DATE
    page = {"kind": kind, "id": owner_id, "first": first, "order": order.value, "after_key": after_key,
            "after_id": after_id, **filter_params(filter)}
    rows = await info.context.graph.read("works_list_pages", pages=[page], scan=MAX_SCANNED)
    works, total = (rows[0]["works"], rows[0]["total_count"]) if rows else ([], 0)
    complete = not rows or rows[0]["scanned"] < MAX_SCANNED
    edges = [WorkEdge(cursor=encode_cursor(row["sortKey"], row["id"]), node=Work.from_record(row))
             for row in works[:first]]
    return WorkConnection(edges=edges, total_count=total, complete=complete,
                          page_info=PageInfo(has_next_page=len(works) > first,
                                             end_cursor=edges[-1].cursor if edges else None))


async def facets(info: strawberry.Info[Context], kind: str, owner_id: str, by: WorkGroupBy,
                 filter: WorkFilter | None, first: int) -> list[Facet]:
    """The owner's works grouped by `by` (after `filter`), largest groups first (years newest first)."""
    assert kind in OWNER_KINDS
    check_first(first, MAX_FACETS)
    rows = await info.context.graph.read("works_facets", kind=kind, id=owner_id, by=by.value, limit=first,
                                         scan=MAX_SCANNED,
                                         **filter_params(filter))
    return [Facet(key=row["key"], label=row["label"], count=row["count"]) for row in rows]
