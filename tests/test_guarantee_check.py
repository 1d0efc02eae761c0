"""The guarantee checklist: grounding its answers, reading stated statuses, merging (no model)."""

from __future__ import annotations

from typing import Any

import pytest

from summarizer import Settings, load_articles
from summarizer.briefs import Briefer
from summarizer.drafts import GuaranteeChecklist
from summarizer.errors import ModelOutputError
from summarizer.grounding import (
    GroundedText,
    cued_status,
    ground_checklist,
    with_checked,
)
from summarizer.schemas import Evidence, Guarantee

from .conftest import NOTHING_CHECKED, SEED_FILES, FakeModel, draft_for

ARTICLES = load_articles(SEED_FILES)

TEXT = (
    "NATO Chief Mark Rutte Confirms Ukraine's Membership Is No Longer on the Agenda.\n"
    "Rutte further ruled out any official NATO involvement in the peace process, making it "
    "clear that while NATO will continue to support Ukraine, it will not be part of the talks.\n"
    "European allies discussed sending troops to Ukraine only after a ceasefire.\n"
    "Any security guarantees would be discussed after a peace deal, he said."
)
SENTENCES = TEXT.split("\n")


def _check(**answers: dict[str, Any]) -> GuaranteeChecklist:
    return GuaranteeChecklist.model_validate({**NOTHING_CHECKED, **answers})


def _said(quote: str, status: str = "proposed", by: str = "") -> dict[str, Any]:
    return {"discussed": True, "quote": quote, "status": status, "proposed_by": by}


def _evidence(quote: str) -> tuple[Evidence, ...]:
    start = TEXT.index(quote)
    return (Evidence(quote=quote, start=start, end=start + len(quote), match="exact", score=100),)


def test_each_discussed_kind_becomes_a_guarantee_with_its_sentence() -> None:
    checklist = _check(
        nato_membership=_said(SENTENCES[0], by="Mark Rutte"),
        troops_after_ceasefire=_said(SENTENCES[2], "under_discussion"),
        continued_military_support=_said(SENTENCES[1]),
    )
    grounding = ground_checklist(checklist, GroundedText(TEXT))
    found = {g.kind: g for g in grounding.guarantees}
    assert set(found) == {"NATO membership", "troops after a ceasefire",
                          "continued military support"}  # fmt: skip
    assert found["NATO membership"].proposed_by == "Mark Rutte"
    for guarantee in found.values():
        (evidence,) = guarantee.evidence
        assert TEXT[evidence.start : evidence.end] == evidence.quote


def test_a_stated_status_overrules_the_model_label_and_says_why() -> None:
    checklist = _check(
        nato_membership=_said(SENTENCES[0], "proposed"),
        troops_after_ceasefire=_said(SENTENCES[2], "proposed"),
        continued_military_support=_said(SENTENCES[1], "proposed"),
    )
    grounding = ground_checklist(checklist, GroundedText(TEXT))
    status = {g.kind: g.status for g in grounding.guarantees}
    assert status == {
        "NATO membership": "ruled_out",  # "no longer on the agenda"
        "troops after a ceasefire": "conditional",  # "only after"
        # The sentence also says "ruled out", but of NATO involvement, in another clause.
        "continued military support": "endorsed",
    }
    assert any("no longer on the agenda" in note for note in grounding.notes)


def test_a_matching_label_is_kept_without_a_note() -> None:
    grounding = ground_checklist(
        _check(nato_membership=_said(SENTENCES[0], "ruled_out")), GroundedText(TEXT)
    )
    assert grounding.guarantees[0].status == "ruled_out" and grounding.notes == []


def test_no_cue_keeps_the_model_label() -> None:
    assert cued_status(_evidence("European allies discussed sending troops"), frozenset()) is None


@pytest.mark.parametrize(
    "quote",
    ["Continued weapons, aid or military support for Ukraine.",  # not in the article
     SENTENCES[3],  # in it, but about guarantees, not troops
     ""],
)  # fmt: skip
def test_a_quote_that_does_not_show_the_kind_is_replaced_by_the_sentence_naming_it(
    quote: str,
) -> None:
    grounding = ground_checklist(
        _check(troops_after_ceasefire=_said(quote, "proposed")), GroundedText(TEXT)
    )
    (troops,) = grounding.guarantees
    assert [e.quote for e in troops.evidence] == [SENTENCES[2]]
    assert troops.status == "conditional"  # read from that sentence: "only after"
    assert any("the model's quote does not name it" in note for note in grounding.notes)


