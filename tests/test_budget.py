"""Token and cost budgets, rate limits, and concurrent briefing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.budget import Budget, RateLimiter, price_of
from summarizer.cli import EXIT_OK, EXIT_PARTIAL, main
from summarizer.errors import BudgetExceeded, UserError
from summarizer.records import Usage

from .conftest import SEED_FILES, SEEDS
from .stub_server import Reply, StubServer, answer_from_article, articles_asked


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_requests_per_minute_wait_for_the_oldest_to_leave_the_window() -> None:
    clock = FakeClock()
    limiter = RateLimiter(requests_per_minute=2, tokens_per_minute=None, clock=clock)
    assert [limiter.acquire(10, clock.sleep) for _ in range(2)] == [0.0, 0.0]
    clock.now += 15
    assert limiter.acquire(10, clock.sleep) == pytest.approx(45.0)
    assert clock.slept == [pytest.approx(45.0)]


def test_tokens_per_minute_pace_large_requests() -> None:
    clock = FakeClock()
    limiter = RateLimiter(requests_per_minute=None, tokens_per_minute=1000, clock=clock)
    limiter.acquire(600, clock.sleep)
    clock.now += 10
    assert limiter.acquire(600, clock.sleep) == pytest.approx(50.0)
    # One request bigger than the whole minute still goes, alone in its window.
    clock.now += 120
    assert limiter.acquire(5000, clock.sleep) == 0.0


def test_async_limiter_waits_without_blocking_the_loop() -> None:
    import asyncio

    clock = FakeClock()
    limiter = RateLimiter(requests_per_minute=1, tokens_per_minute=None, clock=clock)

    async def sleep(seconds: float) -> None:
        clock.sleep(seconds)

    async def two() -> float:
        await limiter.aacquire(1, sleep)
        return await limiter.aacquire(1, sleep)

    assert asyncio.run(two()) == pytest.approx(60.0)


def test_budget_stops_new_calls_once_reached() -> None:
    budget = Budget(max_tokens=300)
    budget.check("a")
    budget.add(Usage(prompt_tokens=200, completion_tokens=100, requests=1))
    with pytest.raises(BudgetExceeded, match="token budget reached"):
        budget.check("b")


def test_cost_budget_needs_a_known_price() -> None:
    with pytest.raises(UserError, match="--max-tokens instead"):
        Budget(max_cost=1.0, price=price_of("mystery-model", local=False))
    assert price_of("gpt-4o-mini-2024-07-18", local=False) == (0.15, 0.60)
    assert price_of("anything", local=True) == (0.0, 0.0)
    budget = Budget(max_cost=0.0002, price=price_of("gpt-4o-mini", local=False))
    budget.add(Usage(prompt_tokens=1000, completion_tokens=100))
    assert budget.cost == pytest.approx(0.000210)
    with pytest.raises(BudgetExceeded, match="cost budget"):
        budget.check("a")


def _run(capsys: pytest.CaptureFixture[str], stub: StubServer, *extra: str) -> tuple[int, Any]:
    code = main([str(SEEDS), "--base-url", stub.base_url, "--format", "json", "--no-llm-merge",
                 *extra])  # fmt: skip
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("flags", "briefed"),
    [(["--model", "stub", "--max-tokens", "250"], 1),
     (["--model", "gpt-4o-mini", "--max-cost", "0.00005"], 1)],
)  # fmt: skip
def test_budget_flags_stop_the_run_and_report_the_rest(
    stub: StubServer, capsys: pytest.CaptureFixture[str], flags: list[str], briefed: int
) -> None:
    stub.default = answer_from_article  # type: ignore[assignment]
    code, digest = _run(capsys, stub, *flags)
    assert code == EXIT_PARTIAL
    # The budget is checked before each article: one that starts is finished, so the
    # first article's ~20 label questions pass the limit and no other article is asked.
    assert len(articles_asked(stub.requests)) == briefed and len(digest["articles"]) == briefed
    reasons = [f["reason"] for f in digest["failures"]]
    assert len(reasons) == len(SEED_FILES) - briefed
    assert all("budget reached" in r for r in reasons)


def test_concurrency_briefs_several_articles_at_once(
    stub: StubServer, capsys: pytest.CaptureFixture[str]
) -> None:
    def slow(payload: dict[str, Any]) -> Reply:
        reply = answer_from_article(payload)
        reply.delay = 0.3
        return reply

    stub.default = slow  # type: ignore[assignment]
    code, digest = _run(capsys, stub, "--model", "stub", "--concurrency", "5")
    assert code == EXIT_OK
    assert stub.max_in_flight >= 3
    assert [a["article_id"] for a in digest["articles"]] == [p.stem for p in SEED_FILES]


def test_concurrency_gives_the_same_digest_as_one_at_a_time(
    stub: StubServer, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    stub.default = answer_from_article  # type: ignore[assignment]
    _, one = _run(capsys, stub, "--model", "stub", "--no-cache")
    monkeypatch.setenv("SUMMARIZER_HOME", str(tmp_path / "other"))
    _, many = _run(capsys, stub, "--model", "stub", "--concurrency", "4", "--no-cache")
    assert one == many
