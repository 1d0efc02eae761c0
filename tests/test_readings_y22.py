"""Readings heldout37 showed code getting wrong, each stated as a false brief: a titled
name in the possessive never made a person ("Prime Minister Anna Keller's office"), so
"the prime minister" was taken for the trade minister who spoke before; a one-word answer
("No.") read the other way; a question put to someone read as their stance; an object
run across a question mark ("quota? We") or ending in a verb's particle ("beef out"); a
question's inverted verb group worded as an act ("wing retaliate"); and "opposed removing
the counter-tariffs" worded as against the counter-tariffs."""

from __future__ import annotations

from summarizer.cast import cast_of
from summarizer.profile import load_profile
from summarizer.segment import segment
from summarizer.speakers import speakers

TRADE = load_profile("trade")


def test_a_titled_name_in_the_possessive_is_a_person() -> None:
    text = "Tariffs\n\nPrime Minister Anna Keller's office went further.\n"
    assert cast_of(segment(text), TRADE).members["Anna Keller"].role == "Prime Minister"
    # an untitled possessive run is still no person: "Acme Steel's plant"
    plain = "Tariffs\n\nAcme Steel's plant closed on Monday.\n"
    assert "Acme Steel" not in cast_of(segment(plain), TRADE).members


def test_the_prime_minister_is_the_one_so_titled_not_the_last_speaker() -> None:
    text = ("Tariffs\n\nTrade Minister Tom Brandt said Riverton would lift the tariffs.\n\n"
            "Prime Minister Anna Keller's office went further. A spokesperson said the prime "
            "minister opposed removing the tariffs.\n\n"
            "Later the trade minister said he had been misunderstood.\n")  # fmt: skip
    sentences = segment(text)
    found = speakers(sentences, cast_of(sentences, TRADE))
    assert [s.actor for s in found[3]][:1] == ["Anna Keller"]
    # and "the trade minister", after the prime minister spoke, is the trade minister
    assert [s.actor for s in found[4]][:1] == ["Tom Brandt"]
