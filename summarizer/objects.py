"""What a stance is about: the objects of a sentence's verbs.

A stance verb's object ("Baku supports signing the treaty") or a verb group's ("Tokyo
would not station combat units") is the topic asked about when a sentence names no
tracked topic; a negated group or a verb of opposition marks it as opposed. The words a
position uses for it are found in `phrases`; the checks that follow each answer are in
`checks`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .acts import action, done_by_thing, empty_acts, nouned, only_adverb, urged
from .datelines import after_dateline
from .negations import negated_verb
from .phrases import (
    QUOTED,
    WORD,
    actor_names,
    adverb,
    bare,
    clauses,
    complement,
    first_mention,
    headline_event,
    lowered,
    participles,
    past_empty_head,
    past_quantity,
    possible,
)
from .profile import Language, Profile, TrackedTopic
from .relatives import cleft_object, relative, standing_verbs
from .segment import CAPITALS
from .subjects import joined_frame

__all__ = [
    "WORD",
    "GroupObject",
    "acts",
    "add_object",
    "circumstance",
    "clauses",
    "complement",
    "group_object",
    "is_verb",
    "lowered",
    "main_clauses",
    "negated_verb",
    "object_end",
    "open_topics",
    "participles",
]  # fmt: skip

MAX_OBJECT_WORDS = 6


_APPOSITIVE = re.compile(r"(?:an?|the)\s")
_NAME_END = re.compile(rf"(?<![\w’'-])[{CAPITALS}][\w’'.-]*$")


class GroupObject(NamedTuple):
    """Where a verb group's object starts, what negates it, and the main verb before it."""

    start: int  # after the main verb (and its particle: "rule out")
    negated_by: str  # the negated group ("would not station"), or ""
    verb: str  # the main verb as the clause has it; "" when the group word is it ("wants")


def main_clauses(text: str, profile: Profile) -> list[tuple[int, int]]:
    """The clauses that open with no subordinator, each up to one inside it.

    "Norway's parliament voted down the tax after farmers warned it would cost jobs" has
    the main clause "Norway's parliament voted down the tax" (`inner_subordinators`). An
    appositive after a name ("Anna Keller, a former trade negotiator, said") says who, and
    is no main clause.
    """
    lang = profile.lang
    opens, inner = lang.cues("subordinators"), lang.cues("inner_subordinators")
    spans = []
    parts = joined_frame(text, clauses(text), lang.holder_frames)  # "For Chile, ..."
    for i, (a, b) in enumerate(parts):
        if opens.pattern.match(text[a:b].lstrip(" ,")) or (
            0 < i < len(parts) - 1
            and _APPOSITIVE.match(text[a:b].lstrip(" ,"))
            and _NAME_END.search(text[parts[i - 1][0] : parts[i - 1][1]].rstrip(" ,"))
        ):
            continue
        idioms = [m.start() for m in lang.cues("not_conditions").find(text[a:b])]  # once again
        cuts = [m.start() for m in inner.find(text[a:b]) if m.start() not in idioms]
        cut = next((c for c in cuts if text[a : a + c].strip(" ,")), None)
        spans.append((a, b if cut is None else a + cut))
    return spans


def object_end(clause: str, start: int, lang: Language) -> int:
    """Where the object that starts at `start` ends, with its complement.

    "rejects the demands of the guilds to withdraw the boats": "the demands of the
    guilds"; the boats are not what is rejected.
    """
    ends = lowered(lang.object_ends)
    last = None
    for i, word in enumerate(WORD.finditer(clause, start)):
        if word.group().lower().rstrip(".") in ends and i > 0:
            break
        last = word
    return start if last is None else complement(clause, last.end(), lang) or last.end()


def acts(clause: str, lang: Language) -> list[tuple[int, int]]:
    """Each act of a clause: a stance verb or verb group to its object's end (`object_end`).

    The spans are in the clause's offsets.
    """
    spans = [
        (verb.start(), object_end(clause, verb.end(), lang))
        for verb in lang.cues("stance_verbs").find(clause)
        if is_verb(clause, verb, lang)
    ]
    for group in lang.cues("verb_groups").find(clause):
        found = group_object(clause, group, lang)
        if found is not None:
            spans.append((group.start(), object_end(clause, found.start, lang)))
    return spans


