"""A position's topic never shows a quotation mark left unpaired: the wording of eight
positions across the sets stopped inside a quotation ('providing "a backstop', 'what he
called "half-measures') or started inside one ('trading away" its auto workers')."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.profile import load_profile
from summarizer.tracked_words import balanced

from .conftest import staged


@pytest.mark.parametrize(
    ("wording", "reads"),
    [
        ('providing "a backstop', "providing a backstop"),
        ('trading away" its workers for a deal', "trading away its workers for a deal"),
        ('putting " boots on the ground', "putting boots on the ground"),
        ("what she called “half-measures", "what she called half-measures"),
        ('the "x" and "y', 'the "x" and y'),
        ('x" a "b" c', 'x a "b" c'),
    ],
)
def test_an_unpaired_quotation_mark_is_dropped(wording: str, reads: str) -> None:
    assert balanced(wording) == reads


@pytest.mark.parametrize(
    "wording",
    ['a "zero-for-zero" deal', "the “best offer” on the table", "Keller’s plan", "tariffs"],
)
def test_paired_marks_and_apostrophes_are_kept(wording: str) -> None:
    assert balanced(wording) == wording


def test_a_stated_topic_has_its_marks_paired(tmp_path: Path) -> None:
    said = 'Anna Keller said Riverton would provide "a backstop to any force" next year.'
    stage, _ = staged(tmp_path, f"Backstop\n\n{said}\n", {"stance": "supports"},
                      load_profile("trade"))  # fmt: skip
    for position in stage.positions:
        assert position.topic.count('"') % 2 == 0, position.topic
