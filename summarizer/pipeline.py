"""A whole run: load the articles, brief each one, merge the briefs into a digest."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .articles import load_articles
from .briefs import Briefer
from .corpus import CorpusDigest, Failure
from .errors import InputError, ModelError
from .merge import merge
from .schemas import Article, ArticleBrief
from .settings import Settings

__all__ = ["Run", "asummarize", "run", "summarize"]

log = logging.getLogger(__name__)


@dataclass
class Run:
    """What a run produced: briefs, what failed and why, and the digest."""

    articles: list[Article] = field(default_factory=list)
    briefs: list[ArticleBrief] = field(default_factory=list)
    input_errors: list[InputError] = field(default_factory=list)
    model_errors: list[ModelError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """How many inputs have no brief."""
        return len(self.input_errors) + len(self.model_errors)

    def digest(self) -> CorpusDigest:
        """The merged digest, listing the failed inputs with their reasons."""
        failures = [Failure(source=str(e.path), reason=e.problem) for e in self.input_errors]
        failures += [Failure(source=e.article_id or "?", reason=str(e)) for e in self.model_errors]
        return merge(self.briefs).model_copy(update={"failures": tuple(failures)})


Progress = Callable[[Article, ArticleBrief | None], None]


def run(
    paths: Iterable[Path | str],
    *,
    settings: Settings | None = None,
    on_article: Progress | None = None,
) -> Run:
    """Brief every article under `paths`; a failure costs only its own article."""
    result = Run()
    result.articles = load_articles(paths, errors=result.input_errors)
    for error in result.input_errors:
        log.error("%s", error)
    if not result.articles:
        return result
    with Briefer(settings) as briefer:
        briefer.prepare(result.articles)
        for article in result.articles:
            made: ArticleBrief | None = None
            try:
                made = briefer.brief(article)
            except ModelError as exc:
                log.error("%s", exc)
                result.model_errors.append(exc)
            else:
                result.briefs.append(made)
            if on_article:
                on_article(article, made)
    return result


def summarize(paths: Iterable[Path | str], *, settings: Settings | None = None) -> CorpusDigest:
    """Load, brief and merge: the digest of every article under `paths`."""
    return run(paths, settings=settings).digest()


async def asummarize(
    paths: Iterable[Path | str], *, settings: Settings | None = None
) -> CorpusDigest:
    """Async twin of `summarize`; the blocking parts run in a worker thread."""
    result = Run()
    result.articles = await asyncio.to_thread(
        load_articles, list(paths), errors=result.input_errors
    )
    if result.articles:
        briefer = Briefer(settings)
        try:
            await asyncio.to_thread(briefer.prepare, result.articles)
            for article in result.articles:
                try:
                    result.briefs.append(await briefer.abrief(article))
                except ModelError as exc:
                    result.model_errors.append(exc)
        finally:
            await asyncio.to_thread(briefer.close)
    return result.digest()
