"""Prompt templates: TOML files in `prompts/`, versioned by the hash of their content.

A template declares its variables; a template that uses an undeclared one, or a render
that misses one, is a PromptError, never a blank. Values (the article above all) are
passed to Jinja as data, so text such as `{{` or `{%` inside an article stays text.

Each template is compiled once per process. A rendered message is what instructor's own
templating made of it before we rendered ourselves (the final newline dropped, then
`textwrap.dedent`), byte for byte, so recorded requests and the server's prompt cache
still match.
"""

from __future__ import annotations

import hashlib
import tomllib
from functools import cache
from pathlib import Path
from textwrap import dedent
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError, meta
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import PromptError

__all__ = ["PROMPTS_DIR", "PromptTemplate", "data_dir", "load_prompt"]


def data_dir(name: str) -> Path:
    """A data folder of the project: `_<name>` inside the wheel, else `<name>/` beside it."""
    packaged = Path(__file__).with_name(f"_{name}")  # where the wheel puts it
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / name


PROMPTS_DIR = data_dir("prompts")
_ENV = SandboxedEnvironment(undefined=StrictUndefined)


@cache
def _compiled(source: str) -> Template:
    return _ENV.from_string(source)


@cache
def _static(source: str) -> str | None:
    """The rendered message if its template uses no variable (the instructions), else None."""
    if meta.find_undeclared_variables(_ENV.parse(source)):
        return None
    return dedent(_compiled(source).render())


def _render(source: str, values: dict[str, Any]) -> str:
    static = _static(source)
    return static if static is not None else dedent(_compiled(source).render(**values))


class PromptTemplate(BaseModel):
    """One task's prompt: a system message, worked examples, and a user message template.

    `shots` are static (question, answer) pairs sent as earlier user and assistant turns:
    a small model copies an answer it has seen given far more reliably than one described
    in the instructions (the 1.5B answered "supports" to all 34 gold stances when the
    examples sat in the system prompt; see docs/benchmarks.md).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str
    variables: tuple[str, ...]
    system: str
    shots: tuple[tuple[str, str], ...] = ()
    user: str
    version: str

    def messages(self) -> list[dict[str, Any]]:
        """The unrendered message templates."""
        turns: list[dict[str, Any]] = [{"role": "system", "content": self.system}]
        for question, answer in self.shots:
            turns.append({"role": "user", "content": question})
            turns.append({"role": "assistant", "content": answer})
        turns.append({"role": "user", "content": self.user})
        return turns

    def check(self, values: dict[str, Any]) -> dict[str, Any]:
        """Return `values` if they supply every declared variable; raise PromptError if not."""
        missing = [name for name in self.variables if name not in values]
        if missing:
            raise PromptError(f"prompt {self.name!r} needs {', '.join(missing)}")
        return values

    def render(self, **values: Any) -> list[dict[str, str]]:
        """The messages with `values` filled in (StrictUndefined: a missing one raises)."""
        self.check(values)
        try:
            return [
                {"role": m["role"], "content": _render(m["content"], values)}
                for m in self.messages()
            ]
        except TemplateError as exc:
            raise PromptError(f"prompt {self.name!r}: {exc}") from exc


@cache
def load_prompt(name: str, directory: Path | None = None) -> PromptTemplate:
    """Load and validate `prompts/<name>.toml`."""
    path = (directory or PROMPTS_DIR) / f"{name}.toml"
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PromptError(f"{path}: {exc}") from exc
    version = hashlib.sha256(raw).hexdigest()[:12]
    try:
        template = PromptTemplate(name=name, version=version, **data)
    except ValidationError as exc:
        raise PromptError(f"{path}: {exc}") from exc
    used: set[str] = set()
    for message in template.messages():
        try:
            used |= meta.find_undeclared_variables(_ENV.parse(message["content"]))
        except TemplateError as exc:
            raise PromptError(f"{path}: {exc}") from exc
    if used != set(template.variables):
        raise PromptError(f"{path}: declares {sorted(template.variables)} but uses {sorted(used)}")
    return template
