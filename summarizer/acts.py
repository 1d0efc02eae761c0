"""Acts as a topic opens with them: "contribute" gives "contributing".

Which acts undo their object ("lifting", "giving up": `reversing_verbs`), which only
name it ("regarding": `naming_verbs`) and which name nothing alone ("doing":
`empty_verbs`), each in the profile language's `action_form`.
"""

from __future__ import annotations

import re
from functools import cache

from .demonyms import demonym, demonym_state
from .phrases import WORD, lowered
from .profile import Language

__all__ = [
    "action", "base_verb", "done_by_thing", "empty_acts", "head_at", "is_act", "naming_acts",
    "nouned", "only_adverb", "own_subject", "reversing_acts", "subject_words", "undoing_acts",
    "urged",
]  # fmt: skip


def action(verb: str, lang: Language) -> str:
    """A main verb as it opens a topic: "contribute" gives "contributing" (`action_form`)."""
    return _form(verb, lang.action_form)


@cache
def _form(verb: str, action_form: str) -> str:
    if not verb or action_form != "gerund":
        return verb
    from lemminflect import getInflection, getLemma  # its lexicon loads on first use (~1 s)

    first, _, rest = verb.partition(" ")  # "rule out"
    lemma = getLemma(first.lower(), upos="VERB")
    if lemma and getInflection(lemma[0], "VBG")[:1] == (first.lower(),):
        return verb  # "servicing" is the form already, not "servicinging"
    forms = getInflection(first.lower(), "VBG")
    return f"{forms[0] if forms else first} {rest}".strip()


@cache
def base_verb(word: str, *, only: bool = False) -> bool:
    """Whether `word` is a verb's base form ("take", "send"; not "the", "tariffs").

    With `only`, a word that is no noun as well ("agree"; not "cut", "support").
    """
    from lemminflect import getAllLemmas

    lemmas: dict[str, tuple[str, ...]] = getAllLemmas(word.lower())
    return lemmas.get("VERB", ()) == (word.lower(),) and not (only and "NOUN" in lemmas)


def is_act(word: str, lang: Language) -> bool:
    """Whether `word` is a verb's form as an act opens with it ("reclaiming", `action_form`)."""
    from lemminflect import getLemma

    lemmas = getLemma(word.lower(), upos="VERB")
    return bool(lemmas) and lemmas[0] != word.lower() and action(lemmas[0], lang) == word.lower()


@cache
def only_adverb(word: str) -> bool:
    """Whether the lexicon knows `word` as an adverb and as nothing else ("nonetheless")."""
    from lemminflect import getAllLemmas

    return set(getAllLemmas(word.lower())) == {"ADV"}


def undoing_acts(lang: Language) -> frozenset[str]:
    """The acts that undo their object, as a topic opens with them ("lifting", "giving up")."""
    return _act_forms(lang.reversing_verbs, lang.opposing_verbs, lang.action_form)


def reversing_acts(lang: Language) -> frozenset[str]:
    """Every reversing verb as an act, the opposing ones too ("ending", "rejecting")."""
    return _act_forms(lang.reversing_verbs, (), lang.action_form)


def naming_acts(lang: Language) -> frozenset[str]:
    """The acts that only name their object, as a topic opens with them ("regarding")."""
    return _act_forms(lang.naming_verbs, (), lang.action_form)


def empty_acts(lang: Language) -> frozenset[str]:
    """The empty verbs as acts: one as an object's only word names nothing ("doing that")."""
    return _act_forms(lang.empty_verbs, (), lang.action_form)


@cache  # `worded` and `add_object` ask for them at each topic of each sentence
def _act_forms(verbs: tuple[str, ...], opposing: tuple[str, ...], form: str) -> frozenset[str]:
    return frozenset(_form(v, form).lower() for v in verbs if v.lower() not in lowered(opposing))


