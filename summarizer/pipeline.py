"""A whole run: load the articles, brief each one, merge the briefs into a digest."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .articles import load_articles
from .briefs import Briefer
from .budget import Budget, price_of
from .corpus import BatchCost, CorpusDigest, Failure
from .errors import InputError, ModelError
from .merge import merge
from .records import Article, ArticleBrief
from .settings import Settings
from .store import Store, StoredDigest
from .synthesis import Synthesizer

__all__ = ["Run", "arun", "asummarize", "run", "summarize", "today"]

log = logging.getLogger(__name__)


@dataclass
class Run:
    """What a run produced: briefs, what failed and why, and the digest."""

    articles: list[Article] = field(default_factory=list)
    briefs: list[ArticleBrief] = field(default_factory=list)
    input_errors: list[InputError] = field(default_factory=list)
    model_errors: list[ModelError] = field(default_factory=list)
    digest: CorpusDigest | None = None
    budget: Budget | None = None
    stored: StoredDigest | None = None

    @property
    def failed(self) -> int:
        """How many inputs have no brief."""
        return len(self.input_errors) + len(self.model_errors)

    def merge(
        self, synthesizer: Synthesizer | None = None, *, narrative: bool = True
    ) -> CorpusDigest:
        """Merge the briefs (with the model-assisted pass when given) and keep the digest."""
        topic_groups: dict[str, str] = {}
        text = None
        if synthesizer is not None and self.briefs:
            try:
                topic_groups = synthesizer.topic_groups(self.briefs)
            except ModelError as exc:
                log.warning("model-assisted topic grouping skipped: %s", exc)
        digest = merge(self.briefs, topic_groups=topic_groups)
        if synthesizer is not None and self.briefs and narrative:
            try:
                text = synthesizer.narrative(digest) or None
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
            update={"failures": tuple(failures), "narrative": text, "usage": usage}
        )
        return self.digest

    def keep(self, store: Store, digest_date: str | None = None) -> StoredDigest:
        """Record the run's articles and digest in the store (under today's date by default)."""
        assert self.digest is not None, "merge first"
        store.put_articles(self.articles)
        self.stored = store.put_digest(self.digest, digest_date or today())
        return self.stored


def today() -> str:
    """The local date, YYYY-MM-DD: the date a digest is filed under."""
    return dt.date.today().isoformat()


Progress = Callable[[Article, ArticleBrief | None], None]


def _budget(briefer: Briefer, settings: Settings) -> Budget:
    return Budget(
        max_tokens=settings.max_tokens_total,
        max_cost=settings.max_cost,
        price=price_of(briefer.model_name, local=settings.uses_local),
    )


def _failed(result: Run, budget: Budget, exc: ModelError) -> None:
    log.error("%s", exc)
    budget.add(exc.usage())
    result.model_errors.append(exc)


Stored = dict[str, ArticleBrief | None]


def _affordable(result: Run, budget: Budget, article: Article) -> bool:
    """Whether the budget allows briefing `article`; if not, that is its recorded failure."""
    try:
        budget.check(article.article_id)
    except ModelError as exc:
        _failed(result, budget, exc)
        return False
    return True


@contextmanager
def _charged(result: Run, budget: Budget) -> Iterator[Callable[[ArticleBrief], ArticleBrief]]:
    """Brief one article inside the block, the same way on the sync and the async path.

    The block calls what it yields on the new brief (`made = paid(briefer.make(article))`),
    which adds its cost to the budget; a ModelError is recorded as that article's failure,
    not raised.
    """

    def paid(made: ArticleBrief) -> ArticleBrief:
        budget.add(made.provenance.usage)
        return made

    try:
        yield paid
    except ModelError as exc:
        _failed(result, budget, exc)


def _brief_sequentially(
    briefer: Briefer, result: Run, stored: Stored, budget: Budget, on_article: Progress | None
) -> None:
    for article in result.articles:
        made = stored[article.article_id]
        if made is None and _affordable(result, budget, article):
            with _charged(result, budget) as paid:
                made = paid(briefer.make(article))
        if made is not None:
            result.briefs.append(made)
        if on_article:
            on_article(article, made)


async def _brief_concurrently(
    briefer: Briefer,
    result: Run,
    stored: Stored,
    budget: Budget,
    on_article: Progress | None,
    concurrency: int,
) -> None:
    made: dict[str, ArticleBrief] = {}
    queue = iter(result.articles)

    async def worker() -> None:
        # `concurrency` workers pull articles in turn: a fixed number of tasks, not one
        # task per article all waiting on a semaphore.
        for article in queue:
            found = stored[article.article_id]
            if found is None and _affordable(result, budget, article):
                with _charged(result, budget) as paid:
                    found = paid(await briefer.amake(article))
            if found is not None:
                made[article.article_id] = found
            if on_article:
                on_article(article, found)

    try:
        await asyncio.gather(*(worker() for _ in range(min(concurrency, len(result.articles)))))
    finally:
        await briefer.aclose_model()
    # Input order, whatever order the answers came in.
    result.briefs.extend(made[a.article_id] for a in result.articles if a.article_id in made)


def _loaded(paths: Iterable[Path | str]) -> Run:
    """A new run holding the articles under `paths`; each input error is logged."""
    result = Run()
    result.articles = load_articles(paths, errors=result.input_errors)
    for error in result.input_errors:
        log.error("%s", error)
    return result


def _concurrency(settings: Settings) -> int:
    if settings.concurrency > 1 and settings.uses_local:
        log.info("the embedded server answers one request at a time: concurrency set to 1")
        return 1
    return settings.concurrency


def run(
    paths: Iterable[Path | str],
    *,
    settings: Settings | None = None,
    on_article: Progress | None = None,
    store: Store | None = None,
    digest_date: str | None = None,
    briefer: Briefer | None = None,
    batch: BatchCost | None = None,
) -> Run:
    """Brief every article under `paths` and merge; a failure costs only its own article.

    The digest and the articles are recorded in the store under `digest_date` (default:
    today), so that later runs and emails can say what changed. `batch`: what the batch
    whose answers the briefs are made from cost, shown with the digest.
    """
    settings = briefer.settings if briefer is not None else Settings.with_overrides(settings)
    result = _loaded(paths)
    if not result.articles:
        result.merge()
        return result
    owned = briefer is None
    briefer = briefer or Briefer(settings, store=store)
    try:
        budget = _budget(briefer, settings)
        stored = briefer.look_up(result.articles)
        concurrency = _concurrency(settings)
        if concurrency > 1:
            asyncio.run(
                _brief_concurrently(briefer, result, stored, budget, on_article, concurrency)
            )
        else:
            _brief_sequentially(briefer, result, stored, budget, on_article)
        result.merge(_synthesizer(briefer, settings), narrative=settings.wants_narrative)
        if batch is not None and result.digest is not None:
            result.digest = result.digest.model_copy(update={"batch": batch})
        result.budget = budget
        result.keep(briefer.store, digest_date)
    finally:
        if owned:
            briefer.close()
    return result


def _synthesizer(briefer: Briefer, settings: Settings) -> Synthesizer | None:
    if not settings.llm_merge:
        return None
    return Synthesizer(lambda: briefer.client(), briefer.store, briefer.model_id)


def summarize(
    paths: Iterable[Path | str],
    *,
    settings: Settings | None = None,
    store: Store | None = None,
    digest_date: str | None = None,
) -> CorpusDigest:
    """Load, brief and merge: the digest of every article under `paths`."""
    digest = run(paths, settings=settings, store=store, digest_date=digest_date).digest
    assert digest is not None
    return digest


async def asummarize(
    paths: Iterable[Path | str],
    *,
    settings: Settings | None = None,
    store: Store | None = None,
    digest_date: str | None = None,
) -> CorpusDigest:
    """Async twin of `summarize`; briefs `settings.concurrency` articles at a time."""
    result = await arun(paths, settings=settings, store=store, digest_date=digest_date)
    assert result.digest is not None
    return result.digest


async def arun(
    paths: Iterable[Path | str],
    *,
    settings: Settings | None = None,
    store: Store | None = None,
    digest_date: str | None = None,
    briefer: Briefer | None = None,
) -> Run:
    """Async twin of `run`."""
    settings = briefer.settings if briefer is not None else Settings.with_overrides(settings)
    result = await asyncio.to_thread(_loaded, list(paths))
    if not result.articles:
        result.merge()
        return result
    owned = briefer is None
    briefer = briefer or Briefer(settings, store=store)
    try:
        budget = _budget(briefer, settings)
        stored = await asyncio.to_thread(briefer.look_up, result.articles)
        await _brief_concurrently(briefer, result, stored, budget, None, _concurrency(settings))
        synthesizer = _synthesizer(briefer, settings)
        await asyncio.to_thread(result.merge, synthesizer, narrative=settings.wants_narrative)
        result.budget = budget
        await asyncio.to_thread(result.keep, briefer.store, digest_date)
        return result
    finally:
        if owned:
            await asyncio.to_thread(briefer.close)
