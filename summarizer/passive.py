"""Who a passive clause names as taking a side: "the plan was backed by Finland and Poland".

The agents after "by" behind a copula and a stance verb's participle (`stance_verbs`
whose first word ends in "-ed": "was opposed by", "had been turned down by") hold a side
on the clause's subject, as "Finland and Poland backed the plan" would. Only actors the
cast names count, up to the clause's end or a preposition that opens a circumstance
("... by Finland and Poland at a meeting of ministers").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from .anaphors import unnamed
from .objects import add_object
from .phrases import WORD, actor_names, first_mention, lowered
from .profile import Language, Profile, TrackedTopic

__all__ = ["agents", "in_subject", "passive_topics"]

_THAT = re.compile(r"\s*(?:that\s+)?", re.IGNORECASE)  # after a reporting verb


@cache
def _passive(copulas: tuple[str, ...], verbs: tuple[str, ...]) -> re.Pattern[str]:
    done = sorted({v for v in verbs if v.split()[0].lower().endswith("ed")}, key=len, reverse=True)
    being = "|".join(map(re.escape, copulas))
    done_by = "|".join(map(re.escape, done)) or "(?!)"
    return re.compile(rf"\b(?:{being})\s+(?:\w+ly\s+)?(?:{done_by})\s+by\s+", re.I)


def _pattern(lang: Language) -> re.Pattern[str]:
    """The language's passive stance clause: a copula or "being", a participle, "by"."""
    return _passive((*lang.copulas, "being"), lang.stance_verbs)


def agents(text: str, refs: Sequence[tuple[int, int, str, str]], lang: Language) -> list[str]:
    """The cast's actors a passive stance clause of `text` names after "by", in order."""
    found: list[str] = []
    leads = lowered(lang.circumstance_leads) | lowered(lang.place_leads)
    for match in _pattern(lang).finditer(text):
        end = len(text)
        for word in re.finditer(r"[,;:.!?()\"“”]|[\w’'-]+", text[match.end() :]):
            if not word.group()[0].isalnum() or word.group().lower() in leads:
                end = match.end() + word.start()
                break
        found += [r[2] for r in refs if match.end() <= r[0] < end and r[2] not in found]
    return found


def passive_topics(
    text: str, profile: Profile, *, before: str = "", headline: str = ""
) -> list[TrackedTopic]:
    """What the first passive stance clause of `text` is about: its subject, or none.

    "A proposal for a permanent air mission was backed by Finland" gives "proposal for a
    permanent air mission"; "The plan was opposed by ..." gives the plan as the article
    named it first (`before`), and none when it never did. The subject starts after a
    reporting verb: "Keller said (that) the levy must be approved by ..." gives "levy".
    """
    lang = profile.lang
    names = actor_names(profile)
    passive = _pattern(lang)
    for match in passive.finditer(text):
        leads = [text.rfind(f"{dash} ", 0, match.start()) for dash in "—–:"]
        start = max((at + 2 for at in leads if at >= 0), default=0)  # after a dateline's dash
        said = lang.cues("reporting_verbs").find(text[start : match.start()])
        if said:  # "Keller has said any new debt must be approved by ...": the debt
            start += said[-1].end()
            start = that.end() if (that := _THAT.match(text, start)) else start
        if lowered(lang.relatives) & {w.lower() for w in WORD.findall(text, start, match.start())}:
            continue  # "..., which was backed by ...": a subordinate clause's subject
        end = match.start()
        helpers = lowered((*lang.modals, *lang.perfect_auxiliaries, *lang.group_negations))
        while (last := list(WORD.finditer(text, start, end))[-1:]) and (
            last[0].group().lower() in helpers
        ):
            end = last[0].start()  # "any new debt | must be approved by"
        found: list[TrackedTopic] = []
        if add_object(found, text[:end], start, lang, names, headline=headline):
            topic = first_mention(found[0], before, lang, names, said=text)
            return [] if unnamed(topic, lang) else [topic]
    return []


def in_subject(text: str, at: int, lang: Language) -> bool:
    """Whether offset `at` lies in the subject of a passive stance clause of `text`.

    "A plan for a mission after a ceasefire was backed by Finland": "after a ceasefire"
    is part of what Finland backs, not a condition it sets.
    """
    for match in _pattern(lang).finditer(text):
        if at < match.start() and not re.search(r"[,;:.!?]", text[at : match.start()]):
            return True
    return False
