"""The peer, @neo4j/graphql, in our benchmark: its server, its requests, and the facts check.

The peer is a small Node server (bench/peer/server.mjs: @neo4j/graphql 7 on Apollo Server's standalone server,
npm packages locked in bench/peer/package-lock.json) over the same instance and corpus. Each of our requests has
a peer twin (bench/peer/queries/<workload>.graphql) asking for the same facts; the facts check sends both and
compares what they answer, normalised (`facts`), before anything is measured, and stops the run on any
disagreement. The peer runs in two forms: `shipped` (the driver as installed) and `nodelay` (TCP_NODELAY set on
every Bolt socket once connected).
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from bench.service import ServerProcess
from bench.workloads import WORKS_PAGE_DEPTH, Cell
from scholargraph.resolvers.explorer import HUB_DEGREE
from scholargraph.resolvers.node import lucene_prefix_query
from scholargraph.schema.node import EntityKind

REPO = Path(__file__).resolve().parent.parent
PEER = REPO / "bench" / "peer"
QUERIES = PEER / "queries"
LOG = REPO / "var" / "bench-peer.log"
FORMS = ("shipped", "nodelay")
# What the peer can express; the rest is said in the report. Connection path only with maxHops 4 (the peer's field
# wraps the service's 4-hop statement), which is what the bench asks.
EXPRESSIBLE = ("profile", "works_page", "works_count", "search", "connection_path", "metrics", "topic_metrics",
               "work_page")
NOT_EXPRESSIBLE = {
    # A @cypher field runs one statement and returns its rows as they are; these need more (BENCHMARKS.md).
    "graph_slice": "not expressible: followed types chosen per centre kind, omitted ties counted in Python",
    "suggestions": "not expressible: the reasons (kind, weight, detail, via) are built in Python",
}
# The work page's byline lengths (web/queries/work.graphql): the work's, and each card's.
WORK_BYLINE, CARD_BYLINE = 30, 12
SEARCH_CANDIDATES_MIN = 100  # as resolvers/node.py: candidates = max(100, (offset + first) * 10)


class PeerError(RuntimeError):
    pass


class FactsMismatch(PeerError):
    """The peer and the service answered different facts: the comparison would be meaningless."""


def installed() -> bool:
    return (PEER / "node_modules" / "@neo4j" / "graphql").is_dir() and shutil.which("node") is not None


def install() -> None:
    """`npm ci` in bench/peer when its node_modules are missing (make setup does it too)."""
    if not installed():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PEER, check=True)


class PeerService(ServerProcess):
    """`node bench/peer/server.mjs` on 127.0.0.1:`port` against the bench instance, in one of the two forms."""

    name = "peer"
    error = PeerError
    log = LOG
    cwd = PEER

    def __init__(self, uri: str, password: str, port: int, form: str, database: str = "neo4j") -> None:
        if form not in FORMS:
            raise ValueError(f"form must be one of {FORMS}")
        self.uri, self.password, self.port, self.form, self.database = uri, password, port, form, database
        self.command = ["node", str(PEER / "server.mjs")]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "PEER_"))}
        env.update({"NEO4J_URI": self.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": self.password,
                    "NEO4J_DATABASE": self.database, "PORT": str(self.port), "NODE_ENV": "production",
                    "PEER_TCP_NODELAY": "1" if self.form == "nodelay" else "0"})
        return env

    def ready(self) -> bool:
        return post(self.url, {"query": "{ __typename }"}).get("data") == {"__typename": "Query"}

    def start(self, wait_seconds: float = 90.0) -> None:
        super().start(wait_seconds)


def post(url: str, body: dict[str, Any], path: str = "/") -> dict[str, Any]:
    response = httpx.post(url.rstrip("/") + path, json=body, timeout=120.0,
                          headers={"content-type": "application/json", "accept": "application/json"})
    payload: dict[str, Any] = response.json()
    return payload


def document(workload: str) -> str:
    return (QUERIES / f"{workload}.graphql").read_text()


def request(workload: str, variables: dict[str, Any]) -> dict[str, Any]:
    """The peer's twin of one of our requests: {query, variables}. Works-page cursors are filled in later."""
    if workload in ("profile", "works_count", "metrics", "topic_metrics", "work_page"):
        peer_vars = dict(variables)
    elif workload == "works_page":
        peer_vars = {"id": variables["id"], "first": variables["first"], "after": None}
    elif workload == "search":
        kinds = sorted(variables.get("kinds") or [k.value for k in EntityKind])
        offset, first = variables.get("offset", 0), variables["first"]
        peer_vars = {"query": lucene_prefix_query(variables["text"]), "kinds": kinds, "offset": offset,
                     "candidates": max(SEARCH_CANDIDATES_MIN, (offset + first) * 10), "limit": first}
    elif workload == "connection_path":
        if variables.get("maxHops", 4) != 4:
            raise PeerError("the peer's connectionPath field runs the 4-hop statement only")
        peer_vars = {"source": variables["from"], "target": variables["to"], "hub_degree": HUB_DEGREE}
    else:
        raise PeerError(f"{workload}: {NOT_EXPRESSIBLE.get(workload, 'not expressible')}")
    return {"query": document(workload), "variables": peer_vars}


