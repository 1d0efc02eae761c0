from __future__ import annotations

import asyncio
import inspect
import json
from pathlib import Path

import pytest

import summarizer
from summarizer import Summarizer, rows
from summarizer.merge import merge

from .briefs_factory import actor, brief, guarantee, position
from .conftest import SEED_FILES, SEEDS
from .stub_server import StubServer, answer_from_article, articles_asked

PINNED = [
    "Actor", "Article", "ArticleBrief", "BudgetExceeded", "Changes", "CorpusDigest", "Delivery",
    "DroppedItem", "EmailError", "EndpointError", "Evidence", "Guarantee", "InputError",
    "IntegrityError", "LocalModelUnavailable", "LocalServerError", "ModelError",
    "ModelOutputError", "Position", "PromptError", "Provenance", "Settings", "StoreError",
    "StoredDigest", "Summarizer", "SummarizerError", "Uncertainty", "Usage", "UserError",
    "abrief", "actor_rows", "asummarize", "brief", "coverage_rows", "digest_html",
    "digest_markdown", "disagreement_rows", "guarantee_rows", "load_articles", "merge",
    "position_rows", "review_html", "summarize", "what_changed",
]  # fmt: skip


def test_public_surface_is_pinned() -> None:
    # Dashboards import these names; removing or renaming one is a breaking change.
    assert summarizer.__all__ == PINNED


def test_public_surface_is_exactly_all() -> None:
    public = {
        name
        for name in dir(summarizer)
        if not name.startswith("_") and not inspect.ismodule(getattr(summarizer, name))
    }
    assert public == set(summarizer.__all__)
    assert summarizer.__all__ == sorted(summarizer.__all__)


def test_every_error_derives_from_the_one_base() -> None:
    errors = [
        getattr(summarizer, name)
        for name in summarizer.__all__
        if name.endswith(("Error", "Exceeded", "Unavailable"))
    ]
    assert len(errors) == 13
    assert all(issubclass(error, summarizer.SummarizerError) for error in errors)


# --- the Summarizer object, against the scripted loopback endpoint ---


def _api(stub: StubServer, home: Path) -> Summarizer:
    stub.default = answer_from_article  # type: ignore[assignment]
    return Summarizer(home=home, base_url=stub.base_url, model="stub", llm_merge=False)


def test_summarizer_stores_digests_and_reads_them_back(stub: StubServer, tmp_path: Path) -> None:
    with _api(stub, tmp_path / "home") as api:
        assert api.latest_digest() is None
        with pytest.raises(LookupError, match="no digest stored") as missing:
            api.position_rows()
        # One of ours too: `except SummarizerError` in a caller catches it.
        assert isinstance(missing.value, summarizer.SummarizerError)
        first = api.summarize(SEED_FILES[:3], digest_date="2026-11-20")
        calls_first = len(stub.requests)
        second = api.summarize([SEEDS], digest_date="2026-11-21")
        calls = len(stub.requests)
        # Each article was asked about in one run only: the first three came from the cache.
        assert len(articles_asked(stub.requests)) == len(SEED_FILES)
        second_run = articles_asked(stub.requests[calls_first:])
        assert len(second_run) == len(SEED_FILES) - 3
        assert api.latest_digest() == second
        assert api.digest_on("2026-11-20") == first and api.digest_on("2026-01-01") is None
        assert [r["date"] for r in api.digest_rows()] == ["2026-11-21", "2026-11-20"]
        assert [r["article_count"] for r in api.digest_rows()] == [5, 3]
        # The same run again on the same day adds no second copy of the same digest.
        api.summarize([SEEDS], digest_date="2026-11-21")
        assert len(api.digest_rows()) == 2 and len(stub.requests) == calls
        assert api.store.article_count() == 5
        position_rows = api.position_rows()
        assert position_rows == rows.position_rows(second)
    # A new object on the same home sees the same store.
    with Summarizer(home=tmp_path / "home") as again:
        assert again.latest_digest() == second


def test_async_twins(stub: StubServer, tmp_path: Path) -> None:
    async def go() -> None:
        async with _api(stub, tmp_path / "home") as api:
            made = await api.abrief(SEED_FILES[0])
            asked = len(stub.requests)
            assert made == api.brief(SEED_FILES[0]) and len(stub.requests) == asked  # cached
            digest = await api.asummarize(SEED_FILES[:2], digest_date="2026-11-21")
            assert digest == await api.amerge([made, api.brief(SEED_FILES[1])])

    asyncio.run(go())
    assert len(articles_asked(stub.requests)) == 2  # each article was briefed once


