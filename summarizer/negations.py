"""Which negations in a clause count against its topic, and which a verb cancels.

"will not lift its ban" is for the ban (the negation falls on undoing it), "did not rule
out joining" is no stance against joining, and "guarantees on paper would not stop an
invasion" is against the guarantees: the topic is the subject of the negated verb.
"""

from __future__ import annotations

import re
from functools import cache

from .acts import reversing_acts, undoing_acts
from .phrases import MAX_MODIFIERS, WORD, lowered, participles
from .profile import Cues, Language

__all__ = [
    "crossed_verb", "either_way", "existential", "negated_verb", "only_against", "uncancelled",
    "undoing_verb", "undoing_words",
]  # fmt: skip


def uncancelled(
    text: str, negations: list[re.Match[str]], lang: Language, topic: Cues | None = None
) -> list[re.Match[str]]:
    """The negation cues of `text` that a verb which undoes does not cancel.

    "will not lift its ban", "has no plans to end the programme": the negation falls on
    undoing the object, so a `supports` for the object does not conflict with it. A verb
    that opposes ("will not oppose", "did not rule out", `opposing_verbs`) cancels nothing.
    With `topic`, a negation whose subject names the topic is not cancelled, unless the
    verb is passive ("the guarantees could not be dropped") or its object points back
    ("nothing can change that"): in "guarantees on paper would not stop another invasion"
    the guarantees are what would not stop it.
    """
    undoing = _forms(lang.reversing_verbs, without=lang.opposing_verbs)
    kept = []
    for cue in negations:
        verb = _falls_on(text, cue, undoing, lang, 4)
        if not verb:
            kept.append(cue)
        elif topic is not None and _subject_names(text, cue.start(), topic, lang):
            after = text.lower().find(verb, cue.end()) + len(verb)  # the undone object
            if not _PASSIVE.match(text, cue.end()) and not _POINTING.match(text, after):
                kept.append(cue)
    return kept


def _subject_names(text: str, at: int, topic: Cues, lang: Language) -> bool:
    """Whether the topic is named in the subject before offset `at`, in the same clause.

    In "the levy would not stop the dumping" it is; in "must keep the levy because the
    ruling does not change that" the subject is the ruling.
    """
    leads = lowered(lang.subordinators) | lowered(lang.clause_openers) | lowered(lang.relatives)
    bounds = [m.end() for m in lang.cues("reporting_verbs").find(text[:at])]
    bounds += [m.end() for m in re.finditer(r"[,;:—–]|\b\w+\b", text[:at])
               if m.group().lower() in leads or not m.group()[:1].isalnum()]  # fmt: skip
    return topic.any(text[max([0, *bounds]) : at])


# "not be dropped", "never been lifted": the negated verb is passive, its subject undone
_PASSIVE = re.compile(r"\s+(?:\w+\s+)?(?:be|been|being)\b", re.I)
# "nothing can change that": the undone object points back to the topic
_POINTING = re.compile(r"\s+(?:it|that|this|them|these|those)\b", re.I)


def only_against(text: str, negated: list[re.Match[str]], lang: Language) -> bool:
    """Whether every negation cue of `text` is a negated verb of opposition or that verb.

    "would not rule out joining a regional response if ..." is no stance against joining;
    with a condition it is one on that condition (`check_stance`), without one it is none.
    """
    kept = set()
    for cue in negated:
        verb = _falls_on(text, cue, _forms(lang.opposing_verbs), lang, 3)
        if verb:
            found = re.finditer(re.escape(verb), text, re.I)
            kept |= {cue.start(), *(m.start() for m in found)}
    return bool(kept) and all(cue.start() in kept for cue in negated)


def either_way(text: str, topic: Cues, lang: Language) -> str:
    """The "neither endorsed nor rejected" before the topic, or "": the speaker takes no side.

    Each pair of `either_way` words ("neither", "nor") must lead a stance verb, and the
    topic must follow the second: "neither endorsed nor rejected the proposal".
    """
    at = topic.pattern.search(text)
    verbs = lang.cues("stance_verbs")
    for first, second in lang.either_way:
        pattern = rf"\b{re.escape(first)}\s+(.+?)\s+{re.escape(second)}\s+(.+)"
        for pair in re.finditer(pattern, text[: at.start()] if at else "", re.I):
            led = [verbs.pattern.match(pair.group(i)) for i in (1, 2)]
            if all(led) and len(pair.group(1).split()) <= 2:
                return pair.group().strip()
    return ""


