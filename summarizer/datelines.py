"""Datelines: where a report says it was filed, and the state that makes its speaker's side.

"HELSINKI (Wire) —", "MEXICO CITY, May 2 (Agency) –", "WASHINGTON — " (`DATELINE`: the
place in capitals) and a wire's "Lima, December 2 (Andean Press) –" name a place, not
an actor (`cast.cast_of`). A minister quoted under the dateline of their own state speaks
for it (`home_of`, `checks.own_negation`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .profile import countries
from .segment import Sentence

if TYPE_CHECKING:
    from .cast import Cast

__all__ = ["DATELINE", "dateline_end", "home_of"]

# "HELSINKI (Wire) —", "MEXICO CITY, May 2 (Agency) –", "WASHINGTON — ": a dateline, its
# place in capitals, an optional date and agency, a dash and the gap after it
DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z .'’-]+?)\s*(?:,[^(—–\n]{0,30})?(?P<agency>\([^)]{1,40}\))?"
    r"\s*[—–-]+(?P<gap>\s*)"
)
# "Lima, December 2 (Andean Press) –": a place in any case, a date and an agency
_WIRE = re.compile(r"\s*[A-Z][\w .'’-]{1,30},[^(—–\n]{1,30}\([^)]{1,40}\)\s*[—–-]+")


def dateline_end(text: str) -> int:
    """Where a dateline that opens `text` ends ("HELSINKI (Wire) — |"), or 0."""
    found = DATELINE.match(text) or _WIRE.match(text)
    return found.end() if found else 0


def home_of(sentences: Sequence[Sentence], cast: Cast) -> frozenset[str]:
    """The names of the state an article's dateline places it in, lower case; else none.

    "HELSINKI (Wire) — Finland will not ..., the minister said" (or "HELSINKI, May 2 — "):
    the minister speaks for the dateline's state (`checks.own_negation`: their own side).
    """
    lead = next((s.text for s in sentences if not s.headline), "")
    dateline = DATELINE.match(lead)
    if dateline is None or not (dateline.group("agency") or dateline.group("gap")):
        return frozenset()
    place = dateline.group("place").strip().lower()
    for name, capital in countries().items():
        if place in (name.lower(), capital.lower()):
            member = cast.members.get(name)
            forms = member.forms() if member else [name, capital]
            return frozenset(f.lower() for f in forms if f)
    return frozenset()
