"""Routes for the web pages. Pages send the GraphQL documents in web/queries/, like any other client."""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from scholargraph.web import caching, graph_frame

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
VENDOR_DIR = WEB_DIR / "node_modules"
QUERIES_DIR = WEB_DIR / "queries"
templates = Jinja2Templates(directory=WEB_DIR / "templates")
templates.env.globals.update(caching.template_globals())

PROFILE_WORKS = 20
PROFILE_COLLABORATORS = 50  # the ranking's cap; the page shows 10 and the rest behind "Show all"
_QUERY_NAME = re.compile(r"^[a-z_]+$")
# GraphQL error codes a page turns into an HTTP status; anything else is a 500.
_STATUS_BY_CODE = {"NOT_FOUND": 404, "BAD_USER_INPUT": 400, "UNAVAILABLE": 503, "RATE_LIMITED": 429}

log = logging.getLogger("scholargraph.web")


@functools.cache
def query_text(name: str) -> str:
    """The GraphQL document `web/queries/<name>.graphql`; raise KeyError if there is none."""
    path = QUERIES_DIR / f"{name}.graphql"
    if not _QUERY_NAME.match(name) or not path.is_file():
        raise KeyError(f"No GraphQL document named {name}.graphql")
    return path.read_text(encoding="utf-8")


def load_queries() -> int:
    """Read every page document now, so a missing one fails at start-up; return how many there are."""
    names = [path.stem for path in QUERIES_DIR.glob("*.graphql")]
    for name in names:
        query_text(name)
    return len(names)


async def execute(request: Request, name: str, variables: dict[str, Any]) -> dict[str, Any]:
    """Run a page document through the schema as one GraphQL request; raise HTTPException on errors."""
    from scholargraph.context import make_context
    from scholargraph.schema.root import schema

    context = make_context(request.state.graph, request, settings=getattr(request.state, "settings", None))
    result = await schema.execute(query_text(name), variable_values=variables, context_value=context)
    if result.errors:
        codes = [(error.extensions or {}).get("code") for error in result.errors]
        status = next((_STATUS_BY_CODE[code] for code in codes if code in _STATUS_BY_CODE), 500)
        if status == 500:
            log.error("page query %s failed: %s", name, [error.message for error in result.errors])
        raise HTTPException(status, result.errors[0].message if status != 500 else None,
                            headers={"Retry-After": "5"} if status == 503 else None)
    assert result.data is not None
    return result.data


async def home(request: Request) -> Response:
    return RedirectResponse("/explore", status_code=307)


WORK_ORDERS = {"newest": "DATE", "citations": "CITATIONS", "title": "TITLE"}


def _works_order(request: Request) -> str:
    return WORK_ORDERS.get(request.query_params.get("sort", ""), "DATE")


async def profile(request: Request) -> Response:
    """The researcher profile page, from one GraphQL request (web/queries/profile.graphql)."""
    researcher_id = request.path_params["id"]
    works_filter, form = _works_filter(request)
    data = await execute(request, "profile", {
        "id": researcher_id, "works": PROFILE_WORKS, "collaborators": PROFILE_COLLABORATORS,
        "worksAfter": request.query_params.get("worksAfter") or None,
        "worksOrder": _works_order(request), "worksFilter": works_filter,
    })
    researcher = data["researcher"]
    if researcher is None:
        raise HTTPException(404, f"There is no researcher with the id {researcher_id}.")
    return templates.TemplateResponse(request, "profile.html", {
        "r": researcher, "next": request.url.path, "works_order": _works_order(request), "filter_form": form,
        "work_types": WORK_TYPES})


# The work types the profile's filter form offers (OpenAlex's `type` values).
WORK_TYPES = ("article", "preprint", "book-chapter", "book", "dataset", "dissertation", "review", "other")
YEAR_RANGE = range(1900, 2101)


def _works_filter(request: Request) -> tuple[dict[str, Any] | None, dict[str, str]]:
    """The profile's works filter from its GET form (yearFrom, yearTo, type); values out of range are ignored,
    a reversed year range is swapped. Returns the GraphQL WorkFilter (None when empty) and the form's values."""
    params = request.query_params
    years: dict[str, int] = {}
    for name in ("yearFrom", "yearTo"):
        value = params.get(name, "").strip()
        if value.isdigit() and int(value) in YEAR_RANGE:
            years[name] = int(value)
    if "yearFrom" in years and "yearTo" in years and years["yearFrom"] > years["yearTo"]:
        years["yearFrom"], years["yearTo"] = years["yearTo"], years["yearFrom"]
    work_type = params.get("type", "")
    form = {**{name: str(year) for name, year in years.items()}, "type": work_type if work_type in WORK_TYPES else ""}
    found: dict[str, Any] = dict(years)
    if form["type"]:
        found["types"] = [form["type"]]
    return (found or None), form


