"""The review page: an article's full text with every evidence span marked, beside its brief.

An analyst trusts a claim when one click shows it in its article. Each distinct evidence
span of a brief is one `<mark id="e-START-END">` at its offsets, coloured by what cites it
(position, guarantee, uncertainty), followed by links to the items that cite it; each item
links to its spans. Plain anchors and CSS `:target` do the work, so the page needs no
JavaScript, fetches nothing, and escapes every article and model string.

Spans that nest (a clause inside its sentence) nest as marks. Spans that cross are rare (a
brief from another model); the later one is then drawn in pieces, its first piece carrying
the id, so every span is still marked once and its text stays whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from markupsafe import Markup, escape

from .records import Article, ArticleBrief, Evidence, Guarantee, Position, Uncertainty
from .render import html_templates, span_id

__all__ = ["Highlight", "highlights", "marked_text", "review_html"]

Section = Literal["position", "guarantee", "uncertainty"]
_PREFIX: dict[Section, str] = {"position": "P", "guarantee": "G", "uncertainty": "U"}


@dataclass
class Highlight:
    """One distinct evidence span and the brief items that cite it."""

    start: int
    end: int
    sections: list[Section] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return span_id(self.start, self.end)


@dataclass(frozen=True)
class Item:
    """One cited item of the brief as the page lists it."""

    ref: str
    section: Section
    item: Position | Guarantee | Uncertainty
    spans: tuple[Evidence, ...]
    misplaced: tuple[Evidence, ...]


def _items(brief: ArticleBrief, text: str) -> list[Item]:
    out: list[Item] = []
    groups: list[tuple[Section, Sequence[Position | Guarantee | Uncertainty]]] = [
        ("position", brief.positions),
        ("guarantee", brief.guarantees),
        ("uncertainty", brief.uncertainties),
    ]
    for section, items in groups:
        for number, item in enumerate(items, 1):
            ok = tuple(e for e in item.evidence if text[e.start : e.end] == e.quote)
            bad = tuple(e for e in item.evidence if text[e.start : e.end] != e.quote)
            out.append(Item(f"{_PREFIX[section]}{number}", section, item, ok, bad))
    return out


def highlights(items: Iterable[Item]) -> list[Highlight]:
    """The distinct spans the items cite, in text order (longest first at one start)."""
    found: dict[tuple[int, int], Highlight] = {}
    for item in items:
        for evidence in item.spans:
            mark = found.setdefault(
                (evidence.start, evidence.end), Highlight(evidence.start, evidence.end)
            )
            if item.section not in mark.sections:
                mark.sections.append(item.section)
            if item.ref not in mark.refs:
                mark.refs.append(item.ref)
    return sorted(found.values(), key=lambda h: (h.start, -h.end))


def _open(mark: Highlight, first: bool) -> str:
    kinds = " ".join(f"k-{s}" for s in mark.sections)
    if first:
        return f'<mark id="{mark.anchor}" class="ev {kinds}" title="{", ".join(mark.refs)}">'
    return f'<mark class="ev cont {kinds}">'


def _close(mark: Highlight, last: bool) -> str:
    if not last:
        return "</mark>"
    links = " ".join(f'<a href="#item-{ref}">{ref}</a>' for ref in mark.refs)
    return f'</mark><sup class="refs">{links}</sup>'


def marked_text(text: str, marks: Sequence[Highlight]) -> Markup:
    """The article text, escaped, with each span wrapped once (crossing spans in pieces)."""
    boundaries = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[Highlight]] = {}
    for mark in marks:  # already longest first at one start
        starting.setdefault(mark.start, []).append(mark)
    stack: list[Highlight] = []
    opened: set[int] = set()
    out: list[str] = []
    for here, after in zip(boundaries, [*boundaries[1:], None], strict=True):
        ending = [m for m in stack if m.end == here]
        if ending:
            reopen: list[Highlight] = []
            while any(m.end == here for m in stack):
                top = stack.pop()
                done = top.end == here
                out.append(_close(top, last=done))
                if not done:
                    reopen.append(top)
            for mark in reversed(reopen):
                out.append(_open(mark, first=False))
                stack.append(mark)
        for mark in starting.get(here, []):
            out.append(_open(mark, first=id(mark) not in opened))
            opened.add(id(mark))
            stack.append(mark)
        if after is not None:
            out.append(str(escape(text[here:after])))
    # Every piece is escaped article text or a tag built from offsets and our own refs.
    return Markup("".join(out))  # noqa: S704


_HTML = html_templates()


def review_html(article: Article, brief: ArticleBrief) -> str:
    """The review page of one article and its brief: one self-contained HTML file."""
    if brief.article_id != article.article_id:
        raise ValueError(f"brief {brief.article_id!r} is not of article {article.article_id!r}")
    items = _items(brief, article.text)
    marks = highlights(items)
    url = article.url or ""
    web = url if url.lower().startswith(("https://", "http://")) else None
    return _HTML.get_template("review.html.j2").render(
        a=article,
        b=brief,
        items=items,
        marks=len(marks),
        body=marked_text(article.text, marks),
        web=web,
        stale=brief.article_sha256 != article.sha256,
        anchor=lambda e: span_id(e.start, e.end),
    )
