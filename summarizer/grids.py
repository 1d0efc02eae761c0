"""The digest as three small grids an analyst would rather look at than read.

- coverage: article × actor, shaded by how many positions the article gives the actor;
- guarantees: guarantee × article, the status each article reports, a conflict flagged;
- position map: actor × topic, the polarity each article reports.

A grid is plain data (`Grid`) so the HTML page, the HTML email and the text email draw
the same thing: HTML tables styled as heatmaps (they survive email clients; nothing is
fetched and nothing runs), and aligned plain text. Large corpora are capped to the
busiest rows and columns, and the grid says how many it left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .corpus import Citation, CorpusDigest

__all__ = [
    "Cell",
    "Grid",
    "Line",
    "coverage_grid",
    "grids",
    "guarantee_grid",
    "position_grid",
    "text_grid",
]

MAX_COLUMNS = 8
MAX_ROWS = 12
_SYMBOL = {"supports": "+", "opposes": "−", "conditional": "±", "neutral": "○"}
_ALIVE = {"proposed", "under_discussion", "conditional", "endorsed"}
_STATUS_LEGEND = (
    ("s-proposed", "proposed"),
    ("s-under_discussion", "under discussion"),
    ("s-conditional", "conditional"),
    ("s-endorsed", "endorsed"),
    ("s-ruled_out", "ruled out"),
    ("s-rejected", "rejected"),
)
_POLARITY_LEGEND = (
    ("p-supports", "+ supports"),
    ("p-opposes", "− opposes"),
    ("p-conditional", "± conditional"),
    ("p-neutral", "○ neutral"),
    ("p-mixed", "articles differ"),
)


@dataclass(frozen=True)
class Cell:
    """One cell of a grid.

    Its short text, its colour class, the longer detail for a tooltip, and the pieces of
    its text with the citation each stands on (a page links them to the review page).
    """

    text: str = ""
    tone: str = "none"
    detail: str = ""
    parts: tuple[tuple[str, Citation | None], ...] = ()


@dataclass(frozen=True)
class Grid:
    """A titled table of cells; `flagged` rows are marked (a conflicting guarantee)."""

    key: str
    title: str
    corner: str
    columns: tuple[str, ...]
    labels: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    flagged: frozenset[str] = field(default_factory=frozenset)
    legend: tuple[tuple[str, str], ...] = ()
    left_out: str = ""

    @property
    def rows(self) -> list[tuple[str, tuple[Cell, ...]]]:
        return list(zip(self.labels, self.cells, strict=True))


def _prefixes(article_id: str) -> list[str]:
    cuts = [i for i, char in enumerate(article_id) if char in "_-. " and i > 0]
    return [article_id[:i] for i in cuts] + [article_id]


def short_ids(ids: Sequence[str]) -> dict[str, str]:
    """Each article id as its shortest whole-word prefix no other id shares ("000_6ba8…" -> "000").

    A prefix ends where the id has a separator (_ - . or space), so a label is never cut
    mid-word; an id without one is shown whole.
    """
    taken = Counter(p for article_id in set(ids) for p in set(_prefixes(article_id)))
    return {
        article_id: next((p for p in _prefixes(article_id) if taken[p] == 1), article_id)
        for article_id in ids
    }


def _left_out(rows: int, columns: int, row_noun: str, column_noun: str) -> str:
    parts = [f"{n} more {noun}" for n, noun in ((rows, row_noun), (columns, column_noun)) if n]
    return f"Not shown: {' and '.join(parts)} (see the lists below)." if parts else ""


def coverage_grid(digest: CorpusDigest) -> Grid:
    """Article × actor: who each article covers, shaded by the positions it reports."""
    short = short_ids([a.article_id for a in digest.articles])
    counts = Counter(
        (entry.article_id, position.actor)
        for position in digest.positions
        for entry in position.entries
    )
    ranked = sorted(digest.actors, key=lambda a: (-len(a.articles), a.name))
    actors = ranked[:MAX_COLUMNS]
    cells = []
    for article in digest.articles:
        row = []
        for actor in actors:
            held = counts[(article.article_id, actor.name)]
            if article.article_id not in actor.articles and not held:
                row.append(Cell())
                continue
            tone = "h0" if not held else "h1" if held == 1 else "h2" if held <= 3 else "h3"
            text = str(held) if held else "·"
            detail = f"{actor.name} in {article.article_id}: " + (
                f"{held} position{'s' if held != 1 else ''}" if held else "named, no position"
            )
            row.append(Cell(text, tone, detail))
        cells.append(tuple(row))
    return Grid(
        key="coverage",
        title="Who each article covers",
        corner="article \\ actor",
        columns=tuple(a.name for a in actors),
        labels=tuple(short[a.article_id] for a in digest.articles),
        cells=tuple(cells),
        legend=(("h0", "· named"), ("h1", "1 position"), ("h2", "2–3"), ("h3", "4 or more")),
        left_out=_left_out(0, len(ranked) - len(actors), "", "actors"),
    )


def guarantee_grid(digest: CorpusDigest) -> Grid:
    """Guarantee × article: the status each article reports; a conflicting row is flagged."""
    ids = [a.article_id for a in digest.articles]
    short = short_ids(ids)
    shown = digest.guarantees[:MAX_ROWS]
    cells = []
    for guarantee in shown:
        row = []
        for article_id in ids:
            statuses = list(
                dict.fromkeys(r.status for r in guarantee.reports if r.article_id == article_id)
            )
            if not statuses:
                row.append(Cell())
                continue
            words = " / ".join(s.replace("_", " ") for s in statuses)
            first: dict[str, Citation] = {}
            for report in guarantee.reports:
                if report.article_id == article_id and report.evidence:
                    first.setdefault(report.status, report.evidence[0])
            parts = tuple((s.replace("_", " "), first.get(s)) for s in statuses)
            if len(statuses) == 1:
                tone = f"s-{statuses[0]}"
            else:
                tone = "s-mixed" if {*statuses} - _ALIVE and {*statuses} & _ALIVE else "s-several"
            row.append(Cell(words, tone, f"{guarantee.kind} in {article_id}: {words}", parts))
        cells.append(tuple(row))
    return Grid(
        key="guarantees",
        title="What each article says of each guarantee",
        corner="guarantee \\ article",
        columns=tuple(short[i] for i in ids),
        labels=tuple(g.kind for g in shown),
        cells=tuple(cells),
        flagged=frozenset(g.kind for g in shown if g.conflicting),
        legend=_STATUS_LEGEND,
        left_out=_left_out(len(digest.guarantees) - len(shown), 0, "guarantees", ""),
    )


def position_grid(digest: CorpusDigest) -> Grid:
    """Actor × topic: the polarity each article reports (+ supports, − opposes, ± conditional)."""
    short = short_ids([a.article_id for a in digest.articles])
    weight = Counter(p.topic for p in digest.positions for _ in p.entries)
    topics = sorted(weight, key=lambda t: (-weight[t], t))[:MAX_COLUMNS]
    by_actor = Counter(p.actor for p in digest.positions for _ in p.entries)
    actors = sorted(by_actor, key=lambda a: (-by_actor[a], a))
    shown = actors[:MAX_ROWS]
    found = {(p.actor, p.topic): p for p in digest.positions}
    cells = []
    for actor in shown:
        row = []
        for topic in topics:
            position = found.get((actor, topic))
            if position is None:
                row.append(Cell())
                continue
            marks = [f"{_SYMBOL[e.polarity]}{short[e.article_id]}" for e in position.entries]
            parts = tuple(
                (mark, e.evidence[0] if e.evidence else None)
                for mark, e in zip(marks, position.entries, strict=True)
            )
            polarities = {e.polarity for e in position.entries}
            tone = f"p-{polarities.pop()}" if len(polarities) == 1 else "p-mixed"
            detail = "; ".join(
                f"{short[e.article_id]}: {e.polarity}{', hedged' if e.hedged else ''}"
                for e in position.entries
            )
            row.append(Cell(" ".join(marks), tone, f"{actor} on {topic}: {detail}", parts))
        cells.append(tuple(row))
    hidden_topics = len(weight) - len(topics)
    return Grid(
        key="positions",
        title="Who stands where, article by article",
        corner="actor \\ topic",
        columns=tuple(topics),
        labels=tuple(shown),
        cells=tuple(cells),
        legend=_POLARITY_LEGEND,
        left_out=_left_out(len(actors) - len(shown), hidden_topics, "actors", "topics"),
    )


def grids(digest: CorpusDigest) -> list[Grid]:
    """The three grids of a digest, in reading order; an empty one is left out."""
    made = [coverage_grid(digest), guarantee_grid(digest), position_grid(digest)]
    return [g for g in made if g.labels and g.columns]


def _flat(text: str) -> str:
    return " ".join(text.split())


class Line(str):
    """A line of a text grid: already one line, its spaces aligned on purpose."""

    __slots__ = ()


def text_grid(grid: Grid) -> list[Line]:
    """A grid as aligned plain-text lines: columns numbered, with their names in a key below.

    Every label and cell is flattened to one line here, so untrusted text cannot break the
    alignment or start a section of its own.
    """
    grid = replace(
        grid,
        columns=tuple(_flat(c) for c in grid.columns),
        labels=tuple(_flat(label) for label in grid.labels),
        cells=tuple(tuple(Cell(_flat(c.text), c.tone) for c in row) for row in grid.cells),
        flagged=frozenset(_flat(label) for label in grid.flagged),
    )
    short = all(len(c) <= 6 for c in grid.columns)
    numbers = list(grid.columns) if short else [f"[{n}]" for n in range(1, len(grid.columns) + 1)]
    label_width = 2 + max(
        len(label) + (2 if label in grid.flagged else 0) for label in [grid.corner, *grid.labels]
    )
    widths = [
        max([len(numbers[c]), *(len(row[c].text or "-") for row in grid.cells)])
        for c in range(len(grid.columns))
    ]
    lines = [grid.title.upper(), "=" * len(grid.title)]
    header = grid.corner.ljust(label_width) + "  ".join(
        n.ljust(w) for n, w in zip(numbers, widths, strict=True)
    )
    lines.append(header.rstrip())
    for label, row in grid.rows:
        flag = " !" if label in grid.flagged else ""
        start = (label + flag).ljust(label_width)
        body = "  ".join((c.text or "-").ljust(w) for c, w in zip(row, widths, strict=True))
        lines.append((start + body).rstrip())
    lines.append("")
    if not short:
        lines += [f"{n} {name}" for n, name in zip(numbers, grid.columns, strict=True)]
    if grid.flagged:
        lines.append("! the articles disagree on its status")
    if grid.left_out:
        lines.append(grid.left_out)
    return [Line(line) for line in lines]
