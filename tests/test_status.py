"""A guarantee's status read from its own sentences: negations, negated verb groups, conditions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summarizer import load_articles
from summarizer.assemble import plan
from summarizer.label import Label
from summarizer.llm import Completion
from summarizer.plans import drive
from summarizer.profile import load_profile
from summarizer.records import Usage
from summarizer.segment import segment
from summarizer.status import article_statuses, check_status, negated_status, stated_status

SECURITY = load_profile("security")
TRADE = load_profile("trade")


def _article(folder: Path, text: str) -> object:
    (folder / "a.txt").write_text(text, encoding="utf-8")
    return load_articles([folder / "a.txt"])[0]


def _answer(value: str) -> Completion:
    """A model's one-word answer, as the plan receives it."""
    return Completion(Label(value), Usage(requests=1), 1, 0.0)


def _kind(profile: object, name: str) -> object:
    found = next(g for g in profile.guarantees if g.kind == name)  # type: ignore[attr-defined]
    return profile.guarantee_cues(found)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The premier says membership of a military alliance is not on the agenda for now.",
         ("ruled_out", "not")),
        ("Riverton has no plans to apply for NATO membership, its president said.",
         ("ruled_out", "no")),
        ("The president said Riverton will never join NATO and will stay neutral.",
         ("ruled_out", "never")),
        ("Membership isn't on the agenda, he said.", ("ruled_out", "isn't")),
        # a verb of opposition: the guarantee is rejected, not ruled out by its owner
        ("Acme rejects any Western guarantees for Riverton, its spokesman said.",
         ("rejected", "rejects")),
        # no ruling-out: undoing something else, a negated "rule out", saying, a condition
        ("Anna Keller said Riverton would not give up its bid for NATO membership.", None),
        ("Acme would not rule out sending troops if the strait is blockaded.", None),
        ("Officials did not say whether membership was discussed.", None),
        ("Riverton will not seek membership unless the border dispute is settled.", None),
        ("Anna Keller wants NATO membership for Riverton.", None),
    ],
)  # fmt: skip
def test_a_negation_of_the_guarantee_in_its_own_clause_rules_it_out(
    text: str, expected: tuple[str, str] | None
) -> None:
    membership = "security guarantees" if "guarantees" in text else "NATO membership"
    if "troops" in text:
        membership = "troops after a ceasefire"
    assert negated_status(text, _kind(SECURITY, membership), SECURITY) == expected


def test_a_negation_of_the_guarantees_own_word_rules_it_out() -> None:
    # A truce is a suspension: "will not suspend" negates the guarantee itself, though
    # "suspend" is a verb that undoes, which elsewhere cancels a negation.
    text = "The commissioner said the bloc remains open to talks but will not suspend the quotas."
    assert negated_status(text, _kind(TRADE, "trade truce"), TRADE) == ("ruled_out", "not")


def test_a_negation_past_another_predicates_mark_does_not_fall_on_the_guarantee() -> None:
    guarantees = _kind(SECURITY, "security guarantees")
    demand = ("If membership stays off the table, he argued, Acme must provide guarantees "
              "\u201cstrong enough to make Riverton never try again.\u201d")  # fmt: skip
    assert negated_status(demand, guarantees, SECURITY) is None
    membership = _kind(SECURITY, "NATO membership")
    agenda = "NATO membership is not on the agenda, Anna Keller said."
    assert negated_status(agenda, membership, SECURITY) == ("ruled_out", "not")


def test_a_negated_verb_group_outweighs_a_time_that_is_no_condition() -> None:
    troops = _kind(SECURITY, "troops after a ceasefire")
    timed = "Riverton will not send troops to the region after a ceasefire, Anna Keller said."
    assert stated_status(timed, troops, SECURITY) == ("rejected", "will not send")
    unless = "Riverton would not send troops unless a ceasefire holds."
    assert stated_status(unless, troops, SECURITY) == ("conditional", "unless")
    granted = "Riverton would send troops only after a ceasefire."
    assert stated_status(granted, troops, SECURITY) == ("conditional", "only after")


def _stage(tmp_path: Path, text: str, label: str | Callable[[Any], str] = "none") -> Any:
    """The brief stage over `text`, the fake model answering `label` (or `label(question)`)."""
    article = _article(tmp_path, text)

    def ask(question: Any) -> Completion:
        return _answer(label(question) if callable(label) else label)

    return drive(plan(article, SECURITY), ask)


