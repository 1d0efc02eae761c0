"""Speakers in shapes a wire story does not use: vox pops, earnings calls, press reviews,
printed excerpts of a speech. Each case is a sentence pattern, not an article's wording."""

from __future__ import annotations

import pytest

from summarizer.cast import cast_of
from summarizer.profile import load_profile
from summarizer.segment import segment
from summarizer.speakers import speakers

TRADE = load_profile("trade")


def _who(text: str) -> list[tuple[str, list[str]]]:
    sentences = segment(text)
    cast = cast_of(sentences, TRADE)
    return [
        (s.text[:24], [w.actor for w in found])
        for s, found in zip(sentences, speakers(sentences, cast), strict=True)
        if not s.headline
    ]


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # a title of several words is not part of the name, and "she said" is the titled
        # person's, not the chief executive's
        ("Acme cuts outlook\n\n"
         '"We will not move production," Chief Executive Tom Brandt said on a call.\n\n'
         "Chief Financial Officer Anna Keller said prices would rise. Asked about costs, she "
         'said: "We cannot carry this alone."\n',
         [["Tom Brandt"], ["Anna Keller"], ["Anna Keller"]]),
        # a name after the reporting verb is a person though named once
        ("Growers count the cost\n\n"
         '"The importers are cancelling," said Anna Keller, who runs an estate near Riverton. '
         '"We cannot sell what we grow."\n',
         [["Anna Keller"], ["Anna Keller"]]),
        # a person named once is the "he" of the next sentence
        ("Growers count the cost\n\n"
         "Her neighbour, Tom Brandt, is angry with Riverton. The Commission, he said, had "
         "sacrificed fish to protect cars. He wants Norway to hit back with tariffs.\n",
         [["Tom Brandt"], ["Tom Brandt"], ["Tom Brandt"]]),
        # a name inside a quotation is not its speaker
        ("Growers count the cost\n\n"
         '"A trade war would finish us," said Tom Brandt, the head of the growers. '
         '"We need Norway to lift the duties, not to start a fight."\n',
         [["Tom Brandt"], ["Tom Brandt"]]),
        # a turn's label, even one ending its own sentence before a dash, says who speaks
        # in the paragraph; the labelled name is a person though named once
        ("Explanations of vote\n\n"
         "Anna Keller (Greens), in writing. – I voted against this agreement. It rewards "
         "deforestation.\n\nTom Brandt (EPP): I voted in favour.\n",
         [["Anna Keller"], ["Anna Keller"], ["Anna Keller"], ["Tom Brandt"]]),
        # a name may open with a capital outside A-Z
        ("Duties stay\n\nCommissioner Łukasz Żak said the duties would stay.\n",
         [["Łukasz Żak"]]),
        # one first name in apposition to a relation is a person, and the "he" after it
        ("Growers count the cost\n\n"
         "Her neighbour, Tomas, a retired driver, is less sure. He thinks the duties would "
         "hurt Riverton.\n",
         [["Tomas"], ["Tomas"]]),
        # a person named once is the "she" that opens the next paragraph
        ("Growers count the cost\n\nAnna Keller, 54, sweeps her porch.\n\n"
         '"Let them raise the duties," she says.\n',
         [["Anna Keller"], ["Anna Keller"]]),
        # "he" after a state's unnamed representative is that state's voice, not the
        # last person named
        ("Council meets\n\nChair Tom Brandt opened the meeting. The representative of "
         "Norway said Oslo would back the plan. He added that the duties must go.\n",
         [["Tom Brandt"], ["Norway"], ["Norway"]]),
    ],
)  # fmt: skip
def test_who_speaks_in_each_sentence(text: str, who: list[list[str]]) -> None:
    assert [found for _, found in _who(text)] == who


def _people(text: str) -> list[str]:
    members = cast_of(segment(text), TRADE).members
    return [n for n, m in members.items() if m.kind == "person"]


def test_a_hyphenated_title_is_no_part_of_the_name_nor_a_quantifier_a_name() -> None:
    assert _people("Acme Executive Vice-President Tom Brandt said prices would rise.") == [
        "Tom Brandt"
    ]
    # a quantifier opens a group, not a name: "Several Riverton" is no one
    assert _people("Several Riverton backbenchers pressed Norway. He declined to answer.") == []


def test_an_opening_phrase_before_the_subject_does_not_hide_it() -> None:
    found = _who(
        "Minister visits\n\n"
        "Riverton's fisheries minister, Anna Keller, visited the port on Friday and said "
        "Norway should lift its duties.\n"
    )
    assert found[0][1] == ["Anna Keller"]


def test_a_place_that_opens_the_sentence_is_where_not_who() -> None:
    found = _who("Papers weigh in\n\nIn Norway, the daily press called the duties a gamble.\n")
    assert found[0][1] == []


def test_quoted_as_saying_gives_the_words_to_the_person_quoted() -> None:
    found = _who(
        "Papers weigh in\n\nThe Riverton Gazette quoted Trade Minister Anna Keller as saying "
        "that Riverton would not retaliate.\n"
    )
    assert found[0][1] == ["Anna Keller"]


