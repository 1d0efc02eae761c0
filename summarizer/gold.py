"""Gold annotations: what a careful reader takes from each article, and how it is read.

Gold lives in a folder: one `<article_id>.json` per article in the brief's own vocabulary
(actors as in a brief; positions, guarantees and uncertainties with one verbatim quote
each) and an optional `corpus.json` listing the disagreements a digest should show.
`evaluate` scores briefs against it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from .errors import InputError
from .grounding import GroundedText
from .records import Actor, Article, GuaranteeStatus, Polarity, Record, UncertaintyKind

__all__ = [
    "GoldBrief",
    "GoldCorpus",
    "GoldDisagreement",
    "GoldGuarantee",
    "GoldPosition",
    "GoldUncertainty",
    "check_gold_quotes",
    "load_gold",
]


class GoldPosition(Record):
    """A position the article reports: who, on what, which way, and one verbatim quote."""

    actor: str
    topic: str
    polarity: Polarity
    quote: str = Field(min_length=1)


class GoldGuarantee(Record):
    """A guarantee the article discusses, with the status it reports."""

    kind: str
    status: GuaranteeStatus
    proposed_by: str | None = None
    quote: str = Field(min_length=1)


class GoldUncertainty(Record):
    """Something the article leaves uncertain."""

    description: str
    kind: UncertaintyKind
    quote: str = Field(min_length=1)


class GoldBrief(Record):
    """What a careful reader takes from one article, in the brief's vocabulary."""

    article_id: str
    actors: tuple[Actor, ...]
    positions: tuple[GoldPosition, ...]
    guarantees: tuple[GoldGuarantee, ...]
    uncertainties: tuple[GoldUncertainty, ...]


class GoldDisagreement(Record):
    """A collision between sources the digest should show."""

    kind: Literal["same_actor", "between_actors", "guarantee_status"]
    topic: str
    actor: str | None = None
    note: str = ""


class GoldCorpus(Record):
    """Corpus-level gold: the disagreements."""

    disagreements: tuple[GoldDisagreement, ...] = ()


def load_gold(folder: Path) -> tuple[dict[str, GoldBrief], GoldCorpus]:
    """Read a gold folder; a bad file is an InputError naming it and the problem."""
    if not folder.is_dir():
        raise InputError(folder, "gold folder not found")
    briefs: dict[str, GoldBrief] = {}
    corpus = GoldCorpus()
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if path.name == "corpus.json":
                corpus = GoldCorpus.model_validate(data)
            else:
                gold = GoldBrief.model_validate(data)
                if gold.article_id != path.stem:
                    raise InputError(path, f"article_id {gold.article_id!r} is not the file name")
                briefs[gold.article_id] = gold
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(path, f"cannot read gold: {exc}") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(map(str, first["loc"]))
            raise InputError(path, f"invalid gold at {where}: {first['msg']}") from None
    if not briefs:
        raise InputError(folder, "no gold <article_id>.json files")
    return briefs, corpus


def check_gold_quotes(gold: Mapping[str, GoldBrief], articles: Sequence[Article]) -> list[str]:
    """Gold quotes that are not verbatim in their article (gold must hold to its own rule)."""
    by_id = {a.article_id: a for a in articles}
    problems = []
    for article_id, brief in gold.items():
        article = by_id.get(article_id)
        if article is None:
            continue
        located = GroundedText(article.text)
        items: list[tuple[str, str]] = [("position", p.quote) for p in brief.positions]
        items += [("guarantee", g.quote) for g in brief.guarantees]
        items += [("uncertainty", u.quote) for u in brief.uncertainties]
        for what, quote in items:
            found = located.locate(quote).evidence
            if found is None or found.match != "exact":
                problems.append(f"{article_id}: {what} quote not verbatim: {quote!r}")
    return problems
