"""A provider's Files and Batches API: upload the requests, create a batch, follow it, download.

OpenAI's and Azure OpenAI's Batch API, or any endpoint that offers the same routes
(`POST /files`, `POST /batches`, `GET /batches/{id}`, `GET /files/{id}/content`), through
the openai client. Each batch's id and last known state are kept in the run store, so a
nightly job can submit in the evening and collect the next morning from another process.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import EndpointError, UserError
from .settings import Settings
from .store import Store

__all__ = ["BatchRecord", "Batches"]

WINDOW = "24h"  # the only completion window the Batch API offers
DONE = ("completed", "failed", "expired", "cancelled")


@dataclass(frozen=True)
class BatchRecord:
    """A submitted batch as the store remembers it."""

    id: str
    endpoint: str
    input_file_id: str
    requests: int
    status: str
    output_file_id: str | None
    error_file_id: str | None
    submitted_at: float
    checked_at: float


class Batches:
    """Submit, follow and download batches at the configured endpoint; remember them."""

    def __init__(self, settings: Settings, store: Store, client: Any = None) -> None:
        self.settings, self.store = settings, store
        if client is None:
            if settings.uses_local:
                raise UserError(
                    "a batch goes to an endpoint with a Batch API: set --base-url or "
                    "OPENAI_API_KEY (the embedded model answers live only)"
                )
            import openai

            key = settings.api_key.get_secret_value() if settings.api_key else "not-needed"
            client = openai.OpenAI(base_url=settings.base_url, api_key=key, max_retries=2,
                                   timeout=settings.timeout)  # fmt: skip
        self.client = client

    def submit(self, requests: Path) -> BatchRecord:
        """Upload a requests file and create its batch; the record is stored at once."""
        try:
            count = sum(1 for line in requests.read_text(encoding="utf-8").splitlines() if line)
        except OSError as exc:
            raise UserError(f"{requests}: cannot read the requests: {exc.strerror or exc}") from exc
        if count == 0:
            raise UserError(f"{requests}: no request to submit")
        with self._calling("upload the requests"), requests.open("rb") as handle:
            uploaded = self.client.files.create(file=handle, purpose="batch")
        with self._calling("create the batch"):
            made = self.client.batches.create(
                input_file_id=uploaded.id, endpoint="/v1/chat/completions",
                completion_window=WINDOW,
            )  # fmt: skip
        now = time.time()
        record = BatchRecord(made.id, self.settings.endpoint_host(), uploaded.id, count,
                             made.status, None, None, now, now)  # fmt: skip
        self._keep(record)
        return record

    def refresh(self, batch_id: str | None = None) -> BatchRecord:
        """The batch's current state from the endpoint (the latest submitted when no id)."""
        record = self.record(batch_id)
        with self._calling(f"read batch {record.id}"):
            seen = self.client.batches.retrieve(record.id)
        fresh = BatchRecord(record.id, record.endpoint, record.input_file_id, record.requests,
                            seen.status, seen.output_file_id, seen.error_file_id,
                            record.submitted_at, time.time())  # fmt: skip
        self._keep(fresh)
        return fresh

    def download(self, record: BatchRecord) -> list[str]:
        """The output and error lines of a finished batch (errors: expired, failed lines)."""
        lines: list[str] = []
        for file_id in (record.output_file_id, record.error_file_id):
            if file_id:
                with self._calling(f"download {file_id}"):
                    lines += self.client.files.content(file_id).text.splitlines()
        return lines

    def record(self, batch_id: str | None = None) -> BatchRecord:
        """A stored batch by id, or the latest submitted; a UserError if there is none."""
        if batch_id:
            row = self.store.row("SELECT * FROM batches WHERE id = ?", batch_id)
        else:
            row = self.store.row("SELECT * FROM batches ORDER BY submitted_at DESC LIMIT 1")
        if row is None:
            raise UserError(f"no batch {batch_id} in the store" if batch_id else
                            "no batch submitted yet: run `summarize batch submit`")  # fmt: skip
        return BatchRecord(*row)  # type: ignore[arg-type]

    def _keep(self, record: BatchRecord) -> None:
        self.store.write(f"batch {record.id}",
                         "INSERT OR REPLACE INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         *record.__dict__.values())  # fmt: skip

    @contextmanager
    def _calling(self, what: str) -> Iterator[None]:
        """Turn the openai client's errors into an EndpointError saying what was being done."""
        import openai

        try:
            yield
        except openai.OpenAIError as exc:
            raise EndpointError(f"{self.settings.endpoint_host()}: cannot {what}: {exc}") from exc