def _falls_on(text: str, cue: re.Match[str], forms: frozenset[str], lang: Language,
              window: int) -> str:  # fmt: skip
    """The verb form of `forms` a group negation `cue` falls on, within `window` words."""
    if cue.group().strip().lower() not in lowered(lang.group_negations):
        return ""
    after = [w.lower().rstrip(".") for w in WORD.findall(text[cue.end() :])[:window]]
    for i, word in enumerate(after):
        for form in (" ".join(after[i : i + 2]), word):
            if form in forms:
                return form
    return ""


def crossed_verb(label: str, text: str, topic: Cues, lang: Language) -> str:
    """The stance verb falling on the topic that says the opposite of `label`, or "".

    "opposes a deployment and favours extending guarantees": an `opposes` on the
    guarantees carries the first verb over, but "favours" is what falls on them. A verb
    falls on the topic when at most three words stand between, none a reversing verb ("backs
    ending the ban" is for ending it, not for the ban) or a negation ("does not oppose"). Against
    a `supports`: a verb of `opposing_verbs` or one ending in `against_particles` ("voted
    down"); against an `opposes`: one of `backing_verbs` ("wants the fees exempted";
    "criticised" is no side this check can read), unless an undoing word follows the topic
    ("wants the tariffs lifted").
    """
    if label not in ("supports", "opposes") or not (at := topic.pattern.search(text)):
        return ""
    verbs = lang.cues("stance_verbs", "backing_verbs").find(text[: at.start()])  # "wants"
    after = WORD.findall(text[at.end() :])[:1]  # "wants the tariffs lifted": against them
    if not verbs or (after and _undoing(after[0].rstrip("."), lang)):
        return ""
    verb, between = verbs[-1], WORD.findall(text[verbs[-1].end() : at.start()])
    before = WORD.findall(text[: verb.start()])[-3:]
    if (
        len(between) > 3
        or any(_undoing(w, lang) for w in between)
        or lang.cues("negation").find(" ".join([*before, *between]))
    ):
        return ""
    words = verb.group().lower().split()
    against = words[-1] in lowered(lang.against_particles) or any(
        w in _forms(lang.opposing_verbs) for w in words
    )
    backing = " ".join(words) in lowered(lang.backing_verbs)
    if (
        backing
        and not lang.cues("stance_verbs").any(verb.group())
        and topic.pattern.search(text, at.end())
    ):
        return ""  # "He wants it. Well, he was never going to get it": named twice
    crossed = (label == "supports" and against) or (label == "opposes" and backing)
    return verb.group().strip() if crossed else ""


def undoing_verb(text: str, topic: Cues, lang: Language) -> str:
    """The verb that undoes the topic where the sentence names it ("will remove tariffs"), or "".

    A reversing verb that is not one of opposition (`reversing_verbs`, `opposing_verbs`)
    with at most two words between it and the topic, none a stance verb, and no negation
    in the three words before it ("will not lift its ban" keeps the ban: none). After "for",
    a stance verb or a verb group other than a modal it describes the object ("wants lower
    tariffs": none). A `supports` for the topic as worded without the act states the
    reverse of the sentence ("the agreement will remove tariffs" read as for the tariffs).
    So does "to" and such a verb right after the topic ("calls for the safeguard to expire"),
    unless the topic is a plan or offer the act is the content of ("its offer to cut duties").
    """
    if not (at := topic.pattern.search(text)):
        return ""
    words = [w for w in WORD.findall(text[: at.start()]) if not w[:1].isdigit()]  # "its 20 %"
    undoing = undoing_words(lang)
    stance, groups = lang.cues("stance_verbs"), lang.cues("verb_groups")
    for at_word in range(len(words) - 1, max(len(words) - 4, -1), -1):
        if stance.find(" ".join(words[at_word + 1 :])):
            return ""  # "backs ending": the stance verb's, `crossed_verb`
        if words[at_word].lower() in undoing:
            lead = words[at_word - 1].lower() if at_word else ""
            described = (
                lead == "for"
                or stance.pattern.fullmatch(lead)
                or (groups.pattern.fullmatch(lead) and lead not in lowered(lang.modals))
            )
            negated = lang.cues("negation").find(" ".join(words[max(at_word - 3, 0) : at_word]))
            return "" if described or negated else words[at_word]
    # "calls for the safeguard to expire", "wants the tariffs to be lifted": undone after it
    after: list[str] = [w.lower().rstrip(".") for w in WORD.findall(text[at.end() :])[:5]]
    head = WORD.findall(at.group())[-1:]  # "Chile's offer to cut tariffs": what the offer is
    planned = lowered(lang.plan_nouns + lang.named_anaphors + lang.request_anaphors)
    if "to" in after[:2] and not {w.lower() for w in head} & planned:
        act = after[after.index("to") + 1 :][:2]
        act = act[1:] if act and act[0] in lowered(lang.copulas) else act[:1]
        if act and act[0] in undoing:
            return act[0]
    return ""


