"""What changed between two digests: the top of the nightly email.

Compared by identity, not by wording: articles by the SHA-256 of their text, positions by
(merged actor, topic), guarantees by kind, disagreements by (kind, topic, actor). A
position "changed" when the set of polarities reported for it differs; a guarantee when
the set of statuses differs.
"""

from __future__ import annotations

from pydantic import Field

from .corpus import ArticleRef, CorpusDigest, Disagreement
from .records import GuaranteeStatus, Polarity, Record

__all__ = ["Changes", "GuaranteeChange", "PositionChange", "what_changed"]


class PositionChange(Record):
    """A position that is new, or whose reported polarities differ from last time."""

    actor: str
    topic: str
    before: tuple[Polarity, ...] = Field(description="Empty when the position is new.")
    after: tuple[Polarity, ...]
    articles: tuple[str, ...] = Field(description="Articles reporting it now.")


class GuaranteeChange(Record):
    """A guarantee that is new, or whose reported statuses differ from last time."""

    kind: str
    before: tuple[GuaranteeStatus, ...] = Field(description="Empty when the guarantee is new.")
    after: tuple[GuaranteeStatus, ...]
    conflicting: bool


class Changes(Record):
    """The difference between the previous digest and the current one."""

    since: str | None = Field(
        default=None, description="Date of the digest compared against; None: nothing earlier."
    )
    new_articles: tuple[ArticleRef, ...] = ()
    gone_articles: tuple[ArticleRef, ...] = Field(
        default=(), description="Articles in the previous digest and not in this one."
    )
    new_positions: tuple[PositionChange, ...] = ()
    changed_positions: tuple[PositionChange, ...] = ()
    guarantee_changes: tuple[GuaranteeChange, ...] = ()
    new_disagreements: tuple[Disagreement, ...] = ()

    @property
    def first(self) -> bool:
        """True when there was no earlier digest to compare with."""
        return self.since is None

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (
            self.new_articles
            or self.gone_articles
            or self.new_positions
            or self.changed_positions
            or self.guarantee_changes
            or self.new_disagreements
        )


def _disagreement_key(item: Disagreement) -> tuple[str, str, str]:
    return item.kind, item.topic, item.actor or ""


def what_changed(
    previous: CorpusDigest | None, current: CorpusDigest, *, since: str | None = None
) -> Changes:
    """What `current` adds to or changes in `previous` (everything is new when it is None)."""
    if previous is None:
        return Changes(
            since=None,
            new_articles=current.articles,
            new_positions=tuple(
                PositionChange(
                    actor=p.actor, topic=p.topic, before=(), after=p.polarities, articles=p.articles
                )
                for p in current.positions
            ),
            guarantee_changes=tuple(
                GuaranteeChange(kind=g.kind, before=(), after=g.statuses, conflicting=g.conflicting)
                for g in current.guarantees
            ),
            new_disagreements=current.disagreements,
        )
    old_articles = {a.sha256 for a in previous.articles}
    now_articles = {a.sha256 for a in current.articles}
    old_positions = {(p.actor, p.topic): p for p in previous.positions}
    new_positions: list[PositionChange] = []
    changed_positions: list[PositionChange] = []
    for position in current.positions:
        before = old_positions.get((position.actor, position.topic))
        if before is not None and set(before.polarities) == set(position.polarities):
            continue
        change = PositionChange(
            actor=position.actor,
            topic=position.topic,
            before=before.polarities if before else (),
            after=position.polarities,
            articles=position.articles,
        )
        (changed_positions if before else new_positions).append(change)
    old_guarantees = {g.kind: g for g in previous.guarantees}
    guarantee_changes = []
    for guarantee in current.guarantees:
        old = old_guarantees.get(guarantee.kind)
        if old is not None and set(old.statuses) == set(guarantee.statuses):
            continue
        guarantee_changes.append(
            GuaranteeChange(
                kind=guarantee.kind,
                before=old.statuses if old else (),
                after=guarantee.statuses,
                conflicting=guarantee.conflicting,
            )
        )
    old_disagreements = {_disagreement_key(d) for d in previous.disagreements}
    return Changes(
        since=since or "the previous digest",
        new_articles=tuple(a for a in current.articles if a.sha256 not in old_articles),
        gone_articles=tuple(a for a in previous.articles if a.sha256 not in now_articles),
        new_positions=tuple(new_positions),
        changed_positions=tuple(changed_positions),
        guarantee_changes=tuple(guarantee_changes),
        new_disagreements=tuple(
            d for d in current.disagreements if _disagreement_key(d) not in old_disagreements
        ),
    )
