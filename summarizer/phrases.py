"""Phrases in the article's own words: clauses, a noun's phrase and what it points back to.

A position's topic is worded as the article words it. These helpers find the words: the
clauses of a sentence, the complement of an object ("safeguards| for beef imports"), the
phrase a topic word heads when no verb's object names it ("the new duties on timber"),
how the article first named a one-word object, and the event of the headline that "the
decision" points back to. Which object a stance is about is `objects`' business.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from .patterns import whole_word
from .profile import Language, Profile, TrackedTopic, countries
from .verbal import verbal_mention

__all__ = ["MAX_MODIFIERS", "QUOTED", "WORD", "actor_names", "adverb", "bare", "clauses",
           "complement", "cue_phrase", "definite", "first_mention", "headline_event", "lowered",
           "participles", "possible", "predicates"]  # fmt: skip

# Clause breaks: punctuation and the conjunctions that turn a sentence ("but", "while").
_BREAK = re.compile(
    r"[;:]|[,?!][”'’\"]?\s|\s[–—-]\s|\b(?:but|while|whereas|however|although|though)\b", re.I
)
WORD = re.compile(r"\w+(?:[.'’-]\w+)*\.?")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
MAX_MODIFIERS = 3
MAX_COMPLEMENT_WORDS = 5


def clauses(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each clause of a sentence."""
    cuts = [0, *(m.start() for m in _BREAK.finditer(text)), len(text)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if text[a:b].strip(" ,")]


@cache
def lowered(words: tuple[str, ...]) -> frozenset[str]:
    """A language list as a set, built once (open_topics runs for every sentence)."""
    return frozenset(w.lower() for w in words)


def cue_phrase(text: str, start: int, end: int, profile: Profile, *, before: str = "") -> str:
    """The phrase a topic word heads in its sentence, or "" when it is a bare verb.

    When no verb's object names a tracked topic, its word is still in the sentence, often
    as a subject ("the duties protect domestic growers") or in a longer phrase ("its
    permanent brigade in Kaunas"): the phrase is the word, up to `MAX_MODIFIERS` words
    before it and its complement. The walk back stops at an opener, an object end, a
    verb-group word, a word in a verb's place (after "to" or "would": "would send troops"
    gives "troops") and one that may be a verb (`verb_like`); a possessive is kept and
    ends it ("Chile's new tariffs"). A word alone is named as the article first named it
    (`first_mention`); a bare verb ("to spend") gives "", and the tracked name is used.
    """
    lang, names = profile.lang, actor_names(profile)
    while end < len(text) and text[end].isalnum():  # "tariff*" matched "tariffs"
        end += 1
    a, b = next(((a, b) for a, b in clauses(text) if a <= start < b), (0, len(text)))
    verbish = lowered(lang.verb_groups) | lowered(lang.verb_group_skips) | {"to"}
    stops = (lowered(lang.object_openers) | lowered(lang.object_ends) | lowered(lang.relatives)
             | verbish | lowered(lang.group_negations) | lowered(lang.stance_verbs)
             | lowered(lang.commitment_cues) | lowered(lang.reporting_verbs)
             | lowered(lang.verb_particles))  # fmt: skip
    openers, done = verb_openers(lang), lowered(lang.copulas) | lowered(lang.perfect_auxiliaries)
    prior = list(WORD.finditer(text, a, start))
    first = start
    for i in range(len(prior) - 1, max(-1, len(prior) - 1 - MAX_MODIFIERS), -1):
        word = prior[i].group().lower()
        possessive = re.fullmatch(r"(.+)['’]s?", word)
        if (text[prior[i].end() : first].strip() or word in stops
                or (i and prior[i - 1].group().lower() in openers)  # "would send"
                or (not possessive and verb_like(word, prior[i - 1].group() if i else "", lang))
                or (i and prior[i - 1].group().lower() in done and _participle(word))  # "been sent"
                or not (possessive.group(1) if possessive else word).replace("-", "").isalpha()
                or (possessive and possessive.group(1) in lowered(lang.pronouns))):  # fmt: skip
            break
        first = prior[i].start()
        if possessive:  # "Canada's own tariffs": the owner ends the phrase
            break
    passive = (
        prior
        and prior[-1].group().lower() in lowered(lang.copulas)
        and _participle(text[start:end].split()[0].lower())
    )  # "is protected", "will be dealt with separately"
    if first == start and prior and (prior[-1].group().lower() in openers or passive):
        return ""  # "to spend", "will continue to support", "is protected": a verb names none
    end = _head_after(text, end, b, prior, stops, lang)  # "a negotiated| solution"
    ends_at = complement(text[:b], end, lang)
    phrase = bare(text[first : ends_at or end])
    if " " not in phrase:
        one = TrackedTopic(name=phrase, words=(phrase.lower(),))
        return first_mention(one, before, lang, names, said=text).name
    return phrase


