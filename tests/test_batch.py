"""Batch API lines: prepared requests equal the live ones; collected answers make the same briefs.

The output files here are built from real answers recorded from the embedded llama.cpp
server (the cassettes of tests/test_briefs.py), answered for the same requests, plus
error, expired and garbage lines.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from summarizer import Settings, load_articles
from summarizer.batch import BATCH_URL, AnswersOnly, read_output, store_answers
from summarizer.briefs import Briefer
from summarizer.errors import ModelOutputError, UserError
from summarizer.label import LABEL_PROMPTS
from summarizer.records import ArticleBrief

from .conftest import RECORDED_MODEL, SEED_FILES

CASSETTES = Path(__file__).parent.parent / "cassettes" / "test_briefs"
SEEDS = ("000", "001", "002", "003", "004")  # every seed's recorded requests


def _settings(**extra: Any) -> Settings:
    # The recorded run's settings (tests/test_briefs.py::_recorded), from an endpoint.
    return Settings(base_url="http://127.0.0.1:9/v1", model=RECORDED_MODEL, transport_retries=0,
                    label_probabilities=False, **extra)  # type: ignore[arg-type]  # fmt: skip


def _recorded(seed: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Each recorded (request body, response body) of a seed's cassette."""
    path = CASSETTES / f"test_recorded_brief_of_each_seed[{seed}].yaml"
    found = yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]
    return [(json.loads(i["request"]["body"]), json.loads(i["response"]["body"]["string"]))
            for i in found]  # fmt: skip


def _articles(*seeds: str) -> list[Any]:
    return load_articles([p for p in SEED_FILES if p.stem[:3] in seeds])


def _prepared(briefer: AnswersOnly, *seeds: str) -> list[dict[str, Any]]:
    """Every line the seeds' batch takes, over as many rounds as their plans need.

    A question asked only after an earlier answer (the sentence's own object, once the
    tracked topic got "none") is written by the `prepare` run after that answer is
    collected; a scratch store plays those rounds, so `briefer`'s store stays empty.
    """
    briefer.prepare(_articles(*seeds))
    lines = [json.loads(line) for line in briefer.request_lines()]
    new, answers = lines, _answers(*seeds)
    with (
        tempfile.TemporaryDirectory() as scratch,
        AnswersOnly(_settings(home=Path(scratch))) as rounds,
    ):
        while new:
            store_answers(_output(new, answers), rounds.store)
            rounds.prepare(_articles(*seeds))
            seen = {line["custom_id"] for line in lines}
            new = [json.loads(line) for line in rounds.request_lines()]
            new = [line for line in new if line["custom_id"] not in seen]
            lines += new
    return lines


def test_each_prepared_line_is_a_batch_line_whose_body_is_the_live_request() -> None:
    with AnswersOnly(_settings()) as briefer:
        lines = _prepared(briefer, *SEEDS)
    for line in lines:
        assert set(line) == {"custom_id", "method", "url", "body"}
        assert line["method"] == "POST" and line["url"] == BATCH_URL
        assert isinstance(line["custom_id"], str)
        assert line["custom_id"].split("-")[0] in LABEL_PROMPTS
    assert len({line["custom_id"] for line in lines}) == len(lines)  # one line a request
    live = [body for seed in SEEDS for body, _ in _recorded(seed)]
    bodies = [line["body"] for line in lines]
    # the very requests the live run sent, each once (a request two articles share is one line)
    assert sorted(map(json.dumps, bodies)) == sorted(set(map(json.dumps, live)))


def _output(lines: list[dict[str, Any]], answers: dict[str, dict[str, Any]]) -> list[str]:
    """An output file answering `lines` with the recorded response of the same body."""
    out = []
    for n, line in enumerate(lines):
        body = answers[json.dumps(line["body"], sort_keys=True)]
        out.append(json.dumps({"id": f"batch_req_{n}", "custom_id": line["custom_id"],
                               "response": {"status_code": 200, "request_id": f"r{n}",
                                            "body": body}, "error": None}))  # fmt: skip
    return out


