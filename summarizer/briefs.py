"""Brief articles: cache lookup, one model call (local or remote), grounding, storing."""

from __future__ import annotations

import asyncio
import logging
import math
import threading
from collections.abc import Awaitable, Callable, Generator, Sequence
from typing import TYPE_CHECKING

from .assemble import Answer, Stage, plan, stage_version
from .budget import RateLimiter
from .errors import ModelError, UserError
from .guard import instruction_lines
from .label import Ask, Label, labels_version
from .local import PACKS, LocalServer, ensure_model, model_identity
from .plans import adrive, drive
from .profile import load_profile
from .records import SCHEMA_VERSION, Article, ArticleBrief, Provenance, Usage
from .segment import segment
from .settings import DEFAULT_LOCAL_MODEL, Settings
from .store import Store, brief_key, label_key

if TYPE_CHECKING:  # the openai client is imported only when a model is really called
    from .llm import ModelClient, StructuredClient

__all__ = ["Briefer", "abrief", "brief"]

log = logging.getLogger(__name__)

# Every question holds one sentence: the static prompt (~450 tokens on the 1.5B model's
# tokenizer) plus the sentence and the label. An article's length no longer matters, but
# a "sentence" may be a long unpunctuated line, so room is left for one.
PROMPT_OVERHEAD_TOKENS = 600
CHARS_PER_TOKEN = 3
LONGEST_SENTENCE_CHARS = 6000


