"""Unattended runs: crashes, concurrent runs on one store, and secrets that must not leak."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from summarizer.cli import EXIT_OK, EXIT_PARTIAL, main

from .conftest import SEED_FILES, SEEDS
from .stub_server import Reply, StubServer, answer_from_article, articles_asked, seed_asked

SENTINEL_KEY = "sk-sentinel-0123456789abcdefghijklmnop"
SENTINEL_SMTP = "smtp-sentinel-pw-9876543210"


def _cli(stub: StubServer, home: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SUMMARIZER_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "summarizer.cli", str(SEEDS), "--base-url", stub.base_url,
               "--model", "stub", "--no-llm-merge", "-q", *extra]  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _finish(process: subprocess.Popen[bytes], timeout: float = 120) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out.decode(), err.decode()


def test_sigkill_mid_run_then_resume_pays_only_for_the_unfinished(
    stub: StubServer, _isolated: Path, tmp_path: Path
) -> None:
    third = threading.Event()

    def hang_on_the_third(payload: dict[str, Any]) -> Reply:
        if len(articles_asked(stub.requests)) >= 3:  # the third article's first question
            third.set()
            return Reply(delay=30, body={})  # hangs until the test ends
        return answer_from_article(payload)

    stub.default = hang_on_the_third  # type: ignore[assignment]
    out = tmp_path / "out"
    process = _cli(stub, _isolated, "--out", str(out))
    assert third.wait(timeout=60)
    process.send_signal(signal.SIGKILL)
    assert _finish(process)[0] == -signal.SIGKILL
    done = sorted(p.name for p in (out / "briefs").iterdir())
    assert len(done) == 2 and all(name.endswith(".json") for name in done)  # no temporaries

    stub.default = answer_from_article  # type: ignore[assignment]
    before = len(stub.requests)
    finished = articles_asked(stub.requests[:before]) - articles_asked(stub.requests[-1:])
    code, _, err = _finish(_cli(stub, _isolated, "--out", str(out)))
    assert code == EXIT_OK, err
    resumed = articles_asked(stub.requests[before:])
    assert len(resumed) == len(SEED_FILES) - 2 and not resumed & finished
    assert len(list((out / "briefs").iterdir())) == len(SEED_FILES)
    assert not list(out.rglob("*.tmp"))


def test_two_runs_at_once_on_one_store_both_finish_and_the_store_is_sound(
    stub: StubServer, _isolated: Path
) -> None:
    stub.default = answer_from_article  # type: ignore[assignment]
    runs = [_cli(stub, _isolated, "--format", "json") for _ in range(2)]
    results = [_finish(run) for run in runs]
    assert [code for code, _, _ in results] == [EXIT_OK, EXIT_OK], results
    db = sqlite3.connect(_isolated / "summarizer.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(DISTINCT article_sha256) FROM briefs").fetchone()[0] == 5
    db.close()
    # The same digest from both; what each paid differs, as one may reuse answers the
    # other stored (the label cache) while both run.
    assert _unpaid(json.loads(results[0][1])) == _unpaid(json.loads(results[1][1]))


def _unpaid(value: Any) -> Any:
    """A digest's JSON without what its briefs cost (usage, attempts, seconds)."""
    if isinstance(value, dict):
        return {
            k: _unpaid(v) for k, v in value.items() if k not in {"usage", "attempts", "seconds"}
        }
    if isinstance(value, list):
        return [_unpaid(v) for v in value]
    return value


def test_sentinel_secrets_appear_nowhere(
    stub: StubServer, _isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL_KEY)
    monkeypatch.setenv("SUMMARIZER_BASE_URL", stub.base_url)
    monkeypatch.setenv("SUMMARIZER_SMTP_USER", "bot")
    monkeypatch.setenv("SUMMARIZER_SMTP_PASSWORD", SENTINEL_SMTP)

    first = SEED_FILES[0].stem

    def refuse_one(payload: dict[str, Any]) -> Reply:  # every question about one article
        if seed_asked(payload["messages"][-1]["content"]) == first:
            return Reply(status=401, body={"error": {"message": "Incorrect API key provided"}})
        return answer_from_article(payload)

    stub.default = refuse_one  # type: ignore[assignment]
    out = tmp_path / "out"
    with caplog.at_level("DEBUG"):
        code = main([str(SEEDS), "--model", "stub", "--out", str(out), "-v"])
        mailed = main(["email", str(SEEDS), "--model", "stub", "--dry-run", "-v",
                       "--eml", str(out / "digest.eml")])  # fmt: skip
    assert code == EXIT_PARTIAL and mailed == EXIT_PARTIAL
    assert (out / "digest.eml").is_file()
    # The key did reach the endpoint, in the header where it belongs...
    assert stub.requests[0]["headers"]["authorization"] == f"Bearer {SENTINEL_KEY}"
    # ...and nowhere else: not in output, logs, files written, or the store.
    captured = capsys.readouterr()
    places = {"stdout": captured.out, "stderr": captured.err, "logs": caplog.text}
    for path in [*out.rglob("*"), *_isolated.rglob("*")]:
        if path.is_file():
            places[str(path)] = path.read_bytes().decode("utf-8", "replace")
    leaks = [
        where for where, text in places.items() if SENTINEL_KEY in text or SENTINEL_SMTP in text
    ]
    assert not leaks
    assert len(places) > 8
