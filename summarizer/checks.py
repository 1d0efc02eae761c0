"""Checks after every answer: a label must agree with its sentence's own cue words.

A stance labelled "supports" in a clause that negates ("no one promised", "never", "off
the table"), or in a sentence with no word that takes a side (no stance verb, verb group
or commitment), is dropped; one in a sentence that sets a condition ("only after",
"if") becomes "conditional". A guarantee status a clause states outright (or a negated
verb group whose object it is) overrides the model's label. Each decision carries its
reason, which the brief records.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .profile import Cues, Language, Profile, TrackedTopic, countries
from .records import GuaranteeStatus, Polarity

__all__ = [
    "Checked", "check_stance", "clauses", "conditions", "open_topics", "stance_topics",
    "stated_status", "status_conflict", "takes_side",
]  # fmt: skip

# Clause breaks: punctuation and the conjunctions that turn a sentence ("but", "while").
_BREAK = re.compile(
    r"[;:]|,[”'’\"]?\s|\s[–—-]\s|\b(?:but|while|whereas|however|although|though)\b", re.I
)
_IF = re.compile(r"^\W*(?:if|whether|unless)\b", re.I)
_WORD = re.compile(r"\w+(?:[.'’-]\w+)*\.?")
MAX_OBJECT_WORDS = 6
# A clause stating two statuses ("no consensus ... only after") gives the first of these.
_STATUS_ORDER: tuple[GuaranteeStatus, ...] = (
    "ruled_out", "rejected", "conditional", "endorsed", "under_discussion", "proposed"
)  # fmt: skip


@dataclass(frozen=True)
class Checked:
    """A label after its check: the polarity to keep (None: drop) and why it changed."""

    polarity: Polarity | None
    note: str = ""


def clauses(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each clause of a sentence."""
    cuts = [0, *(m.start() for m in _BREAK.finditer(text)), len(text)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if text[a:b].strip(" ,")]