class Briefer:
    """Briefs articles under one settings object; reuse it for a whole run.

    It opens the store, and starts the embedded server only when a brief is not cached,
    so a fully cached run never loads a model. Use it as a context manager so the server
    and the store are closed on every exit path.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        store: Store | None = None,
        client: StructuredClient | None = None,
    ) -> None:
        self.settings = Settings.with_overrides(settings)
        self.profile = load_profile(self.settings.profile)
        self._own_store = store is None
        self.store = store if store is not None else Store(self.settings.store_path)
        self._server: LocalServer | None = None
        self._injected = client
        self._lock = threading.Lock()
        self._client: ModelClient | None = None
        if self.settings.uses_local:
            self.model_name = self.settings.model or DEFAULT_LOCAL_MODEL
            if self.model_name not in PACKS and not self.model_name.lower().endswith(".gguf"):
                raise UserError(
                    f"model {self.model_name!r} is neither a local pack ({', '.join(PACKS)}) "
                    "nor a .gguf path; for a remote model set --base-url or OPENAI_API_KEY"
                )
            self.model_id = model_identity(self.model_name)
        else:
            self.model_name = self.model_id = self.settings.remote_model()

    def __enter__(self) -> Briefer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def aclose_model(self) -> None:
        """Close the async connections of the model client (call before the loop ends)."""
        if self._client is not None:
            await self._client.aclose()

    def close_model(self) -> None:
        """Close the model client and stop the embedded server, if they were started."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._server is not None:
            self._server.stop()
            self._server = None

    def close(self) -> None:
        """Release the model and close the store if this object opened it."""
        self.close_model()
        if self._own_store:
            self.store.close()

    @property
    def prompt_version(self) -> str:
        """The label prompts', the stage code's and the profile's versions."""
        return (f"{labels_version()}+stage@{stage_version()}"
                f"+{self.profile.name}@{self.profile.version}")  # fmt: skip

    def cache_key(self, article: Article) -> str:
        """The store key of `article`'s brief under the current prompt, schema and model."""
        return brief_key(
            article_sha256=article.sha256,
            prompt_version=self.prompt_version,
            schema_version=SCHEMA_VERSION,
            model=self.model_id,
            endpoint=self.settings.endpoint_host(),
        )

    def cached(self, article: Article) -> ArticleBrief | None:
        """The stored brief of `article`, relabelled with this article's id and title."""
        if not self.settings.use_cache:
            return None
        stored = self.store.get_brief(self.cache_key(article))
        if stored is None:
            return None
        return stored.model_copy(
            update={
                "article_id": article.article_id,
                "title": article.title,
                "url": article.url,
                "sources": (article.path, *article.duplicate_paths),
            }
        )

    def _context_size(self, longest: int) -> int:
        return context_size(longest, self.settings.max_output_tokens, self.model_name)

    def _limiter(self) -> RateLimiter | None:
        rpm, tpm = self.settings.requests_per_minute, self.settings.tokens_per_minute
        if rpm is None and tpm is None:
            return None
        return RateLimiter(requests_per_minute=rpm, tokens_per_minute=tpm)

    def client(self, longest: int = 0) -> StructuredClient:
        """The model client, starting the embedded server if needed, for inputs this long."""
        with self._lock:  # concurrent briefs share one client and one server
            return self._start_client(longest)

    def _ready(self, longest: int) -> StructuredClient | None:
        """The client, if it is up and big enough for an input this long (no thread hop)."""
        if self._injected is not None:
            return self._injected
        return None if self._client is None or self._too_small(longest) else self._client

    def _too_small(self, longest: int) -> bool:
        """True when the embedded server's context cannot hold an input this long."""
        wanted = self.settings.n_ctx or self._context_size(longest)
        return self._server is not None and self._server.n_ctx < wanted

    def _start_client(self, longest: int) -> StructuredClient:
        if self._injected is not None:
            return self._injected
        from .llm import ModelClient

        if not self.settings.uses_local:
            if self._client is None:
                key = self.settings.api_key.get_secret_value() if self.settings.api_key else None
                self._client = ModelClient(
                    self.settings,
                    base_url=self.settings.base_url,
                    api_key=key or "not-needed",
                    model=self.model_name,
                    limiter=self._limiter(),
                )
            return self._client
        wanted = self.settings.n_ctx or self._context_size(longest)
        if self._too_small(longest):
            log.info("restarting the embedded server with a larger context (%d)", wanted)
            self.close_model()
        if self._server is None:
            path = ensure_model(self.model_name, self.settings.models_dir)
            self._server = LocalServer(
                path,
                n_ctx=wanted,
                n_threads=self.settings.n_threads,
                log_path=self.settings.home / "logs" / "llama-server.log",
                logits_all=self.settings.wants_probabilities,
            ).start()
            self._client = ModelClient(
                self.settings, base_url=self._server.base_url, api_key="local", model=path.stem
            )
        assert self._client is not None
        return self._client

    def look_up(self, articles: Sequence[Article]) -> dict[str, ArticleBrief | None]:
        """Each article's stored brief (None when missing), read once for a whole run.

        When some are missing, the model is started sized for the longest of those.
        """
        found = {a.article_id: self.cached(a) for a in articles}
        missing = [longest_sentence(a) for a in articles if found[a.article_id] is None]
        if missing:
            self.client(max(missing))
        return found

    def label_key(self, question: Ask) -> str:
        """The store key of a label question's answer: its first request body, hashed."""
        from .asking import label_body

        body = label_body(self.settings, self.model_id, question.messages, question.tokens)
        return label_key(body, endpoint=self.settings.endpoint_host())

    def _stored_label(self, key: str) -> Answer | None:
        """A stored answer as a free completion, if reuse is on."""
        return self.stored_answer(key) if self.settings.use_cache else None

    def stored_answer(self, key: str) -> Answer | None:
        """The answer stored under `key` as a free completion (no request, no tokens)."""
        found = self.store.get_label(key)
        if found is None:
            return None
        from .calls import Completion

        return Completion(Label(*found), Usage(), 0, 0.0)

    def _keep(self, key: str, answer: Answer) -> Answer:
        if not isinstance(answer, ModelError):  # a failure is asked again next time
            self.store.put_label(key, answer.value.value, answer.value.probability)
        return answer

    def _asker(self, client: StructuredClient, article: Article) -> Callable[[Ask], Answer]:
        def ask(question: Ask) -> Answer:
            key = self.label_key(question)
            stored = self._stored_label(key)
            if stored is not None:
                return stored
            try:
                return self._keep(key, client.label(question, article_id=article.article_id))
            except ModelError as exc:  # one failed label costs that label, not the brief
                return exc

        return ask

    def _aasker(
        self, client: StructuredClient, article: Article
    ) -> Callable[[Ask], Awaitable[Answer]]:
        async def ask(question: Ask) -> Answer:
            key = self.label_key(question)
            stored = self._stored_label(key)
            if stored is not None:
                return stored
            try:
                answer = await client.alabel(question, article_id=article.article_id)
            except ModelError as exc:
                return exc
            return self._keep(key, answer)

        return ask

    def _plan(self, article: Article) -> Generator[Ask, Answer, Stage]:
        return plan(article, self.profile, min_probability=self.settings.min_label_probability)

    def brief(self, article: Article) -> ArticleBrief:
        """The grounded brief of `article`, from the cache or from the model."""
        stored = self.cached(article)
        return stored if stored is not None else self.make(article)

    async def abrief(self, article: Article) -> ArticleBrief:
        """Async twin of `brief`."""
        stored = self.cached(article)
        return stored if stored is not None else await self.amake(article)

    def make(self, article: Article) -> ArticleBrief:
        """A new brief of `article` from the model, stored for next time (no cache lookup)."""
        client = self.client(longest_sentence(article))
        stage = drive(self._plan(article), self._asker(client, article))
        return self._finish(article, stage, client.mode.value)

    async def amake(self, article: Article) -> ArticleBrief:
        """Async twin of `make`: the same plan, driven by async calls."""
        client = self._ready(longest_sentence(article))
        if client is None:  # starting a server blocks: not on the event loop
            client = await asyncio.to_thread(self.client, longest_sentence(article))
        stage = await adrive(self._plan(article), self._aasker(client, article))
        return self._finish(article, stage, client.mode.value)

    def _finish(self, article: Article, stage: Stage, mode: str) -> ArticleBrief:
        if stage.errors and not stage.answered:  # not one label: the article failed
            raise stage.errors[-1].with_usage(stage.usage)
        warnings: list[str] = []
        for number, line in instruction_lines(article.text):
            warnings.append(
                f"line {number} addresses the model ({line[:80]!r}); it was treated as "
                "article content, not as an instruction"
            )
        for warning in warnings:
            log.warning("%s: %s", article.article_id, warning)
        for note in stage.warnings:
            log.info("%s: %s", article.article_id, note)
        if not stage.answered and not stage.errors:  # nothing asked: a brief of what code found
            log.info("%s: no sentence needed a label", article.article_id)
        evidence = sum(len(p.evidence) for p in stage.positions)
        evidence += sum(len(g.evidence) for g in stage.guarantees)
        evidence += sum(len(u.evidence) for u in stage.uncertainties)
        provenance = Provenance(
            model=self.model_id,
            endpoint=self.settings.endpoint_host(),
            mode=mode,
            prompt_version=self.prompt_version,
            schema_version=SCHEMA_VERSION,
            usage=stage.usage,
            attempts=max(stage.attempts, 1),
            seconds=round(stage.seconds, 3),
            quotes_exact=evidence,
            quotes_aligned=0,
            quotes_dropped=0,
            dropped=tuple(stage.dropped),
            warnings=(*warnings, *stage.warnings),
        )
        result = ArticleBrief(
            article_id=article.article_id,
            title=article.title,
            sources=(article.path, *article.duplicate_paths),
            outlet=article.outlet,
            url=article.url,
            date=article.date,
            article_sha256=article.sha256,
            summary=stage.summary,
            actors=tuple(stage.actors),
            positions=tuple(stage.positions),
            guarantees=tuple(stage.guarantees),
            uncertainties=tuple(stage.uncertainties),
            provenance=provenance,
        )
        self.store.put_brief(self.cache_key(article), result)
        return result


def context_size(longest: int, answer: int, model_name: str) -> int:
    """A context size (tokens) that fits a question about a sentence of `longest` characters.

    `answer` is one answer's room (the merge pass's topic grouping shares the server).
    """
    longest = min(longest, LONGEST_SENTENCE_CHARS)
    tokens = PROMPT_OVERHEAD_TOKENS + longest // CHARS_PER_TOKEN + answer
    size = max(4096, 1024 * math.ceil(tokens / 1024))
    pack = PACKS.get(model_name)
    return min(size, pack.trained_context) if pack else size


def longest_sentence(article: Article) -> int:
    """The length in characters of an article's longest sentence."""
    return max((s.end - s.start for s in segment(article.text)), default=0)


def brief(article: Article, *, settings: Settings | None = None) -> ArticleBrief:
    """Brief one article (cached; starts and stops the embedded model when it is used)."""
    with Briefer(settings) as briefer:
        return briefer.brief(article)


async def abrief(article: Article, *, settings: Settings | None = None) -> ArticleBrief:
    """Async twin of `brief`."""
    briefer = Briefer(settings)
    try:
        return await briefer.abrief(article)
    finally:
        await asyncio.to_thread(briefer.close)
