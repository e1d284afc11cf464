"""Accounts: User, Session, what the viewer may do (Permission), followed researchers, and the root fields."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from scholargraph.schema.pagination import DEFAULT_PAGE_SIZE, PageInfo

if TYPE_CHECKING:
    from scholargraph.context import Context
    from scholargraph.schema.claim import Claim
    from scholargraph.schema.invitation import Invitation, InvitationStatus
    from scholargraph.schema.researcher import Researcher
    from scholargraph.schema.work import Work

ResearcherRef = Annotated["Researcher", strawberry.lazy("scholargraph.schema.researcher")]
ClaimRef = Annotated["Claim", strawberry.lazy("scholargraph.schema.claim")]
InvitationRef = Annotated["Invitation", strawberry.lazy("scholargraph.schema.invitation")]
InvitationStatusRef = Annotated["InvitationStatus", strawberry.lazy("scholargraph.schema.invitation")]


def when(value: Any) -> datetime | None:
    """A driver date-time as a Python datetime (None stays None)."""
    return value.to_native() if hasattr(value, "to_native") else value


def moment(value: Any) -> datetime:
    """A date-time the graph always stores (creation times, expiry): never None."""
    native = when(value)
    if native is None:
        raise ValueError("a required date-time is missing")
    return native


@strawberry.type(description="A person with an account. `email` is shown only to the user and to moderators.")
class User:
    id: strawberry.ID
    display_name: str
    email: str | None
    email_verified: bool
    roles: list[str]

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> User:
        return cls(id=strawberry.ID(row["id"]), display_name=row.get("displayName") or "", email=row.get("email"),
                   email_verified=bool(row.get("emailVerified")), roles=list(row.get("roles") or []))

    @strawberry.field(description="Researchers this user follows, most recent first (only on `me`).")
    async def following(self, info: strawberry.Info[Context], first: int = DEFAULT_PAGE_SIZE,
                        after: str | None = None) -> FollowedResearcherConnection:
        from scholargraph.resolvers import follow

        return await follow.following(info, str(self.id), first, after)

    @strawberry.field(description="News of the researchers this user follows since following them, newest first: "
                                  "new works and citations the importer recorded, approved claims (only on `me`).")
    async def feed(self, info: strawberry.Info[Context], first: int = DEFAULT_PAGE_SIZE) -> list[FeedEvent]:
        from scholargraph.resolvers import follow

        return await follow.feed(info, str(self.id), first)

    @strawberry.field(description="Invitations to the researchers this user owns, newest first (only on `me`).")
    async def invitations(self, info: strawberry.Info[Context], status: InvitationStatusRef | None = None,
                          first: int = DEFAULT_PAGE_SIZE) -> list[InvitationRef]:
        from scholargraph.resolvers import invitation

        return await invitation.received(info, str(self.id), status, first)

    @strawberry.field(description="Invitations this user sent, newest first (only on `me`).")
    async def sent_invitations(self, info: strawberry.Info[Context], status: InvitationStatusRef | None = None,
                               first: int = DEFAULT_PAGE_SIZE) -> list[InvitationRef]:
        from scholargraph.resolvers import invitation

        return await invitation.sent(info, str(self.id), status, first)

    @strawberry.field(description="This user's claims on author records, newest first (only on `me`).")
    async def claims(self, info: strawberry.Info[Context], first: int = DEFAULT_PAGE_SIZE) -> list[ClaimRef]:
        from scholargraph.resolvers import claim

        return await claim.mine(info, str(self.id), first)


@strawberry.type(description="A signed-in session; send `token` as `Authorization: Bearer <token>`.")
class Session:
    token: str
    expires_at: datetime
    user: User


@strawberry.type(description="Whether the viewer may do something, and if not (or with a caveat) why.")
class Permission:
    allowed: bool
    reason: str | None = strawberry.field(
        default=None,
        description="LOGIN_REQUIRED, EMAIL_NOT_VERIFIED, ALREADY_CLAIMED, NOT_CLAIMED, NOT_OPEN, OWN_PROFILE, "
                    "CLAIM_PENDING, INVITE_PENDING, COOLING_OFF, UNAVAILABLE, …",
    )


WorkRef = Annotated["Work", strawberry.lazy("scholargraph.schema.work")]


@strawberry.type(description="Something that happened to a followed researcher.")
class FeedEvent:
    kind: str = strawberry.field(description="NEW_WORK, NEW_CITATION or CLAIM_APPROVED.")
    at: datetime
    text: str = strawberry.field(description='In words, e.g. "Zhefan Rao has a new work: …".')
    researcher: ResearcherRef
    work: WorkRef | None = strawberry.field(description="The new work, or the cited one.")
    citing_work: WorkRef | None = strawberry.field(description="For NEW_CITATION: the work that cites it.")


@strawberry.type
class FollowedResearcherEdge:
    cursor: str
    followed_at: datetime
    node: ResearcherRef


@strawberry.type(description="A page of followed researchers with the total count.")
class FollowedResearcherConnection:
    edges: list[FollowedResearcherEdge]
    page_info: PageInfo
    total_count: int


def _resolvers():  # type: ignore[no-untyped-def]
    from scholargraph.resolvers import account, follow

    return account, follow


@strawberry.type
class AccountQuery:
    @strawberry.field(description="The signed-in user; null when anonymous (or the session ended).")
    async def me(self, info: strawberry.Info[Context]) -> User | None:
        return await _resolvers()[0].me(info)


@strawberry.type
class AccountMutation:
    @strawberry.mutation(description="Create an account; a verification mail goes to `email`. Its link returns to "
                                     "`next` (a path on this site) once confirmed.")
    async def register(self, info: strawberry.Info[Context], email: str, password: str, display_name: str,
                       next: str | None = None) -> User:
        return await _resolvers()[0].register(info, email, password, display_name, next)

    @strawberry.mutation(description="Confirm the e-mail address with the token from the verification mail.")
    async def verify_email(self, info: strawberry.Info[Context], token: str) -> User:
        return await _resolvers()[0].verify_email(info, token)

    @strawberry.mutation(description="Send a fresh verification mail to the signed-in, unverified user "
                                     "(3 per hour); its link returns to `next`, a path on this site.")
    async def request_email_verification(self, info: strawberry.Info[Context], next: str | None = None) -> bool:
        return await _resolvers()[0].request_email_verification(info, next)

    @strawberry.mutation(description="Change the signed-in user's display name.")
    async def update_account(self, info: strawberry.Info[Context], display_name: str) -> User:
        return await _resolvers()[0].update_account(info, display_name)

    @strawberry.mutation(description="End every session of the signed-in user, on every device.")
    async def logout_everywhere(self, info: strawberry.Info[Context]) -> bool:
        return await _resolvers()[0].logout_everywhere(info)

    @strawberry.mutation(description="Sign in. Wrong e-mail and wrong password get the same answer.")
    async def login(self, info: strawberry.Info[Context], email: str, password: str) -> Session:
        return await _resolvers()[0].login(info, email, password)

    @strawberry.mutation(description="End the current session.")
    async def logout(self, info: strawberry.Info[Context]) -> bool:
        return await _resolvers()[0].logout(info)

    @strawberry.mutation(description="Change the password: every session ends; a fresh one is returned.")
    async def change_password(self, info: strawberry.Info[Context], current: str, new: str) -> Session:
        return await _resolvers()[0].change_password(info, current, new)

    @strawberry.mutation(description="Follow a researcher (idempotent).")
    async def follow(self, info: strawberry.Info[Context], researcher_id: strawberry.ID) -> ResearcherRef:
        return await _resolvers()[1].follow(info, str(researcher_id))

    @strawberry.mutation(description="Stop following a researcher (idempotent).")
    async def unfollow(self, info: strawberry.Info[Context], researcher_id: strawberry.ID) -> ResearcherRef:
        return await _resolvers()[1].unfollow(info, str(researcher_id))
