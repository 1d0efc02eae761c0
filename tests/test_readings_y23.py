"""Two readings the rows of every read set showed dropping what the article says: an act
a speaker urges ("called on the EU to protect its market") was dropped as taking no side,
since no stance verb falls on it; and a condition opened inside a quotation after a comma
(', "provided it does not mean ...') was no condition, so a `conditional` was dropped."""

from __future__ import annotations

from pathlib import Path

from summarizer.conditions import conditions
from summarizer.profile import load_profile

from .conftest import staged

TRADE = load_profile("trade")


def test_urging_an_act_takes_a_side_on_it(tmp_path: Path) -> None:
    said = "Acme Steel called on the council to protect its market with its own quotas."
    stage, _ = staged(tmp_path, f"Quotas\n\n{said}\n", {"stance": "supports"}, TRADE)
    assert [(p.topic, p.polarity) for p in stage.positions] == [
        ("protecting its market with its own quotas", "supports")
    ]
    # an act the speaker only reports another will do still takes no side of theirs
    told = "Acme Steel said the council would look at the market next year."
    stage, _ = staged(tmp_path, f"Quotas\n\n{told}\n", {"stance": "supports"}, TRADE)
    assert not stage.positions


def test_a_condition_word_after_a_comma_and_a_quotation_mark_sets_one() -> None:
    lang = TRADE.lang
    said = 'Keller would consider a quota, "provided it does not cost jobs," she said.'
    assert [c.group() for c in conditions(said, lang)] == ["provided"]
    # not after a comma, "provided" is a verb
    assert conditions("Riverton provided the quota data in May.", lang) == []


def test_not_the_answer_is_a_verdict_against() -> None:
    from summarizer.checks import stance_topics
    from summarizer.judged import judged_against

    said = "I agree that retaliation is not the answer at this stage."
    [topic] = stance_topics(said, TRADE)
    assert judged_against(said, TRADE.topic_cues(topic), TRADE) == "not the answer"


def test_a_relative_clause_of_the_speakers_past_neither_negates_nor_conditions() -> None:
    from summarizer.checks import check_stance, stance_topics

    said = ("Anna Keller, who once opposed broad tariffs on allies, now says targeted duties "
            "on Acme steel are necessary.")  # fmt: skip
    [topic] = stance_topics(said, TRADE)
    checked = check_stance("supports", said, TRADE.topic_cues(topic), TRADE)
    assert checked.polarity == "supports"
    # a negation in the clause that names the topic still counts
    own = "Anna Keller, who chairs the board, says duties on Acme steel are not necessary."
    [topic] = stance_topics(own, TRADE)
    assert check_stance("supports", own, TRADE.topic_cues(topic), TRADE).polarity is None


def test_the_plan_is_the_plan_named_before_or_nothing() -> None:
    from summarizer.anaphors import asked_before
    from summarizer.judged import judged_topics
    from summarizer.objects import open_topics

    before = "The council unveiled its steel safeguard plan on Monday. "
    said = "Anna Keller said Riverton will support the plan."
    topics = asked_before(open_topics(said, TRADE, before=before), before, TRADE)
    assert [t.name for t in topics] == ["steel safeguard plan"]  # not "... plan on Monday"
    # never named with more words, "the plan" says nothing; its own sentence may name it
    assert asked_before(open_topics(said, TRADE, before="No plan. "), "No plan. ", TRADE) == []
    own = "Anna Keller backs a plan that cuts quotas."
    assert [t.worded for t in asked_before(open_topics(own, TRADE), "", TRADE)] == [
        "plan that cuts quotas"
    ]
    assert judged_topics("Acme called the plan a provocation.", TRADE, before="No plan. ") == []


def test_a_stance_stated_before_another_speakers_own_report_is_not_theirs(
    tmp_path: Path,
) -> None:
    said = ("Riverton supports the tariffs, but Acme trade chief Anna Keller said she would "
            "accept a price deal if it covered every brand.")  # fmt: skip
    stage, _ = staged(tmp_path, f"Tariffs\n\n{said}\n", {"stance": "conditional"}, TRADE)
    mine = [p.topic for p in stage.positions if p.actor == "Anna Keller"]
    assert mine and not any("tariff" in t for t in mine)
    # a credit after the second part covers both: her stance on the deal stays hers
    credited = "Riverton backs the tariffs, and will keep them, Anna Keller said on Monday."
    stage, _ = staged(tmp_path, f"Tariffs\n\n{credited}\n", {"stance": "supports"}, TRADE)
    assert any(p.actor == "Anna Keller" for p in stage.positions)