def _head_after(
    text: str, end: int, b: int, prior: list[re.Match[str]], stops: frozenset[str], lang: Language
) -> int:
    """Where the noun a participle before it modifies ends, or `end`.

    A topic word that is a participle after an opener ("open to a negotiated solution")
    describes the noun after it: the phrase runs on over up to `MAX_MODIFIERS` words that
    are neither stops nor verbs ("negotiated solution"; not "negotiated| but ...").
    """
    words = text[:end].split()
    if not (words and prior and prior[-1].group().lower() in lowered(lang.object_openers)
            and words[-1].lower().endswith("ed")):  # fmt: skip
        return end
    for nxt in list(WORD.finditer(text, end, b))[:MAX_MODIFIERS]:
        lower = nxt.group().lower()
        if (text[end : nxt.start()].strip() or lower in stops or not lower.isalpha()
                or verb_like(lower, "", lang)):  # fmt: skip
            break
        end = nxt.end()
    return end


def first_mention(
    topic: TrackedTopic, before: str, lang: Language, names: frozenset[str], *, said: str = ""
) -> TrackedTopic:
    """`topic` as the article first named it, when it is one word ("agreement").

    Only a definite word points back (`said`: "opposes the agreement", `anaphor_openers`);
    a bare or indefinite one does not ("ready to deploy troops" after "Italian troops").

    The first earlier use of the word (else of a kin noun, `anaphor_kin`, in the body before
    the headline: "the deal" after "the trade agreement") with words before it in its noun
    phrase, or a complement after it, gives up to `MAX_MODIFIERS` of each ("deployment of
    long-range missiles"); the walk back stops at an opener, an object end, a name, a
    possessive and a maybe-verb (`verb_like`). Else it stays as it was.
    """
    if (
        " " in topic.name
        or not before
        or topic.worded
        or (said and not definite(said, topic, lang))
    ):
        return topic
    stops = (lowered(lang.object_ends) | lowered(lang.object_openers) | lowered(lang.relatives)
             | lowered(lang.verb_particles))  # fmt: skip
    openers = verb_openers(lang)
    for use in lang.kin_uses(topic.name, before):  # "the deal" after "the trade pact"
        words = before[: use.start()].split()[-MAX_MODIFIERS - 1 :]
        kept: list[str] = []
        for i in range(len(words) - 1, max(0, len(words) - MAX_MODIFIERS - 1) - 1, -1):
            word = words[i]
            plain = word.strip(",.;:()\"“”‘’'").lower()
            previous = words[i - 1] if i else ""
            if (plain != word.lower() or plain in stops or plain in names or "'" in word
                    or "’" in word or not plain.replace("-", "").isalpha()
                    or previous.lower() in openers
                    or verb_like(plain, previous, lang)):  # fmt: skip
                break
            kept.insert(0, word)
            if len(kept) == MAX_MODIFIERS:
                break
        after = complement(before, use.end(), lang, infinitive=True)  # "plan to halve quotas"
        if kept or after:
            name = bare(" ".join([*kept, before[use.start() : after or use.end()]]))
            # the sentence's own word stays a cue: its clause is where the checks read it
            cues = (name.lower(), *(w for w in topic.words if w != name.lower()))
            return TrackedTopic(name=name, words=cues, negated_by=topic.negated_by)
    return verbal_mention(topic, before, lang)  # "the pledge" after "Chile pledged to ..."


