"""Provider batch APIs: the label questions of a run as Batch API lines, and their answers.

OpenAI's and Azure's Batch API and vLLM's `run-batch` read the same JSONL: one request per
line (`custom_id`, `method`, `url`, `body`), answered in a file of the same shape. A brief
here is a plan of label questions (`assemble.plan`) whose answers live in the store, keyed
by the request body (`Briefer.label_key`). So:

- `prepare` drives every uncached article's plan with the stored answers only, and writes
  each question that has none as a line whose body is the live request's body; the line's
  `custom_id` is the question's kind and its answer's cache key. A question asked only
  when an earlier one gave nothing usable (a guarantee's second sentence) waits for that
  answer (`errors.Unanswered`): `prepare` run again after `collect` writes that round.
- `store_answers` reads an output file and stores each answer through the same reading as
  a live answer (`label.read_label`); an error line, an expired request or an answer that
  names no label is recorded as that question's failure.
- `AnswersOnly` is a Briefer that never calls a model: it makes a brief when every
  question of the article has a stored answer, and fails that article (with the reasons)
  when one has not. A run with it over the same paths is the live path from there on.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .asking import label_body
from .assemble import Answer
from .briefs import Briefer
from .budget import BATCH_DISCOUNT, estimated_cost, price_of
from .corpus import BatchCost
from .errors import ModelOutputError, Unanswered, UserError
from .label import HEDGES, STANCES, STATUSES, Ask, Label, clean_span, read_label
from .local import PACKS
from .plans import drive
from .records import Article, ArticleBrief, Usage
from .settings import Settings
from .store import Store

__all__ = [
    "BATCH_URL", "AnswersOnly", "Collected", "Prepared", "keep_collection", "last_collection",
    "request_model",
    "store_answers",
]  # fmt: skip

BATCH_URL = "/v1/chat/completions"
CHOICES: dict[str, tuple[str, ...]] = {
    "stance": STANCES,
    "status": STATUSES,
    "hedge": HEDGES,
    "object": (),  # object: a span
}


def request_model(briefer: Briefer) -> str:
    """The model name the live requests carry: the embedded file's stem or the remote name."""
    if not briefer.settings.uses_local:
        return briefer.model_name
    pack = PACKS.get(briefer.model_name)
    return Path(pack.filename if pack else briefer.model_name).stem


def custom_id(kind: str, key: str) -> str:
    """A request line's id: the question's kind and its answer's cache key."""
    return f"{kind}-{key}"


@dataclass
class Prepared:
    """What `AnswersOnly.prepare` wrote: request lines, and the articles they serve."""

    lines: int = 0
    pending: list[str] = field(default_factory=list)  # article ids waiting on an answer
    finished: list[str] = field(default_factory=list)  # briefs made from stored answers
    cached: int = 0  # articles whose brief was already stored


class AnswersOnly(Briefer):
    """A Briefer whose answers come from the store alone; it never starts or calls a model."""

    def __init__(self, settings: Settings | None = None, *, store: Store | None = None) -> None:
        super().__init__(settings, store=store)
        self.failures: dict[str, str] = {}  # answer key -> why the batch gave no answer
        self._lines: dict[str, dict[str, Any]] = {}
        self._model = request_model(self)

    def __enter__(self) -> AnswersOnly:
        return self

    def client(self, longest: int = 0) -> Any:
        """Never a model: a batch's answers come from its output file."""
        raise ModelOutputError("this run uses a batch's stored answers only; it calls no model")

    def look_up(self, articles: Iterable[Article]) -> dict[str, ArticleBrief | None]:
        """Each article's stored brief; no model is started for the missing ones."""
        return {a.article_id: self.cached(a) for a in articles}

    def _answers(self, article: Article) -> tuple[Any, list[tuple[Ask, str]]]:
        missing: list[tuple[Ask, str]] = []

        def ask(question: Ask) -> Answer:
            key = self.label_key(question)
            found = self.stored_answer(key)
            if found is not None:
                return found
            missing.append((question, key))
            return Unanswered("no stored answer yet", article_id=article.article_id)

        return drive(self._plan(article), ask), missing

    def make(self, article: Article) -> ArticleBrief:
        """The brief of `article` from stored answers; a ModelOutputError if one is missing."""
        stage, missing = self._answers(article)
        if missing:
            reasons = sorted({self.failures.get(key, "not answered yet") for _, key in missing})
            raise ModelOutputError(
                f"{len(missing)} of its questions have no batch answer: {'; '.join(reasons)}",
                article_id=article.article_id,
            )
        return self._finish(article, stage, self.settings.request_mode().value)

    async def amake(self, article: Article) -> ArticleBrief:
        """`make`: nothing to wait for."""
        return self.make(article)

    def prepare(self, articles: Iterable[Article]) -> Prepared:
        """Record the request line of every question the articles' briefs still need."""
        done = Prepared()
        for article in articles:
            if self.cached(article) is not None:
                done.cached += 1
                continue
            stage, missing = self._answers(article)
            if not missing:
                self._finish(article, stage, self.settings.request_mode().value)
                done.finished.append(article.article_id)
                continue
            done.pending.append(article.article_id)
            for question, key in missing:
                line_id = custom_id(question.kind, key)
                if line_id not in self._lines:
                    body = label_body(
                        self.settings, self._model, question.messages, question.tokens
                    )
                    self._lines[line_id] = {
                        "custom_id": line_id, "method": "POST", "url": BATCH_URL, "body": body,
                    }  # fmt: skip
        done.lines = len(self._lines)
        return done

    def request_lines(self) -> Iterator[str]:
        """The prepared requests, one JSON object a line, in the order first asked."""
        for line in self._lines.values():
            yield json.dumps(line, ensure_ascii=False)


