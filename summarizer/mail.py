"""The nightly digest email: compose (text + HTML), send over SMTP, once per day and recipients.

The HTML part comes from an autoescaped Jinja2 template whose stylesheet is inlined by
css-inline (remote stylesheets are never fetched); the plain-text part from a text
template in which every interpolated value is collapsed to one line, so article or model
text cannot forge a section. The Message-ID derives from (digest date, recipients, digest
hash): the same digest to the same people on the same day is the same message. A send is
recorded in the store only after the SMTP server accepted it.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import smtplib
import ssl
import uuid
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Any

import css_inline
from jinja2 import Environment, PackageLoader, StrictUndefined

from .changes import Changes, what_changed
from .corpus import CorpusDigest
from .errors import EmailError, UserError
from .grids import Line, grids, text_grid
from .render import (
    NARRATIVE_CAVEAT,
    batch_cost,
    html_templates,
    quoted,
    review_href,
    shown_date,
    side_actors,
    side_label,
    write_atomic,
)
from .settings import Settings, SmtpSecurity
from .store import SentEmail, Store, StoredDigest
from .wording import counted, words

__all__ = [
    "Delivery",
    "check_ready",
    "compose",
    "deliver",
    "message_id_for",
    "send",
]

log = logging.getLogger(__name__)

# How much of each section an email shows; the digest files have everything.
LIMITS = {"positions": 30, "disagreements": 15, "guarantees": 15, "uncertainties": 15}


def _one_line(value: Any) -> Any:
    if isinstance(value, Line):  # a text grid's line: flattened already, aligned on purpose
        return value
    if isinstance(value, str):
        return " ".join(value.split())
    return "" if value is None else value


_HTML = html_templates()  # its own: the email adds filters of its own
# Plain text is not markup, so nothing to escape; but every value is flattened to one line.
_TEXT = Environment(
    loader=PackageLoader("summarizer", "templates"),
    autoescape=False,  # noqa: S701 - text/plain part, see above
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=_one_line,
    keep_trailing_newline=True,
)


_TEXT.filters["count"] = counted
_TEXT.filters["cite"] = lambda ids: "".join(f"[{i}]" for i in ids)
_TEXT.filters["quoted"] = quoted
_TEXT.filters["shown_date"] = shown_date
_TEXT.filters["words"] = words
_TEXT.globals.update(side_label=side_label, side_actors=side_actors, review_href=review_href,
                     batch_cost=batch_cost)  # fmt: skip
_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False)


def _domain(sender: str) -> str:
    return sender.rpartition("@")[2] or "localhost"


def message_id_for(
    digest_date: str, recipients: tuple[str, ...], digest_sha: str, sender: str
) -> str:
    """The Message-ID of a digest email: the same inputs always give the same id."""
    who = ",".join(sorted({r.strip().lower() for r in recipients}))
    token = hashlib.sha256(f"{digest_date}\x1f{who}\x1f{digest_sha}".encode()).hexdigest()[:32]
    return f"<digest.{digest_date}.{token}@{_domain(sender)}>"


def _subject(digest: CorpusDigest, what: Changes, digest_date: str) -> str:
    parts = [counted(len(digest.articles), "article")]
    parts.append(counted(len(digest.disagreements), "disagreement"))
    if not what.first:
        parts.append("no change" if what.empty else f"{len(what.new_articles)} new")
    return f"Digest {digest_date}: {', '.join(parts)}"


def _context(
    digest: CorpusDigest, what: Changes, digest_date: str, review: str | None
) -> dict[str, Any]:
    # Only web links: a brief built by hand could carry a javascript: or data: "URL".
    links = {
        a.article_id: a.url
        for a in digest.articles
        if a.url and a.url.lower().startswith(("https://", "http://"))
    }
    shown = {name: getattr(digest, name)[:limit] for name, limit in LIMITS.items()}
    hidden = {name: len(getattr(digest, name)) - len(shown[name]) for name in LIMITS}
    outlets = sorted({a.outlet for a in digest.articles if a.outlet})
    drawn = grids(digest)  # once: both parts draw the same grids
    return {
        "d": digest,
        "c": what,
        "date": digest_date,
        "links": links,
        "shown": shown,
        "hidden": hidden,
        "outlets": outlets,
        "caveat": NARRATIVE_CAVEAT,
        "review": review,
        "grids": drawn,
        "text_grids": [text_grid(g) for g in drawn],
    }


def compose(
    digest: CorpusDigest,
    what: Changes,
    *,
    digest_date: str,
    sender: str,
    recipients: tuple[str, ...],
    message_id: str,
    review_url: str | None = None,
) -> EmailMessage:
    """The digest as a multipart/alternative message: plain text first, then HTML.

    With `review_url` (where the review pages are served), each quote links to its sentence.
    """
    context = _context(digest, what, digest_date, review_url)
    text = _TEXT.get_template("email.txt.j2").render(context)
    html = _INLINER.inline(_HTML.get_template("email.html.j2").render(context))
    message = EmailMessage()
    message["Subject"] = _subject(digest, what, digest_date)
    message["From"] = sender
    message["To"] = ", ".join(recipients) if recipients else "undisclosed-recipients:;"
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = message_id
    message["X-Summarizer-Digest-Date"] = digest_date
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_ready(settings: Settings, recipients: tuple[str, ...], *, dry_run: bool) -> None:
    """UserError unless there is somewhere to send to (a dry run needs nothing)."""
    if dry_run:
        return
    if not recipients:
        raise UserError("no recipients: set SUMMARIZER_SMTP_TO or pass --to (or use --dry-run)")
    if not settings.smtp_host:
        raise UserError("no SMTP server: set SUMMARIZER_SMTP_HOST (or use --dry-run)")


def send(message: EmailMessage, settings: Settings, recipients: tuple[str, ...]) -> dict[str, str]:
    """Hand the message to the SMTP server; return the recipients it refused (if not all).

    Raises EmailError when the server cannot be reached, TLS or login fails, or it refuses
    the message or every recipient. The password is only ever passed to `login`.
    """
    check_ready(settings, recipients, dry_run=False)
    host, port, security = settings.smtp_host, settings.smtp_port_or_default, settings.smtp_security
    assert host is not None
    if settings.smtp_user and security is SmtpSecurity.NONE and not _is_loopback(host):
        raise UserError(
            f"refusing to send the SMTP password to {host} without TLS: "
            "set SUMMARIZER_SMTP_SECURITY to starttls or ssl"
        )
    tls = ssl.create_default_context(
        cafile=str(settings.smtp_ca_file) if settings.smtp_ca_file else None
    )
    where = f"{host}:{port}"
    try:
        client: smtplib.SMTP
        if security is SmtpSecurity.SSL:
            client = smtplib.SMTP_SSL(host, port, timeout=settings.smtp_timeout, context=tls)
        else:
            client = smtplib.SMTP(host, port, timeout=settings.smtp_timeout)
        with client:
            client.ehlo()
            if security is SmtpSecurity.STARTTLS:
                if not client.has_extn("starttls"):
                    raise EmailError(f"{where} does not offer STARTTLS; refusing to go on in clear")
                client.starttls(context=tls)
                client.ehlo()
            if settings.smtp_user:
                password = (
                    settings.smtp_password.get_secret_value() if settings.smtp_password else ""
                )
                client.login(settings.smtp_user, password)
            refused = client.send_message(
                message, from_addr=settings.smtp_from, to_addrs=list(recipients)
            )
    except smtplib.SMTPAuthenticationError as exc:
        raise EmailError(
            f"{where} refused the login of {settings.smtp_user!r}: {exc.smtp_code}"
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise EmailError(f"{where} refused every recipient: {', '.join(exc.recipients)}") from None
    except smtplib.SMTPResponseException as exc:
        detail = (
            exc.smtp_error.decode("utf-8", "replace")
            if isinstance(exc.smtp_error, bytes)
            else exc.smtp_error
        )
        raise EmailError(f"{where} refused the message: {exc.smtp_code} {detail}") from None
    except (smtplib.SMTPException, OSError) as exc:  # ssl errors and timeouts are OSErrors
        raise EmailError(f"cannot send through {where}: {exc}") from None
    return {address: f"{code} {reply!r}" for address, (code, reply) in refused.items()}


@dataclass
class Delivery:
    """What `deliver` did: the message, and whether it was sent, skipped or written."""

    message: EmailMessage
    message_id: str
    changes: Changes
    sent: SentEmail | None = None
    skipped: str | None = None
    written_to: Path | None = None
    refused: dict[str, str] = field(default_factory=dict)


def deliver(
    stored: StoredDigest,
    store: Store,
    settings: Settings,
    *,
    recipients: tuple[str, ...] | None = None,
    dry_run: Path | None = None,
    force: bool = False,
) -> Delivery:
    """Email a stored digest once per day and recipients, or write it to `dry_run` (.eml).

    "What changed" is computed against the last digest sent to the same recipients before
    this digest's date. Without `force`, a digest already sent to them that day is skipped.
    """
    recipients = tuple(recipients if recipients is not None else settings.smtp_to)
    check_ready(settings, recipients, dry_run=dry_run is not None)
    previous = store.last_sent_digest(recipients, before=stored.digest_date)
    what = what_changed(
        previous.digest if previous else None,
        stored.digest,
        since=previous.digest_date if previous else None,
    )
    message_id = message_id_for(stored.digest_date, recipients, stored.sha256, settings.smtp_from)
    already = None if dry_run is not None else store.sent_email(stored.digest_date, recipients)
    if already is not None and force:
        # A forced resend is a new message: with the first one's Message-ID a client may
        # hide it as a duplicate. The once-a-day key (date, recipients) is unchanged.
        message_id = message_id.replace("@", f".resent-{uuid.uuid4().hex[:12]}@", 1)
    message = compose(
        stored.digest,
        what,
        digest_date=stored.digest_date,
        sender=settings.smtp_from,
        recipients=recipients,
        message_id=message_id,
        review_url=settings.review_url,
    )
    delivery = Delivery(message=message, message_id=message_id, changes=what)
    if dry_run is not None:
        write_atomic(dry_run, message.as_bytes())
        delivery.written_to = dry_run
        return delivery
    if already is not None and not force:
        delivery.skipped = (
            f"the {stored.digest_date} digest was already sent to these recipients "
            f"({already.message_id}); pass --force to send it again"
        )
        return delivery
    delivery.refused = send(message, settings, recipients)
    accepted = tuple(r for r in recipients if r not in delivery.refused)
    # Recorded only now that the server has accepted the message.
    delivery.sent = store.record_email(message_id, stored, recipients, delivery.refused)
    # Debug, not info: the command prints its one "sent" line to stdout; at info level the
    # same line also reached stderr.
    log.debug("sent %s to %s", message_id, ", ".join(accepted))
    if delivery.refused:
        log.warning(
            "the server refused: %s", "; ".join(f"{k} ({v})" for k, v in delivery.refused.items())
        )
    return delivery