async def collaborators_page(request: Request) -> Response:
    """Every co-author of a researcher, closest first, 50 a page (web/queries/collaborators.graphql)."""
    return await _entity_page(request, "collaborators", "researcher", "collaborators.html",
                              {"first": 50, "after": _cursor(request, "after")}, "researcher")


# Nodes per slice by depth; explorer.js asks for the same (SLICE_LIMITS there).
EXPLORER_LIMITS = {1: 60, 2: 100, 3: 150}
EXPLORER_KINDS = ("RESEARCHER", "WORK", "TOPIC", "INSTITUTION")
ENTITY_PAGE_SIZE = 20
SEARCH_PAGE_SIZE = 20
SEARCH_KINDS = {"researcher": "RESEARCHER", "work": "WORK", "topic": "TOPIC", "institution": "INSTITUTION",
                "source": "SOURCE"}


def _cursor(request: Request, name: str) -> str | None:
    return request.query_params.get(name) or None


async def _entity_page(request: Request, query: str, root: str, template: str, variables: dict[str, Any],
                       missing: str) -> Response:
    """An entity page from one GraphQL request; 404 when the entity is unknown."""
    entity_id = request.path_params["id"]
    data = await execute(request, query, {"id": entity_id, **variables})
    entity = data[root]
    if entity is None:
        raise HTTPException(404, f"There is no {missing} with the id {entity_id}.")
    return templates.TemplateResponse(request, template, {"e": entity, "next": request.url.path,
                                                          "query": dict(request.query_params)})


async def work_page(request: Request) -> Response:
    """A work: byline, venue, links, abstract, topics, references and cited-by (web/queries/work.graphql)."""
    return await _entity_page(request, "work", "work", "work.html", {
        "first": ENTITY_PAGE_SIZE, "refsAfter": _cursor(request, "refsAfter"),
        "citersAfter": _cursor(request, "citersAfter")}, "work")


async def topic_page(request: Request) -> Response:
    return await _entity_page(request, "topic", "topic", "topic.html",
                              {"first": ENTITY_PAGE_SIZE, "after": _cursor(request, "after")}, "topic")


TOPIC_GROUP_LEVELS = {"subfields": "SUBFIELD", "fields": "FIELD", "domains": "DOMAIN"}


async def topic_group_page(request: Request) -> Response:
    """A subfield, field or domain (web/queries/topic_group.graphql): its place, the levels below, its topics."""
    level = TOPIC_GROUP_LEVELS[request.url.path.split("/")[1]]
    group_id = request.path_params["id"]
    data = await execute(request, "topic_group", {"level": level, "id": group_id, "topics": 100})
    if data["topicGroup"] is None:
        raise HTTPException(404, f"There is no {level.lower()} with the id {group_id}.")
    return templates.TemplateResponse(request, "topic_group.html", {"e": data["topicGroup"],
                                                                    "next": request.url.path})


async def source_page(request: Request) -> Response:
    return await _entity_page(request, "source", "source", "source.html",
                              {"first": ENTITY_PAGE_SIZE, "after": _cursor(request, "after")}, "source")


RESEARCHER_ORDERS = {"recent": "RECENT", "works": "WORKS", "citations": "CITATIONS"}


async def institution_page(request: Request) -> Response:
    """An institution: lineage, citations per year, its researchers and their works, each list sortable."""
    return await _entity_page(request, "institution", "institution", "institution.html", {
        "first": 30, "after": _cursor(request, "after"),
        "researchersOrder": RESEARCHER_ORDERS.get(request.query_params.get("people", ""), "RECENT"),
        "works": ENTITY_PAGE_SIZE, "worksAfter": _cursor(request, "worksAfter"), "worksOrder": _works_order(request),
    }, "institution")


async def search_page(request: Request) -> Response:
    """Search results (web/queries/search_page.graphql): identifiers, then text; kind filter and paging."""
    text = request.query_params.get("q", "").strip()
    kind = request.query_params.get("kind", "")
    try:
        page = max(1, min(10, int(request.query_params.get("page", "1"))))
    except ValueError:
        page = 1
    hits: list[dict[str, Any]] = []
    if text:
        data = await execute(request, "search_page", {
            "text": text, "kinds": [SEARCH_KINDS[kind]] if kind in SEARCH_KINDS else None,
            "first": SEARCH_PAGE_SIZE + 1, "offset": (page - 1) * SEARCH_PAGE_SIZE})
        hits = data["search"]
    return templates.TemplateResponse(request, "search.html", {
        "text": text, "kind": kind if kind in SEARCH_KINDS else "", "kinds": list(SEARCH_KINDS), "page": page,
        "hits": hits[:SEARCH_PAGE_SIZE], "has_next": len(hits) > SEARCH_PAGE_SIZE,
        "next": request.url.path + ("?" + request.url.query if request.url.query else "")})


