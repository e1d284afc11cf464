"""Every mail the service sends, in one template module: subject, plain text and HTML from one description.

Each function returns a `Mail`; `auth/mail.py` turns it into a multipart message (text/plain first, text/html as
the alternative) and delivers it through SMTP or the outbox. Links point back to the page that matters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from urllib.parse import quote, urlencode

from markupsafe import Markup

FOOTER = "You receive this mail because of your ScholarGraph account."


@dataclasses.dataclass(frozen=True)
class Mail:
    subject: str
    greeting: str
    paragraphs: Sequence[str]
    action: tuple[str, str] | None = None  # (label, absolute URL)
    quote: str | None = None  # a person's own words (an invitation message, a moderator's note)
    code: tuple[str, str] | None = None  # (header-like label, value) on a line of its own
    after: Sequence[str] = ()

    def text(self) -> str:
        lines = [self.greeting, ""]
        for paragraph in self.paragraphs:
            lines += [paragraph, ""]
        if self.quote:
            lines += [*("> " + line for line in self.quote.splitlines()), ""]
        if self.action:
            lines += [f"{self.action[0]}:", self.action[1], ""]
        if self.code:
            lines += [f"{self.code[0]}: {self.code[1]}", ""]
        for paragraph in self.after:
            lines += [paragraph, ""]
        lines += ["-- ", FOOTER]
        return "\n".join(lines) + "\n"

    def html(self) -> str:
        parts = [Markup("<p>{}</p>").format(self.greeting)]
        parts += [Markup("<p>{}</p>").format(p) for p in self.paragraphs]
        if self.quote:
            parts.append(Markup('<blockquote style="border-left:3px solid #ccc;margin:0 0 1em;padding-left:1em">'
                                "{}</blockquote>").format(self.quote))
        if self.action:
            parts.append(Markup('<p><a href="{}" style="font-weight:bold">{}</a></p>').format(self.action[1],
                                                                                             self.action[0]))
        if self.code:
            parts.append(Markup("<p>{}: <code>{}</code></p>").format(self.code[0], self.code[1]))
        parts += [Markup("<p>{}</p>").format(p) for p in self.after]
        parts.append(Markup('<p style="color:#666;font-size:small">{}</p>').format(FOOTER))
        body = Markup("\n").join(parts)
        return str(Markup('<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{}</title></head>'
                          '<body style="font-family:sans-serif;line-height:1.5">\n{}\n</body></html>\n')
                   .format(self.subject, body))


def _url(base: str, path: str, **query: str) -> str:
    query = {k: v for k, v in query.items() if v}
    return f"{base.rstrip('/')}{path}" + (f"?{urlencode(query)}" if query else "")


def profile_url(base: str, researcher_id: str) -> str:
    return _url(base, f"/researchers/{quote(researcher_id)}")


def verification(base: str, name: str, token: str, next_path: str | None = None) -> Mail:
    """The link confirms the address and returns to `next_path`; the code works on the /verify-email page."""
    return Mail(
        subject="Confirm your e-mail address for ScholarGraph",
        greeting=f"Hello {name},",
        paragraphs=["Confirm your e-mail address to claim author records, send invitations and get news."],
        action=("Confirm your address", _url(base, "/verify-email", token=token, next=next_path or "")),
        code=("Verification-Token", token),
        after=[f"Or paste the code above into {_url(base, '/verify-email')}. The link and the code expire in "
               "48 hours. If you did not register, ignore this mail."],
    )


CLAIM_DECISIONS = {
    "APPROVED": ("Your claim on {name} was approved",
                 "A moderator approved your claim: {name} is now your author record. You can edit its summary, "
                 "say whether you are open to collaborate and hide works that are not yours."),
    "NEEDS_EVIDENCE": ("Your claim on {name} needs more evidence",
                       "A moderator needs more evidence before deciding your claim on {name}. Add it on the "
                       "profile page; what you gave before is kept."),
    "REJECTED": ("Your claim on {name} was rejected",
                 "A moderator rejected your claim on {name}. If you think this is wrong, file a new claim with "
                 "evidence (an ORCID iD, a link to your institutional page) on the profile page."),
}


def claim_decision(base: str, name: str, researcher_id: str, researcher_name: str, status: str,
                   note: str | None) -> Mail:
    subject, text = CLAIM_DECISIONS[status]
    owner_page = status == "APPROVED"
    return Mail(
        subject=subject.format(name=researcher_name),
        greeting=f"Hello {name},",
        paragraphs=[text.format(name=researcher_name)] + (["The moderator wrote:"] if note else []),
        quote=note,
        action=("Manage your record" if owner_page else "Open the profile",
                _url(base, f"/researchers/{quote(researcher_id)}/manage") if owner_page
                else profile_url(base, researcher_id)),
    )


def invitation_received(base: str, owner_name: str, sender_name: str, researcher_name: str, message: str) -> Mail:
    return Mail(
        subject=f"{sender_name} invites you to collaborate",
        greeting=f"Hello {owner_name},",
        paragraphs=[f"{sender_name} sent an invitation to collaborate to your record {researcher_name}:"],
        quote=message,
        action=("Answer the invitation", _url(base, "/invitations")),
        after=["If you accept, you and the sender see each other's e-mail address. If you decline, the sender may "
               "not invite you again for 30 days."],
    )


def invitation_answered(base: str, sender_name: str, researcher_id: str, researcher_name: str, status: str,
                        owner_email: str | None) -> Mail:
    if status == "ACCEPTED":
        return Mail(
            subject=f"{researcher_name} accepted your invitation",
            greeting=f"Hello {sender_name},",
            paragraphs=[f"{researcher_name} accepted your invitation to collaborate. Write to them at "
                        f"{owner_email} to agree on a next step."],
            action=("See your sent invitations", _url(base, "/invitations", view="sent")),
        )
    return Mail(
        subject=f"{researcher_name} declined your invitation",
        greeting=f"Hello {sender_name},",
        paragraphs=[f"{researcher_name} declined your invitation to collaborate. You may invite them again "
                    "30 days after the decline."],
        action=("See your sent invitations", _url(base, "/invitations", view="sent")),
    )


EVENT_WORDS = {"NEW_WORK": "new work", "NEW_CITATION": "new citation", "CLAIM_APPROVED": "claimed their record"}


def digest(base: str, name: str, lines: Sequence[str]) -> Mail:
    """`lines`: one sentence per event, newest first."""
    count = len(lines)
    return Mail(
        subject=f"ScholarGraph: {count} update{'s' if count != 1 else ''} from researchers you follow",
        greeting=f"Hello {name},",
        paragraphs=["Here is what happened to the researchers you follow since the last digest:", *lines],
        action=("Open your feed", _url(base, "/following")),
        after=["Unfollow a researcher on their profile page to stop their news."],
    )

