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
from .synthesis import Synthesizer

__all__ = ["Run", "asummarize", "run", "summarize"]

log = logging.getLogger(__name__)


@dataclass
class Run:
    """What a run produced: briefs, what failed and why, and the digest."""

    articles: list[Article] = field(default_factory=list)
    briefs: list[ArticleBrief] = field(default_factory=list)
    input_errors: list[InputError] = field(default_factory=list)
    model_errors: list[ModelError] = field(default_factory=list)
    digest: CorpusDigest | None = None

    @property
    def failed(self) -> int:
        """How many inputs have no brief."""
        return len(self.input_errors) + len(self.model_errors)

    def merge(self, synthesizer: Synthesizer | None = None) -> CorpusDigest:
        """Merge the briefs (with the model-assisted pass when given) and keep the digest."""
        topic_groups: dict[str, str] = {}
        narrative = None
        if synthesizer is not None and self.briefs:
            try:
                topic_groups = synthesizer.topic_groups(self.briefs)
            except ModelError as exc:
                log.warning("model-assisted topic grouping skipped: %s", exc)
        digest = merge(self.briefs, topic_groups=topic_groups)
        if synthesizer is not None and self.briefs:
            try:
                narrative = synthesizer.narrative(digest) or None
            except ModelError as exc:
                log.warning("model-written narrative skipped: %s", exc)
        failures = [Failure(source=str(e.path), reason=e.problem) for e in self.input_errors]
        failures += [
            Failure(source=e.article_id or "?", reason=str(e), usage=e.usage())
            for e in self.model_errors
        ]
        # Failed attempts were paid for: they count in the run's usage too.
        usage = sum((f.usage for f in failures), digest.usage)
        self.digest = digest.model_copy(
            update={"failures": tuple(failures), "narrative": narrative, "usage": usage}
        )
        return self.digest


Progress = Callable[[Article, ArticleBrief | None], None]


def run(
    paths: Iterable[Path | str],
    *,
    settings: Settings | None = None,
    on_article: Progress | None = None,
) -> Run:
    """Brief every article under `paths`; a failure costs only its own article."""
    settings = Settings.resolve(settings)
    result = Run()
    result.articles = load_articles(paths, errors=result.input_errors)
    for error in result.input_errors:
        log.error("%s", error)
    if not result.articles:
        result.merge()
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
        result.merge(_synthesizer(briefer, settings))
    return result


def _synthesizer(briefer: Briefer, settings: Settings) -> Synthesizer | None:
    if not settings.llm_merge:
        return None
    return Synthesizer(lambda: briefer.client(), briefer.store, briefer.model_id)


def summarize(paths: Iterable[Path | str], *, settings: Settings | None = None) -> CorpusDigest:
    """Load, brief and merge: the digest of every article under `paths`."""
    digest = run(paths, settings=settings).digest
    assert digest is not None
    return digest


async def asummarize(
    paths: Iterable[Path | str], *, settings: Settings | None = None
) -> CorpusDigest:
    """Async twin of `summarize`; the blocking parts run in a worker thread."""
    settings = Settings.resolve(settings)
    result = Run()
    result.articles = await asyncio.to_thread(
        load_articles, list(paths), errors=result.input_errors
    )
    if not result.articles:
        return result.merge()
    briefer = Briefer(settings)
    try:
        await asyncio.to_thread(briefer.prepare, result.articles)
        for article in result.articles:
            try:
                result.briefs.append(await briefer.abrief(article))
            except ModelError as exc:
                result.model_errors.append(exc)
        return await asyncio.to_thread(result.merge, _synthesizer(briefer, settings))
    finally:
        await asyncio.to_thread(briefer.close)
