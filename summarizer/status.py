"""The status a guarantee's own sentences give it, read in code before the model is asked.

A clause naming the guarantee may state its status outright with the profile's cue words
("off the table": ruled out; "only after a ceasefire": conditional), or make it the
object of a negated verb group ("would not accept foreign troops": rejected). A model's
`proposed` or `endorsed` for a clause that negates the guarantee is not taken
(`status_conflict`). Each decision carries the cue it rests on, which the brief records.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from .checks import IF_CLAUSE, clauses_naming, conditions, only_against, uncancelled
from .objects import WORD, add_object, clauses, group_object, lowered
from .profile import Cues, Language, Profile, TrackedTopic
from .records import GuaranteeStatus
from .segment import Sentence

__all__ = ["article_statuses", "check_status", "negated_status", "stated_status", "status_conflict"]

Stated = tuple[GuaranteeStatus, str]  # a status and the cue words it rests on

_CLOSERS = " \"'\u201d\u2019)"  # what may follow a sentence's own end mark
_PRIVATIVE_REACH = 3  # words before a guarantee's name read for one ("without any foreign troops")

# A clause stating two statuses ("no consensus ... only after") gives the first of these.
_STATUS_ORDER: tuple[GuaranteeStatus, ...] = (
    "ruled_out", "rejected", "conditional", "endorsed", "under_discussion", "proposed"
)  # fmt: skip


def status_conflict(label: str, text: str, kind: Cues, profile: Profile) -> str:
    """Why a model's status label disagrees with its sentence, or "".

    "membership of an alliance is not on the agenda for now" is not a proposal, whatever
    the model answers (a `proposed` or `endorsed` on a clause naming the guarantee that
    negates); nor is a sentence with no condition in it a `conditional` ("agreed on
    Thursday to extend their truce"). The label is then not used (precision first), as a
    `supports` stance on a negated clause is not. A question ("And Acme's membership of
    the pact?") states no status at all, and nor does a sentence naming the guarantee only
    as what something is without ("proposed instead a guarantee without troops").
    """
    if text.rstrip(_CLOSERS).endswith("?"):
        return "the sentence asks a question"
    lang = profile.lang
    for named in kind.pattern.finditer(text):  # "a guarantee without troops on the ground"
        if lowered(lang.privatives) & set(_words(text[: named.start()])[-_PRIVATIVE_REACH:]):
            return "the sentence names it as absent"
    if label in ("proposed", "endorsed"):
        negated = lang.cues("negation").find(" ".join(clauses_naming(text, kind)))
        return f"the clause negates ({negated[0].group().strip()!r})" if negated else ""
    if label == "conditional" and not (
        conditions(text, lang) or profile.status_cue("conditional").any(text)
    ):
        return "the sentence sets no condition"
    return ""


def check_status(label: str, text: str, kind: Cues, profile: Profile) -> tuple[str | None, str]:
    """The status to keep for a model's status `label` on a sentence, and how it was read.

    None when the label conflicts with the sentence (`status_conflict`) and no negation
    of the guarantee gives a status of its own. A `proposed` or `endorsed` on a clause
    that sets a condition on the guarantee is `conditional` ("said it backed a temporary
    truce if it led to a permanent agreement"), as a `supports` stance on it is; a
    condition in another clause, or one the guarantee is named inside, is not its own.
    """
    if conflict := status_conflict(label, text, kind, profile):
        if negated := negated_status(text, kind, profile):
            return negated[0], f"labelled {label}, but {conflict}; read as {negated[0]}"
        return None, f"labelled {label}, but {conflict}"
    if label in ("proposed", "endorsed") and (
        conditioned := _conditioned(clauses_naming(text, kind), kind, profile.lang, bare_if=True)
    ):
        cue = conditioned[1].strip()
        return "conditional", f"labelled {label}, the clause sets a condition on it ({cue!r})"
    if label == "proposed" and (backed := _endorsed(text, kind, profile.lang)):
        return "endorsed", f"labelled proposed, but the clause backs what it names ({backed!r})"
    return label, "model label"


def _endorsed(text: str, kind: Cues, lang: Language) -> str:
    """The verb of backing the guarantee is the object of, or "".

    "welcomed the decision to exempt coffee", "backed the request": backing a named offer
    or decision is endorsing it, not proposing it. Not one with an indefinite object
    ("supports a negotiated truce": one not yet on the table), nor after a proposing verb.
    A pledge unnegated before it (`pledging_verbs`: "has promised continued support"; a
    participle after a comma, `pledging_participles`) is a commitment given.
    """
    openers = lowered(lang.anaphor_openers)
    for clause in clauses_naming(text, kind, lang):
        at = kind.pattern.search(clause)
        before = clause[: at.start()] if at else ""
        backing = [
            b
            for b in lang.cues("endorsing_verbs").find(before)
            if (WORD.findall(before[b.end() :])[:1] or [""])[0].lower() in openers
        ]
        if backing and not lang.cues("proposing_verbs").any(before):
            return backing[-1].group()
        participles = [p for p in lang.cues("pledging_participles").find(before)
                       if before[: p.start()].rstrip().endswith(",")]  # fmt: skip
        pledged = [p for p in [*lang.cues("pledging_verbs").find(before), *participles]
                   if not lang.cues("group_negations").any(before[: p.start()])]  # fmt: skip
        if pledged:  # "has promised continued support", ", promising that troops would stay"
            return pledged[-1].group()
    return ""


def negated_status(text: str, kind: Cues, profile: Profile) -> Stated | None:
    """The status a negation in the clauses naming the guarantee gives it, with its cue.

    "Riverton has no plans to apply for membership", "Riverton will never join the pact",
    "membership of a military alliance is not on the agenda": the clause negates the
    guarantee, which is `ruled_out`; a verb of opposition ("Acme rejects any outside
    guarantees") makes it `rejected`. Not when the negation falls on undoing something
    other than the guarantee ("will not give up its bid for membership"), on a verb of
    opposition ("did not rule out"), on saying ("did not say whether"), nor when the
    clause sets a condition, nor when it stands past a word that opens another predicate
    after the guarantee is named ("guarantees strong enough to make Acme never try
    again"). A negation of the guarantee's own word ("will not suspend
    the quotas", for a truce that is a suspension) does rule it out.
    """
    lang = profile.lang
    named = " ".join(clauses_naming(text, kind, lang))
    if lang.cues("question_leads").any(named) or conditions(named, lang):
        return None
    found = lang.cues("negation").find(named)
    kept = uncancelled(named, found, lang)
    kept += [c for c in found if c not in kept and kind.any(" ".join(_after(named, c, 4)))]
    said = lowered(lang.reporting_verbs)
    kept = [c for c in kept if not said & {w.lower() for w in _after(named, c, 2)}]
    if at := kind.pattern.search(named):  # past "to", "that": another predicate's negation
        marks = lowered(lang.subordinate_marks)
        kept = [
            c for c in kept
            if c.start() < at.start() or not marks & set(_words(named[at.end() : c.start()]))
        ]  # fmt: skip
    if not kept or only_against(named, kept, lang):
        return None
    cue = min(kept, key=lambda c: c.start()).group().strip()
    first = cue.split()[0].lower()
    particle = first in lowered(lang.group_negations) or first.endswith("n't")
    return ("ruled_out" if particle else "rejected"), cue


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _after(text: str, cue: re.Match[str], words: int) -> list[str]:
    return WORD.findall(text[cue.end() :])[:words]


def stated_status(
    text: str, kind: Cues, profile: Profile, *, others: Sequence[Cues] = ()
) -> Stated | None:
    """The status a clause naming the guarantee states outright, with its cue; else None.

    Clauses naming the guarantee are read first; an "if" or "whether" clause states
    nothing ("If membership remains off the table ..."). When the clauses naming it state
    nothing, and the guarantee is not the object of a negated verb group ("would not accept
    foreign troops": rejected), a later clause may ("troops ..., but only after a
    ceasefire"), but only for the first guarantee the sentence names: "sending troops as
    part of future guarantees, but only after a ceasefire" conditions the troops
    (`others`: the other kinds' cues). A clause before the guarantee is named is about
    something else ("there is no consensus on X, noting that the deal must include a
    bridge" says nothing of the bridge). A negated verb group outweighs a profile's
    `conditional` cue that is no condition of the language, only a time ("will not send
    troops after the truce" rejects them; "would not send troops unless ..." stays
    conditional).
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
    cued, refused = _cued(naming, profile), _refused(naming, kind, profile.lang)
    conditioned = _conditioned(naming, kind, profile.lang)
    if refused and (conditioned or (cued and cued[0] == "conditional")):
        # "would not send troops unless ...": conditional; "will not send troops after a
        # ceasefire": a time, not a condition, so rejected
        return conditioned or refused
    return cued or refused or conditioned or _cued(rest, profile, later=True)


def _conditioned(
    texts: list[str], kind: Cues, lang: Language, *, bare_if: bool = False
) -> Stated | None:
    """`conditional`, when a clause naming the guarantee sets a condition on it.

    "would stay in place only as long as ..." does: the language's condition cues, except
    a bare "if" unless `bare_if` (a model's label is checked with it: "backed a temporary
    truce if it led to a lasting deal"; cue words alone are read without it). A cue inside
    the clause before the guarantee is named makes the guarantee the condition, not what
    is conditioned ("would retaliate unless Acme grants an exemption" asks for the
    exemption); one that opens the clause conditions all of it.
    """
    for clause in texts:
        if IF_CLAUSE.search(clause):
            continue
        named = kind.pattern.search(clause)
        for cue in conditions(clause, lang):
            opens = not clause[: cue.start()].strip(" ,—–-")
            counted = bare_if or cue.group().lower() != "if"
            if counted and (opens or not named or cue.start() > named.start()):
                return "conditional", cue.group()
    return None


def _cued(texts: list[str], profile: Profile, *, later: bool = False) -> Stated | None:
    """The first status cue in the clauses `texts`, skipping "if" and "whether" clauses.

    Time phrases inside a cue are read past ("agreed on Monday to extend"). In a `later`
    clause, a cue with an object of its own states that object's status, not
    the guarantee's: "troops on a rotating basis, ... but he ruled out any new bases".
    """
    openers = lowered(profile.lang.object_openers)
    times = profile.lang.cues("time_phrases").pattern
    for whole in texts:
        if IF_CLAUSE.search(whole):
            continue
        clause, kept = _read_past(whole, times)  # "agreed on Monday to extend"
        for status in _STATUS_ORDER:
            for found in profile.status_cue(status).find(clause):
                after = WORD.findall(clause[found.end() :])[:1]
                if later and status != "conditional" and after and after[0].lower() in openers:
                    continue
                return status, whole[kept[found.start()] : kept[found.end() - 1] + 1]
    return None


def _read_past(text: str, times: re.Pattern[str]) -> tuple[str, list[int]]:
    """`text` without what `times` matches, and where in `text` each character left stands.

    A space after each phrase goes with it, so "agreed on Monday to extend" reads
    "agreed to extend".
    """
    drop: set[int] = set()
    for found in times.finditer(text):
        end = found.end() + (text[found.end() : found.end() + 1] == " ")
        drop.update(range(found.start(), end))
    kept = [i for i in range(len(text)) if i not in drop]
    return "".join(text[i] for i in kept), kept


def _refused(texts: list[str], kind: Cues, lang: Language) -> Stated | None:
    """`rejected`, when the guarantee is the object of a negated verb group.

    "would not accept foreign troops on the border" rejects the troops, as the same group
    reads a position as opposition; a verb that undoes ("will not lift") forces nothing.
    """
    for clause in texts:
        if IF_CLAUSE.search(clause):
            continue
        for group in lang.cues("verb_groups").find(clause):
            found = group_object(clause, group, lang)
            if found is None or not found.negated_by:
                continue
            objects: list[TrackedTopic] = []
            if add_object(objects, clause, found.start, lang, frozenset()) and kind.any(
                objects[0].name
            ):
                return "rejected", found.negated_by
    return None


def article_statuses(
    naming: list[Sentence],
    kind: Cues,
    profile: Profile,
    others: Sequence[Cues] = (),
    holder: Callable[[int], str | None] = lambda number: None,
) -> list[tuple[Sentence, str, str]]:
    """The statuses the article's own cue words give a guarantee: (sentence, status, how).

    Read over every sentence naming it (`naming`). When each status is stated by its own
    holders (`holder`: the actor speaking in a sentence, by number), each holder's status
    is kept: "Riverton will not send troops" (Anna Keller) and "Acme is ready to deploy
    troops once a ceasefire is signed" (its president) are two actors' statuses, which the
    digest sets against each other, not one guarantee under discussion. Otherwise one
    status: the one most sentences state wins ("ruled out" four times against one
    "irreversible"); two stated equally often by the same or unknown holders are the
    article reporting it both ways, and the honest status is "under_discussion", with both
    cited. Empty when no sentence states a status.
    """
    stated = [
        (s, found) for s in naming if (found := stated_status(s.text, kind, profile, others=others))
    ]
    if not stated:
        return []
    said = "; ".join(f"sentence {s.number} says {cue!r} ({status})" for s, (status, cue) in stated)
    held: dict[str, set[str | None]] = {}
    first: dict[str, tuple[Sentence, str]] = {}  # each status's first sentence and cue
    for s, (status, cue) in stated:
        held.setdefault(status, set()).add(holder(s.number))
        first.setdefault(status, (s, cue))
    everyone = [h for hs in held.values() for h in hs]
    if len(held) > 1 and None not in everyone and len(everyone) == len(set(everyone)):
        return [
            (s, status, f"the sentence says {cue!r}; other holders state other statuses: {said}")
            for status, (s, cue) in first.items()
        ]
    counts = Counter(status for _, (status, _) in stated).most_common()
    top, times = counts[0]
    if len(counts) > 1 and counts[1][1] == times:
        return [(stated[0][0], "under_discussion", f"the article states it both ways: {said}")]
    sentence, cue = first[top]
    how = f"the sentence says {cue!r}"
    if len(counts) > 1:
        how += f", as most do: {said}"
    return [(sentence, top, how)]
