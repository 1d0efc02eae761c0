"""The Streamlit dashboard (the `dashboard` extra) in headless Chromium: `pytest -m browser`."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import Summarizer
from summarizer.merge import merge
from summarizer.records import ArticleBrief

from .conftest import ROOT

pytestmark = pytest.mark.browser

APP = ROOT / "examples" / "streamlit_app.py"
PINNED = ROOT / "eval" / "briefs-1.5b"

# The positions table, and the first chart drawn (Vega draws to a canvas or an SVG).
POSITIONS_TABLE = """(() => {
  const table = [...document.querySelectorAll('[data-testid="stTable"] table')]
    .find(t => t.innerText.includes('polarity') && t.innerText.includes('quote'));
  return table ? table.innerText : null;
})()"""
CHART = """(() => {
  const drawn = document.querySelector(
    '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg.marks');
  if (!drawn) return null;
  const box = drawn.getBoundingClientRect();
  return box.width > 100 && box.height > 50 ? {tag: drawn.tagName, width: box.width} : null;
})()"""
ERROR = """document.querySelector('[data-testid="stException"]')?.innerText || null"""


def store_seed_digests(home: Path) -> list[ArticleBrief]:
    """Two stored digests from the pinned seed briefs, as a nightly run would leave them."""
    briefs = [
        ArticleBrief.model_validate_json(p.read_text()) for p in sorted(PINNED.glob("*.json"))
    ]
    with Summarizer(home=home) as api:
        api.store.put_digest(merge(briefs[:3]), "2026-11-20")
        api.store.put_digest(merge(briefs), "2026-11-21")
    return briefs


def test_dashboard_shows_positions_and_a_chart(tmp_path: Path) -> None:
    from .browser import open_page, streamlit_app

    store_seed_digests(tmp_path / "home")
    with (
        streamlit_app(APP, tmp_path / "home") as url,
        open_page(url, tmp_path / "chromium") as page,
    ):
        table = page.wait_for(POSITIONS_TABLE)
        assert not page.wait_for(ERROR, seconds=1)
        assert table, "the positions table did not render"
        assert "Mark Rutte" in table and "supports" in table
        # The latest digest (2026-11-21) is the one shown: all five seed articles.
        assert "004_04101d521d949147" in table
        chart = page.wait_for(CHART)
        assert chart, "no chart was drawn"
        title = page.wait_for("document.querySelector('h1')?.innerText")
        assert "Digest 2026-11-21" in title