def stance_topics(text: str, profile: Profile) -> list[TrackedTopic]:
    """The tracked topics a sentence can state a stance on, in the order it names them.

    Only topics named in a main clause count: one named only in a subordinate clause
    ("..., which may involve offering alternatives to membership") is background; asked
    about it, the 1.5B model answered "supports" for the speaker (seeds: 4 of 6 stated
    positions the gold contradicts).
    """
    first: dict[str, tuple[int, TrackedTopic]] = {}
    for a, b in _main_clauses(text, profile):
        b = _before_condition(text, a, b, profile.lang)
        for topic in profile.topics:
            found = profile.topic_cues(topic).pattern.search(text, a, b)
            if found and (topic.name not in first or found.start() < first[topic.name][0]):
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
    ("will not accept any quotas"). A negated group alone is not enough for a tracked
    topic: "clarify that Moscow cannot dictate the league's expansion decisions" takes no
    stance on expansion, and whose the group is, the speaker's or the clause subject's,
    code cannot tell. There a `supports` label is dropped by the negation check instead.
    """
    clause = text[a:b]
    for verb in lang.cues("stance_verbs").find(clause):
        negated_by = _negated_verb(clause, verb, lang)
        if negated_by and verb.start() <= at - a <= verb.end() + 30:
            return negated_by
    return ""


def _main_clauses(text: str, profile: Profile) -> list[tuple[int, int]]:
    opens = profile.lang.cues("subordinators")
    return [(a, b) for a, b in clauses(text) if not opens.pattern.match(text[a:b].lstrip(" ,"))]


@cache
def _lower(words: tuple[str, ...]) -> frozenset[str]:
    """A language list as a set, built once (open_topics runs for every sentence)."""
    return frozenset(w.lower() for w in words)


def open_topics(text: str, profile: Profile, *, before: str = "") -> list[TrackedTopic]:
    """The objects of the stance verbs in a sentence's main clauses, in the article's words.

    Asked about only when a sentence names no tracked topic, so a brief is not blind
    outside its profile: "Baku supports signing the peace treaty before the end of the
    year" gives "signing the peace treaty". The object runs from the verb to the next
    clause, condition, place or time word (`object_ends`) and must name something: one
    that is only a pronoun or a vague word ("the idea"), or longer than
    `MAX_OBJECT_WORDS`, gives no topic rather than a guess.

    With no stance verb, the object of a verb group's main verb is the topic: "said Tokyo
    would not station combat units in the Philippines" gives "combat units" (`verb_groups`,
    `verb_group_skips`, `empty_verbs`), one per sentence.

    An object of one word ("opposes the agreement") is named as the article first named
    it, in the text `before` the sentence: "the planned trade agreement between ..." gives
    "planned trade agreement" (`_first_mention`).
    """
    lang = profile.lang
    names = _names(profile)
    found: list[TrackedTopic] = []
    main = _main_clauses(text, profile)
    stance_verbs = [(a, b, v) for a, b in main for v in lang.cues("stance_verbs").find(text[a:b])]
    for a, b, stance_verb in stance_verbs:
        negated_by = _negated_verb(text[a:b], stance_verb, lang)
        _add_object(found, text[a:b], stance_verb.end(), lang, names, negated_by=negated_by)
    if stance_verbs:  # a stance verb with a vague object ("backs a plan that ...") says no more
        return [_first_mention(t, before, lang, names) for t in found]
    for a, b in main:
        clause = text[a:b]
        for group in lang.cues("verb_groups").find(clause):
            object_at = _group_object(clause, group, lang)
            if object_at is None:
                continue
            start, negated_by = object_at
            if _add_object(found, clause, start, lang, names, negated_by=negated_by):
                return [_first_mention(t, before, lang, names) for t in found]
    return found


MAX_MODIFIERS = 3


def _first_mention(
    topic: TrackedTopic, before: str, lang: Language, names: frozenset[str]
) -> TrackedTopic:
    """`topic` as the article first named it, when it is one word ("agreement").

    The first earlier use of the word that has words before it in the same noun phrase
    gives up to `MAX_MODIFIERS` of them ("planned trade agreement"); the walk back stops
    at an opener ("the"), an object end ("near", "of"), a name and a possessive. With no
    such use the topic stays as it was.
    """
    if " " in topic.name or not before:
        return topic
    stops = _lower(lang.object_ends) | _lower(lang.object_openers) | _lower(lang.relatives)
    for use in re.finditer(rf"(?<!\w){re.escape(topic.name)}(?!\w)", before, re.IGNORECASE):
        words = before[: use.start()].split()[-MAX_MODIFIERS:]
        kept: list[str] = []
        for word in reversed(words):
            bare = word.strip(",.;:()\"“”‘’'").lower()
            if (bare != word.lower() or bare in stops or bare in names or "'" in word
                    or "’" in word or not bare.replace("-", "").isalpha()):  # fmt: skip
                break
            kept.insert(0, word)
        if kept:
            name = " ".join([*kept, topic.name])
            return TrackedTopic(name=name, words=(name.lower(),), negated_by=topic.negated_by)
    return topic


def _negated_verb(clause: str, verb: re.Match[str], lang: Language) -> str:
    """What makes a stance verb's object something the speaker is against, or "".

    A verb of opposition ("opposes any arms sales") or a negated verb of support ("will
    not accept the quotas") does; both together ("does not oppose") cancel out and force
    no reading, and neither does a verb that undoes ("will not lift").
    """
    word = verb.group().lower()
    opposing = word in _lower(lang.negation)
    if word in _lower(lang.reversing_verbs) and not opposing:
        return ""
    before = list(_WORD.finditer(clause[: verb.start()]))[-3:]
    negations = _lower(lang.group_negations)
    for i, prior in enumerate(before):
        if prior.group().lower() in negations:
            if opposing:
                return ""
            start = next((w.start() for w in before[:i] if w.group().lower() in
                          _lower(lang.verb_groups)), prior.start())  # fmt: skip
            return clause[start : verb.end()]
    return verb.group() if opposing else ""


def _group_object(clause: str, group: re.Match[str], lang: Language) -> tuple[int, str] | None:
    """Where a verb group's object starts, and the group if it is negated; None: no object.

    A group in a relative clause ("a plan that would") or after a determiner ("the need
    to") is not the speaker's. Skip words lead to the main verb, and so does a chain verb
    before "to" ("does not plan to deploy troops": "deploy", negated); an empty verb has
    no object; "wants the deal" and "sought for years" have no other verb than the group's.
    """
    before = clause[: group.start()].split()
    if before and before[-1].lower() in _lower(lang.relatives) | _lower(lang.object_openers):
        return None
    passed = [group.group().lower()]
    skips, chains = _lower(lang.verb_group_skips), _lower(lang.chain_verbs)
    main_verb = None
    words = list(_WORD.finditer(clause, group.end()))
    for i, word in enumerate(words):
        lower = word.group().lower().rstrip(".")
        chained = lower in chains and i + 1 < len(words) and words[i + 1].group().lower() == "to"
        if lower not in skips and not lower.endswith("ly") and not chained:
            main_verb = word
            break
        passed.append(lower)  # "does not plan to deploy": "plan" passes on to "deploy"
    if main_verb is None:
        return None
    head, start = main_verb.group().lower().rstrip("."), main_verb.end()
    if head in _lower(lang.object_ends) or head in _lower(lang.object_openers):
        head, start, passed = passed[0], group.end(), passed[:1]
    if head in _lower(lang.empty_verbs):
        return None
    particle = re.match(r"\s+(\w+)", clause[start:])
    if particle and f"{head} {particle.group(1).lower()}" in _lower(lang.reversing_verbs):
        head, start = f"{head} {particle.group(1).lower()}", start + particle.end()  # "rule out"
    negated = any(w in _lower(lang.group_negations) for w in passed)
    undoing = head in _lower(lang.reversing_verbs)
    return start, clause[group.start() : start].strip() if negated and not undoing else ""


def _names(profile: Profile) -> frozenset[str]:
    """Names that are actors, not topics: the profile's actors, every country and capital."""
    return _actor_names(tuple(n for a in profile.actors for n in (a.name, *a.aliases)))


@cache
def _actor_names(known: tuple[str, ...]) -> frozenset[str]:
    places = {n for pair in countries().items() for n in pair if n}
    return frozenset(n.lower() for n in places | set(known))


def _undone(after: list[str], lang: Language) -> bool:
    """Whether the words after an object, to its clause's end or an "and", undo it.

    "(wants the tariffs on beef) lifted", "(X) to be scaled back", "(X) to end": the
    speaker is for the undoing, not for the object, and no stance is asked about it.
    """
    if "and" in after:
        after = after[: after.index("and")]
    forms = _participles(lang.reversing_verbs)
    for i, word in enumerate(after):
        infinitive = i > 0 and after[i - 1] == "to"
        if (word in forms or " ".join(after[i : i + 2]) in forms) and (
            infinitive or word not in lang.reversing_verbs
        ):
            return True
    return False


@cache
def _participles(verbs: tuple[str, ...]) -> frozenset[str]:
    """Each verb (or phrasal verb: "scale back") with its regular and doubled -ed forms."""
    forms = set()
    for phrase in verbs:
        verb, _, rest = phrase.lower().partition(" ")
        for form in (verb, verb + "d", verb + "ed", verb + verb[-1] + "ed", verb + "n"):
            forms.add(f"{form} {rest}".strip())
    return frozenset(forms)


def _add_object(
    found: list[TrackedTopic],
    clause: str,
    at: int,
    lang: Language,
    names: frozenset[str],
    *,
    negated_by: str = "",
) -> bool:
    """Add the object that starts after offset `at` of `clause` to `found`; whether one did.

    An actor is not a topic: "would invite Portugal to the talks" gives none.
    """
    ends, openers = _lower(lang.object_ends), _lower(lang.object_openers)
    vague = _lower(lang.vague_objects) | openers
    words: list[re.Match[str]] = []
    after: list[str] = []  # the words after the object, to read what is wanted of it
    following = _WORD.finditer(clause, at)
    for word in following:
        lower = word.group().lower().rstrip(".")
        if not words and lower in openers:
            continue
        if lower in ends or (not words and lower == "of"):
            after.append(lower)
            break
        words.append(word)
    after += [w.group().lower().rstrip(".") for w in following]
    if len(words) > 1 and words[-1].group().lower().rstrip(".").endswith("ed"):
        after.insert(0, words.pop().group().lower().rstrip("."))  # "wants the deal signed"
    if _undone(after, lang):
        return False  # "wants the tariffs lifted", "does not want X to be scaled back"
    if not words or len(words) > MAX_OBJECT_WORDS:
        return False
    phrase = clause[words[0].start() : words[-1].end()]
    last = words[-1].group()
    if last.endswith(".") and "." not in last[:-1]:
        phrase = phrase[:-1]  # the sentence's full stop, not an abbreviation's
    if all(w.group().lower().rstrip(".") in vague for w in words):
        return False
    if phrase.lower() in names or any(t.name.lower() == phrase.lower() for t in found):
        return False
    found.append(TrackedTopic(name=phrase, words=(phrase.lower(),), negated_by=negated_by))
    return True


def _clauses_naming(text: str, topic: Cues) -> list[str]:
    named = [text[a:b] for a, b in clauses(text) if topic.any(text[a:b])]
    return named or [text]


def conditions(text: str, lang: Language) -> list[re.Match[str]]:
    """The condition cues of a sentence ("only after", "unless", "if").

    An "if" after a word in `condition_not_after` is not one: "asked if the deal holds"
    means whether, "even if talks fail" means although.
    """
    not_after = _lower(lang.condition_not_after)
    found = []
    for cue in lang.cues("condition").find(text):
        before = text[: cue.start()].split()
        if cue.group().lower() == "if" and before and before[-1].lower().strip(",") in not_after:
            continue
        found.append(cue)
    return found


def takes_side(text: str, lang: Language) -> bool:
    """Whether a sentence has a word that can put a speaker for something.

    That is a stance verb, a verb group ("will", "wants") or a commitment ("pledged",
    "insists on").
    """
    return any(
        lang.cues(field).any(text) for field in ("stance_verbs", "verb_groups", "commitment_cues")
    )


def check_stance(
    label: str, text: str, topic: Cues, profile: Profile, *, negated_by: str = ""
) -> Checked:
    """The polarity to keep for a stance `label` on a sentence, after its cue checks.

    `negated_by`: the negated verb group the topic is the object of ("would not station"):
    a `supports` there is the speaker against it (the 1.5B answers so for most of them).
    """
    if label == "none":
        return Checked(None, "the model found no stance of this actor on this topic")
    if negated_by and label == "supports":
        return Checked(
            "opposes", f"labelled supports, read as opposes: the verb group is negated "
            f"({negated_by!r})"
        )  # fmt: skip
    lang = profile.lang
    named = " ".join(_clauses_naming(text, topic))
    negated = lang.cues("negation").find(named)
    conditioned = conditions(text, lang)  # "..., but only after a ceasefire"
    if label == "supports" and negated:
        cue = negated[0].group().strip()
        return Checked(None, f"labelled supports, but the clause negates ({cue!r})")
    if label == "supports" and not takes_side(text, lang):
        return Checked(None, "labelled supports, but the sentence takes no side (no verb of "
                             "backing, wanting or commitment)")  # fmt: skip
    if label in ("supports", "neutral") and conditioned:
        cue = conditioned[0].group().strip()
        return Checked("conditional", f"labelled {label}, the clause sets a condition ({cue!r})")
    polarity: Polarity = label  # type: ignore[assignment]
    return Checked(polarity)


def status_conflict(label: str, text: str, kind: Cues, profile: Profile) -> str:
    """The negation that contradicts a model's `proposed` or `endorsed` status, or "".

    "membership of an alliance is not on the agenda for now" is not a proposal, whatever
    the model answers; the label is then not used (precision first), as a `supports`
    stance on a negated clause is not.
    """
    if label not in ("proposed", "endorsed"):
        return ""
    negated = profile.lang.cues("negation").find(" ".join(_clauses_naming(text, kind)))
    return negated[0].group().strip() if negated else ""


def stated_status(
    text: str, kind: Cues, profile: Profile, *, others: Sequence[Cues] = ()
) -> tuple[GuaranteeStatus, str] | None:
    """The status a clause naming the guarantee states outright, with its cue; else None.

    Clauses naming the guarantee are read first; an "if" or "whether" clause states
    nothing ("If membership remains off the table ..."). When the clauses naming it state
    nothing, and the guarantee is not the object of a negated verb group ("would not accept
    foreign troops": rejected), a later clause may ("troops ..., but only after a
    ceasefire"), but only for the first guarantee the sentence names: "sending troops as
    part of future guarantees, but only after a ceasefire" conditions the troops
    (`others`: the other kinds' cues). A clause before the guarantee is named is about
    something else ("there is no consensus on X, noting that the deal must include a
    bridge" says nothing of the bridge).
    """
    spans = clauses(text)
    naming = [text[a:b] for a, b in spans if kind.any(text[a:b])]
    first = next((a for a, b in spans if kind.any(text[a:b])), len(text))
    rest = [text[a:b] for a, b in spans if a > first and not kind.any(text[a:b])]
    named_at = kind.pattern.search(text)
    if named_at and any(
        (other := cues.pattern.search(text)) and other.start() < named_at.start() for cues in others
    ):
        rest = []
    stated = _cued(naming, profile) or _refused(naming, kind, profile.lang)
    return stated or _conditioned(naming, profile.lang) or _cued(rest, profile)


def _conditioned(texts: list[str], lang: Language) -> tuple[GuaranteeStatus, str] | None:
    """`conditional`, when a clause naming the guarantee sets a condition.

    "would stay in place only as long as ..." does: the language's condition cues, except
    a bare "if".
    """
    for clause in texts:
        found = [c for c in conditions(clause, lang) if c.group().lower() != "if"]
        if found and not _IF.search(clause):
            return "conditional", found[0].group()
    return None


def _cued(texts: list[str], profile: Profile) -> tuple[GuaranteeStatus, str] | None:
    """The first status cue in the clauses `texts`, skipping "if" and "whether" clauses."""
    for clause in texts:
        if _IF.search(clause):
            continue
        for status in _STATUS_ORDER:
            found = profile.status_cue(status).find(clause)
            if found:
                return status, found[0].group()
    return None


def _refused(texts: list[str], kind: Cues, lang: Language) -> tuple[GuaranteeStatus, str] | None:
    """`rejected`, when the guarantee is the object of a negated verb group.

    "would not accept foreign troops on the border" rejects the troops, as the same group
    reads a position as opposition; a verb that undoes ("will not lift") forces nothing.
    """
    for clause in texts:
        if _IF.search(clause):
            continue
        for group in lang.cues("verb_groups").find(clause):
            found = _group_object(clause, group, lang)
            if found is None or not found[1]:
                continue
            objects: list[TrackedTopic] = []
            if _add_object(objects, clause, found[0], lang, frozenset()) and kind.any(
                objects[0].name
            ):
                return "rejected", found[1]
    return None
