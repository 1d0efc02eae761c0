"""Five readings a fresh held-out set (heldout36) showed code getting wrong, each stated
as a false brief: the one spoken to taken for the speaker ("told Parliament ... that"),
the tail of a ministry's name taken for a person, a word of time read as a condition
("failed us once, in 1994"), an object stripped of the participle that restricts it
("opposes ceasefire" for "would not accept a ceasefire negotiated without Kyiv"), and
an `opposes` on what a speaker wants ("wanted a vote")."""

from __future__ import annotations

from pathlib import Path

from summarizer.cast import cast_of
from summarizer.checks import Checked, conditions, stance_topics
from summarizer.intents import unless_relieved
from summarizer.judged import judged_against
from summarizer.named_objects import object_topic
from summarizer.objects import open_topics
from summarizer.profile import load_profile
from summarizer.segment import segment
from summarizer.speakers import speakers

from .conftest import staged

TRADE = load_profile("trade")


def _speakers(text: str) -> list[list[str]]:
    sentences = segment(text)
    cast = cast_of(sentences, TRADE)
    return [[s.actor for s in found] for found in speakers(sentences, cast)]


def test_the_one_told_is_not_the_speaker() -> None:
    text = ("Quotas\n\nAnna Keller leads the Riverton delegation.\n\n"
            "The former union leader told Parliament in Riverton last month that quotas "
            "should not hold the steel industry hostage.\n")  # fmt: skip
    assert "Parliament" not in {a for found in _speakers(text) for a in found}
    # a name after a verb that does not address anyone still speaks: "said Costa"
    said = 'Quotas\n\n"We will not accept quotas," said Anna Keller on Monday.\n'
    assert ["Anna Keller"] in _speakers(said)


def test_the_rest_of_a_ministrys_name_is_no_person() -> None:
    text = ("Readout\n\nThe readout, issued by the Coordinating Ministry for Economic "
            "Affairs, said Acme had agreed to cut tariffs.\n")  # fmt: skip
    cast = cast_of(segment(text), TRADE)
    assert "Economic Affairs" not in cast.members
    # a title before the link keeps the person: "Minister for Trade Anna Keller"
    titled = "Quotas\n\nMinister for Trade Anna Keller said quotas would stay.\n"
    assert "Anna Keller" in cast_of(segment(titled), TRADE).members


def test_a_word_of_time_that_closes_a_clause_sets_no_condition() -> None:
    lang = TRADE.lang
    assert not conditions("Paper promises have failed us once, in 1994, Keller said.", lang)
    # a condition that opens its clause still counts, with or without a comma after it
    assert conditions("Keller will drop tariffs once talks end.", lang)
    assert conditions("Keller said that if, as expected, talks fail, tariffs stay.", lang)


def test_a_participle_that_restricts_an_object_stays_in_its_wording() -> None:
    said = "Keller said Riverton would not accept a truce negotiated without Chile."
    [topic] = open_topics(said, TRADE)
    assert topic.worded == "truce negotiated without Chile"
    # a participle alone, with nothing it leads, is what is wanted of the object
    assert open_topics("Keller wants the tariffs lifted.", TRADE) == []
    [deal] = open_topics("Keller wants the deal signed.", TRADE)
    assert deal.name == "deal" and deal.worded == ""


def test_an_opposes_on_what_a_speaker_wants_is_dropped(tmp_path: Path) -> None:
    said = "Anna Keller said she backed more aid but wanted a vote in parliament first."
    stage, _ = staged(tmp_path, f"Aid\n\n{said}\n", {"stance": "opposes"}, TRADE)
    assert not [p for p in stage.positions if "vote" in p.topic]
    assert any(("urges the act" in d.reason or "says otherwise ('wanted')" in d.reason)
               and "vote" in d.label for d in stage.dropped)  # fmt: skip
    # a group that does not want it keeps the opposes: "did not want a vote"
    said = "Anna Keller said she did not want a vote in parliament."
    stage, _ = staged(tmp_path, f"Aid\n\n{said}\n", {"stance": "opposes"}, TRADE)
    assert [p.polarity for p in stage.positions if "vote" in p.topic] == ["opposes"]