def _answers(*seeds: str) -> dict[str, dict[str, Any]]:
    return {json.dumps(b, sort_keys=True): r for s in seeds for b, r in _recorded(s)}


def _live_briefs(tmp_path: Path, *seeds: str) -> dict[str, ArticleBrief]:
    """The briefs the live path makes from the same recorded answers."""
    answers = _answers(*seeds)

    class Replay:
        mode = _settings().request_mode()

        def label(self, ask: Any, *, article_id: str | None = None) -> Any:
            from summarizer.asking import label_steps
            from summarizer.calls import Tally
            from summarizer.validation import CallContext

            tally = Tally(context=CallContext(), max_attempts=1)
            steps = label_steps(_settings(), RECORDED_MODEL, ask, tally, article_id)
            body = next(steps)
            from openai.types.chat import ChatCompletion

            response = ChatCompletion.model_validate(answers[json.dumps(body, sort_keys=True)])
            try:
                steps.send(response)
            except StopIteration as done:
                from summarizer.calls import Completion

                return Completion(done.value, tally.usage(), 1, 0.0)
            raise AssertionError("a recorded answer named no label")

    with Briefer(_settings(home=tmp_path / "live"), client=Replay()) as live:  # type: ignore[arg-type]
        return {a.article_id: live.make(a) for a in _articles(*seeds)}


def test_collected_answers_make_the_briefs_the_live_path_makes(tmp_path: Path) -> None:
    settings = _settings(home=tmp_path / "batch")
    with AnswersOnly(settings) as prepare:
        lines = _prepared(prepare, *SEEDS)
        collected = store_answers(_output(lines, _answers(*SEEDS)), prepare.store)
        assert collected.answered == len(lines) and not collected.failures
        assert collected.usage.requests == len(lines) and collected.usage.prompt_tokens > 0
        batch = {a.article_id: prepare.make(a) for a in _articles(*SEEDS)}
        again = store_answers(_output(lines, _answers(*SEEDS)), prepare.store)  # twice: harmless
        assert again.answered == len(lines)
    live = _live_briefs(tmp_path, *SEEDS)
    assert batch.keys() == live.keys()
    for key, brief in batch.items():
        assert brief.model_dump(exclude={"provenance"}) == live[key].model_dump(
            exclude={"provenance"}
        )
    # nothing is left to ask once the answers are stored
    with AnswersOnly(settings) as after:
        done = after.prepare(_articles(*SEEDS))
    assert done.lines == 0 and done.cached == len(SEEDS)


def test_a_failed_line_costs_only_its_article_and_says_why(tmp_path: Path) -> None:
    with AnswersOnly(_settings(home=tmp_path)) as briefer:
        lines = _prepared(briefer, "002", "004")
        output = _output(lines, _answers("002", "004"))
        ids_002 = {json.dumps(b, sort_keys=True) for b, _ in _recorded("002")}
        first = next(i for i, line in enumerate(lines)
                     if json.dumps(line["body"], sort_keys=True) in ids_002)  # fmt: skip
        second = next(i for i, line in enumerate(lines) if i > first
                      and json.dumps(line["body"], sort_keys=True) in ids_002)  # fmt: skip
        output[first] = json.dumps({"id": "x", "custom_id": lines[first]["custom_id"],
                                    "response": None, "error": {"code": "batch_expired",
                                    "message": "This request could not be executed before the "
                                    "completion window expired."}})  # fmt: skip
        output[second] = json.dumps({"id": "y", "custom_id": lines[second]["custom_id"],
                                     "response": {"status_code": 500, "body": {"error": {
                                         "message": "server error"}}}, "error": None})  # fmt: skip
        output += ["not json at all", json.dumps({"custom_id": "weather-123"}), ""]
        got = store_answers(output, briefer.store)
        assert got.unreadable == 2 and len(got.failures) == 2
        briefer.failures = got.failures
        a002, a004 = _articles("002", "004")
        assert briefer.make(a004).positions  # the other article is whole
        with pytest.raises(ModelOutputError, match="batch_expired") as caught:
            briefer.make(a002)
        assert "HTTP 500" in str(caught.value) and caught.value.article_id == a002.article_id