def walk_to_page(url: str, body: dict[str, Any], depth: int = WORKS_PAGE_DEPTH) -> dict[str, Any]:
    """The peer's request for page `depth` of a works list, reached by following its own endCursor."""
    page = 1
    while page < depth:
        answer = post(url, body)
        rows = (answer.get("data") or {}).get("researchers") or []
        info = (rows[0]["worksConnection"]["pageInfo"] if rows else {})
        if answer.get("errors") or not info.get("hasNextPage"):
            break
        body = {**body, "variables": {**body["variables"], "after": info["endCursor"]}}
        page += 1
    return body


# --- facts: what both answers must agree on, in one shape -----------------------------------------------------

def _num(value: Any) -> Any:
    return round(value, 6) if isinstance(value, float) and math.isfinite(value) else value


def _name(row: dict[str, Any]) -> str:
    return row.get("name") or row["id"]  # the service shows the id when a researcher has no name


def _peer_url(node: dict[str, Any]) -> str | None:
    # The client's rule for the link, as the service's Work.url: arXiv first, else the DOI.
    if node.get("arxivId"):
        return f"https://arxiv.org/abs/{node['arxivId']}"
    return f"https://doi.org/{node['doi']}" if node.get("doi") else None


def _work(node: dict[str, Any], peer: bool) -> dict[str, Any]:
    if peer:
        venue = (node.get("venue") or [None])[0]
        authors = [e["node"] for e in node["authorsConnection"]["edges"]]
        url = _peer_url(node)
    else:
        venue, authors, url = node.get("venue"), node.get("authors") or [], node.get("url")
    out = {key: node.get(key) for key in ("id", "title", "type", "year", "authorNames")}
    for key in ("abstract", "publicationDate"):  # asked by some documents only (the profile shows neither date)
        if key in node:
            out[key] = node.get(key)
    out.update(venue=(venue or {}).get("name"), authors=[(a["id"], _name(a)) for a in authors], url=url)
    return out


