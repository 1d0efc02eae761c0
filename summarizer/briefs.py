"""Brief articles: cache lookup, one model call (local or remote), grounding, storing."""

from __future__ import annotations

import asyncio
import logging
import math
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .budget import RateLimiter
from .drafts import BriefDraft, GuaranteeChecklist, grounded_text
from .errors import ModelError, UserError
from .grounding import Grounding, ground_checklist, ground_draft, with_checked
from .guard import instruction_lines
from .local import PACKS, LocalServer, ensure_model, model_identity
from .prompts import PromptTemplate, load_prompt
from .schemas import SCHEMA_VERSION, Article, ArticleBrief, DroppedItem, Provenance
from .settings import DEFAULT_LOCAL_MODEL, Settings
from .store import Store, brief_key

if TYPE_CHECKING:  # the openai client is imported only when a model is really called
    from .llm import Completion, ModelClient, StructuredClient

__all__ = ["Briefer", "abrief", "brief"]

log = logging.getLogger(__name__)

# Remote models' contexts vary; 60,000 characters (~15k tokens) fit all current ones.
REMOTE_MAX_CHARS = 60_000
# Tokens of everything but the article (instructions, schema, chat markup), measured on the
# 1.5B model's tokenizer with headroom; articles are estimated at one token per 3 chars.
PROMPT_OVERHEAD_TOKENS = 2300
CHARS_PER_TOKEN = 3
# The validation error instructor sends back with a re-ask, with headroom.
REASK_NOTE_TOKENS = 400


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
        self.settings = Settings.resolve(settings)
        self.prompt: PromptTemplate = load_prompt("brief")
        self.checklist: PromptTemplate | None = (
            load_prompt("guarantees") if self.settings.checks_guarantees else None
        )
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
        """The brief prompt's version, joined by the checklist's when the check is on."""
        if self.checklist is None:
            return self.prompt.version
        return f"{self.prompt.version}+{self.checklist.version}"

    def max_chars(self) -> int:
        """The longest article text the model is given; longer ones are cut, with a warning."""
        if self.settings.max_article_chars is not None:
            return self.settings.max_article_chars
        pack = PACKS.get(self.model_name) if self.settings.uses_local else None
        if pack is None:
            return REMOTE_MAX_CHARS
        room = pack.trained_context - PROMPT_OVERHEAD_TOKENS - self.settings.max_output_tokens
        return room * CHARS_PER_TOKEN

    def fit(self, article: Article) -> Article:
        """`article`, cut at a paragraph or sentence end if it is longer than `max_chars`."""
        limit = self.max_chars()
        if len(article.text) <= limit:
            return article
        head = article.text[:limit]
        cut = max(head.rfind("\n"), head.rfind(". ") + 1)
        cut = cut if cut > limit // 2 else limit
        return article.model_copy(
            update={"text": head[:cut].rstrip(), "truncated_from": len(article.text)}
        )

    def cache_key(self, article: Article) -> str:
        """The store key of `article`'s brief under the current prompt, schema and model."""
        article = self.fit(article)
        # A cut article is a prefix of the original: its length says which prefix.
        cut = f"/{len(article.text)}" if article.truncated_from is not None else ""
        return brief_key(
            article_sha256=article.sha256 + cut,
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

    def needed_context(self, articles: Sequence[Article]) -> int:
        """A context size (tokens) that fits the prompt, the longest article and the answer."""
        return self._context_size(max((len(a.text) for a in articles), default=0))

    def _context_size(self, longest: int) -> int:
        # A re-ask resends the conversation: the first answer and the error come back as prompt.
        answers = (self.settings.max_reasks + 1) * self.settings.max_output_tokens
        reask_notes = REASK_NOTE_TOKENS * self.settings.max_reasks
        tokens = PROMPT_OVERHEAD_TOKENS + longest // CHARS_PER_TOKEN + answers + reask_notes
        size = max(4096, 1024 * math.ceil(tokens / 1024))
        pack = PACKS.get(self.model_name)
        return min(size, pack.trained_context) if pack else size

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
        missing = [len(self.fit(a).text) for a in articles if found[a.article_id] is None]
        if missing:
            self.client(max(missing))
        return found

    def _context(self, article: Article) -> dict[str, Any]:
        """The prompt's values, which are also the validation context of the call."""
        return {
            "article": article.text,
            "article_id": article.article_id,
            "title": article.title,
            "nonce": article.sha256[:12],
        }

    def _checklist_call(
        self, context: dict[str, Any]
    ) -> tuple[type[GuaranteeChecklist], list[dict[str, str]], dict[str, Any]] | None:
        """The guarantee checklist call's arguments after the brief `context`, if it is on."""
        if self.checklist is None:
            return None
        values = {"article": context["article"], "nonce": context["nonce"],
                  "grounded": grounded_text(context)}  # fmt: skip
        return GuaranteeChecklist, self.checklist.render(**values), values

    def brief(self, article: Article) -> ArticleBrief:
        """The grounded brief of `article`, from the cache or from one model call."""
        stored = self.cached(article)
        return stored if stored is not None else self.make(article)

    async def abrief(self, article: Article) -> ArticleBrief:
        """Async twin of `brief`."""
        stored = self.cached(article)
        return stored if stored is not None else await self.amake(article)

    def make(self, article: Article) -> ArticleBrief:
        """A new brief of `article` from the model, stored for next time (no cache lookup)."""
        article = self.fit(article)
        client = self.client(len(article.text))
        context = self._context(article)
        completion = client.extract(
            BriefDraft, self.prompt.render(**context), context, article_id=article.article_id
        )
        checked: Completion[GuaranteeChecklist] | ModelError | None = None
        if (check := self._checklist_call(context)) is not None:
            try:
                checked = client.extract(*check, article_id=article.article_id)
            except ModelError as exc:  # the brief stands without it
                checked = exc
        return self._finish(article, completion, context, client, checked)

    async def amake(self, article: Article) -> ArticleBrief:
        """Async twin of `make`."""
        article = self.fit(article)
        client = self._ready(len(article.text))
        if client is None:  # starting a server blocks: not on the event loop
            client = await asyncio.to_thread(self.client, len(article.text))
        context = self._context(article)
        completion = await client.aextract(
            BriefDraft, self.prompt.render(**context), context, article_id=article.article_id
        )
        checked: Completion[GuaranteeChecklist] | ModelError | None = None
        if (check := self._checklist_call(context)) is not None:
            try:
                checked = await client.aextract(*check, article_id=article.article_id)
            except ModelError as exc:  # the brief stands without it
                checked = exc
        return self._finish(article, completion, context, client, checked)

    def _finish(
        self,
        article: Article,
        completion: Completion[BriefDraft],
        context: dict[str, Any],
        client: StructuredClient,
        checked: Completion[GuaranteeChecklist] | ModelError | None = None,
    ) -> ArticleBrief:
        text = grounded_text(context)
        grounding = ground_draft(completion.value, text)
        usage, attempts, seconds = completion.usage, completion.attempts, completion.seconds
        guarantees = grounding.guarantees
        checklist = Grounding()
        if isinstance(checked, ModelError):
            usage += checked.usage()
            grounding.notes.append(f"the guarantee check failed, kept the brief's own: {checked}")
        elif checked is not None:
            checklist = ground_checklist(checked.value, text)
            guarantees = with_checked(grounding.guarantees, checklist.guarantees)
            usage += checked.usage
            attempts += checked.attempts
            seconds += checked.seconds
        notes = [
            DroppedItem(section=n["section"], label=n["label"], reason=n["reason"], whole_item=True)
            for n in context.get("notes", [])
        ]
        warnings: list[str] = []
        if article.truncated_from is not None:
            warnings.append(
                f"article truncated from {article.truncated_from} to {len(article.text)} "
                "characters to fit the model's context; the rest was not read"
            )
        for number, line in instruction_lines(article.text):
            warnings.append(
                f"line {number} addresses the model ({line[:80]!r}); it was treated as "
                "article content, not as an instruction"
            )
        for warning in warnings:
            log.warning("%s: %s", article.article_id, warning)
        for note in (*grounding.notes, *checklist.notes):
            log.info("%s: %s", article.article_id, note)
            warnings.append(note)
        provenance = Provenance(
            model=self.model_id,
            endpoint=self.settings.endpoint_host(),
            mode=client.mode.value,
            prompt_version=self.prompt_version,
            schema_version=SCHEMA_VERSION,
            usage=usage,
            attempts=attempts,
            seconds=round(seconds, 3),
            quotes_exact=grounding.exact + checklist.exact,
            quotes_aligned=grounding.aligned + checklist.aligned,
            quotes_dropped=grounding.failed + checklist.failed,
            dropped=(*notes, *grounding.dropped, *checklist.dropped),
            warnings=tuple(warnings),
        )
        result = ArticleBrief(
            article_id=article.article_id,
            title=article.title,
            sources=(article.path, *article.duplicate_paths),
            outlet=article.outlet,
            url=article.url,
            date=article.date,
            article_sha256=article.sha256,
            summary=completion.value.summary.strip(),
            actors=tuple(grounding.actors),
            positions=tuple(grounding.positions),
            guarantees=tuple(guarantees),
            uncertainties=tuple(grounding.uncertainties),
            provenance=provenance,
        )
        self.store.put_brief(self.cache_key(article), result)
        return result


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
