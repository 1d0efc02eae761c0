"""Stances a noun states: "Keller, an advocate of the tax," and "Acme's opposition to it".

A verb is not the only way an article states a side. An appositive names its holder as an
advocate or a critic of something ("Chile and Peru, the most vocal backers of the pact,
..."), and a possessive names a holder's support or opposition ("Riverton's support for
the levy is firm"). Both are the outlet's own framing, read by code: the noun says the
side, the names before it say whose, and the words after "of", "to" or "for" say what.
Nothing is read when a word before the noun puts the side in the past ("a former critic
of"), when the object is longer than a short phrase or only a pronoun, or when the rest
of the clause says the side ended ("Acme's opposition to the quota has softened"; not
negated: "has not softened" keeps it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .cast import Cast
from .datelines import after_dateline
from .demonyms import demonym_state
from .phrases import lowered
from .profile import Language, Profile
from .records import Polarity
from .segment import Sentence

__all__ = ["NounStance", "noun_stances", "sharers"]

MAX_OBJECT_WORDS = 8  # a longer object is a clause a reader should see whole: say nothing
# The end of a noun's object: a clause break, a quotation, or a joint that starts another
_OBJECT_END = re.compile(r"[,;:.!?\"“”()—–]| (?:but|and|or|who|which|that|whose|while) ")

_CLAUSE_END = re.compile(r"[,;:.!?]| but ")


@dataclass(frozen=True)
class NounStance:
    """One holder's side on what a stance noun falls on, in one sentence."""

    sentence: Sentence
    actor: str
    polarity: Polarity  # supports | opposes
    wording: str  # the object in the article's words
    issue: str | None  # the tracked topic it names, if any


@cache
def _pattern(nouns: tuple[str, ...], possessive: bool) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    if possessive:  # "Acme's firm support for" (up to two words between)
        lead = r"['’]s\s+(?P<mods>(?:[\w-]+\s+){0,2}?)"
        links = r"(?:to|for|of)"
    else:  # "Keller, a longtime advocate of"; "Chile and Peru, the most vocal backers of"
        lead = r",\s+(?:a|an|the|one of the)\s+(?P<mods>(?:[\w-]+\s+){0,3}?)"
        links = r"of"
    return re.compile(rf"{lead}(?P<noun>{alternatives})\s+{links}\s+", re.IGNORECASE)


def noun_stances(body: list[Sentence], cast: Cast, profile: Profile) -> list[NounStance]:
    """Every appositive and possessive stance the `body` sentences state, in order."""
    lang = profile.lang
    found: list[NounStance] = []
    kinds: tuple[tuple[bool, tuple[str, ...], Polarity], ...] = (
        (False, lang.advocate_nouns, "supports"),
        (False, lang.critic_nouns, "opposes"),
        (True, lang.support_nouns, "supports"),
        (True, lang.opposition_nouns, "opposes"),
    )
    for sentence in body:
        text = sentence.text
        mentions: list[tuple[int, int, str]] | None = None  # found when a noun is
        for possessive, nouns, polarity in kinds:
            if not nouns:
                continue
            for match in _pattern(tuple(nouns), possessive).finditer(text):
                if set(match.group("mods").lower().split()) & lowered(lang.former_words):
                    continue  # "a former critic of": not a side now
                mentions = cast.mentions(text) if mentions is None else mentions
                holders = _holders(text, match.start(), mentions, possessive)
                wording, end = _object(text, match.end(), lang, possessive)
                if not holders or not wording:
                    continue
                if possessive and _ended(text[end:], lang):
                    continue
                issue = next(
                    (t.name for t in profile.topics if profile.topic_cues(t).any(wording)), None
                )
                found += [NounStance(sentence, h, polarity, wording, issue) for h in holders]
        found += _won(sentence, cast, profile) + _sponsored(sentence, cast, profile)
    return found


def _issue(wording: str, profile: Profile) -> str | None:
    return next((t.name for t in profile.topics if profile.topic_cues(t).any(wording)), None)


def _won(sentence: Sentence, cast: Cast, profile: Profile) -> list[NounStance]:
    """The names after "won the backing of" support the sentence's subject.

    "The plan won the backing of Chile and Peru": a `winning_verbs` verb, "the", up to one
    word and a `support_nouns` noun, then "of" and the names (joined by commas or "and");
    the subject is the sentence's words before the verb, as far as the first object end
    (`object_ends`: "A plan| to clear ...").
    """
    lang, text = profile.lang, sentence.text
    verbs = "|".join(map(re.escape, lang.winning_verbs))
    nouns = "|".join(map(re.escape, lang.support_nouns))
    if not (verbs and nouns):
        return []
    won = re.search(rf"\s(?:{verbs})\s+the\s+(?:[\w-]+\s+)?(?:{nouns})\s+of\s+", text, re.I)
    if won is None or "," in text[after_dateline(text) : won.start()]:
        return []
    named = [(a, b, n) for a, b, n in cast.mentions(text) if a >= won.end()]
    holders: list[str] = []  # the names after "of"
    holders_end = 0  # where the last one ends
    for start, stop, actor in named:
        joint = text[holders_end:start] if holders else ""
        if holders and joint not in (", ", " and ", ", and "):
            break
        if not holders and start != won.end():
            break
        holders, holders_end = [*holders, actor], stop
    subject = _phrase(text, after_dateline(text), won.start(), lang)
    return [NounStance(sentence, h, "supports", subject, _issue(subject, profile))
            for h in holders] if subject else []  # fmt: skip


