"""The model's part of a brief: short labels for one sentence at a time.

Each question is a small response model with one field: the stance of one actor on one
topic, the state of one guarantee, the kind of one hedge. The sentence goes in as a value
inside nonce-fenced tags after a static system prompt, so the server reuses the prefix.
An answer is a label, never text: nothing the model writes reaches a brief as prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from .drafts import Draft
from .prompts import PromptTemplate, load_prompt

__all__ = [
    "LABEL_PROMPTS",
    "Ask",
    "HedgeLabel",
    "StanceLabel",
    "StatusLabel",
    "ask_hedge",
    "ask_stance",
    "ask_status",
    "labels_version",
]

LABEL_PROMPTS = ("stance", "status", "hedge")


class _Label(Draft):
    """A one-field answer: the label."""


class StanceLabel(_Label):
    """How one sentence presents one actor's stance on one topic."""

    stance: Literal["supports", "opposes", "conditional", "neutral", "none"] = Field(
        description="supports, opposes, conditional (only under a condition), neutral, or "
        "none when the sentence states no stance of the actor on the topic."
    )


class StatusLabel(_Label):
    """The state one sentence reports for one guarantee or commitment."""

    status: Literal[
        "proposed", "under_discussion", "conditional", "ruled_out", "endorsed", "rejected", "none"
    ] = Field(description="The state the sentence reports, or none.")


class HedgeLabel(_Label):
    """Whether what one sentence reports is uncertain, and why."""

    uncertainty: Literal[
        "unverified_report", "hedged_claim", "disputed", "open_question", "prediction", "none"
    ] = Field(description="Why it is uncertain, or none when it is a plain fact.")


@dataclass(frozen=True)
class Ask:
    """One question for the model: the response model and the finished messages."""

    model: type[_Label]
    messages: list[dict[str, str]]
    about: str  # what is asked, for logs and dropped-item reasons


def _prompt(name: str) -> PromptTemplate:
    return load_prompt(name)


def labels_version() -> str:
    """The label prompts' versions joined: part of every brief's cache key."""
    return "+".join(_prompt(n).version for n in LABEL_PROMPTS)


def ask_stance(sentence: str, actor: str, topic: str, nonce: str) -> Ask:
    """Which way `sentence` says `actor` leans on `topic`."""
    values: dict[str, Any] = {"sentence": sentence, "actor": actor, "topic": topic, "nonce": nonce}
    return Ask(StanceLabel, _prompt("stance").render(**values), f"{actor} on {topic}")


def ask_status(sentence: str, kind: str, nonce: str) -> Ask:
    """The state `sentence` reports for the guarantee `kind`."""
    values: dict[str, Any] = {"sentence": sentence, "kind": kind, "nonce": nonce}
    return Ask(StatusLabel, _prompt("status").render(**values), f"status of {kind}")


def ask_hedge(sentence: str, cue: str, nonce: str) -> Ask:
    """Whether `sentence`, which holds the hedge `cue`, reports something uncertain."""
    values: dict[str, Any] = {"sentence": sentence, "cue": cue, "nonce": nonce}
    return Ask(HedgeLabel, _prompt("hedge").render(**values), f"hedge {cue!r}")
