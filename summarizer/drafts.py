"""The base of every model-facing response model."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel, ConfigDict

__all__ = ["Draft"]

_SCHEMAS: dict[type[BaseModel], dict[str, Any]] = {}


class Draft(BaseModel):
    """Base of every model-facing response model: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The JSON schema; the default one is built once (instructor asks on every call)."""
        if args or kwargs:
            return super().model_json_schema(*args, **kwargs)
        if cls not in _SCHEMAS:
            _SCHEMAS[cls] = super().model_json_schema()
        return copy.deepcopy(_SCHEMAS[cls])  # callers may modify what they get
