"""A stance given as a one-word answer to the question its sentence opens with.

'Asked whether Chile would send troops, Anna Keller said: "No."' The answer, not the
model, says which side she takes on what the question asks (`yes_answers`, `no_answers`),
when the question asks about an act or a stance: a verb group or a stance verb before
the topic ("would send troops", "supported the plan"). A question about a fact or a belief
("whether she trusted Acme's promises of a truce") is answered about that, not the topic:
no position on the topic is kept from it. Nor from "Anna Keller was asked whether ...",
which reports a question put to her and no answer (`asked_passives`), unless the sentence
quotes or reports her words too ("..., who was asked whether talks resume, said ...").
"""

from __future__ import annotations

import re
from functools import cache

from .checks import Checked
from .phrases import lowered
from .profile import Cues, Language
from .records import Polarity

__all__ = ["answered"]


def answered(checked: Checked, part: str, cues: Cues, lang: Language) -> Checked:
    """`checked`, or the side a one-word answer takes on the question's topic."""
    if checked.polarity is None:
        return checked
    if (
        lang.cues("asked_passives").any(part)
        and not _QUOTE.search(part)
        and not lang.cues("reporting_verbs").any(part)
    ):
        return Checked(None, "the sentence reports a question put to the speaker, no answer")
    answers = lang.cues("yes_answers", "no_answers").pattern.pattern
    found = _frame(lang.cues("answer_frames").pattern.pattern, answers).match(part)
    at = cues.pattern.search(found["question"]) if found else None
    if found is None or at is None:
        return checked
    yes = found["answer"].lower() in lowered(lang.yes_answers)
    answer: Polarity = "supports" if yes else "opposes"
    if not lang.cues("verb_groups", "stance_verbs").any(found["question"][: at.start()]):
        return Checked(None, f"the answer '{found['answer']}' is about the question's fact")
    if checked.polarity == answer or (answer, checked.polarity) == ("supports", "conditional"):
        return checked
    return Checked(answer, f"labelled {checked.polarity}, but answered '{found['answer']}'")


_QUOTE = re.compile(r"[\"“”]")


@cache
def _frame(frames: str, answers: str) -> re.Pattern[str]:
    """'Asked whether Q, X said: "A."' with A one of the answers, from the two cue patterns."""
    return re.compile(
        rf"\s*(?:{frames})\s+(?P<question>[^“”\"]+?),\s+[^“”\"]*?"
        rf"[:,]?\s*[\"“](?P<answer>{answers})(?=[.,!]|[\"”]|$)",
        re.I,
    )
