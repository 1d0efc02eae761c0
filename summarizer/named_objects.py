"""A topic the model names, in the sentence's own words, where code found none.

Code finds a topic three ways: a tracked topic's words, the object of a stance verb or
verb group, the thing a verdict judges. A sentence written otherwise ("Norway has ruled out
sending inspectors", "Chile has declined to take part in any deployment") has a speaker and
no topic, so nothing was asked and the article's stance was lost. There the model is asked
to copy the words that name what the speaker takes a side on (`label.ask_object`); the
answer is used only if it is words of the sentence's part that the speaker states, names
something, and is not the speaker. The stance on it is then asked and checked like any
other: the model names the topic, it never decides the polarity unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator
from typing import Any

from .acts import action, base_verb, done_by_thing, empty_acts, subject_words
from .label import Ask, ask_object, read_span
from .patterns import any_word
from .phrases import QUOTED, WORD, actor_names, bare, clauses, lowered, possible
from .profile import Language, Profile, TrackedTopic

__all__ = ["MAX_TOPIC_WORDS", "asked_object", "object_topic"]

MAX_TOPIC_WORDS = 8
MIN_TOPIC_WORDS = 2
NEGATION_REACH = 3  # words before the topic in which a "not" negates it ("will not send")


def asked_object(
    take: Callable[[Any, Ask], str | None],
    sentence: str,
    part: str,
    actor: str,
    forms: frozenset[str],
    profile: Profile,
) -> Generator[Ask, Any, list[TrackedTopic]]:
    """Ask what `actor` takes a side on in `sentence`; the topic its answer names, if any.

    `take` reads an answer (`assemble.Stage.take`); `part` is the report part of the
    sentence the stance is in, `forms` the actor's own names (lower case).
    """
    asked = ask_object(sentence, actor)
    found = read_span(take((yield asked), asked), sentence)  # the sentence's words, or None
    if found is None or found.value == "none":
        return []
    topic = object_topic(found.value, part, forms, profile)
    return [topic] if topic is not None else []


def object_topic(
    span: str, part: str, forms: frozenset[str], profile: Profile
) -> TrackedTopic | None:
    """The topic `span` names in `part`, or None when it names none there.

    None when the span is not in `part`, is longer than `MAX_TOPIC_WORDS`, names the
    speaker (`forms`), only an actor or a title (capitalised words only), reports speech
    ("said the tariffs"), is a clause ("promises have failed us": a copula or perfect
    auxiliary after its first word), or is made of vague words only ("the idea", "it"); a
    stance verb, a support noun or "against" that opens it is not part of what it names
    ("rejects any deployment", "support for a mission"); a doubt or an opposition noun that
    opens it ("scepticism about the timetable") states no side on what follows: None.
    None, too, where the span is not what the speaker wants done (`_not_wanted`): a
    verdict, a thing's doing, a possibility. A bare verb after "to", a verb group or a
    negation opens an act and is named so: "declined to take part" gives "taking part";
    a negation just before the span ("will not send ground troops") marks it negated, so a
    `supports` label on it reads as against (`checks.check_stance`).
    """
    lang = profile.lang
    at = part.find(span)
    if at < 0:
        return None
    phrase = bare(span.strip(" ,;:\"'“”‘’"))
    if lang.cues("doubt_nouns", "opposition_nouns").pattern.match(phrase):
        return None  # "expressed scepticism about the timetable": a doubt, no side on it
    leads = lang.cues("span_leads", "stance_verbs", "support_nouns").pattern
    asked_at = at  # what comes before the span as the model gave it
    while opener := leads.match(phrase):  # "rejects any deployment": the deployment
        at, phrase = at + opener.end(), phrase[opener.end() :].strip()  # "support | for | it"
        if tail := _OF.match(phrase):  # "voted in favour of the deal"
            at, phrase = at + tail.end(), phrase[tail.end() :]
    words = WORD.findall(phrase)
    if not MIN_TOPIC_WORDS <= len(words) <= MAX_TOPIC_WORDS or _not_wanted(part, asked_at, lang):
        return None  # one word is an idiom's or a verb's ("two to tango"), not a topic
    if any(w.lower() in _POINTERS for w in words):
        return None  # "raise it with ...": what "it" is, the span does not say
    if words[-1].lower() in lowered(lang.verb_particles):
        return None  # "a deal that leaves beef out": a verb's object and its particle
    if "?" in span or _ASKING.match(part, asked_at + len(span)):
        return None  # "Would we accept a quota?": a question takes no side
    if _conditioned(part[:at], lang):
        return None  # "would depend on a mandate from parliament": the condition, not the topic
    finite = lowered(lang.copulas) | lowered(lang.perfect_auxiliaries)
    if any(w.lower() in finite and words[i - 1].lower() != "to" for i, w in enumerate(words) if i):
        return None  # "promises have failed us": a clause, not a thing a side is taken on
    if all(w[:1].isupper() or w.lower() in _JOINS for w in words):
        return None  # "Sweden's Prime Minister", "Crate & Barrel": who, not what
    lower = phrase.lower()
    if any_word(forms).search(lower):
        return None
    if lower.removeprefix("the ").strip() in {n.lower() for n in actor_names(profile)}:
        return None
    if lang.cues("reporting_verbs").find(phrase):
        return None
    vague = (lowered(lang.vague_objects) | lowered(lang.object_openers) | empty_acts(lang)
             | lowered(lang.pronouns) | lowered(lang.verb_group_skips))  # fmt: skip  # "first"
    if all(w.lower().rstrip(".") in vague or w[:1].isdigit() for w in words):
        return None
    before = [w.lower() for w in WORD.findall(part[:at])]
    name = _acted(phrase, before, lang)
    if name == phrase and phrase[:1].islower() and base_verb(words[0], only=True):
        return None  # "I agree with the President": the speaker's verb, not an object
    return TrackedTopic(name=name, words=(lower,), negated_by=_negated(part[:at], lang))


_ASKING = re.compile(r"[^.,;:!?]*\?")  # the rest of the span's clause is a question's
_OF = re.compile(r"of\s+", re.IGNORECASE)
_JOINS = frozenset({"of", "and", "&", "the", "for", "de", "la"})
_NOT_LEADS = frozenset({"from", "against"})
_POINTERS = frozenset({"it", "them", "this", "that", "these", "those"})
MAX_VERDICT_WORDS = 6  # a quotation this short inside a sentence is a verdict or label


def _not_wanted(part: str, at: int, lang: Language) -> bool:
    """Whether the words at `at` are not what the speaker takes a side on.

    They are no object after "from", "against" or a copula, and no aim inside a clause that
    opens with a condition ("if", "unless"). They are a verdict when a naming verb comes
    before them ("called the plan 'a necessary
    gamble'": `judged` reads those) or when they sit in a short quotation inside the
    sentence; a thing's doing after a verb group whose subject is a thing ("said the
    measure would protect jobs", `acts.done_by_thing`, or any subject that opens with a
    determiner and names no one: "the mission would provoke Riverton"); or only possible
    ("could reach").
    """
    before = part[:at]
    previous = WORD.findall(before)[-1:]
    if previous and previous[0].lower() in _NOT_LEADS | lowered(lang.copulas):
        return True  # "protects ... from unlawful taxes", "would be logistics": no object
    clause = next((part[a:b] for a, b in clauses(part) if a <= at < b), "")
    if lang.cues("condition").pattern.match(clause.lstrip(" ,;:\"'“‘")):
        return True  # "If Chile believes the cost is higher ...": the condition, not the aim
    for verb in lang.cues("naming_verbs").find(before):
        if not re.match(r"\s+(?:for|on|upon)\b", before[verb.end() :]):
            return True
    for quote in QUOTED.finditer(part):
        inside = quote.start() < at < quote.end() and quote.start() > 0
        if inside and len(quote.group().split()) <= MAX_VERDICT_WORDS:
            return True
    groups = lang.cues("verb_groups").find(before)
    if not groups:
        return False
    last = groups[-1]
    if possible(part, last, lang) or done_by_thing(
        part, last.start(), lang, part[last.start() : at]
    ):
        return True
    subject = [w.group() for w in subject_words(before[: last.start()].rstrip(), lang) or []]
    openers = lowered(lang.object_openers)
    return (
        bool(subject)
        and subject[0].lower() in openers
        and not any(w[:1].isupper() for w in subject[1:])
    )


def _acted(phrase: str, before: list[str], lang: Language) -> str:
    """`phrase` with a bare verb that opens it named as an act: "take part" -> "taking part"."""
    first, _, rest = phrase.partition(" ")
    leads = {"to"} | lowered(lang.verb_groups) | lowered(lang.group_negations)
    if not before or before[-1] not in leads or not first.isalpha() or not first.islower():
        return phrase
    if not base_verb(first):  # "to the talks", "not sending": no bare verb to name
        return phrase
    return f"{action(first, lang)} {rest}".strip()


def _negated(before: str, lang: Language) -> str:
    """The negated words just before a topic ("not send"), or "" (none, or a stance verb's)."""
    words = list(WORD.finditer(before))[-NEGATION_REACH:]
    negations = lowered(lang.group_negations)
    for word in words:
        if word.group().lower() in negations:
            between = before[word.start() :]
            if lang.cues("stance_verbs").find(between):
                return ""  # "does not oppose": the stance verb's own reading, checked elsewhere
            return between.strip()
    return ""


def _conditioned(before: str, lang: Language) -> bool:
    """Whether `before` (the part up to a span) ends with a condition: "would depend on"."""
    last = lang.cues("condition").find(before)
    return bool(last) and not before[last[-1].end() :].strip(" ,").split()[1:]
