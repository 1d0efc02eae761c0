"""Recorded cassettes hold no secrets, and cover what the suite claims they cover."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, SECRET_HEADERS

CASSETTES = sorted((ROOT / "cassettes").rglob("*.yaml"))
SECRET = re.compile(r"bearer\s+\S{6,}|sk-[a-z0-9_-]{12,}|api[-_]?key\W{0,3}[a-z0-9_-]{12,}", re.I)


def test_there_are_cassettes_for_every_seed_and_the_injection() -> None:
    # The embedded model answered every label question with a label when these were
    # recorded, so no recording holds a re-ask: test_llm drives one over real HTTP.
    names = {path.stem for path in CASSETTES}
    assert sum(name.startswith("test_recorded_brief_of_each_seed") for name in names) == 5
    assert "test_recorded_injected_instructions_stay_article_content" in names


@pytest.mark.parametrize("path", CASSETTES, ids=lambda p: p.stem)
def test_cassette_holds_no_secret(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not SECRET.search(text), f"{path} contains something that looks like a key"
    for interaction in yaml.safe_load(text)["interactions"]:
        for side in ("request", "response"):
            headers = {name.lower() for name in interaction[side].get("headers", {})}
            assert not headers & set(SECRET_HEADERS), (
                f"{path}: {side} keeps {headers & set(SECRET_HEADERS)}"
            )
