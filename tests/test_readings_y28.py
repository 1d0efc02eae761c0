"""Readings the rows of heldout43 showed wrong or missing: a state's clause credited to its
minister afterwards ("Chile will not join the curbs, Trade Minister Anna Keller said"), a
negated verb of opposition ("no longer objects to") read as opposition, a condition's own
act taken for the speaker's ("will respond if Peru does not drop its tariff"), "any X that
..." cut to a bare "X", adjectives of a side ("is keen on", "is wary of"), ", while Peru is
wary of it" left in Chile's clause, a feared topic asked about, "but only one that ..." read
as plain support, a time phrase left in a topic, and "urged Lima to go further and raise the
levy" not read as urged."""

from __future__ import annotations

from pathlib import Path

from summarizer.checks import check_stance, stance_topics
from summarizer.demonyms import demonym_state
from summarizer.intents import others_act
from summarizer.judged import judged_against, judged_topics
from summarizer.named_objects import object_topic
from summarizer.objects import open_topics
from summarizer.profile import load_profile
from summarizer.relatives import relative
from summarizer.reports import credited_subjects, reports
from summarizer.tracked_words import complement_only, worded

from .conftest import speaker_rows, staged

TRADE = load_profile("trade")
SECURITY = load_profile("security")


def test_a_clause_credited_afterwards_is_its_subjects_too(tmp_path: Path) -> None:
    said = "Chile will not join the export curbs, Trade Minister Anna Keller said on Monday."
    assert credited_subjects(said, [(0, 5, "Chile")], TRADE.lang) == ["Chile"]
    dated = "SANTIAGO, May 2 — " + said
    assert credited_subjects(dated, [(0, 8, "Chile"), (18, 23, "Chile")], TRADE.lang) == ["Chile"]
    owned = "Chile's plan is flawed, Anna Keller said."  # the plan's, not Chile's side
    assert credited_subjects(owned, [(0, 5, "Chile")], TRADE.lang) == []
    quoted = '"Chile will not join," Anna Keller said.'  # a quotation is the credit's words
    assert credited_subjects(quoted, [(1, 6, "Chile")], TRADE.lang) == []
    stage, _ = staged(tmp_path, f"Curbs\n\n{said}\n", {"stance": "opposes"}, TRADE)
    assert {p.actor for p in stage.positions} == {"Anna Keller", "Chile"}


def test_no_longer_objecting_is_no_opposition() -> None:
    said = "Chile no longer objects to the fishing levy, Anna Keller said."
    topics = open_topics(said, TRADE)
    assert [(t.name, t.negated_by) for t in topics] == [("fishing levy", "")]
    assert check_stance("supports", said, TRADE.topic_cues(topics[0]), TRADE).polarity is None


def test_a_conditions_own_act_is_no_topic_of_the_speakers() -> None:
    said = "Chile will respond in kind if Peru does not drop its levy on copper by August."
    assert open_topics(said, TRADE) == []


def test_any_x_that_keeps_its_relative() -> None:
    said = "Chile is understood to oppose any mission that would pull patrol boats away from Arica."
    assert [t.worded for t in open_topics(said, SECURITY)] == [
        "mission that would pull patrol boats away from Arica"
    ]


def test_adjectives_of_a_side_are_stance_cues(tmp_path: Path) -> None:
    keen = "Chile is keen on a regional fishing fund."
    assert [t.name for t in open_topics(keen, TRADE)] == ["regional fishing fund"]
    wary = "Peru is wary of a regional fishing fund."
    topic = open_topics(wary, TRADE)[0]
    assert check_stance("supports", wary, TRADE.topic_cues(topic), TRADE).polarity is None
    both = "Chile is keen on a regional fishing fund, while Peru is wary of any new fund."
    stage, _ = staged(tmp_path, f"Funds\n\n{both}\n", {"stance": "opposes"}, TRADE)
    assert ("Peru", "opposes") in {(p.actor, p.polarity) for p in stage.positions}


