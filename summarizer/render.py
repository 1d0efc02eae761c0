"""Writing results: atomic files, and the brief and digest renderings."""

from __future__ import annotations

import os
import re
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote as url_quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .corpus import BatchCost, Citation, CorpusDigest, TopicStance
from .grids import grids, text_grid
from .records import ArticleBrief
from .wording import counted, words

__all__ = [
    "brief_json",
    "digest_html",
    "digest_json",
    "digest_markdown",
    "md",
    "quoted",
    "review_href",
    "review_page",
    "span_id",
    "write_atomic",
]


def _umask() -> int:
    """The process's umask (read by setting it and putting it straight back)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


_UMASK_LOCK = threading.Lock()


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write `text` (UTF-8) or bytes to `path` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file 0600; a written file honours the umask like any other
        # tool's (0644 under the usual 022), since a web server may serve digest.html.
        os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def brief_json(brief: ArticleBrief) -> str:
    """A brief as indented JSON with a final newline."""
    return brief.model_dump_json(indent=2) + "\n"


# --- the digest ---

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|#"} | {"<": "&lt;", ">": "&gt;"})
_KIND = {
    "same_actor": "same actor, opposite stances",
    "between_actors": "actors collide",
    "guarantee_status": "conflicting guarantee status",
}


NARRATIVE_CAVEAT = (
    "unverified: its citations are checked, its wording is not; the sections below quote "
    "the articles"
)


def md(text: str | None) -> str:
    """Untrusted text made inert for Markdown: no markup, no raw HTML, one line."""
    return " ".join((text or "").split()).translate(_MD_SPECIAL)


_OWN_MARKS = frozenset('"“”„«»')


def quoted(text: str) -> str:
    """A cited sentence in quotation marks, or as it is when it holds quotation marks itself.

    Evidence is a whole sentence of the article, verbatim; one that holds its own quote
    ("... was “irreversible.”") would end in a doubled mark if wrapped, and changing its
    marks would make the receipt unfaithful. The block or border around it shows it is cited.
    """
    return text if _OWN_MARKS & set(text) else f"“{text}”"


def shown_date(date: str | None) -> str:
    """An article's date as a reader should see it: never a bare dash, never a guessed year."""
    if not date:
        return "not stated"
    return date if re.search(r"\b\d{4}\b", date) else f"{date} (year not stated)"


def span_id(start: int, end: int) -> str:
    """The anchor of an evidence span on its article's review page."""
    return f"e-{start}-{end}"


def review_page(article_id: str, base: str) -> str:
    """An article's review page under `base` (a directory URL ending in '/')."""
    return base + url_quote(f"{article_id}.html")


def review_href(citation: Citation, base: str) -> str:
    """Where a cited span sits: its article's review page under `base`, at its anchor."""
    return f"{review_page(citation.article_id, base)}#{span_id(citation.start, citation.end)}"


def shown_outlet(outlet: str | None) -> str:
    """An article's outlet, or "not stated" like a missing date (a dash read as a glitch)."""
    return outlet or "not stated"


def _quotes(citations: Iterable[Citation], limit: int = 3) -> list[str]:
    lines = [f"  > {quoted(md(c.quote))} — [{md(c.article_id)}]" for c in list(citations)[:limit]]
    return lines


def side_label(side: TopicStance, kind: str = "") -> str:
    """How one side of a disagreement is headed: a stance, or for a guarantee its state.

    A guarantee-status conflict is between articles that report the guarantee alive and
    articles that report it ruled out; heading those sides "supports" and "opposes" read
    as someone's stance, which no article stated.
    """
    if kind == "guarantee_status":
        return "still open" if side.polarity == "supports" else "ruled out or rejected"
    return side.polarity


def side_actors(side: TopicStance, kind: str = "") -> str:
    """Who holds one side: its actors, or who backs the guarantee (nobody is not "unattributed")."""
    names = ", ".join(side.actors)
    if kind == "guarantee_status":
        return f"backed by {names}" if names else ""
    return names or "unattributed"


def _stance_lines(stance: TopicStance, kind: str = "") -> list[str]:
    who = md(side_actors(stance, kind))
    where = ", ".join(f"[{md(a)}]" for a in stance.articles)
    lines = [" ".join(filter(None, [f"- **{side_label(stance, kind)}** —", who, where]))]
    lines += [f"  - {md(s)}" for s in stance.stances[:3]]
    return lines + _quotes(stance.evidence)


def _glance(digest: CorpusDigest) -> list[str]:
    """The grids as aligned text in code blocks (backticks in names cannot close one)."""
    out: list[str] = []
    for grid in grids(digest):
        out += ["```text", *(line.replace("`", "'") for line in text_grid(grid)), "```", ""]
    return ["## At a glance", "", *out] if out else []


