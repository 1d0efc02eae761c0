from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from summarizer.articles import load_article, load_articles
from summarizer.errors import InputError

from .conftest import SEED_FILES, SEEDS


def test_seeds_load_with_stable_ids_titles_and_hashes() -> None:
    articles = load_articles([SEEDS])
    assert [a.article_id for a in articles] == [p.stem for p in SEED_FILES]
    first = articles[0]
    assert first.title == "NATO weighs security guarantees for Kyiv."
    assert first.outlet == "El País"
    assert first.sha256 == hashlib.sha256(first.text.encode()).hexdigest()
    wire = articles[1]
    assert (wire.outlet, wire.date) == ("European Press", "December 2")
    assert all(a.text == a.text.strip() and "\r" not in a.text for a in articles)


def test_loading_twice_gives_identical_records() -> None:
    assert load_articles([SEEDS]) == load_articles([SEEDS])


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8-sig", b""), ("utf-16", b""), ("utf-16-be", b"\xfe\xff")],
)
def test_unicode_encodings_with_bom_decode_to_the_same_text(
    tmp_path: Path, encoding: str, prefix: bytes
) -> None:
    text = "Title – “quoted”\r\nKyiv’s line two.\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(prefix + text.encode(encoding))
    article = load_article(path)
    assert article.text == "Title – “quoted”\nKyiv’s line two."
    assert article.title == "Title – “quoted”"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "file is empty"),
        (b"  \n\t \n", "only whitespace"),
        (b"%PDF-1.7\n...", "binary content (PDF)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary content (PNG image)"),
        (b"caf\xe9 au lait", "not valid UTF-8 (byte 0xe9 at offset 3)"),
        (b"abc\x00def", "NUL bytes"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_article(path)
    assert caught.value.path == path
    assert problem in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_bad_file_never_costs_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Good title\nSome text.")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "notes.csv").write_text("ignored: not an article suffix")
    errors: list[InputError] = []
    articles = load_articles([tmp_path, tmp_path / "missing.txt"], errors=errors)
    assert [a.article_id for a in articles] == ["good"]
    assert sorted(e.problem for e in errors) == ["file is empty", "no such file or folder"]
    with pytest.raises(InputError, match="file is empty"):
        load_articles([tmp_path])


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Ukraine – a year on\n\nThe war entered its fourth year.", "Ukraine – a year on"),
        ("– NATO – Archive\nBrussels, December 2 (European Press) –\nAllies met today.",
         "Allies met today."),
        ("News | Europe | NATO\nAllies meet in Brussels\n\nBody.", "Allies meet in Brussels"),
        ("Moscow has consistently stated that Kiev's desire to join NATO is a major factor in "
         "the ongoing conflict.\nMore text.",
         "untitled — Moscow has consistently stated that Kiev's desire to…"),
    ],
)  # fmt: skip
def test_a_title_is_a_headline_or_says_untitled(tmp_path: Path, text: str, title: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    assert load_article(path).title == title


def test_markdown_title_is_its_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text("Intro line\n\n## The *real* title\n\nBody text.")
    assert load_article(path).title == "The *real* title"


def test_html_goes_through_extraction_without_scripts_or_styles(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    body = " ".join(["Rutte said the path to membership is irreversible."] * 8)
    path.write_text(
        "<html><head><title>Rutte in Kyiv</title><style>p{color:red}</style>"
        "<script>alert('x')</script></head><body><article><h1>Rutte in Kyiv</h1>"
        f"<p>{body}</p><p>Second paragraph with more text about guarantees.</p>"
        "</article><script>var tracking = 1;</script></body></html>"
    )
    article = load_article(path)
    assert article.title == "Rutte in Kyiv"
    assert article.format == "html"
    assert "irreversible" in article.text
    assert "alert" not in article.text and "color:red" not in article.text
    assert "tracking" not in article.text


def test_same_text_under_two_names_is_one_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same title\nSame body.")
    (tmp_path / "b.txt").write_text("Same title\nSame body.")
    (article,) = load_articles([tmp_path])
    assert article.article_id == "a"
    assert article.duplicate_paths == (str(tmp_path / "b.txt"),)


def test_same_stem_in_two_folders_keeps_ids_unique(tmp_path: Path) -> None:
    for folder, body in (("x", "One"), ("y", "Two")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"{body} title\n{body} body.")
    ids = [a.article_id for a in load_articles([tmp_path])]
    assert ids[0] == "story" and ids[1].startswith("story-") and len(set(ids)) == 2


def test_symlink_loop_is_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\nBody.")
    os.symlink(tmp_path, tmp_path / "loop")
    errors: list[InputError] = []
    articles = load_articles([tmp_path], errors=errors)
    assert [a.article_id for a in articles] == ["a"]
    assert any("symbolic link loop" in e.problem for e in errors)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"holds no \.txt, \.md or \.html files"):
        load_articles([tmp_path])


def test_a_datelines_year_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text("Allies meet\n\nLima, December 2, 2025 (Andean Press) – Talks began.\n")
    article = load_article(path)
    assert (article.date, article.outlet) == ("December 2, 2025", "Andean Press")
