"""Spending limits and rate limits: stop new calls at a token or cost budget, pace requests.

A budget cannot know what the next call will cost, so it stops *new* calls once the total
reaches it: the call in flight may overshoot it by one brief. Rate limits are sliding
one-minute windows over requests and (estimated) tokens; a request waits until both
windows have room.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from .errors import BudgetExceeded, UserError
from .records import Usage

__all__ = ["BATCH_DISCOUNT", "PRICES", "Budget", "RateLimiter", "estimated_cost", "price_of"]

# USD per million tokens (input, output), for estimated costs; local models are free.
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
}


# OpenAI's and Azure OpenAI's Batch API charge half the live price for the same tokens.
BATCH_DISCOUNT = 0.5


def estimated_cost(usage: Usage, price: tuple[float, float], *, discount: float = 1.0) -> float:
    """Dollars for `usage` at `price` per million (input, output) tokens, times `discount`."""
    per_in, per_out = price
    return discount * (usage.prompt_tokens * per_in + usage.completion_tokens * per_out) / 1e6


def price_of(model: str, *, local: bool) -> tuple[float, float] | None:
    """Dollars per million (input, output) tokens, or None when unknown."""
    if local:
        return (0.0, 0.0)
    return PRICES.get(model) or next(
        (price for name, price in PRICES.items() if model.startswith(name + "-20")), None
    )


@dataclass
class Budget:
    """Total tokens and estimated cost of a run, against optional limits."""

    max_tokens: int | None = None
    max_cost: float | None = None
    price: tuple[float, float] | None = None
    spent: Usage = field(default_factory=Usage)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        if self.max_cost is not None and self.price is None:
            raise UserError(
                "--max-cost needs the model's price, which is not known for this model; "
                "use --max-tokens instead"
            )

    @property
    def cost(self) -> float:
        """Estimated dollars spent so far (0 when the price is unknown)."""
        return 0.0 if self.price is None else estimated_cost(self.spent, self.price)

    def add(self, usage: Usage) -> None:
        """Count what a call cost."""
        with self._lock:
            self.spent = self.spent + usage

    def check(self, article_id: str) -> None:
        """Raise BudgetExceeded before a new call once a limit is reached."""
        with self._lock:
            if self.max_tokens is not None and self.spent.total_tokens >= self.max_tokens:
                raise BudgetExceeded(
                    f"token budget reached ({self.spent.total_tokens} of {self.max_tokens}); "
                    "not briefed",
                    article_id=article_id,
                )
            if self.max_cost is not None and self.cost >= self.max_cost:
                raise BudgetExceeded(
                    f"cost budget reached (${self.cost:.4f} of ${self.max_cost:.4f}); not briefed",
                    article_id=article_id,
                )


class RateLimiter:
    """Sliding one-minute windows over requests and tokens, for sync and async callers."""

    WINDOW = 60.0

    def __init__(
        self,
        *,
        requests_per_minute: int | None,
        tokens_per_minute: int | None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rpm = requests_per_minute
        self.tpm = tokens_per_minute
        self.clock = clock
        self._events: deque[tuple[float, int]] = deque()
        self._lock = threading.Lock()

    def _wait_needed(self, tokens: int) -> float:
        """Seconds to wait before a request of `tokens` fits; 0 records it as sent."""
        now = self.clock()
        while self._events and self._events[0][0] <= now - self.WINDOW:
            self._events.popleft()
        waits = [0.0]
        if self.rpm is not None and len(self._events) >= self.rpm:
            waits.append(self._events[len(self._events) - self.rpm][0] + self.WINDOW - now)
        if self.tpm is not None:
            used = sum(t for _, t in self._events)
            # A request larger than the whole window still goes, alone in its minute.
            excess = used + min(tokens, self.tpm) - self.tpm
            for stamp, spent in self._events:
                if excess <= 0:
                    break
                excess -= spent
                waits.append(stamp + self.WINDOW - now)
        wait = max(waits)
        if wait <= 0:
            self._events.append((now, tokens))
        return wait

    def acquire(self, tokens: int, sleep: Callable[[float], None] = time.sleep) -> float:
        """Block until a request of `tokens` may go; return the seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                wait = self._wait_needed(tokens)
            if wait <= 0:
                return waited
            sleep(wait)
            waited += wait

    async def aacquire(
        self, tokens: int, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    ) -> float:
        """Async twin of `acquire`."""
        waited = 0.0
        while True:
            with self._lock:
                wait = self._wait_needed(tokens)
            if wait <= 0:
                return waited
            await sleep(wait)
            waited += wait
