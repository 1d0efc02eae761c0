"""The corpus digest: what many briefs say together, every statement traced to its sources.

Field names listed in DESIGN.md (`articles`, `summary`, `actors`, `positions`,
`guarantees`, `agreements`, `disagreements`, `uncertainties`, `usage`, `merge_log`) are a
contract; more fields may be added, none renamed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .records import (
    ActorKind,
    Attribution,
    Evidence,
    GuaranteeStatus,
    Polarity,
    Record,
    UncertaintyKind,
    Usage,
)

__all__ = [
    "DIGEST_VERSION",
    "ArticleRef",
    "BatchCost",
    "Citation",
    "CorpusDigest",
    "CoverageRow",
    "Disagreement",
    "Failure",
    "GuaranteeReport",
    "MergeStep",
    "MergedActor",
    "MergedGuarantee",
    "MergedPosition",
    "MergedUncertainty",
    "PositionEntry",
    "TopicStance",
]

DIGEST_VERSION = "1"


class Citation(Record):
    """A verbatim span of one article: `text[start:end] == quote` in that article."""

    article_id: str
    quote: str
    start: int
    end: int

    @classmethod
    def of(cls, article_id: str, evidence: Evidence) -> Citation:
        """The citation of one brief's evidence (already validated, so not validated again)."""
        return cls.model_construct(
            article_id=article_id, quote=evidence.quote, start=evidence.start, end=evidence.end
        )


class ArticleRef(Record):
    """One source of the digest."""

    article_id: str
    title: str
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    sha256: str
    model: str = Field(description="The model that wrote this article's brief.")


class MergedActor(Record):
    """One real entity, however the articles name it."""

    name: str = Field(description="Canonical name: the fullest name without titles.")
    kind: ActorKind
    role: str = Field(description="The role most articles give it.")
    aliases: tuple[str, ...] = Field(description="Every other name the articles use for it.")
    articles: tuple[str, ...] = Field(description="Ids of the articles that mention it.")


class PositionEntry(Record):
    """What one article reports an actor holding on a topic."""

    article_id: str
    named_as: str = Field(description="How the article's brief names the actor.")
    topic: str = Field(description="The topic as this brief words it.")
    stance: str
    polarity: Polarity
    attribution: Attribution
    hedged: bool
    evidence: tuple[Citation, ...]


class MergedPosition(Record):
    """An actor's positions on one topic across the corpus."""

    actor: str = Field(description="A merged actor's `name`.")
    topic: str = Field(description="Canonical wording of the topic.")
    polarities: tuple[Polarity, ...] = Field(description="The distinct polarities reported.")
    articles: tuple[str, ...]
    entries: tuple[PositionEntry, ...]


class TopicStance(Record):
    """One stance held on a topic: who, where, and the evidence."""

    topic: str
    polarity: Polarity
    actors: tuple[str, ...]
    articles: tuple[str, ...]
    stances: tuple[str, ...]
    evidence: tuple[Citation, ...]


class Disagreement(Record):
    """Sources that collide: opposite polarities on a topic, or conflicting guarantee states."""

    kind: Literal["same_actor", "between_actors", "guarantee_status"] = Field(
        description="same_actor: one actor reported on both sides (a shift or a framing "
        "conflict); between_actors: different actors; guarantee_status: articles report "
        "the same guarantee as both alive and ruled out."
    )
    topic: str
    actor: str | None = Field(default=None, description="The actor, for same_actor.")
    sides: tuple[TopicStance, ...] = Field(min_length=2)


class GuaranteeReport(Record):
    """What one article reports about a guarantee."""

    article_id: str
    named_as: str
    status: GuaranteeStatus
    description: str
    proposed_by: str | None
    conditions: tuple[str, ...]
    evidence: tuple[Citation, ...]


class MergedGuarantee(Record):
    """A security guarantee across the corpus, with the status each article reports."""

    kind: str
    statuses: tuple[GuaranteeStatus, ...]
    conflicting: bool = Field(description="True when some articles keep it alive and others "
                              "rule it out or report it rejected; never averaged.")  # fmt: skip
    proposed_by: tuple[str, ...]
    articles: tuple[str, ...]
    reports: tuple[GuaranteeReport, ...]


class MergedUncertainty(Record):
    """Something left uncertain, with every article that leaves it so."""

    description: str
    kind: UncertaintyKind
    articles: tuple[str, ...]
    evidence: tuple[Citation, ...]


class CoverageRow(Record):
    """What one article covers, and what most other articles cover but it leaves out."""

    article_id: str
    actors: tuple[str, ...]
    guarantees: tuple[str, ...]
    missing_actors: tuple[str, ...]
    missing_guarantees: tuple[str, ...]


class MergeStep(Record):
    """One decision of the merger, for audit: which names were joined, and by which rule."""

    rule: str
    joined: tuple[str, ...]
    into: str
    detail: str


class Failure(Record):
    """An input that has no brief in the digest, and why."""

    source: str = Field(description="The article id, or the file path when it could not load.")
    reason: str
    usage: Usage = Field(default_factory=Usage, description="What the failed attempts cost.")


class BatchCost(Record):
    """What the batch answers behind a digest cost, counted from the batch's output lines."""

    source: str = Field(description="The batch id, or the output file collected.")
    model: str = Field(description="The model the output lines name (else the configured one).")
    answered: int = Field(description="Answers stored from the output.")
    failed: int = Field(description="Lines that gave no answer: errors, expired, unreadable.")
    usage: Usage
    estimated_usd: float | None = Field(
        default=None,
        description="At batch prices (half the live price); None: the model's price is unknown.",
    )


class CorpusDigest(Record):
    """Many briefs merged: who says what, where sources agree and where they collide."""

    digest_version: str = DIGEST_VERSION
    articles: tuple[ArticleRef, ...]
    summary: str
    narrative: str | None = Field(
        default=None, description="Optional model-written summary with [article_id] citations."
    )
    actors: tuple[MergedActor, ...]
    positions: tuple[MergedPosition, ...]
    guarantees: tuple[MergedGuarantee, ...]
    agreements: tuple[TopicStance, ...] = Field(
        description="A stance on a topic held in two or more articles."
    )
    disagreements: tuple[Disagreement, ...]
    uncertainties: tuple[MergedUncertainty, ...]
    coverage: tuple[CoverageRow, ...]
    usage: Usage
    batch: BatchCost | None = Field(
        default=None, description="For a digest built from a collected batch: what it cost."
    )
    merge_log: tuple[MergeStep, ...]
    failures: tuple[Failure, ...] = Field(
        default=(), description="Inputs left out: unreadable files and articles whose brief failed."
    )
