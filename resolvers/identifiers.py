"""Recognising identifiers people type or paste: OpenAlex ids and URLs, DOIs, arXiv ids, ORCIDs and ROR ids.

`parse(text)` returns the parameters of `entity_by_external_id` (each null unless recognised), or None when the
text is not an identifier (then search goes to the full-text index). Patterns: docs/search.md.
"""

from __future__ import annotations

import re
from typing import Any

from scholargraph.schema.node import EntityKind, kind_of

_OPENALEX = re.compile(r"^(?:https?://(?:api\.)?openalex\.org/(?:\w+/)?)?([WASITC]\d+)$", re.IGNORECASE)
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_ARXIV = re.compile(r"^(?:https?://arxiv\.org/(?:abs|pdf)/|arxiv:\s*)?(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})"
                    r"(?:v\d+)?(?:\.pdf)?$", re.IGNORECASE)
_ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$", re.IGNORECASE)
_ROR = re.compile(r"^(?:https?://ror\.org/)?(0[a-z0-9]{6}\d{2})$", re.IGNORECASE)
_PARAMS = {EntityKind.RESEARCHER: "researcher", EntityKind.WORK: "work", EntityKind.TOPIC: "topic",
           EntityKind.INSTITUTION: "institution", EntityKind.SOURCE: "source"}


def empty() -> dict[str, Any]:
    return {"researcher": None, "work": None, "topic": None, "institution": None, "source": None,
            "doi": None, "arxiv": None, "orcid": None, "ror": None}


def orcid_checksum_ok(orcid: str) -> bool:
    """ISO 7064 MOD 11-2, as ORCID defines its last character."""
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return digits[-1].upper() == ("X" if check == 10 else str(check))


def parse(text: str) -> dict[str, Any] | None:
    """The lookup parameters for an identifier, or None when `text` is not one we recognise."""
    text = text.strip()
    params = empty()
    if match := _OPENALEX.match(text):
        entity_id = match.group(1).upper()
        kind = kind_of(entity_id)
        if kind is None:
            return None
        params[_PARAMS[kind]] = entity_id
    elif match := _DOI.match(text):
        doi = match.group(1).lower()
        params["doi"] = doi
        if arxiv := re.match(r"^10\.48550/arxiv\.(.+)$", doi):  # arXiv's own DOIs name the arXiv id
            params["arxiv"] = arxiv.group(1)
    elif match := _ARXIV.match(text):
        params["arxiv"] = match.group(1).lower() if "/" in match.group(1) else match.group(1)
    elif (match := _ORCID.match(text)) and orcid_checksum_ok(match.group(1)):
        params["orcid"] = match.group(1).upper()
    elif match := _ROR.match(text):
        params["ror"] = match.group(1).lower()
    else:
        return None
    return params
