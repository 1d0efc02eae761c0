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


def test_an_older_store_is_upgraded_and_keeps_its_cache(tmp_path: Path) -> None:
    # A store as version 2 of summarizer left it: briefs and syntheses only.
    db = sqlite3.connect(tmp_path / "s.db", isolation_level=None)
    for script in MIGRATIONS[:2]:
        db.executescript(script)
    db.execute("INSERT INTO syntheses VALUES ('k', 'topics', '{}', 0)")
    db.execute("PRAGMA user_version = 2")
    db.close()
    with Store(tmp_path / "s.db") as store:
        assert store.version == len(MIGRATIONS) == 6
        assert store.get_synthesis("k") == "{}"
        assert store.latest_digest() is None and store.emails() == []


def test_digests_are_kept_by_date_once_per_content(tmp_path: Path) -> None:
    from summarizer.merge import merge

    from .briefs_factory import actor, brief

    one = merge([brief("a1", actors=[actor("Mark Rutte")])])
    two = merge([brief("a1", actors=[actor("Mark Rutte")]), brief("a2", actors=[actor("Trump")])])
    with Store(tmp_path / "s.db") as store:
        first = store.put_digest(one, "2026-11-20")
        assert store.put_digest(one, "2026-11-20") == first  # same content, same day: kept once
        second = store.put_digest(two, "2026-11-21")
        third = store.put_digest(one, "2026-11-21")  # content went back: a new row
        assert [d.id for d in store.digests()] == [third.id, second.id, first.id]
        assert store.latest_digest() == third and third.digest == one
        assert [d.id for d in store.digests(on="2026-11-21")] == [third.id, second.id]
        sent = store.record_email("<m1@x>", second, ["B@x.org", "a@x.org"])
        assert sent.recipients == ("a@x.org", "b@x.org")
        assert store.sent_email("2026-11-21", ["a@x.org", "b@x.org"]) == sent
        assert store.sent_email("2026-11-21", ["a@x.org"]) is None
        assert store.last_sent_digest(["b@x.org", "a@x.org"]) == second
        assert store.last_sent_digest(["a@x.org", "b@x.org"], before="2026-11-21") is None


def test_a_failed_read_is_a_store_error_naming_the_file(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    store._db.close()  # the file went away under us, say; bare sqlite3 errors used to escape
    with pytest.raises(StoreError, match=r"s\.db: cannot read the store"):
        store.latest_digest()
    with pytest.raises(StoreError, match="cannot read the store"):
        store.emails()


def test_a_stored_digest_this_version_cannot_read_is_a_store_error(tmp_path: Path) -> None:
    from summarizer.store import StoredDigest

    stored = StoredDigest(id=7, digest_date="2026-11-20", sha256="x", article_count=1,
                          created_at=0.0, _json='{"not": "a digest"}')  # fmt: skip
    with pytest.raises(StoreError, match=r"stored digest 7 \(2026-11-20\) does not parse"):
        _ = stored.digest
