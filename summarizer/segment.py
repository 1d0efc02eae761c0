"""Sentences and paragraphs with exact offsets: the units the model labels and cites.

pysbd splits each line (a line is a paragraph in the text articles we read); it was
picked by measurement over sentencex, syntok and a regex (`bench/segmenter_compare.py`,
docs/briefs.md): it alone kept "U.S.", "Gen.", "Jan.", "p.m." and quotations whole
in every hard case. Each sentence is then found in the text again, so
`text[start:end] == sentence.text` holds by construction.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["CAPITALS", "Sentence", "lead", "segment"]

# The capital letters of the Latin, Greek and Cyrillic scripts, for a character class:
# "Šefčovič" and "Łukasz" open a name as "Keller" does.
CAPITALS = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x530)) if c.isupper())

_QUOTE_MARKS = '"“”«»„'
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]»]*\s*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its number (from 1), paragraph number, offsets and text."""

    number: int
    paragraph: int
    start: int
    end: int
    text: str

    @property
    def headline(self) -> bool:
        """A line with no sentence ending: a title, crosshead or label, not a statement."""
        return _TERMINAL.search(self.text) is None

    @property
    def quoted(self) -> bool:
        """True when the sentence holds a quotation mark (a direct quote may be in it)."""
        return any(mark in self.text for mark in _QUOTE_MARKS)


@lru_cache(maxsize=1)
def _segmenter() -> object:
    with warnings.catch_warnings():  # pysbd 0.3.4 has invalid escapes in its regexes
        warnings.simplefilter("ignore")
        import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


# pysbd's time grows with the square of a line's length (54 s for one 97,000-character
# line), so a long line is first cut into blocks at safe sentence ends: a full stop after
# a lower-case word of three letters or more, then a capital. Titles and initials ("Gen.",
# "U.S.") never qualify, so no cut falls inside a sentence pysbd would keep whole.
BLOCK_CHARS = 1000
_SAFE_END = re.compile(r"(?<=[a-z]{3}[.!?])[\"”’]?\s+(?=[\"“]?[A-Z])")


def _blocks(line: str) -> list[str]:
    if len(line) <= BLOCK_CHARS:
        return [line]
    blocks, start = [], 0
    for cut in _SAFE_END.finditer(line):
        if cut.end() - start >= BLOCK_CHARS:
            blocks.append(line[start : cut.end()])
            start = cut.end()
    blocks.append(line[start:])
    return blocks


def _split(line: str) -> list[str]:
    """The sentences pysbd finds in `line`, each as it stands in the line.

    pysbd's own `segment` finds each sentence back in its input with a regex compiled for
    that sentence, which evicts every cached pattern (half its time on a corpus); a plain
    search from the previous sentence's end does the same. A sentence pysbd altered is
    not found and skipped, as pysbd skips it; `segment` then keeps the text it covered.
    """
    processor = _segmenter().processor  # type: ignore[attr-defined]
    found = []
    for block in _blocks(line):
        cursor = 0
        for sentence in processor(block).process():
            at = block.find(sentence, cursor)
            if at < 0:
                continue
            cursor = at + len(sentence)
            if sentence.strip():
                found.append(sentence)
    return found


@lru_cache(maxsize=64)
def segment(text: str) -> tuple[Sentence, ...]:
    """The sentences of `text`, numbered in order, each with its paragraph (line) number."""
    sentences: list[Sentence] = []
    paragraph = 0
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        paragraph += 1
        cursor = 0
        for piece in _split(line):
            piece = piece.strip()
            found = line.find(piece, cursor)
            if found < 0:  # pysbd changed the text: fall back to the rest of the line
                piece, found = line[cursor:].strip(), line.find(line[cursor:].strip(), cursor)
                if not piece:
                    break
            cursor = found + len(piece)
            sentences.append(
                Sentence(
                    number=len(sentences) + 1,
                    paragraph=paragraph,
                    start=line_start + found,
                    end=line_start + cursor,
                    text=piece,
                )
            )
    return tuple(sentences)


def lead(sentences: tuple[Sentence, ...]) -> str:
    """An article's lead: its first two full sentences (8 words or more), verbatim."""
    return " ".join([s.text for s in sentences if not s.headline and len(s.text.split()) >= 8][:2])
