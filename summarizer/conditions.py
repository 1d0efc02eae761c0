"""Conditions a sentence sets: the cue words that make a stance or a guarantee conditional.

"only after a ceasefire", "unless", "if": `conditions` finds them, leaving out the ones
that only look like one ("asked if", "once again", "failed us once, in 1994") and, for a
topic, the one an earlier conjunct sets for something else.
"""

from __future__ import annotations

import re

from .phrases import lowered
from .profile import Cues, Language

__all__ = ["conditions"]


def conditions(text: str, lang: Language, topic: Cues | None = None) -> list[re.Match[str]]:
    """The condition cues of a sentence ("only after", "unless", "if").

    With a `topic`, not one in an earlier conjunct than the topic's: in "will not rule it
    out if talks fail, and I will not accept a deal" the deal is not conditional (a comma
    and one of `report_joints`, or a semicolon, stand between).

    An "if" after a word in `condition_not_after` is not one: "asked if the deal holds"
    means whether, "even if talks fail" means although. Nor is a cue inside one of the
    `not_conditions` ("once again"), nor one that ends a clause ("failed us once, in 1994").
    A `comma_conditions` word counts after a comma only ("..., provided Norway does"), or a
    comma and the quotation mark it opens ('..., "provided it does not mean ...'); a
    `negated_conditions` word only after a negation in its clause: "no country will get an
    exemption until it opens its market" (but "extended until June" is a time).
    """
    not_after, ends = lowered(lang.condition_not_after), lowered(lang.object_ends)
    at = topic.pattern.search(text) if topic else None
    joints = "|".join(map(re.escape, lang.report_joints)) or "(?!)"
    apart = re.compile(rf";|,\s+(?:{joints})\s", re.I)
    idioms = [(m.start(), m.end()) for m in lang.cues("not_conditions").find(text)]
    found = []
    for cue in lang.cues("condition").find(text):
        if any(a <= cue.start() < b for a, b in idioms):  # "once again"
            continue
        before = text[: cue.start()].split()
        if cue.group().lower() == "if" and before and before[-1].lower().strip(",") in not_after:
            continue
        closing = text[cue.end() : cue.end() + 1] in tuple(",.;:!?") and before
        if closing and before[-1][-1:].isalnum() and before[-1].lower() not in ends:
            continue  # "failed us once, in 1994": a word of time closing a clause opens none
        if at and cue.end() <= at.start() and apart.search(text, cue.end(), at.start()):
            continue  # the condition of an earlier conjunct
        found.append(cue)
    found += [
        c
        for c in lang.cues("comma_conditions").find(text)
        if text[: c.start()].rstrip(" \"“‘'")[-1:] == ","  # ', "provided it ...
    ]
    for c in lang.cues("negated_conditions").find(text):  # after a negation in its clause
        clause = re.split(r"[,;:.]", text[: c.start()])[-1]  # "no exemption until"
        # and not another conjunct's: "will send a battalion; Norway, nothing until ..."
        apart_from_topic = at and apart.search(
            text, min(at.end(), c.start()), max(at.start(), c.end())
        )
        if lang.cues("group_negations").any(clause) and not apart_from_topic:
            found.append(c)
    return sorted(found, key=lambda c: c.start())
