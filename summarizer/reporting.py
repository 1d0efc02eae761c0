"""What a run leaves for its reader: the briefs, review pages and digest files, and stdout."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from .commands import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL
from .corpus import CorpusDigest
from .pipeline import Run
from .records import Article, ArticleBrief
from .render import brief_json, digest_html, digest_json, digest_markdown, write_atomic
from .review import review_html
from .settings import Settings

__all__ = ["report", "write_article", "write_digest"]

log = logging.getLogger("summarizer")


def write_article(out: Path, article: Article, brief: ArticleBrief) -> None:
    """DIR/briefs/<id>.json and DIR/review/<id>.html for one briefed article."""
    write_atomic(out / "briefs" / f"{article.article_id}.json", brief_json(brief))
    write_atomic(out / "review" / f"{article.article_id}.html", review_html(article, brief))


def write_digest(out: Path, digest: CorpusDigest) -> None:
    """DIR/digest.{json,md,html}; the HTML links each quote to its review page."""
    write_atomic(out / "digest.json", digest_json(digest))
    write_atomic(out / "digest.md", digest_markdown(digest))
    write_atomic(out / "digest.html", digest_html(digest, review="review/"))


def report(result: Run, settings: Settings, out: Path | None, output_format: str) -> int:
    """Write and print a run's digest; the exit code its failures give."""
    if not result.articles:
        log.error("no article could be loaded")
        return EXIT_FAILURE
    assert result.digest is not None
    if out:
        write_digest(out, result.digest)
        log.info("wrote %d briefs, their review pages and the digest to %s",
                 len(result.briefs), out)  # fmt: skip
    renderings = {"json": digest_json, "md": digest_markdown, "html": digest_html}
    sys.stdout.write(renderings[output_format](result.digest))
    if result.budget is not None and (settings.max_tokens_total or settings.max_cost):
        spent = result.budget.spent
        log.info("spent %d tokens (estimated $%.4f)", spent.total_tokens, result.budget.cost)
    if result.failed:
        log.error(
            "%d of %d inputs failed", result.failed, len(result.articles) + len(result.input_errors)
        )
        return EXIT_PARTIAL if result.briefs else EXIT_FAILURE
    return EXIT_OK
