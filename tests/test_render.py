"""Rendering the digest: untrusted text stays inert in Markdown and HTML; files land whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.merge import merge
from summarizer.render import digest_html, digest_json, digest_markdown, md, write_atomic

from .briefs_factory import actor, brief, guarantee, position

HOSTILE = "</script><script>alert(1)</script> {{ 7*7 }} *bold* | pipe"
DIGEST_INPUTS = [
    brief("x<y", actors=[actor("Mark Rutte"), actor("Evil <b>Corp</b>", "organization")],
          positions=[position("Mark Rutte", "membership", "supports", HOSTILE)],
          guarantees=[guarantee("NATO membership", "ruled_out", HOSTILE)]),
    brief("z", actors=[actor("Rutte")],
          positions=[position("Rutte", "membership", "opposes", "off the table")],
          guarantees=[guarantee("NATO membership", "endorsed", "irreversible")]),
]  # fmt: skip
DIGEST = merge(DIGEST_INPUTS)


def test_html_escapes_every_article_and_model_string() -> None:
    page = digest_html(DIGEST)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Evil &lt;b&gt;Corp&lt;/b&gt;" in page and "x&lt;y" in page
    assert "{{ 7*7 }}" in page and "49" not in page
    for section in ("Disagreements", "Agreements", "Security guarantees", "Positions by actor",
                    "Uncertainties", "Coverage", "How actors were merged"):  # fmt: skip
        assert f"<h2>{section}</h2>" in page


def test_markdown_neutralizes_markup_and_keeps_sections() -> None:
    text = digest_markdown(DIGEST)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\*bold\\*" in text and "\\| pipe" in text
    assert "## Disagreements" in text and "(conflicting guarantee status)" in text
    assert "(same actor, opposite stances)" in text


def test_md_escape_is_one_line() -> None:
    assert md("a\n\nb  c") == "a b c"
    assert md(None) == ""


def test_renderings_are_deterministic() -> None:
    again = merge([DIGEST_INPUTS[1], DIGEST_INPUTS[0]])
    assert digest_json(again) == digest_json(DIGEST)
    assert digest_markdown(again) == digest_markdown(DIGEST)
    assert digest_html(again) == digest_html(DIGEST)


def test_write_atomic_replaces_whole_files_and_leaves_no_temporaries(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "digest.json"
    write_atomic(target, "first")
    write_atomic(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["digest.json"]


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "digest.md"
    write_atomic(target, "old")

    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["digest.md"]


def test_a_cited_sentence_with_its_own_quotation_marks_is_not_wrapped_again() -> None:
    from summarizer.render import quoted

    assert quoted("Allies met on Tuesday.") == "“Allies met on Tuesday.”"
    own = "He said the path was “irreversible.”"
    assert quoted(own) == own  # no doubled ”” at the end, and the receipt stays verbatim


def test_readers_see_words_and_counts_that_agree_with_their_nouns() -> None:
    import re

    page, text = digest_html(DIGEST), digest_markdown(DIGEST)
    # a status cell and its Markdown line show words (the factory's descriptions hold labels)
    assert "<td>ruled out</td>" in page and ">ruled_out<" not in page
    assert "**ruled out**" in text and "**ruled\\_out**" not in text
    assert "(paraphrase" in text or "(direct quote" in text or "(outlet framing" in text
    assert "direct\\_quote" not in text and "outlet\\_framing" not in text
    # "2 articles; ... 1 topic; 0 agreements and 1 disagreement": one noun form per count
    assert re.search(r"\b1 (topic|disagreement|guarantee)\b", DIGEST.summary)
    assert not re.search(r"\b1 \w+s\b", DIGEST.summary)
    assert not re.search(r"\b(0|[2-9]) (article|actor|topic|guarantee|uncertainty)\b",
                         DIGEST.summary)  # fmt: skip


def test_written_files_honour_the_umask(tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "digest.html", "<p>x</p>")
        assert (tmp_path / "digest.html").stat().st_mode & 0o777 == 0o644
        os.umask(0o077)
        write_atomic(tmp_path / "private.json", "{}")
        assert (tmp_path / "private.json").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_the_page_names_fonts_for_other_scripts() -> None:
    page = digest_html(DIGEST)
    assert "Noto Sans CJK SC" in page and "Noto Sans Devanagari" in page


def test_a_date_is_shown_as_stated_never_as_a_dash_or_with_a_guessed_year() -> None:
    from summarizer.render import shown_date

    assert shown_date(None) == "not stated"
    assert shown_date("December 2") == "December 2 (year not stated)"
    assert shown_date("December 2, 2025") == "December 2, 2025"
    assert shown_date("2025-12-02") == "2025-12-02"
    assert "<td>not stated</td>" in digest_html(DIGEST)


def test_a_guarantee_status_conflict_is_headed_by_states_not_stances() -> None:
    conflict = next(d for d in DIGEST.disagreements if d.kind == "guarantee_status")
    page, text = digest_html(DIGEST), digest_markdown(DIGEST)
    for rendered in (page, text):
        assert "still open" in rendered and "ruled out or rejected" in rendered
    section = text.split(f"### {md(conflict.topic)}", 1)[1].split("###", 1)[0]
    assert "**supports**" not in section and "unattributed" not in section


def test_a_missing_outlet_reads_like_a_missing_date() -> None:
    # The sources table showed "—" for an outlet and "not stated" for a date in one row.
    html, text = digest_html(DIGEST), digest_markdown(DIGEST)
    rows = [line for line in text.splitlines() if line.startswith("| x&lt;y | Title")]
    assert rows == ["| x&lt;y | Title of x&lt;y | not stated | not stated |"]
    assert "<td>Title of x&lt;y</td><td>not stated</td><td>not stated</td>" in html
