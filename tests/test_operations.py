"""Operations: health and readiness, outages (a kill -9 of Neo4j under writers), secrets out of logs, collection
of expired records, metrics, request ids, routing URIs and two service processes on one database."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from identity_support import LOGIN, PASSWORD, REGISTER, VERIFY, token_in
from scholargraph import localdb
from scholargraph.cli.main import main as cli
from scholargraph.server import create_app
from scholargraph.settings import Settings

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "web" / "queries"
ME = "query Me { me { id email } }"
START_SECONDS = 600  # a fresh store on a busy 2-core machine took 130 s to come up
FOLLOW = "mutation Follow($id: ID!) { follow(researcherId: $id) { id } }"
READ = "query Read($id: ID!) { researcher(id: $id) { id name } }"


@dataclasses.dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    def json(self) -> dict[str, Any]:
        return dict(json.loads(self.body))


def http(url: str, payload: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
         timeout: float = 60) -> Reply:
    """One request with the standard library (a plain client, like a load balancer's probe or a script)."""
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, got, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, got, body = error.code, dict(error.headers), error.read()
    return Reply(status, {key.lower(): value for key, value in got.items()}, body, time.monotonic() - started)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Service:
    """`scholargraph serve` in a child process, as deployed: JSON logs to a file, mail to `outbox`."""

    def __init__(self, uri: str, password: str, outbox: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.outbox = outbox
        self.log = log
        self.env = {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": password,
                    "HOST": "127.0.0.1", "PORT": str(self.port), "MAIL_OUTBOX": str(outbox), "LOG_FORMAT": "json",
                    "LOG_LEVEL": "info", "MAINTENANCE_INTERVAL": "0", "PUBLIC_URL": self.url}
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Service:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "scholargraph.cli.main", "serve"], env=self.env,
                                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the service exited; see {self.log}:\n{self.log.read_text()}"
            try:
                if http(f"{self.url}/healthz", timeout=2).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"the service did not start; see {self.log}")

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def gql(self, document: str, variables: dict[str, Any] | None = None, token: str | None = None) -> dict[str, Any]:
        return self.post(document, variables, token).json()

    def post(self, document: str, variables: dict[str, Any] | None = None, token: str | None = None) -> Reply:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return http(f"{self.url}/graphql", {"query": document, "variables": variables or {}}, headers)

    def mailed_token(self, address: str) -> str:
        for path in sorted(self.outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns, reverse=True):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["To"] == address:
                return token_in(message)
        raise AssertionError(f"no mail to {address} in {self.outbox}")

    def signed_in(self, address: str) -> str:
        """Register, verify and log in `address`; return the session token."""
        assert "errors" not in self.gql(REGISTER, {"email": address, "password": PASSWORD, "name": "Ops Test"})
        assert "errors" not in self.gql(VERIFY, {"token": self.mailed_token(address)})
        body = self.gql(LOGIN, {"email": address, "password": PASSWORD})
        assert "errors" not in body, body
        return str(body["data"]["login"]["token"])


def error_code(body: dict[str, Any]) -> str | None:
    return body["errors"][0]["extensions"].get("code") if body.get("errors") else None


