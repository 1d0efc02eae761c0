"""Restrictive relatives: the clause after an object that says which one is meant.

"backs a deal that opened the market" is for that deal, not any; "opposes any mission that
would pull jets away from its bases" is not against every mission. A topic keeps such a
relative in its wording (`objects.add_object`, `tracked_words.worded`).
"""

from __future__ import annotations

import re

from .phrases import WORD, lowered
from .profile import Language

__all__ = ["relative"]

MAX_RELATIVE_WORDS = 6


def relative(clause: str, end: int, lang: Language, opened: str = "") -> int | None:
    """The end of a short restrictive relative after an object ("a deal| that opened it").

    After a restricting determiner in `opened` (the object's words, or those before it:
    "any mission") it may be twice as long. It ends before a verb group or copula after its
    own first word: in "Any deal that closes that door would reward aggression" the
    relative is "that closes that door", and "would reward aggression" is the sentence's.
    A relative with punctuation in it, or a longer one, is not whole: None.
    """
    lead = re.match(r"\s+(\w+)\s", clause[end:])
    if lead is None or lead.group(1).lower() not in lowered(lang.restrictive_relatives):
        return None
    rest = clause[end + lead.end() :]
    words = list(WORD.finditer(rest))
    verbs = lowered(lang.modals) | lowered(lang.copulas) | lowered(lang.perfect_auxiliaries)
    main = next((i for i, w in enumerate(words) if i and w.group().lower() in verbs), None)
    if main is not None:
        rest, words = rest[: words[main].start()], words[:main]
    twice = set(opened.lower().split()) & lowered(lang.restricting_openers)
    longest = MAX_RELATIVE_WORDS * (2 if twice else 1)
    whole = not re.search(r"[,;:!?()\"“”]", rest.rstrip(". ")) and 0 < len(words) <= longest
    return end + lead.end() + words[-1].end() if whole else None
