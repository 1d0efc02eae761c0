"""Readings the rows of heldout44 showed wrong or missing: "rejected its plan to pay for the
fund with new debt" taken for the earlier proposal itself, "supports the fund, opposes the
debt" dropped because "the fund" was renamed and its clause lost, "neither endorsed nor
rejected" read as rejection, an organ ("Russia's embassy in Helsinki ... called") that
spoke for no one, a commitment to an act ("agreed to extend the mandate") that gave no
topic, a negation before such a commitment ("has not agreed to lift"), "no country would
receive an exemption until ..." read as plain opposition, "welcomed the vote" that named no
event, "the idea" in a later part ("Chile backed a delay, while Peru pushed back on the
idea"), a description before a name ("Mining company Acme"), a time phrase before a subject
("Earlier in the week Chile vetoed"), the credit of a heavy subject ("Chile, whose ..., and
which ..., supports a levy, Keller said"), phrasal verbs of a side ("came out against",
"signed up to"), a duration left in a topic ("the law for two years"), and the speaker's own
refused act ("Finland refuses to send instructors") dropped where the model saw no stance;
and, found while measuring, "must first lift" read as an act "firsting"."""

from __future__ import annotations

from summarizer.anaphors import asked_before
from summarizer.checks import Checked, check_stance
from summarizer.intents import reported_act, stated_against, unless_others_act
from summarizer.named_objects import object_topic
from summarizer.objects import open_topics
from summarizer.phrases import first_mention
from summarizer.profile import TrackedTopic, load_profile
from summarizer.reports import credited_subjects

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


def test_the_idea_in_a_later_part_is_what_the_first_part_names() -> None:
    said = "Chile threw its weight behind a one-year delay to the levy, while Peru pushed back on "
    said += "the idea, arguing that its growers were ready."
    at = said.index("Peru")
    before = "Growers split. " + said[:at]
    topics = asked_before(open_topics(said[at:], TRADE, before=before), before, TRADE)
    assert [(t.name, t.negated_by) for t in topics] == [("one-year delay", "pushed back on")]
    alone = "Chile backed a delay. "  # another sentence's object is not "the idea"
    assert asked_before(open_topics("Peru rejected the idea.", TRADE), alone, TRADE) == []


def test_the_idea_that_opens_a_clause_is_no_relative() -> None:
    said = "Anna Keller rejected the idea that allies were divided."
    assert [(t.name, t.worded) for t in open_topics(said, TRADE)] == [("idea", "")]
    kept = open_topics("Chile backs a plan that cuts quotas.", TRADE)
    assert [t.worded for t in kept] == ["plan that cuts quotas"]


def test_a_description_before_a_name_leaves_the_name_the_subject() -> None:
    said = "Mining company Antofagasta would back any pact that kept prices stable."
    assert speaker_rows(said, TRADE) == [[("Antofagasta", "subject")]]
    described = "German roaster Tchibo has signed up to the rules on Tuesday."
    assert speaker_rows(described, TRADE) == [[("Tchibo", "subject")]]
    assert speaker_rows("Rising prices hurt Chile.", TRADE) == [[]]  # a verb, not a description


def test_a_time_phrase_before_the_subject_leaves_it_the_subject() -> None:
    said = "Earlier in the week Chile vetoed an amendment from Peru."
    assert speaker_rows(said, TRADE) == [[("Chile", "subject")]]


def test_the_credit_is_the_last_reporting_verb_after_a_heavy_subject() -> None:
    said = ("Chile, whose fleet was damaged last year, and which has since doubled its budget, "
            "supports a new levy, Trade Minister Anna Keller said.")  # fmt: skip
    mentions = [(0, 5, "Chile")]
    assert credited_subjects(said, mentions, TRADE.lang) == ["Chile"]


def test_phrasal_verbs_of_a_side_have_objects() -> None:
    against = open_topics("Acme came out against the fishing levy on Thursday.", TRADE)
    assert [(t.name, t.negated_by) for t in against] == [("fishing levy", "came out against")]
    signed = open_topics("Acme has signed up to the fishing levy.", TRADE)
    assert [(t.name, t.negated_by) for t in signed] == [("fishing levy", "")]


