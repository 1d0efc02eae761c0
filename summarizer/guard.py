"""Text inside an article that addresses a model: found and reported, never edited away.

The brief stage needs no deletion: the model only returns labels for sentences that code
chose, each label is checked against its sentence, and every evidence is the article's
own sentence. So the guard only *reports* lines that speak to an assistant (second-person
orders to a model, fake role headers, fence-breaking markers) in the brief's warnings.
Reported speech is not flagged: "Beijing said it would respond with countermeasures" is
news, and article text in a brief is never altered.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TypeVar

from .segment import Sentence

__all__ = ["instruction_lines", "unflagged"]

_MODEL = r"(?:ai|a\.i\.|assistant|chatbot|language model|llm|model|summari[sz]er|gpt|bot)s?"
_ADDRESSED = re.compile(
    # orders that only make sense to a model
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)*"
    r"(?:previous|prior|above|earlier|preceding|system|original)?\s*"
    r"(?:instructions?|prompts?|rules|guidelines|directions)\b"
    r"|\bnew\s+instructions?\s*:"
    rf"|\b(?:you\s+are|act\s+as|pretend\s+to\s+be)\s+(?:now\s+)?(?:an?\s+|the\s+)?(?:{_MODEL}|dan)\b"
    r"|\byou\s+are\s+now\s+(?:dan|in\s+developer\s+mode|jailbroken|unrestricted)\b"
    rf"|\b(?:note|message|attention|instruction)\s+(?:to|for)\s+(?:any\s+|all\s+|the\s+)?{_MODEL}\b"
    rf"|\b(?:dear|hey|attention)\s+{_MODEL}\b"
    rf"|\bif\s+you\s+are\s+an?\s+{_MODEL}\b"
    # an imperative at the start of a sentence, telling the reader what to output
    r"|(?:^|[.!?:]\s+|\n)\s*(?:please\s+)?(?:respond|reply|answer|output|print|return|write)"
    r"\s+(?:only\s+)?(?:with|the\s+word)\b"
    r"|(?:^|[.!?:]\s+|\n)\s*(?:please\s+)?(?:set|change|make|label|mark|classify)\s+"
    r"(?:the\s+|every\s+|all\s+|each\s+)?(?:summary|brief|output|stances?|polarity|positions?"
    r"|labels?|sentences?)\b"
    # fake role headers and fence-breaking markers
    r"|^\s*\[?(?:system|assistant|developer)\]?\s*:"
    r"|<\|im_(?:start|end)\|>|\[/?inst\]|<\|(?:system|user|assistant)\|>|<<sys>>"
    r"|</?sentence-|=+\s*(?:end\s+of\s+)?article\b[^\n]*(?:end|start)?\s*=+"
    r"|\bend\s+of\s+(?:the\s+)?(?:article|document|input)\b\s*[-=#*>]",
    re.MULTILINE,  # matched against lower-cased text: IGNORECASE makes the scan 2.5x slower
)


def instruction_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) for every line of `text` that reads as an order to a model."""
    return list(_instruction_lines(text))


@functools.lru_cache(maxsize=64)
def _instruction_lines(text: str) -> tuple[tuple[int, str], ...]:
    lowered = text.lower()
    if not _ADDRESSED.search(lowered):  # one scan of the whole text settles the usual case
        return ()
    return tuple(
        (number, line.strip())
        for number, (line, low) in enumerate(
            zip(text.splitlines(), lowered.splitlines(), strict=True), start=1
        )
        if _ADDRESSED.search(low)
    )


_T = TypeVar("_T")  # what goes with each sentence (its speakers)


def unflagged(text: str, body: Sequence[tuple[Sentence, _T]]) -> list[tuple[Sentence, _T]]:
    """`body` without the sentences on lines that address a model.

    Such a line (guard.instruction_lines) is left in the article and reported, but never
    asked about: it cannot become a position, guarantee or hedge.
    """
    flagged = {number for number, _ in instruction_lines(text)}
    if not flagged:  # the usual case: one cached scan, no per-sentence work
        return list(body)
    starts = [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]
    return [(s, w) for s, w in body if bisect_right(starts, s.start) not in flagged]
