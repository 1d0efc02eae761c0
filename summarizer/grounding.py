"""Locate model quotes in the article and replace them by exact spans, or drop them.

A quote is first searched for after normalizing whitespace, quote marks, dashes and case
(an *exact* match); failing that, it is aligned to the most similar article span
(rapidfuzz `partial_ratio_alignment`), snapped to word boundaries, and accepted when the
similarity reaches the threshold (an *aligned* match). Either way the evidence carries the
article's own text and offsets, so `text[start:end] == quote` holds by construction.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, overload

from rapidfuzz import fuzz

from .resolve import GUARANTEE_NOISE, topic_key
from .schemas import (
    MAX_EVIDENCE,
    Actor,
    DroppedItem,
    Evidence,
    Guarantee,
    GuaranteeStatus,
    Position,
    Uncertainty,
)

if TYPE_CHECKING:
    from .drafts import BriefDraft, GuaranteeChecklist

__all__ = [
    "DEFAULT_THRESHOLD",
    "MIN_FUZZY_CHARS",
    "GroundedText",
    "Grounding",
    "Located",
    "Normalized",
    "cued_status",
    "ground_checklist",
    "ground_draft",
    "normalize",
    "with_checked",
]

DEFAULT_THRESHOLD = 85.0
MAX_GUARANTEES = 8  # ArticleBrief.guarantees' bound
# Below this many normalized characters a fuzzy match says little: short quotes must be exact.
MIN_FUZZY_CHARS = 16

_FOLD = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
        "\u00bb": '"', "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'",
        "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'", "\u2013": "-",
        "\u2014": "-", "\u2015": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-",
        "\u2011": "-", "\u2026": "...",
    }
)  # fmt: skip
_EDGE_NOISE = " \"'.,;:!?-()[]"
# A sentence: up to a full stop, ! or ? before a space (closing quotes included), or a line end.
# A full stop after a lone capital ("U.S.", "J.") ends no sentence.
_SENTENCE = re.compile(r"[^\s](?:[^\n]*?)(?:(?<!\b[A-Z])[.!?][\"'”’)]*(?=\s)|(?=\n)|$)")


class _Shifts(Sequence[int]):
    """Where each normalized character came from, stored per word, not per character.

    Normalizing maps each word of the text to a run of consecutive original indices, and
    the one space before it to the index just before that word; so one (normalized start,
    original start) pair per word gives every character's origin by bisection. Building
    it is one pass over the words, where a per-character table cost ~0.4 ms an article.
    """

    __slots__ = ("_length", "_normalized", "_original")

    def __init__(self, normalized: list[int], original: list[int], length: int) -> None:
        self._normalized, self._original, self._length = normalized, original, length

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        word = bisect_right(self._normalized, index) - 1
        return self._original[word] + index - self._normalized[word]


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalized text with, for each of its characters, the index it came from."""

    text: str
    origin: Sequence[int]


_ONE_FOR_ONE = {k: v for k, v in _FOLD.items() if len(v) == 1}
_RUNS = re.compile(r"\S+")


def normalize(raw: str) -> Normalized:
    """Fold quote marks, dashes and case, and collapse whitespace runs to one space."""
    folded = raw.translate(_ONE_FOR_ONE).lower()
    if len(folded) != len(raw) or "\u2026" in raw:
        return _normalize_slowly(raw)
    # The common case: every character maps to one, only whitespace collapses.
    text = " ".join(folded.split())
    starts: list[int] = []  # in the normalized text: each word, with the space before it
    origins: list[int] = []  # in `raw`, of the same characters
    position = 0
    for run in _RUNS.finditer(folded):
        begin, end = run.span()
        if position:
            starts.append(position)
            origins.append(begin - 1)
            position += end - begin + 1
        else:
            starts.append(0)
            origins.append(begin)
            position = end - begin
    return Normalized(text, _Shifts(starts, origins, len(text)))


def _normalize_slowly(raw: str) -> Normalized:
    """Word by word, for text where folding changes lengths (… or some capitals)."""
    pieces: list[str] = []
    origin: list[int] = []
    for run in _RUNS.finditer(raw):
        if pieces:
            pieces.append(" ")
            origin.append(run.start() - 1)
        word = run.group().translate(_ONE_FOR_ONE).lower()
        if len(word) == run.end() - run.start() and "\u2026" not in word:
            pieces.append(word)
            origin.extend(range(run.start(), run.end()))
            continue
        for index in range(run.start(), run.end()):
            for char in raw[index].translate(_FOLD).lower():
                pieces.append(char)
                origin.append(index)
    return Normalized("".join(pieces), tuple(origin))


