"""One label question as steps: the request bodies, reading each answer, re-asking.

No I/O here: `ModelClient.label` and `alabel` send the bodies these steps yield (sync or
async) and hand back each response, so both share every other step.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from typing import Any

from .calls import Completion, Tally, clip
from .errors import ModelOutputError
from .label import Ask, Label, clean_span, read_label, reask_message
from .settings import Settings

__all__ = ["LABEL_TOKENS", "TOP_LOGPROBS", "advance", "label_body", "label_steps"]

# A label is one word: "under_discussion" is three tokens on Qwen's tokenizer, and a model
# that goes on to explain itself is cut here; only its first word is read.
LABEL_TOKENS = 6
TOP_LOGPROBS = 10


def label_body(
    settings: Settings, model: str, messages: list[dict[str, Any]], tokens: int = 0
) -> dict[str, Any]:
    """The request body of one label question: a few tokens, plain text, probabilities if asked.

    `tokens`: the answer's budget when it is more than a label's (a span question's).
    """
    body: dict[str, Any] = {
        "model": model,
        "messages": messages,
        "max_tokens": tokens or LABEL_TOKENS,
        "temperature": settings.temperature,
    }
    if settings.seed is not None:
        body["seed"] = settings.seed
    if settings.wants_probabilities:
        body["logprobs"], body["top_logprobs"] = True, TOP_LOGPROBS
    return body


def label_step(
    ask: Ask, messages: list[dict[str, Any]], response: Any, tally: Tally
) -> Label | list[dict[str, Any]]:
    """The label an answer names, or the messages that re-ask for one."""
    tally.on_response(response)
    choice = response.choices[0]
    text = choice.message.content or ""
    top: list[tuple[str, float]] = []
    tokens = getattr(getattr(choice, "logprobs", None), "content", None) or []
    if tokens:
        top = [(t.token, t.logprob) for t in tokens[0].top_logprobs or []]
    if not ask.choices:  # a span: kept as given, found in its sentence where it is used,
        return Label(clean_span(text))  # as an answer from a batch file is (never re-asked)
    found = read_label(text, ask.choices, top)
    if found is not None:
        return found
    tally.errors.append(f"{clip(text, 60)!r} names none of {', '.join(ask.choices)}")
    return [*messages, {"role": "assistant", "content": text}, reask_message(ask.choices)]


def no_label(ask: Ask, tally: Tally, article_id: str | None) -> ModelOutputError:
    """The failure of a question whose every answer named no label, with its cost."""
    return ModelOutputError(
        f"no label for {ask.about} after {tally.attempts} attempt(s): {tally.errors[-1]}",
        raw_output=tally.last_output,
        article_id=article_id,
        attempts=tally.attempts,
        requests=tally.requests,
        prompt_tokens=tally.prompt_tokens,
        completion_tokens=tally.completion_tokens,
    )


def label_steps(
    settings: Settings, model: str, ask: Ask, tally: Tally, article_id: str | None
) -> Generator[dict[str, Any], Any, Label]:
    """The request bodies of one label question; receives each response, returns the label.

    An answer that names no label is re-asked, at most `max_reasks` times; then it fails.
    `label` and `alabel` only send the bodies, so the two share every other step.
    """
    messages: list[dict[str, Any]] = list(ask.messages)
    for _ in range(tally.max_attempts):
        tally.attempts += 1
        response = yield label_body(settings, model, messages, ask.tokens)
        step = label_step(ask, messages, response, tally)
        if isinstance(step, Label):
            return step
        messages = step
    raise no_label(ask, tally, article_id)


def advance(
    steps: Generator[dict[str, Any], Any, Label], response: Any, tally: Tally, started: float
) -> dict[str, Any] | Completion[Label]:
    """Hand a label question's steps one response: the next body to send, or the answer."""
    try:
        return steps.send(response)
    except StopIteration as done:
        return Completion(done.value, tally.usage(), tally.attempts, time.perf_counter() - started)