def samples(text: str, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    """The samples called `name` in a Prometheus exposition, keyed by their sorted labels."""
    return {tuple(sorted(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples if sample.name == name}


def delta(before: dict[Any, float], after: dict[Any, float]) -> dict[Any, float]:
    return {key: value - before.get(key, 0.0) for key, value in after.items() if value != before.get(key, 0.0)}


# --- health, readiness, request ids -----------------------------------------------------------------------------

def test_healthz_is_process_up_and_readyz_asks_the_database(clean_graph, settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        health = client.get("/healthz")
        assert health.status_code == 200 and health.json() == {"status": "ok"}
        ready = client.get("/readyz")
        assert ready.status_code == 200 and ready.json() == {"status": "ok", "neo4j": True}


def test_request_id_is_echoed_or_minted(clean_graph, settings: Settings) -> None:
    mine = uuid.uuid4().hex
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz", headers={"X-Request-ID": mine}).headers["x-request-id"] == mine
        minted = client.get("/healthz", headers={"X-Request-ID": "not-a-uuid <script>"}).headers["x-request-id"]
        assert minted != mine and uuid.UUID(minted).version == 4


# --- metrics ----------------------------------------------------------------------------------------------------

async def test_metrics_expose_the_series(seeded_graph, settings: Settings, graph) -> None:
    from scholargraph.importer.run import import_paths

    profile = (QUERIES / "profile.graphql").read_text()
    with TestClient(create_app(settings)) as client:
        before = client.get("/metrics").text
        assert client.post("/graphql", json={"query": profile, "variables": {"id": "A5101727316"}}).json()["data"]
        client.post("/graphql", json={"query": "query Hostile9000 { __typename }"})
        client.post("/graphql", json={"query": 'query Search { search(text: "") { score } }'})
        await import_paths([REPO / "tests" / "data" / "openalex" / "institutions.jsonl"], graph, progress=False)
        response = client.get("/metrics")
    assert response.headers["content-type"].startswith("text/plain")
    after = response.text

    operations = delta(samples(before, "scholargraph_graphql_operations_total"),
                       samples(after, "scholargraph_graphql_operations_total"))
    assert operations[(("operation", "Profile"), ("outcome", "ok"))] == 1
    assert operations[(("operation", "other"), ("outcome", "ok"))] == 1  # a name off the allow-list
    assert operations[(("operation", "Search"), ("outcome", "error"))] == 1  # labelled by name, not by document
    assert "Hostile9000" not in after
    assert delta(samples(before, "scholargraph_graphql_errors_total"),
                 samples(after, "scholargraph_graphql_errors_total"))[(("code", "BAD_USER_INPUT"),)] == 1
    assert samples(after, "scholargraph_graphql_operation_duration_seconds_count")[(("operation", "Profile"),)] >= 1
    trips = delta(samples(before, "scholargraph_graphql_cypher_round_trips_sum"),
                  samples(after, "scholargraph_graphql_cypher_round_trips_sum"))
    assert 1 <= trips[(("operation", "Profile"),)] <= 3  # the README's bound for the profile page
    http = delta(samples(before, "scholargraph_http_requests_total"), samples(after, "scholargraph_http_requests_total"))
    assert http[(("method", "POST"), ("route", "/graphql"), ("status", "200"))] == 3
    statements = samples(after, "scholargraph_cypher_statement_duration_seconds_count")
    assert statements[(("access", "read"), ("statement", "researcher_read_by_ids"))] >= 1
    assert samples(after, "scholargraph_cypher_duration_seconds_count")[()] >= 1
    assert samples(after, "scholargraph_neo4j_pool_max_size")[()] == 64
    assert samples(after, "scholargraph_neo4j_transactions_in_flight")[()] == 0  # nothing left open
    assert delta(samples(before, "scholargraph_import_records_total"),
                 samples(after, "scholargraph_import_records_total"))[(("kind", "institution"),)] >= 1
    assert samples(after, "scholargraph_import_batches_total")[()] >= 1
    assert samples(after, "scholargraph_import_last_batch_timestamp_seconds")[()] > 0


# --- maintenance ------------------------------------------------------------------------------------------------

EXPIRED = """
CREATE (u:User {id: 'u-ops', email: 'ops@example.org'})
WITH u
UNWIND range(1, 3) AS i
CREATE (:Session {tokenHash: 'old-' + i, expiresAt: datetime() - duration('PT1H')})-[:OF]->(u)
CREATE (:Session {tokenHash: 'live-' + i, expiresAt: datetime() + duration('PT1H')})-[:OF]->(u)
CREATE (:RateBucket {key: 'old-' + i, subject: 's', count: 5, expiresAt: datetime() - duration('PT1M')})
CREATE (:RateBucket {key: 'live-' + i, subject: 's', count: 5, expiresAt: datetime() + duration('PT10M')})
"""
LEFT = """
MATCH (n) WHERE n:Session OR n:RateBucket
RETURN n.tokenHash IS NOT NULL AS session, collect(coalesce(n.tokenHash, n.key)) AS keys ORDER BY session
"""


def _left(driver: neo4j.Driver, settings: Settings) -> dict[str, list[str]]:
    records, _, _ = driver.execute_query(LEFT, database_=settings.neo4j_database)
    return {("sessions" if record["session"] else "buckets"): sorted(record["keys"]) for record in records}


def test_maintenance_command_collects_expired_sessions_and_buckets(clean_graph, settings: Settings, capsys) -> None:
    clean_graph.execute_query(EXPIRED, database_=settings.neo4j_database)
    assert cli(["maintenance", "--instance", "test"]) == 0
    assert "collected 3 expired sessions, 3 ended rate-limit windows" in capsys.readouterr().out
    assert _left(clean_graph, settings) == {"sessions": ["live-1", "live-2", "live-3"],
                                           "buckets": ["live-1", "live-2", "live-3"]}
    assert cli(["maintenance", "--instance", "test"]) == 0  # idempotent
    assert "collected 0 expired sessions, 0 ended rate-limit windows" in capsys.readouterr().out


def test_the_service_collects_periodically(clean_graph, settings: Settings) -> None:
    clean_graph.execute_query(EXPIRED, database_=settings.neo4j_database)
    with TestClient(create_app(dataclasses.replace(settings, maintenance_interval=0.2))):
        # Sessions and rate buckets are collected in separate statements: wait until both are done.
        live = {"sessions": ["live-1", "live-2", "live-3"], "buckets": ["live-1", "live-2", "live-3"]}
        deadline = time.monotonic() + 60
        while (left := _left(clean_graph, settings)) != live:
            assert time.monotonic() < deadline, f"the periodic collector never finished: {left}"
            time.sleep(0.2)


# --- secrets and logs -------------------------------------------------------------------------------------------

def test_no_log_line_holds_a_token(clean_graph, settings: Settings, tmp_path: Path) -> None:
    log = tmp_path / "service.log"
    with Service(settings.neo4j_uri, str(settings.neo4j_password), tmp_path / "outbox", log) as service:
        address = "secret-keeper@example.org"
        assert "errors" not in service.gql(REGISTER, {"email": address, "password": PASSWORD, "name": "Keeper"})
        verify_token = service.mailed_token(address)
        # The link from the mail, as a browser opens it, then the page's own POST.
        assert http(f"{service.url}/verify-email?token={verify_token}").status == 200
        assert service.gql(VERIFY, {"token": verify_token})["data"]["verifyEmail"]["emailVerified"] is True
        session = service.gql(LOGIN, {"email": address, "password": PASSWORD})["data"]["login"]["token"]
        assert service.gql(ME, token=session)["data"]["me"]["email"] == address
        request_id = http(f"{service.url}/login?next=/explore&token={session}").headers["x-request-id"]
        service.gql(VERIFY, {"token": verify_token + "x"})  # a failed use of a token
        assert service.gql("mutation { logout }", token=session)["data"]["logout"] is True
    lines = [line for line in log.read_text().splitlines() if line.startswith("{")]
    assert len(lines) >= 8, log.read_text()
    records = [json.loads(line) for line in lines]
    access = [record for record in records if record["logger"] == "uvicorn.access"]
    assert any(record["request_id"] == request_id and record["path"].startswith("/login") for record in access)
    assert any("/verify-email?token=[redacted]" in record["path"] for record in access)
    for line in log.read_text().splitlines():  # every line, JSON or not
        for secret in (verify_token, session, PASSWORD):
            assert secret not in line, f"a secret in the log: {line}"


# --- routing URIs and scale-out ---------------------------------------------------------------------------------

def test_routing_uri_reads_go_through_read_transactions(seeded_graph, settings: Settings) -> None:
    routed = dataclasses.replace(settings, neo4j_uri=settings.neo4j_uri.replace("bolt://", "neo4j://"))
    assert routed.neo4j_uri.startswith("neo4j://")
    auth = (settings.neo4j_user, str(settings.neo4j_password))
    with neo4j.GraphDatabase.driver(routed.neo4j_uri, auth=auth) as driver:  # the server answers routing
        records, _, _ = driver.execute_query("CALL dbms.routing.getRoutingTable({}, $db)", db=settings.neo4j_database,
                                             database_=settings.neo4j_database, routing_="r")
    roles = {server["role"]: server["addresses"] for server in records[0]["servers"]}
    address = routed.neo4j_uri.removeprefix("neo4j://")
    assert roles == {"WRITE": [address], "READ": [address], "ROUTE": [address]}

    reads = [
        ("profile", {"id": "A5101727316"}),
        ("graph_slice", {"center": "A5101727316", "depth": 2}),
        ("search", {"text": "zhef"}),
    ]
    with TestClient(create_app(routed)) as client:
        before = samples(client.get("/metrics").text, "scholargraph_cypher_statement_duration_seconds_count")
        for name, variables in reads:
            body = client.post("/graphql", json={"query": (QUERIES / f"{name}.graphql").read_text(),
                                                 "variables": variables}).json()
            assert "errors" not in body, (name, body)
        after_reads = samples(client.get("/metrics").text, "scholargraph_cypher_statement_duration_seconds_count")
        body = client.post("/graphql", json={"query": REGISTER, "variables": {
            "email": "routed@example.org", "password": PASSWORD, "name": "Routed"}}).json()
        assert "errors" not in body, body
        after_write = samples(client.get("/metrics").text, "scholargraph_cypher_statement_duration_seconds_count")
    ran = delta(before, after_reads)
    assert ran and all(dict(key)["access"] == "read" for key in ran), ran
    assert any(dict(key)["access"] == "write" for key in delta(after_reads, after_write))


async def test_transaction_functions_join_the_statements_causal_chain(clean_graph, settings: Settings) -> None:
    """Graph.read_tx/write_tx use the bookmark manager execute_query uses: on a cluster a statement after an import
    batch (suggestions_missing after write_tx, say) waits for that batch on whichever member answers it."""
    from scholargraph import db

    for run in ("read", "write"):
        async with db.connect(settings) as graph:  # a fresh driver: its manager holds no bookmark yet
            manager = graph.driver.execute_query_bookmark_manager
            assert await manager.get_bookmarks() == set()
            if run == "read":
                await graph.read_tx(lambda tx: tx.read("health_ping"))
            else:
                await graph.write_tx(lambda tx: tx.write("suggestions_lock", ids=[]))
            held = await manager.get_bookmarks()
            assert held, run  # the transaction's commit bookmark reached the shared manager
            await graph.read("health_ping")  # and a statement after it carries it on (and keeps the chain)
            assert await manager.get_bookmarks()


def test_two_service_processes_share_sessions_and_rate_limits(clean_graph, settings: Settings,
                                                                tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    uri, password = settings.neo4j_uri, str(settings.neo4j_password)
    with Service(uri, password, outbox, tmp_path / "a.log") as a, Service(uri, password, outbox, tmp_path / "b.log") as b:
        session = a.signed_in("shared@example.org")
        assert b.gql(ME, token=session)["data"]["me"]["email"] == "shared@example.org"
        assert b.gql("mutation { logout }", token=session)["data"]["logout"] is True
        assert a.gql(ME, token=session)["data"]["me"] is None

        window = 15 * 60  # LOGIN_PER_ACCOUNT: 10 attempts per fixed 15-minute window
        if window - time.time() % window < 60:
            time.sleep(window - time.time() % window + 1)
        wrong = {"email": "nobody@example.org", "password": "wrong password!"}
        codes = [error_code((a if attempt % 2 else b).gql(LOGIN, wrong)) for attempt in range(11)]
        assert codes == ["UNAUTHENTICATED"] * 10 + ["RATE_LIMITED"]
        assert error_code(a.gql(LOGIN, wrong)) == error_code(b.gql(LOGIN, wrong)) == "RATE_LIMITED"


# --- outages: kill -9 of Neo4j under writers --------------------------------------------------------------------

@pytest.fixture
def crash_instance(monkeypatch: pytest.MonkeyPatch) -> Iterator[localdb.Instance]:
    """A throw-away local Neo4j on a free port (never the shared test instance), stopped and removed afterwards.

    Its data lives under var/, not pytest's tmp_path: a store being killed should not sit where other pytest runs
    prune old temporary folders."""
    port = free_port()
    home = REPO / "var" / f"neo4j-crash-{port}"
    inst = localdb.instance("crash", port=port, home=home, heap="512m", pagecache="64m")
    monkeypatch.setenv("NEO4J_LOCAL_PORT", str(inst.port))
    monkeypatch.setenv("NEO4J_LOCAL_HOME", str(inst.home))
    localdb.start(inst, wait_seconds=START_SECONDS)
    try:
        yield inst
    finally:
        localdb.stop(inst)
        shutil.rmtree(home, ignore_errors=True)


def _state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def test_kill_9_during_writes_loses_no_acknowledged_write(crash_instance: localdb.Instance, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    inst = crash_instance
    auth = ("neo4j", inst.password())
    with neo4j.GraphDatabase.driver(inst.uri, auth=auth) as driver:
        driver.execute_query("UNWIND range(0, 999) AS i CREATE (:Researcher {id: 'A77' + i, name: 'Crash ' + i})",
                             database_="neo4j")
    assert cli(["db", "status", "--instance", "crash"]) == 0  # NEO4J_LOCAL_PORT / _HOME honoured
    assert f"running (pid {inst.pid()}) at {inst.uri}" in capsys.readouterr().out

    with Service(inst.uri, inst.password(), tmp_path / "outbox", tmp_path / "service.log") as service:
        token = service.signed_in("writer@example.org")
        report = _writes_through_a_crash(service, inst, token)
        figures = {key: value for key, value in report.items() if key not in ("acknowledged_ids", "unavailable_http")}
        print("kill -9 figures:", json.dumps(figures), file=sys.stderr)  # what RELIABILITY.md quotes

    assert report["ready_while_down"] == 503 and report["ready_seconds_while_down"] < 2.0
    assert report["health_while_down"] == 200
    assert report["reaped"], "the killed launcher lingers as a zombie"
    assert report["status_while_down"] == 3 and f"stopped at {inst.uri}" in report["status_output"]
    assert report["restarted"], "db start did not see the stale pid file"
    assert report["acknowledged"] > 0 and report["failed_unavailable"] > 0
    assert report["failed_other"] == [], "errors other than UNAVAILABLE while Neo4j was down"
    assert all(response == (503, "5") for response in report["unavailable_http"])
    assert report["reads"]["ok"] > 0 and report["reads"]["other"] == 0

    with neo4j.GraphDatabase.driver(inst.uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (:User {email: 'writer@example.org'})-[f:FOLLOWS]->(r:Researcher) "
            "RETURN r.id AS id, count(f) AS copies", database_="neo4j")
    stored = {record["id"]: record["copies"] for record in records}
    lost = [researcher for researcher in report["acknowledged_ids"] if researcher not in stored]
    assert lost == [], f"acknowledged writes lost: {lost}"
    assert max(stored.values()) == 1, "duplicated writes"


def _writes_through_a_crash(service: Service, inst: localdb.Instance, token: str) -> dict[str, Any]:
    """Eight writers follow researchers one by one; Neo4j is killed with SIGKILL mid-stream, then restarted."""
    ids = iter(f"A77{i}" for i in range(1000))
    lock = threading.Lock()
    acknowledged: list[str] = []
    unavailable_http: list[tuple[int, str | None]] = []
    failed_other: list[Any] = []
    client_timeouts: list[str] = []
    failure_seconds: list[float] = []
    stop = threading.Event()
    report: dict[str, Any] = {}

    def writer() -> None:
        while not stop.is_set():
            with lock:
                researcher = next(ids, None)
            if researcher is None:
                return
            try:
                reply = service.post(FOLLOW, {"id": researcher}, token)
            except OSError:  # the client gave up: outcome unknown, so not acknowledged (checked below all the same)
                with lock:
                    client_timeouts.append(researcher)
                continue
            body = reply.json()
            if body.get("data") and body["data"]["follow"]:
                acknowledged.append(researcher)
            elif error_code(body) == "TIMEOUT":  # the request deadline ended a wait on a starting Neo4j: unknown
                with lock:
                    client_timeouts.append(researcher)
            elif error_code(body) == "UNAVAILABLE":
                unavailable_http.append((reply.status, reply.headers.get("retry-after")))
                failure_seconds.append(reply.seconds)
                time.sleep(0.2)
            else:
                failed_other.append(body)

    reads: dict[str, int] = {"ok": 0, "unavailable": 0, "client_timeout": 0, "other": 0}

    def reader() -> None:  # readers alongside: they fail with UNAVAILABLE while it is down, then recover
        while not stop.is_set():
            try:
                body = service.post(READ, {"id": "A770"}).json()
            except OSError:
                body = None
            if body is not None and error_code(body) == "TIMEOUT":
                body = None  # the request deadline, like a client's own timeout
            outcome = "client_timeout" if body is None else "ok" if body.get("data") and body["data"]["researcher"] \
                else "unavailable" if body.get("errors") and error_code(body) == "UNAVAILABLE" else "other"
            with lock:
                reads[outcome] += 1
            time.sleep(0.05 if outcome == "ok" else 0.2)

    writers = [threading.Thread(target=writer, daemon=True) for _ in range(8)]
    writers += [threading.Thread(target=reader, daemon=True) for _ in range(2)]
    for thread in writers:
        thread.start()
    try:
        deadline = time.monotonic() + 300
        while len(acknowledged) < 40 and time.monotonic() < deadline:
            time.sleep(0.1)
        pid = inst.pid()
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        killed = time.monotonic()
        report["acknowledged_before_kill"] = len(acknowledged)
        time.sleep(0.5)
        ready = http(f"{service.url}/readyz", timeout=30)
        report["ready_while_down"], report["ready_seconds_while_down"] = ready.status, round(ready.seconds, 3)
        report["health_while_down"] = http(f"{service.url}/healthz", timeout=30).status
        while _state(pid) is not None and time.monotonic() - killed < 30:
            time.sleep(0.1)
        report["reaped"] = _state(pid) is None
        report["status_while_down"], report["status_output"] = _status()
        time.sleep(3)  # writers keep trying while it is down
        restart = time.monotonic()
        report["restarted"] = localdb.start(inst, wait_seconds=START_SECONDS)
        report["restart_seconds"] = round(time.monotonic() - restart, 1)
        while http(f"{service.url}/readyz", timeout=30).status != 200 and time.monotonic() - restart < 300:
            time.sleep(0.1)
        report["down_seconds"] = round(time.monotonic() - killed, 1)
        report["ready_after_restart_seconds"] = round(time.monotonic() - restart - report["restart_seconds"], 1)
        first_after = len(acknowledged)
        while len(acknowledged) < first_after + 20 and any(thread.is_alive() for thread in writers[:8]):
            time.sleep(0.1)
    finally:
        stop.set()
        for thread in writers:
            thread.join(120)

    report.update(acknowledged=len(acknowledged), acknowledged_ids=list(acknowledged),
                  failed_unavailable=len(unavailable_http), unavailable_http=list(unavailable_http),
                  failed_other=list(failed_other), reads=dict(reads), client_timeouts=len(client_timeouts),
                  slowest_failure_seconds=round(max(failure_seconds, default=0.0), 2))
    return report


def _status() -> tuple[int, str]:
    out = subprocess.run([sys.executable, "-m", "scholargraph.cli.main", "db", "status", "--instance", "crash"],
                         check=False, capture_output=True, text=True, env=dict(os.environ), timeout=120)
    return out.returncode, out.stdout
