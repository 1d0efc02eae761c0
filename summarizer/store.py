"""The run store: one SQLite file (WAL mode, versioned by migrations) under SUMMARIZER_HOME.

It holds the brief cache, keyed by what determines a brief (article content, prompt
version, schema version, model and endpoint), and the outputs of the model-assisted merge
pass, keyed by their input. A re-run over unchanged input reads both from here and makes
no model call. Below the briefs it keeps each label question's answer, keyed by the
request body: when a code or profile change makes briefs stale, the rebuilt briefs pay
only for the questions that changed. It also keeps the articles each run saw, every
digest made (by date), and every digest email an SMTP server accepted, which is what makes
sending idempotent and "what changed since the last digest" computable.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .corpus import CorpusDigest
from .errors import StoreError
from .migrations import MIGRATIONS
from .records import Article, ArticleBrief

__all__ = ["MIGRATIONS", "SentEmail", "Store", "StoredDigest", "brief_key", "label_key"]


def brief_key(
    *, article_sha256: str, prompt_version: str, schema_version: str, model: str, endpoint: str
) -> str:
    """The cache key of a brief: a hash of everything that determines it."""
    parts = (article_sha256, prompt_version, schema_version, model, endpoint)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def label_key(body: dict[str, Any], *, endpoint: str) -> str:
    """The cache key of one label question: a hash of its first request body and endpoint.

    The body names the model, the finished messages and every sampling setting, so an
    answer is reused only for the very request that produced it.
    """
    text = json.dumps([endpoint, body], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredDigest:
    """A digest kept in the store, with when it was made; `digest` is parsed on first use."""

    id: int
    digest_date: str
    sha256: str
    article_count: int
    created_at: float
    _json: str = field(repr=False, compare=False)

    @cached_property
    def digest(self) -> CorpusDigest:
        """The digest itself (StoreError if this version of summarizer cannot read it)."""
        try:
            return CorpusDigest.model_validate_json(self._json)
        except ValidationError as exc:
            raise StoreError(
                f"stored digest {self.id} ({self.digest_date}) does not parse: "
                f"{exc.error_count()} error(s), first: {exc.errors()[0].get('msg', '')}"
            ) from exc


@dataclass(frozen=True)
class SentEmail:
    """A digest email the SMTP server accepted."""

    message_id: str
    digest_id: int
    digest_date: str
    recipients: tuple[str, ...]
    refused: tuple[str, ...]
    sent_at: float


def _recipients_key(recipients: Iterable[str]) -> str:
    return ",".join(sorted({r.strip().lower() for r in recipients}))


_DIGEST_COLUMNS = "id, digest_date, sha256, article_count, created_at, digest_json"
_EMAIL_COLUMNS = "message_id, digest_id, digest_date, recipients, refused, sent_at"


def _stored(row: Sequence[Any]) -> StoredDigest:
    return StoredDigest(int(row[0]), str(row[1]), str(row[2]), int(row[3]), float(row[4]),
                        str(row[5]))  # fmt: skip


def _split(text: object) -> tuple[str, ...]:
    return tuple(filter(None, str(text).split(",")))


def _email(row: Sequence[Any]) -> SentEmail:
    return SentEmail(str(row[0]), int(row[1]), str(row[2]), _split(row[3]), _split(row[4]),
                     float(row[5]))  # fmt: skip


class Store:
    """A connection to the store database, migrated to the latest version on open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # One connection shared by the event loop and worker threads, serialized by a lock.
            self._db = sqlite3.connect(
                path, timeout=30, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA busy_timeout=30000")
            self._use_wal()
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the store: {exc}") from exc

    def _use_wal(self) -> None:
        # Switching to WAL takes an exclusive lock without waiting on the busy handler, so
        # two runs creating the store at once can collide; the mode persists once set.
        for attempt in range(50):
            try:
                mode = self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            except sqlite3.OperationalError:
                time.sleep(0.02 * (attempt + 1))
                continue
            if str(mode).lower() == "wal":
                return
        raise StoreError(f"{self.path}: cannot switch the store to WAL mode (locked)")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Hold the lock for a read; a database error becomes a StoreError naming the file."""
        with self._lock:
            try:
                yield
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: cannot read the store: {exc}") from exc

    def _one(self, sql: str, *args: object) -> tuple[object, ...] | None:
        with self._reading():
            row: tuple[object, ...] | None = self._db.execute(sql, args).fetchone()
        return row

    def _migrate(self) -> None:
        with self._transaction() as db:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version > len(MIGRATIONS):
                raise StoreError(
                    f"{self.path} is at schema version {version}, newer than this summarizer "
                    f"({len(MIGRATIONS)}); upgrade summarizer or use another SUMMARIZER_HOME"
                )
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in filter(str.strip, script.split(";")):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")

    @property
    def version(self) -> int:
        """The schema version the database is at."""
        row = self._one("PRAGMA user_version")
        return int(row[0]) if row else 0  # type: ignore[call-overload]

    def get_brief(self, key: str) -> ArticleBrief | None:
        """The cached brief for `key`, or None."""
        row = self._one("SELECT brief_json FROM briefs WHERE key = ?", key)
        return None if row is None else ArticleBrief.model_validate_json(str(row[0]))

    def put_brief(self, key: str, brief: ArticleBrief) -> None:
        """Store a brief under `key`, replacing any older one."""
        p = brief.provenance
        try:
            with self._transaction() as db:
                db.execute(
                    "INSERT OR REPLACE INTO briefs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (key, brief.article_id, brief.article_sha256, p.model, p.endpoint,
                     p.prompt_version, p.schema_version, brief.model_dump_json(), time.time()),
                )  # fmt: skip
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot store brief {brief.article_id}: {exc}") from exc

    def get_label(self, key: str) -> tuple[str, float | None] | None:
        """The stored answer (label, probability) of a label question, or None."""
        row = self._one("SELECT label, probability FROM labels WHERE key = ?", key)
        if row is None:
            return None
        return str(row[0]), None if row[1] is None else float(row[1])  # type: ignore[arg-type]

    def put_label(self, key: str, label: str, probability: float | None) -> None:
        """Store the answer of a label question under `key`."""
        try:
            with self._transaction() as db:
                db.execute("INSERT OR REPLACE INTO labels VALUES (?, ?, ?, ?)",
                           (key, label, probability, time.time()))  # fmt: skip
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot store a label: {exc}") from exc

    def row(self, sql: str, *args: object) -> tuple[object, ...] | None:
        """The first row a query gives (for tables a module of its own keeps), or None."""
        return self._one(sql, *args)

    def write(self, what: str, sql: str, *args: object) -> None:
        """Run one statement in a transaction; a StoreError that says what was being stored."""
        try:
            with self._transaction() as db:
                db.execute(sql, args)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot store {what}: {exc}") from exc

    def get_synthesis(self, key: str) -> str | None:
        """The stored output of a model-assisted merge step, or None."""
        row = self._one("SELECT output_json FROM syntheses WHERE key = ?", key)
        return None if row is None else str(row[0])

    def put_synthesis(self, key: str, task: str, output_json: str) -> None:
        """Store the output of a model-assisted merge step."""
        try:
            with self._transaction() as db:
                db.execute(
                    "INSERT OR REPLACE INTO syntheses VALUES (?, ?, ?, ?)",
                    (key, task, output_json, time.time()),
                )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot store {task} output: {exc}") from exc

    # --- articles seen, digests made, emails sent ---

    def put_articles(self, articles: Iterable[Article]) -> None:
        """Record the articles of a run (first and last time each text was seen)."""
        now = time.time()
        rows = [(a.sha256, a.article_id, a.title, a.outlet, a.date, a.path, now, now)
                for a in articles]  # fmt: skip
        try:
            with self._transaction() as db:
                db.executemany(
                    "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) "
                    "DO UPDATE SET last_seen = excluded.last_seen, source = excluded.source",
                    rows,
                )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot record articles: {exc}") from exc

    def article_count(self) -> int:
        """How many distinct article texts the store has seen."""
        row = self._one("SELECT count(*) FROM articles")
        return int(row[0]) if row else 0  # type: ignore[call-overload]

    def put_digest(self, digest: CorpusDigest, digest_date: str) -> StoredDigest:
        """Keep a digest under its date; the same digest again on the same date is kept once."""
        text = digest.model_dump_json()
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        try:
            with self._transaction() as db:
                row = db.execute(
                    f"SELECT {_DIGEST_COLUMNS} FROM digests WHERE digest_date = ? "
                    "ORDER BY id DESC LIMIT 1",
                    (digest_date,),
                ).fetchone()
                if row is not None and row[2] == sha:
                    return _stored(row)
                now = time.time()
                cursor = db.execute(
                    "INSERT INTO digests (digest_date, sha256, article_count, digest_json, "
                    "created_at) VALUES (?, ?, ?, ?, ?)",
                    (digest_date, sha, len(digest.articles), text, now),
                )
                assert cursor.lastrowid is not None
                return StoredDigest(cursor.lastrowid, digest_date, sha, len(digest.articles),
                                    now, text)  # fmt: skip
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot store the digest: {exc}") from exc

    def _digests(
        self, where: str = "", *args: object, limit: int | None = None
    ) -> list[StoredDigest]:
        sql = f"SELECT {_DIGEST_COLUMNS} FROM digests {where} ORDER BY digest_date DESC, id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._reading():
            rows = self._db.execute(sql, args).fetchall()
        return [_stored(row) for row in rows]

    def latest_digest(self) -> StoredDigest | None:
        """The most recent digest, or None."""
        found = self._digests(limit=1)
        return found[0] if found else None

    def digests(self, *, on: str | None = None, limit: int | None = None) -> list[StoredDigest]:
        """Stored digests, newest first; only those of one date with `on` (YYYY-MM-DD)."""
        if on is not None:
            return self._digests("WHERE digest_date = ?", on, limit=limit)
        return self._digests(limit=limit)

    def sent_email(self, digest_date: str, recipients: Iterable[str]) -> SentEmail | None:
        """The digest email sent to exactly these recipients on this date, if any."""
        with self._reading():
            row = self._db.execute(
                f"SELECT {_EMAIL_COLUMNS} FROM emails WHERE digest_date = ? AND recipients = ? "
                "ORDER BY sent_at DESC LIMIT 1",
                (digest_date, _recipients_key(recipients)),
            ).fetchone()
        return None if row is None else _email(row)

    def last_sent_digest(
        self, recipients: Iterable[str], *, before: str | None = None
    ) -> StoredDigest | None:
        """The digest last emailed to these recipients (before a date, when given)."""
        columns = ", ".join("d." + c.strip() for c in _DIGEST_COLUMNS.split(","))
        sql = (f"SELECT {columns} FROM emails e JOIN digests d ON d.id = e.digest_id "
               "WHERE e.recipients = ?")  # fmt: skip
        args: list[object] = [_recipients_key(recipients)]
        if before is not None:
            sql += " AND e.digest_date < ?"
            args.append(before)
        with self._reading():
            row = self._db.execute(sql + " ORDER BY e.sent_at DESC LIMIT 1", args).fetchone()
        return None if row is None else _stored(row)

    def record_email(
        self,
        message_id: str,
        digest: StoredDigest,
        recipients: Iterable[str],
        refused: Iterable[str] = (),
    ) -> SentEmail:
        """Record a send; call it only once the SMTP server has accepted the message."""
        now = time.time()
        row = (message_id, digest.id, digest.digest_date, _recipients_key(recipients),
               _recipients_key(refused), now)  # fmt: skip
        try:
            with self._transaction() as db:
                db.execute("INSERT OR REPLACE INTO emails VALUES (?, ?, ?, ?, ?, ?)", row)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot record the email {message_id}: {exc}") from exc
        return _email(row)

    def emails(self) -> list[SentEmail]:
        """Every recorded send, newest first."""
        with self._reading():
            rows = self._db.execute(
                f"SELECT {_EMAIL_COLUMNS} FROM emails ORDER BY sent_at DESC"
            ).fetchall()
        return [_email(row) for row in rows]

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