def definite(said: str, topic: TrackedTopic, lang: Language) -> bool:
    """Whether the sentence `said` names the one-word `topic` after a definite opener."""
    for use in whole_word(topic.name, re.IGNORECASE).finditer(said):
        opener = re.search(r"(\w+)\s+$", said[: use.start()])  # as `headline_event` reads it
        if opener and opener.group(1).lower() in lowered(lang.anaphor_openers):
            return True
    return False


def past_quantity(clause: str, start: int, lang: Language) -> int:
    """Where an object starts past a quantity lead before a number (`quantity_leads`).

    "will send up to 300 soldiers" has "300 soldiers" as its object, not "up"; so has
    "up to ten brigades" (`number_words`).
    """
    at = start + len(clause[start:]) - len(clause[start:].lstrip())
    lead = lang.cues("quantity_leads").pattern.match(clause, at)
    count = re.match(r"\s+(\w+)", clause[lead.end() :]) if lead else None
    if lead is None or count is None:
        return start
    number = count.group(1)[:1].isdigit() or count.group(1).lower() in lowered(lang.number_words)
    return lead.end() if number else start


def past_empty_head(words: list[re.Match[str]], lang: Language) -> list[re.Match[str]]:
    """An object's words past an empty head and its "of" (`empty_heads`).

    "the principle of a reassurance force" names a reassurance force.
    """
    if len(words) < 3 or words[0].group().lower() not in lowered(lang.empty_heads):
        return words
    if words[1].group() != "of":
        return words
    opener = words[2].group().lower() in lowered(lang.object_openers) and len(words) > 3
    return words[3:] if opener else words[2:]


def verb_openers(lang: Language) -> frozenset[str]:
    """Words after which the next word is a verb: "would (send)", "to (raise)", "not (host)".

    The verb-group words that take a verb directly; "planned" and "wants" take "to" first
    ("the planned river dam" is a noun phrase).
    """
    return _verb_openers(lang.verb_groups, lang.chain_verbs, lang.verb_group_skips)


@cache
def _verb_openers(
    groups: tuple[str, ...], chains: tuple[str, ...], skips: tuple[str, ...]
) -> frozenset[str]:
    direct = {w for w in lowered(groups) - lowered(chains) if not w.endswith("ed")}
    return frozenset(direct) | lowered(skips) | {"to"}


def verb_like(word: str, previous: str, lang: Language) -> bool:
    """Whether `word`, walked back over from a noun, may be the verb before its phrase.

    A word with a verb ending ("imposed", "raises": `verb_endings`), or one that can only be
    a verb's base form ("extend"), is one unless an opener comes before it ("the planned
    dam"): "Riverton imposed new duties" gives "new duties", not "imposed new duties".
    """
    if previous.lower() in lowered(lang.object_openers):
        return False
    return word.endswith(tuple(lang.verb_endings)) or _only_verb(word.lower())


@cache
def _only_verb(word: str) -> bool:
    """Whether `word` is a verb's base form and nothing else ("extend"; not "ban", "trade").

    A headline's verb has no ending ("US, Acme extend tomato truce"), so the ending test
    alone walks back over it.
    """
    from lemminflect import getAllLemmas  # its lexicon loads on first use (~1 s)

    lemmas = getAllLemmas(word)
    return set(lemmas) == {"VERB"} and lemmas["VERB"][0] == word


def actor_names(profile: Profile) -> frozenset[str]:
    """Names that are actors, not topics: the profile's actors, every country and capital."""
    return _actor_names(tuple(n for a in profile.actors for n in (a.name, *a.aliases)))


@cache
def _actor_names(known: tuple[str, ...]) -> frozenset[str]:
    places = {n for pair in countries().items() for n in pair if n}
    return frozenset(n.lower() for n in places | set(known))


