"""Who speaks, in shapes heldout27 showed: a signed argument's author, a subject after a
dateline, an organ abroad, a body named again by its head word, a fellow of an institute;
and what a sentence takes no side on: the source's words, a prediction about the topic."""

from __future__ import annotations

from summarizer.cast import cast_of
from summarizer.checks import check_stance, stance_topics
from summarizer.profile import load_profile
from summarizer.reports import without_source
from summarizer.segment import segment
from summarizer.speakers import speakers

TRADE = load_profile("trade")
SECURITY = load_profile("security")


def _who(text: str, profile=TRADE) -> list[list[str]]:  # type: ignore[no-untyped-def]
    sentences = segment(f"Levy row\n\n{text}")
    cast = cast_of(sentences, profile)
    return [[s.actor for s in w] for w, x in zip(speakers(sentences, cast), sentences, strict=True)
            if not x.headline]  # fmt: skip


def test_an_outside_authors_byline_signs_the_argument_that_follows() -> None:
    signed = (
        "By Anna Keller, professor of law at Acme University\n\n"
        "Riverton should drop the levy now. I doubt the quota will last. "
        "Tom Brandt, a hog farmer, said the levy was unfair."
    )
    assert _who(signed) == [["Anna Keller"], ["Anna Keller"], ["Tom Brandt"]]
    # a reporter's byline, or one with no role, signs nobody's stance
    for byline in ("By Anna Keller, Acme Gazette correspondent", "By Anna Keller"):
        assert _who(f"{byline}\n\nChile should drop the levy now.") == [["Chile"]]


def test_a_second_byline_signs_its_own_part() -> None:
    debate = (
        "By Anna Keller, professor of law\n\nRiverton should drop the levy now.\n\n"
        "By Tom Brandt, former trade envoy\n\nThe levy protects the port."
    )
    assert _who(debate) == [["Anna Keller"], ["Tom Brandt"]]


def test_a_byline_may_name_an_author_whose_name_opens_outside_a_to_z() -> None:
    signed = "By Łukasz Żak, professor of law\n\nRiverton should drop the levy now."
    assert _who(signed) == [["Łukasz Żak"]]


def test_in_a_signed_argument_a_subject_that_takes_a_side_keeps_it() -> None:
    signed = (
        "By Anna Keller, professor of law\n\nChile backs the levy. Chile should drop it. "
        "By Monday, Norway must decide."
    )
    assert _who(signed) == [["Chile"], ["Anna Keller"], ["Anna Keller"]]


def test_a_dateline_is_no_subject_and_the_subject_after_it_is() -> None:
    wire = (
        "RIVERTON, Nov. 23 (Wire) - Chile is prepared to drop its levy if Norway lowers "
        "its duty, two officials familiar with the talks said on Sunday."
    )
    assert _who(wire) == [["Chile"]]


def test_a_states_organ_abroad_speaks_for_the_state() -> None:
    assert _who("Chile's embassy in Norway said it firmly opposes the levy.") == [["Chile"]]


def test_a_fellow_of_a_named_institute_speaks_and_is_no_institute() -> None:
    sentences = segment(
        "Levy row\n\nAnna Keller, a senior fellow at the Acme Institute for Harbour "
        "Studies, said the evidence had borne out the warnings."
    )
    cast = cast_of(sentences, TRADE)
    assert [s.actor for s in speakers(sentences, cast)[1]] == ["Anna Keller"]
    people = {n for n, m in cast.members.items() if m.kind == "person"}
    assert people == {"Anna Keller"}  # not "Harbour Studies", not "Acme Institute"


def test_a_body_named_again_by_its_head_word_speaks() -> None:
    assert _who(
        "The Riverton Anglers Association met on Monday. The association, now led by Tom "
        "Brandt, still backs the quota. The association of bakers was not consulted."
    ) == [["Riverton Anglers Association"], ["Riverton Anglers Association"], []]


def test_a_place_that_begins_a_longer_name_is_no_subject() -> None:
    assert _who("The Oslo Accords did not stop the war.", SECURITY) == [[]]
    # an office named after the place is the state's
    office = "A Chile State Department spokesperson said Norway remains committed to the talks."
    assert _who(office, SECURITY) == [["Chile"]]


def test_the_source_clause_names_no_topic() -> None:
    sentence = (
        "Chile is prepared to drop the levy if Norway lowers its duty, two officials "
        "familiar with the talks said on Sunday."
    )
    assert without_source(sentence, TRADE.lang).endswith("lowers its duty")
    assert "trade talks" not in [
        t.name for t in stance_topics(without_source(sentence, TRADE.lang), TRADE)
    ]
    assert "trade talks" in [t.name for t in stance_topics(sentence, TRADE)]
    # a reported clause after the last comma is no source clause
    reported = "The mayor of Riverton, Anna Keller, said on Monday that the city opposes tariffs."
    assert without_source(reported, TRADE.lang) == reported
    # a quotation's closing comma opens no source clause
    quoted = '"We back the talks," Anna Keller said.'
    assert without_source(quoted, TRADE.lang) == quoted


def test_a_prediction_about_the_topic_takes_no_side_on_it() -> None:
    peace = SECURITY.topic_cues(next(t for t in SECURITY.topics if t.name == "peace plan"))
    harm = "Only a treaty deters Chile, and a ceasefire without it will merely give Chile time."
    assert check_stance("supports", harm, peace, SECURITY).polarity is None
    # a demand on the topic, or a prediction under a condition, still takes a side
    demand = "Anna Keller said a ceasefire must be monitored by the league."
    assert check_stance("supports", demand, peace, SECURITY).polarity == "supports"
    held = "Anna Keller said a ceasefire would hold only if Chile withdraws."
    assert check_stance("supports", held, peace, SECURITY).polarity == "conditional"
    # a first predicate before the prediction may take the side
    both = 'Anna Keller said a ceasefire "protects the port and will hold."'
    assert check_stance("supports", both, peace, SECURITY).polarity == "supports"
    # the speaker's own act stays a stance
    own = "Anna Keller said Riverton will sign the ceasefire next week."
    assert check_stance("supports", own, peace, SECURITY).polarity == "supports"
