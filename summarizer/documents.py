"""A document that speaks for its author: "the report argues", "the study is sceptical".

"A report published on Thursday by the Acme Institute argues ...": the report's words are
the institute's. A `document_nouns` noun after an opener names a document; its author is
the actor named after "by" in the same phrase, or the one whose name stands before it
("Acme's report", "the Acme report"). "The report" later in the article means the last
document whose author is known, and stands for that author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .cast import Cast
from .segment import Sentence
from .subjects import Ref

__all__ = ["document_refs"]


def document_refs(sentences: Sequence[Sentence], cast: Cast) -> dict[int, list[Ref]]:
    """Per sentence number, (start, end, author, "document") for each document it names."""
    nouns = "|".join(
        map(re.escape, sorted(cast.profile.lang.document_nouns, key=len, reverse=True))
    )
    if not nouns:
        return {}
    phrase = re.compile(rf"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Ii]ts|[Tt]heir)\s+(?:[\w’'-]+\s+){{0,2}}?"
                        rf"(?:{nouns})\b(?![’'-])")  # fmt: skip
    by = re.compile(r"[^.;:“”\"]{0,40}?\bby\s+(?:the\s+)?$")
    author: str | None = None
    found: dict[int, list[Ref]] = {}
    for sentence in sentences:
        text = sentence.text
        matches = list(phrase.finditer(text))
        mentions = cast.mentions(text) if matches else []  # most sentences name no document
        for match in matches:
            inside = [m for m in mentions if match.start() <= m[0] and m[1] <= match.end()]
            after = [
                m for m in mentions if m[0] >= match.end() and by.fullmatch(text, match.end(), m[0])
            ]
            if inside or after:  # "the Acme report", "a report ... by Acme"
                author = (inside or after)[0][2]
            elif match.group().split()[0].lower() not in ("this", "the") or author is None:
                continue
            if not inside:
                found.setdefault(sentence.number, []).append(
                    (match.start(), match.end(), author, "document")
                )
    return found
