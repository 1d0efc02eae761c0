"""Whose words a quotation is when no reporting verb says so: credit lines and excerpts.

"— Anna Keller, Acme's chief executive" under a pull quote, a quotation under its author's
heading, and the unattributed quotations of an article of excerpts from one person's speech.
`speakers` gives these sentences to that person.
"""

from __future__ import annotations

from collections.abc import Sequence

from .cast import Cast
from .headed import headed_quotes
from .people import ATTRIBUTION
from .segment import Sentence

__all__ = ["credited_quotes", "orator_of"]


def credited_quotes(sentences: Sequence[Sentence], cast: Cast) -> dict[int, str]:
    """Pull quotes: the person a credit line names, for the quotation above it.

    A paragraph that opens with a quotation mark and is followed by a line opening with a
    dash and a person's name ("— Anna Keller, Acme's chief executive") is that person's; a
    quotation under its author's heading is the author's (`headed.headed_quotes`).
    """
    first: dict[int, Sentence] = {}
    for sentence in sentences:
        first.setdefault(sentence.paragraph, sentence)
    found = {}
    for paragraph, sentence in first.items():
        credit = ATTRIBUTION.match(sentence.text)
        quote = first.get(paragraph - 1)
        if credit is None or quote is None or quote.text.lstrip()[:1] not in '“"':
            continue
        named = [(a, n) for a, _, n in cast.mentions(sentence.text) if cast.kind(n) == "person"]
        if named and named[0][0] == credit.end():
            found[paragraph - 1] = named[0][1]
    for paragraph, (heading, _) in headed_quotes(sentences).items():  # "Acme\n\"We will ...\""
        whole = [n for a, b, n in cast.mentions(heading) if (a, b) == (0, len(heading))]
        if whole:
            found.setdefault(paragraph, whole[0])
    return found


def orator_of(sentences: Sequence[Sentence], cast: Cast) -> str | None:
    """The one person whose words an article of excerpts prints, named in its lead.

    "The following are excerpts from the speech Anna Keller delivered ...": the first
    paragraph of the body names one person of the cast and a noun for delivered words
    (`speech_nouns`). Its quotations that no one else is credited with are theirs.
    """
    body = [s for s in sentences if not s.headline]
    if not body:
        return None
    lead = [s for s in body if s.paragraph == body[0].paragraph]
    text = " ".join(s.text for s in lead)
    if not cast.profile.lang.cues("speech_nouns").any(text):
        return None
    people = {n for s in lead for _, _, n in cast.mentions(s.text) if cast.kind(n) == "person"}
    return people.pop() if len(people) == 1 else None