def test_a_kind_no_sentence_names_is_dropped_with_the_reason() -> None:
    without_troops = "\n".join(s for s in SENTENCES if "troops" not in s)
    grounding = ground_checklist(
        _check(troops_after_ceasefire=_said(SENTENCES[3])), GroundedText(without_troops)
    )
    assert grounding.guarantees == []
    assert grounding.dropped[-1].label == "troops after a ceasefire"
    assert "no sentence of the article names it" in grounding.dropped[-1].reason


def test_the_sentence_chosen_states_a_status_when_one_does() -> None:
    text = GroundedText(
        "Allies talked about support for Kyiv. NATO will continue to support Ukraine."
    )
    found = text.sentence_naming(frozenset({"support"}))
    assert found is not None and found.quote == "NATO will continue to support Ukraine."
    assert text.sentence_naming(frozenset({"troop"})) is None


def test_sentences_do_not_end_at_abbreviations() -> None:
    text = GroundedText("A U.S. plan leaves membership open. Troops may follow.")
    found = text.sentence_naming(frozenset({"membership"}))
    assert found is not None and found.quote == "A U.S. plan leaves membership open."


def _guarantee(kind: str, quote: str) -> Guarantee:
    return Guarantee(kind=kind, description="d", status="proposed", evidence=_evidence(quote))


def test_a_checked_guarantee_joins_the_briefs_own_of_the_same_kind_only() -> None:
    listed = [
        _guarantee("Ukraine's NATO accession", SENTENCES[0]),
        _guarantee("air defence systems", SENTENCES[1]),
    ]
    checked = [_guarantee("NATO membership", SENTENCES[3])]
    merged = with_checked(listed, checked)
    assert [g.kind for g in merged] == ["NATO membership", "air defence systems"]
    # Joined: the evidence of both, and the status one of them states outright.
    assert [e.quote for e in merged[0].evidence] == [SENTENCES[0], SENTENCES[3]]
    assert merged[0].status == "ruled_out"


def test_the_brief_carries_the_checked_guarantees_and_pays_for_both_calls(
    fake_model: FakeModel,
) -> None:
    article = ARTICLES[2]  # "Membership Is No Longer on the Agenda"
    fake_model.enqueue(draft_for(article.text))
    headline = article.text.splitlines()[0]
    fake_model.checks.append({**NOTHING_CHECKED, "nato_membership": _said(headline)})
    with Briefer(Settings(), client=fake_model) as briefer:
        brief = briefer.brief(article)
    membership = [g for g in brief.guarantees if g.kind == "NATO membership"]
    assert len(membership) == 1 and membership[0].status == "ruled_out"
    assert brief.provenance.usage.requests == 2
    assert any("status ruled_out" in w for w in brief.provenance.warnings)


def test_a_failed_check_keeps_the_brief_and_says_so(fake_model: FakeModel) -> None:
    class Failing(FakeModel):
        def extract(self, response_model: Any, *args: Any, **kwargs: Any) -> Any:
            if response_model is GuaranteeChecklist:
                raise ModelOutputError("bad checklist", prompt_tokens=7, requests=1)
            return super().extract(response_model, *args, **kwargs)

    model = Failing()
    article = ARTICLES[0]
    model.enqueue(draft_for(article.text))
    with Briefer(Settings(), client=model) as briefer:
        brief = briefer.brief(article)
    assert brief.positions
    assert any("guarantee check failed" in w for w in brief.provenance.warnings)
    assert brief.provenance.usage.prompt_tokens == 10 + 7


def test_the_check_is_on_for_the_embedded_model_only_unless_asked() -> None:
    assert Settings().checks_guarantees
    assert not Settings(base_url="http://h/v1", model="m").checks_guarantees
    assert Settings(base_url="http://h/v1", model="m", guarantee_check=True).checks_guarantees
    assert not Settings(guarantee_check=False).checks_guarantees


def test_the_sentence_stating_the_status_joins_the_models_own() -> None:
    text = (
        "Kyiv's accession to NATO was discussed in Brussels on Tuesday.\n"
        "Rutte said Ukraine's path to membership is irreversible."
    )
    first = text.splitlines()[0]
    grounding = ground_checklist(_check(nato_membership=_said(first, "proposed")),
                                 GroundedText(text))  # fmt: skip
    (membership,) = grounding.guarantees
    assert [e.quote for e in membership.evidence] == text.splitlines()
    assert membership.status == "endorsed"  # "irreversible"


def test_a_supposition_states_no_status() -> None:
    quote = "If membership remains off the table for now, he argued, allies must act."
    start = 0
    evidence = (Evidence(quote=quote, start=start, end=len(quote), match="exact", score=100),)
    assert cued_status(evidence, frozenset({"membership"})) is None
