"""The command line against a scripted loopback endpoint: outputs, progress and exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from summarizer.cli import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, main

from .conftest import FIXTURES, SEED_FILES, SEEDS
from .stub_server import (
    LABEL_KINDS,
    Reply,
    StubServer,
    answer_from_article,
    label_kind,
    seed_asked,
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_briefs_every_seed_into_out(
    stub: StubServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.default = answer_from_article  # type: ignore[assignment]
    code, out, err = _run(
        capsys,
        str(SEEDS),
        "--out",
        str(tmp_path / "out"),
        "--base-url",
        stub.base_url,
        "--model",
        "stub",
    )
    assert code == EXIT_OK, err
    written = sorted(p.stem for p in (tmp_path / "out" / "briefs").glob("*.json"))
    assert written == [p.stem for p in SEED_FILES]
    assert out.startswith("# Corpus digest")
    digest = json.loads((tmp_path / "out" / "digest.json").read_text())
    assert len(digest["articles"]) == len(SEED_FILES)
    assert (tmp_path / "out" / "digest.md").read_text() == out
    page = (tmp_path / "out" / "digest.html").read_text()
    assert "<!DOCTYPE html>" in page
    reviews = sorted(p.stem for p in (tmp_path / "out" / "review").glob("*.html"))
    assert reviews == written
    links = re.findall(r'href="review/([^"#]+)\.html#(e-\d+-\d+)"', page)
    assert links, "the digest's quotes link to their review pages"
    for article_id, anchor in links:
        assert f'id="{anchor}"' in (tmp_path / "out" / "review" / f"{article_id}.html").read_text()
    assert "quotes exact" in err
    # Five briefs, then the model-assisted pass: one topic grouping and one narrative.
    tasks = [
        r["body"]["tool_choice"]["function"]["name"]
        if "tool_choice" in r["body"]
        else label_kind(r["body"]["messages"][-1]["content"])
        for r in stub.requests
    ]
    assert tasks[-2:] == ["TopicGroupsDraft", "NarrativeDraft"]
    assert set(tasks[:-2]) == set(LABEL_KINDS.values())
    assert digest["narrative"].startswith("Rutte says membership is irreversible. [000_")
    # The stub puts every topic in one group, the profile's tracked topics too: not used.
    assert not any(step["rule"] == "model-topic-group" for step in digest["merge_log"])
    # A second run is served from the store: no request at all.
    code, again, _ = _run(capsys, str(SEEDS), "--base-url", stub.base_url, "--model", "stub")
    assert code == EXIT_OK and len(stub.requests) == len(tasks)
    assert again == out


def test_one_failing_article_costs_only_itself(
    stub: StubServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = SEED_FILES[0].stem

    def flaky(payload: dict[str, Any]) -> Reply:  # every question about article 000 fails
        if seed_asked(payload["messages"][-1]["content"]) == first:
            return Reply(status=400, body={"error": {"message": "context too long"}})
        return answer_from_article(payload)

    stub.default = flaky  # type: ignore[assignment]
    code, out, err = _run(
        capsys, str(SEEDS), "--out", str(tmp_path), "--base-url", stub.base_url, "--model", "stub",
        "--format", "json",
    )  # fmt: skip
    assert code == EXIT_PARTIAL
    assert "000_6ba81dc0816d3c55: endpoint failed" in err and "HTTP 400" in err
    assert len(list((tmp_path / "briefs").glob("*.json"))) == len(SEED_FILES) - 1
    digest = json.loads(out)
    assert len(digest["articles"]) == len(SEED_FILES) - 1
    assert digest["failures"][0]["source"] == "000_6ba81dc0816d3c55"
    assert "HTTP 400" in digest["failures"][0]["reason"]
    failed = digest["failures"][0]["usage"]["requests"]
    assert failed >= 1  # what the failure cost is counted
    assert digest["usage"]["requests"] == len(stub.requests) - 2  # all but the merge pass


def test_bad_input_is_named_and_the_rest_is_briefed(
    stub: StubServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_FILES[0], folder)
    (folder / "broken.txt").write_bytes(b"\xff\xfeR\x00u\x00\x00\xd8")  # UTF-16, lone surrogate
    stub.default = answer_from_article  # type: ignore[assignment]
    code, _, err = _run(capsys, str(folder), "--base-url", stub.base_url, "--model", "stub")
    assert code == EXIT_PARTIAL
    assert f"{folder / 'broken.txt'}: not valid UTF-16" in err


def test_nothing_briefed_is_a_failure(stub: StubServer, capsys: pytest.CaptureFixture[str]) -> None:
    stub.default = Reply(status=401, body={"error": {"message": "bad key"}})
    code, out, _ = _run(
        capsys, str(SEED_FILES[0]), "--base-url", stub.base_url, "--model", "s", "--format", "json"
    )
    assert code == EXIT_FAILURE and json.loads(out)["articles"] == []


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, str(SEEDS), "--base-url", "not a url", "--model", "x")
    assert code == EXIT_USAGE and "base_url" in err
    code, _, err = _run(capsys, str(SEEDS), "--model", "not-a-pack")
    assert code == EXIT_USAGE and "neither a local pack" in err
    assert main(["--no-such-flag"]) == EXIT_USAGE
    assert "No such option '--no-such-flag'" in capsys.readouterr().err
    assert main(["seeds", "--format", "pdf"]) == EXIT_USAGE
    assert main(["schema", "nothing"]) == EXIT_USAGE


def test_brief_subcommand_prints_one_brief(
    stub: StubServer, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.default = answer_from_article  # type: ignore[assignment]
    code, out, _ = _run(
        capsys, "brief", str(SEED_FILES[2]), "--base-url", stub.base_url, "--model", "stub"
    )
    assert code == EXIT_OK
    assert json.loads(out)["article_id"] == SEED_FILES[2].stem


@pytest.mark.parametrize(
    "command", ["", "brief", "email", "eval", "schema", "batch", "batch prepare", "batch collect"]
)
def test_help_is_pinned(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each command's --help, word for word: a changed option or example shows up here.

    After a deliberate change: `uv run summarize [COMMAND] --help > tests/fixtures/help/...`.
    """
    assert main([*command.split(), "--help"]) == EXIT_OK
    pinned = FIXTURES / "help" / f"{command.replace(' ', '-') or 'summarize'}.txt"
    assert capsys.readouterr().out == pinned.read_text(encoding="utf-8")