def _sponsored(sentence: Sentence, cast: Cast, profile: Profile) -> list[NounStance]:
    """The state an adjective names as leading or backing a thing supports that thing.

    "A Chilean-led plan", "the Peru-backed clause" (`sponsor_suffixes`: "-led", "-backed").
    """
    lang, text = profile.lang, sentence.text
    found: list[NounStance] = []
    suffixes = "|".join(map(re.escape, lang.sponsor_suffixes))
    if not suffixes:
        return []
    for match in re.finditer(rf"\b(?P<name>[A-Z][\w.]*)(?:{suffixes})\s+", text):
        name = match.group("name")
        state = demonym_state(name, lang) or next((a for _, _, a in cast.mentions(name)), None)
        wording = _phrase(text, match.start(), len(text), lang)
        if state and wording:
            found.append(NounStance(sentence, state, "supports", wording, _issue(wording, profile)))
    return found


def _phrase(text: str, start: int, end: int, lang: Language) -> str:
    """The words from `start` to the first object end, clause break or `end`; "" if long."""
    words: list[str] = []
    for word in re.finditer(r"[\w’'.-]+|[,;:!?\"“”()—–]", text[start:end]):
        lower = word.group().lower()
        if not word.group()[0].isalnum() or (words and lower in lowered(lang.object_ends)):
            break
        if words or lower not in lowered(lang.object_openers):
            words.append(word.group().rstrip("."))
    return " ".join(words) if 2 <= len(words) <= MAX_OBJECT_WORDS else ""


def _holders(
    text: str, at: int, mentions: list[tuple[int, int, str]], possessive: bool
) -> list[str]:
    """The actors named right before `at`: one for a possessive, a list for an appositive."""
    named: list[str] = []
    end = at
    for start, stop, actor in reversed(mentions):
        if stop > end:
            continue
        gap = text[stop:end]
        if stop != end and not (named and not possessive and gap in (", ", " and ", ", and ")):
            break
        if actor not in named:
            named.insert(0, actor)
        end = start
        if possessive:
            break
    return named


def _object(text: str, at: int, lang: Language, possessive: bool) -> tuple[str, int]:
    """The short phrase a stance noun falls on and where it ends, or "" when there is none.

    None when it is long, a clause, or only a word that points back ("of it").
    """
    cut = _OBJECT_END.search(text, at)
    words = list(re.finditer(r"\S+", text[: cut.start() if cut else len(text)]))
    words = [w for w in words if w.start() >= at]
    verbs = lowered(lang.copulas + lang.modals + lang.perfect_auxiliaries)
    verb = next((i for i, w in enumerate(words) if w.group().lower() in verbs), len(words))
    if verb < len(words) and not possessive:
        return "", at  # "a critic of the way the council has handled it": a clause
    words = words[:verb]  # "Acme's support for the levy | is firm"
    if not words or len(words) > MAX_OBJECT_WORDS:
        return "", at
    bare = [w.group() for w in words if w.group().lower() not in lowered(lang.anaphor_openers)]
    if len(bare) <= 1 and (not bare or bare[0].lower() in lowered(lang.vague_objects)):
        return "", at  # "of it", "to the plan": what it points back to is not read here
    return " ".join(w.group() for w in words), words[-1].end()


def _ended(rest: str, lang: Language) -> bool:
    """Whether the clause after a possessive stance says it ended, unnegated."""
    clause = _CLAUSE_END.split(rest, maxsplit=1)[0]
    for match in lang.cues("ending_verbs").find(clause):
        if not lang.cues("negation").any(clause[: match.start()]):
            return True
    return False


def sharers(text: str, cast: Cast, lang: Language) -> list[str]:
    """The actors a sentence says take the same side as its speaker: "..., as does Chile".

    The names right after a `sharing_leads` phrase ("as does", "as do", "nor does"), up to
    the end of their clause; "as does Chile, which ..." names Chile only.
    """
    named: list[str] = []
    leads = lang.cues("sharing_leads").find(text)
    mentions = cast.mentions(text) if leads else []
    for match in leads:
        end = match.end()
        for start, stop, actor in mentions:
            if start < end:
                continue
            if text[end:start].strip() not in ("", ",", "and", ", and"):
                break
            named += [actor] if actor not in named else []
            end = stop
    return named
