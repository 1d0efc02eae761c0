"""The brief stage as one plan: segment, find speakers, ask short labels, check, assemble.

`plan` is a generator: it yields each question (`label.Ask`) and receives the model's
answer (a `Completion`, or the `ModelError` the call raised), so the sync and async
briefers drive the very same steps (`drive`, `adrive`) and no step exists twice.
Evidence is always a whole sentence of the article, cited by its offsets; the model
only labels, so nothing it writes can be a fragment, cut mid-word or in another script.
"""

from __future__ import annotations

import hashlib
import importlib
import sys
from collections.abc import Generator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .anaphors import asked_before
from .answers import answered
from .cast import Cast, cast_of
from .checks import Checked, check_stance, open_topics, own_negation, set_apart, stance_topics
from .datelines import home_of
from .errors import ModelError
from .guarantees import guarantees, whole
from .guard import unflagged
from .intents import (
    stated_against,
    unless_asked,
    unless_bygone,
    unless_conditioned,
    unless_others_act,
    unless_relieved,
    unless_set_aside,
)
from .judged import judged_against, judged_topics
from .label import Ask, Label, ask_hedge, ask_stance
from .named_objects import asked_object
from .nominal import noun_stances, sharers
from .passive import passive_topics
from .phrases import lowered
from .profile import Language, Profile, TrackedTopic
from .records import (
    MAX_EVIDENCE,
    Actor,
    Article,
    DroppedItem,
    Evidence,
    Guarantee,
    Position,
    Uncertainty,
    Usage,
)
from .reports import credited_subjects, opened_by, part_subjects, reports, without_source
from .segment import Sentence, lead, segment
from .speakers import Speaker, holders, speakers
from .tracked_words import asked_about, balanced, complement_only, urged_on, worded

__all__ = ["Answer", "Stage", "plan", "stage_version"]

Answer = Any  # llm.Completion of the asked label, or the ModelError its call raised
# Bounds on what one brief lists. Positions are many on purpose: the stage cites whole
# sentences, so a long article states more than 12 (seed 003 lost 5, among them the only
# opposing voice on troops, when the bound was 12); a reader skims them grouped by topic.
MAX_ACTORS, MAX_POSITIONS, MAX_GUARANTEES, MAX_UNCERTAINTIES = 12, 24, 8, 8
# One topic per sentence, the first it names: asked about a second topic in the same
# sentence ("will continue to support Ukraine ... after any ceasefire agreement"), the
# 1.5B model stated a stance on it (seeds: 10 of 23 stated positions the gold does not
# have, 1 it contradicts); one topic kept 18 of 19 recalled positions.
TOPICS_PER_SENTENCE = 1
# Each stance verb has its own object ("welcomed the agreement and said Cairo supports
# long-term contracts"): objects are not rival readings of one sentence, so two are asked.
OPEN_TOPICS_PER_SENTENCE = 2
SPEAKERS_PER_SENTENCE = 2

_VERB = {"supports": "supports", "opposes": "opposes", "neutral": "comments on",
         "conditional": "supports, under conditions,"}  # fmt: skip
_UNCERTAIN = {
    "unverified_report": "Reported, not confirmed", "hedged_claim": "Stated with a hedge",
    "disputed": "Disputed", "open_question": "Left open", "prediction": "A prediction",
}  # fmt: skip


