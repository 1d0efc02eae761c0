"""Hand-written briefs for merger tests: readable fixtures, not model output."""

from __future__ import annotations

from typing import Any

from summarizer.records import (
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
             start: int = 0, issue: str | None = None) -> Position:  # fmt: skip
    return Position(
        actor=who, topic=topic, issue=issue, stance=stance or f"{who} on {topic}: {polarity}",
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


# A small corpus for merger tests: one actor under three names, a guarantee whose status
# conflicts, and a third article on someone else.
RUTTE_A = brief(
    "a",
    actors=[
        actor("NATO Secretary General Mark Rutte", role="NATO Secretary General"),
        actor("NATO", "alliance"),
        actor("Kiev", "state"),
        actor("US President Donald Trump", role="President of the United States"),
    ],
    positions=[
        position("NATO Secretary General Mark Rutte", "Ukraine's NATO membership", "supports",
                 "the path to membership is irreversible"),
        position("US President Donald Trump", "Ukraine NATO membership", "opposes",
                 "he was never going to be a member of NATO", start=100),
    ],
    guarantees=[guarantee("NATO membership", "endorsed", "irreversible", by="Mark Rutte")],
    uncertainties=[uncertainty("Whether a deal is reached this year.", "a deal could be reached")],
)  # fmt: skip
RUTTE_B = brief(
    "b",
    actors=[
        actor("Rutte", role="Secretary General"),
        actor("the NATO chief"),
        actor("Kyiv", "state"),
        actor("Trump"),
        actor("Donald Tusk", role="Prime Minister of Poland"),
        actor("Vladimir Putin", role="President of Russia"),
    ],
    positions=[
        position("Rutte", "NATO membership for Ukraine", "opposes",
                 "membership is off the table"),
        position("Trump", "Ukraine NATO membership", "opposes", "not part of a peace deal",
                 start=50),
        position("Donald Tusk", "troops after a ceasefire", "supports", "Poland backs troops",
                 start=200),
    ],
    guarantees=[
        guarantee("membership of the alliance", "ruled_out", "off the table"),
        guarantee("troops after ceasefire", "conditional", "after a ceasefire", by="Donald Tusk",
                  start=300),
    ],
    uncertainties=[uncertainty("whether a deal is reached this year", "too early to say")],
)  # fmt: skip
ZELENSKY_C = brief(
    "c",
    actors=[
        actor("Vladimir Zelensky", role="President of Ukraine"),
        actor("Putin"),
        actor("Donald Trump"),
        actor("Moscow", "state"),
        actor("Russia", "state"),
    ],
    positions=[
        position("Vladimir Zelensky", "Ukraine NATO membership", "supports",
                 "NATO-like security guarantees"),
        position("Putin", "Ukraine's accession to NATO", "opposes", "neutrality is a condition",
                 start=40),
    ],
    guarantees=[guarantee("Troops after a ceasefire", "proposed", "sending troops",
                          by="coalition of the willing")],
)  # fmt: skip
CORPUS = [RUTTE_A, RUTTE_B, ZELENSKY_C]
