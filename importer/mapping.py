"""One OpenAlex record → the row dicts the write statements take, per docs/graph-model.md; or `Invalid`.

Validation is about types the mapping relies on: a record whose fields have the wrong type is rejected whole
(with the reason), never half-imported. Unknown extra fields are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

MIN_TOPIC_SCORE = 0.05
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/(.+?)(?:v\d+)?(?:\.pdf)?/?$", re.IGNORECASE)
_ARXIV_OAI = re.compile(r"oai:arxiv\.org:(.+?)(?:v\d+)?$", re.IGNORECASE)
_VERSION = re.compile(r"v\d+$")
KINDS = {"W": "work", "A": "author", "I": "institution", "T": "topic", "C": "concept"}


class Invalid(ValueError):
    """The record cannot be imported; the message is the reason written to the rejects file."""


@dataclass(slots=True)
class WorkRows:
    id: str
    updated: str | None
    work: dict[str, Any]
    source: dict[str, Any] | None
    authorships: list[dict[str, Any]]
    institutions: list[dict[str, Any]]
    topics: list[dict[str, Any]]
    references: list[str]


@dataclass(slots=True)
class AuthorRows:
    id: str
    updated: str | None
    researcher: dict[str, Any]
    # (institution row, years) pairs; last-known institutions come with years [] and the record's year.
    affiliations: list[tuple[dict[str, Any], list[int], int | None]] = field(default_factory=list)


@dataclass(slots=True)
class InstitutionRows:
    id: str
    updated: str | None
    institution: dict[str, Any]


@dataclass(slots=True)
class TopicRows:
    id: str
    topic: dict[str, Any]


@dataclass(frozen=True, slots=True)
class MergeRows:
    """A merged_ids row: `id` was merged into `into`."""
    id: str
    into: str
    date: str | None


Rows = WorkRows | AuthorRows | InstitutionRows | TopicRows | MergeRows


def short_id(value: Any) -> str | None:
    """The key of an OpenAlex id URL (its last path segment): `https://openalex.org/W1` → `W1`."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise Invalid(f"id is {type(value).__name__}, not a string")
    key = value.rstrip("/").rsplit("/", 1)[-1].strip()
    return key or None


def kind(record: dict[str, Any]) -> str | None:
    """work, author, institution, topic or concept from the id's first letter; None for a well-formed id of an
    entity the graph does not model (S…, P…, F…), "merge" for a merged_ids row. Raises Invalid for a missing or
    malformed id."""
    if "merge_into_id" in record:
        return "merge"
    key = short_id(record.get("id"))
    if key is None:
        raise Invalid("record has no id")
    if not (key[0].isalpha() and key[0].isupper() and key[1:].isdigit()):
        raise Invalid(f"malformed entity id {key!r}")
    return KINDS.get(key[0])


def map_record(record: dict[str, Any], found: str) -> Rows:
    """Rows for one record of kind `found` (see `kind`). Raises Invalid."""
    if found == "merge":
        return map_merge(record)
    if found == "work":
        return map_work(record)
    if found == "author":
        return map_author(record)
    if found == "institution":
        return map_institution(record)
    return map_topic(record, legacy=found == "concept")


def _get(record: dict[str, Any], key: str, types: type | tuple[type, ...], what: str | None = None) -> Any:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, types) or isinstance(value, bool) and bool not in _as_tuple(types):
        raise Invalid(f"{what or key} is {type(value).__name__}, expected {_names(types)}")
    return value


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def _names(types: type | tuple[type, ...]) -> str:
    return " or ".join(t.__name__ for t in _as_tuple(types))


def _list(record: dict[str, Any], key: str, what: str | None = None) -> list[Any]:
    return _get(record, key, list, what) or []


def _dict(record: dict[str, Any], key: str, what: str | None = None) -> dict[str, Any]:
    return _get(record, key, dict, what) or {}


def _updated(record: dict[str, Any]) -> str | None:
    return _get(record, "updated_date", str)


def bare_doi(value: Any) -> str | None:
    if not value:
        return None
    if not isinstance(value, str):
        raise Invalid(f"doi is {type(value).__name__}, expected str")
    doi = value.strip().lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"):
        if doi.startswith(prefix):
            doi = doi[len(prefix):]
            break
    return doi or None