def headline_event(clause: str, words: list[re.Match[str]], lang: Language, headline: str) -> str:
    """The wording "the decision (<headline>)" when a one-word object points back to the event.

    It must follow "the", "this", "that" or a possessive pronoun (`anaphor_openers`: "any
    move" points nowhere), and no "of", "to", "by" or "for" may follow it ("the decision of
    the council to ..." says which decision it is, and is not the headline's). The
    headline's event ends where a subordinate clause starts ("... as stocks fall").
    """
    if not headline or len(words) != 1:
        return ""
    word = words[0].group().rstrip(".")
    opener = re.search(r"(\w+)\s+$", clause[: words[0].start()])
    if (word.lower() not in lowered(lang.event_anaphors) or opener is None
            or opener.group(1).lower() not in lowered(lang.anaphor_openers)
            or re.match(r"\s+(?:of|to|by|for)\b", clause[words[0].end() :])):  # fmt: skip
        return ""
    event = headline.strip()
    for cue in re.finditer(r"(?<=\s)(\w+)(?=\s)", event):  # "... as prices fall" is the background
        if cue.group(1).lower() in lowered(lang.subordinators):
            event = event[: cue.start()].rstrip()
            break
    return f"{opener.group(1).lower()} {word} ({event})"


def bare(phrase: str) -> str:
    """`phrase` without the sentence's full stop (an abbreviation's is kept: "U.S.").

    A bracket it opens and does not close is cut off: "guarantees| (modelled on Article 5".
    """
    opened = phrase.rfind("(")
    if opened > 0 and ")" not in phrase[opened:]:
        phrase = phrase[:opened].rstrip()
    last = phrase.split()[-1] if phrase.split() else ""
    return phrase[:-1] if last.endswith(".") and "." not in last[:-1] else phrase


def complement(
    clause: str,
    end: int,
    lang: Language,
    lead_words: tuple[str, ...] | None = None,
    *,
    infinitive: bool = False,
) -> int | None:
    """Where an object's complement ends ("safeguards| for beef imports"), or None.

    The question is put about the object alone; the position words it with what the
    clause says it is of, for, on or against, up to `MAX_COMPLEMENT_WORDS` and the next
    object end, comma or quotation mark ('membership for Chile| "a path to war"'). One the
    limit cuts goes back to its last inner lead ("on 30 billion dollars", not "on 30
    billion dollars of American"), or is left out. "to" leads one only before a determiner
    or a name ("frigates to a joint mission", not "the deal to be signed"), and with
    `infinitive` before a verb as well ("a plan| to halve quotas"); `lead_words` may
    ("without" after "negotiated"); a time never ("on Monday"), nor a condition ("will join
    on the condition that ...": what is joined is not "the condition").
    """
    lead = re.match(r"\s+(\w+)", clause[end:])
    timed = lang.cues("time_phrases", "condition")  # "on Monday", "on the condition that"
    if (lead is None or lead.group(1).lower() not in lowered(lead_words or lang.complement_leads)
            or timed.pattern.match(clause, end + lead.start(1))):  # fmt: skip
        return None
    at = end + lead.end()
    following = list(WORD.finditer(clause, at))
    if lead.group(1).lower() in lowered(lang.duration_leads) and any(
        w.group().lower().rstrip(".") in lowered(lang.time_units) for w in following[:3]
    ):
        return None  # "for two years", "over 15 years": how long, not what it is of
    verb = infinitive and following and following[0].group().islower()  # "a plan to halve"
    if lead.group(1).lower() == "to" and not (
        following and (following[0].group().lower() in lowered(lang.object_openers)
                       or following[0].group()[:1].isupper()
                       or (verb and following[0].group() not in lowered(lang.copulas)))
    ):  # fmt: skip
        return None
    stops = lowered(lang.object_ends) | lowered(lang.verb_groups)  # "for the town| should be"
    stops |= lowered(lang.subordinators) | lowered(lang.inner_subordinators)  # "| once the"
    kept: list[re.Match[str]] = []
    cut = False  # by the word limit, not at a stop, a comma or the sentence's end
    led = 1 if verb and lead.group(1).lower() == "to" else 0  # "to pay| for the fund"
    for i, word in enumerate(following[: MAX_COMPLEMENT_WORDS + 1]):
        lower = word.group().lower().rstrip(".")
        if re.search(r"[,;:!?()\n\"“”]", clause[at : word.start()]) or (lower in stops and i > led):
            break
        if i == MAX_COMPLEMENT_WORDS:
            cut = True
            break
        kept.append(word)
        at = word.end()
        if word.group().endswith(".") and "." not in word.group()[:-1]:
            break  # a sentence's end ("U.S." goes on)
    if kept and re.search(r"['’]s?$", kept[-1].group()):
        return None  # "for Acme's| and Riverton's plants": the owner without what it owns
    if cut:  # "on 30 billion dollars of American| goods"
        leads = lowered(lang.complement_leads)
        inner = [i for i, w in enumerate(kept) if i and w.group().lower() in leads]
        kept = kept[: inner[-1]] if inner else []  # back to "on 30 billion dollars", or none
    openers = lowered(lang.object_openers)
    subjects = lowered(lang.particle_subjects) | lowered(lang.self_subjects)
    if any(w.group().lower() in subjects for w in kept[1:]):  # "to a war| it has spent ..."
        kept = kept[: next(i for i, w in enumerate(kept) if i and w.group().lower() in subjects)]
    while kept and kept[-1].group().lower() in openers:  # cut off before its noun: "to a| ..."
        kept.pop()
    return kept[-1].end() if kept else None


