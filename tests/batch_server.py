"""A loopback stand-in for a provider's Files and Batches API (the routes OpenAI documents).

`POST /v1/files` (multipart upload), `POST /v1/batches`, `GET /v1/batches/{id}` and
`GET /v1/files/{id}/content`. A batch is `in_progress` when first read and `completed`
from the second read on; its output is what `answer` makes of the uploaded lines. Every
request is recorded, so a test can count what the client asked.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.parser import BytesParser
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class BatchAPI:
    """State of the stand-in: files, batches, and every request seen."""

    def __init__(self, answer: Callable[[list[str]], list[str]]) -> None:
        self.answer = answer
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.reads: dict[str, int] = {}
        self.requests: list[tuple[str, str]] = []
        self.base_url = ""

    def _file(self, content: bytes, name: str) -> dict[str, Any]:
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = content
        return {"id": file_id, "object": "file", "bytes": len(content), "filename": name,
                "created_at": int(time.time()), "purpose": "batch", "status": "processed"}  # fmt: skip

    def upload(self, content_type: str, body: bytes) -> dict[str, Any]:
        message = BytesParser(policy=default).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        parts = {p.get_param("name", header="content-disposition"): p for p in message.iter_parts()}
        assert parts["purpose"].get_content().strip() == "batch"
        return self._file(parts["file"].get_payload(decode=True), "requests.jsonl")

    def create(self, request: dict[str, Any]) -> dict[str, Any]:
        assert (
            request["endpoint"] == "/v1/chat/completions" and request["completion_window"] == "24h"
        )
        batch_id = f"batch_{len(self.batches) + 1}"
        self.batches[batch_id] = {
            "id": batch_id, "object": "batch", "endpoint": request["endpoint"],
            "input_file_id": request["input_file_id"], "completion_window": "24h",
            "status": "validating", "created_at": int(time.time()), "output_file_id": None,
            "error_file_id": None,
        }  # fmt: skip
        return self.batches[batch_id]

    def retrieve(self, batch_id: str) -> dict[str, Any]:
        batch = self.batches[batch_id]
        self.reads[batch_id] = self.reads.get(batch_id, 0) + 1
        if self.reads[batch_id] == 1:
            batch["status"] = "in_progress"
        elif batch["status"] != "completed":
            lines = self.files[batch["input_file_id"]].decode().splitlines()
            output = self._file(("\n".join(self.answer(lines)) + "\n").encode(), "output.jsonl")
            batch.update(status="completed", output_file_id=output["id"])
        return batch


class _Handler(BaseHTTPRequestHandler):
    api: BatchAPI

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, payload: dict[str, Any] | bytes, status: int = 200) -> None:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.api.requests.append(("POST", self.path))
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/v1/files":
            self._send(self.api.upload(self.headers["Content-Type"], body))
        elif self.path == "/v1/batches":
            self._send(self.api.create(json.loads(body)))
        else:
            self._send({"error": {"message": "no such route"}}, 404)

    def do_GET(self) -> None:
        self.api.requests.append(("GET", self.path))
        parts = self.path.strip("/").split("/")
        if parts[:2] == ["v1", "batches"] and parts[2] in self.api.batches:
            self._send(self.api.retrieve(parts[2]))
        elif parts[:2] == ["v1", "files"] and parts[-1] == "content":
            self._send(self.api.files[parts[2]])
        else:
            self._send({"error": {"message": "no such route"}}, 404)


@contextmanager
def batch_api(answer: Callable[[list[str]], list[str]]) -> Iterator[BatchAPI]:
    """A running stand-in on a free loopback port; `base_url` ends in /v1."""
    api = BatchAPI(answer)
    handler = type("Handler", (_Handler,), {"api": api})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    api.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
