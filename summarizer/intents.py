"""Whose act a reported clause states: a speaker who says another will act takes no side.

"Keller said Moscow will impose tariffs" tells what Moscow will do, and "Keller warned
that an escalation would hurt consumers" what an escalation would; neither puts Keller
for tariffs or for hurting anyone, whatever the model answers. The same words with the
speaker's own side as subject ("we will", "the government would", "Riverton will" from a
Riverton minister) are a commitment, and stay. Nor is a speaker who names the price of
something plainly for it: "neutrality is a crucial condition for any peace accord" is
conditional support (`unless_conditioned`).
"""

from __future__ import annotations

import re

from .acts import subject_words
from .checks import Checked
from .objects import group_object
from .patterns import any_word, whole_word
from .phrases import WORD, clauses, lowered
from .profile import Cues, Language
from .subjects import possessive

__all__ = [
    "others_act",
    "reported_act",
    "stated_against",
    "unless_asked",
    "unless_bygone",
    "unless_conditioned",
    "unless_others_act",
    "unless_relieved",
    "unless_set_aside",
]


def others_act(
    text: str, topic: Cues, side: frozenset[str], named: frozenset[str], lang: Language
) -> str:
    """The subject of another's act on `topic` that `text` reports, in lower case; else "".

    The topic must be in the predicate of a verb group of intent or prediction
    (`intent_groups`: "will", "wants") that is not negated, in the clause that names it.
    Its subject, the words after the last comma before the group, must be a common noun
    phrase that cannot be the speaker's side, since whose side a named actor is the article
    seldom says ("Keller said Riverton will ..." from Riverton's minister): no actor's name
    (`named`, lower case, and `side`), no capitalised word but a first of several that opens
    the clause ("Accepting a ceiling would ..."), not one of `self_subjects` ("the
    government"), and no word that may stand for the speaker ("we", "it", "his", "the
    president": `particle_subjects`, `pronouns`, `possessive_determiners`, `role_heads`,
    `titles`, the first persons), and no copula (", is believed to be ready to": a
    predicate after a comma, not a subject). A subject that names the topic itself ("a
    ceasefire would give Acme time") is a prediction about the topic, which
    `checks.takes_side_on` weighs; a requirement ("any force would need air cover",
    `demand_words`) is the speaker's.
    """
    cue = topic.pattern.search(text)
    if cue is None:
        return ""
    a, b = next(((a, b) for a, b in clauses(text) if a <= cue.start() < b), (0, len(text)))
    clause, at = text[a:b], cue.start() - a
    standing = lowered(lang.first_person) | lowered(lang.first_person_plural)
    standing |= lowered(lang.particle_subjects) | lowered(lang.pronouns)
    standing |= lowered(lang.possessive_determiners) | lowered(lang.role_heads)
    standing |= lowered(lang.titles) | {w for w in lowered(lang.self_subjects) if " " not in w}
    for group in lang.cues("intent_groups").find(clause[:at]):
        found = group_object(clause, group, lang)
        if found is None or found.negated_by:  # a negated group: the negation checks'
            continue
        if set(clause[group.start() : found.start].lower().split()) & lowered(lang.demand_words):
            continue  # "any force would need air cover": a requirement
        comma = clause.rfind(",", 0, group.start())
        words = [w for w in subject_words(clause[: group.start()], lang) or [] if w.start() > comma]
        subject = clause[words[0].start() : words[-1].end()].lower() if words else ""
        opening = len(words) > 1 and not clause[: words[0].start()].strip(" \t\"'“‘")
        if (
            not subject
            or any(w.group()[:1].isupper() for w in words[1 if opening else 0 :])
            or subject in lowered(lang.self_subjects)
            or set(subject.split()) & (standing | lowered(lang.copulas))  # "is believed to be"
            or any_word(side | named).search(subject) is not None
            or topic.any(subject)
        ):
            continue
        return subject
    return ""