def test_how_long_is_no_part_of_the_topic() -> None:
    held = open_topics("Peru has fought the fishing levy for two years.", TRADE)
    assert [t.worded for t in held] == [""]
    kept = open_topics("Chile backs safeguards for beef imports.", TRADE)
    assert [t.worded for t in kept] == ["safeguards for beef imports"]


def test_a_document_speaks_for_its_owner_not_for_whom_it_is_sent_to() -> None:
    said = "Chile's written submission to the Commission backs the Peruvian approach."
    assert speaker_rows(said, TRADE) == [[("Chile", "subject")]]
    spoken = "A spokesman for the European Commission said the levy was lawful."
    assert speaker_rows(spoken, TRADE) == [[("European Union", "reported")]]


def test_the_speakers_own_refused_act_is_against_it_where_the_model_saw_none() -> None:
    side, names = frozenset({"chile"}), frozenset({"chile", "peru"})
    said = "Chile refuses to send patrol boats to the strait, Anna Keller said."
    assert stated_against("none", "refuses to send", said, side, names, TRADE.lang)
    supports = "Chile will not support the fishing levy, Anna Keller said."
    assert stated_against("none", "will not support", supports, side, names, TRADE.lang)
    declined = "Chile did not respond to a request for comment."  # no side taken
    assert not stated_against("none", "did not respond", declined, side, names, TRADE.lang)
    others = "Chile said Peru will not send patrol boats."  # Peru's act, not Chile's
    assert not stated_against("none", "will not send", others, side, names, TRADE.lang)


def test_an_adverb_after_a_verb_group_is_no_verb_and_no_object() -> None:
    assert [t.name for t in open_topics("Chile must first lift its ban.", TRADE)] == [
        "lifting its ban"
    ]  # was "firsting lift its ban"
    assert open_topics("You must first have an agreement, Anna Keller said.", TRADE) == []
    quick = open_topics("Chile urged Peru to ratify it quickly.", TRADE)
    assert [t.name for t in quick] == ["ratifying it quickly"]
    said = "You must first have an agreement."
    assert object_topic("first", said, frozenset({"anna keller"}), TRADE) is None


def test_a_noun_before_to_and_a_name_opens_no_verb_group() -> None:
    said = "Anna Keller argues that the West has made promises to Peru it cannot keep."
    assert open_topics(said, TRADE) == []  # was "Peru it cannot keep"
    offered = open_topics("Chile offered to cut its levy.", TRADE)
    assert [t.name for t in offered] == ["cutting its levy"]


def test_a_topic_undone_after_it_is_no_support_for_it() -> None:
    said = "A paper circulated by Chile calls for the fishing levy to expire as planned in June."
    topic = TRADE.topic_cues(TrackedTopic(name="fishing levy", words=("fishing levy",)))
    assert check_stance("supports", said, topic, TRADE).polarity is None
    lifted = "Chile wants the fishing levy to be lifted."
    assert check_stance("supports", lifted, topic, TRADE).polarity is None
    kept = "Chile wants the fishing levy to stay."
    assert check_stance("supports", kept, topic, TRADE).polarity == "supports"


def test_another_actors_reported_deed_is_no_stance_of_the_speakers() -> None:
    side, named = frozenset({"anna keller", "keller"}), frozenset({"anna keller", "keller", "peru"})
    talks = TRADE.topic_cues(TrackedTopic(name="talks", words=("talks",)))
    said = "Chilean Mining Minister Anna Keller said Peru had walked out of the talks in May."
    assert reported_act(said, talks, side, named, TRADE.lang) == "peru"
    kept = unless_others_act(Checked("opposes"), said, talks, side, named, TRADE.lang)
    assert kept.polarity is None
    intent = "Anna Keller said Peru would regard any talks as a trap."  # an intent, not a deed
    assert reported_act(intent, talks, side, named, TRADE.lang) == ""
    refused = "Anna Keller said Peru had refused the talks."  # a word against them
    assert reported_act(refused, talks, side, named, TRADE.lang) == ""


def test_a_role_with_a_new_name_after_it_is_no_reference_back() -> None:
    text = (
        "Defence Minister Anna Keller said Chile backs the patrol. The Peruvian navy's chief, "
        "Vice Admiral Tomas Brandt Ruiz, who led the fleet, said Lima would send two frigates."
    )
    rows = speaker_rows(text, SECURITY)
    assert ("Anna Keller", "role") not in rows[1] and ("Anna Keller", "reported") not in rows[1]