def test_a_models_proposed_on_a_negated_clause_becomes_ruled_out(tmp_path: Path) -> None:
    text = ("Riverton stays neutral\n\n"
            "RIVERTON (Wire) — Riverton has no plans to apply for NATO membership, President "
            "Anna Keller said on Thursday.\n\n"
            "Opposition leader Tom Acme said the country should apply for membership.\n")  # fmt: skip
    stage = _stage(tmp_path, text, lambda q: "proposed" if q.kind == "status" else "none")
    # Each holder's status apart: the president's negated clause is ruled out, and the
    # opposition leader's "should apply" stays his proposal, citing his sentence only
    ruled, proposed = [g for g in stage.guarantees if g.kind == "NATO membership"]
    assert ruled.status == "ruled_out"
    assert [e.quote[:40] for e in ruled.evidence] == ["RIVERTON (Wire) — Riverton has no plans "]
    assert proposed.status == "proposed"
    assert [e.quote[:26] for e in proposed.evidence] == ["Opposition leader Tom Acme"]
    assert any("labelled proposed" in w and "negates ('no')" in w for w in stage.warnings)


def test_a_guarantee_named_inside_a_condition_is_the_condition_not_conditioned() -> None:
    exemption = _kind(TRADE, "tariff exemption")
    asked = "Riverton would retaliate against Acme's exports unless Acme grants an exemption."
    assert stated_status(asked, exemption, TRADE) is None  # the exemption is what is asked
    fronted = "Only if talks resume would Riverton grant an exemption to Acme."
    assert stated_status(fronted, exemption, TRADE) == ("conditional", "Only if")
    after = "Riverton would grant an exemption to Acme only if talks resume."
    assert stated_status(after, exemption, TRADE) == ("conditional", "only if")


def test_a_profile_condition_of_a_guarantee_makes_a_stance_conditional() -> None:
    from summarizer.checks import check_stance

    cues = SECURITY.topic_cues(next(t for t in SECURITY.topics if t.name == "security guarantees"))
    text = (
        "Anna Keller said any security guarantees should be discussed after a peace deal is signed."
    )
    checked = check_stance("supports", text, cues, SECURITY)
    assert checked.polarity == "conditional" and "after a peace" in checked.note
    plain = "Anna Keller said Riverton backs security guarantees for the region."
    assert check_stance("supports", plain, cues, SECURITY).polarity == "supports"


def test_a_time_phrase_inside_a_status_cue_is_read_past() -> None:
    truce = _kind(TRADE, "trade truce")
    text = "Riverton and Acme agreed on Monday to extend their truce for six more months."
    assert stated_status(text, truce, TRADE) == ("endorsed", "agreed on Monday to extend")
    assert stated_status("They agreed to extend the truce.", truce, TRADE) == (
        "endorsed", "agreed to extend")  # fmt: skip


def test_two_holders_stating_two_statuses_each_keep_theirs(tmp_path: Path) -> None:
    text = ("Riverton rules out troops\n\n"
            "RIVERTON (Wire) — Riverton will not send troops after a ceasefire, President "
            "Anna Keller said on Friday.\n\n"
            "Acme President Tom Brandt has said Acme is ready to deploy troops only after a "
            "ceasefire is signed.\n")  # fmt: skip
    stage = _stage(tmp_path, text)
    troops = sorted((g for g in stage.guarantees if g.kind == "troops after a ceasefire"),  # type: ignore[attr-defined]
                    key=lambda g: g.evidence[0].start)  # fmt: skip
    assert [g.status for g in troops] == ["rejected", "conditional"]
    # each holder's status cites that holder's sentence only
    assert [len(g.evidence) for g in troops] == [1, 1]
    assert troops[0].evidence[0].quote.startswith("RIVERTON (Wire) — Riverton will not send")
    assert troops[1].evidence[0].quote.startswith("Acme President Tom Brandt")


