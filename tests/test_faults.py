"""Faults from the endpoint, one by one, against the scripted loopback server.

Each test counts the requests the server received, so a doubled retry layer would show.
"""

from __future__ import annotations

from typing import Any

import pytest

from summarizer.errors import EndpointError, ModelOutputError
from summarizer.llm import ModelClient
from summarizer.prompts import load_prompt
from summarizer.settings import Settings
from summarizer.validation import CallContext

from .conftest import FIXTURES, SEED_FILES, draft_for
from .drafts import BriefDraft
from .stub_server import Reply, StubServer, completion

TEXT = SEED_FILES[0].read_text(encoding="utf-8").strip()
GOOD = completion(draft_for(TEXT), prompt_tokens=1000, completion_tokens=300)


def _extract(stub: StubServer, **settings: Any) -> tuple[Any, list[float]]:
    waits: list[float] = []
    config = {"transport_retries": 2, "max_reasks": 1, **settings}
    client = ModelClient(
        Settings(base_url=stub.base_url, model="stub", **config),
        base_url=stub.base_url, api_key="k", model="stub", sleep=waits.append,
    )  # fmt: skip
    values = {"article": TEXT, "article_id": "a1", "title": "T", "nonce": "n"}
    try:
        return client.extract(BriefDraft, load_prompt("brief", FIXTURES / "prompts").render(**values),
                              CallContext(article=TEXT),
                              article_id="a1"), waits  # fmt: skip
    finally:
        client.close()


def test_hang_past_the_timeout_is_retried_then_reported(stub: StubServer) -> None:
    stub.default = Reply(delay=5.0, body=GOOD)
    with pytest.raises(EndpointError, match="APITimeoutError"):
        _extract(stub, timeout=0.2)
    assert len(stub.requests) == 3


def test_a_reset_connection_is_retried(stub: StubServer) -> None:
    stub.enqueue(Reply(reset=True), Reply(body=GOOD))
    result, waits = _extract(stub)
    assert len(stub.requests) == 2 and len(waits) == 1
    assert result.usage.requests == 2


def test_503_then_success_costs_one_retry(stub: StubServer) -> None:
    stub.enqueue(Reply(status=503, body={"error": {"message": "busy"}}), Reply(body=GOOD))
    result, _ = _extract(stub)
    assert len(stub.requests) == 2 and result.usage.prompt_tokens == 1000


def test_truncated_response_body_is_a_transport_failure(stub: StubServer) -> None:
    stub.default = Reply(body='{"id": "chatcmpl-1", "object": "chat.comp')
    with pytest.raises(EndpointError, match="truncated response body"):
        _extract(stub)
    assert len(stub.requests) == 3  # transport retries only; no re-ask of the conversation


def test_invalid_json_in_the_answer_is_re_asked(stub: StubServer) -> None:
    stub.enqueue(Reply(body=completion("{not json at all", prompt_tokens=900)), Reply(body=GOOD))
    result, _ = _extract(stub)
    assert result.attempts == 2 and len(stub.requests) == 2
    assert result.usage.prompt_tokens == 1900  # the failed attempt is paid for too


def test_schema_violating_answer_is_re_asked_within_the_bound(stub: StubServer) -> None:
    stub.default = Reply(body=completion({"actors": "nobody"}, prompt_tokens=700))
    with pytest.raises(ModelOutputError) as caught:
        _extract(stub, max_reasks=2)
    assert len(stub.requests) == 3
    assert caught.value.attempts == 3 and caught.value.prompt_tokens == 2100
    assert caught.value.raw_output == '{"actors": "nobody"}'


def test_empty_choices_fail_without_a_loop(stub: StubServer) -> None:
    empty = {**GOOD, "choices": []}
    stub.default = Reply(body=empty)
    with pytest.raises(ModelOutputError, match="No choices"):
        _extract(stub)
    assert len(stub.requests) == 1


def test_a_refusal_is_reported_as_model_output(stub: StubServer) -> None:
    refusal = {**GOOD, "choices": [{"index": 0, "finish_reason": "stop", "message": {
        "role": "assistant", "content": None, "refusal": "I can't help with that."}}]}  # fmt: skip
    stub.default = Reply(body=refusal)
    with pytest.raises(ModelOutputError):
        _extract(stub, max_reasks=0)
    assert len(stub.requests) == 1