def circumstance(clause: str, at: int, acts: list[tuple[int, int]], lang: Language) -> bool:
    """Whether offset `at` is in a circumstance of an act, not in what the act is about.

    That is past an act's object, in no other, after a word that opens a circumstance
    (`circumstance_leads`: "in", "during", "from") with no joint (`act_joints`: "and",
    "to") between: "welcomed the decision to exempt coffee and juice from new duties" is
    not for the duties.

    "Riverton will not give up its dairy quotas in League talks with Acme" is against
    giving up the quotas; asked about a tracked topic named by "talks" (heldout11), the 1.5B
    model said "supports". A word before every verb (the subject: "membership is not on the
    agenda"), in an object, or after one that goes on ("the decision to keep
    peacekeepers", "will buy grain and cut tariffs") is no circumstance.
    """
    if any(s <= at < e for s, e in acts):
        return False
    leads = lowered(lang.circumstance_leads)
    marks = leads | lowered(lang.act_joints)
    for _, end in acts:
        between = [w.lower() for w in WORD.findall(clause[end:at]) if w.lower() in marks]
        if end <= at and between and between[-1] in leads:
            return True
    return False


def is_verb(text: str, verb: re.Match[str], lang: Language) -> bool:
    """False for a stance verb that is a particle ("bring the tax back") or a noun here."""
    prior = WORD.findall(text[: verb.start()])[-1:]
    if not prior and verb.group()[:1].isupper():  # "Support also came from Chile": a noun
        return False
    if verb.group().lower() not in lowered(lang.particle_verbs):
        return True
    allowed = lowered(lang.verb_groups) | lowered(lang.verb_group_skips)
    return not prior or prior[0].lower() in allowed | lowered(lang.particle_subjects)


def open_topics(
    text: str, profile: Profile, *, before: str = "", headline: str = ""
) -> list[TrackedTopic]:
    """The objects of the stance verbs in a sentence's main clauses, in the article's words.

    Asked about only when a sentence names no tracked topic, so a brief is not blind
    outside its profile: "Baku supports signing the peace treaty before the end of the
    year" gives "signing the peace treaty". The object runs from the verb to the next
    clause, condition, place or time word (`object_ends`) and must name something: a
    pronoun, a vague word ("the idea") or more than `MAX_OBJECT_WORDS` give no topic.

    With no stance verb, a verb group's main verb and its object are the topic: "said Tokyo
    would not station combat units in the Philippines" gives "stationing combat units"
    (`verb_groups`, `verb_group_skips`, `empty_verbs`, `action_form`), one per sentence;
    "would retaliate against steel quotas" gives "retaliating against steel quotas", and
    "urged Keller to ban night fishing" gives "banning night fishing" (`urged`). The act
    is part of what is asked: "would contribute frigates if ..." is conditional on them.

    A one-word object ("opposes the agreement") is named as the article first named it
    (`first_mention`, in the text `before`); one pointing back to the reported event
    ("welcomed the decision") is worded with the `headline`'s. A question gives none. A
    time phrase inside a stance verb ("called on Tuesday for") does not hide it.
    """
    lang, names = profile.lang, actor_names(profile)
    found: list[TrackedTopic] = []
    main = [(a, b) for a, b in main_clauses(text, profile)  # a question takes no side
            if "?" not in text[b : b + 1] + text[a:b].rstrip(" \"”’")[-1:]]  # fmt: skip
    untimed = lang.cues("time_phrases").pattern.sub(lambda m: " " * len(m.group()), text)
    stance_verbs = [(a, b, v) for a, b in main  # "called on Tuesday for": "called for"
                    for v in lang.cues("stance_verbs").find(untimed[a:b])
                    if is_verb(text[a:b], v, lang)]  # fmt: skip
    for a, b, stance_verb in stance_verbs:
        negated_by = negated_verb(text[a:b], stance_verb, lang)
        add_object(found, text[a:b], stance_verb.end(), lang, names, negated_by=negated_by,
                   headline=headline)  # fmt: skip
    for held in standing_verbs(text, lang):  # "Iran, which has long opposed any troops,"
        add_object(found, text, held.end(), lang, names, negated_by=negated_verb(text, held, lang))
    if not found and (cleft := cleft_object(text, after_dateline(text), lang)):
        add_object(found, text, cleft, lang, names, headline=headline)  # "What Chile wants is"
    if stance_verbs or found:  # a stance verb with a vague object ("backs a plan") says no more
        return [first_mention(t, before, lang, names, said=text) for t in found]
    for a, b in main:
        clause, urging = text[a:b], urged(text[a:b], lang)
        lead = lang.cues("condition_leads").pattern.search(clause)  # "if Peru lifts it": Peru's
        for group in [*urging, *lang.cues("verb_groups").find(clause)]:  # urged acts first
            if possible(clause, group, lang) or (lead and group.start() > lead.start()):
                continue  # "said it could add £1 billion": a prediction, not a stance
            if nouned(clause[: group.start()], lang):
                continue  # "Chile's offer to cut tariffs": a noun, not a verb group
            object_at = group_object(clause, group, lang)
            if object_at is None:
                continue
            verbs = clause[group.start() : object_at.start]  # "would need", "must leave"
            if group not in urging and done_by_thing(text, a + group.start(), lang, verbs):
                continue  # "said the measure would hurt processors": no one's act
            # "wanted a vote": an act the speaker wants, as one urged (an `opposes` is dropped)
            wanted = group.group().lower() in lowered(lang.backing_verbs + lang.urging_groups)
            wanted = wanted and not object_at.negated_by  # "should apply": wanted, as urged
            if add_object(found, clause, object_at.start, lang, names,
                          negated_by=object_at.negated_by, headline=headline,
                          verb=object_at.verb):  # fmt: skip
                return [_acted(first_mention(t, before, lang, names, said=text), t.action,
                               urged=group in urging or wanted) for t in found]  # fmt: skip
    return found


