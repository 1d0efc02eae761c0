"""The model layer over real HTTP against a scripted loopback endpoint (no model)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from summarizer.errors import EndpointError, ModelOutputError
from summarizer.llm import ModelClient, retry_after_seconds
from summarizer.prompts import load_prompt
from summarizer.settings import RequestMode, Settings
from summarizer.validation import CallContext

from .conftest import FIXTURES, SEED_FILES, draft_for
from .drafts import BriefDraft
from .stub_server import Reply, StubServer, completion, text_completion

TEXT = SEED_FILES[0].read_text(encoding="utf-8").strip()


def _client(stub: StubServer, waits: list[float], **settings: Any) -> ModelClient:
    return ModelClient(
        Settings(base_url=stub.base_url, model="stub", **settings),
        base_url=stub.base_url,
        api_key="sk-sentinel-not-a-real-key",
        model="stub",
        sleep=waits.append,
    )


def _call(client: ModelClient, text: str = TEXT) -> Any:
    prompt = load_prompt("brief", FIXTURES / "prompts")
    values = {"article": text, "article_id": "a1", "title": "T", "nonce": "n0"}
    context = CallContext(article=text)
    return client.extract(BriefDraft, prompt.render(**values), context, article_id="a1"), context


def test_a_valid_answer_takes_one_request(stub: StubServer) -> None:
    stub.enqueue(Reply(body=completion(draft_for(TEXT), prompt_tokens=900, completion_tokens=300)))
    waits: list[float] = []
    result, _ = _call(_client(stub, waits))
    assert len(stub.requests) == 1 and waits == []
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (900, 300)
    assert result.attempts == 1
    body = stub.requests[0]["body"]
    assert body["tool_choice"]["function"]["name"] == "BriefDraft"
    assert body["max_tokens"] == 2048 and body["temperature"] == 0
    assert stub.requests[0]["headers"]["authorization"] == "Bearer sk-sentinel-not-a-real-key"


def test_429_waits_as_long_as_retry_after_says_then_retries_once(stub: StubServer) -> None:
    stub.enqueue(
        Reply(status=429, body={"error": {"message": "slow down"}}, headers={"Retry-After": "7"}),
        Reply(body=completion(draft_for(TEXT))),
    )
    waits: list[float] = []
    result, _ = _call(_client(stub, waits))
    assert waits == [7.0]
    assert len(stub.requests) == 2 and result.usage.requests == 2


def test_server_errors_back_off_and_give_up_after_the_bound(stub: StubServer) -> None:
    stub.default = Reply(status=503, body={"error": {"message": "overloaded"}})
    waits: list[float] = []
    with pytest.raises(EndpointError) as caught:
        _call(_client(stub, waits, transport_retries=2))
    # One layer of retries: 1 + 2 requests, not multiplied by openai's or instructor's own.
    assert len(stub.requests) == 3 and len(waits) == 2
    assert all(0 < w <= 60 for w in waits)
    assert "HTTP 503" in str(caught.value) and caught.value.article_id == "a1"


def test_client_errors_are_not_retried(stub: StubServer) -> None:
    stub.enqueue(Reply(status=400, body={"error": {"message": "bad request"}}))
    with pytest.raises(EndpointError, match="HTTP 400"):
        _call(_client(stub, []))
    assert len(stub.requests) == 1


def test_retry_after_beyond_the_longest_wait_is_not_hammered(stub: StubServer) -> None:
    stub.enqueue(
        Reply(status=429, body={"error": {"message": "later"}}, headers={"Retry-After": "3600"})
    )
    with pytest.raises(EndpointError):
        _call(_client(stub, []))
    assert len(stub.requests) == 1


def test_invalid_output_is_re_asked_and_every_attempt_is_paid_for(stub: StubServer) -> None:
    bad = draft_for(TEXT)
    bad["positions"][0]["actor"] = "Olaf Scholz"
    stub.enqueue(
        Reply(body=completion(bad, prompt_tokens=1000, completion_tokens=400)),
        Reply(body=completion(draft_for(TEXT), prompt_tokens=1500, completion_tokens=380)),
    )
    result, _ = _call(_client(stub, [], max_reasks=1))
    assert result.attempts == 2 and len(stub.requests) == 2
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (2500, 780)
    reask = stub.requests[1]["body"]["messages"]
    assert "Olaf Scholz" in json.dumps(reask[-1]) and "not one of the actors" in json.dumps(reask)


def test_last_attempt_is_lenient_and_notes_what_it_dropped(stub: StubServer) -> None:
    bad = draft_for(TEXT)
    bad["positions"][0]["actor"] = "Olaf Scholz"
    stub.enqueue(Reply(body=completion(bad)))
    result, context = _call(_client(stub, [], max_reasks=0))
    assert len(result.value.positions) == 1
    assert context.notes[0]["section"] == "positions"
    assert "Olaf Scholz" in context.notes[0]["reason"]


def test_concurrent_async_calls_each_validate_against_their_own_article(
    stub: StubServer,
) -> None:
    # The validation context travels in a ContextVar: two calls in flight at once must not
    # see each other's article, lenient flag or notes.
    import asyncio
    import threading

    bad = draft_for(TEXT)
    bad["positions"][0]["actor"] = "Olaf Scholz"
    second_sent = threading.Event()

    def answer(body: dict[str, Any]) -> Reply:  # "a" is answered only once "b" is in flight
        if "Article id: a\n" in body["messages"][-1]["content"]:
            second_sent.wait(10)
            return Reply(body=completion(bad))
        second_sent.set()
        return Reply(body=completion(draft_for(TEXT)))

    stub.enqueue(answer, answer)
    client = _client(stub, [], max_reasks=0)
    prompt = load_prompt("brief", FIXTURES / "prompts")
    values = [
        {"article": TEXT, "article_id": name, "title": "T", "nonce": "n0"} for name in ("a", "b")
    ]
    contexts = [CallContext(article=TEXT) for _ in values]

    async def both() -> list[Any]:
        calls = [
            client.aextract(BriefDraft, prompt.render(**v), c)
            for v, c in zip(values, contexts, strict=True)
        ]
        results = await asyncio.gather(*calls)
        await client.aclose()
        return results

    first, second = asyncio.run(both())
    assert [len(first.value.positions), len(second.value.positions)] == [1, 2]
    assert "Olaf Scholz" in contexts[0].notes[0]["reason"]
    assert contexts[1].notes == []


def test_output_that_never_parses_fails_with_the_raw_output(stub: StubServer) -> None:
    stub.default = Reply(body=completion('{"actors": [{"name": "tru'))
    with pytest.raises(ModelOutputError) as caught:
        _call(_client(stub, [], max_reasks=1))
    assert len(stub.requests) == 2
    assert caught.value.raw_output == '{"actors": [{"name": "tru'
    assert caught.value.attempts == 2 and caught.value.prompt_tokens == 200


def test_template_syntax_in_an_article_reaches_the_model_verbatim(stub: StubServer) -> None:
    hostile = TEXT + "\n{{ 7 * 7 }} {% raw %} {#"
    stub.enqueue(Reply(body=completion(draft_for(TEXT))))
    _call(_client(stub, []), hostile)
    user = stub.requests[0]["body"]["messages"][-1]["content"]
    assert "{{ 7 * 7 }} {% raw %} {#" in user and "49" not in user


def test_json_schema_mode_sends_the_schema_as_response_format(stub: StubServer) -> None:
    answer = completion(draft_for(TEXT))
    message = answer["choices"][0]["message"]
    message["content"] = message.pop("tool_calls")[0]["function"]["arguments"]
    stub.enqueue(Reply(body=answer))
    _call(_client(stub, [], mode=RequestMode.JSON_SCHEMA))
    body = stub.requests[0]["body"]
    assert "tools" not in body
    assert body["response_format"]["type"] == "json_schema"
    schema = body["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["actors"]["maxItems"] == 5


def test_retry_after_parsing() -> None:
    class Response:
        def __init__(self, headers: dict[str, str]) -> None:
            self.headers = headers

    class Error(Exception):
        def __init__(self, headers: dict[str, str]) -> None:
            self.response = Response(headers)

    assert retry_after_seconds(Error({"retry-after": "2.5"})) == 2.5
    assert retry_after_seconds(Error({"retry-after-ms": "1500"})) == 1.5
    assert retry_after_seconds(Error({"retry-after": "Thu, 01 Jan 1970 00:00:00 GMT"})) == 0.0
    assert retry_after_seconds(Error({})) is None
    assert retry_after_seconds(ValueError()) is None


def test_the_async_validator_check_is_remembered_during_our_calls_only(stub: StubServer) -> None:
    # The compat module binds a per-class memo in every instructor module that imported the
    # check by name, while one of our calls runs; other users of instructor get it back.
    import sys

    from instructor.v2.validation import async_validators
    from pydantic import BaseModel

    from summarizer import _instructor_compat as compat

    original = async_validators.reject_async_validators
    seen: list[bool] = []

    def spy(payload: dict[str, Any]) -> Reply:
        seen.append(hasattr(async_validators.reject_async_validators, "__wrapped__"))
        return Reply(body=completion(draft_for(TEXT)))

    stub.default = spy  # type: ignore[assignment]
    _call(_client(stub, []))
    assert seen == [True]  # bound while our call ran
    assert async_validators.reject_async_validators is original  # and put back after
    with compat.remembered_validator_checks():
        memo = async_validators.reject_async_validators
        assert memo is not original and memo.__wrapped__ is original  # type: ignore[attr-defined]
        for name, module in list(sys.modules.items()):
            if name.startswith("instructor") and hasattr(module, "reject_async_validators"):
                assert module.reject_async_validators is memo, name

        class Racy(BaseModel):
            name: str

            @async_validators.async_field_validator("name")
            async def _check(self, value: str) -> str:
                return value

        for _ in range(2):  # a class that fails is not remembered as passing
            with pytest.raises(ValueError, match="async validators are not supported"):
                memo(Racy)
    assert async_validators.reject_async_validators is original


def test_another_instructor_version_takes_the_plain_path(
    stub: StubServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from instructor.v2.validation import async_validators

    from summarizer import _instructor_compat as compat

    monkeypatch.setattr(compat, "SUPPORTED", "9.99.")
    compat.supported.cache_clear()
    compat.prepared.cache_clear()
    try:
        original = async_validators.reject_async_validators
        with caplog.at_level("WARNING"), compat.remembered_validator_checks():
            assert async_validators.reject_async_validators is original  # nothing bound
        assert "speed-ups are off" in caplog.text
        assert compat.prepared(BriefDraft) is BriefDraft  # instructor wraps it itself
        stub.enqueue(Reply(body=completion(draft_for(TEXT))))
        result, _ = _call(_client(stub, []))  # and a call still works
        assert result.attempts == 1
    finally:
        compat.supported.cache_clear()
        compat.prepared.cache_clear()


# --- label questions: a plain one-word answer, no grammar, re-asked when it names no label ---


def _question() -> Any:
    from summarizer.label import ask_stance

    return ask_stance("No one promised them membership, he said.", "Mark Rutte", "NATO membership")


def test_a_label_is_one_plain_word_with_its_probability(stub: StubServer) -> None:
    top = [("op", -0.2), ("supports", -1.9), ("The", -3.0)]
    stub.enqueue(Reply(body=text_completion("opposes", top=top)))
    result = _client(stub, []).label(_question(), article_id="a1")
    assert result.value.value == "opposes" and result.attempts == 1
    assert result.value.probability == pytest.approx(0.845, abs=0.002)
    body = stub.requests[0]["body"]
    assert "tools" not in body and "response_format" not in body  # no grammar to decode under
    assert body["max_tokens"] <= 8 and body["logprobs"] is True  # a remote endpoint: asked
    local = _client(stub, [], local=True, label_probabilities=None)
    stub.enqueue(Reply(body=text_completion("opposes")))
    local.label(_question())
    assert "logprobs" not in stub.requests[1]["body"]  # the embedded server: not asked


def test_an_answer_that_names_no_label_is_re_asked_and_both_are_paid(stub: StubServer) -> None:
    stub.enqueue(
        Reply(body=text_completion("The sentence says", prompt_tokens=80, completion_tokens=3)),
        Reply(body=text_completion("opposes", prompt_tokens=95, completion_tokens=1)),
    )
    result = _client(stub, []).label(_question())
    assert result.value.value == "opposes" and result.attempts == 2
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (175, 4)
    follow_up = stub.requests[1]["body"]["messages"]
    assert follow_up[-2] == {"role": "assistant", "content": "The sentence says"}
    assert "supports, opposes, conditional, neutral, none" in follow_up[-1]["content"]


def test_a_model_that_never_names_a_label_fails_with_its_cost(stub: StubServer) -> None:
    stub.default = Reply(body=text_completion("maybe", prompt_tokens=50, completion_tokens=1))
    with pytest.raises(ModelOutputError, match="no label for Mark Rutte on NATO") as caught:
        _client(stub, [], max_reasks=1).label(_question(), article_id="a1")
    assert caught.value.attempts == 2 and caught.value.prompt_tokens == 100
    assert caught.value.raw_output == "maybe"


def test_async_label_is_the_same_question(stub: StubServer) -> None:
    import asyncio

    stub.default = Reply(body=text_completion("conditional"))
    client = _client(stub, [])

    async def go() -> Any:
        try:
            return await client.alabel(_question())
        finally:
            await client.aclose()

    assert asyncio.run(go()).value.value == "conditional"
    assert stub.requests[0]["body"]["messages"] == _question().messages


def test_an_unrecognised_error_is_raised_as_it_is_not_as_its_own_cause(stub: StubServer) -> None:
    from summarizer.calls import Tally as _Tally

    client = _client(stub, [])
    boom = RuntimeError("boom")
    tally = _Tally(context=CallContext(), max_attempts=1)
    with pytest.raises(RuntimeError) as raised:
        client._raise(boom, tally, "a1")
    # It used to be raised "from" itself: its own __cause__, a loop for any cause walker.
    assert raised.value is boom and boom.__cause__ is None
    looped = RuntimeError("loop")
    looped.__cause__ = looped
    assert client._error(looped, tally, "a1") is looped  # walking its causes ends
