"""Who speaks and what about, in shapes heldout25 showed: a state speaking through its
organ ("a Chilean embassy spokesman"), a document speaking for its author, a view credited
with "in the view of", a relative "who", a title before a name that is also a capital's,
a request named by what was asked, and an appositive that says who, not what."""

from __future__ import annotations

import pytest

from summarizer.anaphors import asked_before
from summarizer.cast import cast_of
from summarizer.checks import stance_topics
from summarizer.objects import open_topics
from summarizer.profile import load_profile
from summarizer.segment import segment
from summarizer.speakers import speakers

TRADE = load_profile("trade")


def _who(text: str) -> list[list[str]]:
    sentences = segment(f"Levy row\n\n{text}")
    return [[s.actor for s in w] for w in speakers(sentences, cast_of(sentences, TRADE))][1:]


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # a people's adjective before an organ: the state speaks
        ("The Chilean trade ministry said it opposed the levy.", [["Chile"]]),
        # one of its people based somewhere: the state speaks, not the place
        ("A Chilean embassy spokesman in Riverton dismissed the levy as unfair.", [["Chile"]]),
        # "the Dutch leader" is a person, not the Netherlands' organ; no one named speaks
        ("The former Dutch leader said the levy was unfair.", [[]]),
        # an organ word that modifies a noun names no organ
        ("Chilean military aggression was condemned.", [[]]),
        # a document speaks for its author, and "the report" later too
        ("A report published on Monday by the Acme Institute argues that the levy should go. "
         "The report is sceptical of new duties.", [["Acme Institute"], ["Acme Institute"]]),
        # but a document named as what someone dismissed is not the speaker
        ("A report by the Acme Institute argues that the levy should go. A Chilean embassy "
         "spokesman dismissed the report.", [["Acme Institute"], ["Chile"]]),
        # "in the view of" credits the view, through a title
        ("In the view of Prime Minister Anna Keller, the levy would hurt growers.",
         [["Anna Keller"]]),
        # a relative "who" after a name and its appositive
        ("The sharpest dissent came from Tom Brandt, a former adviser, who called the levy "
         '"a mistake" and urged Norway to drop it.', [["Tom Brandt"]]),
        # a body's name runs through "on", but not through "on Tuesday"
        ("The Riverton Council on Foreign Relations said the levy should go. The Acme Council "
         "on Tuesday said it backed the levy.",
         [["Riverton Council on Foreign Relations"], ["Acme Council"]]),
    ],
)  # fmt: skip
def test_who_speaks(text: str, who: list[list[str]]) -> None:
    assert _who(text) == who


def test_a_title_before_a_capitals_name_makes_a_person() -> None:
    sentences = segment("Port braces for fees\n\nMayor Victoria Keller backed the request.\n")
    cast = cast_of(sentences, TRADE)
    assert "Victoria Keller" in cast.members
    assert "Seychelles" not in cast.members  # its capital's name was only her first name
    assert [[s.actor for s in w] for w in speakers(sentences, cast)][1:] == [["Victoria Keller"]]


def test_the_request_is_what_the_sentence_before_asked_for() -> None:
    before = ("Port braces for fees\n\nTom Brandt asked the council to lobby Acme for an "
              "exemption for small ports. ")  # fmt: skip
    said = "Mayor Anna Keller backed the request."
    topics = asked_before(open_topics(said, TRADE, before=before, headline="Port braces for fees"),
                          before, TRADE)  # fmt: skip
    assert [t.name for t in topics] == ["lobbying Acme for an exemption"]
    # with no request before, "the request" stays the headline's event
    alone = open_topics(said, TRADE, before="Port braces for fees\n\n", headline="Port braces")
    assert asked_before(alone, "Port braces for fees\n\n", TRADE) == alone
    # an actor alone, or with what it is invited to, is still no topic
    assert open_topics("Riverton would invite Norway to the talks.", TRADE) == []


def test_an_appositive_after_a_name_names_no_topic() -> None:
    text = "Anna Keller, a former trade negotiator, said Norway should drop the levy."
    assert [t.name for t in stance_topics(text, TRADE)] == ["tariffs"]
    assert [t.name for t in stance_topics("Norway, a partner in the talks, said so.", TRADE)] == []


def test_only_with_a_mandate_is_a_condition() -> None:
    from summarizer.checks import check_stance

    security = load_profile("security")
    troops = security.topic_cues(security.topics[2])
    text = (
        "He warned that League troops could only be sent with a mandate that parliaments approve."
    )
    assert check_stance("conditional", text, troops, security).polarity == "conditional"
