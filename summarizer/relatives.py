"""Relative clauses: after an object, and a free relative that opens a sentence.

"backs a deal that opened the market" is for that deal, not any; "opposes any mission that
would pull jets away from its bases" is not against every mission. A topic keeps such a
relative in its wording (`objects.add_object`, `tracked_words.worded`). "What Chile wants
is a pact that ..." puts the verb's object after the copula (`cleft_object`).
"""

from __future__ import annotations

import re
from functools import cache

from .phrases import WORD, lowered
from .profile import Language

__all__ = ["cleft_object", "relative", "standing_verbs"]

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


@cache
def _cleft(
    free_relatives: tuple[str, ...], verbs: tuple[str, ...], copulas: tuple[str, ...]
) -> re.Pattern[str] | None:
    """The pseudo-cleft pattern, built once per language (it is tried on every sentence)."""
    free = "|".join(map(re.escape, free_relatives))
    verb = "|".join(map(re.escape, sorted(set(verbs), key=len, reverse=True)))
    copula = "|".join(map(re.escape, copulas))
    if not (free and verb and copula):
        return None
    return re.compile(rf"\s*(?:{free})\s+[^,;:]{{1,60}}?\b(?:{verb})\b"
                      rf"(?:\s*,[^,;:]{{1,80}},)?\s+(?:{copula})\s+"
                      r"(?:not\s+[^,;:]{1,60}?\s+but\s+)?", re.I)  # fmt: skip


def cleft_object(text: str, start: int, lang: Language) -> int | None:
    """Where a pseudo-cleft's object starts: "What Chile wants, officials say, is| a pact".

    The sentence (from `start`, after its dateline) opens with a free relative ("what"),
    its subject and a stance or backing verb, then a copula; an aside between commas may
    stand before the copula. "What Peru objects to is not the pact but its cost": the object
    is what comes after "but". None for any other sentence.
    """
    cleft = _cleft(lang.free_relatives, (*lang.stance_verbs, *lang.backing_verbs), lang.copulas)
    if cleft is None:
        return None
    found = cleft.match(text, start)
    return found.end() if found else None


def standing_verbs(text: str, lang: Language) -> list[re.Match[str]]:
    """The stance verbs of a relative that says where its subject has long stood.

    "Iran, which has long opposed any foreign military presence, welcomed the remarks"
    states Iran's standing opposition (`standing_adverbs`: "long", "always"); a relative
    of the past alone ("who once opposed tariffs") is no stance now, and is not read.
    """
    adverbs = "|".join(map(re.escape, lang.standing_adverbs))
    if not adverbs:
        return []
    lead = re.compile(rf",\s+(?:which|who)\s+(?:has|have)\s+(?:{adverbs})\s+$", re.I)
    return [v for v in lang.cues("stance_verbs").find(text) if lead.search(text, 0, v.start())]
