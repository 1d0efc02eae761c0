"""What a sentence judges: the topic of a stance stated as a verdict, with no stance verb.

"The embassy called the new quotas a provocation", "the ministry says the duties are
lawful", "Keller said the accord was 'a cornerstone' of the region's trade": each takes a
side on what it judges, though no verb of backing or opposing says so. Only a verdict
word the language lists (`verdicts_for`, `verdicts_against`) makes a judgment, and only
in two shapes: the object of a naming verb ("called", `naming_verbs`) before the
verdict, or the subject of a copula ("are", `copulas`) before it. The model is asked the
speaker's stance on what is judged, as on any other topic, and the label is checked as
every label is: a `supports` on what a verdict against judges reads as `opposes`
(`TrackedTopic.negated_by`).
"""

from __future__ import annotations

import re

from .anaphors import unnamed
from .objects import add_object, main_clauses
from .phrases import WORD, actor_names, adverb, first_mention, lowered
from .profile import Cues, Language, Profile, TrackedTopic
from .subjects import frame_end

__all__ = ["described", "judged_against", "judged_topics"]


def judged_topics(
    text: str, profile: Profile, *, before: str = "", headline: str = ""
) -> list[TrackedTopic]:
    """The topic of the first verdict in a sentence's main clauses, or none.

    "the Acme embassy called the harbour fees unfair" gives "harbour fees" (worded as
    the article first named it, `before` the sentence); "Keller said the decision was
    'deeply regrettable'" gives the `headline`'s event. A verdict with neither shape, or whose
    judged words are a pronoun or vague ("it", "this"), gives none.
    """
    lang = profile.lang
    against = lang.cues("verdicts_against")
    verdicts = lang.cues("verdicts_for", "verdicts_against")
    names = actor_names(profile)
    for a, b in main_clauses(text, profile):
        clause = text[a:b]
        for verdict in verdicts.find(clause):
            span = _judged(clause, verdict.start(), lang)
            if span is None:
                continue
            found: list[TrackedTopic] = []
            negated_by = verdict.group() if against.pattern.fullmatch(verdict.group()) else ""
            if add_object(found, clause[: span[1]], span[0], lang, names, headline=headline,
                          negated_by=negated_by):  # fmt: skip
                topic = first_mention(found[0], before, lang, names, said=text)
                return [] if unnamed(topic, lang) else [topic]  # "the plan", never named
    return []


def judged_against(
    text: str, topic: Cues, profile: Profile, *, judged: list[TrackedTopic] | None = None
) -> str:
    """The verdict against that judges words naming a tracked topic, or "".

    "Peskov said Moscow would regard any European troops in Ukraine as legitimate
    targets": a `supports` on troops there is read as against them, as on any negated topic.
    `judged`: the sentence's `judged_topics`, when the caller has them already.
    """
    for found in judged_topics(text, profile) if judged is None else judged:
        if found.negated_by and topic.any(f"{found.name} {found.worded}"):
            return found.negated_by
    return ""


