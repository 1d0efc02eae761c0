"""The validation context of the structured call in progress.

Validators read what a call checks its answer against (the article, the ids it may cite,
the labels it was given) and write what they dropped. instructor would carry that as its
`context=` argument, but it then also renders every message through Jinja on every call:
slow, and it would re-read any `{{` left in an article. So `llm.ModelClient` sends
finished messages and publishes one `CallContext` here, in a ContextVar: visible to the
parse of that call only (each thread and each asyncio task has its own), and to nothing
else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationInfo

__all__ = ["CallContext", "context_of", "validating"]


@dataclass
class CallContext:
    """What one structured call's validators read and write.

    `lenient` is set by the call itself on its last allowed attempt: validators then drop
    bad items into `notes` instead of asking again. `prepared` holds what a validator
    builds once per call from `article` (a quote index), so re-asks do not rebuild it.
    """

    article: str = ""
    allowed_ids: tuple[str, ...] = ()
    given_topics: tuple[str, ...] = ()
    lenient: bool = False
    notes: list[dict[str, str]] = field(default_factory=list)
    prepared: Any = None


_CURRENT: ContextVar[CallContext | None] = ContextVar("validation_context", default=None)


@contextmanager
def validating(context: CallContext) -> Iterator[CallContext]:
    """Make `context` the validation context of the calls made inside the block."""
    token = _CURRENT.set(context)
    try:
        yield context
    finally:
        _CURRENT.reset(token)


def context_of(info: ValidationInfo) -> CallContext:
    """The context a validator runs under: pydantic's own if given, else the call's.

    With neither (a plain `model_validate`), an empty strict context.
    """
    if isinstance(info.context, CallContext):
        return info.context
    current = _CURRENT.get()
    return current if current is not None else CallContext()
