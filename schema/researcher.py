"""The Researcher type: identity, counts, trust snapshot, works, topics and close collaborators."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import strawberry

from scholargraph.resolvers import trust
from scholargraph.schema.institution import Institution
from scholargraph.schema.lists import Facet, WorkFilter, WorkGroupBy, WorkOrder
from scholargraph.schema.metrics import ResearcherMetrics, researcher_metrics
from scholargraph.schema.node import Node
from scholargraph.schema.pagination import DEFAULT_PAGE_SIZE
from scholargraph.schema.topic import ResearcherTopic, Topic
from scholargraph.schema.work import WorkConnection

if TYPE_CHECKING:
    from scholargraph.schema.collaborators import CollaboratorConnection
    from scholargraph.context import Context

MAX_CLOSE_COLLABORATORS = 50
T = TypeVar("T")


@strawberry.type(description="How much there is behind a profile.")
class ResearcherCounts:
    works: int
    followers: int
    topics: int
    close_collaborators: int


@strawberry.enum
class ClaimStatus(Enum):
    UNCLAIMED = "UNCLAIMED"
    PENDING = "PENDING"
    CLAIMED = "CLAIMED"


@strawberry.type(description="One input of the trust score and the points it contributed.")
class TrustSignal:
    name: str
    contribution: int
    detail: str


@strawberry.type(description="The trust snapshot (docs/trust-model.md).")
class TrustSnapshot:
    score: int = strawberry.field(description="0–100.")
    band: str = strawberry.field(description="Unverified, Emerging, Established or Extensive: how much public evidence, "
                                                "not an identity check (the verification level says that).")
    verification_level: str = strawberry.field(description="L0–L3.")
    claim_status: ClaimStatus
    claim_status_label: str = strawberry.field(description='For display, e.g. "Unclaimed author".')
    signals: list[TrustSignal]


CLAIM_LABELS = {"UNCLAIMED": "Unclaimed author", "PENDING": "Claim pending review", "CLAIMED": "Claimed author"}


@strawberry.type(description="A researcher (an author record).")
class Researcher(Node):
    id: strawberry.ID
    name: str
    orcid: str | None
    summary: str | None
    open_to_collaborate: bool
    profile: strawberry.Private[dict[str, Any] | None] = None

    @classmethod
    def from_record(cls, row: dict[str, Any], profile: bool = False) -> Researcher:
        """Build from a row with the core fields; `profile=True` when the row also carries profile parts
        (researcher_read_by_ids: a key present means that part was loaded, docs/resolvers.md)."""
        return cls(
            id=strawberry.ID(row["id"]),
            name=row.get("name") or row["id"],
            orcid=row.get("orcid"),
            summary=row.get("summary"),
            open_to_collaborate=bool(row.get("openToCollaborate")),
            profile=row if profile else None,
        )

    async def _parts(self, info: strawberry.Info[Context], *keys: str) -> dict[str, Any]:
        """The profile with `keys` loaded: what the root statement fetched, else the whole profile (one batched
        statement for every researcher on the response that needs it)."""
        profile = self.profile
        if profile is None or any(key not in profile for key in keys):
            full = await info.context.loaders.researcher_profile.load(str(self.id)) or dict.fromkeys(keys)
            self.profile = profile = {**(profile or {}), **full}
        return profile

    def _answer(self, info: strawberry.Info[Context], keys: tuple[str, ...],
                build: Callable[[dict[str, Any]], T]) -> T | Awaitable[T]:
        """`build(profile)` now when the root statement loaded `keys` (no coroutine, no task: the common case on a
        profile page), else an awaitable that loads them first. The resolvers are plain functions so graphql-core
        completes loaded values synchronously; it awaits whatever awaitable they return."""
        profile = self.profile
        if profile is not None and all(key in profile for key in keys):
            return build(profile)
        return self._answer_later(info, keys, build)

    async def _answer_later(self, info: strawberry.Info[Context], keys: tuple[str, ...],
                            build: Callable[[dict[str, Any]], T]) -> T:
        return build(await self._parts(info, *keys))

    @strawberry.field(description="Current institution; null when no affiliation was imported.")
    def affiliation(self, info: strawberry.Info[Context]) -> Institution | None:
        return self._answer(info, ("affiliation",), _affiliation)  # type: ignore[return-value]

    @strawberry.field
    def counts(self, info: strawberry.Info[Context]) -> ResearcherCounts:
        return self._answer(info, _COUNT_KEYS, _counts)  # type: ignore[return-value]

    @strawberry.field
    def trust(self, info: strawberry.Info[Context]) -> TrustSnapshot:
        return self._answer(info, _TRUST_KEYS, lambda p: _trust(p, self.orcid))  # type: ignore[return-value]

    @strawberry.field(description="Works, newest first unless `orderBy` says otherwise; `filter` keeps a subset.")
    def works(self, info: strawberry.Info[Context], first: int = DEFAULT_PAGE_SIZE,
              after: str | None = None, order_by: WorkOrder | None = None,
              filter: WorkFilter | None = None) -> WorkConnection:
        from scholargraph.resolvers import lists
        from scholargraph.resolvers.work import connection_of, page_of_works, total_only

        if not lists.is_default(order_by, filter):
            return lists.works_page(info, "Researcher", str(self.id), first, after,  # type: ignore[return-value]
                                    order_by, filter)
        profile = self.profile or {}
        if profile.get("worksKey") == (first, after):
            return connection_of(profile["works"], first, profile["worksCount"])
        if "worksCount" in profile and total_only(info, first, after):
            return connection_of([], first, profile["worksCount"])
        return page_of_works(info.context.loaders.researcher_works,  # type: ignore[return-value]
                             str(self.id), first, after)

    @strawberry.field(description="The works grouped by year, type, topic, source or institution, with counts.")
    async def works_group_by(self, info: strawberry.Info[Context], by: WorkGroupBy,
                             filter: WorkFilter | None = None, first: int = 20) -> list[Facet]:
        from scholargraph.resolvers import lists

        return await lists.facets(info, "Researcher", str(self.id), by, filter, first)

    @strawberry.field(description="Citations, h-index, i10-index and per-year counts (docs/metrics.md).")
    async def metrics(self, info: strawberry.Info[Context]) -> ResearcherMetrics:
        profile = self.profile or {}
        if "metricsWorks" in profile:  # fetched by the root statement
            return researcher_metrics({"works": profile["metricsWorks"], "reported": profile["metricsReported"]})
        return researcher_metrics(await info.context.loaders.researcher_metrics.load(str(self.id)))

    @strawberry.field(description="Topics, strongest first (at most 50).")
    def topics(self, info: strawberry.Info[Context]) -> list[ResearcherTopic]:
        return self._answer(info, ("topics",), _topics)  # type: ignore[return-value]

    @strawberry.field(description="Co-authors ranked by shared works (a ranking capped at 50).")
    def close_collaborators(self, info: strawberry.Info[Context], first: int = 10) -> list[Collaborator]:
        from scholargraph.schema.pagination import check_first

        check_first(first, MAX_CLOSE_COLLABORATORS)
        return self._answer(info, ("collaborators",),  # type: ignore[return-value]
                            lambda p: [Collaborator(researcher=Researcher.from_record(row),
                                                    shared_works=row["sharedWorks"])
                                       for row in (p.get("collaborators") or [])[:first]])

    @strawberry.field(description="All co-authors, closest first (most shared works, then the latest shared "
                                  "year), keyset-paged: the full list behind closeCollaborators' top 50.")
    async def collaborators(self, info: strawberry.Info[Context], first: int = DEFAULT_PAGE_SIZE,
                            after: str | None = None,
                            ) -> Annotated["CollaboratorConnection", strawberry.lazy("scholargraph.schema.collaborators")]:
        from scholargraph.resolvers.entity import page_of_collaborators

        return await page_of_collaborators(info, str(self.id), first, after)

    @strawberry.field(description="Researchers worth working with, best first (docs/discovery-model.md).")
    async def suggested_collaborators(
        self, info: strawberry.Info[Context], first: int = DEFAULT_PAGE_SIZE, after: str | None = None,
        open_to_collaborate: bool | None = None, topic_id: strawberry.ID | None = None,
        institution_id: strawberry.ID | None = None,
    ) -> Annotated["CollaboratorSuggestionConnection", strawberry.lazy("scholargraph.schema.suggestion")]:
        from scholargraph.resolvers.suggestion import collaborator_suggestions

        return await collaborator_suggestions(info, str(self.id), first, after, open_to_collaborate, topic_id,
                                              institution_id, must_exist=False)

    @strawberry.field(description="Whether the signed-in viewer follows this researcher (false when anonymous).")
    async def viewer_follows(self, info: strawberry.Info[Context]) -> bool:
        from scholargraph.resolvers import follow

        return await follow.viewer_follows(info, str(self.id))

    @strawberry.field(description="Whether the viewer may claim this record, and why not (docs/identity.md).")
    async def viewer_can_claim(
        self, info: strawberry.Info[Context]
    ) -> Annotated["Permission", strawberry.lazy("scholargraph.schema.account")]:
        from scholargraph.resolvers import claim

        return await claim.viewer_can_claim(info, str(self.id))

    @strawberry.field(description="Whether the viewer may invite this researcher to collaborate, and why not.")
    async def viewer_can_invite(
        self, info: strawberry.Info[Context]
    ) -> Annotated["Permission", strawberry.lazy("scholargraph.schema.account")]:
        from scholargraph.resolvers import invitation

        return await invitation.can_invite(info, str(self.id))

    @strawberry.field(description="Whether the viewer owns this record (an approved claim).")
    async def viewer_is_owner(self, info: strawberry.Info[Context]) -> bool:
        from scholargraph.resolvers import claim

        return await claim.viewer_is_owner(info, str(self.id))

    @strawberry.field(description="Owner edits, newest first; only the owner and moderators may read it.")
    async def audit_trail(
        self, info: strawberry.Info[Context]
    ) -> list[Annotated["AuditEntry", strawberry.lazy("scholargraph.schema.claim")]]:
        from scholargraph.resolvers import claim

        return await claim.audit_trail(info, str(self.id))

    @strawberry.field(description="The works the owner hid, to show them again; only the owner and moderators.")
    async def hidden_works(
        self, info: strawberry.Info[Context]
    ) -> list[Annotated["Work", strawberry.lazy("scholargraph.schema.work")]]:
        from scholargraph.resolvers import claim
        from scholargraph.schema.work import Work

        ids = await claim.hidden_work_ids(info, str(self.id))
        rows = await info.context.loaders.work.load_many([str(i) for i in ids])
        return [Work.from_record(row) for row in rows if row]

    @strawberry.field(description="Works the owner hid from the profile; only the owner and moderators may read it.")
    async def hidden_work_ids(self, info: strawberry.Info[Context]) -> list[strawberry.ID]:
        from scholargraph.resolvers import claim

        return await claim.hidden_work_ids(info, str(self.id))


@strawberry.type(description="A co-author and how many works they share.")
class Collaborator:
    researcher: Researcher
    shared_works: int


_COUNT_KEYS = ("worksCount", "followersCount", "topicsCount", "collaboratorsCount")
_TRUST_KEYS = ("worksCount", "collaboratorsCount", "affiliation", "claimStates", "approvedMethods")


def _affiliation(p: dict[str, Any]) -> Institution | None:
    row = p.get("affiliation")
    return Institution.from_record(row) if row else None


def _counts(p: dict[str, Any]) -> ResearcherCounts:
    return ResearcherCounts(works=p.get("worksCount") or 0, followers=p.get("followersCount") or 0,
                            topics=p.get("topicsCount") or 0, close_collaborators=p.get("collaboratorsCount") or 0)


def _topics(p: dict[str, Any]) -> list[ResearcherTopic]:
    return [ResearcherTopic(topic=Topic.from_record(row), weight=row["weight"], works=row["works"])
            for row in p.get("topics") or []]


def _trust(p: dict[str, Any], orcid: str | None) -> TrustSnapshot:
    methods = p.get("approvedMethods") or []
    snap = trust.snapshot(
        works=p.get("worksCount") or 0, collaborators=p.get("collaboratorsCount") or 0,
        has_orcid=bool(orcid), has_affiliation=p.get("affiliation") is not None,
        claim_states=p.get("claimStates") or [],
        approved_method=(sorted(methods, key=lambda m: m not in trust.SELF_PROVING_METHODS)[0]
                         if methods else None),
    )
    return TrustSnapshot(
        score=snap.score, band=snap.band, verification_level=snap.verification_level,
        claim_status=ClaimStatus(snap.claim_status), claim_status_label=CLAIM_LABELS[snap.claim_status],
        signals=[TrustSignal(name=s.name, contribution=s.contribution, detail=s.detail) for s in snap.signals],
    )
