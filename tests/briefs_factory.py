"""Hand-written briefs for merger tests: readable fixtures, not model output."""

from __future__ import annotations

from typing import Any

from summarizer.schemas import (
    SCHEMA_VERSION,
    Actor,
    ArticleBrief,
    Evidence,
    Guarantee,
    Position,
    Provenance,
    Uncertainty,
    Usage,
)


def ev(quote: str, start: int = 0) -> Evidence:
    return Evidence(quote=quote, start=start, end=start + len(quote), match="exact", score=100.0)


def actor(name: str, kind: str = "person", role: str = "", aliases: tuple[str, ...] = ()) -> Actor:
    return Actor(name=name, kind=kind, role=role, aliases=aliases)  # type: ignore[arg-type]


def position(who: str, topic: str, polarity: str, quote: str, *, stance: str | None = None,
             start: int = 0) -> Position:  # fmt: skip
    return Position(
        actor=who, topic=topic, stance=stance or f"{who} on {topic}: {polarity}",
        polarity=polarity, attribution="direct_quote", hedged=False,  # type: ignore[arg-type]
        evidence=(ev(quote, start),),
    )  # fmt: skip


def guarantee(kind: str, status: str, quote: str, *, by: str | None = None,
              start: int = 0) -> Guarantee:  # fmt: skip
    return Guarantee(
        kind=kind, description=f"{kind} ({status})", status=status,  # type: ignore[arg-type]
        proposed_by=by, conditions=(), evidence=(ev(quote, start),),
    )  # fmt: skip


def uncertainty(description: str, quote: str, start: int = 0) -> Uncertainty:
    return Uncertainty(description=description, kind="open_question", evidence=(ev(quote, start),))


def brief(article_id: str, *, actors: list[Actor], positions: list[Position] = (),  # type: ignore[assignment]
          guarantees: list[Guarantee] = (), uncertainties: list[Uncertainty] = (),  # type: ignore[assignment]
          tokens: int = 100, **extra: Any) -> ArticleBrief:  # fmt: skip
    extra.setdefault("title", f"Title of {article_id}")
    return ArticleBrief(
        article_id=article_id, article_sha256=article_id * 4,
        summary=f"Summary of {article_id}.", actors=tuple(actors), positions=tuple(positions),
        guarantees=tuple(guarantees), uncertainties=tuple(uncertainties),
        provenance=Provenance(
            model="fixture", endpoint="local", mode="tools", prompt_version="p",
            schema_version=SCHEMA_VERSION, attempts=1, seconds=1.0,
            usage=Usage(prompt_tokens=tokens, completion_tokens=tokens // 2, requests=1),
        ),
        **extra,
    )  # fmt: skip
