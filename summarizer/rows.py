"""A digest as plain rows (lists of dicts of str/int/bool/list), ready for a DataFrame or a chart.

No pandas here: `pandas.DataFrame(position_rows(digest))` works, and so does `csv.DictWriter`
or a JSON response. Every row carries the article id and, where there is one, the first
verbatim quote behind it, so a dashboard can always show its receipt.
"""

from __future__ import annotations

from typing import Any

from .corpus import Citation, CorpusDigest

__all__ = [
    "actor_rows",
    "coverage_rows",
    "disagreement_rows",
    "guarantee_rows",
    "position_rows",
]

Row = dict[str, Any]


def _quote(evidence: tuple[Citation, ...]) -> str | None:
    return evidence[0].quote if evidence else None


def _sources(digest: CorpusDigest) -> dict[str, tuple[str | None, str | None]]:
    return {a.article_id: (a.outlet, a.date) for a in digest.articles}


def position_rows(digest: CorpusDigest) -> list[Row]:
    """One row per (merged actor, topic, article): who holds what, where, with a quote."""
    sources = _sources(digest)
    return [
        {
            "actor": position.actor,
            "topic": position.topic,
            "article_id": entry.article_id,
            "outlet": sources.get(entry.article_id, (None, None))[0],
            "date": sources.get(entry.article_id, (None, None))[1],
            "named_as": entry.named_as,
            "polarity": entry.polarity,
            "stance": entry.stance,
            "attribution": entry.attribution,
            "hedged": entry.hedged,
            "quote": _quote(entry.evidence),
        }
        for position in digest.positions
        for entry in position.entries
    ]


def guarantee_rows(digest: CorpusDigest) -> list[Row]:
    """One row per (guarantee kind, article): the status that article reports."""
    return [
        {
            "kind": guarantee.kind,
            "article_id": report.article_id,
            "status": report.status,
            "conflicting": guarantee.conflicting,
            "proposed_by": report.proposed_by,
            "description": report.description,
            "conditions": list(report.conditions),
            "quote": _quote(report.evidence),
        }
        for guarantee in digest.guarantees
        for report in guarantee.reports
    ]


def actor_rows(digest: CorpusDigest) -> list[Row]:
    """One row per merged actor, with its aliases and how many articles mention it."""
    return [
        {
            "name": actor.name,
            "kind": actor.kind,
            "role": actor.role,
            "aliases": list(actor.aliases),
            "articles": list(actor.articles),
            "article_count": len(actor.articles),
        }
        for actor in digest.actors
    ]


def coverage_rows(digest: CorpusDigest) -> list[Row]:
    """Long format for a heatmap: one row per (article, actor or guarantee), covered or not."""
    actors = [a.name for a in digest.actors]
    guarantees = [g.kind for g in digest.guarantees]
    rows: list[Row] = []
    for row in digest.coverage:
        mentioned = {"actor": set(row.actors), "guarantee": set(row.guarantees)}
        for item_type, items in (("actor", actors), ("guarantee", guarantees)):
            rows.extend(
                {
                    "article_id": row.article_id,
                    "item_type": item_type,
                    "item": item,
                    "covered": item in mentioned[item_type],
                }
                for item in items
            )
    return rows


def disagreement_rows(digest: CorpusDigest) -> list[Row]:
    """One row per side of each disagreement."""
    return [
        {
            "disagreement": number,
            "kind": item.kind,
            "topic": item.topic,
            "actor": item.actor,
            "polarity": side.polarity,
            "actors": list(side.actors),
            "articles": list(side.articles),
            "quote": _quote(side.evidence),
        }
        for number, item in enumerate(digest.disagreements)
        for side in item.sides
    ]