def unless_others_act(
    checked: Checked,
    text: str,
    topic: Cues,
    side: frozenset[str],
    named: frozenset[str],
    lang: Language,
) -> Checked:
    """`checked`, or no stance when its `supports` or `conditional` is another's act.

    "Keller said the farmers want a levy": `others_act` names "the farmers", and the
    dropped item says so. An `opposes` is dropped when the topic is in another actor's
    reported act with no word against it (`reported_act`).
    """
    if checked.polarity == "opposes" and (did := reported_act(text, topic, side, named, lang)):
        return Checked(None, f"labelled opposes, but the sentence reports what {did!r} did")
    if checked.polarity not in ("supports", "conditional"):
        return checked
    other = others_act(text, topic, side, named, lang)
    if not other:
        return checked
    return Checked(None, f"labelled {checked.polarity}, but it is what {other!r} will do or wants")


_THAT = re.compile(r"\s+(?:that\s+)?")


def reported_act(
    text: str, topic: Cues, side: frozenset[str], named: frozenset[str], lang: Language
) -> str:
    """The other actor (lower case) whose reported act names the topic, with nothing against it.

    "Chilean minister Anna Keller said Peru had walked out of the talks": Peru's act, and
    no negation or verdict against the talks in it; the minister's side on the talks is
    not stated. Only an act done (a perfect or past verb first: "would regard" is an intent,
    whose side the speaker may share) counts, and a verdict ("Keller said Peru's levy was
    unfair") or a possessive makes it "".
    """
    cue = topic.pattern.search(text)
    said = lang.cues("reporting_verbs").find(text[: cue.start()]) if cue else []
    if cue is None or not said:
        return ""
    opened = _THAT.match(text, said[-1].end())
    start = opened.end() if opened else said[-1].end()
    lead = text[start : cue.start()]
    other = next((n for n in named - side if n and lead.lower().startswith(n)), "")
    rest = lead[len(other) :]
    if not other or possessive(rest, 0) or re.search(r"[,;:]", rest):
        return ""
    verb = next(iter(WORD.findall(rest)), "").lower()  # "had walked out": what it did
    done = verb in lowered(lang.perfect_auxiliaries) or verb.endswith(tuple(lang.verb_endings))
    return "" if not done or lang.cues("negation", "verdicts_against").any(rest) else other


def unless_conditioned(checked: Checked, text: str, topic: Cues, lang: Language) -> Checked:
    """`checked`, or `conditional` when its `supports` is on what a condition is set for.

    "Moscow maintains that neutrality is a crucial condition for any peace accord": a
    noun of condition (`condition_nouns`: "condition for") with the topic at most two
    words after it ("any peace accord").
    """
    if checked.polarity != "supports":
        return checked
    for cue in lang.cues("condition_nouns").find(text):
        at = topic.pattern.search(text, cue.end())
        if at is not None and len(text[cue.end() : at.start()].split()) <= 2:
            note = f"labelled supports, but the sentence sets a condition for it ({cue.group()!r})"
            return Checked("conditional", "; ".join(n for n in (checked.note, note) if n))
    return checked


def unless_relieved(checked: Checked, text: str, topic: Cues, lang: Language) -> Checked:
    """`checked`, or dropped when its `supports` is on what the speaker seeks relief from.

    "We urge you to seek an exemption for British-built cars from the 25 percent tariff":
    a word of relief (`relief_words`: "exemption", "spared") and, after it in the same
    clause, "from" with the topic at most three words on. The speaker is for the relief,
    not for the tariff: the stance is dropped, not turned (an `opposes` is kept).
    """
    if checked.polarity != "supports":
        return checked
    for a, b in clauses(text):
        for cue in lang.cues("relief_words").find(text[a:b]):
            for lead in re.finditer(r"\bfrom\s", text[a + cue.end() : b]):
                start = a + cue.end() + lead.end()
                at = topic.pattern.search(text, start, b)
                if at is not None and len(text[start : at.start()].split()) <= 3:
                    return Checked(None, f"labelled supports, but the speaker seeks relief from "
                                         f"it ({cue.group()!r})")  # fmt: skip
    return checked


