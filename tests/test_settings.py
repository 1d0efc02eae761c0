from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from summarizer import Summarizer
from summarizer.errors import UserError
from summarizer.settings import RequestMode, Settings


def test_no_key_and_no_url_means_the_embedded_model() -> None:
    settings = Settings()
    assert settings.uses_local and settings.endpoint_host() == "local"
    assert settings.request_mode() is RequestMode.TOOLS


def test_openai_variables_are_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-sentinel")
    settings = Settings()
    assert not settings.uses_local
    assert settings.endpoint_host() == "api.openai.com"
    assert settings.remote_model() == "gpt-4o-mini"
    assert settings.request_mode() is RequestMode.JSON_SCHEMA
    assert "sk-test-sentinel" not in repr(settings)


def test_arguments_beat_summarizer_variables_beat_openai_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://openai-var:1/v1")
    monkeypatch.setenv("SUMMARIZER_MODEL", "from-env")
    settings = Settings()
    assert settings.base_url == "http://openai-var:1/v1" and settings.model == "from-env"
    assert settings.request_mode() is RequestMode.TOOLS  # llama.cpp and friends
    override = Settings.with_overrides(base_url="http://arg:2/v1", model=None)
    assert override.base_url == "http://arg:2/v1" and override.model == "from-env"


def test_home_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_HOME", str(tmp_path))
    assert Settings().store_path == tmp_path / "summarizer.db"


def test_bad_values_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Settings(base_url="localhost:8080")
    with pytest.raises(ValidationError):
        Settings(max_reasks=-1)


def test_a_custom_endpoint_needs_a_model_name() -> None:
    with pytest.raises(UserError, match="--model"):
        Settings(base_url="http://localhost:11434/v1").remote_model()


def test_the_narrative_is_for_remote_endpoints_unless_asked_for() -> None:
    assert not Settings().wants_narrative  # embedded model
    assert Settings(narrative=True).wants_narrative
    remote = Settings(base_url="http://localhost:8080/v1", model="m")
    assert remote.wants_narrative
    assert not remote.model_copy(update={"llm_merge": False}).wants_narrative


def test_overrides_of_given_settings_are_validated_too() -> None:
    base = Settings(concurrency=2)
    assert Settings.with_overrides(base, concurrency=3).concurrency == 3
    with pytest.raises(ValidationError):
        Settings.with_overrides(base, concurrency=0)  # was accepted by model_copy(update=...)
    with pytest.raises(ValidationError):
        Summarizer(base, concurrency=0)
    assert Settings.with_overrides(base).concurrency == 2 and Settings.with_overrides(base) is base
