"""Outgoing mail: SMTP when `smtp_host` is set, otherwise one .eml file per message in `mail_outbox`."""

from __future__ import annotations

import asyncio
import logging
import smtplib
import time
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from scholargraph.auth.messages import Mail
from scholargraph.settings import Settings

log = logging.getLogger("scholargraph.mail")
DEFAULT_FROM = "ScholarGraph <no-reply@scholargraph.local>"
DEFAULT_OUTBOX = Path("var/outbox")
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"
SMTP_TIMEOUT_SECONDS = 20


def compose(settings: Settings | None, to: str, mail: Mail) -> EmailMessage:
    """A multipart message: the plain text first, the HTML as its alternative."""
    message = EmailMessage()
    message["From"] = settings.mail_from if settings else DEFAULT_FROM
    message["To"] = to
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="scholargraph.local")
    message.set_content(mail.text())
    message.add_alternative(mail.html(), subtype="html")
    return message


def public_url(settings: Settings | None) -> str:
    return (settings.public_url if settings else DEFAULT_PUBLIC_URL).rstrip("/")


async def deliver(settings: Settings | None, to: str, mail: Mail) -> bool:
    """Send one mail; a failure is logged, not raised (the action that caused the mail stands). True if sent."""
    try:
        await send(settings, compose(settings, to, mail))
    except OSError:  # smtplib errors are OSErrors
        log.exception("mail %r could not be sent", mail.subject)
        return False
    return True


async def send(settings: Settings | None, message: EmailMessage) -> None:
    """Deliver over SMTP (in a worker thread), or write an .eml file when no SMTP host is configured."""
    if settings is not None and settings.smtp_host:
        await asyncio.to_thread(_send_smtp, settings, message)
    else:
        await asyncio.to_thread(_write_eml, settings.mail_outbox if settings else DEFAULT_OUTBOX, message)


def _send_smtp(settings: Settings, message: EmailMessage) -> None:
    assert settings.smtp_host is not None
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            smtp.starttls()
            smtp.ehlo()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, str(settings.smtp_password))
        smtp.send_message(message)
    log.info("mail to %s sent through %s", message["To"], settings.smtp_host)


def _write_eml(outbox: Path, message: EmailMessage) -> None:
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    path = outbox / f"{stamp}-{message['Message-ID'].strip('<>').split('@')[0]}.eml"
    path.write_bytes(message.as_bytes())
    log.info("mail to %s written to %s (no SMTP host configured)", message["To"], path)