def test_printed_excerpts_of_a_speech_are_the_speakers_words() -> None:
    text = (
        "Excerpts: Anna Keller's address to the Riverton Society\n\n"
        "The following are excerpts from the speech Trade Minister Anna Keller delivered on "
        "Tuesday.\n\nOn tariffs:\n\n"
        '"Riverton will not answer duties with duties. We want the exemption back."\n\n'
        "The ministry of Norway did not respond to a request for comment.\n"
    )
    found = _who(text)
    assert found[-2][1] == ["Anna Keller"]
    # without a noun for delivered words, a quotation no one is credited with stays unowned
    plain = _who(text.replace("excerpts from the speech", "the words"))
    assert plain[-2][1] == []


def test_one_word_in_apposition_is_a_person_only_after_a_relation_that_is_no_body() -> None:
    assert _people("Her son, Tomas, is not so sure. He backs the deal.") == ["Tomas"]
    # a company in apposition is a body, and a word between commas without a relation
    # before it is no one
    assert _people("His company, Acme, backs the deal. It wants the duties gone.") == []
    assert _people("On Monday, Riverton, the port city, voted. He declined to say more.") == []


def test_a_role_after_the_name_may_open_with_its_owner() -> None:
    # "the EU's trade chief" after a name makes it a person, as "the trade chief" does
    assert _people("Anna Keller, the EU's trade chief, declined to comment.") == ["Anna Keller"]


def test_a_known_actor_lists_only_the_names_the_article_uses() -> None:
    security = load_profile("security")
    members = cast_of(segment("Talks\n\nThe Kremlin said it would wait.\n"), security).members
    # the profile's other aliases and the capital are no name this article wrote
    assert members["Russia"].aliases == {"the Kremlin", "Kremlin"}


def test_a_dash_after_a_name_is_a_label_only_before_the_speakers_first_person() -> None:
    # "Anna Keller — who chairs the board — said": the dash opens an aside, not a turn
    found = _who(
        "Board meets\n\nChair Anna Keller — who chairs the board — said the levy must go. "
        "Norway said it would wait.\n"
    )
    assert [who for _, who in found] == [["Anna Keller"], ["Norway"]]


def test_a_portfolio_after_a_title_is_the_role_not_the_name() -> None:
    members = cast_of(segment("Minister for Agriculture Tom Brandt said the duties stay."), TRADE)
    assert [n for n, m in members.members.items() if m.kind == "person"] == ["Tom Brandt"]
    assert members.members["Tom Brandt"].role == "Minister for Agriculture"


def test_a_parliaments_record_names_the_member_in_brackets_after_the_office() -> None:
    found = _who(
        "Questions\n\n"
        "The Minister for Trade and Fisheries (Anna Keller): Norway will not cut its duties.\n\n"
        "Deputy Tom Brandt: Will the Minister commit to it?"
    )
    assert found == [
        ("The Minister for Trade a", ["Anna Keller"]),
        ("Deputy Tom Brandt: Will ", ["Tom Brandt"]),
    ]


def test_a_first_name_alone_speaks_for_the_one_person_named_in_full() -> None:
    found = _who(
        "Levy row\n\n"
        "Near Riverton, Anna Keller counts her boats. "
        "Anna, who has fished here for years, says the levy would ruin her. "
        '"We cannot pay it," Anna said.'
    )
    assert [who for _, who in found] == [["Anna Keller"], ["Anna Keller"], ["Anna Keller"]]
    # two people share the first name: it is neither's
    shared = _people("Anna Keller counts her boats. Anna Brandt sells fish. Anna said no.")
    assert shared == []


def test_a_quotation_under_its_authors_heading_is_the_authors() -> None:
    text = (
        "Where the groups stand\n\n"
        "Acme Dockers\n"
        '"We will oppose any levy on fish. We want the duties gone."\n\n'
        "Riverton Anglers\n\n"
        '"The levy is fair."\n\n'
        'Crosshead\n"A levy," Anna Keller said, "is fair."\n\n'
        'Tom Brandt\n"I will vote against the levy."'
    )
    sentences = segment(text)
    cast = cast_of(sentences, TRADE)
    # "we" speaks for a body, "I" alone for a person; a heading that says neither is a body's
    assert [cast.kind(n) for n in ("Acme Dockers", "Riverton Anglers", "Tom Brandt")] == [
        "organization", "organization", "person"]  # fmt: skip
    found = [(s.text[:10], [w.actor for w in who])
             for s, who in zip(sentences, speakers(sentences, cast), strict=True)
             if not s.headline]  # fmt: skip
    assert found[:2] == [('"We will o', ["Acme Dockers"]), ('"The levy ', ["Riverton Anglers"])]
    assert "Crosshead" not in cast.members  # a quotation with its own credit is not headed


def test_a_portfolio_of_several_words_leaves_the_last_two_as_the_name() -> None:
    text = "Coordinating Minister for Economic Affairs Tom Brandt said the duties stay."
    assert _people(text) == ["Tom Brandt"]