def bare_orcid(value: Any) -> str | None:
    if not value or not isinstance(value, str):
        return None
    return value.rstrip("/").rsplit("/", 1)[-1] or None


def bare_ror(value: Any) -> str | None:
    return bare_orcid(value)


def rebuild_abstract(index: Any) -> str | None:
    """The abstract's text from `abstract_inverted_index`, words in sorted position order (gaps allowed)."""
    if not index:
        return None
    if not isinstance(index, dict):
        raise Invalid(f"abstract_inverted_index is {type(index).__name__}, expected dict")
    at: dict[int, str] = {}
    for word, positions in index.items():
        if not isinstance(positions, list) or not all(type(p) is int for p in positions):
            raise Invalid("abstract_inverted_index positions must be lists of integers")
        for position in positions:
            at[position] = word
    return " ".join(at[p] for p in sorted(at))


def arxiv_id(record: dict[str, Any], doi: str | None) -> str | None:
    """The arXiv id from the DOI (10.48550/arxiv.X), `ids.arxiv`, or a location's arXiv URL or OAI id."""
    if doi and (match := _ARXIV_DOI.match(doi)):
        return _VERSION.sub("", match.group(1))
    ids = record.get("ids")
    if isinstance(ids, dict) and isinstance(ids.get("arxiv"), str):
        value = ids["arxiv"]
        match = _ARXIV_URL.search(value)
        return match.group(1) if match else _VERSION.sub("", value.rsplit(":", 1)[-1])
    for location in record.get("locations") or []:
        if not isinstance(location, dict):
            continue
        for key in ("landing_page_url", "pdf_url", "id"):
            value = location.get(key)
            if isinstance(value, str) and "arxiv" in value.lower():
                match = _ARXIV_URL.search(value) or _ARXIV_OAI.search(value)
                if match:
                    return match.group(1)
    return None


def map_work(record: dict[str, Any]) -> WorkRows:
    """Rows for a work record. Raises Invalid."""
    work_id = short_id(record.get("id"))
    assert work_id is not None
    year = _get(record, "publication_year", int)
    date = _get(record, "publication_date", str)
    if date is not None and not _DATE.match(date):
        raise Invalid(f"publication_date {date!r} is not YYYY-MM-DD")
    title = _get(record, "title", str) or _get(record, "display_name", str)
    doi = bare_doi(record.get("doi"))
    authorships, institutions, names = _authorships(record, year)
    work = {
        "id": work_id,
        "title": title,
        "type": _get(record, "type", str),
        "year": year,
        "publicationDate": date,
        "sortDate": date or (f"{year:04d}-01-01" if year is not None else "0000-01-01"),
        "abstract": rebuild_abstract(record.get("abstract_inverted_index")),
        "doi": doi,
        "arxivId": arxiv_id(record, doi),
        "citedByCount": _get(record, "cited_by_count", int),
        **_citation_years(record),
        "language": _get(record, "language", str),
        "authorNames": names,
        "updatedDate": _updated(record),
    }
    references = []
    seen = {work_id}
    for ref in _list(record, "referenced_works"):
        key = short_id(ref)
        if key and key not in seen and key[0] == "W":
            seen.add(key)
            references.append(key)
    return WorkRows(work_id, work["updatedDate"], work, _source(record), authorships, institutions,
                    _topics(record), references)


def _citation_years(record: dict[str, Any]) -> dict[str, list[int]]:
    """OpenAlex `counts_by_year` (citations received per year, the last ten years) as two parallel lists,
    newest year first (Neo4j properties hold no maps). Raises Invalid for entries of the wrong shape."""
    counts: dict[int, int] = {}
    for item in _list(record, "counts_by_year"):
        if not isinstance(item, dict):
            raise Invalid(f"counts_by_year entry is {type(item).__name__}, expected dict")
        year = _get(item, "year", int, "counts_by_year[].year")
        cited = _get(item, "cited_by_count", int, "counts_by_year[].cited_by_count")
        if year is not None and cited:
            counts[year] = cited
    years = sorted(counts, reverse=True)
    return {"citationYears": years, "citationCounts": [counts[y] for y in years]}


