"""Every exception summarizer raises, under one base.

```
SummarizerError
├── UserError                 the caller's mistake: bad settings, a missing extra, a bad flag
│   └── LocalModelUnavailable   the `local` extra or the model pack is not installed
├── InputError                one input file cannot be read as an article (carries .path)
├── PromptError               a prompt template is malformed or misses a variable
├── ModelError                the model or its endpoint failed for one article (carries .article_id)
│   ├── EndpointError           transport: refused, timed out, 429/5xx after the retries
│   ├── ModelOutputError        the output never validated within the re-ask bound (.raw_output)
│   └── BudgetExceeded          a token budget stopped the call before it was made
├── LocalServerError          the embedded llama.cpp server did not start or died
├── IntegrityError            an assembled model file does not match its pinned SHA-256
├── StoreError                the cache/run database cannot be opened or written
└── EmailError                the SMTP server could not be reached or refused the digest email
```

Each error carries the evidence needed to act on it; the CLI turns any of them into a
message and an exit code, and lets every other exception propagate.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .records import Usage

__all__ = [
    "BudgetExceeded",
    "EmailError",
    "EndpointError",
    "InputError",
    "IntegrityError",
    "LocalModelUnavailable",
    "LocalServerError",
    "ModelError",
    "ModelOutputError",
    "NoDigestError",
    "PromptError",
    "StoreError",
    "SummarizerError",
    "UserError",
]


class SummarizerError(Exception):
    """Base of every error summarizer raises on purpose."""


class UserError(SummarizerError):
    """The caller asked for something that cannot work as configured."""


class LocalModelUnavailable(UserError):
    """The embedded model was needed but its extra or pack is missing."""


class InputError(SummarizerError):
    """One input file could not be turned into an article."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class PromptError(SummarizerError):
    """A prompt template file is malformed or does not fit the values given to it."""


class ModelError(SummarizerError):
    """Briefing one article failed at the model or its endpoint."""

    def __init__(
        self,
        message: str,
        *,
        article_id: str | None = None,
        attempts: int = 0,
        requests: int = 0,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
    ) -> None:
        self.article_id = article_id
        self.attempts = attempts
        self.requests = requests
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens
        prefix = f"{article_id}: " if article_id else ""
        super().__init__(prefix + message)

    def usage(self) -> Usage:
        """Tokens and requests the failed attempts cost."""
        from .records import Usage

        return Usage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            requests=self.requests,
        )

    def with_usage(self, usage: Usage) -> ModelError:
        """The same error carrying `usage`: what a whole article's failed calls cost."""
        self.prompt_tokens, self.completion_tokens = usage.prompt_tokens, usage.completion_tokens
        self.requests = usage.requests
        return self


class EndpointError(ModelError):
    """The endpoint could not be reached or kept failing after the transport retries."""


class ModelOutputError(ModelError):
    """The model's output never validated against the brief schema."""

    def __init__(self, message: str, *, raw_output: str | None = None, **kwargs: object) -> None:
        self.raw_output = raw_output
        super().__init__(message, **kwargs)  # type: ignore[arg-type]


class Unanswered(ModelError):
    """A question whose answer is not in yet (a provider batch): what depends on it waits."""


class BudgetExceeded(ModelError):
    """A token budget was reached, so no further model call was made."""


class LocalServerError(SummarizerError):
    """The embedded llama.cpp server could not be started or stopped answering."""

    def __init__(self, message: str, *, log_tail: str = "") -> None:
        self.log_tail = log_tail
        super().__init__(message + (f"\n--- server log (tail) ---\n{log_tail}" if log_tail else ""))


class IntegrityError(SummarizerError):
    """An assembled model file does not have the SHA-256 it is pinned to."""


class StoreError(SummarizerError):
    """The SQLite store could not be opened, migrated or written."""


class NoDigestError(StoreError, LookupError):
    """No digest is stored yet (still a LookupError, as it was before it was ours)."""


class EmailError(SummarizerError):
    """The digest email could not be sent: connection, TLS, login or the server's refusal."""