@dataclass
class Stage:
    """What the plan produced for one article, and what it cost."""

    actors: list[Actor] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    guarantees: list[Guarantee] = field(default_factory=list)
    uncertainties: list[Uncertainty] = field(default_factory=list)
    summary: str = ""
    dropped: list[DroppedItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    attempts: int = 0
    seconds: float = 0.0
    answered: int = 0
    errors: list[ModelError] = field(default_factory=list)
    min_probability: float = 0.0
    unsure: int = 0

    def take(self, answer: Answer, asked: Ask) -> str | None:
        """The label of an answer, counting its cost; None if it failed or was unsure."""
        if isinstance(answer, ModelError):
            self.usage += answer.usage()
            self.attempts += max(answer.attempts, 1)
            self.errors.append(answer)
            self.warnings.append(f"no answer for {asked.about}: {answer}")
            return None
        self.answered += 1
        self.usage += answer.usage
        self.attempts += answer.attempts
        self.seconds += answer.seconds
        label: Label = answer.value
        if label.probability is not None and label.probability < self.min_probability:
            self.unsure += 1
            self.warnings.append(f"unsure label for {asked.about}: {label.value} at "
                                 f"p={label.probability:.2f}, not used")  # fmt: skip
            return None
        return label.value


@cache
def stage_version() -> str:
    """A hash of the brief stage's own code: part of every brief's cache key.

    A change to how sentences are split, speakers found, cues matched, questions put or labels
    checked makes stored briefs stale just as a prompt change does, with no version to bump.
    """
    names = ("segment", "guard", "cast", "datelines", "people", "bylines", "demonyms",
             "speakers", "subjects", "documents", "profile", "label", "phrases", "objects", "acts",
             "anaphors", "checks", "negations", "status", "judged", "reports", "tracked_words",
             "guarantees", "named_objects", "intents", "conditions", "answers", "nominal",
             "passive", "patterns", "relatives", "credits", "verbal")  # fmt: skip
    digest = hashlib.sha256()
    for module in (*(importlib.import_module(f".{n}", __package__) for n in names),
                   sys.modules[__name__]):  # fmt: skip
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:12]


def _attribution(speaker: Speaker, sentence: Sentence) -> str:
    if speaker.reported and sentence.quoted:
        return "direct_quote"
    return "paraphrase" if speaker.reported else "outlet_framing"


def plan(
    article: Article, profile: Profile, *, min_probability: float = 0.0
) -> Generator[Ask, Answer, Stage]:
    """The brief stage of one article; yields questions, receives answers, returns a Stage.

    A label given less than `min_probability` (when the endpoint reports one) is not used.
    """
    stage = Stage(min_probability=min_probability)
    sentences = segment(article.text)
    cast = cast_of(sentences, profile)
    who = speakers(sentences, cast)
    body = [(s, w) for s, w in zip(sentences, who, strict=True) if not s.headline]
    body = unflagged(article.text, body)
    backers: dict[tuple[int, str], str] = {}  # (sentence, topic) -> actor for it
    asked = [(s, holders(w, cast)) for s, w in body]
    headline = sentences[0] if sentences and sentences[0].headline else None
    home = home_of(sentences, cast)
    sides = {n: frozenset(f.lower() for f in m.forms()) | home for n, m in cast.members.items()}
    yield from _stances(stage, asked, profile, backers, article.text, headline, sides, cast)
    yield from guarantees(stage, body, profile, backers)
    yield from _uncertainties(stage, body, profile)
    holding = {s.actor for row in who for s in row} | {p.actor for p in stage.positions}
    stage.actors = cast.listed(holding, MAX_ACTORS, frozenset(p.actor for p in stage.positions))
    stage.summary = lead(sentences)
    _bound(stage)
    return stage