def _source(record: dict[str, Any]) -> dict[str, Any] | None:
    location = _dict(record, "primary_location")
    source = location.get("source")
    if not isinstance(source, dict) or not source.get("id"):
        return None
    what = "primary_location.source"
    return {"id": short_id(source["id"]), "name": _get(source, "display_name", str, f"{what}.display_name"),
            "type": _get(source, "type", str, f"{what}.type"), "issnL": _get(source, "issn_l", str, f"{what}.issn_l")}


def _authorships(record: dict[str, Any], year: int | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                                                    list[str]]:
    rows: list[dict[str, Any]] = []
    institutions: dict[str, dict[str, Any]] = {}
    names: list[str] = []
    seen: set[str] = set()
    for position, authorship in enumerate(_list(record, "authorships")):
        if not isinstance(authorship, dict):
            raise Invalid(f"authorships[{position}] is {type(authorship).__name__}, expected dict")
        author = _dict(authorship, "author", f"authorships[{position}].author")
        name = (_get(author, "display_name", str, f"authorships[{position}].author.display_name")
                or _get(authorship, "raw_author_name", str, f"authorships[{position}].raw_author_name"))
        if name:
            names.append(name)
        insts = []
        for inst in _list(authorship, "institutions", f"authorships[{position}].institutions"):
            row = institution_row(inst)
            if row is not None:
                institutions.setdefault(row["id"], row)
                insts.append(row["id"])
        author_id = short_id(author.get("id"))
        if author_id is None or author_id in seen:
            # Unmatched names stay in authorNames only (their institutions are still imported); a repeated
            # author keeps its first position.
            continue
        seen.add(author_id)
        rows.append({
            "researcher": author_id,
            "name": name,
            "orcid": bare_orcid(_get(author, "orcid", str, f"authorships[{position}].author.orcid")),
            "position": position,
            "authorPosition": _get(authorship, "author_position", str, f"authorships[{position}].author_position"),
            "corresponding": bool(authorship.get("is_corresponding")),
            "institutions": insts,
            "year": year,
        })
    return rows, list(institutions.values()), names


def institution_row(inst: Any) -> dict[str, Any] | None:
    """An institution (dehydrated or full) as a row; None when it has no id."""
    if not isinstance(inst, dict):
        return None
    inst_id = short_id(inst.get("id"))
    if inst_id is None:
        return None
    lineage = [key for key in (short_id(x) for x in _list(inst, "lineage", "institution lineage")
                               if isinstance(x, str)) if key]
    return {"id": inst_id, "name": _get(inst, "display_name", str, "institution display_name"),
            "ror": bare_ror(_get(inst, "ror", str, "institution ror")),
            "countryCode": _get(inst, "country_code", str, "institution country_code"),
            "type": _get(inst, "type", str, "institution type"), "lineage": lineage}


def _topics(record: dict[str, Any]) -> list[dict[str, Any]]:
    topics = _list(record, "topics")
    if topics:
        primary = short_id(_dict(record, "primary_topic").get("id"))
        return _scored(topics, primary, legacy=False)
    return _scored(_list(record, "concepts"), None, legacy=True)


def _scored(items: list[Any], primary: str | None, legacy: bool) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for item in items:
        if not isinstance(item, dict):
            raise Invalid(f"{'concepts' if legacy else 'topics'} entry is {type(item).__name__}, expected dict")
        key = short_id(item.get("id"))
        score = item.get("score")
        if key is None or key in rows:
            continue
        if score is not None and (not isinstance(score, (int, float)) or isinstance(score, bool)):
            raise Invalid(f"topic score is {type(score).__name__}, expected number")
        if score is not None and score < MIN_TOPIC_SCORE:
            continue
        rows[key] = {**topic_row(item, legacy), "score": float(score) if score is not None else None,
                     "primary": key == primary}
    return list(rows.values())


