"""Settings: explicit arguments first, then `SUMMARIZER_*` / `OPENAI_*` variables, then defaults."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlparse

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .errors import UserError

__all__ = [
    "DEFAULT_LOCAL_MODEL",
    "DEFAULT_OPENAI_MODEL",
    "RequestMode",
    "Settings",
    "SmtpSecurity",
    "check_address",
]

DEFAULT_LOCAL_MODEL = "qwen2.5-coder-1.5b"
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
OPENAI_HOST = "api.openai.com"


class RequestMode(StrEnum):
    """How the structured output is requested from the endpoint."""

    AUTO = "auto"
    TOOLS = "tools"
    JSON_SCHEMA = "json_schema"
    JSON = "json"


class SmtpSecurity(StrEnum):
    """How the SMTP connection is protected."""

    STARTTLS = "starttls"
    SSL = "ssl"
    NONE = "none"


_SMTP_PORTS = {SmtpSecurity.STARTTLS: 587, SmtpSecurity.SSL: 465, SmtpSecurity.NONE: 25}


def _default_home() -> Path:
    return Path(platformdirs.user_data_dir("summarizer", appauthor=False))


def check_address(address: str) -> str:
    """`address` stripped, or ValueError when it is not a bare email address."""
    address = address.strip()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or any(c in address for c in "\r\n\t ,;<>"):
        raise ValueError(f"not an email address: {address!r}")
    return address


def _web_url(value: str | None, name: str) -> str | None:
    """`value` if it is an http(s) URL, None if empty; otherwise a ValueError naming `name`."""
    if not value:
        return None
    parsed = urlparse(value)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise ValueError(f"{name} must be an http(s) URL, got {value!r}")
    return value


class Settings(BaseSettings):
    """Everything a run can be configured with; build it once and pass it down."""

    model_config = SettingsConfigDict(
        env_prefix="SUMMARIZER_",
        extra="forbid",
        populate_by_name=True,
        validate_default=True,
    )

    home: Path = Field(
        default_factory=_default_home,
        description="Folder for all state: the store database and the assembled model files.",
    )
    base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("base_url", "SUMMARIZER_BASE_URL", "OPENAI_BASE_URL"),
        description="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1. None: OpenAI "
        "itself when an API key is set, else the embedded local model.",
    )
    api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("api_key", "SUMMARIZER_API_KEY", "OPENAI_API_KEY"),
        description="API key for the endpoint; never logged or stored.",
    )
    model: str | None = Field(
        default=None,
        description="Model name at the endpoint; for the embedded server a pack name "
        f"({DEFAULT_LOCAL_MODEL}, qwen2.5-coder-0.5b) or a path to any .gguf file.",
    )
    local: bool = Field(
        default=False, description="Use the embedded model even when an endpoint is configured."
    )
    mode: RequestMode = Field(
        default=RequestMode.AUTO,
        description="Structured-output strategy; auto picks json_schema for OpenAI and tools "
        "elsewhere (the llama.cpp server rejects json_schema response formats).",
    )
    timeout: float = Field(default=600.0, gt=0, description="Seconds one HTTP request may take.")
    transport_retries: int = Field(
        default=2, ge=0, le=10, description="Extra attempts after a 429, 5xx, timeout or reset."
    )
    backoff_max: float = Field(
        default=60.0, ge=0, description="Longest wait between transport retries, in seconds."
    )
    max_reasks: int = Field(
        default=1, ge=0, le=5, description="Re-asks after output that fails validation."
    )
    max_output_tokens: int = Field(
        default=2048, ge=64, description="Cap on completion tokens per call (bounds loops)."
    )
    temperature: float = Field(default=0.0, ge=0, le=2, description="Sampling temperature.")
    seed: int | None = Field(default=0, description="Sampling seed, where the endpoint honours it.")
    n_ctx: int | None = Field(
        default=None,
        ge=2048,
        description="Context size for the embedded server; None sizes it to the longest article.",
    )
    n_threads: int | None = Field(
        default=None, ge=1, description="CPU threads for the embedded server; None: all cores."
    )
    use_cache: bool = Field(
        default=True, description="Reuse stored briefs and label answers for unchanged input."
    )
    max_tokens_total: int | None = Field(
        default=None, ge=1, description="Stop new calls once a run has used this many tokens."
    )
    max_cost: float | None = Field(
        default=None, gt=0, description="Stop new calls at this estimated cost in US dollars."
    )
    concurrency: int = Field(
        default=1, ge=1, le=64, description="Articles briefed at once (remote endpoints only)."
    )
    requests_per_minute: int | None = Field(
        default=None, ge=1, description="The endpoint's request rate limit to stay under."
    )
    tokens_per_minute: int | None = Field(
        default=None, ge=1, description="The endpoint's token rate limit to stay under."
    )
    llm_merge: bool = Field(
        default=True,
        description="Run the model-assisted merge pass (topic grouping, cited narrative); "
        "the digest is complete without it.",
    )
    profile: str = Field(
        default="security",
        description="The domain profile: a name in profiles/ or the path of a profile TOML "
        "file (tracked topics and guarantee kinds, known actors, status cues).",
    )
    label_probabilities: bool | None = Field(
        default=None,
        description="Ask for each label's probability (log-probabilities of the answer) and "
        "drop labels below `min_label_probability`. None: for remote endpoints only; the "
        "embedded server must then keep logits for every prompt token, which nearly "
        "doubles the time of a label there.",
    )
    min_label_probability: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="A label the model gives less probability than this is not used.",
    )
    narrative: bool | None = Field(
        default=None,
        description="Write the cited narrative in that pass. None: for remote endpoints only; "
        "the embedded 1.5B model's prose was unreliable in every recording.",
    )

    smtp_host: str | None = Field(default=None, description="SMTP server for `summarize email`.")
    smtp_port: int | None = Field(
        default=None, ge=1, le=65535, description="SMTP port; None: 587, 465 for ssl, 25 for none."
    )
    smtp_security: SmtpSecurity = Field(
        default=SmtpSecurity.STARTTLS,
        description="starttls (upgrade a plain connection), ssl (implicit TLS) or none "
        "(loopback relays only; login is refused without TLS elsewhere).",
    )
    smtp_user: str | None = Field(default=None, description="SMTP login name.")
    smtp_password: SecretStr | None = Field(
        default=None, description="SMTP password; never printed, logged or stored."
    )
    smtp_ca_file: Path | None = Field(
        default=None, description="Extra CA certificate (PEM) to trust, e.g. a company relay's."
    )
    smtp_timeout: float = Field(default=60.0, gt=0, description="Seconds an SMTP step may take.")
    smtp_from: str = Field(
        default="summarizer@localhost", description="The From address of digest emails."
    )
    smtp_to: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(), description="Digest recipients, comma-separated in the environment."
    )
    review_url: str | None = Field(
        default=None,
        description="Web address where the review pages (`--out DIR/review/`) are served; "
        "each quote in the email then links to its sentence there.",
    )

    @field_validator("smtp_to", mode="before")
    @classmethod
    def _split_recipients(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(
                part.strip() for part in value.replace(";", ",").split(",") if part.strip()
            )
        return value

    @field_validator("smtp_to")
    @classmethod
    def _check_recipients(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for address in value:
            check_address(address)
        return value

    @field_validator("smtp_from")
    @classmethod
    def _check_sender(cls, value: str) -> str:
        return check_address(value)

    @property
    def smtp_port_or_default(self) -> int:
        """The SMTP port to connect to."""
        return self.smtp_port or _SMTP_PORTS[self.smtp_security]

    @field_validator("base_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        url = _web_url(value, "base_url")
        return url.rstrip("/") if url else None

    @field_validator("review_url")
    @classmethod
    def _check_review_url(cls, value: str | None) -> str | None:
        # A folder: page names are appended to it.
        url = _web_url(value, "review_url")
        return url.rstrip("/") + "/" if url else None

    @field_validator("api_key")
    @classmethod
    def _empty_key_is_none(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().strip():
            return None
        return value

    @classmethod
    def with_overrides(cls, settings: Settings | None = None, **overrides: Any) -> Settings:
        """Return `settings`, or new settings from the environment, with non-None overrides."""
        given = {k: v for k, v in overrides.items() if v is not None}
        if settings is None:
            return cls(**given)
        if not given:
            return settings
        # Validated like any settings: model_copy(update=...) accepted concurrency=0.
        # model_validate does not read the environment again; `settings` already did.
        return cls.model_validate({**settings.model_dump(), **given})

    @property
    def uses_local(self) -> bool:
        """True when requests go to the embedded llama.cpp server."""
        return self.local or (self.base_url is None and self.api_key is None)

    @property
    def wants_probabilities(self) -> bool:
        """Whether label questions ask for log-probabilities."""
        if self.label_probabilities is not None:
            return self.label_probabilities
        return not self.uses_local

    @property
    def wants_narrative(self) -> bool:
        """Whether the model-assisted pass writes a narrative."""
        if not self.llm_merge:
            return False
        return not self.uses_local if self.narrative is None else self.narrative

    @property
    def store_path(self) -> Path:
        """The SQLite file that holds the brief cache and the run store."""
        return self.home / "summarizer.db"

    @property
    def models_dir(self) -> Path:
        """Where model packs are assembled once."""
        return self.home / "models"

    def endpoint_host(self) -> str:
        """Host of the remote endpoint, or `local` for the embedded server."""
        if self.uses_local:
            return "local"
        return urlparse(self.base_url).netloc if self.base_url else OPENAI_HOST

    def remote_model(self) -> str:
        """The model name to request from a remote endpoint."""
        if self.model:
            return self.model
        if self.base_url is None:
            return DEFAULT_OPENAI_MODEL
        raise UserError(
            f"no model named for {self.base_url}: pass --model NAME or set SUMMARIZER_MODEL"
        )

    def request_mode(self) -> RequestMode:
        """The structured-output strategy for this endpoint."""
        if self.mode is not RequestMode.AUTO:
            return self.mode
        if not self.uses_local and self.endpoint_host() == OPENAI_HOST:
            return RequestMode.JSON_SCHEMA
        return RequestMode.TOOLS
