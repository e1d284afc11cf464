"""Direct collaboration invitations to claimed researchers, and blocking their senders."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from scholargraph.schema.account import User, moment, when

if TYPE_CHECKING:
    from scholargraph.context import Context
    from scholargraph.schema.researcher import Researcher

ResearcherRef = Annotated["Researcher", strawberry.lazy("scholargraph.schema.researcher")]


@strawberry.enum
class InvitationStatus(Enum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"


@strawberry.enum
class InviteResponse(Enum):
    ACCEPT = "ACCEPTED"
    DECLINE = "DECLINED"


@strawberry.type(description="An invitation to collaborate. The sender's e-mail shows once it is accepted.")
class Invitation:
    id: strawberry.ID
    status: InvitationStatus
    message: str
    created_at: datetime
    responded_at: datetime | None
    from_: User = strawberry.field(name="from")
    to: ResearcherRef
    recipient_email: str | None = strawberry.field(
        default=None, description="The e-mail of the invited record's owner, shown to the sender once accepted.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Invitation:
        from scholargraph.schema.researcher import Researcher

        sender = row["sender"]
        return cls(id=strawberry.ID(row["id"]), status=InvitationStatus(row["status"]), message=row["message"],
                   created_at=moment(row["createdAt"]), responded_at=when(row.get("respondedAt")),
                   from_=User(id=strawberry.ID(sender["id"]), display_name=sender.get("displayName") or "",
                              email=sender.get("email"), email_verified=False, roles=[]),
                   to=Researcher.from_record(row["researcher"]), recipient_email=row.get("recipientEmail"))


def _resolvers():  # type: ignore[no-untyped-def]
    from scholargraph.resolvers import invitation

    return invitation


@strawberry.type
class InvitationMutation:
    @strawberry.mutation(description="Invite a claimed researcher who is open to collaborate.")
    async def send_collaboration_invite(self, info: strawberry.Info[Context], researcher_id: strawberry.ID,
                                        message: str) -> Invitation:
        return await _resolvers().send(info, str(researcher_id), message)

    @strawberry.mutation(description="The owner of the invited record accepts or declines.")
    async def respond_to_invite(self, info: strawberry.Info[Context], invite_id: strawberry.ID,
                                response: InviteResponse) -> Invitation:
        return await _resolvers().respond(info, str(invite_id), response)

    @strawberry.mutation(description="Stop invitations from a user to your records (declines their pending ones).")
    async def block_user(self, info: strawberry.Info[Context], user_id: strawberry.ID) -> User:
        return await _resolvers().block(info, str(user_id), True)

    @strawberry.mutation(description="Lift a block.")
    async def unblock_user(self, info: strawberry.Info[Context], user_id: strawberry.ID) -> User:
        return await _resolvers().block(info, str(user_id), False)
