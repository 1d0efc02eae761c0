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

__all__ = ["DATELINE", "after_dateline", "dateline_end", "home_of"]

# "HELSINKI (Wire) —", "MEXICO CITY, May 2 (Agency) –", "WASHINGTON — ": a dateline, its
# place in capitals, an optional date and agency, a dash and the gap after it
DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z .'’-]+?)\s*(?:,[^(—–\n]{0,30})?(?P<agency>\([^)]{1,40}\))?"
    r"\s*[—–-]+(?P<gap>\s*)"
)
# "Lima, December 2 (Andean Press) –": a place in any case, a date and an agency
_WIRE = re.compile(r"\s*[A-Z][\w .'’-]{1,30},[^(—–\n]{1,30}\([^)]{1,40}\)\s*[—–-]+")


def after_dateline(text: str) -> int:
    """Where a sentence's body starts after its dateline, or 0.

    "MEXICO CITY, Nov. 23 (Wire) - Acme is ..." or "TOKYO, Nov 18 — Japan will ...": a
    dateline with an agency, or with a gap after its dash ("US-led" is none).
    """
    dated = DATELINE.match(text)
    return dated.end() if dated and (dated.group("agency") or dated.group("gap")) else 0


def dateline_end(text: str) -> int:
    """Where any dateline that opens `text` ends, a wire's mixed-case one too, or 0.

    "Lima, May 2 (Andean Press) – |Talks resumed" names a place, not an actor
    (`cast.cast_of`); "US-led talks" opens with none (`after_dateline`).
    """
    wire = _WIRE.match(text)
    return after_dateline(text) or (wire.end() if wire else 0)


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