def test_a_while_clause_with_its_own_side_is_a_main_clause() -> None:
    said = "Chile backs the fishing fund, while Peru is wary of it, officials said."
    assert [said[a:b] for a, b in reports(said, TRADE.lang)] == [
        "Chile backs the fishing fund",
        "Peru is wary of it, officials said.",
    ]


def test_a_feared_topic_is_no_stance_topic() -> None:
    said = "Chile is cool on the plan, fearing Peruvian retaliation."
    assert stance_topics(said, TRADE) == []


def test_but_only_one_that_is_a_condition() -> None:
    said = "Anna Keller said Chile still wants a deal, but only one that opens markets to farmers."
    topic = open_topics(said, TRADE)[0]
    assert check_stance("supports", said, TRADE.topic_cues(topic), TRADE).polarity == "conditional"


def test_a_time_phrase_does_not_end_a_topic() -> None:
    said = "Chile would have signed a trade agreement with Peru last year if Lima had offered more."
    topic = stance_topics(said, TRADE)[0]
    assert worded(said, topic, TRADE) == "trade agreement with Peru"


def test_the_act_after_go_further_and_is_urged() -> None:
    said = "Anna Keller has urged Lima to go further and raise the fishing levy."
    assert [(t.name, t.urged) for t in open_topics(said, TRADE)] == [
        ("raising the fishing levy", True)
    ]


def test_a_relative_ends_before_the_sentences_own_verb() -> None:
    said = "Any fishing deal that closes that door would reward Peru."
    end = relative(said, said.index(" that"), TRADE.lang, "Any fishing deal")
    assert end is not None and said[:end] == "Any fishing deal that closes that door"


def test_a_tracked_wording_keeps_a_restricting_relative() -> None:
    said = "Chile has threatened tariffs on any country that subsidises its fleet."
    topic = stance_topics(said, TRADE)[0]
    assert worded(said, topic, TRADE) == "tariffs on any country that subsidises its fleet"


def test_incompatible_and_coercion_are_verdicts_against() -> None:
    said = 'Anna Keller said the fishing levy was "incompatible with our rules."'
    topic = judged_topics(said, TRADE)[0]
    assert topic.name == "fishing levy" and judged_against(said, TRADE.topic_cues(topic), TRADE)
    named = 'Peru\'s ministry called the Chilean plan "economic coercion."'
    assert [t.name for t in judged_topics(named, TRADE)] == ["Chilean plan"]


def test_on_the_condition_and_depends_on_set_conditions() -> None:
    said = "Chile will join the fishing patrol on the condition that Peru pays for it."
    topic = open_topics(said, TRADE)[0]
    assert check_stance("supports", said, TRADE.topic_cues(topic), TRADE).polarity == "conditional"
    bare = "Chile will join on the condition that the patrol has a mandate."
    assert open_topics(bare, TRADE) == []  # not "joining on the condition"


def test_what_a_stance_depends_on_is_its_condition_not_its_topic() -> None:
    said = "Anna Keller said Chilean participation would depend on a mandate from parliament."
    assert open_topics(said, TRADE) == []  # not "depending on a mandate"
    forms = frozenset({"anna keller", "keller"})
    assert object_topic("a mandate from parliament", said, forms, TRADE) is None


def test_a_topic_placed_in_an_objects_phrase_takes_no_side() -> None:
    said = (
        "Chile called on Tuesday for a stronger safeguard clause in the regional trade agreement."
    )
    topic = next(t for t in stance_topics(said, TRADE) if t.name == "trade talks")
    assert complement_only(said, topic, TRADE)
    backed = "Chile backs the regional trade agreement in principle."
    assert not complement_only(backed, stance_topics(backed, TRADE)[0], TRADE)


def test_a_verdict_after_but_judges_its_clauses_subject() -> None:
    said = '"We support fair trade, but these duties punish Chilean growers," Anna Keller said.'
    topic = next(t for t in stance_topics(said, TRADE) if t.name == "tariffs")
    assert judged_against(said, TRADE.topic_cues(topic), TRADE) == "punish"


