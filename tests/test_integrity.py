"""Integrity under concurrency and real-world data (issue 13), against the real database.

- Exactly-once writes: 2 and 8 identical concurrent claims, invitations, follows and blocks, sent through the schema
  over two drivers (as two replicas would), 20 trials each: one object each time, every loser gets CONFLICT or the
  existing object.
- Two overlapping imports at once, 20 trials: the graph equals a serial import's, compared by a digest per label and
  relationship type.
- Large bylines: works with 1,000 / 3,000 / 5,000 authors among 99 ordinary works import whole, in bounded memory,
  under the database's transaction memory cap; the rule: no COAUTHOR ties above COAUTHOR_MAX_AUTHORS authors.
- A record that cannot be written is rejected with its reason and the rest of the file goes on.
- Updates converge: old→new, new→old and newest-only give equal digests on the sample's updated records; nothing
  an update left untied stays in search; merged ids redirect; an own record beats embedded copies for every batch
  size from 1 to 500.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import neo4j
import pytest
from identity_support import CLAIM, INVITE, Api, api  # noqa: F401 (fixture)

from scholargraph import db
from scholargraph.auth.tokens import hash_token
from scholargraph.importer import run, write
from scholargraph.settings import Settings
from tests.conftest import cypher_rows, wipe

DATA = Path(__file__).resolve().parent / "data" / "openalex"
REPO = Path(__file__).resolve().parent.parent
TRIALS = 20


# --- helpers --------------------------------------------------------------------------------------------------

def digests(driver: neo4j.Driver, settings: Settings) -> dict[str, str]:
    """A digest per node label and per relationship type over every property (node ids, relationship ends)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for row in cypher_rows(driver, settings, "MATCH (n) WHERE NOT n:TestSentinel "
                           "RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS props"):
        groups[":" + row["label"]].append(json.dumps(row, sort_keys=True, default=str))
    for row in cypher_rows(driver, settings, "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, "
                           "properties(r) AS props"):
        groups["-" + row["type"]].append(json.dumps(row, sort_keys=True, default=str))
    return {key: f"{len(rows)}:{hashlib.sha256(''.join(sorted(rows)).encode()).hexdigest()[:16]}"
            for key, rows in sorted(groups.items())}


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