def done_by_thing(text: str, group_start: int, lang: Language, verbs: str = "") -> bool:
    """Whether a verb group's subject is a thing, not someone who can mean to act.

    "Keller said the measure would hurt processors" and "A few soldiers on the line, he
    argues, would invite probing" say what a thing would do, not what the speaker wants
    done: no topic is taken from them, nor from "the agreement with Acme will remove
    tariffs" (the head before a complement decides). A subject names someone when it is a
    pronoun or a word for the speaker's side (`self_subjects`), holds a capitalised name
    (not a people's adjective), or a word for a body or role. A thing's subject opens with
    a determiner and holds a word for a thing (`thing_heads`, `vague_objects`,
    `event_anaphors`, `document_nouns`), or is a bare lower-case phrase whose head is one
    ("higher prices would hurt"): "the club does not want a stadium" is the club's act.
    What a thing must do or would need is a demand (`demand_words`: "any agreement
    must leave Riverton free", "a force would need air cover").
    """
    if lang.cues("demand_words").any(verbs):  # the verb group and its main verb
        return False
    subject = subject_words(_INSERT.sub("", text[:group_start].rstrip()), lang, cuts=_CUT)
    if not subject:  # none, or a verb in the way
        return False
    words = [w.group() for w in subject]
    if " ".join(words).lower() in lowered(lang.self_subjects):
        return False
    # "the partnership agreement with Acme": the head before its complement
    leads = [
        i for i, w in enumerate(words) if i > 1 and w.lower() in lowered(lang.complement_leads)
    ]
    words = (
        words[: leads[0]] if leads and words[0].lower() in lowered(lang.object_openers) else words
    )
    people = lowered(lang.organ_nouns) | lowered(lang.role_heads) | lowered(lang.titles)
    people |= lowered(lang.organisation_heads) | lowered(lang.organisation_nouns)
    people |= lowered(lang.organisation_descriptors) | lowered(lang.self_subjects)
    if any(w.lower() in people for w in words):
        return False
    if any(w[:1].isupper() and not demonym(w, lang) for w in words[1:]):
        return False
    things = lowered(lang.thing_heads) | lowered(lang.vague_objects) | lowered(lang.event_anaphors)
    things |= lowered(lang.document_nouns)
    lower = [w.lower() for w in words]
    if all(w.islower() for w in words) and lower[-1] in things:
        return True  # no determiner: "broader curbs would hand the market to rivals"
    return lower[0] in lowered(lang.object_openers) and any(w in things for w in lower[1:])


# ", he argues," / ", Keller said,": a reporting insert before the verb group
_INSERT = re.compile(r",\s*[^,]{1,40},$")
_THAT_OR_DASH = re.compile(r"\bthat\b|[—–]")
_CUT = re.compile(r"\bthat\b|[,;:—–]")


def subject_words(
    before: str, lang: Language, *, first: bool = False, cuts: re.Pattern[str] = _THAT_OR_DASH
) -> list[re.Match[str]] | None:
    """The words of the subject before a verb group, or None when a verb is in the way.

    They are the words after the last reporting verb or `cuts` match ("that", a dash),
    without clause openers, auxiliaries and negations. With `first`, the words of the
    text's first verb's subject after its first reporting verb instead ("Keller said his
    government backs ..." gives "his government"), as they stand.
    """
    said = [m.end() for m in lang.cues("reporting_verbs").find(before)]
    after_said = (said[:1] if first else said[-1:]) or [0]  # "Keller said his government"
    words = list(
        WORD.finditer(before, max([*after_said, *(m.end() for m in cuts.finditer(before))]))
    )
    verbs = lowered(lang.verb_groups) | lowered(lang.stance_verbs) | lowered(lang.commitment_cues)
    if first:
        until = next((i for i, w in enumerate(words) if w.group().lower() in verbs), None)
        return words[:until] if until else None
    if any(w.group().lower() in verbs for w in words):
        return None
    passed = lowered(lang.clause_openers) | lowered(lang.auxiliaries)
    passed |= lowered(lang.group_negations)
    return [w for w in words if w.group().lower() not in passed]


# "urged| ministers |to seize": an addressee of one to four words, then "to" and a verb
_ADDRESSEE_TO = re.compile(r"\s+(?:[\w’'-]+\s+){1,4}?(to)\s+[a-z]")
_TO = re.compile(r"to\b")
_ANDED = re.compile(r"\s+\w+(?:\s+\w+)?\s+(and)\s+(?=[a-z])")  # "to| go further and| raise"


