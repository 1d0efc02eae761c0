"""The one path to models: the `openai` client, wrapped by `instructor`, against any base URL.

Two retry layers, one per failure kind, and no others: transport failures (429, 5xx,
timeouts, resets) are retried here by tenacity around each HTTP call, honouring
Retry-After, with the openai client's own retries off; output that fails validation is
re-asked by instructor, at most `max_reasks` times. Tokens are summed from the
`completion:response` hook, so failed attempts are paid for in the figures too.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, Protocol, TypeVar

import instructor
import openai
from instructor.core.exceptions import InstructorError
from openai.types.chat import ChatCompletion
from pydantic import BaseModel
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from ._instructor_compat import prepared, remembered_validator_checks
from .asking import advance, label_steps
from .budget import RateLimiter
from .calls import Completion, Tally, clip
from .errors import EndpointError, ModelOutputError
from .label import Ask, Label
from .settings import RequestMode, Settings
from .validation import CallContext, validating

__all__ = ["Completion", "ModelClient", "StructuredClient", "retry_after_seconds"]

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)
V = TypeVar("V")

# instructor's finished request is posted as it is, through the client's documented
# `post()` for custom requests: `chat.completions.create` would first walk every field
# against its typed parameters (~2 ms per brief for the schema and messages, the largest
# cost on our side of a call) to produce the same JSON.
_CHAT = "/chat/completions"

_MODES = {
    RequestMode.TOOLS: instructor.Mode.TOOLS,
    RequestMode.JSON_SCHEMA: instructor.Mode.JSON_SCHEMA,
    RequestMode.JSON: instructor.Mode.JSON,
}


class TruncatedResponse(Exception):
    """The endpoint's HTTP body ended before its JSON did: a transport failure, retried."""


class StructuredClient(Protocol):
    """What briefing needs from a model client (ModelClient, or a fake in tests)."""

    @property
    def mode(self) -> RequestMode: ...

    def extract(
        self,
        response_model: type[T],
        messages: list[dict[str, Any]],
        context: CallContext,
        *,
        article_id: str | None = None,
    ) -> Completion[T]: ...

    async def aextract(
        self,
        response_model: type[T],
        messages: list[dict[str, Any]],
        context: CallContext,
        *,
        article_id: str | None = None,
    ) -> Completion[T]: ...

    def label(self, ask: Ask, *, article_id: str | None = None) -> Completion[Label]: ...

    async def alabel(self, ask: Ask, *, article_id: str | None = None) -> Completion[Label]: ...