def test_the_default_command_may_be_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == main(["digest", "--help"]) == EXIT_OK
    first, second = capsys.readouterr().out.split("Usage:")[1:]
    assert first == second and "examples:" in first and "exit codes:" in first


def test_schema_subcommand_prints_schemas_that_validate_real_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import jsonschema

    from .briefs_factory import actor, brief, position

    assert main(["schema"]) == EXIT_OK
    schemas = json.loads(capsys.readouterr().out)
    assert set(schemas) == {"brief", "digest"}
    one = brief("a", actors=[actor("Mark Rutte")],
                positions=[position("Mark Rutte", "membership", "supports", "q")])  # fmt: skip
    jsonschema.validate(json.loads(one.model_dump_json()), schemas["brief"])
    from summarizer import merge

    jsonschema.validate(json.loads(merge([one]).model_dump_json()), schemas["digest"])
    assert main(["schema", "digest"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["title"] == "CorpusDigest"


def test_label_probabilities_are_asked_of_remote_endpoints_unless_turned_off(
    stub: StubServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.default = answer_from_article  # type: ignore[assignment]
    base = [str(SEED_FILES[0]), "--base-url", stub.base_url, "--model", "stub",
            "--no-llm-merge", "--no-cache", "--format", "json"]  # fmt: skip
    assert _run(capsys, *base)[0] == EXIT_OK
    asked = len(stub.requests)
    assert asked and all(r["body"].get("logprobs") is True for r in stub.requests)
    assert _run(capsys, *base, "--no-label-probabilities")[0] == EXIT_OK
    assert not any("logprobs" in r["body"] for r in stub.requests[asked:])


def test_invalid_data_during_a_run_is_a_failure_not_a_settings_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer import cli
    from summarizer.corpus import CorpusDigest

    def broken(*_: Any, **__: Any) -> Any:
        return CorpusDigest.model_validate_json("{}")  # e.g. a stored digest from elsewhere

    monkeypatch.setattr(cli, "run", broken)
    code, _, err = _run(capsys, str(SEEDS))
    assert code == EXIT_FAILURE
    assert "invalid data" in err and "invalid settings" not in err
    # A bad setting is still a usage error.
    code, _, err = _run(capsys, str(SEEDS), "--concurrency", "0")
    assert code == EXIT_USAGE and "invalid settings" in err
