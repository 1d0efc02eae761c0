"""Review pages: every evidence span marked once at its offsets, links both ways, no script."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summarizer.articles import load_article, load_articles
from summarizer.merge import merge
from summarizer.records import Article, ArticleBrief, DroppedItem
from summarizer.render import digest_html, span_id
from summarizer.review import review_html

from .briefs_factory import brief, ev, guarantee, position
from .conftest import ROOT, SEED_FILES

PINNED = ROOT / "eval" / "briefs-1.5b"
_VOID = {"br", "meta", "hr", "img", "input", "link", "wbr"}


class Page(HTMLParser):
    """The parts of a page a test needs: ids, their text (without ref links), hrefs."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.text: dict[str, str] = {}
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.pieces: dict[str, int] = {}
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if found.get("href"):
            self.hrefs.append(found["href"] or "")
        if tag in _VOID:
            return
        ident = found.get("id")
        if ident:
            self.ids.append(ident)
            self.text.setdefault(ident, "")
        self.stack.append((tag, ident))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if any(tag == "sup" for tag, _ in self.stack):
            return
        for _, ident in self.stack:
            if ident:
                self.text[ident] += data


def _article(text: str, article_id: str = "a1") -> Article:
    import hashlib

    return Article(
        article_id=article_id, path=f"{article_id}.txt", title="T", text=text, format="txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )  # fmt: skip


def _pinned() -> list[tuple[Article, ArticleBrief]]:
    articles = {a.article_id: a for a in load_articles(SEED_FILES)}
    pairs = []
    for path in sorted(PINNED.glob("*.json")):
        made = ArticleBrief.model_validate_json(path.read_text())
        pairs.append((articles[made.article_id], made))
    return pairs


@pytest.mark.parametrize("pair", _pinned(), ids=lambda p: p[0].article_id)
def test_every_seed_evidence_is_marked_once_at_its_offsets(
    pair: tuple[Article, ArticleBrief],
) -> None:
    article, made = pair
    page = Page(review_html(article, made))
    spans = {(e.start, e.end): e.quote for e in made.evidence()}
    assert spans, "the pinned brief cites nothing"
    marks = [i for i in page.ids if i.startswith("e-")]
    assert len(marks) == len(set(marks)) == len(spans)
    for (start, end), quote in spans.items():
        assert page.text[span_id(start, end)] == quote == article.text[start:end]
    # The whole article is on the page, verbatim, once the ref links are left out.
    assert page.text["article"] == article.text
    # Links both ways, all inside the page.
    targets = set(page.ids)
    for href in page.hrefs:
        if href.startswith("#"):
            assert href[1:] in targets, href
    items = {i for i in page.ids if i.startswith("item-")}
    assert len(items) == len(made.positions) + len(made.guarantees) + len(made.uncertainties)
    for item in items:
        assert f"#{item}" in page.hrefs, f"no span links back to {item}"
    for start, end in spans:
        assert f"#{span_id(start, end)}" in page.hrefs


def test_the_page_is_self_contained_and_escapes_what_it_shows() -> None:
    text = 'He said "<script>alert(1)</script>" and {{ 7*7 }} today.'
    hostile = brief(
        "a1", actors=[], positions=[position("X <b>", "t", "supports", text, stance="<img src=x>")]
    )
    made = hostile.model_copy(update={"article_sha256": _article(text).sha256})
    page = review_html(_article(text), made)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<img src=x>" not in page and "X &lt;b&gt;" in page
    assert "{{ 7*7 }}" in page and "49" not in page
    tags = set(Page(page).tags)
    assert not tags & {"script", "img", "link", "iframe", "object", "embed"}
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)


def test_crossing_spans_are_each_marked_once_and_stay_whole() -> None:
    text = "Alpha beta gamma delta epsilon."
    first, second = ev("Alpha beta gamma", 0), ev("gamma delta", 11)
    made = brief("a1", actors=[], positions=[position("A", "t", "supports", "x")]).model_copy(
        update={
            "positions": (
                position("A", "t", "supports", "x").model_copy(update={"evidence": (first,)}),
                position("B", "u", "opposes", "x").model_copy(update={"evidence": (second,)}),
            )
        }
    )
    page = Page(review_html(_article(text), made))
    assert page.text[span_id(0, 16)] == "Alpha beta gamma"
    # The later span is drawn in two pieces; its first piece has the id, and the page's
    # text is still the article's.
    assert page.text[span_id(11, 22)] == "gamma"
    assert page.text["article"] == text
    assert page.ids.count(span_id(11, 22)) == 1 and page.ids.count(span_id(0, 16)) == 1