def topic_row(item: dict[str, Any], legacy: bool) -> dict[str, Any]:
    """A topic (T…) or legacy concept (C…) with its hierarchy ids and names (None where absent)."""
    row: dict[str, Any] = {"id": short_id(item.get("id")), "name": _get(item, "display_name", str, "topic display_name"),
                           "legacy": legacy}
    for level in ("subfield", "field", "domain"):
        part = item.get(level) if not legacy else None
        part = part if isinstance(part, dict) else {}
        row[level] = short_id(part.get("id")) if isinstance(part.get("id"), str) else None
        row[f"{level}Name"] = _get(part, "display_name", str, f"{level} display_name")
    return row


def map_author(record: dict[str, Any]) -> AuthorRows:
    """Rows for an author record: the researcher and its affiliations. Raises Invalid."""
    author_id = short_id(record.get("id"))
    assert author_id is not None
    updated = _updated(record)
    stats = _dict(record, "summary_stats")
    researcher = {"id": author_id, "name": _get(record, "display_name", str),
                  "orcid": bare_orcid(_get(record, "orcid", str)), "updatedDate": updated,
                  # OpenAlex's own figures for the whole author record (docs/metrics.md): shown beside ours.
                  "reportedWorksCount": _get(record, "works_count", int),
                  "reportedCitedByCount": _get(record, "cited_by_count", int),
                  "reportedHIndex": _get(stats, "h_index", int, "summary_stats.h_index"),
                  "reportedI10Index": _get(stats, "i10_index", int, "summary_stats.i10_index")}
    rows = AuthorRows(author_id, updated, researcher)
    known: set[str] = set()
    for item in _list(record, "affiliations"):
        if not isinstance(item, dict):
            raise Invalid(f"affiliations entry is {type(item).__name__}, expected dict")
        inst = institution_row(item.get("institution"))
        years = [y for y in _list(item, "years", "affiliations[].years") if type(y) is int]
        if inst is not None:
            known.add(inst["id"])
            rows.affiliations.append((inst, years, max(years) if years else None))
    last_known = record.get("last_known_institutions")
    if last_known is None and isinstance(record.get("last_known_institution"), dict):
        last_known = [record["last_known_institution"]]  # the pre-2024 singular field
    record_year = int(updated[:4]) if updated and updated[:4].isdigit() else None
    if last_known is not None and not isinstance(last_known, list):
        raise Invalid(f"last_known_institutions is {type(last_known).__name__}, expected list")
    for item in last_known or []:
        inst = institution_row(item)
        if inst is not None and inst["id"] not in known:
            known.add(inst["id"])
            rows.affiliations.append((inst, [], record_year))
    return rows


def map_institution(record: dict[str, Any]) -> InstitutionRows:
    """Rows for an institution record, with `domains` from its homepage. Raises Invalid."""
    row = institution_row(record)
    assert row is not None
    homepage = _get(record, "homepage_url", str)
    row["domains"] = [host] if (host := homepage_domain(homepage)) else []
    row["updatedDate"] = _updated(record)
    return InstitutionRows(row["id"], row["updatedDate"], row)


def homepage_domain(url: str | None) -> str | None:
    """The host of a homepage URL without `www.`, lower case: `https://www.umich.edu/x` → `umich.edu`."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.") or None


def map_topic(record: dict[str, Any], legacy: bool) -> TopicRows:
    """Rows for a topic record (with hierarchy) or a legacy concept record."""
    row = topic_row(record, legacy)
    return TopicRows(row["id"], row)


MERGEABLE = "WAIT"  # id letters of kinds whose merged ids are redirected: works, authors, institutions, topics


def map_merge(record: dict[str, Any]) -> MergeRows:
    """A merged_ids row: `merged_id` now lives on as `merge_into_id` (same kind). Raises Invalid."""
    old, into = short_id(record.get("merged_id")), short_id(record.get("merge_into_id"))
    for key in (old, into):
        if not key or key[0] not in MERGEABLE or not key[1:].isdigit():
            raise Invalid(f"merged_ids row with a malformed or unsupported id {key!r}")
    assert old is not None and into is not None
    if old[0] != into[0] or old == into:
        raise Invalid(f"merged_ids row {old} -> {into} does not name two entities of one kind")
    return MergeRows(old, into, record.get("merge_date") or None)
