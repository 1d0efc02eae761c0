"""A brief-shaped response model with cross-field validation, for testing the model layer.

The brief stage no longer asks for whole briefs; these models stay as test fixtures
because they exercise what the client must handle for any response model: a validation
error re-asked by instructor, and a lenient last attempt that drops items and notes why.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, ValidationInfo, model_validator

from summarizer.drafts import Draft
from summarizer.grounding import GroundedText
from summarizer.records import ActorKind, Attribution, GuaranteeStatus, Polarity, UncertaintyKind
from summarizer.validation import CallContext, context_of

Quote = Annotated[str, StringConstraints(min_length=1, max_length=250)]
Short = Annotated[str, StringConstraints(max_length=80)]
QUOTES = Field(min_length=1, max_length=2, description="Sentences copied from the article.")


class ActorDraft(Draft):
    """A person, state or organization the article reports on."""

    name: str = Field(
        max_length=80, description="Full name as the article writes it, e.g. 'Mark Rutte'."
    )
    kind: ActorKind = Field(description="What sort of actor this is.")
    role: str = Field(max_length=60, description="Role or title in the article, or ''.")
    aliases: list[Short] = Field(
        max_length=4, description="Other names the article uses for this actor, e.g. a surname."
    )


class PositionDraft(Draft):
    """A stance one actor takes on one topic."""

    actor: str = Field(max_length=80, description="The name of one actor from `actors`.")
    topic: str = Field(
        max_length=60, description="What the stance is about, e.g. 'Ukraine NATO membership'."
    )
    stance: str = Field(
        min_length=20, max_length=160, description="What the actor holds, in one sentence."
    )
    polarity: Polarity = Field(description="Does the actor support or oppose the topic?")
    attribution: Attribution = Field(
        description="direct_quote if the article quotes the actor, paraphrase if it reports "
        "the actor's words, outlet_framing if it is the outlet's own reading."
    )
    hedged: bool = Field(description="True if the stance is qualified or tentative.")
    quotes: list[Quote] = QUOTES


class GuaranteeDraft(Draft):
    """A security guarantee for a country that the article discusses."""

    kind: str = Field(
        max_length=60, description="Short name, e.g. 'NATO membership', 'troops after ceasefire'."
    )
    description: str = Field(max_length=200, description="What it would be, in one sentence.")
    status: GuaranteeStatus = Field(description="Its state as the article reports it.")
    proposed_by: str = Field(max_length=80, description="Who proposes or backs it, or ''.")
    conditions: list[Annotated[str, StringConstraints(max_length=120)]] = Field(
        max_length=3, description="Conditions attached to it, e.g. 'after a ceasefire'."
    )
    quotes: list[Quote] = QUOTES


class UncertaintyDraft(Draft):
    """Something the article hedges, leaves open, disputes or only predicts."""

    description: str = Field(max_length=200, description="What is uncertain, in one sentence.")
    kind: UncertaintyKind = Field(description="Why it is uncertain.")
    quotes: list[Quote] = QUOTES


class BriefDraft(Draft):
    """A structured brief of one news article."""

    # The lower bounds are for small models, which close arrays early under a grammar;
    # an item they are pushed to invent without a real quote is dropped by grounding.
    actors: list[ActorDraft] = Field(
        min_length=2, max_length=5, description="The main actors, most central first."
    )
    positions: list[PositionDraft] = Field(
        min_length=2, max_length=5, description="The actors' stances, each backed by quotes."
    )
    # One at least, not two: asked for two, the 1.5B model copies guarantee kinds from the
    # prompt into articles that never discuss them.
    guarantees: list[GuaranteeDraft] = Field(
        min_length=1, max_length=3, description="Security guarantees the article discusses."
    )
    uncertainties: list[UncertaintyDraft] = Field(
        min_length=1, max_length=2, description="What the article leaves uncertain."
    )

    summary: str = Field(
        min_length=60,
        max_length=400,
        description="Two or three sentences on what the article reports.",
    )

    @model_validator(mode="after")
    def _check_against_article(self, info: ValidationInfo) -> BriefDraft:
        context = context_of(info)
        lenient = context.lenient
        notes = context.notes
        problems: list[str] = []

        kept: list[PositionDraft] = []
        for index, position in enumerate(self.positions):
            name = listed_actor(position.actor, self.actors)
            if name is not None:
                position.actor = name
                kept.append(position)
                continue
            listed = ", ".join(repr(a.name) for a in self.actors) or "none"
            problem = (
                f"positions[{index}].actor {position.actor!r} is not one of the actors "
                f"({listed}); add it to actors or use a listed name"
            )
            if lenient:
                notes.append({"section": "positions", "label": position.topic, "reason": problem})
            else:
                problems.append(problem)
        self.positions = kept

        article = context.article
        quotes = [
            *(q for p in self.positions for q in p.quotes),
            *(q for g in self.guarantees for q in g.quotes),
            *(q for u in self.uncertainties for q in u.quotes),
        ]
        if article and quotes and not lenient:
            text = grounded_text(context)
            if not any(text.locate(q).evidence for q in quotes):
                problems.append(
                    "none of the quotes appears in the article: copy sentences word for word "
                    "from the article text instead of paraphrasing"
                )
        if problems:
            raise ValueError("; ".join(problems))
        return self


def grounded_text(context: CallContext) -> GroundedText:
    """The context's article prepared for quote search, built once per call and kept."""
    prepared = context.prepared
    if not isinstance(prepared, GroundedText) or prepared.text != context.article:
        prepared = context.prepared = GroundedText(context.article)
    return prepared


def listed_actor(name: str, actors: list[ActorDraft]) -> str | None:
    """The listed actor `name` refers to, by name, alias, or a name part unique to one actor."""
    wanted = name.strip().casefold()
    if not wanted:
        return None
    for actor in actors:
        if wanted == actor.name.casefold() or wanted in (a.casefold() for a in actor.aliases):
            return actor.name
    # "Rutte" for "Mark Rutte", "Mark Rutte" for "Rutte": one side's words within the other's.
    wanted_words = set(wanted.split())
    matches = {
        actor.name
        for actor in actors
        if wanted_words <= set(actor.name.casefold().split())
        or set(actor.name.casefold().split()) <= wanted_words
    }
    return matches.pop() if len(matches) == 1 else None