def test_one_holder_stating_two_statuses_is_under_discussion(tmp_path: Path) -> None:
    text = ("Riverton weighs troops\n\n"
            "RIVERTON (Wire) — Riverton will not send troops after a ceasefire, President "
            "Anna Keller said on Friday.\n\n"
            "Keller later said Riverton could send troops only after a ceasefire is signed.\n")  # fmt: skip
    stage = _stage(tmp_path, text)
    (troops,) = [g for g in stage.guarantees if g.kind == "troops after a ceasefire"]  # type: ignore[attr-defined]
    assert troops.status == "under_discussion" and len(troops.evidence) == 2
    assert any("states it both ways" in w for w in stage.warnings)  # type: ignore[attr-defined]


def test_the_status_most_sentences_state_wins_and_a_tie_is_under_discussion() -> None:
    kind = _kind(SECURITY, "NATO membership")
    said = segment("Keller said the path to NATO membership is irreversible. "
                   "She said there is no consensus on membership. "
                   "Others said membership was ruled out. Membership was ruled out, she added.")  # fmt: skip
    (status,) = article_statuses(list(said), kind, SECURITY)  # type: ignore[arg-type]
    assert status[1] == "ruled_out"  # two of four sentences say so
    (tied,) = article_statuses(list(said[:2]), kind, SECURITY)  # type: ignore[arg-type]
    assert tied[1] == "under_discussion" and "both ways" in tied[2]
    assert article_statuses(list(segment("Membership was discussed.")), kind, SECURITY) == []  # type: ignore[arg-type]


def test_a_models_status_is_checked_against_its_sentence() -> None:
    truce = _kind(TRADE, "trade truce")
    backed = "The Acme federation said it backed a temporary truce if it led to a lasting deal."
    status, how = check_status("endorsed", backed, truce, TRADE)
    assert (status, how) == (
        "conditional",
        "labelled endorsed, the clause sets a condition on it ('if')",
    )
    plain = "The Acme federation said it backed a temporary truce."
    assert check_status("endorsed", plain, truce, TRADE) == ("endorsed", "model label")
    aside = "A truce, if one comes, would probably begin with a pause on new listings."
    assert check_status("proposed", aside, truce, TRADE)[0] == "proposed"  # the "if" is an aside
    exemption = _kind(TRADE, "tariff exemption")
    asked = "Riverton would retaliate against Acme's exports unless Acme grants an exemption."
    assert check_status("proposed", asked, exemption, TRADE)[0] == "proposed"  # what is asked
    guarantees = _kind(SECURITY, "security guarantees")
    other = ("Riverton will not send troops after a ceasefire, Anna Keller said, but she backed "
             "security guarantees modelled on a collective defence clause.")  # fmt: skip
    assert check_status("endorsed", other, guarantees, SECURITY)[0] == "endorsed"  # not its clause
    membership = _kind(SECURITY, "NATO membership")
    asked = "QUESTION: And Riverton's NATO membership?"
    assert check_status("proposed", asked, membership, SECURITY) == (
        None, "labelled proposed, but the sentence asks a question"
    )  # fmt: skip
    troops = _kind(SECURITY, "troops after a ceasefire")
    absent = ("Anna Keller said Riverton would not deploy soldiers, and she proposed instead a "
              "guarantee modelled on a defence pact without any foreign troops on the ground.")  # fmt: skip
    assert check_status("proposed", absent, troops, SECURITY) == (
        None, "labelled proposed, but the sentence names it as absent"
    )  # fmt: skip
    quoted = "\u201cWho still talks of NATO membership for Riverton?\u201d"
    assert check_status("ruled_out", quoted, membership, SECURITY)[0] is None


def test_each_holder_of_a_guarantee_is_asked_apart(tmp_path: Path) -> None:
    text = ("Council meets on the mission\n\n"
            "The representative of Riverton, Anna Keller, said her country would accept troops "
            "from abroad.\n\n"
            "Speaking for Acme, Tom Brandt backed a force of troops to monitor a ceasefire.\n")  # fmt: skip
    answers = {"Anna Keller": "endorsed", "Tom Brandt": "proposed"}

    def label(question: Any) -> str:
        if question.kind != "status":
            return "none"
        return answers[next(n for n in answers if n in question.messages[-1]["content"])]

    stage = _stage(tmp_path, text, label)
    troops = [g for g in stage.guarantees if g.kind == "troops after a ceasefire"]
    assert [(g.status, g.evidence[0].quote[:30]) for g in troops] == [
        ("endorsed", "The representative of Riverton"),
        ("proposed", "Speaking for Acme, Tom Brandt "),
    ]