async def explore(request: Request) -> Response:
    """The graph explorer. The first slice is run in the page's one GraphQL request and drawn on the server
    (web/graph_frame.py: layout, fit, labels, an inline SVG), so the graph is on screen when the HTML arrives; the
    slice and its positions travel inside the page, and explorer.js takes over from them (preset layout, no second
    request), fetching everything after through /graphql. A bad centre leaves the error to the script."""
    params = request.query_params
    center = params.get("center", "")
    initial = None
    frame = None
    depth = int(params["depth"]) if params.get("depth", "") in ("1", "2", "3") else 1
    kinds = [kind for kind in params.get("kinds", "").split(",") if kind in EXPLORER_KINDS]
    if center:
        variables = {"center": center, "depth": depth, "limit": EXPLORER_LIMITS[depth],
                     "kinds": kinds if kinds and len(kinds) < len(EXPLORER_KINDS) else None}
        try:
            slice_ = (await execute(request, "graph_slice", variables))["graphSlice"]
        except HTTPException as error:
            if error.status_code >= 500 and error.status_code != 503:
                raise
        else:
            if slice_ and slice_.get("nodes"):
                frame = graph_frame.render(slice_, depth)
                initial = {"variables": variables, "slice": slice_, "positions": frame["positions"]}
    return templates.TemplateResponse(request, "explorer.html", {
        "center": center, "initial": initial, "frame": frame, "depth": depth, "kinds": kinds or list(EXPLORER_KINDS)})


def _next_url(request: Request) -> str:
    """Where to go after signing in: a path on this site only (never another host)."""
    target = request.query_params.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/explore"


def account_page(template: str) -> Any:
    """A static account page; account.js does the work through /graphql."""

    async def page(request: Request) -> Response:
        return templates.TemplateResponse(request, template, {
            "next_url": _next_url(request), "token": request.query_params.get("token", ""),
        })

    return page


async def owner_page(request: Request) -> Response:
    """The owner tools for one record; owner.js loads them through /graphql (only the owner gets them)."""
    return templates.TemplateResponse(request, "owner.html", {"researcher_id": request.path_params["id"]})


async def graphql_document(request: Request) -> Response:
    """Serve a page document, so the browser sends exactly the text kept in web/queries/."""
    try:
        text = query_text(request.path_params["name"])
    except KeyError:
        raise HTTPException(404, "No such query document.") from None
    return PlainTextResponse(text, media_type="application/graphql", headers={"Cache-Control": "no-cache"})


def routes() -> list[Route]:
    load_queries()  # at app creation, so a missing or unreadable document fails before serving
    return [
        Route("/", home),
        Route("/researchers/{id}", profile),
        Route("/researchers/{id}/manage", owner_page),
        Route("/researchers/{id}/collaborators", collaborators_page),
        Route("/explore", explore),
        Route("/works/{id}", work_page),
        Route("/topics/{id}", topic_page),
        Route("/sources/{id}", source_page),
        Route("/subfields/{id}", topic_group_page),
        Route("/fields/{id}", topic_group_page),
        Route("/domains/{id}", topic_group_page),
        Route("/institutions/{id}", institution_page),
        Route("/search", search_page),
        Route("/queries/{name}.graphql", graphql_document),
        Route("/login", account_page("login.html")),
        Route("/register", account_page("register.html")),
        Route("/verify-email", account_page("verify_email.html")),
        Route("/invitations", account_page("invitations.html")),
        Route("/moderation", account_page("moderation.html")),
        Route("/settings", account_page("settings.html")),
        Route("/following", account_page("following.html")),
    ]


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code < 400 or "text/html" not in request.headers.get("accept", "text/html"):
        return PlainTextResponse(exc.detail or "Error", status_code=exc.status_code, headers=exc.headers)
    titles = {404: "Not found", 400: "Bad request", 503: "Service unavailable", 429: "Too many requests"}
    message = exc.detail if exc.status_code != 500 else "Something went wrong on our side."
    return templates.TemplateResponse(
        request, "error.html",
        {"status": exc.status_code, "title": titles.get(exc.status_code, "Error"), "message": message},
        status_code=exc.status_code, headers=exc.headers,
    )


def exception_handlers() -> dict[Any, Any]:
    return {HTTPException: _http_error}