RUTTE = actor("Mark Rutte", role="NATO Secretary General", aliases=("Rutte", "the NATO chief"))


def _briefs() -> list:  # type: ignore[type-arg]
    return [
        brief("a1", actors=[RUTTE, actor("Ukraine", "state")],
              positions=[position("Mark Rutte", "Ukraine NATO membership", "supports",
                                  "irreversible path")],
              guarantees=[guarantee("NATO membership", "proposed", "membership", by="Ukraine")],
              outlet="Wire", date="2025-12-02"),
        brief("a2", actors=[RUTTE],
              positions=[position("Mark Rutte", "Ukraine NATO membership", "opposes",
                                  "off the table")],
              guarantees=[guarantee("NATO membership", "ruled_out", "off the table")]),
    ]  # fmt: skip


def test_rows_are_plain_and_complete() -> None:
    digest = merge(_briefs())
    plain = (str, int, float, bool, type(None), list)
    for make in (rows.position_rows, rows.guarantee_rows, rows.actor_rows, rows.coverage_rows,
                 rows.disagreement_rows):  # fmt: skip
        made = make(digest)
        assert made and all(isinstance(v, plain) for row in made for v in row.values())
        json.dumps(made)  # ready for a JSON response as well as a DataFrame
        assert len({tuple(sorted(r)) for r in made}) == 1  # same columns on every row
    positions = rows.position_rows(digest)
    assert {(r["article_id"], r["polarity"], r["outlet"]) for r in positions} == {
        ("a1", "supports", "Wire"),
        ("a2", "opposes", None),
    }
    assert all(r["quote"] for r in positions)
    guarantees = rows.guarantee_rows(digest)
    assert {(r["article_id"], r["status"], r["conflicting"]) for r in guarantees} == {
        ("a1", "proposed", True),
        ("a2", "ruled_out", True),
    }
    coverage = rows.coverage_rows(digest)
    assert {
        "article_id": "a2",
        "item_type": "actor",
        "item": "Ukraine",
        "covered": False,
    } in coverage
    assert len(coverage) == 2 * (len(digest.actors) + len(digest.guarantees))
    sides = rows.disagreement_rows(digest)
    assert {r["polarity"] for r in sides} >= {"supports", "opposes"}


def test_actor_history_follows_aliases_across_digests(tmp_path: Path) -> None:
    one, two = _briefs()
    with Summarizer(home=tmp_path / "home") as api:
        api.store.put_digest(merge([one]), "2026-11-20")
        api.store.put_digest(merge([one, two]), "2026-11-21")
        history = api.actor_history("the nato chief")
        assert [(h["date"], sorted(h["polarities"])) for h in history] == [
            ("2026-11-20", ["supports"]),
            ("2026-11-21", ["opposes", "supports"]),
        ]
        assert history[-1]["articles"] == ["a1", "a2"]
        assert api.actor_history("RUTTE") == history
        assert api.actor_history("Vladimir Putin") == []


def test_dashboard_example_prints_the_latest_digest(capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    path = Path(__file__).parents[1] / "examples" / "dashboard.py"
    spec = importlib.util.spec_from_file_location("dashboard_example", path)
    assert spec and spec.loader
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    assert example.main([]) == 1  # nothing stored yet
    assert "run `summarize seeds/` first" in capsys.readouterr().err
    with Summarizer() as api:  # SUMMARIZER_HOME is the test's own
        api.store.put_digest(merge(_briefs()), "2026-11-21")
    assert example.main([]) == 0
    out = capsys.readouterr().out
    assert "Digest of 2026-11-21: 2 articles" in out
    assert "Mark Rutte" in out and "irreversible path" in out and "off the table" in out
    assert example.main(["--actor", "Rutte"]) == 0
    assert "2026-11-21" in capsys.readouterr().out


def test_the_sync_and_async_runs_both_log_an_input_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from summarizer import Settings
    from summarizer.pipeline import arun, run

    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    settings = Settings(home=tmp_path / "home", base_url="http://127.0.0.1:9/v1", model="m")
    for runner in (lambda: run([tmp_path], settings=settings),
                   lambda: asyncio.run(arun([tmp_path], settings=settings))):  # fmt: skip
        caplog.clear()
        with caplog.at_level("ERROR", logger="summarizer"):
            result = runner()
        assert len(result.input_errors) == 1 and not result.briefs
        assert "empty.txt" in caplog.text  # arun used to drop it silently