def work(wid: str, authors: list[str], topics: list[tuple[str, float]], *, year: int = 2020,
         updated: str = "2024-01-01", refs: list[str] | None = None,
         institutions: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    institutions = institutions or {}
    return {
        "id": f"https://openalex.org/{wid}", "title": f"Work {wid}", "publication_year": year,
        "updated_date": updated, "referenced_works": [f"https://openalex.org/{r}" for r in refs or []],
        "authorships": [{"author_position": "middle",
                         "author": {"id": f"https://openalex.org/{a}", "display_name": f"Author {a}"},
                         "institutions": [institutions[a]] if a in institutions else []} for a in authors],
        "topics": [{"id": f"https://openalex.org/{t}", "display_name": f"Topic {t}", "score": s} for t, s in topics],
    }


async def import_file(settings: Settings, paths: list[Path], **options: Any) -> run.Summary:
    async with db.connect(settings) as graph:
        return await run.import_paths(paths, graph, progress=False, **options)


def import_sync(settings: Settings, paths: list[Path], **options: Any) -> run.Summary:
    return asyncio.run(import_file(settings, paths, **options))


# --- exactly-once writes ----------------------------------------------------------------------------------------

FOLLOW = "mutation($id: ID!) { follow(researcherId: $id) { id } }"
BLOCK = "mutation($id: ID!) { blockUser(userId: $id) { id } }"

TRIAL_FIXTURES = """
UNWIND range(0, $n - 1) AS k
WITH k, 'T' + k AS key
CREATE (r:Researcher {id: 'A9' + k, name: 'Trial Record ' + k, openToCollaborate: true})
CREATE (owner:User {id: 'usr_owner' + k, email: 'owner' + k + '@trial.test', displayName: 'Owner ' + k,
                    emailVerified: true, roles: []})
CREATE (:Ownership {researcherId: r.id, since: datetime()})-[:HELD_BY]->(owner)
CREATE (u:User {id: 'usr_sender' + k, email: 'sender' + k + '@trial.test', displayName: 'Sender ' + k,
                emailVerified: true, roles: []})
CREATE (:Session {tokenHash: $hashes[k], createdAt: datetime(), expiresAt: datetime() + duration('PT2H')})-[:OF]->(u)
"""

# (mutation, variables for trial k, count query for trial k, what the winner returns)
KINDS = {
    "claim": (CLAIM, lambda k: {"id": f"A9{k}", "evidence": {"note": "It is me"}},
              "MATCH (:User {id: $user})-[:FILED]->(c:Claim)-[:CLAIMS]->(:Researcher {id: $record}) RETURN count(c)"),
    "invitation": (INVITE, lambda k: {"id": f"A9{k}", "message": "Shall we work together on this?"},
                   "MATCH (:User {id: $user})-[:SENT]->(i:Invitation)-[:TO]->(:Researcher {id: $record}) "
                   "RETURN count(i)"),
    "follow": (FOLLOW, lambda k: {"id": f"A9{k}"},
               "MATCH (:User {id: $user})-[f:FOLLOWS]->(:Researcher {id: $record}) RETURN count(f)"),
    "block": (BLOCK, lambda k: {"id": f"usr_owner{k}"},
              "MATCH (:User {id: $user})-[b:BLOCKS]->(:User {id: $owner}) RETURN count(b)"),
}


@pytest.mark.parametrize("concurrency", [2, 8])
async def test_identical_concurrent_requests_write_exactly_once(api: Api, clean_graph: neo4j.Driver,
                                                                settings: Settings, concurrency: int) -> None:
    """20 trials per kind: `concurrency` identical requests at once, alternating between two drivers."""
    tokens = [f"trial-token-{concurrency}-{k}" for k in range(TRIALS)]
    clean_graph.execute_query(TRIAL_FIXTURES, n=TRIALS, hashes=[hash_token(t) for t in tokens],
                              database_=settings.neo4j_database)
    async with db.connect(settings) as first, db.connect(settings) as second:
        replicas = [first, second]
        for kind, (document, variables, count) in KINDS.items():
            for k in range(TRIALS):
                results = await asyncio.gather(*(
                    api(document, variables(k), token=tokens[k], graph=replicas[i % 2], expect_errors=True)
                    for i in range(concurrency)))
                codes = [r.errors[0].extensions["code"] for r in results if r.errors]
                winners = [r.data for r in results if not r.errors]
                assert winners, f"{kind} trial {k}: no request succeeded ({codes})"
                if kind in ("follow", "block"):  # idempotent: every request gets the (one) existing object
                    assert codes == [], f"{kind} trial {k}: {codes}"
                else:
                    assert len(winners) == 1 and set(codes) == {"CONFLICT"}, (kind, k, codes)
                stored = cypher_rows(clean_graph, settings, count, user=f"usr_sender{k}", record=f"A9{k}",
                                     owner=f"usr_owner{k}")
                assert next(iter(stored[0].values())) == 1, f"{kind} trial {k}: not exactly one"


# --- overlapping imports ----------------------------------------------------------------------------------------

def overlapping_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Two files sharing 40 works by the same pair (A1, A2), in opposite orders; the rest differ. Whichever import
    writes a shared work second re-imports it, so increments and recomputation run concurrently."""
    shared = [work(f"W{n}", ["A1", "A2", f"A{10 + n % 5}"], [("T1", 0.9), (f"T{2 + n % 3}", 0.4)], year=2000 + n)
              for n in range(40)]
    left = [work(f"W{100 + n}", ["A1", f"A{20 + n % 4}"], [("T1", 0.7)], refs=["W1", "W2"]) for n in range(6)]
    right = [work(f"W{200 + n}", ["A2", f"A{20 + n % 4}"], [("T2", 0.6)], refs=["W2", "W3"]) for n in range(6)]
    return (write_jsonl(tmp_path / "left.jsonl", shared + left),
            write_jsonl(tmp_path / "right.jsonl", list(reversed(shared)) + right))


def test_two_overlapping_imports_equal_a_serial_import(clean_graph: neo4j.Driver, settings: Settings,
                                                       tmp_path: Path) -> None:
    left, right = overlapping_corpus(tmp_path)
    import_sync(settings, [left, right])
    serial = digests(clean_graph, settings)
    shared = cypher_rows(clean_graph, settings, "MATCH (:Researcher {id: 'A1'})-[c:COAUTHOR]->(:Researcher "
                         "{id: 'A2'}) RETURN c.sharedWorks AS n")
    assert shared == [{"n": 40}]

    async def both() -> None:
        # Two drivers, as two importer processes (or replicas) would; small batches interleave their transactions.
        await asyncio.gather(import_file(settings, [left], batch_size=12), import_file(settings, [right], batch_size=9))

    for trial in range(TRIALS):
        wipe(clean_graph, settings.neo4j_database)
        asyncio.run(both())
        assert digests(clean_graph, settings) == serial, f"trial {trial}"


# --- the refresh registry is what keeps derived values exact --------------------------------------------------

def test_refresh_registry_names_existing_statements() -> None:
    from scholargraph import cypher

    for name, kind in write.REFRESH:
        assert kind in {"works", "researchers", "topics", "sources", "institutions"}
        assert cypher.parameters(name) == {"ids"}


# --- large bylines ----------------------------------------------------------------------------------------------

PEAK_RSS_CAP_MB = 300  # the importer alone; the documented figure is ~82 MB for 100,000 works


def ordinary_works(count: int) -> list[dict[str, Any]]:
    return [work(f"W{500 + n}", [f"A{n % 40}", f"A{(n + 1) % 40}", f"A{(n + 7) % 40}"],
                 [(f"T{n % 6}", 0.8)], year=2000 + n % 20) for n in range(count)]


def expected_pairs(works: list[dict[str, Any]], limit: int) -> dict[tuple[str, str], int]:
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for record in works:
        ids = sorted({a["author"]["id"].rsplit("/", 1)[-1] for a in record["authorships"]})
        if len(ids) <= limit:
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    pairs[(a, b)] += 1
    return dict(pairs)


def run_cli_import(settings: Settings, path: Path, rejects: Path) -> tuple[int, float]:
    """Import with the real command in a child process; its exit status and peak RSS in MB."""
    # VmHWM (peak resident set of this process image); ru_maxrss would keep the forking parent's peak across exec.
    probe = ("import sys\n"
             "from scholargraph.importer.__main__ import main\n"
             "code = main(sys.argv[1:])\n"
             "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
             "print(hwm, file=sys.stderr)\n"
             "sys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", probe, "import", "openalex", str(path), "--rejects", str(rejects),
                           "--no-progress", "--instance", "test"], check=False, cwd=REPO, capture_output=True,
                          text=True, timeout=900)
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return done.returncode, peak_kb / 1024


@pytest.mark.parametrize("authors", [3000])  # "and 2,990 more": the rule is the same for any size above 100
def test_collaboration_scale_work_keeps_authorships_but_adds_no_coauthor_ties_above_100_authors(
        clean_graph: neo4j.Driver, settings: Settings, tmp_path: Path, authors: int) -> None:
    """The rule: a work with more than COAUTHOR_MAX_AUTHORS (100) distinct authors keeps every AUTHORED edge, its
    topics and WORKS_ON, but adds no pairwise COAUTHOR ties. One such work among 99 ordinary ones: all 100 import,
    in bounded memory, with Neo4j's per-transaction memory cap in force."""
    assert write.COAUTHOR_MAX_AUTHORS == 100
    cap = cypher_rows(clean_graph, settings, "SHOW SETTINGS YIELD name, value "
                      "WHERE name = 'db.memory.transaction.max' RETURN value")
    assert cap and cap[0]["value"] not in ("0B", "0"), "the database must cap transaction memory"
    small = ordinary_works(99)
    big = work("W9000000", [f"A{7_000_000 + n}" for n in range(authors)], [("T0", 0.9), ("T7", 0.5)], year=2012)
    records = small[:50] + [big] + small[50:]
    path = write_jsonl(tmp_path / f"byline_{authors}.jsonl", records)
    code, peak_mb = run_cli_import(settings, path, tmp_path / "rejects.jsonl")
    assert code == 0, "every record imported, none rejected"
    assert not (tmp_path / "rejects.jsonl").exists()
    assert peak_mb < PEAK_RSS_CAP_MB, f"importer peak RSS {peak_mb:.0f} MB"
    counts = cypher_rows(clean_graph, settings, """
        MATCH (w:Work) WHERE NOT w.stub
        RETURN count(w) AS works, COUNT { (:Researcher)-[:AUTHORED]->(:Work {id: 'W9000000'}) } AS byline,
               COUNT { (:Researcher)-[:WORKS_ON]->(:Topic {id: 'T7'}) } AS worksOnT7,
               COUNT { ()-[:HAS_TOPIC]->(:Topic {id: 'T7'}) } AS t7""")[0]
    assert counts == {"works": 100, "byline": authors, "worksOnT7": authors, "t7": 1}
    stored = {(r["a"], r["b"]): r["n"] for r in cypher_rows(
        clean_graph, settings, "MATCH (a)-[c:COAUTHOR]->(b) RETURN a.id AS a, b.id AS b, c.sharedWorks AS n")}
    assert stored == expected_pairs(records, write.COAUTHOR_MAX_AUTHORS)
    assert not any(a.startswith("A7000") or b.startswith("A7000") for a, b in stored)


def test_byline_growing_past_the_threshold_drops_its_ties(clean_graph: neo4j.Driver, settings: Settings,
                                                          tmp_path: Path) -> None:
    """The rule applies to updates too: a work that grows from 3 to 150 authors stops counting for its pairs; the
    pair that also shares a small work keeps 1."""
    first = [work("W1", ["A1", "A2", "A3"], [("T1", 0.9)]), work("W2", ["A1", "A2"], [("T1", 0.9)])]
    import_sync(settings, [write_jsonl(tmp_path / "a.jsonl", first)])
    grown = work("W1", ["A1", "A2", "A3"] + [f"A{100 + n}" for n in range(147)], [("T1", 0.9)], updated="2025-01-01")
    import_sync(settings, [write_jsonl(tmp_path / "b.jsonl", [grown])])
    stored = cypher_rows(clean_graph, settings, "MATCH (a)-[c:COAUTHOR]->(b) RETURN a.id AS a, b.id AS b, "
                         "c.sharedWorks AS n")
    assert stored == [{"a": "A1", "b": "A2", "n": 1}]


def test_record_the_database_refuses_is_rejected_and_the_file_goes_on(clean_graph: neo4j.Driver,
                                                                       settings: Settings, tmp_path: Path) -> None:
    """A count no Neo4j integer can hold (2^64 - 1, valid JSON, valid for the mapping) in one of 100 works: the
    batch is split until that record stands alone, it is rejected with the reason, the other 99 are written."""
    records = ordinary_works(100)
    records[37]["cited_by_count"] = 2 ** 64 - 1
    rejects = tmp_path / "rejects.jsonl"
    summary = import_sync(settings, [write_jsonl(tmp_path / "works.jsonl", records)], rejects=run.Rejects(rejects))
    assert summary.rejected == 1 and summary.written["works"] == 99
    [line] = [json.loads(x) for x in rejects.read_text().splitlines()]
    assert line["line"] == 38 and "cannot write record" in line["reason"] and "W537" in line["raw"]
    assert cypher_rows(clean_graph, settings, "MATCH (w:Work) WHERE NOT w.stub RETURN count(w) AS n") == [{"n": 99}]


# --- updates that converge ------------------------------------------------------------------------------------

UPDATED = {"W2741809807", "A5023888391", "I27837315"}  # the sample's records with an older copy in legacy/


def _bytes(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()


def sample_copies(tmp_path: Path) -> tuple[Path, Path]:
    def lines(paths: list[Path]) -> bytes:  # split on b"\n" only: records hold U+2028 inside strings
        return b"".join(line + b"\n" for path in paths for line in _bytes(path).split(b"\n")
                        if line.strip() and json.loads(line)["id"].rsplit("/", 1)[-1] in UPDATED)

    old = tmp_path / "old.jsonl"
    old.write_bytes(lines([DATA / "legacy" / f"{k}_2023.jsonl" for k in ("works", "authors", "institutions")]))
    new = tmp_path / "new.jsonl"
    new.write_bytes(lines([DATA / "works.jsonl", DATA / "works_extra.jsonl.gz", DATA / "authors.jsonl",
                           DATA / "institutions.jsonl"]))
    assert old.read_bytes().count(b"\n") == new.read_bytes().count(b"\n") == 3
    return old, new


SEARCH = """query($text: String!, $kinds: [EntityKind!]) {
  search(text: $text, kinds: $kinds, first: 20) { node { __typename id } } }"""
UNTIED = """UNWIND $ids AS id MATCH (n {id: id})
WHERE NOT EXISTS { (n)--(:Work) } AND n.updatedDate IS NULL AND n.ownRecord IS NULL RETURN n.id AS id"""


async def test_old_then_new_new_then_old_and_newest_only_converge(clean_graph: neo4j.Driver, settings: Settings,
                                                                   tmp_path: Path, gql: Any) -> None:
    """The sample's work, author and institution with a 2023 copy: the 2023 work names an author id OpenAlex has
    since replaced (a second "Juan Pablo Alperín") and 17 legacy concepts; after the newest copy none is left."""
    old, new = sample_copies(tmp_path)
    outcomes = {}
    for name, order in (("newest only", [new]), ("old then new", [old, new]), ("new then old", [new, old])):
        wipe(clean_graph, settings.neo4j_database)
        for path in order:
            await import_file(settings, [path])
        outcomes[name] = digests(clean_graph, settings)
        if name == "old then new":
            hits = []
            for text, kinds in (("Juan Pablo Alperin", ["RESEARCHER"]), ("Citation analysis", ["TOPIC"]),
                                ("Bibliometrics", None)):
                found = await gql(SEARCH, {"text": text, "kinds": kinds})
                hits += [hit["node"]["id"] for hit in found["search"]]
            assert hits, "the searches find something"
            assert cypher_rows(clean_graph, settings, UNTIED, ids=hits) == []
            assert "A5045110184" not in hits  # the replaced author id
    assert outcomes["old then new"] == outcomes["newest only"]
    assert outcomes["new then old"] == outcomes["newest only"]


def test_untied_researcher_with_a_follower_is_kept(clean_graph: neo4j.Driver, settings: Settings,
                                                   tmp_path: Path) -> None:
    """Removal never takes what a user attached: a followed byline-only researcher dropped by an update stays."""
    import_sync(settings, [write_jsonl(tmp_path / "a.jsonl", [work("W1", ["A1", "A2", "A3"], [("T1", 0.9)])])])
    clean_graph.execute_query("MATCH (r:Researcher {id: 'A3'}) CREATE (:User {id: 'usr_f'})-[:FOLLOWS]->(r)",
                              database_=settings.neo4j_database)
    update = work("W1", ["A1"], [("T2", 0.9)], updated="2025-01-01")
    import_sync(settings, [write_jsonl(tmp_path / "b.jsonl", [update])])
    left = cypher_rows(clean_graph, settings, "MATCH (n) WHERE n:Researcher OR n:Topic RETURN n.id AS id ORDER BY id")
    assert [row["id"] for row in left] == ["A1", "A3", "T2"]


# --- an entity's own record beats embedded copies, whatever the batch size --------------------------------------

def embedded_copies_file(tmp_path: Path) -> Path:
    """Works and an author record carrying copies of I1, T1 and A1 that disagree with their own records, before,
    between and after those records."""
    def inst(kind: str) -> dict[str, Any]:
        return {"id": "https://openalex.org/I1", "display_name": f"I1 as {kind}", "type": kind,
                "country_code": "DE", "ror": None, "lineage": ["https://openalex.org/I1"]}

    def with_names(record: dict[str, Any]) -> dict[str, Any]:
        for authorship in record["authorships"]:
            authorship["author"]["display_name"] = f"Embedded {authorship['author']['id'][-2:]}"
        for topic in record["topics"]:
            topic["display_name"] = "Embedded topic name"
            topic["subfield"] = {"id": "https://openalex.org/subfields/2", "display_name": "Embedded sub"}
            topic["field"] = {"id": "https://openalex.org/fields/1", "display_name": "Field"}
            topic["domain"] = {"id": "https://openalex.org/domains/1", "display_name": "Domain"}
        return record

    works = [with_names(work(f"W{n}", ["A1", f"A{n + 10}"], [("T1", 0.9)], institutions={"A1": inst("funder")}))
             for n in range(1, 7)]
    own_institution = {"id": "https://openalex.org/I1", "display_name": "Own University", "type": "education",
                       "country_code": "NL", "ror": "https://ror.org/04abcde12", "updated_date": "2024-01-01",
                       "lineage": ["https://openalex.org/I1"]}
    own_author = {"id": "https://openalex.org/A1", "display_name": "Own Name", "updated_date": "2024-01-01",
                  "affiliations": [{"institution": inst("company"), "years": [2020]}]}
    own_topic = {"id": "https://openalex.org/T1", "display_name": "Own topic name", "updated_date": "2024-01-01",
                 "subfield": {"id": "https://openalex.org/subfields/1", "display_name": "Sub"},
                 "field": {"id": "https://openalex.org/fields/1", "display_name": "Field"},
                 "domain": {"id": "https://openalex.org/domains/1", "display_name": "Domain"}}
    records = [works[0], own_institution, works[1], own_author, works[2], works[3], own_topic, works[4], works[5]]
    return write_jsonl(tmp_path / "embedded.jsonl", records)


def test_own_record_beats_embedded_copies_for_every_batch_size(clean_graph: neo4j.Driver, settings: Settings,
                                                               tmp_path: Path) -> None:
    """Every batch size from 1 to 500. Batch sizes that cut the file into the same transactions write the same
    thing, so each distinct cut (computed with the importer's own batching for all 500 sizes) is imported once."""
    from scholargraph.importer import read

    path = embedded_copies_file(tmp_path)
    cuts: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for size in range(1, 501):
        summary = run.Summary()
        plan = tuple((group, tuple(rows.id for rows, _ in items)) for group, items in
                     run.batches(run.mapped(read.read([path]), run.Rejects(None), summary), size))
        cuts[plan].append(size)
    assert sum(len(sizes) for sizes in cuts.values()) == 500 and len(cuts) > 3
    query = """MATCH (i:Institution {id: 'I1'}), (t:Topic {id: 'T1'}), (a:Researcher {id: 'A1'})
               RETURN i.name AS i, i.type AS type, i.countryCode AS country, t.name AS t, a.name AS a,
                      [(t)-[:IN]->(s) | s.name] AS sub"""
    for sizes in cuts.values():
        wipe(clean_graph, settings.neo4j_database)
        import_sync(settings, [path], batch_size=sizes[0])
        assert cypher_rows(clean_graph, settings, query) == [
            {"i": "Own University", "type": "education", "country": "NL", "t": "Own topic name", "a": "Own Name",
             "sub": ["Sub"]}], f"batch sizes {sizes}"


# --- merged ids -------------------------------------------------------------------------------------------------

NODE = """query($id: ID!) { node(id: $id) { __typename id ... on Researcher { name } ... on Work { title } } }"""


async def test_merged_ids_redirect_to_the_survivor(clean_graph: neo4j.Driver, settings: Settings, tmp_path: Path,
                                                   gql: Any) -> None:
    """OpenAlex's merged_ids files (snapshot layout): A1 merged into A3, W3 into W1. Ties move, derived values are
    recomputed, a follow moves with its researcher, and node(id:) resolves the old ids to the survivors."""
    works = [work("W1", ["A1", "A2"], [("T1", 0.9)]), work("W2", ["A3", "A2"], [("T1", 0.5)]),
             work("W3", ["A1", "A4"], [("T2", 0.9)], refs=["W2"])]
    await import_file(settings, [write_jsonl(tmp_path / "works.jsonl", works)])
    clean_graph.execute_query("MATCH (r:Researcher {id: 'A1'}) CREATE (:User {id: 'usr_f'})-[:FOLLOWS]->(r)",
                              database_=settings.neo4j_database)
    folder = tmp_path / "data" / "merged_ids"
    (folder / "authors").mkdir(parents=True)
    (folder / "works").mkdir(parents=True)
    (folder / "authors" / "2024-05-01.csv").write_text("merge_date,id,merge_into_id\n2024-05-01,A1,A3\n")
    (folder / "works" / "2024-05-02.csv").write_text(
        "merge_date,id,merge_into_id\n2024-05-02,https://openalex.org/W3,https://openalex.org/W1\n")
    summary = await import_file(settings, [tmp_path / "data"])
    assert summary.rejected == 0 and summary.written["merged ids"] == 2
    pairs = {(r["a"], r["b"]): r["n"] for r in cypher_rows(
        clean_graph, settings, "MATCH (a)-[c:COAUTHOR]->(b) RETURN a.id AS a, b.id AS b, c.sharedWorks AS n")}
    assert pairs == {("A2", "A3"): 2, ("A3", "A4"): 1, ("A2", "A4"): 1}
    bylines = cypher_rows(clean_graph, settings, "MATCH (r:Researcher)-[:AUTHORED]->(w:Work) WHERE NOT w.stub "
                          "WITH w, r ORDER BY r.id RETURN w.id AS w, collect(r.id) AS authors ORDER BY w")
    assert bylines == [{"w": "W1", "authors": ["A2", "A3", "A4"]}, {"w": "W2", "authors": ["A2", "A3"]}]
    assert cypher_rows(clean_graph, settings, "MATCH (t:Topic) RETURN t.id AS t, t.worksCount AS n ORDER BY t") == [
        {"t": "T1", "n": 2}, {"t": "T2", "n": 1}]
    assert cypher_rows(clean_graph, settings, "MATCH (:User {id: 'usr_f'})-[:FOLLOWS]->(r) RETURN r.id AS id") == [
        {"id": "A3"}]
    assert cypher_rows(clean_graph, settings, "MATCH (n) WHERE n.id IN ['A1', 'W3'] AND NOT n:MergedId "
                       "RETURN n.id") == []
    assert (await gql(NODE, {"id": "A1"}))["node"]["id"] == "A3"
    assert (await gql(NODE, {"id": "W3"}))["node"] == {"__typename": "Work", "id": "W1", "title": "Work W1"}
    assert (await gql(NODE, {"id": "A999"}))["node"] is None
    again = digests(clean_graph, settings)
    await import_file(settings, [tmp_path / "data"])  # idempotent
    assert digests(clean_graph, settings) == again


# --- topic merges and the hierarchy -----------------------------------------------------------------------------

PLACES = {"T1": ("11", "1", "1"), "T2": ("21", "2", "1"), "T3": ("31", "3", "3")}  # subfield, field, domain


def placed_work(wid: str, authors: list[str], topics: list[tuple[str, float]], *, updated: str = "2024-01-01",
                places: dict[str, tuple[str, str, str]] = PLACES) -> dict[str, Any]:
    """A work whose topics carry their place in the hierarchy (as OpenAlex's embedded copies do)."""
    record = work(wid, authors, [], updated=updated)
    record["topics"] = [{"id": f"https://openalex.org/{t}", "display_name": f"Topic {t}", "score": score,
                         **{level: {"id": f"https://openalex.org/{level}s/{key}", "display_name": f"{level} {key}"}
                            for level, key in zip(("subfield", "field", "domain"), places[t], strict=True)}}
                        for t, score in topics]
    return record


def hierarchy(driver: neo4j.Driver, settings: Settings) -> list[str]:
    """Every hierarchy node with its name and what it sits in: `Subfield 11 (subfield 11) in 1`."""
    return [row["line"] for row in cypher_rows(
        driver, settings, "MATCH (n) WHERE n:Subfield OR n:Field OR n:Domain OPTIONAL MATCH (n)-[:IN]->(up) "
        "RETURN labels(n)[0] + ' ' + n.id + ' (' + n.name + ') in ' + coalesce(up.id, '-') AS line ORDER BY line")]


async def test_topic_merge_equals_a_fresh_import_of_the_final_state(clean_graph: neo4j.Driver, settings: Settings,
                                                                    tmp_path: Path) -> None:
    """OpenAlex merges T2 and T3 into T1. The researchers of the old topics then work on T1 with the works and
    weights a fresh import of the final records (T1 in place of T2 and T3) gives, their stored suggestions are
    recomputed, and the subfields, field and domain the old topics leave empty are gone: the whole graph equals the
    fresh import's (merged_ids file included), and importing everything again changes nothing."""
    before = [placed_work("W1", ["A1", "A2"], [("T1", 0.9), ("T2", 0.5)]),
              placed_work("W2", ["A2", "A3"], [("T2", 0.8)]), placed_work("W3", ["A3"], [("T1", 0.6)]),
              placed_work("W4", ["A4", "A3"], [("T3", 0.7)])]
    final = [placed_work("W1", ["A1", "A2"], [("T1", 0.9)]), placed_work("W2", ["A2", "A3"], [("T1", 0.8)]),
             placed_work("W3", ["A3"], [("T1", 0.6)]), placed_work("W4", ["A4", "A3"], [("T1", 0.7)])]
    folder = tmp_path / "data" / "merged_ids" / "topics"
    folder.mkdir(parents=True)
    (folder / "2024-05-01.csv").write_text("merge_date,id,merge_into_id\n2024-05-01,T2,T1\n2024-05-01,T3,T1\n")
    works = write_jsonl(tmp_path / "before.jsonl", before)

    await import_file(settings, [write_jsonl(tmp_path / "final.jsonl", final), tmp_path / "data"])
    fresh = digests(clean_graph, settings)
    expected_on = {"A1": (1, 0.9), "A2": (2, 1.7), "A3": (3, 2.1), "A4": (1, 0.7)}
    works_on = "MATCH (r)-[x:WORKS_ON]->(t) RETURN r.id AS r, t.id AS t, x.works AS works, x.weight AS weight ORDER BY r"
    assert [(row["r"], row["t"], row["works"], round(row["weight"], 6)) for row in cypher_rows(
        clean_graph, settings, works_on)] == [(r, "T1", n, w) for r, (n, w) in expected_on.items()]

    wipe(clean_graph, settings.neo4j_database)
    # The records as they were, then the merged_ids rows (a run imports them after the other records).
    summary = await import_file(settings, [works, tmp_path / "data"])
    assert summary.rejected == 0 and summary.written["merged ids"] == 2
    assert digests(clean_graph, settings) == fresh
    assert hierarchy(clean_graph, settings) == ["Domain 1 (domain 1) in -", "Field 1 (field 1) in 1",
                                                "Subfield 11 (subfield 11) in 1"]
    # Everything again (the old records recreate T2 and T3, the merged_ids rows redirect them once more).
    await import_file(settings, [works, tmp_path / "data"])
    assert digests(clean_graph, settings) == fresh


def topic_record(tid: str, place: tuple[str, str, str]) -> dict[str, Any]:
    return {"id": f"https://openalex.org/{tid}", "display_name": f"Topic {tid}", "updated_date": "2024-02-01",
            **{level: {"id": f"https://openalex.org/{level}s/{key}", "display_name": f"{level} {key}"}
               for level, key in zip(("subfield", "field", "domain"), place, strict=True)}}


async def test_hierarchy_levels_left_empty_are_removed_and_come_back(clean_graph: neo4j.Driver, settings: Settings,
                                                                     tmp_path: Path, gql: Any) -> None:
    """A subfield whose last topic moves elsewhere (the topic's own record) or is removed (an update drops it from
    its only work) goes, with a field and a domain left with nothing under them; a record that places a topic there
    again brings them back."""
    await import_file(settings, [write_jsonl(tmp_path / "works.jsonl", [
        placed_work("W1", ["A1"], [("T1", 0.9)]), placed_work("W2", ["A2"], [("T2", 0.8)]),
        placed_work("W3", ["A3"], [("T3", 0.7)])])])
    assert len(hierarchy(clean_graph, settings)) == 8
    group = "query($id: ID!) { topicGroup(level: SUBFIELD, id: $id) { id topicsCount taggedWorks } }"
    assert (await gql(group, {"id": "21"}))["topicGroup"] == {"id": "21", "topicsCount": 1, "taggedWorks": 1}

    # T2's own record moves it to subfield 11; an update of W3 trades T3 (no record of its own) for T1 and T2 (its
    # embedded copy still names subfield 21, which the own record overrides).
    await import_file(settings, [write_jsonl(tmp_path / "moved.jsonl", [
        topic_record("T2", PLACES["T1"]),
        placed_work("W3", ["A3"], [("T1", 0.7), ("T2", 0.6)], updated="2024-03-01")])])
    assert hierarchy(clean_graph, settings) == ["Domain 1 (domain 1) in -", "Field 1 (field 1) in 1",
                                                "Subfield 11 (subfield 11) in 1"]
    assert (await gql(group, {"id": "21"}))["topicGroup"] is None
    # W1 (T1), W2 (T2) and W3 (both, counted once): the count stored after the run, as a live count gives.
    assert (await gql(group, {"id": "11"}))["topicGroup"] == {"id": "11", "topicsCount": 2, "taggedWorks": 3}
    assert cypher_rows(clean_graph, settings, "MATCH (g) WHERE g:Subfield OR g:Field OR g:Domain "
                       "RETURN g.id AS id, g.worksCount AS n ORDER BY id") == [
        {"id": "1", "n": 3}, {"id": "1", "n": 3}, {"id": "11", "n": 3}]

    # A newer record of T2 puts it back in subfield 21 (field 2).
    await import_file(settings, [write_jsonl(tmp_path / "back.jsonl", [topic_record("T2", PLACES["T2"])])])
    assert hierarchy(clean_graph, settings) == [
        "Domain 1 (domain 1) in -", "Field 1 (field 1) in 1", "Field 2 (field 2) in 1",
        "Subfield 11 (subfield 11) in 1", "Subfield 21 (subfield 21) in 2"]
    assert (await gql(group, {"id": "21"}))["topicGroup"] == {"id": "21", "topicsCount": 1, "taggedWorks": 2}
    # Until an import's end recomputes a dropped count, a read counts live, alike.
    clean_graph.execute_query("MATCH (g:Subfield {id: '11'}) REMOVE g.worksCount", database_=settings.neo4j_database)
    assert (await gql(group, {"id": "11"}))["topicGroup"] == {"id": "11", "topicsCount": 1, "taggedWorks": 2}


async def test_identical_hierarchy_changes_imported_at_once_are_applied_once(clean_graph: neo4j.Driver,
                                                                             settings: Settings,
                                                                             tmp_path: Path) -> None:
    """The hierarchy's write statements fired by two imports of the same records at once (two drivers, small
    batches): levels created under their locks (import_lock_hierarchy), levels left empty removed
    (import_topic_hierarchy_prune), a topic merge's WORKS_ON recomputed and the stored works counts
    (group_counts_store) end as one import of those records leaves them."""
    placed = write_jsonl(tmp_path / "placed.jsonl", [
        placed_work(f"W{n}", [f"A{n % 5}", f"A{(n + 1) % 5}"], [("T1", 0.9), ("T2" if n % 2 else "T3", 0.5)])
        for n in range(16)])
    changes = tmp_path / "changes"  # T2's own record moves it under T1's subfield; OpenAlex merges T3 into T1
    (changes / "merged_ids" / "topics").mkdir(parents=True)
    (changes / "merged_ids" / "topics" / "2024-05-01.csv").write_text("merge_date,id,merge_into_id\n"
                                                                      "2024-05-01,T3,T1\n")
    write_jsonl(changes / "topics.jsonl", [topic_record("T2", PLACES["T1"])])

    async def twice(paths: list[Path]) -> None:
        await asyncio.gather(import_file(settings, paths, batch_size=3), import_file(settings, paths, batch_size=4))

    await import_file(settings, [placed])
    once_placed = digests(clean_graph, settings)
    await import_file(settings, [changes])
    once_changed = digests(clean_graph, settings)
    assert hierarchy(clean_graph, settings) == ["Domain 1 (domain 1) in -", "Field 1 (field 1) in 1",
                                                "Subfield 11 (subfield 11) in 1"]
    for trial in range(3):
        wipe(clean_graph, settings.neo4j_database)
        await twice([placed])
        assert digests(clean_graph, settings) == once_placed, f"trial {trial}: placing"
        await twice([changes])
        assert digests(clean_graph, settings) == once_changed, f"trial {trial}: moving and merging"
