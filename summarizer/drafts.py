"""The base of every model-facing response model."""

from __future__ import annotations

from pydantic import ConfigDict

from ._instructor_compat import CachedSchema

__all__ = ["Draft"]


class Draft(CachedSchema):
    """Base of every model-facing response model: unknown fields are errors.

    Its JSON schema is built once per class (`CachedSchema`): instructor asks every call.
    """

    model_config = ConfigDict(extra="forbid")