def undoing_words(lang: Language) -> frozenset[str]:
    """Every form of a verb that undoes and does not oppose: "lift", "lifts", "lifting"."""
    return _forms(lang.reversing_verbs, lang.opposing_verbs) | undoing_acts(lang)


def _undoing(word: str, lang: Language) -> bool:
    """Whether `word` is a reversing verb or its act ("ending", "lift", `reversing_verbs`)."""
    return word.lower() in reversing_acts(lang) | _forms(lang.reversing_verbs)


@cache
def _forms(verbs: tuple[str, ...], without: tuple[str, ...] = ()) -> frozenset[str]:
    """The forms of `verbs` not in `without`: base, -s, and -ed (`participles`)."""
    kept = tuple(v for v in verbs if v.lower() not in lowered(without))
    return participles(kept) | frozenset(f"{v.lower()}s" for v in kept if " " not in v)


def existential(clause: str, at: int, lang: Language) -> str:
    """The existential negation whose noun phrase holds offset `at`, or "".

    "There will be no peacekeepers from any third country" is against the peacekeepers:
    the cue (`existential_negations`) and at most `MAX_MODIFIERS` words ("no foreign
    peacekeepers") before the word at `at`, with no clause break, object end or complement
    lead between: "there is no alternative to membership" and "no prospect of membership"
    say nothing against membership.
    """
    ends = lowered(lang.object_ends) | lowered(lang.complement_leads)
    for cue in lang.cues("existential_negations").find(clause[:at]):
        between = [w.lower() for w in WORD.findall(clause[cue.end() : at])]
        if len(between) <= MAX_MODIFIERS and not ends & set(between) and not re.search(
            r"[,;:!?()]", clause[cue.end() : at]
        ):  # fmt: skip
            return cue.group().strip()
    return ""


def negated_verb(clause: str, verb: re.Match[str], lang: Language) -> str:
    """What makes a stance verb's object something the speaker is against, or "".

    A verb of opposition ("opposes any arms sales") or a negated verb of support ("will
    not accept the quotas") does; both together ("does not oppose") cancel out and force
    no reading, and neither does a verb that undoes ("will not lift").
    """
    word = verb.group().lower()
    particle = re.match(r"\s+(\w+)", clause[verb.end() :])
    favouring = particle is not None and particle.group(1).lower() in lowered(lang.favour_particles)
    opposing = word in lowered(lang.negation) and not favouring  # not "fights for lower fees"
    if word in lowered(lang.reversing_verbs) and not opposing:
        return ""
    before = list(WORD.finditer(clause[: verb.start()]))[-3:]
    negations = lowered(lang.group_negations)
    for i, prior in enumerate(before):
        if prior.group().lower() in negations:
            if opposing:
                return ""
            start = next((w.start() for w in before[:i] if w.group().lower() in
                          lowered(lang.verb_groups)), prior.start())  # fmt: skip
            return clause[start : verb.end()]
    return verb.group() if opposing else ""