def test_nested_and_shared_spans() -> None:
    text = "Rutte said membership is irreversible, and Russia disagrees."
    sentence = ev(text, 0)
    clause = ev("membership is irreversible", 11)
    made = brief(
        "a1",
        actors=[],
        positions=[position("Rutte", "membership", "supports", "membership is irreversible",
                            start=11)],
        guarantees=[guarantee("membership", "proposed", text), guarantee("other", "ruled_out", text)],
    )  # fmt: skip
    assert made.positions[0].evidence == (clause,) and made.guarantees[0].evidence == (sentence,)
    html = review_html(_article(text), made)
    page = Page(html)
    assert page.text[span_id(0, len(text))] == text
    assert page.text[span_id(11, 37)] == "membership is irreversible"
    # One mark for the sentence both guarantees cite, linking back to each.
    assert page.ids.count(span_id(0, len(text))) == 1
    assert {"#item-G1", "#item-G2", "#item-P1"} <= set(page.hrefs)
    assert 'class="ev k-guarantee"' in html and 'class="ev k-position"' in html


def test_evidence_off_its_offsets_is_listed_not_marked() -> None:
    text = "The text changed since the brief was made."
    made = brief(
        "a1", actors=[], positions=[position("A", "t", "supports", "an older sentence", start=4)]
    )
    html = review_html(_article(text), made)
    assert span_id(4, 21) not in Page(html).ids
    assert "quote not at its offsets 4–21" in html and "an older sentence" in html
    assert "made from another version of the article text" in html


def test_dropped_items_and_warnings_are_listed_with_reasons() -> None:
    text = "Nothing much."
    made = brief("a1", actors=[])
    provenance = made.provenance.model_copy(update={
        "dropped": (DroppedItem(section="positions", label="Smith / tariffs", quote="tariffs",
                                reason="the speaker of the sentence is Jones", whole_item=True),),
        "warnings": ("the text was truncated",),
    })  # fmt: skip
    html = review_html(_article(text), made.model_copy(update={"provenance": provenance}))
    assert "Smith / tariffs" in html and "the speaker of the sentence is Jones" in html
    assert "the text was truncated" in html


def test_a_position_worded_by_the_article_names_the_issue_it_is_filed_under() -> None:
    text = "Keller opposes foreign monitors on the border."
    worded = position("Keller", "foreign monitors on the border", "opposes", text,
                      issue="monitors")  # fmt: skip
    plain = position("Keller", "monitors", "opposes", text, issue="monitors")
    html = review_html(_article(text), brief("a1", actors=[], positions=[worded]))
    assert "foreign monitors on the border" in html and "(filed under monitors)" in html
    html = review_html(_article(text), brief("a1", actors=[], positions=[plain]))
    assert "filed under" not in html  # the wording is the issue: nothing to add


def test_a_brief_of_another_article_is_refused() -> None:
    with pytest.raises(ValueError, match="is not of article"):
        review_html(_article("x", "b2"), brief("a1", actors=[]))


def test_digest_quotes_link_to_their_sentences(tmp_path: Path) -> None:
    pairs = _pinned()
    digest = merge([made for _, made in pairs])
    html = digest_html(digest, review="review/")
    links = re.findall(r'href="review/([^"#]+)\.html#(e-\d+-\d+)"', html)
    assert links
    pages = {a.article_id: Page(review_html(a, b)) for a, b in pairs}
    for article_id, anchor in links:
        assert anchor in pages[article_id].ids
    # Every quote shown carries its link; without a review base there is none.
    quotes = re.findall(r"<blockquote>(.*?)</blockquote>", html, re.S)
    assert quotes and all('href="review/' in q for q in quotes)
    assert "review/" not in digest_html(digest)


def test_an_article_id_is_escaped_in_links(tmp_path: Path) -> None:
    text = "A sentence."
    (tmp_path / "odd name#x.txt").write_text(text)
    article = load_article(tmp_path / "odd name#x.txt")
    made = brief(article.article_id, actors=[], positions=[position("A", "t", "supports", text)])
    html = digest_html(merge([made]), review="review/")
    assert 'href="review/odd%20name%23x.html#e-0-11"' in html
