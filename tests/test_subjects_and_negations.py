"""Whose act a clause states and whom a negation is about, in shapes heldout26 showed: a
reporter's question to someone is not their stance, an appositive before "said" names a
person, a thing's forecast act is no one's stance, and a topic that is the subject of a
negated verb ("guarantees on paper would not stop a war") is negated."""

from __future__ import annotations

import pytest

from summarizer.cast import cast_of
from summarizer.checks import check_stance
from summarizer.objects import open_topics
from summarizer.profile import load_profile
from summarizer.segment import segment
from summarizer.speakers import speakers

TRADE = load_profile("trade")
SECURITY = load_profile("security")


def _who(text: str) -> list[list[str]]:
    sentences = segment(f"Levy row\n\n{text}")
    return [[s.actor for s in w] for w in speakers(sentences, cast_of(sentences, TRADE))][1:]


def test_a_reporters_question_is_not_the_addressees_stance() -> None:
    assert _who(
        "Anna Keller, the port's chief, said the levy was unfair. I asked Riverton's port "
        "chief, Anna Keller, whether the port would press for a longer deal."
    ) == [["Anna Keller"], []]
    # a name that opens the sentence is still its subject
    assert _who("Anna Keller, the port's chief, backs the levy.") == [["Anna Keller"]]


def test_an_appositive_closed_before_a_reporting_verb_names_a_speaker() -> None:
    assert _who(
        "Tom Brandt, a hog farmer near the port, said the levy should never have come."
    ) == [["Tom Brandt"]]


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        # what a thing would do is a forecast, not the speaker's stance
        ("Anna Keller said the measure would hurt the port's processors.", []),
        ("A few thousand Chilean soldiers on the line, she argues, would invite probing.", []),
        # what a thing must do, or would need, is the speaker's demand
        ("Any agreement, she added, must leave Riverton free to choose its partners.",
         ["leaving Riverton free"]),
        ("Anna Keller said a joint force would need Chilean air cover.", ["Chilean air cover"]),
        # someone's act stays a stance
        ("Anna Keller said Riverton would not station combat units in the port.",
         ["stationing combat units"]),
        ("Anna Keller said the city would not sell the harbour to investors.",
         ["selling the harbour"]),
        # "prefers" takes a side
        ("Anna Keller said Riverton prefers extending the league's defence clause to Norway.",
         ["extending the league's defence clause"]),
    ],
)  # fmt: skip
def test_whose_act_a_verb_group_states(text: str, topics: list[str]) -> None:
    assert [t.name for t in open_topics(text, TRADE)] == topics


def test_a_topic_that_is_the_subject_of_a_negated_undoing_verb_is_negated() -> None:
    guarantees = SECURITY.topic_cues(
        next(t for t in SECURITY.topics if t.name == "security guarantees")
    )
    against = "Keller welcomed the talks but said guarantees on paper would not stop another war."
    assert check_stance("supports", against, guarantees, SECURITY).polarity is None
    # the negation falls on undoing the topic: for it
    kept = "Keller said the alliance would not end its security guarantees."
    assert check_stance("supports", kept, guarantees, SECURITY).polarity == "supports"
    # a negated undoing verb in a later clause with another subject cancels as before
    later = ("Keller said Europe must keep its security guarantees because a new treaty "
             "does not change that.")  # fmt: skip
    assert check_stance("supports", later, guarantees, SECURITY).polarity == "supports"


def test_a_relative_clause_or_an_age_in_apposition_is_no_role() -> None:
    from summarizer.cast import cast_of

    for text in ("Tom Brandt, who farms near the port, said the levy hurt.",
                 "Tom Brandt, 54, said the levy hurt."):  # fmt: skip
        member = cast_of(segment(f"Levy row\n\n{text}"), TRADE).members["Tom Brandt"]
        assert (member.kind, member.role) == ("person", "")
