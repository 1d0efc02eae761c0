"""A tracked topic worded in a sentence as something else ("membership of the European
Union", for an alliance's membership: heldout35's "supported Ukraine's membership of the
European Union but not of NATO", filed under the alliance and answered "supports") is
asked about in its own words and filed under no issue."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.profile import load_profile
from summarizer.tracked_words import asked_about, elsewhere, worded

from .conftest import staged

SECURITY = load_profile("security")
MEMBERSHIP = next(t for t in SECURITY.topics if t.name == "NATO membership")
TRADE = load_profile("trade")


@pytest.mark.parametrize(
    ("text", "wording"),
    [
        ("Anna Keller said Norway supported Riverton's membership of the European Union.",
         "Riverton's membership of the European Union"),
        ("Keller backs Riverton's bid for EU membership.", "EU membership"),
    ],
)  # fmt: skip
def test_a_wording_about_something_else_is_asked_in_its_words_and_filed_nowhere(
    text: str, wording: str
) -> None:
    assert worded(text, MEMBERSHIP, SECURITY) == wording
    assert elsewhere(wording, MEMBERSHIP)
    assert asked_about(MEMBERSHIP, wording, SECURITY) == (wording, False)


@pytest.mark.parametrize(
    "text",
    [
        "Anna Keller said Riverton would seek membership of the alliance.",
        "Keller said Riverton's membership was not on the table.",
        "Keller backs Riverton's membership, against the Eurosceptics.",  # a word, not "EU"
    ],
)
def test_the_topics_own_wording_is_asked_by_the_topics_name_and_filed_under_it(
    text: str,
) -> None:
    assert asked_about(MEMBERSHIP, worded(text, MEMBERSHIP, SECURITY), SECURITY) == (
        "NATO membership",
        True,
    )


def test_a_topic_with_no_other_words_is_never_elsewhere() -> None:
    tariffs = next(t for t in TRADE.topics if t.name == "tariffs")
    assert not tariffs.other_words
    assert asked_about(tariffs, "EU tariffs on Chilean salmon", TRADE) == ("tariffs", True)


def test_anothers_membership_is_stated_in_its_words_under_no_issue(tmp_path: Path) -> None:
    said = "Anna Keller said Norway supported Riverton's membership of the European Union."
    own = "Anna Keller said Norway supported Riverton's membership of the alliance."
    stage, asked = staged(tmp_path, f"Membership row\n\n{said} {own}\n",
                          {"stance": "supports"}, SECURITY)  # fmt: skip
    assert "Anna Keller on Riverton's membership of the European Union" in [a.about for a in asked]
    assert "Anna Keller on NATO membership" in [a.about for a in asked]
    found = {p.evidence[0].quote: (p.topic, p.issue) for p in stage.positions}
    assert found[said] == ("Riverton's membership of the European Union", None)
    assert found[own][1] == "NATO membership"


def test_a_topics_opposite_is_no_cue_for_it() -> None:
    """The security profile once counted "neutrality" as naming membership, with the stance
    to be reversed; the 1.5B model labelled the word it read ("supports" membership for
    "defend that neutrality"), and asked about the neutrality instead it answered
    "opposes" for "insists on Ukraine's neutrality". A sentence naming only the opposite
    is now asked about its own object, in its words."""
    text = "Keller said Riverton insists on Latvia's neutrality."
    assert not SECURITY.topic_cues(MEMBERSHIP).any(text)
