"""What one model call is and what it costs: the answer, its counters, its usage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from instructor.core.hooks import Hooks

from .records import Usage
from .validation import CallContext

__all__ = ["Completion", "Tally", "clip", "output_text"]

V = TypeVar("V")


@dataclass
class Completion(Generic[V]):
    """A validated response and what it cost."""

    value: V
    usage: Usage
    attempts: int
    seconds: float


@dataclass
class Tally:
    """Per-call counters fed by instructor's hooks and the transport wrapper."""

    context: CallContext
    max_attempts: int
    attempts: int = 0
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    last_output: str | None = None
    errors: list[str] = field(default_factory=list)

    def on_kwargs(self, *args: Any, **kwargs: Any) -> None:
        self.attempts += 1
        # The last allowed attempt validates leniently: bad items are dropped, not re-asked.
        self.context.lenient = self.attempts >= self.max_attempts

    def on_response(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
            self.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)
        self.last_output = output_text(response)

    def on_parse_error(self, error: Exception, **_: Any) -> None:
        self.errors.append(str(error).splitlines()[0][:300])

    def hooks(self) -> Hooks:
        hooks = Hooks()
        hooks.on("completion:kwargs", self.on_kwargs)
        hooks.on("completion:response", self.on_response)
        hooks.on("parse:error", self.on_parse_error)
        return hooks

    def usage(self) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            requests=self.requests,
        )


def output_text(response: Any) -> str | None:
    """The text of a response's first choice: its tool call's arguments, or its content."""
    try:
        message = response.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    calls = getattr(message, "tool_calls", None)
    if calls:
        return str(calls[0].function.arguments)
    content = getattr(message, "content", None)
    return None if content is None else str(content)


def clip(text: str, limit: int = 300) -> str:
    """`text` on one line, at most `limit` characters (an ellipsis marks a cut)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
