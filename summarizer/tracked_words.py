"""How a position words a tracked topic: in the sentence's own words.

Without the act that undoes it when a negated group governs it ("will not drop its
tariffs" is for "its tariffs"); with it otherwise ("would lift the tariffs", "opposed
removing the tariffs"), and for a `conditional` ("would drop the tariffs only if ..." is
conditional on dropping them). A stance worded with such an act, or with an act on
something the topic only qualifies, is asked about as worded and filed under no issue.
A wording keeps the scope the sentence gives the topic ("lower tariffs would be part of
the trade deal": on lower tariffs as part of the deal, not on lower tariffs).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .acts import action, base_verb, is_act, naming_acts, undoing_acts
from .negations import undoing_words
from .objects import main_clauses, open_topics
from .phrases import WORD, cue_phrase, lowered, verb_openers
from .profile import Cues, Language, Profile, TrackedTopic
from .relatives import relative

__all__ = ["asked_about", "balanced", "complement_only", "elsewhere", "urged_on", "worded"]


def worded(
    text: str, topic: TrackedTopic, profile: Profile, *, before: str = "", undone: bool = False
) -> str:
    """A tracked topic in the article's own words, or its name when the sentence has none.

    The object of the sentence's stance verb or verb group that names the topic: "the
    union opposes the new steel quotas" gives "new steel quotas" for a tracked "import
    limits" named by "quotas", and "wants the monitors to stay" gives "monitors" for a
    tracked "monitors after a truce" (which, in an article about a standing mission, the
    name would state wrongly). The stance is filed under the name (`Position.issue`)
    either way. An act that undoes is left out of a negated group: "will not drop its
    tariffs" is for "its tariffs", and a `supports` worded "dropping its tariffs" would
    state the reverse. It stays otherwise ("would lift the tariffs", "opposed removing the
    tariffs"), and is asked about so (`asked_about`). A naming verb's act is left out:
    "would regard any troops as targets" is about "any troops".
    With `undone`, an act that undoes is kept, for a `conditional`: "would drop the
    counter-tariffs only if ..." is conditional on dropping them, not on the tariffs. A
    preposition that opens the words (`span_leads`: "about sending troops") is left out, and
    so is a time phrase that ends them (`time_phrases`: "... with Chile last year").
    """
    wording = _fitted(text, _worded(text, topic, profile, before, undone), topic, profile.lang)
    timed = profile.lang.cues("time_phrases").find(wording)  # "an agreement with Chile last year"
    if timed and timed[-1].start() > 0 and not wording[timed[-1].end() :].strip(" ."):
        wording = wording[: timed[-1].start()].rstrip(" ,")
    lead = profile.lang.cues("span_leads").pattern.match(wording)  # "about sending troops"
    return wording[lead.end() :].strip() if lead and wording[lead.end() :].strip() else wording


def complement_only(
    text: str,
    topic: TrackedTopic,
    profile: Profile,
    found: list[TrackedTopic] | None = None,
    judged: Sequence[TrackedTopic] = (),
) -> bool:
    """Whether a tracked topic is named only in the complement of a stance verb's object.

    "called for a stronger safeguard clause in the Riverton trade agreement" takes a side
    on the clause, not on the agreement (a tracked "trade agreement"); "backs a cap on
    tariffs" is not for tariffs. The object is asked about instead, with its complement.
    `found`: the sentence's `open_topics`, when the caller has them already. Of what its
    verdicts judge (`judged`), only a plan's act counts: "Chile's offer to cut car tariffs
    is a good deal" is not for tariffs, but "Peru's path to the league is irreversible" stays
    a stance on the tracked membership.
    """
    names_it, lang = profile.topic_cues(topic).pattern, profile.lang
    found = open_topics(text, profile) if found is None else found
    found = [*found, *(j for j in judged if j.name.split()[-1].lower() in lowered(lang.plan_nouns))]
    leads, undoing = lowered(lang.complement_leads), undoing_words(lang)
    led = [
        t
        for t in found
        if t.worded.startswith(f"{t.name} ")  # "a cap| on tariffs"
        and t.worded[len(t.name) :].split()[0].lower() in leads
        and t.name.split()[-1].lower() not in undoing
    ]  # not "an end| to the tariffs"
    placed = [t for t in found if _in_place(text, t.name, names_it, lang)]  # "| in the agreement"
    return (any(names_it.search(t.worded) for t in led) or bool(placed)) and not any(
        names_it.search(t.name) for t in found
    )


def _in_place(text: str, name: str, names_it: re.Pattern[str], lang: Language) -> bool:
    """Whether a topic is named in a phrase after `name` that places it: "| in the agreement".

    The phrase opens with a place lead (`place_leads`: "in") and names the topic within five
    words, with no comma or verb between.
    """
    at = text.find(name)
    lead = re.match(r"\s+(\w+)\s+", text[at + len(name) :]) if at >= 0 and name else None
    if lead is None or lead.group(1).lower() not in lowered(lang.place_leads):
        return False
    rest = text[at + len(name) + lead.end() :]
    cue = names_it.search(rest)
    return (
        cue is not None
        and len(rest[: cue.start()].split()) <= 4
        and not re.search(r"[,;:\"“”]", rest[: cue.start()])
    )


def urged_on(
    text: str, topic: TrackedTopic, profile: Profile, found: list[TrackedTopic] | None = None
) -> bool:
    """Whether the act a sentence words a tracked topic with is one its speaker urges.

    "said Chile should join the pact": the object naming a tracked "pact membership" is
    "joining the pact", wanted (`objects.open_topics`), so an `opposes` is dropped.
    """
    names_it = profile.topic_cues(topic).pattern
    found = open_topics(text, profile) if found is None else found  # as `complement_only`
    return any(t.urged and names_it.search(t.name) for t in found)


def _worded(text: str, topic: TrackedTopic, profile: Profile, before: str, undone: bool) -> str:
    cues = profile.topic_cues(topic)
    names_it = cues.pattern
    lang = profile.lang  # an act that undoes, or one that only names ("regarding any troops")
    undoing = naming_acts(lang) if undone else naming_acts(lang) | undoing_acts(lang)
    for found in open_topics(text, profile, before=before):
        if names_it.search(found.name) or _acts_on_other(found.worded, cues, lang):
            wording = found.worded or found.name
            act = next((a for a in undoing if wording.lower().startswith(f"{a} ")), None)
            if act in undoing_acts(lang) and (
                not found.negated_by or _sided_act(text, wording, lang)
            ):
                return wording  # "would lift the tariffs", "opposed removing the tariffs"
            return wording[len(act) + 1 :] if act else wording
    spans = [*main_clauses(text, profile), (0, len(text))]
    cue = next((m for a, b in spans if (m := names_it.search(text, a, b))), None)
    if cue is None:
        return topic.name
    phrase = cue_phrase(text, cue.start(), cue.end(), profile, before=before)
    return _with_act(text, cue.start(), phrase, lang, undoing) if phrase else topic.name


def _fitted(text: str, wording: str, topic: TrackedTopic, lang: Language) -> str:
    """`wording` fitted to what the sentence says of it.

    A wording headed by a word for who belongs ("a member of the league", `member_nouns`)
    names no issue: the topic's name is used. One cut before a copula's infinitive ("peace
    to be lasting") is the thing alone. One that is the subject of a copula whose
    complement scopes it (`scopes`: "membership would be part of the agreement") keeps
    the scope: "membership as part of the agreement".
    """
    words = [w for w in wording.split() if w.lower() not in lowered(lang.object_openers)]
    if words and words[0].lower() in lowered(lang.member_nouns):
        return topic.name
    for infinitive in lang.cues("copula_infinitives").find(wording):
        if infinitive.start() > 0:
            wording = wording[: infinitive.start()].rstrip()
            break
    at = text.find(wording)  # "tariffs on any country| that introduces such a tax": restricts
    if at >= 0 and (longer := relative(text, at + len(wording), lang, wording)):
        wording = text[at:longer].rstrip(" .")
    rest = _CLAUSE_END.split(text[at + len(wording) :], maxsplit=1)[0] if at >= 0 else ""
    copulas = lowered(lang.copulas)
    for lead, scoped in lang.scopes.items():
        found = re.search(rf"\b{re.escape(lead)}\s+", rest, re.IGNORECASE)
        gap = [w.lower() for w in WORD.findall(rest[: found.start()])] if found else []
        if found and copulas & set(gap):
            after = rest[found.end() :].split()
            ends = lowered(lang.scope_ends)
            phrase = after[: next((i for i, w in enumerate(after) if w.lower() in ends), None)]
            if 0 < len(phrase) <= _SCOPE_WORDS:  # longer: cut, it would misquote the scope
                return f"{wording} {scoped} {' '.join(phrase)}"
    return wording


_CLAUSE_END = re.compile(r"[,;:.!?—–]")
_SCOPE_WORDS = 5  # "as part of US and Russian efforts"


def _with_act(text: str, at: int, phrase: str, lang: Language, undoing: frozenset[str]) -> str:
    """`phrase` with the verb it is the object of, in a verb's place.

    "will go to buy weapons" gives "buying weapons", not "weapons": an `opposes` on
    "weapons" would state more than was said. Not a verb that is empty ("to have"), takes
    a side itself ("would block"), undoes (`undoing`) or opposes, nor a phrase the article
    named elsewhere.
    """
    start = text.rfind(phrase, 0, at + len(phrase))
    if start < 0 or start + len(phrase) <= at:
        return phrase  # worded as first named, earlier in the article
    prior = WORD.findall(text[:start])[-2:]
    if (
        len(prior) < 2
        or prior[0].lower() not in verb_openers(lang)
        or not text[:start].endswith(f"{prior[1]} ")
    ):  # "to hold, Chilean troops": a comma closed the verb's clause
        return phrase
    verb, act = prior[1].lower(), action(prior[1].lower(), lang)
    if (
        not base_verb(verb)
        or verb in lowered(lang.empty_verbs)
        or act == verb
        or act in undoing
        or lang.cues(*_SIDING).pattern.fullmatch(verb)
    ):  # "would block": a verb with a side of its own
        return phrase
    return f"{act} {phrase}"


def _sided_act(text: str, wording: str, lang: Language) -> bool:
    """Whether a stance verb takes its side on `wording`'s act: "opposed |removing the tariffs".

    Such a stance is worded with the act, and asked about so (`asked_about`): read on the
    tariffs alone, an `opposes` would state the reverse of the sentence.
    """
    at = text.lower().find(wording.lower())
    prior = [w.lower() for w in WORD.findall(text[:at])[-2:]] if at > 0 else []
    stance = lang.cues("stance_verbs").pattern
    return any(stance.fullmatch(" ".join(prior[i:])) for i in range(len(prior)))


# Verbs that say a side or a saying themselves: never the act a topic is worded with
_SIDING = ("stance_verbs", "opposing_verbs", "verb_groups", "reporting_verbs", "commitment_cues")


def asked_about(topic: TrackedTopic, wording: str, profile: Profile) -> tuple[str, bool]:
    """What to ask the model about for `topic`, and whether to file the stance under it.

    The topic's name, unless the sentence's `wording` of it is about something else
    (`elsewhere`): that wording is then asked about, and filed under no issue. A wording
    that opens with an act that undoes the topic ("removing the tariffs") is asked about
    as worded, and filed under no issue either: the merger would count an `opposes` on
    removing them as one against the tariffs. So is an act on a thing the topic only
    qualifies ("reclaiming its power over tariffs").
    """
    lang = profile.lang
    apart = elsewhere(wording, topic) or wording.split(" ", 1)[0].lower() in undoing_acts(lang)
    apart = apart or _acts_on_other(wording, profile.topic_cues(topic), lang)
    return (wording if apart else topic.name), not apart


def _acts_on_other(wording: str, cues: Cues, lang: Language) -> bool:
    """Whether `wording` is an act on a thing the topic's words only qualify.

    "reclaiming its power over tariffs" is no stance on tariffs: they are named only in
    the complement (`complement_leads`) of the act's object. An act with no object of its
    own ("applying for membership") is on what follows.
    """
    leads = "|".join(re.escape(w) for w in lang.complement_leads) or "(?!)"
    head = re.split(rf"\s(?:{leads})\s", wording, maxsplit=1)[0]
    return (head != wording and len(head.split()) > 1 and cues.any(wording)
            and not cues.any(head) and is_act(wording.split(" ", 1)[0], lang))  # fmt: skip


def elsewhere(wording: str, topic: TrackedTopic) -> bool:
    """Whether a stance worded so is about something other than `topic` (`other_words`).

    "Riverton's membership of the customs union" is no alliance's membership: the model is
    asked about the wording, not the topic's name, and the stance is filed under no issue.
    """
    return bool(topic.other_words) and Cues(phrases=topic.other_words).any(wording)


_OPENING, _CLOSING, _EITHER = "“", "”", '"'


def balanced(wording: str) -> str:
    """A wording whose quotation marks pair up: a mark left unpaired is dropped.

    A phrase cut at an object's end can stop inside a quotation ('providing "a backstop')
    or start inside one ('trading away" its workers'): the stray mark would read as a
    quotation cut short. A straight mark opens after a space or at the start, else closes.
    """
    stray: list[int] = []
    opened: int | None = None
    for i, mark in enumerate(wording):
        if mark in _OPENING or (mark in _EITHER and (i == 0 or wording[i - 1].isspace())):
            if opened is not None:
                stray.append(opened)
            opened = i
        elif mark in _CLOSING or mark in _EITHER:
            if opened is None:
                stray.append(i)
            opened = None
    stray += [opened] if opened is not None else []
    if not stray:
        return wording
    kept = "".join(c for i, c in enumerate(wording) if i not in stray)
    return " ".join(kept.split())
