"""Readings the rows of heldout44 showed wrong or missing: "rejected its plan to pay for the
fund with new debt" taken for the earlier proposal itself, "supports the fund, opposes the
debt" dropped because "the fund" was renamed and its clause lost, "neither endorsed nor
rejected" read as rejection, an organ ("Russia's embassy in Helsinki ... called") that
spoke for no one, a commitment to an act ("agreed to extend the mandate") that gave no
topic, a negation before such a commitment ("has not agreed to lift"), "no country would
receive an exemption until ..." read as plain opposition, and "welcomed the vote" that
named no event."""

from __future__ import annotations

from summarizer.checks import check_stance
from summarizer.objects import open_topics
from summarizer.phrases import first_mention
from summarizer.profile import TrackedTopic, load_profile

from .conftest import speaker_rows

TRADE = load_profile("trade")
SECURITY = load_profile("security")


def test_a_plan_to_act_is_named_by_its_act_not_by_the_earlier_proposal() -> None:
    before = "ARICA, May 2 — Chile welcomed Peru's proposal for a joint harbour fund on Friday"
    said = " but rejected its plan to pay for the fund with new common debt."
    topics = open_topics(said, TRADE, before=before)
    assert [(t.worded, t.negated_by) for t in topics] == [("plan to pay for the fund", "rejected")]
    asked = open_topics("Chile rejected the proposal to halve quotas.", TRADE)
    assert [t.worded for t in asked] == ["proposal to halve quotas"]
    assert [t.worded for t in open_topics("Chile rejected the plan.", TRADE)] == [""]


def test_a_renamed_object_keeps_the_sentences_own_word_for_the_checks() -> None:
    before = "Peru proposed a joint harbour fund. "
    renamed = first_mention(TrackedTopic(name="fund", words=("fund",)), before, TRADE.lang,
                            frozenset(), said="supports the fund")  # fmt: skip
    assert renamed.name == "joint harbour fund"
    assert set(renamed.words) == {"joint harbour fund", "fund"}
    said = "Chile supports the fund, opposes the levy and has asked for a smaller budget."
    kept = check_stance("supports", said, TRADE.topic_cues(renamed), TRADE)
    assert kept.polarity == "supports"  # "opposes" falls on the levy, in another clause
    bare = TrackedTopic(name="joint harbour fund", words=("joint harbour fund",))
    assert check_stance("supports", said, TRADE.topic_cues(bare), TRADE).polarity is None


def test_neither_endorsing_nor_rejecting_takes_no_side() -> None:
    said = "Chile neither endorsed nor rejected the proposal for a harbour fund."
    topic = TRADE.topic_cues(TrackedTopic(name="harbour fund", words=("harbour fund",)))
    for label in ("opposes", "supports"):
        checked = check_stance(label, said, topic, TRADE, negated_by="rejected")
        assert checked.polarity == "neutral", label
    plain = "Chile rejected the proposal for a harbour fund."
    assert check_stance("opposes", plain, topic, TRADE).polarity == "opposes"


def test_an_organ_named_by_its_owner_makes_the_owner_the_subject() -> None:
    said = 'Chile\'s embassy in Lima, in a post that was later deleted, called the levy "a trap."'
    assert speaker_rows(said, TRADE) == [[("Chile", "subject")]]
    government = "Peru's new government, which faces an election in May, has not taken a side."
    assert speaker_rows(government, TRADE) == [[("Peru", "subject")]]
    voiced = "Chile's Foreign Ministry spokeswoman Anna Keller called the levy a trap."
    assert speaker_rows(voiced, TRADE)[0][0] == ("Anna Keller", "reported")
    owned = "Chile's exporters want the levy scrapped."  # no organ: the exporters' side
    assert ("Chile", "subject") not in speaker_rows(owned, TRADE)[0]


def test_a_commitment_to_an_act_asks_about_the_act() -> None:
    agreed = open_topics("Chile agreed to extend the fishing mandate for another year.", TRADE)
    assert [(t.name, t.negated_by) for t in agreed] == [("extending the fishing mandate", "")]
    pledged = open_topics("Peru pledged to send two patrol boats to the mission.", SECURITY)
    assert [t.name for t in pledged] == ["sending two patrol boats"]


def test_a_negation_before_a_verb_group_negates_its_act() -> None:
    for said, negation in (
        ("Chile has not agreed to lift the ban.", "not agreed to lift"),
        ("Peru is not ready to send patrol boats.", "not ready to send"),
        ("Chile never promised to cut the levy.", "never promised to cut"),
    ):
        assert [t.negated_by for t in open_topics(said, TRADE)] == [negation], said


def test_a_negated_act_until_a_condition_is_conditional() -> None:
    said = "Anna Keller said no country would receive an exemption until it opened its market."
    topic = TRADE.topic_cues(TrackedTopic(name="exemption", words=("exemption",)))
    until = check_stance("supports", said, topic, TRADE, negated_by="no country would receive")
    assert until.polarity == "conditional"
    timed = "Anna Keller said no country would receive an exemption this year."
    plain = check_stance("supports", timed, topic, TRADE, negated_by="no country would receive")
    assert plain.polarity == "opposes"


def test_welcoming_the_vote_names_the_reported_event() -> None:
    topics = open_topics("The port council welcomed the vote.", TRADE,
                         headline="Parliament rejects fishing levy")  # fmt: skip
    assert [t.worded for t in topics] == ["the vote (Parliament rejects fishing levy)"]
