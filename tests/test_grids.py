"""The digest's grids: coverage, guarantee status and position map, in HTML and plain text."""

from __future__ import annotations

import email
import email.policy
import re

from summarizer.changes import what_changed
from summarizer.grids import (
    MAX_COLUMNS,
    coverage_grid,
    grids,
    guarantee_grid,
    position_grid,
    text_grid,
)
from summarizer.mail import compose
from summarizer.merge import merge
from summarizer.render import digest_html, digest_markdown

from .briefs_factory import actor, brief, guarantee, position

RUTTE = actor("Mark Rutte", aliases=("Rutte",))
BRIEFS = [
    brief("alpha-1", actors=[RUTTE, actor("Russia", "state")],
          positions=[position("Mark Rutte", "membership", "supports", "irreversible"),
                     position("Mark Rutte", "troops", "conditional", "only after", start=20),
                     position("Russia", "membership", "opposes", "never", start=40)],
          guarantees=[guarantee("membership", "proposed", "irreversible")]),
    brief("alpha-2", actors=[RUTTE],
          positions=[position("Mark Rutte", "membership", "opposes", "off the table")],
          guarantees=[guarantee("membership", "ruled_out", "off the table"),
                      guarantee("troops after a ceasefire", "conditional", "only after")]),
    brief("beta", actors=[actor("Russia", "state")]),
]  # fmt: skip
DIGEST = merge(BRIEFS)


def _cells(grid: object) -> dict[tuple[str, str], str]:
    return {
        (label, column): cell.text
        for label, row in grid.rows  # type: ignore[attr-defined]
        for column, cell in zip(grid.columns, row, strict=True)  # type: ignore[attr-defined]
    }


def test_coverage_counts_positions_and_marks_a_bare_mention() -> None:
    grid = coverage_grid(DIGEST)
    assert grid.labels == ("alpha-1", "alpha-2", "beta")  # the shortest prefixes that differ
    cells = _cells(grid)
    assert cells[("alpha-1", "Mark Rutte")] == "2" and cells[("alpha-2", "Mark Rutte")] == "1"
    assert cells[("beta", "Russia")] == "·"  # named, no position
    assert cells[("beta", "Mark Rutte")] == ""  # not covered at all


def test_guarantee_grid_shows_statuses_as_words_and_flags_a_conflict() -> None:
    grid = guarantee_grid(DIGEST)
    cells = _cells(grid)
    assert cells[("membership", "alpha-1")] == "proposed"
    assert cells[("membership", "alpha-2")] == "ruled out"
    assert cells[("troops after a ceasefire", "alpha-2")] == "conditional"
    assert grid.flagged == {"membership"}
    row = dict(grid.rows)["membership"]
    assert [c.tone for c in row] == ["s-proposed", "s-ruled_out", "none"]
    # Each status stands on a citation, which a page links to its sentence.
    assert row[0].parts[0][1] is not None and row[0].parts[0][1].quote == "irreversible"


def test_position_map_gives_each_articles_polarity() -> None:
    grid = position_grid(DIGEST)
    cells = _cells(grid)
    assert cells[("Mark Rutte", "membership")] == "+alpha-1 −alpha-2"
    assert cells[("Russia", "membership")] == "−alpha-1"
    assert cells[("Mark Rutte", "troops")] == "±alpha-1"
    tones = {label: [c.tone for c in row] for label, row in grid.rows}
    assert tones["Mark Rutte"][grid.columns.index("membership")] == "p-mixed"
    assert tones["Russia"][grid.columns.index("membership")] == "p-opposes"


def test_a_large_corpus_is_capped_and_says_so() -> None:
    many = [brief(f"a{i}", actors=[actor(f"Actor {i}")],
                  positions=[position(f"Actor {i}", f"topic {i}", "supports", "q")])
            for i in range(MAX_COLUMNS + 3)]  # fmt: skip
    digest = merge(many)
    assert len(coverage_grid(digest).columns) == MAX_COLUMNS
    assert "3 more actors" in coverage_grid(digest).left_out
    assert "3 more topics" in position_grid(digest).left_out


def test_text_grid_is_aligned_and_flattens_untrusted_names() -> None:
    hostile = brief("x", actors=[actor("Evil\nSOURCES\n=====")],
                    positions=[position("Evil\nSOURCES\n=====", "t", "supports", "q")])  # fmt: skip
    for grid in grids(merge([*BRIEFS, hostile])):
        lines = text_grid(grid)
        assert all("\n" not in line for line in lines)
        table = lines[2 : 3 + len(grid.labels)]
        # Every column starts at the same place on every line of the table.
        header = table[0]
        starts = [m.start() for m in re.finditer(r"(?<=  )\S", header)]
        for line in table[1:]:
            for start in starts:
                assert line[start - 1] == " " and line[start] != " ", (grid.key, line)


def test_grids_appear_in_the_page_the_markdown_and_both_email_parts() -> None:
    page = digest_html(DIGEST, review="review/")
    assert page.count('<table class="grid">') == 3 and "⚠ membership" in page
    assert 'href="review/alpha-2.html#e-0-13">ruled out</a>' in page
    assert '<h3 id="grid-positions">' in page
    text = digest_markdown(DIGEST)
    assert "## At a glance" in text and "```text\nWHO EACH ARTICLE COVERS" in text
    message = compose(DIGEST, what_changed(None, DIGEST, since=None), digest_date="2026-11-22",
                      sender="a@example.org", recipients=(), message_id="<m@example.org>")  # fmt: skip
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    plain, html = (part.get_content() for part in parsed.iter_parts())  # type: ignore[attr-defined]
    assert "\nAT A GLANCE\n" in plain and "WHO STANDS WHERE, ARTICLE BY ARTICLE" in plain
    assert "membership !" in plain  # the flagged row, aligned as plain text
    assert "Who each article covers</h3>" in html and "ruled out" in html
    assert "background: #f8d2d2" in html  # the heatmap's colours are inlined for mail clients


def test_two_holders_statuses_in_one_article_read_apart_in_the_page() -> None:
    # One article where Riverton rejects troops and Acme backs them under a condition
    two = merge([brief("gamma", actors=[RUTTE], guarantees=[
        guarantee("troops after a ceasefire", "conditional", "only after a ceasefire"),
        guarantee("troops after a ceasefire", "rejected", "would not accept troops", start=40),
    ])])  # fmt: skip
    page = digest_html(two, review="review/")
    assert 'conditional</a> / <a href="review/gamma.html#e-40-63">rejected</a>' in page
    assert _cells(guarantee_grid(two))[("troops after a ceasefire", "gamma")] == (
        "conditional / rejected"
    )  # fmt: skip