def _acted(topic: TrackedTopic, act: str, *, urged: bool = False) -> TrackedTopic:
    """`topic` named with the act it is the object of: "contributing frigates"."""
    worded = f"{act} {topic.worded}" if act and topic.worded else topic.worded
    return topic.model_copy(update={"name": f"{act} {topic.name}".strip(), "worded": worded,
                                    "action": "", "urged": urged})  # fmt: skip


def group_object(clause: str, group: re.Match[str], lang: Language) -> GroupObject | None:
    """Where a verb group's object starts, its negation and main verb; None: no object.

    A group in a relative clause ("a plan that would") or after a determiner ("the need
    to") is not the speaker's. Skip words lead to the main verb, and so does a chain verb
    before "to" ("does not plan to deploy troops": "deploy", negated); an empty verb has
    no object; "wants the deal", "sought League membership" and "sought for years" have no
    other verb than the group's (`group_verbs`).
    A verb that undoes forces no reading when negated ("will not lift the ban"), and is
    asked about with its object: "would lift export curbs" asks about lifting them, never
    about the curbs (a `supports` would state the reverse). A verb of opposition is not
    part of the topic: "would block the deal" asks about the deal.
    """
    before = clause[: group.start()].split()
    if before and before[-1].lower() in lowered(lang.relatives) | lowered(lang.object_openers):
        return None
    if clause[group.end() : group.end() + 1] in ("'", "’"):
        return None  # "can't compete": a contraction the list does not hold, not "can" + "t"
    passed = [group.group().lower()]
    skips, chains = lowered(lang.verb_group_skips), lowered(lang.chain_verbs)
    main_verb = None
    words = list(WORD.finditer(clause, group.end()))
    for i, word in enumerate(words):
        lower = word.group().lower().rstrip(".")
        chained = lower in chains and i + 1 < len(words) and words[i + 1].group().lower() == "to"
        if (
            lower not in skips
            and not adverb(lower, lang)
            and not only_adverb(lower)
            and not chained
        ):
            main_verb = word
            break
        passed.append(lower)  # "does not plan to deploy": "plan" passes on to "deploy"
    if main_verb is None or main_verb.group().lower() in lowered(lang.particle_subjects):
        return None  # "would we retaliate?": a question, whose group takes no side
    head, start = main_verb.group().lower().rstrip("."), main_verb.end()
    verb = main_verb.group().rstrip(".")
    named = verb[:1].isupper()  # "sought League membership": a name is no verb
    if passed[0].endswith(" to") and (named or head in lowered(lang.object_openers)):
        return None  # "made promises to Ukraine", "offers to the union": a noun, not a group
    bare_group = passed[0] in lowered(lang.group_verbs) and "to" not in passed  # "wants the deal"
    if bare_group and named and re.search(r"\bto\b", clause[main_verb.end() :]):
        return None  # "need Russians to tango": who is needed, to do what, is no topic
    if (head in lowered(lang.object_ends) or head in lowered(lang.object_openers) or named
            or bare_group):  # fmt: skip
        head, start, passed, verb = passed[0], group.end(), passed[:1], ""
    particle = re.match(r"\s+(\w+)", clause[start:])
    if particle and f"{head} {particle.group(1).lower()}" in lowered(lang.reversing_verbs):
        head, start = f"{head} {particle.group(1).lower()}", start + particle.end()  # "rule out"
        verb = f"{verb} {particle.group(1)}" if verb else ""
    phrasal = lang.cues("phrasal_acts").pattern.match(clause, main_verb.start())
    if phrasal and verb:  # "would not take part in ...": an act, though "take" is empty
        head, start, verb = phrasal.group().lower(), phrasal.end(), phrasal.group()
    elif head in lowered(lang.empty_verbs):  # "give", not "give up"
        return None
    start = past_quantity(clause, start, lang)  # "send up to 300 soldiers"
    negations = lowered(lang.group_negations)
    # "has not agreed to lift", "is not ready to send": a negation just before the group
    prior = [w for w in list(WORD.finditer(clause[: group.start()]))[-2:]
             if w.group().lower() in negations]  # fmt: skip
    negated = any(w in negations for w in passed) or bool(prior)
    opened = prior[0].start() if prior else group.start()
    undoing = head in lowered(lang.reversing_verbs)
    if head in lowered(lang.opposing_verbs) | lowered(lang.verb_groups):
        verb = ""  # "would block the deal", "does not want a stadium": about the deal, stadium
    # A negated undoing verb forces no reading of its object ("will not lift the ban" is no
    # stance on "the ban"), but the act it opens is negated: against "lifting the ban".
    return GroupObject(start, clause[opened:start].strip() if negated and
                       (verb or not undoing) else "", verb)  # fmt: skip