def urged(clause: str, lang: Language) -> list[re.Match[str]]:
    """The "to" after an urging verb and its addressee, as a verb group for what is urged.

    "urged ministers to seize the assets": the speaker is for seizing them (`urging_verbs`);
    an addressee runs up to four words with no comma, and a verb's base form follows "to"
    ("wants the ban extended to new machines" urges nothing: "new" is no act).
    """
    starts = [to.start(1) for cue in lang.cues("urging_verbs").find(clause)
              if (to := _ADDRESSEE_TO.match(clause, cue.end()))]  # fmt: skip
    found = [m for at in starts if (m := _TO.match(clause, at))]
    found = [m for m in found if base_verb(clause[m.end() :].split()[0])]
    # "urged Lima to go further and raise the tariff": the act after an empty verb's "and"
    empty = lowered(lang.empty_verbs)
    found = [_ANDED.match(clause, m.end()) or m if clause[m.end() :].split()[0] in empty else m
             for m in found]  # fmt: skip
    return found + [m for cue in lang.cues("proposing_verbs").find(clause)
                    if (m := _proposed_subject(clause, cue.end(), lang))]  # fmt: skip


_THAT_WORDS = re.compile(r"\s+(that)\s+")
_WORD_RUN = re.compile(r"[\w’'-]+")
# "that" and n words of a subject: _SUBJECTS[n - 1] spans "that its allies " for n = 2
_SUBJECTS = [re.compile(rf"that\s+(?:[\w’'-]+\s+){{{n}}}") for n in range(1, 5)]


def _proposed_subject(clause: str, at: int, lang: Language) -> re.Match[str] | None:
    """The words "that" and subject in "proposed |that its allies |set up a fund", or None.

    A verb's base form (the subjunctive) within five words after "that", not right after
    a determiner ("that the plan was": "plan" is a noun): what is proposed is that act, as
    what is urged after "urged ministers to".
    """
    opened = _THAT_WORDS.match(clause, at)
    if opened is None:
        return None
    words = list(_WORD_RUN.finditer(clause, opened.end()))[:5]
    openers = lowered(lang.object_openers)
    for i, word in enumerate(words[1:], start=1):
        text, previous = word.group(), words[i - 1].group().lower()
        if text.islower() and previous not in openers and base_verb(text):
            return _SUBJECTS[i - 1].match(clause, opened.start(1))  # None if a comma between
    return None


def nouned(before: str, lang: Language) -> bool:
    """Whether the word before a verb group makes it a noun ("its plans to", "Chile's offer to")."""
    prior = WORD.findall(before)[-1:]
    owned = lowered(lang.possessive_determiners) | {"the", "a", "an", "its", "this"}
    return bool(prior) and (prior[0].lower() in owned or prior[0].endswith(("'s", "’s")))


def own_subject(subject: str, side: frozenset[str], lang: Language) -> bool:
    """Whether a subject (lower case) is the speaker's own side.

    One of its names (`side`), a word for it (`self_subjects`: "the government"), or its
    people named by their first-person or state's adjective: "our troops", "Polish
    soldiers" for a Polish speaker (a side with "poland").
    """
    if subject in side | lowered(lang.self_subjects):
        return True
    first = subject.split()[0] if subject.split() else ""
    if first in lowered(lang.first_person_plural) and len(subject.split()) > 1:
        return True  # "our soldiers are not going anywhere"
    state = demonym_state(first.capitalize(), lang) if len(subject.split()) > 1 else None
    return state is not None and state.lower() in side


def head_at(clause: str, start: int, at: int, lang: Language) -> bool:
    """Whether offset `at` is in the last word of the object that starts at `start`.

    One leading object end is passed over: "apply for League membership".
    """
    ends = lowered(lang.object_ends) | lowered(lang.complement_leads)  # "membership| of the League"
    openers = lowered(lang.object_openers)
    head = None
    for i, word in enumerate(WORD.finditer(clause, start)):
        lower = word.group().lower().rstrip(".")
        if lower in ends and (i > 0 or head is not None):
            break
        if lower not in ends and lower not in openers:
            head = word
    return head is not None and head.start() <= at < head.end()
