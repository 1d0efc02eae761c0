"""The run store: one SQLite file (WAL mode, versioned by migrations) under SUMMARIZER_HOME.

It holds the brief cache, keyed by what determines a brief (article content, prompt
version, schema version, model and endpoint), and the outputs of the model-assisted merge
pass, keyed by their input. A re-run over unchanged input reads both from here and makes
no model call.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreError
from .schemas import ArticleBrief

__all__ = ["MIGRATIONS", "Store", "brief_key"]

# Each entry upgrades the database by one version (PRAGMA user_version); append, never edit.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE briefs (
        key TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        article_sha256 TEXT NOT NULL,
        model TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        schema_version TEXT NOT NULL,
        brief_json TEXT NOT NULL,
        created_at REAL NOT NULL
    );
    CREATE INDEX briefs_by_article ON briefs (article_sha256);
    """,
    """
    CREATE TABLE syntheses (
        key TEXT PRIMARY KEY,
        task TEXT NOT NULL,
        output_json TEXT NOT NULL,
        created_at REAL NOT NULL
    );
    """,
)


def brief_key(
    *, article_sha256: str, prompt_version: str, schema_version: str, model: str, endpoint: str
) -> str:
    """The cache key of a brief: a hash of everything that determines it."""
    parts = (article_sha256, prompt_version, schema_version, model, endpoint)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


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

    def _one(self, sql: str, *args: object) -> tuple[object, ...] | None:
        with self._lock:
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

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
