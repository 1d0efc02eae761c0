from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from summarizer.errors import StoreError
from summarizer.store import MIGRATIONS, Store, brief_key

KEY_PARTS = {"article_sha256": "a" * 64, "prompt_version": "p1", "schema_version": "1",
             "model": "m", "endpoint": "local"}  # fmt: skip


def test_cache_key_changes_with_each_part_and_only_then() -> None:
    base = brief_key(**KEY_PARTS)
    assert brief_key(**KEY_PARTS) == base
    for name in KEY_PARTS:
        assert brief_key(**{**KEY_PARTS, name: KEY_PARTS[name] + "x"}) != base


def test_store_migrates_to_the_latest_version_and_uses_wal(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.version == len(MIGRATIONS)
    db = sqlite3.connect(tmp_path / "s.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_from_a_newer_summarizer_is_refused(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "s.db")
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer than this summarizer"):
        Store(tmp_path / "s.db")
