"""Checks after every answer: a label must agree with its sentence's own cue words.

A stance labelled "supports" in a clause that negates ("no one promised", "never", "off
the table") is dropped; one in a sentence that sets a condition ("only after") becomes
"conditional". A guarantee status a clause states outright overrides the model's label.
Each decision carries its reason, which the brief records.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .profile import Cues, Profile, TrackedTopic
from .schemas import GuaranteeStatus, Polarity

__all__ = ["Checked", "check_stance", "clauses", "stance_topics", "stated_status"]

# Clause breaks: punctuation and the conjunctions that turn a sentence ("but", "while").
_BREAK = re.compile(r"[;:]|,\s|\s[–—-]\s|\b(?:but|while|whereas|however|although|though)\b", re.I)
_IF = re.compile(r"^\W*(?:if|whether|unless)\b", re.I)


@dataclass(frozen=True)
class Checked:
    """A label after its check: the polarity to keep (None: drop) and why it changed."""

    polarity: Polarity | None
    note: str = ""


def clauses(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each clause of a sentence."""
    cuts = [0, *(m.start() for m in _BREAK.finditer(text)), len(text)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if text[a:b].strip(" ,")]


def stance_topics(text: str, profile: Profile) -> list[TrackedTopic]:
    """The tracked topics a sentence can state a stance on: named in a main clause.

    A topic named only in a subordinate clause ("..., which may involve offering
    alternatives to membership") is background; asked about it, the 1.5B model answered
    "supports" for the speaker (seeds: 4 of 6 stated positions the gold contradicts).
    """
    opens = profile.lang.cues("subordinators")
    main = [text[a:b] for a, b in clauses(text) if not opens.pattern.match(text[a:b].lstrip(" ,"))]
    return [t for t in profile.topics if any(profile.topic_cues(t).any(c) for c in main)]


def _clauses_naming(text: str, topic: Cues) -> list[str]:
    named = [text[a:b] for a, b in clauses(text) if topic.any(text[a:b])]
    return named or [text]


def check_stance(label: str, text: str, topic: Cues, profile: Profile) -> Checked:
    """The polarity to keep for a stance `label` on a sentence, after its cue checks."""
    if label == "none":
        return Checked(None, "the model found no stance of this actor on this topic")
    lang = profile.lang
    named = " ".join(_clauses_naming(text, topic))
    negated = lang.cues("negation").find(named)
    conditioned = lang.cues("condition").find(text)  # "..., but only after a ceasefire"
    if label == "supports" and negated:
        cue = negated[0].group().strip()
        return Checked(None, f"labelled supports, but the clause negates ({cue!r})")
    if label in ("supports", "neutral") and conditioned:
        cue = conditioned[0].group().strip()
        return Checked("conditional", f"labelled {label}, the clause sets a condition ({cue!r})")
    polarity: Polarity = label  # type: ignore[assignment]
    return Checked(polarity)


def stated_status(text: str, kind: Cues, profile: Profile) -> tuple[GuaranteeStatus, str] | None:
    """The status a clause naming the guarantee states outright, with its cue; else None.

    Clauses naming the guarantee are read first; an "if" or "whether" clause states
    nothing ("If membership remains off the table ..."). When the clauses naming it state
    nothing, the rest of the sentence may.
    """
    spans = clauses(text)
    naming = [text[a:b] for a, b in spans if kind.any(text[a:b])]
    rest = [text[a:b] for a, b in spans if not kind.any(text[a:b])]
    for group in (naming, rest):
        for clause in group:
            if _IF.search(clause):
                continue
            for status in ("ruled_out", "conditional", "endorsed"):
                found = profile.status_cue(status).find(clause)
                if found:
                    return status, found[0].group()
    return None
