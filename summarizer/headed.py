"""Quotations printed under a heading that names their author.

A comparison of manifestos, statements or submissions prints each under its author's name:
the line "Acme", then '"We will cut prices."'. The heading is a short run of capitalised words (with
"and", "of", "for", "the" between them) on a line of its own; the quotation is the rest of
its paragraph, or the next paragraph, and opens and closes with the only two quotation marks
in it, so that no one else is credited inside it. `cast.cast_of` makes an unknown heading a
cast member (a person when the quotation speaks in the first person singular and never in
the plural, else an organisation) and `speakers` credits the quotation to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .segment import CAPITALS, Sentence

__all__ = ["headed_quotes"]

_WORD = rf"[{CAPITALS}][\w’'.&-]*"
_HEADING = re.compile(rf"{_WORD}(?:[ \t]+(?:(?:and|of|for|the)[ \t]+)?{_WORD}){{0,4}}")
_QUOTATION = re.compile(r"\s*[\"“][^\"“”]+[\"”][.!?]?\s*")


def headed_quotes(sentences: Sequence[Sentence]) -> dict[int, tuple[str, str]]:
    """{paragraph: (heading, quotation)} for each quotation under an author's heading."""
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    found = {}
    for paragraph, members in by_paragraph.items():
        heading = members[0]
        if not heading.headline or not _HEADING.fullmatch(heading.text.strip()):
            continue
        body, where = members[1:], paragraph
        if not body:  # the heading is a paragraph of its own: the quotation is the next one
            body, where = by_paragraph.get(paragraph + 1, []), paragraph + 1
        text = " ".join(s.text for s in body)
        if body and not any(s.headline for s in body) and _QUOTATION.fullmatch(text):
            found[where] = (heading.text.strip(), text)
    return found