def facts(workload: str, data: dict[str, Any] | None, peer: bool) -> Any:
    """Normalise one answer (the `data` member) of either side to the facts both must agree on."""
    data = data or {}
    if workload in ("profile", "works_page", "works_count"):
        if peer:
            rows = data.get("researchers") or []
            r = rows[0] if rows else None
        else:
            r = data.get("researcher")
        if r is None:
            return None
        conn = r["worksConnection"] if peer else r["works"]
        works = {"totalCount": conn["totalCount"]}
        if "edges" in conn:
            works["hasNextPage"] = conn["pageInfo"]["hasNextPage"]
            works["items"] = [_work(edge["node"], peer) for edge in conn["edges"]]
        if workload != "profile":
            return {"id": r["id"], "works": works}
        if peer:
            counts = {"works": r["workCount"]["totalCount"], "followers": r["followersCount"],
                      "topics": r["topicCount"]["totalCount"], "closeCollaborators": r["coauthorCount"]["totalCount"]}
            topics = [(e["node"]["id"], e["node"]["name"], _num(e["properties"].get("weight")),
                       e["properties"]["works"]) for e in r["topicsConnection"]["edges"]]
            collaborators = [(e["node"]["id"], _name(e["node"]), e["properties"]["sharedWorks"])
                             for e in r["coauthorsConnection"]["edges"]]
        else:
            counts = dict(r["counts"])
            topics = [(t["topic"]["id"], t["topic"]["name"], _num(t.get("weight")), t["works"]) for t in r["topics"]]
            collaborators = [(c["researcher"]["id"], _name(c["researcher"]), c["sharedWorks"])
                             for c in r["closeCollaborators"]]
        return {"id": r["id"], "name": _name(r), "orcid": r.get("orcid"), "summary": r.get("summary"),
                "openToCollaborate": bool(r.get("openToCollaborate")), "affiliation": r.get("affiliation"),
                "counts": counts, "works": works, "topics": topics, "collaborators": collaborators}
    if workload == "search":
        if peer:
            return [(h["kind"].lower(), h["id"], _num(h["score"])) for h in data.get("entitySearch") or []]
        return [(h["node"]["__typename"].lower(), h["node"]["id"], _num(h["score"])) for h in data.get("search") or []]
    if workload == "connection_path":
        path = data.get("connectionPath")
        if path is None:
            return None
        # SHORTEST 1 returns any one of the equally short paths: the facts are its length and its two ends.
        return {"length": path["length"], "ends": (path["nodes"][0]["id"], path["nodes"][-1]["id"])}
    if workload == "metrics":
        r = ((data.get("researchers") or [None])[0] if peer else data.get("researcher"))
        if r is None:
            return None
        if peer:
            figures = {"works": r["metricTotals"]["works"], "citations": r["metricTotals"]["citations"],
                       "hIndex": r["hIndex"], "i10Index": r["i10Index"]}
        else:
            m = r["metrics"]
            figures = {"works": m["worksCount"], "citations": m["citedByCount"], "hIndex": m["hIndex"],
                       "i10Index": m["i10Index"]}
        years = r["countsByYear"] if peer else r["metrics"]["countsByYear"]
        return {"id": r["id"], **figures, "years": sorted((y["year"], y["works"], y["citations"]) for y in years)}
    if workload == "topic_metrics":
        t = ((data.get("topics") or [None])[0] if peer else data.get("topic"))
        if t is None:
            return None
        totals = t["metricTotals"] if peer else {"works": t["metrics"]["worksCount"],
                                                 "citations": t["metrics"]["citedByCount"]}
        years = t["countsByYear"] if peer else t["metrics"]["countsByYear"]
        return {"id": t["id"], **totals, "years": sorted((y["year"], y["works"], y["citations"]) for y in years)}
    if workload == "work_page":
        return _work_page(data, peer)
    raise PeerError(f"no facts for {workload}")


