"""The typed records summarizer reads and writes: articles, evidence and briefs.

Field names listed in DESIGN.md are a contract for dashboards and outside checks; more
fields may be added, none renamed. Every list is bounded so neither a model nor a bad
input can grow one without limit.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "Article",
    "ArticleBrief",
    "Attribution",
    "DroppedItem",
    "Evidence",
    "Guarantee",
    "GuaranteeStatus",
    "Polarity",
    "Position",
    "Provenance",
    "Record",
    "Uncertainty",
    "UncertaintyKind",
    "Usage",
]

# Bump when a change to these models, to the draft models or to grounding makes stored
# briefs stale. 2: guarantee statuses a sentence states outright replace the model's label.
SCHEMA_VERSION = "2"

ActorKind = Literal["person", "state", "organization", "alliance", "media", "other"]
Polarity = Literal["supports", "opposes", "conditional", "neutral"]
Attribution = Literal["direct_quote", "paraphrase", "outlet_framing"]
GuaranteeStatus = Literal[
    "proposed", "under_discussion", "conditional", "ruled_out", "endorsed", "rejected"
]
UncertaintyKind = Literal[
    "hedged_claim", "unverified_report", "disputed", "open_question", "prediction"
]

MAX_EVIDENCE = 4


class Record(BaseModel):
    """The base of every record the package reads or writes: frozen, no unknown fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Article(Record):
    """One input document, decoded and normalized; offsets in briefs index into `text`."""

    article_id: str = Field(description="Stable id: the file stem.")
    path: str = Field(description="Where the article was read from.")
    title: str = Field(description="First non-empty line, Markdown heading or HTML <title>.")
    text: str = Field(description="Normalized text (NFC, LF newlines, no BOM).")
    sha256: str = Field(description="SHA-256 of `text` encoded as UTF-8.")
    outlet: str | None = Field(default=None, description="Outlet, when the text names it.")
    date: str | None = Field(default=None, description="Date as the text states it, if it does.")
    url: str | None = Field(
        default=None, description="Web address: the HTML's canonical URL or a `URL:` line."
    )
    format: Literal["txt", "md", "html"] = Field(description="The source format.")
    duplicate_paths: tuple[str, ...] = Field(
        default=(), description="Other files with exactly the same text, briefed once."
    )
    truncated_from: int | None = Field(
        default=None, description="Original length in characters when `text` was truncated."
    )


class Evidence(Record):
    """A verbatim span of the article; `text[start:end] == quote` always holds."""

    quote: str = Field(description="Exact text of the article between start and end.")
    start: int = Field(ge=0, description="Start offset (characters) into the article text.")
    end: int = Field(ge=0, description="End offset (exclusive) into the article text.")
    match: Literal["exact", "aligned"] = Field(
        description="exact: found after normalizing spaces, quote marks and dashes; aligned: "
        "the model's quote was paraphrased and replaced by the closest article span."
    )
    score: float = Field(ge=0, le=100, description="Similarity of the model's quote to the span.")

    @model_validator(mode="after")
    def _span_matches_quote(self) -> Evidence:
        if self.end - self.start != len(self.quote) or not self.quote:
            raise ValueError("evidence span length does not match its quote")
        return self


class Actor(Record):
    """A person, state or organization that the article reports on."""

    name: str = Field(description="Fullest name the article uses.")
    kind: ActorKind = Field(description="What sort of actor this is.")
    role: str = Field(default="", description="Role or title as the article gives it.")
    aliases: tuple[str, ...] = Field(
        default=(), max_length=10, description="Other names the article uses for this actor."
    )


