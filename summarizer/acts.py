"""Acts as a topic opens with them: "contribute" gives "contributing".

Which acts undo their object ("lifting", "giving up": `reversing_verbs`), which only
name it ("regarding": `naming_verbs`) and which name nothing alone ("doing":
`empty_verbs`), each in the profile language's `action_form`.
"""

from __future__ import annotations

from functools import cache

from .phrases import lowered
from .profile import Language

__all__ = ["action", "empty_acts", "naming_acts", "undoing_acts"]


def action(verb: str, lang: Language) -> str:
    """A main verb as it opens a topic: "contribute" gives "contributing" (`action_form`)."""
    return _form(verb, lang.action_form)


@cache
def _form(verb: str, action_form: str) -> str:
    if not verb or action_form != "gerund":
        return verb
    from lemminflect import getInflection  # its lexicon loads on first use (~1 s)

    first, _, rest = verb.partition(" ")  # "rule out"
    forms = getInflection(first.lower(), "VBG")
    return f"{forms[0] if forms else first} {rest}".strip()


def undoing_acts(lang: Language) -> frozenset[str]:
    """The acts that undo their object, as a topic opens with them ("lifting", "giving up")."""
    return _act_forms(lang.reversing_verbs, lang.opposing_verbs, lang.action_form)


def naming_acts(lang: Language) -> frozenset[str]:
    """The acts that only name their object, as a topic opens with them ("regarding")."""
    return _act_forms(lang.naming_verbs, (), lang.action_form)


def empty_acts(lang: Language) -> frozenset[str]:
    """The empty verbs as acts: one as an object's only word names nothing ("doing that")."""
    return _act_forms(lang.empty_verbs, (), lang.action_form)


@cache  # `worded` and `add_object` ask for them at each topic of each sentence
def _act_forms(verbs: tuple[str, ...], opposing: tuple[str, ...], form: str) -> frozenset[str]:
    return frozenset(_form(v, form).lower() for v in verbs if v.lower() not in lowered(opposing))
