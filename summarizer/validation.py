"""The validation context of the structured call in progress.

Validators need the article (to check quotes) and a dict to write notes into. instructor
would carry that as its `context=` argument, but it then also renders every message
through Jinja on every call: slow, and it would re-read any `{{` left in an article. So
`llm.ModelClient` sends finished messages and publishes the context here, in a
ContextVar: visible to the parse of that call only (each thread and each asyncio task has
its own), and to nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pydantic import ValidationInfo

__all__ = ["context_of", "validating"]

_CURRENT: ContextVar[dict[str, Any] | None] = ContextVar("validation_context", default=None)


@contextmanager
def validating(context: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Make `context` the validation context of the calls made inside the block."""
    token = _CURRENT.set(context)
    try:
        yield context
    finally:
        _CURRENT.reset(token)


def context_of(info: ValidationInfo) -> dict[str, Any]:
    """The context a validator runs under: pydantic's own if given, else the call's, else {}."""
    if isinstance(info.context, dict):
        return info.context
    current = _CURRENT.get()
    return current if current is not None else {}
