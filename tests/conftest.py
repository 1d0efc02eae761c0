"""Shared fixtures: a temp home, a scrubbed environment, cassettes, a stub endpoint, a fake model."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer import load_articles
from summarizer.assemble import Stage, plan
from summarizer.cast import cast_of
from summarizer.errors import EndpointError
from summarizer.label import Ask, Label
from summarizer.llm import Completion
from summarizer.plans import drive
from summarizer.profile import Profile
from summarizer.records import Usage
from summarizer.segment import segment
from summarizer.settings import RequestMode
from summarizer.speakers import speakers

from .stub_server import StubServer, label_for

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
FIXTURES = ROOT / "tests" / "fixtures"

# Headers that may carry secrets or account identifiers, on either side of an exchange.
SECRET_HEADERS = (
    "authorization", "api-key", "x-api-key", "openai-organization", "openai-project",
    "cookie", "set-cookie", "x-request-id", "openai-processing-ms",
)  # fmt: skip
RECORDED_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own SUMMARIZER_HOME and no endpoint settings from the outside."""
    for name in list(os.environ):
        if name.startswith(("SUMMARIZER_", "OPENAI_")):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    monkeypatch.setenv("SUMMARIZER_HOME", str(home))
    return home


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SECRET_HEADERS:
            del headers[name]
    return response


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        # The embedded server listens on a random port: match what the request says, not where.
        "match_on": ["method", "path", "body"],
        "filter_headers": list(SECRET_HEADERS),
        "before_record_response": _scrub_response,
        "decode_compressed_response": True,
        "allow_playback_repeats": False,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(ROOT / "cassettes" / request.module.__name__.rsplit(".", 1)[-1])


@pytest.fixture(autouse=True)
def _cassette_fully_played(vcr: Any, record_mode: str) -> Iterator[None]:
    """A test with a cassette fails if any recorded interaction was not replayed."""
    yield
    if vcr is not None and record_mode == "none":
        assert vcr.all_played, f"cassette not fully played: {vcr.play_count}/{len(vcr)}"


@pytest.fixture(scope="session")
def recorded_endpoint(record_mode: str) -> Iterator[str]:
    """Where cassette tests send requests: the embedded server while recording, else nowhere.

    With --record-mode=none (the default) a request that is not in a cassette fails, so the
    URL only has to be well formed. Recording starts the real embedded 1.5B server.
    """
    if record_mode == "none":
        yield "http://127.0.0.1:9/v1"
        return
    from summarizer.local import LocalServer, ensure_model
    from summarizer.settings import Settings

    settings = Settings()
    path = ensure_model(
        "qwen2.5-coder-1.5b",
        Path(
            os.environ.get("SUMMARIZER_RECORD_MODELS", Path.home() / ".cache" / "summarizer-models")
        ),
    )
    assert path.stem == RECORDED_MODEL
    with LocalServer(path, n_ctx=8192, log_path=Path(settings.home) / "record.log") as server:
        yield server.base_url


@pytest.fixture
def stub() -> Iterator[StubServer]:
    with StubServer() as server:
        yield server


class FakeModel:
    """Stands in for ModelClient in logic tests: answers label questions by `label_for`.

    `answers` overrides the label for questions whose user message contains a key.
    """

    mode = RequestMode.TOOLS

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.answers: dict[str, str | Label] = {}

    def label(self, ask: Ask, *, article_id: str | None = None) -> Completion[Label]:
        user = ask.messages[-1]["content"]
        self.calls.append({"article_id": article_id, "kind": ask.kind, "user": user})
        given = next((v for k, v in self.answers.items() if k in user), None)
        if not ask.choices:  # a span question: words of the sentence, or "none" by default
            label = given if isinstance(given, Label) else Label(given or "none")
            assert label.value == "none" or label.value in user, (label, user)
            return Completion(
                label, Usage(prompt_tokens=10, completion_tokens=1, requests=1), 1, 0.0
            )
        label = given if isinstance(given, Label) else Label(given or label_for(user))
        assert label.value in ask.choices, (label, ask.choices)
        return Completion(label, Usage(prompt_tokens=10, completion_tokens=1, requests=1), 1, 0.0)

    async def alabel(self, ask: Ask, *, article_id: str | None = None) -> Completion[Label]:
        return self.label(ask, article_id=article_id)


@pytest.fixture
def fake_model() -> FakeModel:
    return FakeModel()


def draft_for(text: str, **overrides: Any) -> dict[str, Any]:
    """A valid draft whose quotes are real sentences of `text`."""
    sentences = [
        s.strip()[:150].rsplit(" ", 1)[0]
        for s in text.replace("\n", " ").split(". ")
        if len(s.strip()) > 30
    ]
    draft: dict[str, Any] = {
        "actors": [
            {"name": "Mark Rutte", "kind": "person", "role": "NATO Secretary General",
             "aliases": ["Rutte"]},
            {"name": "NATO", "kind": "alliance", "role": "", "aliases": []},
        ],
        "positions": [
            {"actor": "Rutte", "topic": "Ukraine NATO membership",
             "stance": "Rutte says allies, not Moscow, decide on membership.",
             "polarity": "supports", "attribution": "paraphrase", "hedged": False,
             "quotes": [sentences[0]]},
            {"actor": "NATO", "topic": "peace talks", "stance": "NATO stays out of the talks.",
             "polarity": "neutral", "attribution": "outlet_framing", "hedged": True,
             "quotes": [sentences[1], "a sentence that is nowhere in the article at all"]},
        ],
        "guarantees": [
            {"kind": "NATO membership", "description": "Membership as a security guarantee.",
             "status": "under_discussion", "proposed_by": "", "conditions": [],
             "quotes": [sentences[2]]},
            {"kind": "troops after a ceasefire", "description": "Troops once fighting stops.",
             "status": "conditional", "proposed_by": "None", "conditions": ["N/A", "ceasefire"],
             "quotes": [sentences[4]]},
        ],
        "uncertainties": [
            {"description": "Whether talks succeed.", "kind": "open_question",
             "quotes": [sentences[3]]},
        ],
        "summary": "A summary of the article that is long enough to pass the minimum length.",
    }  # fmt: skip
    draft.update(overrides)
    return json.loads(json.dumps(draft))


def scripted(labels: dict[str, Any], log: list[Ask]) -> Any:
    """An asker answering each question by its kind from `labels` ("none" if absent), logged.

    A value "fail" is a failed call; a (label, probability) pair carries its probability.
    """

    def ask(question: Ask) -> Any:
        log.append(question)
        value = labels.get(question.kind, "none")
        if value == "fail":
            return EndpointError("down", requests=1, prompt_tokens=3)
        if isinstance(value, tuple):  # (label, probability)
            return Completion(Label(*value), Usage(requests=1), 1, 0.0)
        return Completion(Label(value), Usage(requests=1), 1, 0.0)

    return ask


def staged(
    tmp_path: Path, text: str, labels: dict[str, Any], profile: Profile
) -> tuple[Stage, list[Ask]]:
    """The stage of `text` as an article file, with every question the plan asked."""
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    article = load_articles([tmp_path / "article.txt"])[0]
    asked: list[Ask] = []
    return drive(plan(article, profile), scripted(labels, asked)), asked


def speaker_rows(text: str, profile: Profile) -> list[list[tuple[str, str]]]:
    """(actor, how) of each body sentence's speakers, for `text` under a headline."""
    sentences = segment(f"Quotas\n\n{text}\n")
    found = speakers(sentences, cast_of(sentences, profile))
    return [[(s.actor, s.how) for s in row] for row, x in zip(found, sentences, strict=True)
            if not x.headline]  # fmt: skip