def _stances(
    stage: Stage,
    body: list[tuple[Sentence, list[Speaker]]],
    profile: Profile,
    backers: dict[tuple[int, str], str],
    text: str,
    headline: Sentence | None,
    sides: dict[str, frozenset[str]],
    cast: Cast,
) -> Generator[Ask, Answer, None]:
    """Ask each speaker's stance on each topic a sentence names in a main clause.

    The topics are the profile's tracked ones; a sentence naming none of them is asked
    about the object of its stance verb ("supports signing the treaty"), so an article
    outside the profile's domain still gets positions, in its own words (`text` names a
    one-word object as it was first named). A tracked topic is asked by its name, worded
    as the sentence words it ("Western guarantees") and filed under the name (`issue`),
    unless that wording is about something else (`asked_about`). A stance on "the
    decision" is worded with the `headline`'s event and cites it too. A
    negated verb group whose subject is the speaker's side (`sides`: its names and the
    dateline's state) puts the speaker against a tracked topic it falls on. A sentence
    with neither is asked about what its verdict judges ("called the quotas unfair"), and
    one with none of these about what the model names, in its words (`named_objects`).
    A side a noun states ("Keller, a critic of the tax,": `nominal`) is added unless the
    model's reading of the holder on the same words differs: then less is said. A side the
    sentence shares with others ("..., as does Chile") is theirs too.
    When the model finds a speaker has no stance on any tracked topic the sentence names
    ("will send crews to a new harbour" asked about a tracked "fishing quotas"), the
    sentence's own object is asked next, and a position on it is filed under no issue.
    """
    title, lang = (headline.text if headline else ""), profile.lang
    nouns = noun_stances([s for s, _ in body], cast, profile)
    names = frozenset().union(*sides.values())  # every actor's forms: "the farmers want"
    stances: dict[tuple[str, str, str], list[Evidence]] = {}
    # the first speaker and sentence of each stance, and the tracked issue it is filed under
    found: dict[tuple[str, str, str], tuple[Speaker, Sentence, str | None]] = {}
    parts = [(s, w, s.text[a:b], a) for s, w in body if w for a, b in reports(s.text, lang)]
    for sentence, candidates, part, at in parts:  # "welcomed it | and said ...": two stances
        # A tracked topic first; else what a stance verb's object names, in the article's words
        before = text[: sentence.start + at]
        tracked = stance_topics(without_source(part, lang), profile)[:TOPICS_PER_SENTENCE]
        opened = open_topics(part, profile) if tracked else []  # once per part, not per ask
        verdicts = judged_topics(part, profile) if tracked else []  # "Chile's offer to cut X"
        tracked = [t for t in tracked if not complement_only(part, t, profile, opened, verdicts)]
        topics = (
            tracked
            or asked_before(
                open_topics(part, profile, before=before, headline=title), before, profile
            )[:OPEN_TOPICS_PER_SENTENCE]
            or judged_topics(part, profile, before=before, headline=title)
        )
        if not topics and any(c.how == "agent" for c in candidates):  # "was backed by Chile"
            candidates = [c for c in candidates if c.how == "agent"]  # not who reports it
            topics = passive_topics(part, profile, before=before, headline=title)
        candidates = _part_holders(sentence, part, at, candidates, parts, cast, lang)
        named = not topics and bool(candidates)  # none found by code: the model names one
        if named:
            lead = candidates[0].actor
            topics = yield from asked_object(stage.take, sentence.text, part, lead, sides[lead],
                                             profile)  # fmt: skip
        # A tracked topic is written as this sentence words it, and filed under its name
        wordings = {t.name: worded(part, t, profile, before=before) for t in tracked}
        abouts = {t.name: asked_about(t, wordings[t.name], profile) for t in tracked}
        own: list[TrackedTopic] | None = None  # the sentence's object, found when first needed
        given: dict[tuple[str, str], int] = {}  # (topic, polarity): where its first holder is
        later = [p for s, _, p, a in parts if s is sentence and a > at]  # its later parts
        # "..., as does Iceland" and "The ministers of Chile, Peru and Bolivia": one side
        shared_by = sharers(part, cast, lang) + [c.actor for c in candidates if c.how == "listed"]
        candidates = [c for c in candidates if c.how != "listed"]
        for speaker in candidates[:SPEAKERS_PER_SENTENCE]:
            forms = sides[speaker.actor]  # "Riverton backs it, | but Acme's Keller said": not hers
            if not opened_by(part, forms, lang) and any(opened_by(p, forms, lang) for p in later):
                continue
            asking, nones = list(topics), 0
            for topic in asking:  # grows by the sentence's object after a "none" on each tracked
                is_tracked = any(topic is t for t in tracked)
                if any(n.sentence is sentence and n.issue == topic.name
                       and n.actor != speaker.actor for n in nouns):  # fmt: skip
                    continue  # "Acme's support for the levy is firm, but Keller said": Acme's
                about, filed = abouts.get(topic.name, (topic.name, False))
                asked = ask_stance(sentence.text, speaker.actor, about)
                label = stage.take((yield asked), asked)
                nones += is_tracked and label == "none"
                if tracked and nones == len(tracked) and topic is tracked[-1]:
                    if own is None:
                        own = asked_before(
                            open_topics(part, profile, before=before, headline=title),
                            before,
                            profile,
                        )
                    asking += own[:OPEN_TOPICS_PER_SENTENCE]
                if label is None:
                    continue
                where = f"{speaker.actor} / {topic.name}"
                cues = profile.topic_cues(topic)
                side = sides[speaker.actor]
                against = topic.negated_by or (
                    own_negation(part, cues, side, profile)
                    or judged_against(part, cues, profile, judged=verdicts)
                    if is_tracked
                    else ""
                )
                if verb := stated_against(label, against, part, side, names, lang):
                    label = "opposes"  # "has ruled out cutting tariffs", labelled "none"
                    stage.warnings.append(f"{where}, sentence {sentence.number}: labelled none, "
                                          f"read as opposes: the speaker {verb!r} it")  # fmt: skip
                wording = wordings.get(topic.name, topic.worded or topic.name)
                urged = topic.urged or (is_tracked and urged_on(part, topic, profile, opened))
                checked = check_stance(label, part, cues, profile, negated_by=against,
                                       urged=urged, worded=wording)  # fmt: skip
                checked = set_apart(checked, part, sides[speaker.actor], topic.name, given, lang)
                checked = unless_others_act(checked, part, cues, side, names, lang)
                checked = unless_conditioned(checked, part, cues, lang)
                checked = unless_relieved(checked, part, cues, lang)
                checked = unless_bygone(checked, part, lang)  # "used to argue that ..."
                checked = unless_asked(checked, part, cues, lang)  # "not clear whether ..."
                checked = unless_set_aside(checked, part, cues, lang)  # "short of membership"
                checked = answered(checked, part, cues, lang)  # "Asked whether ..., said: "No.""
                if named and checked.polarity == "neutral":  # no side on what the model named
                    checked = Checked(None, "labelled neutral on a topic the model named")
                if checked.polarity is None:
                    if label != "none":
                        stage.dropped.append(DroppedItem(
                            section="positions", label=where, quote=sentence.text,
                            reason=f"sentence {sentence.number}: {checked.note}",
                            whole_item=True,
                        ))  # fmt: skip
                    continue
                if checked.note:
                    stage.warnings.append(f"{where}, sentence {sentence.number}: {checked.note}")
                if checked.polarity == "conditional" and topic.name in wordings:
                    # "would drop the tariffs only if ...": conditional on dropping them
                    wording = worded(part, topic, profile, before=before, undone=True)
                key = (speaker.actor, balanced(wording), checked.polarity)
                cited = stances.setdefault(key, [])
                if all(e.start != sentence.start for e in cited):  # two topics, one wording
                    cited.append(whole(sentence))
                if headline and topic.of_headline and len(cited) == 1:
                    cited.append(whole(headline))  # what "the decision" was
                found.setdefault(key, (speaker, sentence, topic.name if filed else None))
                for other in shared_by if speaker is candidates[0] else ():
                    shared = (other, key[1], key[2])
                    cited = stances.setdefault(shared, [])
                    if all(e.start != sentence.start for e in cited):
                        cited.append(whole(sentence))
                    as_asked = Speaker(other, speaker.how, speaker.reported)  # its attribution
                    found.setdefault(shared, (as_asked, sentence, found[key][2]))
                if checked.polarity in ("supports", "conditional"):
                    backers.setdefault((sentence.number, topic.name), speaker.actor)
    for n in nouns:  # the outlet's framing, read by code
        key = (n.actor, balanced(n.wording), n.polarity)
        if not any(k[:2] == key[:2] and k[2] != n.polarity for k in stances):
            stances.setdefault(key, []).append(whole(n.sentence))
            found.setdefault(key, (Speaker(n.actor, "subject", False), n.sentence, n.issue))
    hedges = profile.lang.hedge_cues()
    for (actor, topic_name, polarity), evidence in stances.items():
        speaker, first, issue = found[(actor, topic_name, polarity)]
        stage.positions.append(
            Position(
                actor=actor,
                topic=topic_name,
                issue=issue,
                stance=f"{actor} {_VERB[polarity]} {topic_name}.",
                polarity=polarity,
                attribution=_attribution(speaker, first),
                hedged=any(hedges.any(e.quote) for e in evidence),
                evidence=tuple(evidence[:MAX_EVIDENCE]),
            )
        )