def _undone(after: list[str], lang: Language) -> bool:
    """Whether the words after an object, to its clause's end, an "and" or a condition, undo it.

    "(wants the tariffs on beef) lifted", "(X) to be scaled back", "(X) to end": the
    speaker is for the undoing, not for the object, and no stance is asked about it. A
    condition is not the object's: "ready to resume (talks) if sanctions are eased".
    """
    conditions = {c for c in lowered(lang.condition) if " " not in c} | lowered(lang.subordinators)
    cut = next((i for i, w in enumerate(after) if w == "and" or w in conditions), None)
    after = after if cut is None else after[:cut]
    forms = participles(lang.reversing_verbs)
    for i, word in enumerate(after):
        infinitive = i > 0 and after[i - 1] == "to"
        if (word in forms or " ".join(after[i : i + 2]) in forms) and (
            infinitive or word not in lowered(lang.reversing_verbs)
        ):
            return True
    return False


def add_object(
    found: list[TrackedTopic],
    clause: str,
    at: int,
    lang: Language,
    names: frozenset[str],
    *,
    negated_by: str = "",
    headline: str = "",
    verb: str = "",
) -> bool:
    """Add the object that starts after offset `at` of `clause` to `found`; whether one did.

    An actor is not a topic: "would invite Portugal to the talks" gives none ("lobby Acme
    for an exemption", what an act on one is for, does). A vague object ("the idea") gives
    none either, unless it points back to the `headline`'s event ("praised the decision").
    A participle and the phrase it leads (`participle_leads`) stay in the wording: "would
    not accept a truce negotiated without Chile" is not against any truce; so does a short
    restrictive relative, whole (`relative`: "backs a deal that opened the market").
    With the main `verb` the object follows, the topic carries its act
    (`TrackedTopic.action`), and a verb with no object but a complement has that: "would
    retaliate against the quotas". A quoted object is whole: 'called for "a fair answer"'.
    """
    ends, openers = lowered(lang.object_ends), lowered(lang.object_openers)
    vague = lowered(lang.vague_objects) - lowered(lang.named_anaphors) | openers | empty_acts(lang)
    words: list[re.Match[str]] = []
    after: list[str] = []  # the words after the object, to read what is wanted of it
    following = WORD.finditer(clause, at)
    quoted = QUOTED.match(clause, len(clause) - len(clause[at:].lstrip()))
    close = quoted.end() if quoted and len(quoted.group().split()) <= MAX_OBJECT_WORDS else -1
    for word in following:
        lower = word.group().lower().rstrip(".")
        if not words and lower in openers:
            continue
        if words and f"{words[-1].group().lower()} {lower}" in lowered(lang.quantity_leads):
            continue  # "of up to 10 percent": the lead's last word is spanned, not counted
        if (lower in ends and word.start() > close) or (not words and lower == "of"):
            after.append(lower)
            break
        words.append(word)
    after += [w.group().lower().rstrip(".") for w in following]
    words = past_empty_head(words, lang)  # "the principle of a force": a force
    participle = None
    if len(words) > 1 and words[-1].group().lower().rstrip(".").endswith("ed"):
        participle = words.pop()  # "wants the deal signed"
        after.insert(0, participle.group().lower().rstrip("."))
    planned = lowered(lang.plan_nouns + lang.named_anaphors + lang.request_anaphors)
    if _undone(after, lang) and not (words and words[-1].group().lower() in planned):
        return False  # "wants the tariffs lifted", "does not want X to be scaled back"
    act = action(verb, lang)
    if not words and act and (ends_at := complement(clause, at, lang)):
        phrase = bare(clause[at:ends_at].strip())  # "against the quotas"
        found.append(TrackedTopic(name=phrase, words=(phrase.lower(),), negated_by=negated_by,
                                  action=act))  # fmt: skip
        return True
    if not words or len(words) > MAX_OBJECT_WORDS:
        return False
    phrase = bare(clause[words[0].start() : words[-1].end()])
    event = headline_event(clause, words, lang, headline)  # "the decision (...)"
    if event:
        found.append(TrackedTopic(name=phrase, words=(phrase.lower(),), negated_by=negated_by,
                                  worded=event, of_headline=True, action=act))  # fmt: skip
        return True
    if act:  # "selling the harbour": the act keeps the object's determiner
        act = f"{act} {clause[at : words[0].start()].strip()}".strip()
    if all(w.group().lower().rstrip(".") in vague or w.group()[:1].isdigit() for w in words):
        return False  # "the idea", "two", "28,500"
    if all(w.group().lower() in lowered(lang.verb_group_skips) for w in words):
        return False  # "must first| have an agreement": "first" is no object
    ends_at = complement(clause, words[-1].end(), lang)
    lower_first = words[0].group().lower().rstrip(".")
    if participle and not ends_at:  # "a truce negotiated without Chile": it restricts
        ends_at = complement(clause, participle.end(), lang, lang.participle_leads)
    elif not participle:  # "a deal that opened it", "tariffs on any country that ...": restricts
        pointing = words[-1].group().lower() in planned  # "its plan to pay", "Chile's offer to"
        if ends_at is None and pointing:
            ends_at = complement(clause, words[-1].end(), lang, infinitive=True)
        end = ends_at or words[-1].end()  # "the idea that allies were divided": no relative
        content = lower_first in lowered(lang.content_nouns)
        ends_at = (None if content else relative(clause, end, lang, clause[at:end])) or ends_at
    named = phrase.lower() in names or phrase[:1].isupper()  # an actor, known or not
    if named and act and ends_at and clause[words[-1].end() :].split()[0] == "for":
        phrase, ends_at = bare(clause[words[0].start() : ends_at]), None
    elif phrase.lower() in names or any(t.name.lower() == phrase.lower() for t in found):
        return False
    worded = bare(clause[words[0].start() : ends_at]) if ends_at else ""
    found.append(TrackedTopic(name=phrase, words=(phrase.lower(),), negated_by=negated_by,
                              worded=worded, action=act))  # fmt: skip
    return True