def _judged(clause: str, verdict: int, lang: Language) -> tuple[int, int] | None:
    """Where the judged words start and end in a clause with a verdict at `verdict`.

    After the last naming verb, up to the verdict ("called| the quotas |unfair") or a
    quotation mark before it ('called| them |"economic self-harm"'); else
    from the last reporting verb, "that", dash or opening quotation mark before a copula
    to the copula or the verb group before it ("said| the duties |are lawful", "warned
    that| any new deployment |would be treated as a threat", '"|The levy |is unfair."').
    None when there is neither, or when a stance verb or a second subject stands between
    ("said Riverton backs the plan, which is ..."). A clause opened by "but" or "and"
    (`clause_openers`) heads one too ("..., but| these duties |punish growers"). A naming
    verb right after a copula is passive ("would be viewed as a threat"): what it judges is
    the copula's subject. A verdict that is its own predicate (`verdict_predicates`:
    "argued that guarantees on paper| mean little") stands where the copula would.
    """
    before = clause[:verdict]
    copulas = lowered(lang.copulas)
    naming = [  # "would be viewed as a threat": passive, what is judged is the subject
        m for m in lang.cues("naming_verbs").find(before)
        if not (last := WORD.findall(before[: m.start()])[-1:]) or last[0].lower() not in copulas
    ]  # fmt: skip
    if naming:  # a quotation opened before the verdict holds it: 'called them "economic ...'
        start, end = naming[-1].end(), _before_determiner(clause, verdict, lang)
        opened = re.search(r"[\"“‘]", clause[start:end])
        return start, start + opened.start() if opened else end
    copula = next((w.start() for w in WORD.finditer(before) if w.group().lower() in copulas), None)
    if copula is None and lang.cues("verdict_predicates").pattern.match(clause, verdict):
        copula = verdict  # "guarantees on paper| mean little": the verdict is the predicate
    if copula is None:
        return None
    heads = [m.end() for m in lang.cues("reporting_verbs").find(before[:copula])]
    heads += [m.end() for m in re.finditer(r"\bthat\b|[—–]|^\s*[\"“]", before[:copula])]
    opener = re.match(r"[\s,]*(\w+)\s", before)  # "..., but| these duties punish growers"
    if opener and opener.group(1).lower() in lowered(lang.clause_openers):
        heads.append(opener.end())
    if (framed := frame_end(before[:copula], lang.holder_frames)) is not None:
        heads.append(framed)  # "For Chile,| the deal is fair"
    if not heads:
        return None
    start = max(heads)
    ends = copulas | lowered(lang.verb_groups)
    words = list(WORD.finditer(before, start, copula + 1))
    end = next((w.start() for w in words if w.group().lower() in ends), copula)
    stance_verbs = lowered(lang.stance_verbs)
    if any(w.group().lower() in stance_verbs for w in words) or not before[start:end].strip():
        return None
    return start, end


def _before_determiner(clause: str, at: int, lang: Language) -> int:
    """Where the judged words end: before the verdict and the words that lead to it.

    "called the plan| a provocation", "the duties| are lawful", "the accord| was 'a
    cornerstone'", "would regard any troops| as legitimate targets": a determiner, copula,
    adverb, quotation mark or `verdict_leads` word before the verdict is not part of what
    is judged.
    """
    passed = lowered(lang.object_openers) | lowered(lang.copulas) | lowered(lang.verb_groups)
    passed |= lowered(lang.verdict_leads)  # "regard any troops| as legitimate targets"
    words = list(WORD.finditer(clause[:at]))
    end = at
    while words:
        word = words[-1].group().lower()
        if word not in passed and not adverb(word, lang):
            break
        end = words.pop().start()
    return end


def described(text: str, topic: Cues, lang: Language) -> str:
    """The copula and article that say what the topic is, with no verdict; else "".

    "Wyden argued that the tariffs were a tax on manufacturers": the sentence names what
    the tariffs are (`nominal_predicate_leads` after a copula right behind the topic's
    words), and no listed verdict (`verdicts_for`, `verdicts_against`), stance verb or
    commitment in the rest of the clause says which side that puts the speaker on. A
    `supports` there is the 1.5B's default answer, not a reading.
    """
    leads = lowered(lang.nominal_predicate_leads)
    cue = topic.pattern.search(text)
    if cue is None or not leads:
        return ""
    rest = text[cue.end() :]
    clause = re.split(r"[,;:.!?\"“”]|\s[–—]\s", rest, maxsplit=1)[0]
    words = list(WORD.finditer(clause))
    copulas = lowered(lang.copulas)
    at = next((i for i, w in enumerate(words[:4]) if w.group().lower() in copulas), None)
    if at is None or at + 1 >= len(words) or words[at + 1].group().lower() not in leads:
        return ""
    predicate = clause[words[at].start() :]
    if lang.cues("verdicts_for", "verdicts_against", "stance_verbs", "commitment_cues").any(
        predicate
    ):
        return ""
    return f"{words[at].group()} {words[at + 1].group()}"