def _part_holders(
    sentence: Sentence,
    part: str,
    at: int,
    candidates: list[Speaker],
    parts: list[tuple[Sentence, list[Speaker], str, int]],
    cast: Cast,
    lang: Language,
) -> list[Speaker]:
    """Who a report part's stance is asked of, when the sentence has several parts.

    A later part that opens with its own subject ("; Italy and France want an exemption")
    is theirs alone; the first is not asked of them unless it opens with them too.
    """
    mentions = cast.mentions(part)  # once: the first part reads them up to three times
    if at:
        named = part_subjects(part, mentions, lang)
        if named:  # ", while French President Emmanuel Macron backed": his, and France's by office
            found, persons = {c.actor: c for c in candidates}, {n for *_, n in mentions}
            held = [c for c in candidates if c.actor in persons and cast.kind(c.actor) == "person"
                    and any(found[a].how == "listed" for a in named if a in found)]  # fmt: skip
            return held + [found.get(a, Speaker(a, "subject", False)) for a in named]
        return candidates
    if candidates and all(c.how in ("reported", "listed") for c in candidates):
        # "Japan will not join the curbs, Trade Minister Yoji Muto said": Japan's too
        fronted = credited_subjects(part, mentions, lang)
        candidates = candidates + [Speaker(a, "subject", False) for a in fronted
                                   if cast.kind(a) != "person"
                                   and all(c.actor != a for c in candidates)]  # fmt: skip
    later = {a for s, _, p, b in parts if s is sentence and b
             for a in part_subjects(p, cast.mentions(p), lang)}  # fmt: skip
    if later:  # "Chile backs it, and Santiago says ...": Chile's first part too
        later -= set(part_subjects(part, mentions, lang))
    return [c for c in candidates if c.actor not in later]


