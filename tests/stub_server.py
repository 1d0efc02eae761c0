"""A scriptable OpenAI-compatible server on loopback, for tests that need real HTTP.

Each request to /v1/chat/completions takes the next scripted reply (or the default one);
every request is recorded so tests can count what the client really sent.
"""

from __future__ import annotations

import json
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict -> JSON; str/bytes -> raw
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to hang before answering (waits on an Event, not a sleep loop)
    reset: bool = False  # close the socket without answering


def completion(
    arguments: dict[str, Any] | str,
    *,
    prompt_tokens: int = 100,
    completion_tokens: int = 50,
    tool: str = "BriefDraft",
) -> dict[str, Any]:
    """A chat completion whose forced tool call carries `arguments`."""
    args = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": 0,
        "model": "stub",
        "choices": [{
            "index": 0,
            "finish_reason": "tool_calls",
            "message": {
                "role": "assistant",
                "content": None,
                "tool_calls": [{"id": "call_0", "type": "function",
                                "function": {"name": tool, "arguments": args}}],
            },
        }],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }  # fmt: skip


def text_completion(
    text: str,
    *,
    prompt_tokens: int = 60,
    completion_tokens: int = 1,
    top: list[tuple[str, float]] | None = None,
) -> dict[str, Any]:
    """A chat completion that answers `text`, with the first token's alternatives if given."""
    choice: dict[str, Any] = {
        "index": 0,
        "finish_reason": "stop",
        "message": {"role": "assistant", "content": text},
    }
    if top is not None:
        choice["logprobs"] = {
            "content": [
                {
                    "token": top[0][0],
                    "logprob": top[0][1],
                    "bytes": None,
                    "top_logprobs": [{"token": t, "logprob": p, "bytes": None} for t, p in top],
                }
            ]
        }
    return {
        "id": "chatcmpl-stub", "object": "chat.completion", "created": 0, "model": "stub",
        "choices": [choice],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }  # fmt: skip


_NEGATIONS = ("never", "no one", "not ", "ruled out", "off the table", "oppos", "no longer")
LABEL_KINDS = {"Actor:": "stance", "Commitment:": "status", "Hedge word:": "hedge"}


def label_kind(user: str) -> str:
    """Which label question a user message asks (stance, status or hedge)."""
    return next(kind for cue, kind in LABEL_KINDS.items() if cue in user)


def label_for(user: str) -> str:
    """A plausible label for a label question: what a careful small model would answer."""
    kind = label_kind(user)
    sentence = asked_sentence(user).lower()
    if kind == "stance":
        return "opposes" if any(n in sentence for n in _NEGATIONS) else "supports"
    return "under_discussion" if kind == "status" else "hedged_claim"


def asked_sentence(user: str) -> str:
    """The sentence a label question is about (the text inside its `<text>` tag)."""
    return user.split("<text>", 1)[1].rsplit("</text>", 1)[0]


@cache
def _seed_texts() -> dict[str, str]:
    return {path.stem: " ".join(path.read_text(encoding="utf-8").split())
            for path in sorted(SEEDS.glob("*.txt"))}  # fmt: skip


def seed_asked(user: str) -> str | None:
    """The seed article (file stem) a label question's sentence comes from, if any."""
    if "<text>" not in user:
        return None
    sentence = asked_sentence(user)
    return next((stem for stem, text in _seed_texts().items() if sentence in text), None)


def articles_asked(requests: list[dict[str, Any]]) -> set[str]:
    """The seed articles the label questions were about."""
    asked = (seed_asked(r["body"]["messages"][-1]["content"]) for r in requests)
    return {stem for stem in asked if stem is not None}


def label_reply(payload: dict[str, Any]) -> Reply:
    """A stub reply to any label question: one word, as the embedded model answers."""
    return Reply(body=text_completion(label_for(payload["messages"][-1]["content"])))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default 5 refuses connections when 32 clients connect at once

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hung up (a timeout test, a closed client) is expected, not news.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class StubServer:
    def __init__(self, *, keep_alive: bool = False) -> None:
        # keep_alive: answer over one connection per client, as real endpoints do (the
        # benchmarks); tests keep one connection per request, so a hung one ends cleanly.
        self.script: deque[Reply | Callable[[dict[str, Any]], Reply]] = deque()
        self.default: Reply | None = None
        self.requests: list[dict[str, Any]] = []
        self.release = threading.Event()
        self.in_flight = 0
        self.max_in_flight = 0
        self._count = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"
            disable_nagle_algorithm = True  # headers and body go out in two writes

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self._send(Reply(body={"object": "list", "data": [{"id": "stub"}]}))

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                payload = json.loads(self.rfile.read(length) or b"{}")
                stub.requests.append(
                    {
                        "path": self.path,
                        "body": payload,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                    }
                )
                item = stub.script.popleft() if stub.script else stub.default
                if item is None:
                    item = Reply(status=500, body={"error": {"message": "no scripted reply"}})
                reply = item(payload) if callable(item) else item
                with stub._count:
                    stub.in_flight += 1
                    stub.max_in_flight = max(stub.max_in_flight, stub.in_flight)
                if reply.delay:
                    stub.release.wait(reply.delay)
                with stub._count:
                    stub.in_flight -= 1
                if reply.reset:
                    self.connection.close()
                    return
                self._send(reply)

            def _send(self, reply: Reply) -> None:
                body = reply.body
                raw = (
                    body
                    if isinstance(body, bytes)
                    else (body.encode() if isinstance(body, str) else json.dumps(body).encode())
                )
                self.send_response(reply.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(raw)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(raw)

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=lambda: self._server.serve_forever(poll_interval=0.05), daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def enqueue(self, *replies: Reply | Callable[[dict[str, Any]], Reply]) -> None:
        self.script.extend(replies)

    def __enter__(self) -> StubServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()


def answer_from_article(payload: dict[str, Any]) -> Reply:
    """Reply as a well-behaved model would, for whichever task the request is."""
    if "tool_choice" not in payload:  # a label question: a one-word answer
        return label_reply(payload)
    task = payload["tool_choice"]["function"]["name"]
    user = payload["messages"][-1]["content"]
    if task == "TopicGroupsDraft":
        topics = user.split("one per line:\n", 1)[1].rsplit("\n\nGroup them.", 1)[0].split("\n")
        groups = {"groups": [{"label": "all of it", "topics": topics}]}
        return Reply(body=completion(groups, tool=task))
    if task == "NarrativeDraft":
        ids = user.split("Allowed article ids: ", 1)[1].split("\n", 1)[0].split(", ")
        sentences = [
            {"text": "Rutte says membership is irreversible.", "articles": ids[:2]},
            {"text": "Other outlets report it is off the table.", "articles": ids[2:3]},
        ]
        return Reply(body=completion({"sentences": sentences}, tool=task))
    return label_reply(payload)