def _work_page(data: dict[str, Any], peer: bool) -> Any:
    """The work page's facts: the work, its byline's first names and size, its known authors among them, venue,
    topics, and both lists' totals, order and cards. The peer has no way to cut a byline in the statement (a list
    property comes whole), so its full list is cut here the same way the page cuts ours."""
    w = (data.get("works") or [None])[0] if peer else data.get("work")
    if w is None:
        return None

    def byline(node: dict[str, Any], size: int) -> dict[str, Any]:
        names = node.get("authorNames") or []
        if peer:
            authors = [e["node"] for e in node["authorsConnection"]["edges"]][:size]
            return {"names": names[:size], "count": len(names), "authors": [(a["id"], _name(a)) for a in authors]}
        return {"names": names, "count": node["authorsCount"],
                "authors": [(a["id"], _name(a)) for a in node.get("authors") or []]}

    def card(node: dict[str, Any]) -> dict[str, Any]:
        venue = ((node.get("venue") or [None])[0] if peer else node.get("venue")) or {}
        in_graph = not node.get("stub") if peer else node["inGraph"]
        return {"id": node["id"], "title": node.get("title"), "type": node.get("type"), "year": node.get("year"),
                "citedByCount": node.get("citedByCount") or 0, "inGraph": in_graph, "venue": venue.get("name"), **byline(node, CARD_BYLINE)}

    def page(conn: dict[str, Any]) -> dict[str, Any]:
        return {"totalCount": conn["totalCount"], "hasNextPage": conn["pageInfo"]["hasNextPage"],
                "items": [card(e["node"]) for e in conn["edges"]]}

    if peer:
        venue = (w.get("venue") or [None])[0]
        topics = [(e["node"]["id"], e["node"]["name"], _num(e["properties"]["score"]))
                  for e in w["topicsConnection"]["edges"]]
        lists = {"references": page(w["referencesConnection"]), "citedBy": page(w["citedByConnection"])}
        url = _peer_url(w)
    else:
        venue = w.get("venue")
        topics = [(t["topic"]["id"], t["topic"]["name"], _num(t["score"])) for t in w["topics"]]
        lists = {"references": page(w["references"]), "citedBy": page(w["citedBy"])}
        url = w.get("url")
    out = {key: w.get(key) for key in ("id", "title", "type", "year", "publicationDate", "doi", "arxivId",
                                       "abstract", "citedByCount")}
    return {**out, "url": url, "venue": (venue or {}).get("name"), **byline(w, WORK_BYLINE), "topics": topics,
            **lists}


def check_facts(cells: list[Cell], ours_url: str, peer_url: str, log: Any = print,
                translate: Callable[[str, dict[str, Any]], dict[str, Any]] | None = None) -> dict[str, Any]:
    """Ask both sides every request of every expressible cell; compare facts; walk the peer's works pages.

    Returns {cell key: [peer request bodies]} (the requests the peer is measured with) and raises FactsMismatch
    listing every disagreement. An error on either side is a disagreement too. `translate` turns one of our
    requests into the peer's (default `request`).
    """
    translate = translate or request
    bodies: dict[str, list[dict[str, Any]]] = {}
    problems: list[str] = []
    for cell in cells:
        if cell.workload not in EXPRESSIBLE or cell.error is not None or not cell.requests:
            continue
        out = []
        for req in cell.requests:
            body = translate(cell.workload, req.variables)
            if cell.workload == "works_page":
                body = walk_to_page(peer_url, body)
            ours = post(ours_url, {"query": req.document, "variables": req.variables}, "/graphql")
            theirs = post(peer_url, body)
            where = f"{cell.key} {req.variables}"
            if ours.get("errors") or theirs.get("errors"):
                problems.append(f"{where}: errors ours={ours.get('errors')} peer={theirs.get('errors')}")
            else:
                a, b = facts(cell.workload, ours.get("data"), False), facts(cell.workload, theirs.get("data"), True)
                if a != b:
                    problems.append(f"{where}: facts differ\n    ours: {_short(a)}\n    peer: {_short(b)}")
            out.append(body)
        bodies[cell.key] = out
        log(f"facts: {cell.key}: {len(out)} requests checked, {len(problems)} disagreements so far")
    if problems:
        raise FactsMismatch(f"the peer and the service disagree on {len(problems)} requests:\n"
                            + "\n".join(problems[:10]))
    return bodies


def _short(value: Any, limit: int = 600) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"