def predicates(text: str, a: int, b: int, lang: Language) -> list[tuple[int, int]]:
    """A clause's coordinated predicates: "accepted the vote| and would not bring it back".

    The clause `text[a:b]` is cut before an "and" or "or" whose next word is a verb of the
    language's lists (a reporting verb, a verb-group word, a copula, a stance verb) or a
    relative that opens a second reported clause or a perfect auxiliary ("and has warned
    against ..."), so a negation in one predicate is not
    read against a topic of another: "welcomed the move and said Brasilia opposes new
    barriers" does not negate the move, nor "said membership was irreversible and that no
    country could block it" the membership.
    """
    # a relative opens a second reported clause: "was irreversible| and that no country ..."
    verbs = _one_word(lang.reporting_verbs, lang.verb_groups, lang.copulas, lang.stance_verbs,
                      lang.relatives, lang.perfect_auxiliaries)  # fmt: skip
    cuts = [a]
    for joint in re.finditer(r"\b(?:and|or)\s+(\w+)", text[a:b]):
        if joint.group(1).lower() in verbs and text[cuts[-1] : a + joint.start()].strip(" ,"):
            cuts.append(a + joint.start())
    return list(itertools.pairwise([*cuts, b]))


def possible(clause: str, group: re.Match[str], lang: Language) -> bool:
    """Whether a verb group only says what may happen ("could add"; not "could not accept")."""
    after = re.match(r"\s+(\w+)", clause[group.end() :])
    negated = after is not None and after.group(1).lower() in lowered(lang.group_negations)
    return group.group().lower() in lowered(lang.possibility_modals) and not negated


@cache
def participles(verbs: tuple[str, ...]) -> frozenset[str]:
    """Each verb (or phrasal verb: "scale back") with its regular and doubled -ed forms."""
    forms = set()
    for phrase in verbs:
        verb, _, rest = phrase.lower().partition(" ")
        for form in (verb, verb + "d", verb + "ed", verb + verb[-1] + "ed", verb + "n"):
            forms.add(f"{form} {rest}".strip())
    return frozenset(forms)


@cache
def _participle(word: str) -> bool:
    """Whether `word` is a past participle: "protected", and irregular ones like "dealt"."""
    if word.endswith("ed"):
        return True
    from lemminflect import getInflection, getLemma  # its lexicon loads on first use (~1 s)

    return any(word in getInflection(lemma, "VBN") for lemma in getLemma(word, upos="VERB"))


def adverb(word: str, lang: Language) -> bool:
    """Whether a lower-case word is an adverb by its ending ("firmly"; "apply" is a verb)."""
    return word.endswith("ly") and word not in lowered(lang.ly_verbs)


@cache  # `predicates` runs for every label checked
def _one_word(*lists: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for words in lists for w in words if " " not in w)
