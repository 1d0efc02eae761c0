"""Driving a brief's plan: each question it yields goes to an asker, sync or async.

The plan (`assemble.plan`) is a generator of questions; an asker returns each answer (a
`Completion`, or the `ModelError` the call raised, or `errors.Unanswered` when a batch
has not answered it yet), so the live, async and batch paths run the very same steps.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator

from .assemble import Answer, Stage
from .label import Ask

__all__ = ["adrive", "drive"]


def drive(steps: Generator[Ask, Answer, Stage], ask: Callable[[Ask], Answer]) -> Stage:
    """Run a plan with a blocking `ask` (which returns an answer or a ModelError)."""
    try:
        question = next(steps)
        while True:
            question = steps.send(ask(question))
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]


async def adrive(
    steps: Generator[Ask, Answer, Stage], ask: Callable[[Ask], Awaitable[Answer]]
) -> Stage:
    """Run a plan with an async `ask`."""
    try:
        question = next(steps)
        while True:
            question = steps.send(await ask(question))
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]