@dataclass(frozen=True, slots=True)
class Located:
    """Where a quote was found, or why it was not."""

    evidence: Evidence | None
    reason: str = ""


def _quote_variants(quote: str) -> list[str]:
    variants = [normalize(quote).text]
    stripped = variants[0].strip(_EDGE_NOISE)
    if stripped and stripped != variants[0]:
        variants.append(stripped)
    return variants


class GroundedText:
    """An article text prepared once for locating many quotes in it."""

    def __init__(self, text: str, *, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.text = text
        self.threshold = threshold
        self._located: dict[str, Located] = {}  # validation and grounding ask for the same quotes

    @cached_property
    def _normalized(self) -> Normalized:
        return normalize(self.text)

    def _span(self, start: int, end: int, match: str, score: float) -> Evidence:
        origin = self._normalized.origin
        first, last = origin[start], origin[end - 1] + 1
        return Evidence(
            quote=self.text[first:last],
            start=first,
            end=last,
            match=match,
            score=round(score, 1),
        )

    def normalized_window(self, start: int, end: int) -> str:
        """The normalized text of the original span [start, end)."""
        origin = self._normalized.origin
        return self._normalized.text[bisect_left(origin, start) : bisect_left(origin, end)]

    @cached_property
    def _sentences(self) -> list[tuple[int, int]]:
        return [m.span() for m in _SENTENCE.finditer(self.text)]

    def sentences_naming(self, words: frozenset[str]) -> list[Evidence]:
        """The text's sentences that name one of `words` (topic words), in order."""
        return [
            Evidence(quote=self.text[start:end], start=start, end=end, match="exact", score=100.0)
            for start, end in self._sentences
            if words & topic_key(self.text[start:end])
        ]

    def sentence_naming(self, words: frozenset[str]) -> Evidence | None:
        """The first sentence naming one of `words` that states a status, else the first."""
        naming = self.sentences_naming(words)
        stated = [e for e in naming if cued_status((e,), words) is not None]
        return (stated or naming)[0] if naming else None

    def mentions(self, phrase: str) -> bool:
        """True when `phrase` occurs in the text after normalization."""
        needle = normalize(phrase).text
        return bool(needle) and needle in self._normalized.text

    def locate(self, quote: str) -> Located:
        """Find `quote` in the text: exactly after normalization, else by fuzzy alignment."""
        if quote not in self._located:
            self._located[quote] = self._locate(quote)
        return self._located[quote]

    def _locate(self, quote: str) -> Located:
        haystack = self._normalized.text
        variants = [v for v in _quote_variants(quote) if v]
        if not variants:
            return Located(None, "empty quote")
        for variant in variants:
            position = haystack.find(variant)
            if position >= 0:
                return Located(self._span(position, position + len(variant), "exact", 100.0))
        needle = variants[-1]
        if len(needle) < MIN_FUZZY_CHARS:
            return Located(None, f"short quote ({len(needle)} chars) not found verbatim")
        if len(needle) > len(haystack):
            return Located(None, "quote is longer than the article")
        alignment = fuzz.partial_ratio_alignment(needle, haystack)
        if alignment is None or alignment.score < self.threshold:
            best = 0.0 if alignment is None else alignment.score
            return Located(
                None, f"not in the article (best similarity {best:.0f} < {self.threshold:.0f})"
            )
        start, end, score = self._refine(needle, alignment.dest_start, alignment.dest_end)
        if start >= end:
            return Located(None, "aligned span is empty")
        return Located(self._span(start, end, "aligned", score))

    def _refine(self, needle: str, start: int, end: int) -> tuple[int, int, float]:
        """The span near the alignment, cut at token boundaries, most similar to the quote.

        `partial_ratio_alignment` returns a window as long as the quote, which may cut a
        word or run into the next line; trying nearby boundaries fixes both.
        """
        text = self._normalized.text
        slack = max(12, len(needle) // 5)

        def boundaries(low: int, high: int) -> list[int]:
            found = []
            for i in range(max(low, 0), min(high, len(text)) + 1):
                before = text[i - 1] if i > 0 else " "
                after = text[i] if i < len(text) else " "
                if before == " " or after == " " or before.isalnum() != after.isalnum():
                    found.append(i)
            return found

        starts = [i for i in boundaries(start - slack, start + slack) if text[i : i + 1] != " "]
        ends = [i for i in boundaries(end - slack, end + slack) if i > 0 and text[i - 1] != " "]
        best = (-1.0, 0, start, end)
        for first in starts:
            for last in ends:
                if last > first:
                    score = fuzz.ratio(needle, text[first:last])
                    closeness = -(abs(first - start) + abs(last - end))
                    best = max(best, (score, closeness, first, last))
        score, _, first, last = best
        return first, last, score


@dataclass
class Grounding:
    """A draft's items with located evidence, and what was dropped on the way."""

    actors: list[Actor] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    guarantees: list[Guarantee] = field(default_factory=list)
    uncertainties: list[Uncertainty] = field(default_factory=list)
    dropped: list[DroppedItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # corrections made, for the provenance
    exact: int = 0
    aligned: int = 0
    failed: int = 0

    def evidence(
        self, section: str, label: str, quotes: Sequence[str], text: GroundedText
    ) -> tuple[Evidence, ...]:
        """Locate each quote; record the ones that fail; drop repeated spans."""
        found: dict[tuple[int, int], Evidence] = {}
        for quote in quotes:
            located = text.locate(quote)
            if located.evidence is None:
                self.failed += 1
                self.drop(section, label, located.reason, quote=quote, whole=False)
                continue
            if located.evidence.match == "exact":
                self.exact += 1
            else:
                self.aligned += 1
            found.setdefault((located.evidence.start, located.evidence.end), located.evidence)
        return tuple(found[key] for key in sorted(found))

    def read_status(
        self, kind: str, said: GuaranteeStatus, words: frozenset[str], evidence: Sequence[Evidence]
    ) -> GuaranteeStatus:
        """The status the evidence states outright, else the model's; a change is noted."""
        cued = cued_status(evidence, words)
        if cued is None or cued[0] == said:
            return said
        status, cue = cued
        self.notes.append(f"guarantee {kind!r}: status {status} (the quote says {cue!r}), "
                          f"not {said} as the model labelled it")  # fmt: skip
        return status

    def drop(
        self, section: str, label: str, reason: str, *, quote: str | None = None, whole: bool = True
    ) -> None:
        """Record an item or quote that does not make it into the brief."""
        self.dropped.append(
            DroppedItem(
                section=section,
                label=label,
                quote=quote,
                reason=reason,
                whole_item=whole,
            )
        )


def _about(kind: str, evidence: Sequence[Evidence]) -> bool:
    """True when a quote names the guarantee (synonyms folded), or the kind names nothing."""
    wanted = topic_key(kind, drop=GUARANTEE_NOISE)
    if not wanted:
        return True  # "security guarantees" in general: nothing specific to look for
    said = set().union(*(topic_key(e.quote) for e in evidence))
    return bool(wanted & said)


# Phrases that state a guarantee's status outright, strongest first. The 1.5B model labels
# "membership is no longer on the agenda" as `proposed`; the sentence itself says more.
STATUS_CUES: tuple[tuple[GuaranteeStatus, tuple[str, ...]], ...] = (
    ("ruled_out", ("off the table", "no longer on the agenda", "not on the agenda",
                   "ruled out", "rules out", "not being considered", "not be part of",
                   "not part of", "no one promised")),
    ("endorsed", ("will continue to", "continues to support", "remain committed",
                  "remains committed", "irreversible")),
    ("conditional", ("only after", "after a ceasefire", "after a peace", "once a ceasefire",
                     "once a peace", "after the war")),
)  # fmt: skip
_CLAUSES = re.compile(r"[,;:]|\b(?:but|while|whereas|however)\b")


def _words_of(kind: str) -> frozenset[str]:
    """What a guarantee kind is about ('troop', 'membership'); 'guarantee' if nothing else."""
    return topic_key(kind, drop=GUARANTEE_NOISE) or frozenset({"guarantee"})


def cued_status(
    evidence: Sequence[Evidence], words: frozenset[str]
) -> tuple[GuaranteeStatus, str] | None:
    """The status a cue phrase states, and the cue, in the clauses about `words`.

    Clauses naming the guarantee come first ("Rutte ruled out NATO involvement, while NATO
    will continue to support Ukraine": support is endorsed, not ruled out); when they state
    nothing, the rest of the quote may ("On Ukraine's accession, he said its path to NATO
    was irreversible"). A clause that only supposes ("if ...") states nothing.
    """
    clauses = [
        clause.strip()
        for e in evidence
        for clause in _CLAUSES.split(normalize(e.quote).text)
        # "If membership remains off the table, ..." supposes; it does not report.
        if clause and clause.strip() and not clause.strip().startswith(("if ", "unless "))
    ]
    about = [c for c in clauses if words & topic_key(c)]
    for group in (about, clauses):
        for status, cues in STATUS_CUES:
            for cue in cues:
                if any(cue in clause for clause in group):
                    return status, cue
    return None


def _empty(value: str) -> bool:
    """Small models write 'None' or 'N/A' where a list should simply be empty."""
    return value.strip().strip(".").lower() in {"", "none", "n/a", "na", "null", "-", "no"}


def _any_mentioned(names: Iterable[str], text: GroundedText) -> bool:
    return any(text.mentions(name) for name in names)


# How far around a quote the actor's name may stand: "Rutte said ..." often precedes a quote
# by a sentence, and "he added" refers back further.
NEAR_BEFORE, NEAR_AFTER = 400, 150


def _stems(actor: Actor) -> set[str]:
    """Lowercase word stems that name the actor ("russi" matches Russia and Russian)."""
    words = [w for name in (actor.name, *actor.aliases) for w in normalize(name).text.split()]
    return {w[:5] for w in words if len(w) >= 3 and w[0].isalpha()} - _ROLE_WORDS


_ROLE_WORDS = {"presi", "secre", "gener", "minis", "prime", "forme", "chief", "leade", "the"}


def _near(actor: Actor, evidence: Sequence[Evidence], text: GroundedText) -> bool:
    stems = _stems(actor)
    for span in evidence:
        window = text.normalized_window(span.start - NEAR_BEFORE, span.end + NEAR_AFTER)
        words = {w.strip("\"'.,;:()-")[:5] for w in window.split()}
        if stems & words:
            return True
    return False


def ground_draft(draft: BriefDraft, text: GroundedText) -> Grounding:
    """Turn a validated draft into grounded brief items; nothing is dropped silently."""
    result = Grounding()
    known: dict[str, Actor] = {}
    for actor in draft.actors:
        if actor.name in known:
            continue
        aliases = tuple(dict.fromkeys(a for a in actor.aliases if a and a != actor.name))
        surname = actor.name.split()[-1:] if actor.kind == "person" else []
        if not _any_mentioned((actor.name, *aliases, *surname), text):
            result.drop("actors", actor.name, "actor is not named in the article")
            continue
        kept = Actor(
            name=actor.name,
            kind=actor.kind,
            role=actor.role,
            aliases=tuple(a for a in aliases if text.mentions(a)),
        )
        known[actor.name] = kept
        result.actors.append(kept)
    for position in draft.positions:
        label = f"{position.actor}: {position.topic}"
        evidence = result.evidence("positions", label, position.quotes, text)
        if position.actor not in known:
            result.drop("positions", label, f"its actor {position.actor!r} was dropped")
        elif not evidence:
            result.drop("positions", label, "no quote could be located in the article")
        elif not _near(known[position.actor], evidence, text):
            # Small models pin one actor's words on another; the article must say who.
            result.drop("positions", label, f"{position.actor!r} is not named near its quote")
        else:
            result.positions.append(
                Position(
                    actor=position.actor,
                    topic=position.topic,
                    stance=position.stance,
                    polarity=position.polarity,
                    attribution=position.attribution,
                    hedged=position.hedged,
                    evidence=evidence,
                )
            )
    for guarantee in draft.guarantees:
        evidence = result.evidence("guarantees", guarantee.kind, guarantee.quotes, text)
        if not evidence:
            result.drop("guarantees", guarantee.kind, "no quote could be located in the article")
            continue
        if not _about(guarantee.kind, evidence):
            # Small models copy guarantee kinds from the prompt onto unrelated sentences.
            result.drop("guarantees", guarantee.kind, "its quotes do not mention it")
            continue
        words = _words_of(guarantee.kind)
        status = result.read_status(guarantee.kind, guarantee.status, words, evidence)
        result.guarantees.append(
            Guarantee(
                kind=guarantee.kind,
                description=guarantee.description,
                status=status,
                proposed_by=None if _empty(guarantee.proposed_by) else guarantee.proposed_by,
                conditions=tuple(c for c in guarantee.conditions if not _empty(c)),
                evidence=evidence,
            )
        )
    for uncertainty in draft.uncertainties:
        label = uncertainty.description
        evidence = result.evidence("uncertainties", label, uncertainty.quotes, text)
        if not evidence:
            result.drop("uncertainties", label, "no quote could be located in the article")
            continue
        result.uncertainties.append(
            Uncertainty(
                description=uncertainty.description, kind=uncertainty.kind, evidence=evidence
            )
        )
    return result


def ground_checklist(checklist: GuaranteeChecklist, text: GroundedText) -> Grounding:
    """The kinds the model checked as discussed, each with a sentence of the article naming it.

    The model decides whether a kind is discussed. Its sentence is kept when it is in the
    article and names the kind; when it is not (the 1.5B often copies one sentence for
    every kind), the receipt is the article's own sentence naming the kind — one that
    states a status first, else the first — and the substitution is noted. No such
    sentence: the kind is dropped with the reason. The first sentence naming the kind that
    states its status outright joins the evidence, and that status wins.
    """
    from .drafts import CHECKLIST_KINDS

    result = Grounding()
    for field_name, checked in CHECKLIST_KINDS.items():
        check = getattr(checklist, field_name)
        if not check.discussed:
            continue
        quotes = [check.quote] if not _empty(check.quote) else []
        evidence = result.evidence("guarantees", checked.kind, quotes, text)
        if not evidence or not checked.words & topic_key(evidence[0].quote):
            sentence = text.sentence_naming(checked.words)
            if sentence is None:
                reason = "checked as discussed, but no sentence of the article names it"
                result.drop("guarantees", checked.kind, reason)
                continue
            evidence = (sentence,)
            result.notes.append(f"guarantee {checked.kind!r}: the model's quote does not name "
                                "it; the evidence is the article's sentence that does")  # fmt: skip
        stating = text.sentence_naming(checked.words)
        if (
            stating is not None
            and not any(e.start < stating.end and stating.start < e.end for e in evidence)
            and cued_status((stating,), checked.words)
        ):
            # The sentence that states its status outright is a receipt worth showing too.
            evidence = tuple(sorted((*evidence, stating), key=lambda e: e.start))
        result.guarantees.append(
            Guarantee(
                kind=checked.kind,
                description=checked.description,
                status=result.read_status(checked.kind, check.status, checked.words, evidence),
                proposed_by=None if _empty(check.proposed_by) else check.proposed_by,
                evidence=evidence,
            )
        )
    return result


def with_checked(listed: Sequence[Guarantee], checked: Sequence[Guarantee]) -> list[Guarantee]:
    """The checked guarantees, each joined by the brief's own of the same kind; then the rest.

    Joined, a guarantee keeps the evidence of both (the brief's description and backer when
    the check has none), and a status a sentence states outright wins.
    """
    merged: list[Guarantee] = []
    used: set[int] = set()
    for guarantee in checked:
        words = _words_of(guarantee.kind)
        same = [i for i, g in enumerate(listed) if i not in used and words <= _words_of(g.kind)]
        used.update(same)
        if not same:
            merged.append(guarantee)
            continue
        spans = {(e.start, e.end): e for g in (guarantee, *(listed[i] for i in same))
                 for e in g.evidence}  # fmt: skip
        # A span inside another (the brief's clause of the check's sentence) adds nothing.
        outer = [k for k in sorted(spans) if not any(o != k and o[0] <= k[0] and k[1] <= o[1]
                                                     for o in spans)]  # fmt: skip
        evidence = tuple(spans[key] for key in outer)[:MAX_EVIDENCE]
        cued = cued_status(evidence, words)
        first = listed[same[0]]
        merged.append(
            guarantee.model_copy(
                update={
                    "evidence": evidence,
                    "status": cued[0] if cued else guarantee.status,
                    "description": first.description,
                    "proposed_by": guarantee.proposed_by or first.proposed_by,
                    "conditions": first.conditions,
                }
            )
        )
    rest = [g for i, g in enumerate(listed) if i not in used]
    return [*merged, *rest][:MAX_GUARANTEES]