def _uncertainties(
    stage: Stage, body: list[tuple[Sentence, list[Speaker]]], profile: Profile
) -> Generator[Ask, Answer, None]:
    cues, said = profile.lang.hedge_cues(), lowered(profile.lang.stated_hedges)
    kinds = {h.lower(): k for h, k in profile.lang.hedges.items()}  # a stated hedge's kind
    for sentence, _ in body:
        found = cues.find(sentence.text)
        if not found:
            continue
        cue = found[0].group()
        asked = ask_hedge(sentence.text, cue)
        label = stage.take((yield asked), asked)
        stated = next((c.group() for c in found if c.group().lower() in said), None)
        if label == "none" and stated:  # "It is unclear whether ...": the words say so
            label = kinds[stated.lower()]
            stage.warnings.append(f"uncertainty, sentence {sentence.number}: labelled none, "
                                  f"read as {label}: the sentence says {stated!r}")  # fmt: skip
        if label is None or label == "none":
            continue
        stage.uncertainties.append(
            Uncertainty(
                description=f"{_UNCERTAIN[label]} (“{cue}”, sentence {sentence.number}).",
                kind=label,
                evidence=(whole(sentence),),
            )
        )


def _bound(stage: Stage) -> None:
    for name, limit in (("positions", MAX_POSITIONS), ("guarantees", MAX_GUARANTEES),
                        ("uncertainties", MAX_UNCERTAINTIES)):  # fmt: skip
        items = getattr(stage, name)
        if len(items) > limit:
            stage.warnings.append(f"{len(items) - limit} {name} beyond the first {limit} left out")
            setattr(stage, name, items[:limit])