class Position(Record):
    """A stance an actor takes on a topic, with the evidence for it."""

    actor: str = Field(description="The `name` of an actor of the same brief.")
    topic: str = Field(description="Short noun phrase for what the stance is about.")
    issue: str | None = Field(
        default=None,
        description="The tracked issue the stance is filed under, when the profile tracks "
        "one; `topic` then words it as the article does.",
    )
    stance: str = Field(description="What the actor holds, in one sentence.")
    polarity: Polarity = Field(description="Whether the actor supports or opposes the topic.")
    attribution: Attribution = Field(description="How the article conveys the stance.")
    hedged: bool = Field(description="True when the stance is qualified or tentative.")
    evidence: tuple[Evidence, ...] = Field(min_length=1, max_length=MAX_EVIDENCE)


class Guarantee(Record):
    """A security guarantee discussed in the article and its state."""

    kind: str = Field(description="Short name, e.g. 'membership of an alliance', 'an exemption'.")
    description: str = Field(description="What the guarantee would be, in one sentence.")
    status: GuaranteeStatus = Field(description="Its state as this article reports it.")
    proposed_by: str | None = Field(default=None, description="Who proposes or backs it.")
    conditions: tuple[str, ...] = Field(
        default=(), max_length=5, description="Conditions attached to it."
    )
    evidence: tuple[Evidence, ...] = Field(min_length=1, max_length=MAX_EVIDENCE)


class Uncertainty(Record):
    """Something the article leaves open, hedges, disputes or only predicts."""

    description: str = Field(description="What is uncertain, in one sentence.")
    kind: UncertaintyKind = Field(description="Why it is uncertain.")
    evidence: tuple[Evidence, ...] = Field(default=(), max_length=MAX_EVIDENCE)


class DroppedItem(Record):
    """An item or quote removed by grounding, and why."""

    section: Literal["actors", "positions", "guarantees", "uncertainties"]
    label: str = Field(description="Which item: actor, topic, guarantee kind or description.")
    quote: str | None = Field(default=None, description="The model's quote, when one was dropped.")
    reason: str = Field(description="Why it was dropped.")
    whole_item: bool = Field(description="True when the whole item was dropped, not one quote.")


class Usage(Record):
    """Tokens and requests, summed over every attempt including failed ones."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0

    @property
    def total_tokens(self) -> int:
        """Prompt plus completion tokens."""
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            requests=self.requests + other.requests,
        )


class Provenance(Record):
    """How a brief was made: by which model, prompt and schema, at what cost."""

    model: str
    endpoint: str = Field(description="Endpoint host, or 'local' for the embedded server.")
    mode: str = Field(description="Structured-output strategy used (tools, json_schema, ...).")
    prompt_version: str = Field(description="Hash of the prompt template's content.")
    schema_version: str
    usage: Usage
    attempts: int = Field(ge=1, description="Model calls made, re-asks included.")
    seconds: float = Field(ge=0, description="Wall time of the model calls.")
    quotes_exact: int = 0
    quotes_aligned: int = 0
    quotes_dropped: int = 0
    dropped: tuple[DroppedItem, ...] = ()
    warnings: tuple[str, ...] = Field(
        default=(), description="What the reader should know, e.g. that the text was truncated."
    )


class ArticleBrief(Record):
    """The grounded, typed summary of one article."""

    article_id: str
    title: str
    sources: tuple[str, ...] = Field(
        default=(), description="Files this text was read from; several when duplicated."
    )
    outlet: str | None = None
    date: str | None = None
    url: str | None = Field(default=None, description="The article's web address, if known.")
    article_sha256: str
    summary: str = Field(description="Two or three sentences on what the article reports.")
    actors: tuple[Actor, ...] = Field(max_length=12)
    positions: tuple[Position, ...] = Field(max_length=24)
    guarantees: tuple[Guarantee, ...] = Field(max_length=8)
    uncertainties: tuple[Uncertainty, ...] = Field(max_length=8)
    provenance: Provenance

    def evidence(self) -> list[Evidence]:
        """Every evidence span of the brief, in section order."""
        spans: list[Evidence] = []
        for items in (self.positions, self.guarantees, self.uncertainties):
            for item in items:
                spans.extend(item.evidence)
        return spans