def test_an_unreadable_output_file_is_a_user_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "none.jsonl"
    with pytest.raises(UserError, match=r"none\.jsonl"):
        read_output(missing)
    binary = tmp_path / "out.jsonl"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(UserError, match="not UTF-8"):
        read_output(binary)


def _cli(*args: str, home: Path) -> list[str]:
    return [*args, "--home", str(home), "--base-url", "http://127.0.0.1:9/v1", "--model",
            RECORDED_MODEL, "--no-label-probabilities", "-q"]  # fmt: skip


def test_the_batch_commands_prepare_then_collect_a_digest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from summarizer.cli import EXIT_OK, EXIT_PARTIAL, main

    paths = [str(p) for p in SEED_FILES if p.stem[:3] in SEEDS]
    requests, home = tmp_path / "requests.jsonl", tmp_path / "home"
    assert main(_cli("batch", "prepare", *paths, "--out", str(requests), home=home)) == EXIT_OK
    assert f"for {len(SEEDS)} articles (0 briefs already stored" in capsys.readouterr().out
    lines = [json.loads(x) for x in requests.read_text(encoding="utf-8").splitlines()]
    output = _output(lines, _answers(*SEEDS))
    output[0] = json.dumps({"custom_id": lines[0]["custom_id"], "response": None,
                            "error": {"code": "batch_expired", "message": "expired"}})  # fmt: skip
    answered = tmp_path / "output.jsonl"
    answered.write_text("\n".join(output) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    args = _cli("batch", "collect", *paths, "--file", str(answered), "--out", str(out),
                "--format", "json", home=home)  # fmt: skip
    assert main(args) == EXIT_PARTIAL  # the expired line's article has no brief
    digest = json.loads(capsys.readouterr().out)
    reasons = [f["reason"] for f in digest["failures"]]
    # the expired line's article, and those whose next question waits for this round's answers
    assert sum("batch_expired" in r for r in reasons) == 1
    assert all("batch_expired" in r or "not answered yet" in r for r in reasons)
    assert any("not answered yet" in r for r in reasons)
    assert len(list((out / "briefs").iterdir())) == len(SEEDS) - len(reasons)
    # the expired request and the next round's question are all that is left to ask
    again = tmp_path / "again.jsonl"
    assert main(_cli("batch", "prepare", *paths, "--out", str(again), home=home)) == EXIT_OK
    wrote = capsys.readouterr().out
    left = [json.loads(x) for x in again.read_text(encoding="utf-8").splitlines()]
    assert f"wrote {len(left)} requests" in wrote and len(left) >= 2
    assert lines[0]["custom_id"] in {x["custom_id"] for x in left}
    assert not {x["custom_id"] for x in left[1:]} & {x["custom_id"] for x in lines}  # all new
    answered.write_text("\n".join(_output(left, _answers(*SEEDS))) + "\n", encoding="utf-8")
    assert main(args) == EXIT_OK
    digest = json.loads(capsys.readouterr().out)
    assert len(digest["failures"]) == 0
    # what the collected file cost, counted from its lines: the local model has no price
    usage = [_answers(*SEEDS)[json.dumps(x["body"], sort_keys=True)]["usage"] for x in left]
    assert digest["batch"]["answered"] == len(left) and digest["batch"]["failed"] == 0
    assert digest["batch"]["usage"]["prompt_tokens"] == sum(u["prompt_tokens"] for u in usage)
    assert digest["batch"]["estimated_usd"] is None
    assert "no price known" in (out / "digest.md").read_text(encoding="utf-8")
    # the morning's email is made from the stored answers alone, and says what they cost
    eml = tmp_path / "digest.eml"
    mailed = _cli("email", *paths, "--from-batch", "--dry-run", "--eml", str(eml), home=home)
    assert main(mailed) == EXIT_OK
    message = eml.read_text(encoding="utf-8")
    assert "Batch " in message and f": {len(left)} answers;" in message


def test_a_digest_mailed_from_a_batch_needs_one_collected(tmp_path: Path) -> None:
    from summarizer.cli import EXIT_USAGE, main

    paths = [str(p) for p in SEED_FILES if p.stem[:3] == "000"]
    args = _cli("email", *paths, "--from-batch", "--dry-run", "--eml", str(tmp_path / "d.eml"),
                home=tmp_path / "home")  # fmt: skip
    assert main(args) == EXIT_USAGE
    assert not (tmp_path / "d.eml").exists()


def test_a_batch_is_priced_at_half_the_live_price_where_the_model_is_known() -> None:
    from summarizer.batch import Collected
    from summarizer.records import Usage

    got = Collected(answered=3, usage=Usage(prompt_tokens=1_000_000, completion_tokens=1_000_000,
                                            requests=3), model="gpt-4o-mini-2024-07-18")  # fmt: skip
    cost = got.cost("batch_1", "ignored")
    assert cost.model == "gpt-4o-mini-2024-07-18"
    assert cost.estimated_usd == pytest.approx((0.15 + 0.60) / 2)
    assert Collected(answered=1).cost("out.jsonl", "my-own-model").estimated_usd is None


def test_submit_status_and_collect_through_the_batches_api(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A contract test of a remote service: the Files and Batches routes as OpenAI documents
    them, played by a loopback stand-in (tests/batch_server.py) that answers with the
    recorded answers of the embedded model. It checks what the client sends and that it
    asks nothing twice, not the provider itself."""
    from summarizer.cli import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL, main

    from .batch_server import batch_api

    recorded = _answers(*SEEDS)

    def answer(lines: list[str]) -> list[str]:
        return _output([json.loads(line) for line in lines], recorded)

    paths = [str(p) for p in SEED_FILES if p.stem[:3] in SEEDS]
    requests, home = tmp_path / "requests.jsonl", tmp_path / "home"
    with batch_api(answer) as api:

        def cli(*args: str) -> int:
            return main([*args, "--home", str(home), "--base-url", api.base_url, "--model",
                         RECORDED_MODEL, "--no-label-probabilities", "-q"])  # fmt: skip

        assert cli("batch", "prepare", *paths, "--out", str(requests)) == EXIT_OK
        assert cli("batch", "submit", "--file", str(requests)) == EXIT_OK
        assert "submitted batch batch_1" in capsys.readouterr().out
        assert cli("batch", "collect", *paths) == EXIT_FAILURE  # still in progress
        assert cli("batch", "status") == EXIT_OK
        assert "batch_1: completed" in capsys.readouterr().out
        assert cli("batch", "collect", *paths, "--format", "json") == EXIT_PARTIAL
        digest = json.loads(capsys.readouterr().out)
        # some articles' next questions wait for this round's answers ("none" on the tracked
        # topic, then the sentence's own object; a stance on what the model named): a second
        # round asks them
        waiting = digest["failures"]
        assert waiting and len(digest["articles"]) + len(waiting) == len(SEEDS)
        assert all("not answered yet" in f["reason"] for f in waiting)
        assert api.requests == [
            ("POST", "/v1/files"), ("POST", "/v1/batches"), ("GET", "/v1/batches/batch_1"),
            ("GET", "/v1/batches/batch_1"), ("GET", "/v1/batches/batch_1"),
            ("GET", "/v1/files/file-2/content"),
        ]  # fmt: skip
        uploaded = api.files["file-1"].decode()
        assert uploaded == requests.read_text(encoding="utf-8")
        second = tmp_path / "second.jsonl"
        assert cli("batch", "prepare", *paths, "--out", str(second)) == EXIT_OK
        assert 1 <= len(second.read_text(encoding="utf-8").splitlines()) <= 2 * len(waiting)
        assert cli("batch", "submit", "--file", str(second)) == EXIT_OK
        assert "submitted batch batch_2" in capsys.readouterr().out
        assert cli("batch", "collect", *paths) == EXIT_FAILURE  # still in progress
        assert cli("batch", "collect", *paths, "--format", "json") == EXIT_OK
        digest = json.loads(capsys.readouterr().out)
        assert len(digest["articles"]) == len(SEEDS) and digest["failures"] == []
