"""Checks after every answer: a label must agree with its sentence's own cue words.

A stance labelled "supports" in a clause that negates ("no one promised", "never", "off
the table"; not a negation of undoing it: "will not lift the ban"), or in a sentence
with no word that takes a side (no stance verb, verb group or commitment), is dropped;
one in a sentence that sets a condition ("only after", "if") becomes "conditional". A
guarantee's status is read in `status`, with the clause helpers kept here. Each decision
carries its reason, which the brief records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .acts import head_at, own_subject, subject_words
from .conditions import conditions
from .datelines import after_dateline
from .judged import described
from .negations import (
    crossed_verb,
    either_way,
    existential,
    only_against,
    uncancelled,
    undoing_verb,
    undoing_words,
)
from .objects import (
    WORD,
    acts,
    circumstance,
    clauses,
    group_object,
    lowered,
    main_clauses,
    negated_verb,
    object_end,
    open_topics,
)
from .passive import in_subject
from .phrases import possible, predicates
from .profile import Cues, Language, Profile, TrackedTopic
from .records import Polarity
from .relatives import cleft_object

__all__ = [
    "IF_CLAUSE", "Checked", "check_stance", "clauses", "clauses_naming", "conditions",
    "existential", "only_against", "open_topics", "own_negation", "set_apart", "stance_topics",
    "takes_side", "takes_side_on", "uncancelled",
]  # fmt: skip

IF_CLAUSE = re.compile(r"^\W*(?:if|whether|unless)\b", re.I)


@dataclass(frozen=True)
class Checked:
    """A label after its check: the polarity to keep (None: drop) and why it changed."""

    polarity: Polarity | None
    note: str = ""


def stance_topics(text: str, profile: Profile) -> list[TrackedTopic]:
    """The tracked topics a sentence can state a stance on, in the order it names them.

    Only topics named in a main clause count: one named only in a subordinate clause
    ("..., which may involve offering alternatives to membership") is background; asked
    about it, the 1.5B model answered "supports" for the speaker (seeds: 4 of 6 stated
    positions the gold contradicts). Nor does a topic named in a clause that opens the
    sentence with a condition ("If membership remains off the table, ... states must
    provide guarantees"): it is the condition, not what the speaker takes a side on. Nor
    does one named after a verb's object, in a circumstance of the act (`circumstance`).
    """
    first: dict[str, tuple[int, TrackedTopic]] = {}
    spans = main_clauses(text, profile)
    for a, b in spans:
        if (a, b) != spans[-1] and IF_CLAUSE.match(text[a:b].lstrip(" ,")):
            continue  # "If X, Y": X is Y's condition
        b = _before_condition(text, a, b, profile.lang)
        spans_of_acts: list[tuple[int, int]] | None = None  # the clause's acts, when needed
        for topic in profile.topics:
            found = profile.topic_cues(topic).pattern.search(text, a, b)
            if found is None:
                continue
            if spans_of_acts is None:
                spans_of_acts = acts(text[a:b], profile.lang)
            if circumstance(text[a:b], found.start() - a, spans_of_acts, profile.lang):
                continue
            if topic.name not in first or found.start() < first[topic.name][0]:
                negated_by = _negating(text, a, b, found.start(), profile.lang)
                first[topic.name] = (
                    found.start(),
                    topic.model_copy(update={"negated_by": negated_by}),
                )
    return [topic for _, topic in sorted(first.values(), key=lambda x: x[0])]


def _before_condition(text: str, a: int, b: int, lang: Language) -> int:
    """Where a clause's condition starts, or `b`.

    A topic named in the condition ("... only as long as the city keeps its levy low") is
    not what the speaker takes a side on.
    """
    cut = next((c.start() for c in conditions(text[a:b], lang) if c.start() > 0), None)
    return b if cut is None else a + cut


def _negating(text: str, a: int, b: int, at: int, lang: Language) -> str:
    """The verb of opposition whose object holds offset `at`, or "".

    "opposes any arms sales" is one, and a negated verb of support reads the same way
    ("will not accept any quotas"), when `at` is in the verb's object or its complement
    ("rejects the demands of the guilds" is not against what the guilds demand), or an
    existential negation names it ("There will be no peacekeepers"). A negated group
    alone is not enough here: "clarify that Moscow cannot dictate the league's expansion
    decisions" takes no stance on expansion. Whose a negated group is, the speaker's or
    another's, is read per speaker (`own_negation`).
    """
    clause = text[a:b]
    for verb in lang.cues("stance_verbs").find(clause):
        negated_by = negated_verb(clause, verb, lang)
        if negated_by and verb.end() <= at - a < object_end(clause, verb.end(), lang):
            return negated_by
    return existential(clause, at - a, lang)  # "There will be no peacekeepers ..."


def own_negation(text: str, topic: Cues, side: frozenset[str], profile: Profile) -> str:
    """The negated verb group by which the speaker's side is against a tracked topic, or "".

    "Keller says the government will not retaliate against the levy" and "Riverton will
    never join the league, Keller said" (with a Riverton dateline) put Keller against what
    the tracked word names, when that word is the group's main verb or the head of its
    object ("will not host nuclear weapons"; not "cannot dictate the league's expansion
    decisions", whose head is "decisions"), and the group's subject is the speaker's own
    side: a name in `side` (the speaker's names and the state of the article's dateline,
    lower case), a word for it (`self_subjects`: "the government", "we"), or none, as in
    "... backs talks but does not seek membership", where the first clause's subject counts.
    "Keller said Moscow will never accept membership" is Moscow's stance, not Keller's:
    no group is returned, and a `supports` label stays dropped by the negation check.
    """
    lang = profile.lang
    if (cue := topic.pattern.search(text)) is None:
        return ""
    at, prior = cue.start(), None  # "Chile would not join it and would not ask for ...": one
    a, b = next(((a, b) for a, b in clauses(text) if a <= at < b), (0, len(text)))
    clause = text[a:b]
    for group in lang.cues("verb_groups").find(clause):
        found = group_object(clause, group, lang)
        joined = re.search(r"\s(?:and|or)\s+$", clause[: group.start()])  # subject for both
        prior = subject = prior if joined else _subject(clause[: group.start()], lang)
        if found is None or not found.negated_by:
            continue
        if found.verb.lower() in lowered(lang.reversing_verbs):
            continue  # "will never give up its levy" is for the levy: no forced reading
        start, negated_by = found.start, found.negated_by
        verb = list(WORD.finditer(clause[:start]))[-1]
        if not (verb.start() <= at - a < verb.end() or head_at(clause, start, at - a, lang)):
            continue
        if subject == "":  # "..., but does not seek membership": the first clause's subject
            subject = _subject(text[:a], lang, first=True)
        if subject is not None and own_subject(subject, side, lang):
            return negated_by
    return ""


def _subject(before: str, lang: Language, *, first: bool = False) -> str | None:
    """The subject before a verb group, in lower case, or None when a verb is in the way.

    With `first`, the subject of the text's first verb after its first reporting verb
    instead ("Keller said his government backs ..." gives "his government"); see
    `acts.subject_words`.
    """
    words = subject_words(before, lang, first=first)
    return None if words is None else " ".join(w.group().lower() for w in words)


def clauses_naming(text: str, topic: Cues, lang: Language | None = None) -> list[str]:
    """The clauses that name `topic`; with `lang`, only their predicates that name it.

    With `lang`, a relative clause counts only when no other names the topic: in "Anna
    Keller, who once opposed tariffs, now says duties are necessary" the duties' clause
    is the speaker's, the relative one her past.
    """
    spans = clauses(text)
    if lang is not None:
        spans = [p for a, b in spans for p in predicates(text, a, b, lang)]
    named = [text[a:b] for a, b in spans if topic.any(text[a:b])]
    if lang is not None:
        relatives = lowered(lang.relatives)
        own = [c for c in named if c.strip(" ,").split(" ", 1)[0].lower() not in relatives]
        named = own or named
    return named or [text]


# The fields whose words can put a speaker for something (`takes_side`)
_SIDE_FIELDS = (
    "stance_verbs", "verb_groups", "commitment_cues", "verdicts_for", "verdicts_against",
)  # fmt: skip


def takes_side(text: str, lang: Language) -> bool:
    """Whether a sentence has a word that can put a speaker for something.

    That is a stance verb, a verb group ("will", "wants"), a commitment ("pledged",
    "insists on") or a verdict ("called the quotas unfair", `verdicts_against`). A
    possibility modal that is not negated only says what may happen ("warned that the
    tariffs could cut exports"): it puts no one for anything.
    """
    return any(not possible(text, m, lang) for m in lang.cues(*_SIDE_FIELDS).find(text))


def takes_side_on(text: str, topic: Cues, lang: Language) -> bool:
    """Whether a sentence's words that take a side fall on the topic it names.

    Such a word (`takes_side`) counts in a clause that names the topic, or as a stance
    verb or commitment before the topic's first word ("pledged that the league will
    continue ..."), unless it opposes (`negation`: "warns against a trade war, says
    retaliation would hurt"). One elsewhere in the sentence does not: in "Keller stressed that
    'Acme requested membership, but there is no consensus'" the speaker takes no side on
    membership, and in "There are various ways to provide guarantees ... But a direct role
    would be challenging" the "would" is about another thing.
    """
    cue = topic.pattern.search(text)
    if cue is None:
        return takes_side(text, lang)
    against = lang.cues("negation").pattern  # "warns against a trade war, says retaliation"
    if (
        any(
            not against.fullmatch(m.group())
            for m in lang.cues("stance_verbs", "commitment_cues").find(text[: cue.start()])
        )
        or (cleft_object(text, after_dateline(text), lang) or len(text)) <= cue.start()
    ):
        return True  # "What Chile wants, officials say, is a pact": the cleft's verb falls on it
    predicted = not conditions(text, lang)  # "troops will stay only if ...": a commitment
    return any(
        _takes_side_of(clause, topic, lang, predicted) for clause in clauses_naming(text, topic)
    )


def _takes_side_of(clause: str, topic: Cues, lang: Language, predicted: bool) -> bool:
    """`takes_side` in one clause; with `predicted`, a prediction about the topic says nothing.

    "a ceasefire without it will merely give Acme time" says what the ceasefire would do:
    the "will" (`prediction_modals`) is the ceasefire's, not the speaker's backing of it.
    "guarantees must be binding" (a demand) and "troops would stay only if ..." (a
    condition, when the sentence sets one: not `predicted`) still take a side.
    """
    if not predicted:
        return takes_side(clause, lang)
    modals = lowered(lang.prediction_modals)
    for found in lang.cues(*_SIDE_FIELDS).find(clause):
        if possible(clause, found, lang):
            continue
        if found.group().lower() not in modals:
            return True
        words = subject_words(clause[: found.start()], lang)
        if words is None or not topic.any(" ".join(w.group() for w in words)):
            return True
        # "the duties protect growers and will stay": a first predicate may take the side
        cue = topic.pattern.search(clause)
        between = clause[cue.end() : found.start()].lower().split() if cue else []
        if set(between) & lowered(lang.report_joints):
            return True
    return False


def check_stance(
    label: str,
    text: str,
    topic: Cues,
    profile: Profile,
    *,
    negated_by: str = "",
    urged: bool = False,
    worded: str = "",
) -> Checked:
    """The polarity to keep for a stance `label` on a sentence, after its cue checks.

    `negated_by`: the negated verb group the topic is the object of ("would not station"):
    a `supports` there is the speaker against it (the 1.5B answers so for most of them),
    and so is a `conditional` when the sentence sets no condition ("would not send
    soldiers before a ceasefire": a time, not a condition).
    A condition is one of the language's or one of the profile's `conditional` status
    cues ("after a peace": a time in the language, a condition of a guarantee).
    `urged`: the topic is an act the speaker urges ("urged Norway to keep talking"), which
    an `opposes` contradicts and on which urging takes a side (no stance verb is needed).
    A `supports` on a topic the sentence undoes ("will remove tariffs") is dropped, unless
    the topic is `worded` with its act ("lifting the ban"), and so is one after a verb of
    doubt ("I doubt they will send soldiers", `doubt_verbs`). An `opposes` on a topic whose
    undoing is the infinitive of a word against ("rejects the demands to withdraw the
    weapons") is against the undoing, not the topic, and is dropped unless `worded` with
    the act ("a deal that leaves the duties in place" is no such infinitive).
    """
    acted = worded.split(" ", 1)[0].lower() in undoing_words(profile.lang)
    checked = _checked(label, text, topic, profile, negated_by, urged)
    kept = label == checked.polarity == "supports" and not negated_by
    if kept and not acted and (undone := undoing_verb(text, topic, profile.lang)):
        return Checked(None, f"labelled supports, but the sentence undoes the topic ({undone!r})")
    at = topic.pattern.search(text)
    if (
        label == checked.polarity == "opposes"
        and at
        and not acted
        and not negated_by
        and (undone := undoing_verb(text, topic, profile.lang))
    ):  # "rejects the demands to withdraw the weapons": against withdrawing them, not them
        before = text[: text.rfind(undone, 0, at.start())]  # "... demands to| withdraw"
        against = profile.lang.cues("negation").find(before)
        if against and before.rstrip().lower().endswith(" to"):
            return Checked(None, f"labelled opposes, but what it opposes ({against[-1].group()!r})"
                                 f" is undoing the topic ({undone!r})")  # fmt: skip
    doubt = profile.lang.cues("doubt_verbs").find(text[: at.start()]) if kept and at else []
    if doubt:  # "I doubt many governments will send soldiers"
        return Checked(None, f"labelled supports, but the speaker doubts it ({doubt[0].group()!r})")
    if kept and not urged and (copula := described(text, topic, profile.lang)):
        return Checked(None, f"labelled supports, but the sentence says what the topic is, "
                             f"with no verdict ({copula!r})")  # fmt: skip
    if urged and checked.polarity == "opposes":
        return Checked(None, "labelled opposes, but the speaker urges the act (or wants it)")
    return checked


def _checked(
    label: str, text: str, topic: Cues, profile: Profile, negated_by: str, urged: bool = False
) -> Checked:
    if label == "none":
        return Checked(None, "the model found no stance of this actor on this topic")
    lang = profile.lang
    named = " ".join(clauses_naming(text, topic, lang))
    if label in ("supports", "opposes") and (both := either_way(named, topic, lang)):
        return Checked("neutral", f"labelled {label}, read as neutral: the speaker takes "
                                  f"neither side ({both!r})")  # fmt: skip
    # "..., but only after a ceasefire"; and the profile's own conditions of a guarantee:
    # "guarantees should be discussed after a peace agreement is reached"
    conditioned = conditions(text, lang, topic) + profile.status_cue("conditional").find(text)
    conditioned = [c for c in conditioned if not in_subject(text, c.start(), lang)]  # "was backed"
    # "would not join until ...": the negation holds only until the condition is met
    leads = lowered(lang.negated_conditions)
    until = [c for c in conditioned if c.group().strip().lower() in leads]
    if negated_by and label == "supports" and until:
        cue = until[0].group().strip()
        return Checked("conditional", f"labelled supports, the topic is negated "
                                      f"({negated_by!r}) until a condition ({cue!r})")  # fmt: skip
    if negated_by and label == "supports":
        return Checked(
            "opposes", f"labelled supports, read as opposes: the topic is negated "
            f"({negated_by!r})"
        )  # fmt: skip
    negated = uncancelled(named, lang.cues("negation").find(named), lang, topic)
    if label == "supports" and conditioned and negated and only_against(named, negated, lang):
        cue = conditioned[0].group().strip()
        against = negated[0].group().strip()
        return Checked("conditional", f"labelled supports, a negated verb of opposition "
                                      f"({against!r}) with a condition ({cue!r})")  # fmt: skip
    if label in ("supports", "neutral") and negated:  # "Polish soldiers will not be sent"
        cue = negated[0].group().strip()
        return Checked(None, f"labelled {label}, but the clause negates ({cue!r})")
    if label == "supports" and not urged and not takes_side_on(text, topic, lang):
        return Checked(None, "labelled supports, but the sentence takes no side on the topic (no "
                             "verb of backing, wanting or commitment falls on it)")  # fmt: skip
    if label == "conditional" and not conditioned and negated_by:  # "will not send ... before"
        note = f"the sentence sets no condition and the topic is negated ({negated_by!r})"
        return Checked("opposes", f"labelled conditional, read as opposes: {note}")
    if label == "conditional" and not conditioned:  # "appears sidelined", "never promised"
        return Checked(None, "labelled conditional, but the sentence sets no condition")
    if crossed := crossed_verb(label, named, topic, lang):
        return Checked(None, f"labelled {label}, but the verb on the topic says "
                             f"otherwise ({crossed!r})")  # fmt: skip
    threat = _threatened(named, topic, lang)
    if label == "opposes" and threat and not negated and not negated_by:
        return Checked("supports", f"labelled opposes, read as supports: the speaker threatens "
                                   f"it ({threat!r})")  # fmt: skip
    if label == "opposes" and conditioned and not negated and not negated_by:
        cue = conditioned[0].group().strip()  # "... and would restore the rule if ..."
        return Checked("conditional", f"labelled opposes, but nothing in the clause negates "
                                      f"and it sets a condition ({cue!r})")  # fmt: skip
    if label in ("supports", "neutral") and conditioned:
        cue = conditioned[0].group().strip()
        return Checked("conditional", f"labelled {label}, the clause sets a condition ({cue!r})")
    polarity: Polarity = label  # type: ignore[assignment]
    return Checked(polarity)


def _threatened(named: str, topic: Cues, lang: Language) -> str:
    """The threat verb before the topic in the clauses naming it ("threatens tariffs"), or ""."""
    cue = topic.pattern.search(named)
    threat = lang.cues("threat_verbs").find(named[: cue.start()] if cue else "")
    return threat[-1].group() if threat else ""


def set_apart(
    checked: Checked,
    part: str,
    names: frozenset[str],
    topic: str,
    given: dict[tuple[str, str], int],
    lang: Language,
) -> Checked:
    """`checked`, or a drop when a contrast sets this actor against one labelled the same.

    "Acme opposed the levy, while the Anglers urged a higher one": an actor named after
    ", while" (`contrast_joints`) and labelled as the actor before it was misread.
    `given` keeps, per (topic, polarity), where the first actor so labelled is named.
    """
    if checked.polarity is None:
        return checked
    lowered = part.lower()
    at = min((i for n in names if (i := lowered.find(n)) >= 0), default=len(part))
    first = given.setdefault((topic, checked.polarity), at)
    joints = lang.cues("contrast_joints").find(part)
    contrast = next((j for j in joints if part[: j.start()].rstrip().endswith(",")), None)
    if contrast and first < contrast.start() < at:
        return Checked(None, f"labelled {checked.polarity} like an actor set against it by "
                             f"{contrast.group()!r}")  # fmt: skip
    return checked
