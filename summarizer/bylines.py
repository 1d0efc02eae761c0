"""Signed arguments: a byline that names an outside author, and the sentences it signs.

"By Anna Keller, professor of law at Acme University" opens an argument that is hers;
"By Anna Keller, Acme Gazette correspondent" opens a report, which states nobody's stance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .phrases import lowered
from .profile import Language
from .segment import Sentence

if TYPE_CHECKING:
    from .cast import Cast

__all__ = ["byline", "signed_sentences"]


def byline(text: str, lang: Language) -> re.Match[str] | None:
    """The lead of a byline ("By Anna Keller, professor of law"): `byline_leads`."""
    leads = "|".join(map(re.escape, lang.byline_leads)) or "(?!)"
    return re.match(rf"\s*(?:{leads})\s+(?=[A-Z])", text)


def signed_sentences(sentences: Sequence[Sentence], cast: Cast) -> dict[int, str]:
    """The author of each sentence of a signed argument, by sentence number.

    "By Anna Keller, professor of law at Acme University" (`byline_leads`) signs what
    follows, to the next byline, when the role has none of the `newsroom_roles`: a
    reporter's byline, or one with no role, signs nobody's stance. A byline is a line of
    its own ("By Monday, Chile will ..." in the body is none). A sentence there that
    reports no one's words ("Riverton should join the League now", "I doubt it") is the
    author's; one whose subject takes a side in a verb of its own ("Chile backs the
    deal") stays its subject's (speakers).
    """
    lang = cast.profile.lang
    newsroom = lowered(lang.newsroom_roles)
    author: str | None = None
    found: dict[int, str] = {}
    for sentence in sentences:
        lead = byline(sentence.text, lang) if sentence.headline else None  # a line of its own
        if lead is not None:
            named = [n for a, _, n in cast.mentions(sentence.text)
                     if a == lead.end() and cast.kind(n) == "person"]  # fmt: skip
            role = cast.members[named[0]].role if named else ""
            words = set(re.findall(r"\b[a-z][\w-]*", role))
            author = named[0] if words and not words & newsroom else None
        elif author is not None and not sentence.headline:
            found[sentence.number] = author
    return found