@dataclass
class Collected:
    """What an output file gave: answers stored, failures by answer key, what they cost."""

    answered: int = 0
    failures: dict[str, str] = field(default_factory=dict)
    usage: Usage = field(default_factory=Usage)
    unreadable: int = 0  # lines that are not JSON or name no request of ours
    model: str = ""  # the model the answers name ("gpt-4o-mini-2024-07-18")

    def cost(self, source: str, model: str) -> BatchCost:
        """What these answers cost at batch prices; `model` when the lines name none."""
        model = self.model or model
        price = price_of(model, local=False)
        usd = None if price is None else estimated_cost(self.usage, price, discount=BATCH_DISCOUNT)
        failed = len(self.failures) + self.unreadable
        return BatchCost(source=source, model=model, answered=self.answered, failed=failed,
                         usage=self.usage, estimated_usd=usd)  # fmt: skip


def keep_collection(store: Store, cost: BatchCost) -> None:
    """Remember what a collected batch cost, for the digest mailed from it later."""
    store.write(f"the cost of {cost.source}",
                "INSERT OR REPLACE INTO collections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                cost.source, cost.model, cost.answered, cost.failed, cost.usage.prompt_tokens,
                cost.usage.completion_tokens, cost.usage.requests, cost.estimated_usd,
                time.time())  # fmt: skip


def last_collection(store: Store) -> BatchCost | None:
    """The cost of the batch collected last, or None when none was."""
    columns = ("source", "model", "answered", "failed", "estimated_usd",
               "prompt_tokens", "completion_tokens", "requests")  # fmt: skip
    row = store.row(f"SELECT {', '.join(columns)} FROM collections "  # noqa: S608 - our names
                    "ORDER BY collected_at DESC LIMIT 1")  # fmt: skip
    if row is None:
        return None
    stored: dict[str, Any] = dict(zip(columns, row, strict=True))
    usage = Usage(**{column: stored.pop(column) for column in columns[5:]})
    return BatchCost(usage=usage, **stored)


def store_answers(lines: Iterable[str], store: Store) -> Collected:
    """Store each answer of a Batch API output file; record each failed line's reason.

    Storing is idempotent (an answer's key is its request), so collecting a file twice, or
    again after a crash half-way through, stores the same answers.
    """
    got = Collected()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
            kind, _, key = str(line["custom_id"]).partition("-")
            choices = CHOICES[kind]
        except (ValueError, KeyError, TypeError):
            got.unreadable += 1
            continue
        response, error = line.get("response") or {}, line.get("error")
        body = response.get("body") if isinstance(response, dict) else None
        status = response.get("status_code", 200) if isinstance(response, dict) else None
        if error or not isinstance(body, dict) or status != 200:
            reason = _error_text(error, body, status)
            got.failures[key] = f"line {number}: {reason}"
            continue
        usage = body.get("usage") or {}
        got.model = got.model or str(body.get("model") or "")
        got.usage += Usage(
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            completion_tokens=int(usage.get("completion_tokens") or 0),
            requests=1,
        )
        text, top = _answer_text(body)
        label = read_label(text, choices, top) if choices else Label(clean_span(text))
        if label is None:
            got.failures[key] = f"line {number}: the answer {text[:40]!r} names no {kind} label"
            continue
        store.put_label(key, label.value, label.probability)
        got.failures.pop(key, None)
        got.answered += 1
    return got


def _error_text(error: Any, body: Any, status: Any) -> str:
    if isinstance(error, dict):
        code, message = error.get("code"), error.get("message")
        return f"{code or 'error'}: {message or 'no message'}"
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return f"HTTP {status}: {body['error'].get('message', 'error')}"
    return f"HTTP {status}" if status else "no response"


def _answer_text(body: dict[str, Any]) -> tuple[str, list[tuple[str, float]]]:
    """The first choice's text and its first token's alternatives, as a live answer gives."""
    try:
        choice = body["choices"][0]
        text = str(choice["message"].get("content") or "")
    except (KeyError, IndexError, TypeError, AttributeError):
        return "", []
    content = ((choice.get("logprobs") or {}).get("content")) or []
    top = (
        [(t["token"], float(t["logprob"])) for t in (content[0].get("top_logprobs") or [])]
        if content
        else []
    )
    return text, top


def read_output(path: Path) -> list[str]:
    """The lines of an output file, or a UserError naming the file."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UserError(f"{path}: cannot read the batch output: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: the batch output is not UTF-8 text") from exc
