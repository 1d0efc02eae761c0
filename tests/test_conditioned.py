"""A speaker who names the price of something is not plainly for it: "neutrality is a
crucial condition for any peace accord" is conditional support for a peace accord (the
seeds' Moscow, once stated as a plain backer of the peace plan)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.checks import Checked
from summarizer.intents import unless_conditioned
from summarizer.profile import load_profile

from .conftest import staged

TRADE = load_profile("trade")
TARIFFS = TRADE.topic_cues(next(t for t in TRADE.topics if t.name == "tariffs"))


@pytest.mark.parametrize(
    "text",
    [
        "Keller said a quota is a crucial condition for any tariffs.",
        "Riverton set out its conditions for new tariffs.",
        "A deal on salmon is a prerequisite for tariffs to fall, Keller said.",
    ],
)
def test_a_supports_on_what_a_condition_is_set_for_is_conditional(text: str) -> None:
    checked = unless_conditioned(Checked("supports"), text, TARIFFS, TRADE.lang)
    assert checked.polarity == "conditional"
    assert "sets a condition for it" in checked.note


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Keller backs tariffs on salmon.", "supports"),  # no condition named
        ("A condition for talks is that Norway drops its tariffs.", "supports"),  # too far
        ("Keller said a quota is a crucial condition for any tariffs.", "opposes"),
        ("Keller said a quota is a crucial condition for any tariffs.", "neutral"),
    ],
)
def test_other_labels_and_far_topics_are_left_alone(text: str, label: str) -> None:
    checked = Checked(label)  # type: ignore[arg-type]
    assert unless_conditioned(checked, text, TARIFFS, TRADE.lang) == checked


def test_a_stated_stance_with_its_price_reads_conditional(tmp_path: Path) -> None:
    said = "Anna Keller said a salmon quota was a crucial condition for any new tariffs."
    stage, _ = staged(tmp_path, f"Quota\n\n{said}\n", {"stance": "supports"}, TRADE)
    [position] = [p for p in stage.positions if p.evidence[0].quote == said]
    assert position.polarity == "conditional"
    assert any("sets a condition for it" in w for w in stage.warnings)
