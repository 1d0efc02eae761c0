"""Who a sentence's stance belongs to: a name after a reporting verb, and a second clause."""

from __future__ import annotations

import pytest

from summarizer.cast import cast_of
from summarizer.profile import load_profile
from summarizer.segment import segment
from summarizer.speakers import speakers

TRADE = load_profile("trade")


def _who(text: str) -> list[list[str]]:
    sentences = segment(text)
    cast = cast_of(sentences, TRADE)
    return [[s.actor for s in found] for found in speakers(sentences, cast)]


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # a name after the verb that ends the clause speaks
        ("Riverton will cut its duties on fish, said Trade Minister Anna Keller on Monday.", [["Anna Keller"]]),
        ("Riverton will cut its duties on fish, said Trade Minister Anna Keller.", [["Anna Keller"]]),
        # a name the verb is done to does not: it is urged, accused or told something
        ("The Acme Dockers said fish stocks are falling and urged Norway to extend the exemption.",
         [["Acme Dockers"]]),
        ("The Acme Dockers accused Norway of dumping steel.", [["Acme Dockers"]]),
        ("Trade Minister Anna Keller told Norway that the duties stay.", [["Anna Keller"]]),
    ],
)  # fmt: skip
def test_a_name_after_a_reporting_verb_speaks_only_when_nothing_is_done_to_it(
    text: str, who: list[list[str]]
) -> None:
    assert _who(text) == who