def retry_after_seconds(error: BaseException) -> float | None:
    """Seconds the server asked us to wait (Retry-After / retry-after-ms), if it said."""
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(float(millis) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        if parsed is None:
            return None
        return max(parsed.timestamp() - time.time(), 0.0)


class ModelClient:
    """Structured calls to one model at one OpenAI-compatible endpoint."""

    def __init__(
        self,
        settings: Settings,
        *,
        base_url: str | None,
        api_key: str,
        model: str,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.settings = settings
        self.model = model
        self.mode = settings.request_mode()
        self._base_url = base_url
        self._api_key = api_key
        self._sleep = sleep
        self._async_sleep = async_sleep
        self.limiter = limiter
        self._sync: openai.OpenAI | None = None
        self._async: tuple[asyncio.AbstractEventLoop, openai.AsyncOpenAI] | None = None

    def _transient(self, error: BaseException) -> bool:
        if isinstance(error, openai.APIConnectionError | TruncatedResponse):  # timeouts, resets
            return True
        if isinstance(error, openai.APIStatusError):
            if error.status_code not in (408, 409, 429) and error.status_code < 500:
                return False
            wait = retry_after_seconds(error)
            # A server that asks for a longer pause than we may wait is not hammered.
            return wait is None or wait <= self.settings.backoff_max
        return False

    def _wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        asked = retry_after_seconds(error) if error else None
        if asked is not None:
            return asked
        backoff = wait_exponential_jitter(initial=1, max=self.settings.backoff_max)
        return float(backoff(state))

    def _retry_policy(self) -> dict[str, Any]:
        return {
            "stop": stop_after_attempt(self.settings.transport_retries + 1),
            "wait": self._wait,
            "retry": retry_if_exception(self._transient),
            "reraise": True,
            "before_sleep": lambda s: log.warning(
                "transient error (%s); retry %d of %d",
                s.outcome.exception() if s.outcome else "?",
                s.attempt_number,
                self.settings.transport_retries,
            ),
        }

    def _openai_kwargs(self) -> dict[str, Any]:
        return {
            "base_url": self._base_url,
            "api_key": self._api_key,
            "max_retries": 0,  # tenacity below is the only transport-retry layer
            "timeout": self.settings.timeout,
        }

    def close(self) -> None:
        """Close the HTTP connections of the sync client, if one was opened."""
        if self._sync is not None:
            self._sync.close()
            self._sync = None

    def _client(self) -> openai.OpenAI:
        if self._sync is None:
            self._sync = openai.OpenAI(**self._openai_kwargs())
        return self._sync

    def _request(
        self,
        response_model: type[T],
        messages: list[dict[str, Any]],
        tally: Tally,
    ) -> dict[str, Any]:
        request: dict[str, Any] = {
            "model": self.model,
            "response_model": prepared(response_model),
            "messages": messages,
            "max_retries": self.settings.max_reasks,
            "strict": False,
            "hooks": tally.hooks(),
            "max_tokens": self.settings.max_output_tokens,
            "temperature": self.settings.temperature,
        }
        if self.settings.seed is not None:
            request["seed"] = self.settings.seed
        return request

    def extract(
        self,
        response_model: type[T],
        messages: list[dict[str, Any]],
        context: CallContext,
        *,
        article_id: str | None = None,
    ) -> Completion[T]:
        """Ask for `response_model` with the finished `messages`.

        `context` is the validation context (see `validation`); validators may write notes
        into it, and the last allowed attempt sets `context.lenient`.
        """
        tally = Tally(context=context, max_attempts=self.settings.max_reasks + 1)
        http = self._client()

        def create_with_retries(**kwargs: Any) -> Any:
            def one_request() -> Any:
                if self.limiter is not None:
                    self.limiter.acquire(_estimate(kwargs), sleep=self._sleep)
                tally.requests += 1
                try:
                    return http.post(_CHAT, cast_to=ChatCompletion, body=kwargs)
                except json.JSONDecodeError as exc:  # else instructor would re-ask for it
                    raise TruncatedResponse(f"truncated response body: {exc}") from exc

            return Retrying(sleep=self._sleep, **self._retry_policy())(one_request)

        mode = _MODES[self.mode]
        patched = instructor.patch(create=create_with_retries, mode=mode)
        client = instructor.Instructor(client=self._client(), create=patched, mode=mode)
        started = time.perf_counter()
        with self._failing(tally, article_id), validating(context), remembered_validator_checks():
            value = client.create(**self._request(response_model, messages, tally))
        return Completion(value, tally.usage(), tally.attempts, time.perf_counter() - started)

    async def aextract(
        self,
        response_model: type[T],
        messages: list[dict[str, Any]],
        context: CallContext,
        *,
        article_id: str | None = None,
    ) -> Completion[T]:
        """Async twin of `extract`; each call keeps its own counters."""
        tally = Tally(context=context, max_attempts=self.settings.max_reasks + 1)
        client = self._async_client()

        async def create_with_retries(**kwargs: Any) -> Any:
            async def one_request() -> Any:
                if self.limiter is not None:
                    await self.limiter.aacquire(_estimate(kwargs), sleep=self._async_sleep)
                tally.requests += 1
                try:
                    return await client.post(_CHAT, cast_to=ChatCompletion, body=kwargs)
                except json.JSONDecodeError as exc:
                    raise TruncatedResponse(f"truncated response body: {exc}") from exc

            retrying = AsyncRetrying(sleep=self._async_sleep, **self._retry_policy())
            return await retrying(one_request)

        mode = _MODES[self.mode]
        patched = instructor.patch(create=create_with_retries, mode=mode)
        wrapped = instructor.AsyncInstructor(client=client, create=patched, mode=mode)
        started = time.perf_counter()
        with self._failing(tally, article_id), validating(context), remembered_validator_checks():
            value = await wrapped.create(**self._request(response_model, messages, tally))
        return Completion(value, tally.usage(), tally.attempts, time.perf_counter() - started)

    def label(self, ask: Ask, *, article_id: str | None = None) -> Completion[Label]:
        """One label for `ask`: a plain one-word answer, re-asked when it names no choice."""
        tally = Tally(context=CallContext(), max_attempts=self.settings.max_reasks + 1)
        http = self._client()

        def one_request(body: dict[str, Any]) -> Any:
            if self.limiter is not None:
                self.limiter.acquire(_estimate(body), sleep=self._sleep)
            tally.requests += 1
            return http.post(_CHAT, cast_to=ChatCompletion, body=body)

        started = time.perf_counter()
        steps = label_steps(self.settings, self.model, ask, tally, article_id)
        body: dict[str, Any] | Completion[Label] = next(steps)
        while not isinstance(body, Completion):
            with self._failing(tally, article_id):
                response = Retrying(sleep=self._sleep, **self._retry_policy())(one_request, body)
            body = advance(steps, response, tally, started)
        return body

    async def alabel(self, ask: Ask, *, article_id: str | None = None) -> Completion[Label]:
        """Async twin of `label`: the same steps, the requests awaited."""
        tally = Tally(context=CallContext(), max_attempts=self.settings.max_reasks + 1)
        client = self._async_client()

        async def one_request(body: dict[str, Any]) -> Any:
            if self.limiter is not None:
                await self.limiter.aacquire(_estimate(body), sleep=self._async_sleep)
            tally.requests += 1
            return await client.post(_CHAT, cast_to=ChatCompletion, body=body)

        started = time.perf_counter()
        steps = label_steps(self.settings, self.model, ask, tally, article_id)
        body: dict[str, Any] | Completion[Label] = next(steps)
        while not isinstance(body, Completion):
            with self._failing(tally, article_id):
                retrying = AsyncRetrying(sleep=self._async_sleep, **self._retry_policy())
                response: Any = await retrying(one_request, body)
            body = advance(steps, response, tally, started)
        return body

    def _async_client(self) -> openai.AsyncOpenAI:
        # One client per event loop: its connections (and SSL context, ~25 ms to build)
        # are shared by every concurrent call instead of made per call.
        loop = asyncio.get_running_loop()
        if self._async is None or self._async[0] is not loop:
            self._async = (loop, openai.AsyncOpenAI(**self._openai_kwargs()))
        return self._async[1]

    async def aclose(self) -> None:
        """Close the async client of the running loop, if one was opened."""
        if self._async is not None:
            _, client = self._async
            self._async = None
            await client.close()

    @contextmanager
    def _failing(self, tally: Tally, article_id: str | None) -> Iterator[None]:
        """Raise what fails inside the block as our error (see `_raise`).

        One place for the sync and async calls; instructor wraps transport errors too, and
        this sorts them out.
        """
        try:
            yield
        except Exception as exc:
            self._raise(exc, tally, article_id)

    def _raise(self, exc: Exception, tally: Tally, article_id: str | None) -> NoReturn:
        """Raise our error for `exc`, chained to it; or `exc` itself, unchained.

        An exception we do not recognise is raised as it is: raising it "from" itself
        made it its own cause, and a loop walking causes would never end.
        """
        error = self._error(exc, tally, article_id)
        if error is exc:
            raise exc
        raise error from exc

    def _error(self, exc: Exception, tally: Tally, article_id: str | None) -> Exception:
        cause: BaseException = exc
        seen = {id(cause)}
        while (
            cause.__cause__ is not None
            and id(cause.__cause__) not in seen
            and not isinstance(cause, openai.APIError | TruncatedResponse)
        ):
            cause = cause.__cause__
            seen.add(id(cause))
        counts = {
            "article_id": article_id,
            "attempts": max(tally.attempts, 1),
            "requests": tally.requests,
            "prompt_tokens": tally.prompt_tokens,
            "completion_tokens": tally.completion_tokens,
        }
        if isinstance(cause, openai.APIError | TruncatedResponse):
            detail = f"HTTP {cause.status_code}" if isinstance(cause, openai.APIStatusError) else ""
            return EndpointError(
                f"endpoint failed after {tally.requests} request(s): {type(cause).__name__}"
                f" {detail} {clip(str(cause))}".rstrip(),
                **counts,  # type: ignore[arg-type]
            )
        if isinstance(exc, InstructorError):
            last = tally.errors[-1] if tally.errors else clip(str(exc))
            return ModelOutputError(
                f"model output failed validation after {tally.attempts} attempt(s): {last}",
                raw_output=tally.last_output,
                **counts,
            )
        return exc


def _estimate(request: dict[str, Any]) -> int:
    """Tokens a request may use, for rate limiting: its text at ~4 characters a token."""
    sent = json.dumps(request.get("messages", []), default=str) + json.dumps(
        request.get("tools", request.get("response_format", "")), default=str
    )
    return len(sent) // 4 + int(request.get("max_tokens") or 0)
