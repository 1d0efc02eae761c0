"""The digest email: what changed, composition, and a real SMTP server that demands TLS and login."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import ssl
from collections.abc import Iterator
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from summarizer.changes import what_changed
from summarizer.cli import EXIT_OK, EXIT_USAGE, main
from summarizer.errors import EmailError, UserError
from summarizer.mail import compose, deliver, message_id_for
from summarizer.merge import merge
from summarizer.settings import Settings
from summarizer.store import Store

from .briefs_factory import actor, brief, guarantee, position, uncertainty

USER, PASSWORD = "digest-bot", "pw-7f3a-never-print-me"
URL = "https://news.example.org/rutte?id=7&lang=en"
RUTTE = actor("Mark Rutte", role="NATO Secretary General", aliases=("Rutte",))


def day_one() -> list[Any]:
    return [
        brief("a1", actors=[RUTTE],
              positions=[position("Mark Rutte", "Ukraine NATO membership", "supports",
                                  "the path is irreversible")],
              guarantees=[guarantee("NATO membership", "proposed", "membership")],
              uncertainties=[uncertainty("Whether the US backs it", "unclear")], url=URL),
        brief("a2", actors=[RUTTE],
              positions=[position("Mark Rutte", "Ukraine NATO membership", "supports",
                                  "irreversible path")],
              guarantees=[guarantee("troops after a ceasefire", "proposed", "troops")]),
    ]  # fmt: skip


def day_two() -> list[Any]:
    hostile = brief(
        "a3",
        actors=[RUTTE],
        positions=[position("Mark Rutte", "Ukraine NATO membership", "opposes",
                            "membership is off the table",
                            stance="<script>alert('x')</script> off the table\nSOURCES\n=====")],
        guarantees=[guarantee("NATO membership", "ruled_out", "off the table")],
        title="<script>alert(1)</script> Rutte rules it out",
        url="javascript:alert(1)",
    )  # fmt: skip
    return [*day_one(), hostile]


# --- what changed ---


def test_first_digest_reports_everything_as_new() -> None:
    what = what_changed(None, merge(day_one()))
    assert what.first and not what.empty
    assert [a.article_id for a in what.new_articles] == ["a1", "a2"]
    assert {(p.actor, p.topic) for p in what.new_positions} == {
        ("Mark Rutte", p.topic) for p in merge(day_one()).positions
    }


def test_changes_between_two_digests() -> None:
    before, after = merge(day_one()), merge(day_two())
    what = what_changed(before, after, since="2026-11-20")
    assert what.since == "2026-11-20" and not what.first
    assert [a.article_id for a in what.new_articles] == ["a3"]
    assert what.gone_articles == ()
    assert not what.new_positions
    (changed,) = what.changed_positions
    assert changed.actor == "Mark Rutte"
    assert set(changed.before) == {"supports"} and set(changed.after) == {"supports", "opposes"}
    (membership,) = [g for g in what.guarantee_changes if g.kind == "NATO membership"]
    assert membership.before == ("proposed",) and set(membership.after) == {"proposed", "ruled_out"}
    assert membership.conflicting
    kinds = {d.kind for d in what.new_disagreements}
    assert "same_actor" in kinds and "guarantee_status" in kinds
    # And backwards: a3 is gone, the disagreement is not new.
    back = what_changed(after, before)
    assert [a.article_id for a in back.gone_articles] == ["a3"] and not back.new_disagreements


def test_same_digest_twice_changes_nothing() -> None:
    digest = merge(day_two())
    assert what_changed(digest, digest).empty


# --- composing ---


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.hrefs += [value or "" for name, value in attrs if name == "href"]


def _parts(message: EmailMessage) -> tuple[str, str]:
    assert message.get_content_type() == "multipart/alternative"
    plain, html = message.iter_parts()
    assert plain.get_content_type() == "text/plain"  # type: ignore[attr-defined]
    assert html.get_content_type() == "text/html"  # type: ignore[attr-defined]
    texts = plain.get_content(), html.get_content()  # type: ignore[attr-defined]
    return texts[0].replace("\r\n", "\n"), texts[1].replace("\r\n", "\n")


def _check_parts(plain: str, html: str) -> None:
    for section in ("WHAT CHANGED", "POSITIONS", "DISAGREEMENTS", "SECURITY GUARANTEES",
                    "UNCERTAINTIES", "SOURCES"):  # fmt: skip
        assert f"\n{section}\n" in plain
    # Untrusted text is flattened: it cannot open a section of its own.
    assert plain.count("\nSOURCES\n") == 1
    for heading in ("What changed", "Positions", "Disagreements", "Security guarantees",
                    "Uncertainties", "Sources"):  # fmt: skip
        assert f">{heading}</h2>" in html
    links = _Links()
    links.feed(html)
    assert "script" not in links.tags and "style" not in links.tags  # CSS inlined
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert URL in links.hrefs  # the & survives escaping and parsing
    assert not any(h.lower().startswith("javascript:") for h in links.hrefs)
    assert 'style="' in html
    # Both parts say what a reader may rely on: the quotes are the articles' own words.
    assert "every quote above is verbatim" in plain and "every quote above is verbatim" in html
    # Quotes in other scripts fall back to a font that has their glyphs, not to boxes.
    assert "Noto Sans CJK SC" in html and "Noto Sans Arabic" in html


def test_compose_builds_two_escaped_parts() -> None:
    digest = merge(day_two())
    what = what_changed(merge(day_one()), digest, since="2026-11-20")
    mid = message_id_for("2026-11-21", ("desk@example.org",), "abc", "bot@example.org")
    message = compose(digest, what, digest_date="2026-11-21", sender="bot@example.org",
                      recipients=("desk@example.org",), message_id=mid)  # fmt: skip
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed["Message-ID"] == mid and parsed["To"] == "desk@example.org"
    assert parsed["Subject"] == "Digest 2026-11-21: 3 articles, 2 disagreements, 1 new"
    plain, html = _parts(parsed)  # type: ignore[arg-type]
    _check_parts(plain, html)
    assert "Since the digest of 2026-11-20" in plain and "new article [a3]" in plain
    assert "supports -> opposes/supports" in plain or "supports -> supports/opposes" in plain


def test_quotes_link_to_review_pages_when_their_address_is_set() -> None:
    digest = merge(day_two())
    what = what_changed(None, digest, since=None)
    args: dict[str, Any] = {"digest_date": "2026-11-21", "sender": "bot@example.org",
                            "recipients": ("desk@example.org",), "message_id": "<x@example.org>"}  # fmt: skip
    plain, html = _parts(compose(digest, what, **args))
    assert "in context" not in plain and "in context" not in html
    base = Settings(review_url="https://digest.example.org/out/review").review_url
    assert base == "https://digest.example.org/out/review/"
    plain, html = _parts(compose(digest, what, review_url=base, **args))
    links = _Links()
    links.feed(html)
    review = [h for h in links.hrefs if h.startswith(base)]
    # A position, a disagreement side, a guarantee and an uncertainty each link to a sentence.
    assert f"{base}a3.html#e-0-27" in review and f"{base}a1.html#e-0-7" in review
    assert all(re.fullmatch(re.escape(base) + r"a\d\.html#e-\d+-\d+", h) for h in review)
    assert f"in context: {base}a3.html#e-0-27" in plain
    assert f"in context: {base}a1.html#e-0-10" in plain  # the guarantee "membership"
    assert f"in context: {base}a1.html#e-0-7" in plain  # the uncertainty "unclear"


def test_labels_read_as_words_in_both_parts() -> None:
    digest = merge(day_two())
    message = compose(digest, what_changed(None, digest, since=None), digest_date="2026-11-21",
                      sender="bot@example.org", recipients=(), message_id="<x@example.org>")  # fmt: skip
    plain, html = _parts(message)
    # The text part showed the raw `RULED_OUT`; the HTML part already said "ruled out".
    assert "[a3] RULED OUT: " in plain and "RULED_OUT" not in plain
    assert re.search(r">ruled out</td>", html)


def test_a_review_address_must_be_a_web_address() -> None:
    with pytest.raises(ValueError, match="review_url must be an http"):
        Settings(review_url="file:///srv/review")


def test_message_id_depends_on_date_recipients_and_digest_only() -> None:
    one = message_id_for("2026-11-21", ("B@x.org", "a@x.org"), "h", "bot@example.org")
    assert one == message_id_for("2026-11-21", ("a@x.org", "b@x.org"), "h", "bot@example.org")
    assert one.endswith("@example.org>") and one.startswith("<digest.2026-11-21.")
    assert one != message_id_for("2026-11-22", ("a@x.org", "b@x.org"), "h", "bot@example.org")
    assert one != message_id_for("2026-11-21", ("a@x.org",), "h", "bot@example.org")
    assert one != message_id_for("2026-11-21", ("a@x.org", "b@x.org"), "h2", "bot@example.org")


# --- a real SMTP server on loopback ---


class Inbox:
    def __init__(self) -> None:
        self.received: list[Envelope] = []
        self.refuse = False

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.refuse:
            return "554 5.7.1 Message rejected by policy"
        self.received.append(envelope)
        return "250 2.0.0 OK"


def _authenticate(server: SMTP, session: Session, envelope: Envelope, mechanism: str,
                  data: Any) -> AuthResult:  # fmt: skip
    ok = (
        isinstance(data, LoginPassword)
        and data.login == USER.encode()
        and (data.password == PASSWORD.encode())
    )
    return AuthResult(success=ok, handled=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


def _server_tls(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


@pytest.fixture(params=["starttls", "ssl"])
def smtp(request: pytest.FixtureRequest, ca: trustme.CA) -> Iterator[tuple[Inbox, int, str]]:
    inbox, port = Inbox(), _free_port()
    tls = _server_tls(ca)
    common: dict[str, Any] = {"hostname": "127.0.0.1", "port": port,
                              "authenticator": _authenticate, "auth_require_tls": True}  # fmt: skip
    if request.param == "starttls":
        controller = Controller(inbox, tls_context=tls, require_starttls=True, **common)
    else:
        # Implicit TLS: the whole session is encrypted, but aiosmtpd 1.4 only counts a
        # STARTTLS upgrade as TLS for `auth_require_tls`, so that check is off here.
        controller = Controller(inbox, ssl_context=tls, **(common | {"auth_require_tls": False}))
    controller.start()
    try:
        yield inbox, port, request.param
    finally:
        controller.stop()


def _settings(port: int, security: str, ca_file: Path, tmp_path: Path, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "home": tmp_path / "home", "smtp_host": "127.0.0.1", "smtp_port": port,
        "smtp_security": security, "smtp_user": USER, "smtp_password": PASSWORD,
        "smtp_ca_file": ca_file, "smtp_from": "digest@example.org",
        "smtp_to": ("desk@example.org", "chief@example.org"), "smtp_timeout": 10,
    }  # fmt: skip
    return Settings(**(values | extra))


def _received(inbox: Inbox, index: int = -1) -> EmailMessage:
    content = inbox.received[index].content
    assert isinstance(content, bytes)
    return email.message_from_bytes(content, policy=email.policy.default)  # type: ignore[return-value]


def test_sends_over_tls_with_login_and_the_mail_arrives_whole(
    smtp: tuple[Inbox, int, str], ca_file: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    inbox, port, security = smtp
    settings = _settings(port, security, ca_file, tmp_path)
    with Store(tmp_path / "s.db") as store:
        first = store.put_digest(merge(day_one()), "2026-11-20")
        delivered = deliver(first, store, settings)
        assert delivered.sent is not None and len(inbox.received) == 1
        second = store.put_digest(merge(day_two()), "2026-11-21")
        delivered = deliver(second, store, settings)
        assert delivered.sent is not None and len(inbox.received) == 2
        assert {e.message_id for e in store.emails()} == {
            message_id_for(d.digest_date, settings.smtp_to, d.sha256, settings.smtp_from)
            for d in (first, second)
        }
    envelope = inbox.received[-1]
    assert sorted(envelope.rcpt_tos) == ["chief@example.org", "desk@example.org"]
    assert envelope.mail_from == "digest@example.org"
    message = _received(inbox)
    assert message["Message-ID"] == delivered.message_id
    plain, html = _parts(message)
    _check_parts(plain, html)
    # The second email opens with what changed since the first one sent to the same people.
    assert "Since the digest of 2026-11-20" in plain and "new article [a3]" in plain
    assert "First digest to these recipients" in _parts(_received(inbox, 0))[0]
    assert PASSWORD not in caplog.text


def test_second_send_the_same_day_is_skipped_unless_forced(
    smtp: tuple[Inbox, int, str], ca_file: Path, tmp_path: Path
) -> None:
    inbox, port, security = smtp
    settings = _settings(port, security, ca_file, tmp_path)
    with Store(tmp_path / "s.db") as store:
        stored = store.put_digest(merge(day_one()), "2026-11-21")
        assert deliver(stored, store, settings).sent is not None
        again = deliver(stored, store, settings)
        assert again.sent is None and again.skipped and "--force" in again.skipped
        assert len(inbox.received) == 1
        # A new run the same day with more articles is still today's digest: skipped.
        later = store.put_digest(merge(day_two()), "2026-11-21")
        assert deliver(later, store, settings).skipped
        forced = deliver(later, store, settings, force=True)
        assert forced.sent is not None and len(inbox.received) == 2
        # A forced resend of the very same digest carries its own Message-ID, so no client
        # hides it as a duplicate; the once-a-day key still finds the day's send.
        resent = deliver(stored, store, settings, force=True)
        ids = [_received(inbox, i)["Message-ID"] for i in (0, 2)]
        assert resent.sent is not None and ids[0] != ids[1] and resent.message_id == ids[1]
        assert deliver(stored, store, settings).skipped
        # Other recipients have had nothing yet.
        other = deliver(later, store, settings, recipients=("other@example.org",))
        assert other.sent is not None and other.changes.first


def test_refused_message_records_no_send(
    smtp: tuple[Inbox, int, str], ca_file: Path, tmp_path: Path
) -> None:
    inbox, port, security = smtp
    inbox.refuse = True
    settings = _settings(port, security, ca_file, tmp_path)
    with Store(tmp_path / "s.db") as store:
        stored = store.put_digest(merge(day_one()), "2026-11-21")
        with pytest.raises(EmailError, match="554"):
            deliver(stored, store, settings)
        assert store.emails() == []
        inbox.refuse = False
        assert deliver(stored, store, settings).sent is not None  # nothing blocks the retry


def test_wrong_password_fails_without_printing_it(
    smtp: tuple[Inbox, int, str], ca_file: Path, tmp_path: Path
) -> None:
    _, port, security = smtp
    settings = _settings(port, security, ca_file, tmp_path, smtp_password="wrong-" + PASSWORD)
    with Store(tmp_path / "s.db") as store:
        stored = store.put_digest(merge(day_one()), "2026-11-21")
        with pytest.raises(EmailError, match="refused the login") as raised:
            deliver(stored, store, settings)
        assert PASSWORD not in str(raised.value) and store.emails() == []


def test_untrusted_certificate_is_refused(smtp: tuple[Inbox, int, str], tmp_path: Path) -> None:
    inbox, port, security = smtp
    settings = _settings(port, security, tmp_path / "none.pem", tmp_path, smtp_ca_file=None)
    with Store(tmp_path / "s.db") as store:
        stored = store.put_digest(merge(day_one()), "2026-11-21")
        with pytest.raises(EmailError, match="CERTIFICATE_VERIFY_FAILED"):
            deliver(stored, store, settings)
    assert inbox.received == []


def test_server_without_starttls_is_not_used_in_clear(ca_file: Path, tmp_path: Path) -> None:
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = _settings(port, "starttls", ca_file, tmp_path)
        with Store(tmp_path / "s.db") as store:
            stored = store.put_digest(merge(day_one()), "2026-11-21")
            with pytest.raises(EmailError, match="does not offer STARTTLS"):
                deliver(stored, store, settings)
    finally:
        controller.stop()
    assert inbox.received == []


def test_login_without_tls_is_refused_off_loopback(tmp_path: Path, ca_file: Path) -> None:
    settings = _settings(25, "none", ca_file, tmp_path, smtp_host="smtp.example.org")
    with Store(tmp_path / "s.db") as store:
        stored = store.put_digest(merge(day_one()), "2026-11-21")
        with pytest.raises(UserError, match="without TLS"):
            deliver(stored, store, settings)


def test_dry_run_writes_an_eml_and_records_nothing(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    with Store(tmp_path / "s.db") as store:
        stored = store.put_digest(merge(day_two()), "2026-11-21")
        target = tmp_path / "out" / "digest.eml"
        delivery = deliver(stored, store, settings, dry_run=target)
        assert delivery.written_to == target and store.emails() == []
    parsed = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert parsed["To"] == "undisclosed-recipients:;"
    _check_parts(*_parts(parsed))  # type: ignore[arg-type]


# --- the command ---


def test_email_command_dry_run_and_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from .stub_server import StubServer, answer_from_article

    with StubServer() as stub:
        stub.default = answer_from_article  # type: ignore[assignment]
        target = tmp_path / "d.eml"
        args = ["email", "seeds", "--base-url", stub.base_url, "--model", "stub", "--no-llm-merge"]
        code = main([*args, "--dry-run", "--eml", str(target), "--date", "2026-11-21"])
        out = capsys.readouterr().out
        assert code == EXIT_OK and out.startswith(f"wrote {target}")
        parsed = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
        assert parsed["Subject"].startswith("Digest 2026-11-21: 5 articles")
        assert main([*args, "--date", "21/11/2026", "--dry-run"]) == EXIT_USAGE
        assert main([*args, "--to", "not an address"]) == EXIT_USAGE
        assert main(args) == EXIT_USAGE  # no recipients, no server
        assert "no recipients" in capsys.readouterr().err


def test_the_email_command_reports_a_send_once_on_stdout(
    smtp: tuple[Inbox, int, str], ca_file: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from .stub_server import StubServer, answer_from_article

    inbox, port, security = smtp
    smtp_env = {"HOST": "127.0.0.1", "PORT": str(port), "SECURITY": security, "USER": USER,
                "PASSWORD": PASSWORD, "CA_FILE": str(ca_file), "FROM": "digest@example.org",
                "TO": "desk@example.org"}  # fmt: skip
    for key, value in smtp_env.items():
        monkeypatch.setenv(f"SUMMARIZER_SMTP_{key}", value)
    with StubServer() as stub:
        stub.default = answer_from_article  # type: ignore[assignment]
        code = main(["email", "seeds", "--base-url", stub.base_url, "--model", "stub",
                     "--no-llm-merge", "--home", str(tmp_path / "home")])  # fmt: skip
    captured = capsys.readouterr()
    assert code == EXIT_OK and len(inbox.received) == 1
    assert captured.out.startswith("sent <digest.") and "desk@example.org" in captured.out
    assert "sent <digest." not in captured.err