def test_a_topic_is_cut_before_a_bracket_it_does_not_close() -> None:
    said = "Anna Keller proposed that Peru offer Chile interim quotas (modelled on the 2019 pact) soon."
    assert [t.worded for t in open_topics(said, TRADE)] == ["offering Chile interim quotas"]


def test_the_ministers_of_a_list_each_hold_its_side(tmp_path: Path) -> None:
    said = "The agriculture ministers of Chile, Peru and Bolivia jointly called for a fishing fund."
    assert speaker_rows(said, TRADE) == [[("Chile", "subject"), ("Peru", "listed"),
                                          ("Bolivia", "listed")]]  # fmt: skip
    stage, asked = staged(tmp_path, f"Funds\n\n{said}\n", {"stance": "supports"}, TRADE)
    assert {p.actor for p in stage.positions} == {"Chile", "Peru", "Bolivia"}
    assert len([a for a in asked if "fishing fund" in a.about]) == 1  # one question, one side


def test_a_government_office_speaks_for_its_state_too(tmp_path: Path) -> None:
    said = "Chilean Foreign Minister Anna Keller said Santiago backs a regional fishing fund."
    assert speaker_rows(said, TRADE)[0][:1] == [("Anna Keller", "reported")]
    owned = "Peru's Trade Minister Tomas Brandt backed the regional fishing fund."
    assert ("Peru", "listed") in speaker_rows(owned, TRADE)[0]
    former = "Former Chilean President Anna Keller said the fishing fund was a mistake."
    assert all(a != "Chile" for a, _ in speaker_rows(former, TRADE)[0])
    stage, asked = staged(
        tmp_path, f"Funds\n\nDateline\n\n{owned}\n", {"stance": "supports"}, TRADE
    )
    assert {p.actor for p in stage.positions} == {"Tomas Brandt", "Peru"}
    assert len([a for a in asked if "fishing fund" in a.about]) == 1  # the office shares it
    assert {a.name for a in stage.actors} >= {"Tomas Brandt", "Peru"}
    said = "Chilean Foreign Minister Anna Keller said she backed the regional fishing fund."
    stage, _ = staged(tmp_path, f"Funds\n\n{said}\n", {"stance": "supports"}, TRADE)
    assert {(p.actor, p.attribution) for p in stage.positions} == {
        ("Anna Keller", "paraphrase"), ("Chile", "paraphrase")}  # fmt: skip


def test_a_later_part_opened_by_an_office_is_its_holders_too(tmp_path: Path) -> None:
    said = "Peru backs the fishing fund, while Chilean President Tomas Brandt opposes the fund."
    stage, _ = staged(tmp_path, f"Funds\n\n{said}\n", {"stance": "opposes"}, TRADE)
    assert {"Tomas Brandt", "Chile"} <= {p.actor for p in stage.positions}


def test_irregular_peoples_adjectives_name_their_states() -> None:
    assert [demonym_state(w, TRADE.lang) for w in ("Peruvian", "Slovak", "Argentine")] == [
        "Peru", "Slovakia", "Argentina"]  # fmt: skip


def test_an_object_to_be_taken_off_is_no_topic_of_its_own() -> None:
    said = "Anna Keller called for wine to be taken off the tariff list."
    assert open_topics(said, TRADE) == []  # not "supports wine"


def test_standing_by_and_offering_take_a_side() -> None:
    stood = "The growers' union said it stood by the fishing levy."
    assert [t.name for t in open_topics(stood, TRADE)] == ["fishing levy"]
    topic = next(t for t in SECURITY.topics if t.name == "troops after a ceasefire")
    said = "Chile has offered troops, aircraft and naval vessels."
    assert check_stance("supports", said, SECURITY.topic_cues(topic), SECURITY).polarity == (
        "supports"
    )


def test_a_predicate_after_a_comma_is_no_other_subject() -> None:
    said = "Peru, which has no navy, is believed to be ready to host the fishing fund's office."
    topic = open_topics(said, TRADE)[0]
    cues = TRADE.topic_cues(topic)
    assert others_act(said, cues, frozenset({"peru"}), frozenset({"peru"}), TRADE.lang) == ""