def unless_bygone(checked: Checked, text: str, lang: Language) -> Checked:
    """`checked`, or dropped when the side it states is one held before (`bygone_cues`).

    "Ireland used to argue that the pact would ruin its farmers" says what Ireland no
    longer says; "Austria, which used to oppose the deal, now backs it" is kept: a present
    word (`present_words`) after the cue gives the side now held.
    """
    if checked.polarity is None:
        return checked
    for cue in lang.cues("bygone_cues").find(text):
        if not lang.cues("present_words").any(text[cue.end() :]):
            return Checked(None, f"a side held before, not now ({cue.group()!r})")
    return checked


def unless_set_aside(checked: Checked, text: str, topic: Cues, lang: Language) -> Checked:
    """`checked`, or dropped when the topic's words follow one that sets them aside.

    "Every guarantee Chile has been given short of membership has failed" is about the
    guarantees, not membership; "instead of a levy", "rather than tariffs" alike
    (`aside_leads`): a side the label states on the topic there is not the sentence's. Up
    to three words and a time phrase may stand between ("Chile stopped short on Friday of
    offering Peru a guarantee" takes no side on guarantees).
    """
    cue = topic.pattern.search(text)
    if checked.polarity is None or cue is None:
        return checked
    before = lang.cues("time_phrases").pattern.sub(
        " ", text[max(0, cue.start() - 60) : cue.start()]
    )
    words = " ".join(WORD.findall(before)).lower()  # "stopped short on Friday of offering it a"
    for lead in lowered(lang.aside_leads):
        if re.search(rf"\b{re.escape(lead)}(?:\s+\w+){{0,3}}$", words):
            return Checked(None, f"labelled {checked.polarity}, but the sentence sets the "
                                 f"topic aside ({lead!r})")  # fmt: skip
    return checked


def unless_asked(checked: Checked, text: str, topic: Cues, lang: Language) -> Checked:
    """`checked`, or dropped when the topic is in a question the sentence leaves open.

    "It is not clear whether member states would support a delay" and "Whether Chile would
    back the plan remains unknown" state no one's side: a `question_leads` word ("whether")
    before the topic, after a word that says it is not known (`stated_hedges`) or opening
    the sentence with such a word after it.
    """
    if checked.polarity is None or (at := topic.pattern.search(text)) is None:
        return checked
    hedges = lang.cues("stated_hedges").find(text)
    for lead in lang.cues("question_leads").find(text[: at.start()]):
        opening = not text[: lead.start()].strip(' "“')
        if any(h.end() <= lead.start() or (opening and h.start() > at.end()) for h in hedges):
            return Checked(None, f"the sentence leaves it open ({lead.group()!r})")
    return checked


def stated_against(
    label: str, against: str, part: str, side: frozenset[str], names: frozenset[str],
    lang: Language,
) -> str:  # fmt: skip
    """The opposing stance verb the speaker puts on the topic, where the model saw none.

    "The Indian commerce minister, Piyush Goyal, has ruled out cutting tariffs on dairy":
    the 1.5B answered "none". `against` is the stance verb whose object the topic is (an
    opposing one: in `negation`); the speaker's own name (`side`) must come before it with
    no other actor's (`names`), negation or reporting verb between. Else "".
    So is a negated verb group on one of the `refused_acts` ("Finland refuses to send
    instructors", "Hungary will not support Ukraine's accession"): the speaker's own act,
    refused.
    """
    verbs, lower = lowered(lang.stance_verbs), against.lower()
    refused = any(w in lowered(lang.group_negations) for w in lower.split()[:-1]) and any(
        lower.endswith(f" {act}") for act in lowered(lang.refused_acts)
    )
    if label != "none" or (
        not refused and (lower not in verbs or not lang.cues("negation").any(against))
    ):
        return ""
    at = part.lower().find(against.lower())
    head = part[: max(at, 0)].lower()
    mine = [m.end() for f in side if f for m in whole_word(f).finditer(head)]
    if at < 0 or not mine:
        return ""
    between = head[max(mine) :]
    others = any_word(frozenset(n for n in names - side if n)).search(between) is not None
    if others or lang.cues("negation", "reporting_verbs").any(between):
        return ""
    return against
