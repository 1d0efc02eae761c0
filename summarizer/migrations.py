"""The store's schema: one SQL script per version, applied in order by `Store`."""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

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
    """
    CREATE TABLE articles (
        sha256 TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        title TEXT NOT NULL,
        outlet TEXT,
        date TEXT,
        source TEXT NOT NULL,
        first_seen REAL NOT NULL,
        last_seen REAL NOT NULL
    );
    CREATE TABLE digests (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        digest_date TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        article_count INTEGER NOT NULL,
        digest_json TEXT NOT NULL,
        created_at REAL NOT NULL
    );
    CREATE INDEX digests_by_date ON digests (digest_date, id);
    CREATE TABLE emails (
        message_id TEXT PRIMARY KEY,
        digest_id INTEGER NOT NULL REFERENCES digests (id),
        digest_date TEXT NOT NULL,
        recipients TEXT NOT NULL,
        refused TEXT NOT NULL,
        sent_at REAL NOT NULL
    );
    CREATE INDEX emails_by_recipients ON emails (recipients, sent_at);
    """,
    """
    CREATE TABLE labels (
        key TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        probability REAL,
        created_at REAL NOT NULL
    );
    """,
    """
    CREATE TABLE batches (
        id TEXT PRIMARY KEY,
        endpoint TEXT NOT NULL,
        input_file_id TEXT NOT NULL,
        requests INTEGER NOT NULL,
        status TEXT NOT NULL,
        output_file_id TEXT,
        error_file_id TEXT,
        submitted_at REAL NOT NULL,
        checked_at REAL NOT NULL
    );
    """,
    """
    CREATE TABLE collections (
        source TEXT PRIMARY KEY,
        model TEXT NOT NULL,
        answered INTEGER NOT NULL,
        failed INTEGER NOT NULL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        requests INTEGER NOT NULL,
        estimated_usd REAL,
        collected_at REAL NOT NULL
    );
    """,
)
