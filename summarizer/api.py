"""`Summarizer`: one object for a dashboard or a script, built once from settings.

It owns one store connection and, lazily, one model client (and the embedded server when
no endpoint is configured), so repeated calls reuse both. Close it, or use it as a
(async) context manager.

    with Summarizer() as s:
        digest = s.summarize(["seeds/"])
        rows = s.position_rows()            # the latest stored digest, as plain rows
        history = s.actor_history("Costa")  # his positions across every stored digest
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from . import rows
from .articles import load_article, load_articles
from .briefs import Briefer
from .corpus import CorpusDigest
from .errors import InputError, NoDigestError, UserError
from .identity import name_key
from .mail import Delivery, deliver
from .merge import merge
from .pipeline import Run, arun, run
from .records import Article, ArticleBrief
from .settings import Settings
from .store import Store, StoredDigest

__all__ = ["Summarizer"]

Row = dict[str, Any]


class Summarizer:
    """Briefs, digests and the run store behind one object.

    Every method that reads a digest takes an optional one and falls back to the latest
    stored digest, so a dashboard can start with `Summarizer().position_rows()`.
    """

    def __init__(self, settings: Settings | None = None, **overrides: Any) -> None:
        self.settings = Settings.with_overrides(settings, **overrides)
        self._store: Store | None = None
        self._briefer: Briefer | None = None
        self._lock = threading.Lock()

    # --- lifecycle ---

    @property
    def store(self) -> Store:
        """The run store (opened on first use)."""
        with self._lock:
            if self._store is None:
                self._store = Store(self.settings.store_path)
            return self._store

    def _get_briefer(self) -> Briefer:
        store = self.store
        with self._lock:
            if self._briefer is None:
                self._briefer = Briefer(self.settings, store=store)
            return self._briefer

    def close(self) -> None:
        """Stop the model (if started) and close the store."""
        with self._lock:
            briefer, store = self._briefer, self._store
            self._briefer = self._store = None
        if briefer is not None:
            briefer.close()
        if store is not None:
            store.close()

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> Summarizer:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.to_thread(self.close)

    # --- briefs and digests ---

    @staticmethod
    def load(paths: Iterable[Path | str], errors: list[InputError] | None = None) -> list[Article]:
        """The articles under `paths` (bad files go to `errors`, or raise when it is None)."""
        return load_articles(paths, errors=errors)

    def brief(self, article: Article | Path | str) -> ArticleBrief:
        """The grounded brief of one article (an Article or a file path), cached."""
        if not isinstance(article, Article):
            article = load_article(article)
        return self._get_briefer().brief(article)

    async def abrief(self, article: Article | Path | str) -> ArticleBrief:
        """Async twin of `brief`."""
        if not isinstance(article, Article):
            article = await asyncio.to_thread(load_article, article)
        briefer = await asyncio.to_thread(self._get_briefer)
        try:
            return await briefer.abrief(article)
        finally:
            await briefer.aclose_model()

    def run(
        self, paths: Iterable[Path | str], *, digest_date: str | None = None,
        from_batch: bool = False,
    ) -> Run:  # fmt: skip
        """Brief and merge everything under `paths`, keeping the digest in the store.

        `from_batch`: make the briefs from the answers the last `summarize batch collect`
        stored, with no model call; an article with a question unanswered fails with its
        reason, and the digest shows what the batch cost.
        """
        if not from_batch:
            return run(paths, briefer=self._get_briefer(), digest_date=digest_date)
        from .batch import AnswersOnly, last_collection

        cost = last_collection(self.store)
        if cost is None:
            raise UserError("no batch collected yet: run `summarize batch collect` first")
        settings = Settings.with_overrides(self.settings, llm_merge=False)  # no model at all
        with AnswersOnly(settings, store=self.store) as answers:
            return run(paths, briefer=answers, digest_date=digest_date, batch=cost)

    async def arun(self, paths: Iterable[Path | str], *, digest_date: str | None = None) -> Run:
        """Async twin of `run`."""
        briefer = await asyncio.to_thread(self._get_briefer)
        return await arun(paths, briefer=briefer, digest_date=digest_date)

    def summarize(
        self, paths: Iterable[Path | str], *, digest_date: str | None = None
    ) -> CorpusDigest:
        """The digest of everything under `paths` (stored under `digest_date`, default today)."""
        digest = self.run(paths, digest_date=digest_date).digest
        assert digest is not None
        return digest

    async def asummarize(
        self, paths: Iterable[Path | str], *, digest_date: str | None = None
    ) -> CorpusDigest:
        """Async twin of `summarize`."""
        digest = (await self.arun(paths, digest_date=digest_date)).digest
        assert digest is not None
        return digest

    @staticmethod
    def merge(briefs: Sequence[ArticleBrief]) -> CorpusDigest:
        """Merge briefs into a digest: deterministic, no model call, nothing stored."""
        return merge(briefs)

    @staticmethod
    async def amerge(briefs: Sequence[ArticleBrief]) -> CorpusDigest:
        """Async twin of `merge` (runs in a worker thread so a large merge blocks no loop)."""
        return await asyncio.to_thread(merge, briefs)

    # --- stored digests ---

    def latest_digest(self) -> CorpusDigest | None:
        """The most recent stored digest, or None."""
        stored = self.store.latest_digest()
        return stored.digest if stored else None

    def digest_on(self, date: str) -> CorpusDigest | None:
        """The last digest stored on `date` (YYYY-MM-DD), or None."""
        found = self.store.digests(on=date, limit=1)
        return found[0].digest if found else None

    def stored_digests(self, limit: int | None = None) -> list[StoredDigest]:
        """Stored digests, newest first (each parses its JSON only when `.digest` is read)."""
        return self.store.digests(limit=limit)

    def digest_rows(self, limit: int | None = None) -> list[Row]:
        """One row per stored digest: id, date, hash, article count, when it was made."""
        return [
            {"id": d.id, "date": d.digest_date, "sha256": d.sha256,
             "article_count": d.article_count, "created_at": d.created_at}
            for d in self.store.digests(limit=limit)
        ]  # fmt: skip

    def actor_history(self, name: str) -> list[Row]:
        """An actor's positions across every stored digest, oldest first.

        `name` matches a merged actor's name or any alias, ignoring case and accents.
        """
        wanted = name_key(name)
        out: list[Row] = []
        for stored in reversed(self.store.digests()):
            digest = stored.digest
            names = {
                actor.name
                for actor in digest.actors
                if wanted in {name_key(actor.name), *(name_key(a) for a in actor.aliases)}
            }
            out.extend(
                {
                    "digest_id": stored.id,
                    "date": stored.digest_date,
                    "actor": position.actor,
                    "topic": position.topic,
                    "polarities": list(position.polarities),
                    "articles": list(position.articles),
                    "stances": [e.stance for e in position.entries],
                }
                for position in digest.positions
                if position.actor in names
            )
        return out

    def _digest(self, digest: CorpusDigest | None) -> CorpusDigest:
        if digest is not None:
            return digest
        latest = self.latest_digest()
        if latest is None:
            raise NoDigestError(f"no digest stored in {self.settings.store_path} yet")
        return latest

    def position_rows(self, digest: CorpusDigest | None = None) -> list[Row]:
        """`rows.position_rows` of `digest` (default: the latest stored one)."""
        return rows.position_rows(self._digest(digest))

    def guarantee_rows(self, digest: CorpusDigest | None = None) -> list[Row]:
        """`rows.guarantee_rows` of `digest` (default: the latest stored one)."""
        return rows.guarantee_rows(self._digest(digest))

    def actor_rows(self, digest: CorpusDigest | None = None) -> list[Row]:
        """`rows.actor_rows` of `digest` (default: the latest stored one)."""
        return rows.actor_rows(self._digest(digest))

    def coverage_rows(self, digest: CorpusDigest | None = None) -> list[Row]:
        """`rows.coverage_rows` of `digest` (default: the latest stored one)."""
        return rows.coverage_rows(self._digest(digest))

    def disagreement_rows(self, digest: CorpusDigest | None = None) -> list[Row]:
        """`rows.disagreement_rows` of `digest` (default: the latest stored one)."""
        return rows.disagreement_rows(self._digest(digest))

    # --- email ---

    def email(
        self,
        digest: StoredDigest | None = None,
        *,
        recipients: tuple[str, ...] | None = None,
        dry_run: Path | None = None,
        force: bool = False,
    ) -> Delivery:
        """Email a stored digest (default: the latest); see `summarizer.mail.deliver`."""
        stored = digest or self.store.latest_digest()
        if stored is None:
            raise NoDigestError(f"no digest stored in {self.settings.store_path} yet")
        return deliver(
            stored, self.store, self.settings, recipients=recipients, dry_run=dry_run, force=force
        )