def digest_markdown(digest: CorpusDigest) -> str:
    """The digest as a Markdown report: disagreements first, every claim with its sources."""
    out = ["# Corpus digest", "", md(digest.summary), ""]
    if digest.narrative:
        out += [f"**Model-written overview** ({NARRATIVE_CAVEAT}): {md(digest.narrative)}", ""]
    out += _glance(digest)
    out += ["## Sources", "", "| id | title | outlet | date |", "| --- | --- | --- | --- |"]
    out += [f"| {md(a.article_id)} | {md(a.title)} | {md(shown_outlet(a.outlet))} | "
            f"{md(shown_date(a.date))} |" for a in digest.articles]  # fmt: skip
    out += ["", "## Disagreements", ""]
    if not digest.disagreements:
        out.append("None found.")
    for item in digest.disagreements:
        actor = f" — {md(item.actor)}" if item.actor else ""
        out += [f"### {md(item.topic)}{actor} ({_KIND[item.kind]})", ""]
        for side in item.sides:
            out += _stance_lines(side, item.kind)
        out.append("")
    out += ["## Agreements", ""]
    if not digest.agreements:
        out.append("None found.")
    for stance in digest.agreements:
        out += [f"### {md(stance.topic)}", "", *_stance_lines(stance), ""]
    out += ["", "## Security guarantees", ""]
    for guarantee in digest.guarantees:
        flag = " **(conflicting statuses)**" if guarantee.conflicting else ""
        out += [f"### {md(guarantee.kind)}{flag}", ""]
        if guarantee.proposed_by:
            backers = ", ".join(md(p) for p in guarantee.proposed_by)
            out += [f"Proposed or backed by: {backers}", ""]
        for report in guarantee.reports:
            out.append(
                f"- [{md(report.article_id)}] **{words(report.status)}**: {md(report.description)}"
            )
            if report.conditions:
                out.append(f"  - conditions: {'; '.join(md(c) for c in report.conditions)}")
            out += _quotes(report.evidence, 2)
        out.append("")
    out += ["## Positions by actor", ""]
    names = {a.name: a for a in digest.actors}
    for position in digest.positions:
        merged = names.get(position.actor)
        aliases = ", ".join(md(x) for x in merged.aliases) if merged else ""
        also = f" (also: {aliases})" if aliases else ""
        out += [f"### {md(position.actor)}{also} — {md(position.topic)}", ""]
        for entry in position.entries:
            hedge = ", hedged" if entry.hedged else ""
            how = words(entry.attribution)
            out.append(f"- [{md(entry.article_id)}] **{entry.polarity}** ({how}"
                       f"{hedge}): {md(entry.stance)}")  # fmt: skip
            out += _quotes(entry.evidence, 2)
        out.append("")
    out += ["## Uncertainties", ""]
    for open_item in digest.uncertainties:
        articles = ", ".join(f"[{md(a)}]" for a in open_item.articles)
        out.append(f"- {md(open_item.description)} ({words(open_item.kind)}; {articles})")
        out += _quotes(open_item.evidence, 2)
    out += ["", "## Coverage", "", "| article | actors | leaves out (covered by most others) |",
            "| --- | --- | --- |"]  # fmt: skip
    for row in digest.coverage:
        missing = [*row.missing_actors, *row.missing_guarantees]
        out.append(f"| {md(row.article_id)} | {', '.join(md(a) for a in row.actors)} | "
                   f"{', '.join(md(m) for m in missing) or '—'} |")  # fmt: skip
    if digest.failures:
        out += ["", "## Not included", ""]
        out += [f"- {md(f.source)}: {md(f.reason)}" for f in digest.failures]
    out += ["", "## How actors were merged", ""]
    out += [f"- {step.rule}: {' + '.join(md(j) for j in step.joined)} → {md(step.into)} "
            f"({md(step.detail)})" for step in digest.merge_log] or ["No joins."]  # fmt: skip
    usage = digest.usage
    out += ["", f"_Tokens: {usage.prompt_tokens} prompt + {usage.completion_tokens} completion "
            f"over {usage.requests} requests._", ""]  # fmt: skip
    if digest.batch is not None:
        out += [f"_{md(batch_cost(digest.batch))}_", ""]
    return "\n".join(out)


def batch_cost(cost: BatchCost) -> str:
    """One line on what a digest's batch answers cost: tokens, and dollars where known."""
    priced = f"no price known for {cost.model}"
    if cost.estimated_usd is not None:
        priced = f"estimated ${cost.estimated_usd:.4f} at batch prices ({cost.model})"
    failed = f", {counted(cost.failed, 'line')} without one" if cost.failed else ""
    return (f"Batch {cost.source}: {counted(cost.answered, 'answer')}{failed}; "
            f"{cost.usage.prompt_tokens} prompt + {cost.usage.completion_tokens} completion "
            f"tokens, {priced}.")  # fmt: skip


def html_templates() -> Environment:
    """A fresh environment for the package's HTML templates: autoescaped, strict."""
    environment = Environment(
        loader=PackageLoader("summarizer", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["quoted"] = quoted
    environment.filters["words"] = words
    environment.filters["shown_date"] = shown_date
    environment.filters["count"] = counted
    environment.filters["shown_outlet"] = shown_outlet
    environment.globals.update(
        side_label=side_label,
        side_actors=side_actors,
        review_href=review_href,
        review_page=review_page,
        batch_cost=batch_cost,
    )
    return environment


_HTML = html_templates()


def digest_html(digest: CorpusDigest, review: str | None = None) -> str:
    """The digest as one self-contained HTML page; all article and model text is escaped.

    `review`: where the review pages are, relative to the page or absolute ("review/"
    next to `digest.html`); each quote then links to its sentence there.
    """
    return _HTML.get_template("digest.html.j2").render(
        d=digest, kinds=_KIND, caveat=NARRATIVE_CAVEAT, review=review, grids=grids(digest)
    )


def digest_json(digest: CorpusDigest) -> str:
    """The digest as indented JSON with a final newline."""
    return digest.model_dump_json(indent=2) + "\n"
