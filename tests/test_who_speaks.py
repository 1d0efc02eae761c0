"""Who a sentence's stance belongs to: a name after a reporting verb, and a second clause."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.cast import cast_of
from summarizer.profile import load_profile
from summarizer.segment import segment
from summarizer.speakers import speakers

TRADE = load_profile("trade")


def _who(text: str) -> list[list[str]]:
    sentences = segment(text)
    cast = cast_of(sentences, TRADE)
    return [[s.actor for s in found] for found in speakers(sentences, cast)]


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # a name after the verb that ends the clause speaks
        ("Riverton will cut its duties on fish, said Trade Minister Anna Keller on Monday.", [["Anna Keller"]]),
        ("Riverton will cut its duties on fish, said Trade Minister Anna Keller.", [["Anna Keller"]]),
        # a name the verb is done to does not: it is urged, accused or told something
        ("The Acme Dockers said fish stocks are falling and urged Norway to extend the exemption.",
         [["Acme Dockers"]]),
        ("The Acme Dockers accused Norway of dumping steel.", [["Acme Dockers"]]),
        ("Trade Minister Anna Keller told Norway that the duties stay.", [["Anna Keller"]]),
    ],
)  # fmt: skip
def test_a_name_after_a_reporting_verb_speaks_only_when_nothing_is_done_to_it(
    text: str, who: list[list[str]]
) -> None:
    assert _who(text) == who


SECURITY = load_profile()


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Anna Keller welcomed the decision and said Riverton wants the monitors to stay.",
         ["Anna Keller welcomed the decision", " and said Riverton wants the monitors to stay."]),
        ("Riverton will not send troops, Anna Keller said, but she backed security guarantees.",
         ["Riverton will not send troops, Anna Keller said", ", but she backed security guarantees."]),
        # a second reported clause is: its condition is not the first one's
        ("Anna Keller said Riverton was willing to talk, and that it would retaliate if Acme "
         "refused.", ["Anna Keller said Riverton was willing to talk",
                      ", and that it would retaliate if Acme refused."]),
        # a second predicate with a verb group is asked on its own: "would keep the ban"
        ("Anna Keller said her party opposes the change and would restore the rule.",
         ["Anna Keller said her party opposes the change", " and would restore the rule."]),
        # a second predicate with neither a verb group nor a stance verb is not
        ("Anna Keller said her party opposes the change and blames the council.",
         ["Anna Keller said her party opposes the change and blames the council."]),
        # nor is a joint inside a quotation
        ("“We back the plan and said so,” Anna Keller said.",
         ["“We back the plan and said so,” Anna Keller said."]),
    ],
)  # fmt: skip
def test_a_second_reporting_verb_of_one_speaker_starts_a_report_of_its_own(
    text: str, spans: list[str]
) -> None:
    from summarizer.reports import reports

    assert [text[a:b] for a, b in reports(text, SECURITY.lang)] == spans


def test_each_report_is_asked_about_its_own_topic_and_checked_on_its_own_words(
    tmp_path: Path,
) -> None:
    from summarizer import load_articles
    from summarizer.assemble import plan
    from summarizer.label import Ask, Label
    from summarizer.llm import Completion
    from summarizer.plans import drive
    from summarizer.records import Usage

    (tmp_path / "a.txt").write_text(
        "Leaders meet in Riverton\n\nRiverton will not send troops after a ceasefire, Prime "
        "Minister Anna Keller said on Friday, but she backed security guarantees for Acme.\n",
        encoding="utf-8",
    )
    asked: list[str] = []

    def supports(question: Ask) -> Completion:  # the small model's usual answer
        asked.append(question.about)
        return Completion(Label("supports" if question.kind == "stance" else "none"),
                          Usage(requests=1), 1, 0.0)  # fmt: skip

    stage = drive(plan(load_articles([tmp_path / "a.txt"])[0], SECURITY), supports)
    assert "Anna Keller on troops after a ceasefire" in asked
    assert "Anna Keller on security guarantees" in asked
    stated = {(p.topic, p.polarity) for p in stage.positions if p.actor == "Anna Keller"}
    # the first report's negation keeps its "supports" out, and does not touch the second's
    assert ("security guarantees for Acme", "supports") in stated
    assert not any(t.startswith("troops") and pol == "supports" for t, pol in stated)
    assert [d.label for d in stage.dropped] == ["Anna Keller / troops after a ceasefire"]


def test_taking_part_is_an_act_though_taking_is_empty() -> None:
    from summarizer.objects import open_topics

    found = open_topics(
        "Keller said Riverton would not take part in any naval operation.", SECURITY
    )
    assert [(t.name, t.negated_by) for t in found] == [
        ("taking part in any naval operation", "would not take part in")]  # fmt: skip
    assert open_topics("Keller said Riverton would take the blame.", SECURITY) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Keller said troops would stay only if Acme pays.", "conditional"),
        ("Keller said troops would stay once a ceasefire is signed.", "conditional"),
        # a status or a denial is no condition, whatever the model says
        ("Keller said the prospect of troops appears to have been sidelined.", None),
        ("Keller said allies never promised troops would be part of the deal.", None),
    ],
)  # fmt: skip
def test_a_conditional_label_needs_a_condition_in_the_sentence(text: str, kept: str | None) -> None:
    from summarizer.checks import check_stance

    troops = SECURITY.topic_cues(next(t for t in SECURITY.topics if t.name.startswith("troops")))
    assert check_stance("conditional", text, troops, SECURITY).polarity == kept


def test_a_passive_verb_names_no_topic_and_the_tracked_name_is_used() -> None:
    from summarizer.phrases import cue_phrase

    for text, cue in [("The issue will be dealt with separately, he said.", "dealt with separately"),
                      ("Riverton must be protected, he said.", "protected")]:  # fmt: skip
        start = text.index(cue)
        assert cue_phrase(text, start, start + len(cue), SECURITY) == ""


def test_what_may_happen_is_no_stance_but_what_could_not_be_accepted_is() -> None:
    from summarizer.objects import open_topics

    trade = load_profile("trade")
    assert open_topics("Keller said the deal could add jobs in the north.", trade) == []
    assert open_topics("Keller said the quotas might hurt exporters.", trade) == []
    refused = open_topics("Keller said Riverton could not accept the quotas.", trade)
    assert [(t.name, t.negated_by) for t in refused] == [("quotas", "could not accept")]


def test_a_place_where_unnamed_people_are_is_not_who_speaks() -> None:
    assert _who("Diplomats in Norway say the dispute may delay a meeting.") == [[]]
    assert _who("Officials in Norway said the quota talks may slip.") == [[]]
    # a named body based in a place still speaks
    assert _who("The Chamber of Commerce in Norway said the quotas must stay.") == [
        ["Chamber of Commerce"]
    ]


def test_he_after_a_sentence_introducing_one_new_person_is_that_person() -> None:
    text = ("Trade Minister Anna Keller said Riverton will keep its duties on fish. "
            "Norway's fisheries minister, Tom Brandt, was more cautious. "
            "“Our boats are not going anywhere,” he said.")  # fmt: skip
    assert _who(text)[2] == ["Tom Brandt"]  # not Anna Keller, who spoke last
    # a sentence naming no new person leaves "he" with who spoke last
    kept = ("Trade Minister Anna Keller said Riverton will keep its duties on fish. "
            "The talks resume on Monday. “Our boats are staying,” he said.")  # fmt: skip
    assert _who(kept)[2] == ["Anna Keller"]


def test_a_group_named_in_lower_case_after_a_place_is_an_actor_that_speaks() -> None:
    text = ("Riverton tomato growers, who had pressed for the duties, criticised the truce. "
            "The Acme solar industry association said it rejects the tariffs. "
            "Many farmers said the duties hurt.")  # fmt: skip
    sentences = segment(text)
    cast = cast_of(sentences, TRADE)
    assert {"Riverton tomato growers", "Acme solar industry association"} <= set(cast.members)
    assert "Many farmers" not in cast.members  # a quantified subject names no body
    assert _who(text)[:2] == [["Riverton tomato growers"], ["Acme solar industry association"]]


def test_a_title_in_lower_case_and_a_names_particles_make_a_person_who_speaks() -> None:
    text = ("Riverton's Harbour Office spokeswoman Anna Keller called the toll a provocation. "
            "President Ana da Costa has called the bridge a success.")  # fmt: skip
    sentences = segment(text)
    cast = cast_of(sentences, TRADE)
    assert cast.members["Anna Keller"].role == "spokeswoman"
    assert "Ana da Costa" in cast.members  # not "Ana" and a stray "Costa"
    assert _who(text) == [["Anna Keller"], ["Ana da Costa"]]


def test_a_name_followed_by_its_verb_is_the_reported_clauses_subject_not_a_speaker() -> None:
    # "and said Norway was ...": the sentence's own subject speaks, Norway is no speaker
    assert _who("Trade Minister Anna Keller, for her part, offered talks in Oslo and said "
                "Norway was prepared to help monitor the truce.") == [["Anna Keller"]]  # fmt: skip
    # (Norway is his office's: "Norwegian Trade Minister" speaks for it, not "said Oslo")
    assert _who("Norwegian Trade Minister Tom Brandt called the quotas a trick and said Oslo "
                "would not accept them.") == [["Tom Brandt", "Norway"]]  # fmt: skip
    # but the clause's subject right after her verb is Norway's side as she reports it (y30)
    assert _who("Trade Minister Anna Keller, for her part, has said Norway will lift "
                "its quotas.") == [["Anna Keller", "Norway"]]  # fmt: skip
    # an analyst's "said Norway will" is a forecast, not Norway's side
    assert _who("Tom Brandt, an analyst, has said Norway will lift its quotas.") == [["Tom Brandt"]]
    # with no name before the verb, the clause's subject is still whose view it is
    assert _who("A ministry spokesperson said Norway is willing to resume talks.") == [["Norway"]]
    # a name after the verb that ends the clause still speaks
    assert _who("The quotas stay, said Trade Minister Anna Keller, who leads the talks.") == [
        ["Anna Keller"]
    ]


def test_two_joined_subjects_both_speak_unless_they_are_places() -> None:
    assert _who("Norway and the Chamber of Commerce have welcomed the truce.") == [
        ["Norway", "Chamber of Commerce"]
    ]
    assert _who("Norway and Sweden have welcomed the truce.") == [["Norway", "Sweden"]]
    assert _who("Chipmakers in Norway and Sweden welcomed the pause.") == [[]]


def test_he_after_a_person_who_is_only_the_subject_is_that_person() -> None:
    text = ("Trade Minister Anna Keller said Riverton will keep its duties on fish. "
            "Norwegian Fisheries Minister Tom Brandt struck a more cautious tone. "
            "Oslo would cut its quotas, he told reporters, but not its tariffs. "
            "Asked whether the talks would resume, he replied that they would.")  # fmt: skip
    assert _who(text)[2:] == [["Tom Brandt"], ["Tom Brandt"]]


def test_a_role_with_a_name_in_it_means_the_person_whose_role_holds_that_name() -> None:
    text = ("Norwegian President Tom Brandt met Anna Keller in Oslo. "
            "Keller travelled on to Riverton for more talks. "
            "The talks were not disclosed, but the Norwegian leader said he was willing "
            "to cut the quotas.")  # fmt: skip
    assert _who(text)[2] == ["Tom Brandt"]  # not Keller, named last


def test_a_transcript_label_names_the_speaker_of_its_paragraph() -> None:
    text = ("Remarks by Trade Minister Anna Keller and Norwegian Fisheries Minister Tom Brandt "
            "in Oslo on Monday.\n\n"
            "QUESTION: Will Riverton cut its duties on fish?\n\n"
            "KELLER: We are ready to cut them. Riverton will not cut its quotas.\n\n"
            "Q: Minister, does Norway agree?\n\n"
            "Brandt: Norway wants the truce extended.\n\n"
            "Update: Norway has welcomed the truce.\n\n"
            "NORWAY: Oslo will cut its quotas, Tom Brandt said.")  # fmt: skip
    assert _who(text)[1:] == [
        [],  # the asking side states no one's stance, though Riverton is its subject
        ["Anna Keller"], ["Anna Keller"],  # the whole paragraph, not Riverton
        [],
        ["Tom Brandt"],  # a label in any case
        ["Norway"],  # a capitalised word before a colon that names no one is no label
        ["Tom Brandt"],  # nor is a state: a round-up's heading, not a transcript's speaker
    ]  # fmt: skip


def test_a_pull_quotes_credit_line_names_the_speaker_of_the_quote_above_it() -> None:
    text = ("The week in quotes\n\n"
            '"We will cut the duties on fish. Riverton wants a truce."\n'
            "— Anna Keller, Riverton's Trade Minister, on Monday\n\n"
            '"Norway will not exempt anyone."\n'
            "— Tom Brandt, Norwegian fisheries minister\n\n"
            "Talks resume next week, officials said.\n"
            "— Acme Dockers")  # fmt: skip
    assert _who(text)[1:] == [
        ["Anna Keller"],  # the quotation above the credit line
        [],  # the credit line itself states nothing
        ["Tom Brandt"],
        [],
        [],  # a paragraph that is no quotation is not credited
        [],
    ]  # fmt: skip