def test_a_question_opening_word_is_no_part_of_a_name() -> None:
    text = ("Letters: Should Chilean troops go to Riverton after a truce?\n\n"
            "If we want a truce to hold, Chilean troops must be there to hold it.\n")  # fmt: skip
    assert not [m for m in cast_of(segment(text), TRADE).members if m.startswith("Should")]


def test_a_legitimate_military_target_is_a_verdict_against() -> None:
    security = load_profile("security")
    said = "Keller said any Chilean troops deployed in Riverton would be treated as a legitimate military target."
    [topic] = [t for t in stance_topics(said, security) if t.name == "troops after a ceasefire"]
    assert (
        judged_against(said, security.topic_cues(topic), security) == "legitimate military target"
    )


def test_a_signature_line_may_carry_the_role_after_a_comma() -> None:
    text = ("Letter on quotas\n\nDear Minister,\n\nWe urge you to drop the quotas on salmon.\n\n"
            "Yours faithfully,\nTom Brandt, Chief Executive\n")  # fmt: skip
    sentences = segment(text)
    cast = cast_of(sentences, TRADE)
    assert "Tom Brandt" in cast.members
    said = [s for s in sentences if s.text.startswith("We urge")]
    found = speakers(sentences, cast)[sentences.index(said[0])]
    assert [s.actor for s in found] == ["Tom Brandt"]


def test_a_clause_the_model_names_is_no_topic() -> None:
    part = '"Paper promises have failed us once," Anna Keller said on Thursday.'
    assert object_topic("promises have failed us", part, frozenset({"keller"}), TRADE) is None
    # an infinitive's "have" is no finite verb: "the right to have a say" names a thing
    said = "Keller backs the right to have a say."
    assert object_topic("the right to have a say", said, frozenset({"keller"}), TRADE)


def test_a_supports_on_what_relief_is_sought_from_is_dropped() -> None:
    tariffs = TRADE.topic_cues(next(t for t in TRADE.topics if t.name == "tariffs"))
    said = "We urge you to seek an exemption for our cars from the 25 percent tariff."
    checked = unless_relieved(Checked("supports"), said, tariffs, TRADE.lang)
    assert checked.polarity is None and "relief" in checked.note
    # other labels, and a topic that is not what relief is sought from, are left alone
    assert unless_relieved(Checked("opposes"), said, tariffs, TRADE.lang).polarity == "opposes"
    kept = "Keller backs the tariffs, though exporters want relief."
    assert unless_relieved(Checked("supports"), kept, tariffs, TRADE.lang).polarity == "supports"


def test_a_short_restrictive_relative_stays_in_an_objects_wording() -> None:
    said = "Keller said Riverton opposes any military cooperation that targets a third party."
    [topic] = open_topics(said, TRADE)
    assert topic.worded == "military cooperation that targets a third party"
    # one with a mark in it, or longer than the limit, is left out rather than cut short
    for said in (
        "Keller backs the deal that, she said, works.",
        "Keller rejects a deal that lowers our food standards in exchange for car quotas.",
    ):
        assert [t.worded for t in open_topics(said, TRADE)] == [""]  # fmt: skip


def test_a_condition_of_an_earlier_conjunct_is_not_the_topics() -> None:
    deal = TRADE.topic_cues(next(t for t in TRADE.topics if t.name == "tariffs"))
    said = "I will not rule it out if the talks fail, and I will not accept new tariffs."
    assert conditions(said, TRADE.lang) and not conditions(said, TRADE.lang, deal)
    # a condition after the topic, or one in the topic's own conjunct, still counts
    for said in (
        "I will accept new tariffs, but only if the talks fail.",
        "If the talks fail, I will accept new tariffs.",
    ):
        assert conditions(said, TRADE.lang, deal)  # fmt: skip


def test_more_is_part_of_what_is_backed() -> None:
    said = "Anna Keller said she backed more aid but wanted a vote."
    assert [t.name for t in open_topics(said, TRADE)][:1] == ["more aid"]
    assert open_topics("Anna Keller wants more.", TRADE) == []  # "more" alone names nothing
