"""Readings the rows of heldout39 showed misreading: a name in a free relative taken for a
speaker ("Contrary to what Keller suggested, Riverton backs ..." gave Keller Riverton's
side), a possessor taken for the pronoun's person ("Brandt said he backed ... Keller's
plan, which he opposed"), a stance verb's object taken for its speaker ("backs the
EU-Mercosur deal" spoken by the EU), a quantity lead cut in two ("a tariff of up"), "the
deal" after "the trade agreement" left unnamed, and a title the language list lacked."""

from __future__ import annotations

from pathlib import Path

from summarizer.cast import cast_of
from summarizer.identity import name_key
from summarizer.objects import open_topics
from summarizer.profile import load_profile
from summarizer.segment import segment
from summarizer.speakers import speakers

from .conftest import staged

TRADE = load_profile("trade")


def _speakers(text: str) -> list[list[str]]:
    sentences = segment(f"Quotas\n\n{text}\n")
    found = speakers(sentences, cast_of(sentences, TRADE))
    return [[s.actor for s in row] for row, x in zip(found, sentences, strict=True)
            if not x.headline]  # fmt: skip


def test_a_free_relatives_subject_is_no_speaker(tmp_path: Path) -> None:
    said = ("Contrary to what Trade Minister Anna Keller suggested, the Acme Dockers' Union said "
            "it still backed steel quotas.")  # fmt: skip
    assert _speakers(said) == [["Acme Dockers' Union"]]
    stage, _ = staged(tmp_path, f"Quotas\n\n{said}\n", {"stance": "supports"}, TRADE)
    assert {p.actor for p in stage.positions} == {"Acme Dockers' Union"}
    # "What Riverton calls fairness, she said, ...": the one who calls it so is not speaking
    two = "Anna Keller spoke first. What Riverton calls fairness, she said, is a tax on mills."
    assert _speakers(two)[1] == ["Anna Keller"]


def test_a_possessor_is_not_who_a_pronoun_means() -> None:
    said = ("Trade Minister Anna Keller spoke first. Economy Minister Tom Brandt said he backed "
            "most of Keller's plan except a clause on quotas, which he opposed.")  # fmt: skip
    assert _speakers(said)[1] == ["Tom Brandt"]


def test_a_stance_verbs_object_is_not_its_speaker() -> None:
    said = ("After years of doubt the government supports the EU-Mercosur trade agreement, "
            "Trade Minister Anna Keller said on Monday.")  # fmt: skip
    assert _speakers(said) == [["Anna Keller"]]
    # a state that opens the clause past "now" is its subject and holds the side too
    said = "Chile now supports the EU-Mercosur trade agreement, Minister Anna Keller said."
    assert _speakers(said) == [["Chile", "Anna Keller"]]


def test_a_quantity_lead_stays_whole_in_an_object() -> None:
    said = "Chile would accept a tariff of up to 10 percent on its steel."
    assert [t.name for t in open_topics(said, TRADE)] == ["tariff of up to 10 percent"]


def test_a_definite_kin_noun_names_what_the_article_named_first() -> None:
    text = ("Peru cools on the harbour pact\n\nLIMA — Chile backs the Pacific harbour "
            "agreement, its minister said. ")  # fmt: skip
    for said in ("Peru still opposes the deal.", "Peru has opposed the agreement throughout."):
        topics = open_topics(said, TRADE, before=text)
        assert [t.name for t in topics] == ["Pacific harbour agreement"], said
    # an indefinite one points back to nothing
    assert [t.name for t in open_topics("Peru wants a deal.", TRADE, before=text)] == ["deal"]


def test_a_title_before_a_name_is_not_the_name() -> None:
    sentences = segment("Quotas\n\nTánaiste Anna Keller now says the quotas go a long way.\n")
    assert "Anna Keller" in cast_of(sentences, TRADE).members
    assert name_key("Czechia") == name_key("the Czech Republic")


def test_a_pledge_given_endorses_the_guarantee_it_names() -> None:
    from summarizer.status import check_status

    [kind] = [g for g in TRADE.guarantees if g.kind == "tariff exemption"]
    cues = TRADE.guarantee_cues(kind)
    said = "Chile has promised an exemption for copper, Keller said."
    assert check_status("proposed", said, cues, TRADE)[0] == "endorsed"
    # a pledge withheld, or one named after the exemption, gives nothing of the kind
    for other in ("Keller said Chile could not promise an exemption for copper.",
                  "Keller said no exemption had been promised to anyone."):  # fmt: skip
        assert check_status("proposed", other, cues, TRADE)[0] != "endorsed", other


def test_a_side_held_before_is_no_stance_now(tmp_path: Path) -> None:
    said = "Chile used to oppose steel quotas."
    stage, _ = staged(tmp_path, f"Quotas\n\n{said}\n", {"stance": "opposes"}, TRADE)
    assert stage.positions == []
    assert any("held before" in d.reason for d in stage.dropped)
    from summarizer.checks import Checked
    from summarizer.intents import unless_bygone

    now = "Chile, which used to oppose steel quotas, now supports the lumber levy."
    assert unless_bygone(Checked("supports", ""), now, TRADE.lang).polarity == "supports"


def test_topics_naming_different_numbers_are_different_topics() -> None:
    from summarizer.evaluate import topics_match

    assert not topics_match(
        "the current 50 percent steel tariff", "steel tariff of up to 10 percent"
    )
    assert topics_match("the 25 percent steel tariff", "a steel tariff of 25 percent")
    assert topics_match("the steel tariff", "steel tariff of up to 10 percent")


def test_a_pledge_modifying_a_noun_is_no_commitment_given() -> None:
    from summarizer.status import check_status

    [kind] = [g for g in TRADE.guarantees if g.kind == "tariff exemption"]
    cues = TRADE.guarantee_cues(kind)
    said = "Chile would block any statement promising an exemption for copper."
    assert check_status("proposed", said, cues, TRADE)[0] != "endorsed"
    given = "Keller spoke on Monday, promising an exemption for copper."
    assert check_status("proposed", given, cues, TRADE)[0] == "endorsed"
