"""The ASGI app over HTTP: /graphql, /readyz, error masking, GraphiQL only in debug."""

from __future__ import annotations

import dataclasses
import gc

from starlette.testclient import TestClient

from scholargraph.server import GC_THRESHOLDS, create_app
from scholargraph.settings import Settings

PROFILE = '{ researcher(id: "A5101727316") { name counts { works } trust { score band } } }'


def test_graphql_over_http(seeded_graph, settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.post("/graphql", json={"query": PROFILE})
        assert response.status_code == 200
        assert response.json()["data"]["researcher"] == {
            "name": "Zhefan Rao", "counts": {"works": 2}, "trust": {"score": 13, "band": "Unverified"}}
        # Once started, the collector leaves start-up's objects alone and runs less often (server.tune_gc).
        assert gc.get_threshold()[0] == GC_THRESHOLDS[0]
        assert gc.get_freeze_count() > 0


def test_readyz_reports_neo4j(clean_graph, settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
        assert response.status_code == 200 and response.json() == {"status": "ok", "neo4j": True}


def test_graphiql_only_in_debug(clean_graph, settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        assert "graphiql" not in client.get("/graphql", headers={"accept": "text/html"}).text.lower()
    with TestClient(create_app(dataclasses.replace(settings, debug=True))) as client:
        assert "graphiql" in client.get("/graphql", headers={"accept": "text/html"}).text.lower()


def test_query_limits_reject_abuse(clean_graph, settings: Settings) -> None:
    aliases = "{ " + " ".join(f"a{i}: researcher(id: \"A1\") {{ id }}" for i in range(40)) + " }"
    deep = "{ researcher(id: \"A1\") { " + "closeCollaborators { researcher { " * 8 + "id" + " } }" * 8 + " } }"
    with TestClient(create_app(settings)) as client:
        for document in (aliases, deep):
            body = client.post("/graphql", json={"query": document}).json()
            assert body.get("errors") and not body.get("data"), document[:60]


def test_bad_input_over_http_has_code(clean_graph, settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        body = client.post("/graphql", json={"query": '{ search(text: "") { score } }'}).json()
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
