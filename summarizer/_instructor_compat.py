"""Every workaround for instructor's internals, in one place, for the version it was made for.

instructor 1.17 costs most of the pipeline's own time in two places:
- it wraps a plain response model in a new class on every call, which defeats the
  per-class schema cache;
- it walks the whole model for async validators about seven times per call.

The workarounds below use private instructor names (`instructor.v2...`). So they are
applied only on the instructor version they were written against (`SUPPORTED`). On any
other version the plain path is used and a warning says so once.

The async-validator memo is not left in instructor for other users of the same process.
It is bound while one of our calls runs (`remembered_validator_checks`, reference-counted
for concurrent calls) and the original is put back after.
"""

from __future__ import annotations

import copy
import functools
import logging
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import version
from typing import Any, TypeVar, cast

from pydantic import BaseModel

__all__ = ["SUPPORTED", "CachedSchema", "prepared", "remembered_validator_checks", "supported"]

log = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)
SUPPORTED = "1.17."  # the instructor version prefix these workarounds were written against
_SCHEMAS: dict[type[BaseModel], dict[str, Any]] = {}


@functools.cache
def supported() -> bool:
    """Whether the installed instructor is the version the workarounds fit (warns once if not)."""
    found = version("instructor")
    if found.startswith(SUPPORTED):
        return True
    log.warning(
        "instructor %s is not %sx: its private speed-ups are off, the plain path is used",
        found,
        SUPPORTED,
    )
    return False


class CachedSchema(BaseModel):
    """A response model whose default JSON schema is built once (instructor asks every call)."""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The JSON schema; the default one is built once and copied for each caller."""
        if args or kwargs:
            return super().model_json_schema(*args, **kwargs)
        if cls not in _SCHEMAS:
            _SCHEMAS[cls] = super().model_json_schema()
        return copy.deepcopy(_SCHEMAS[cls])  # callers may modify what they get


@functools.cache
def prepared(response_model: type[T]) -> type[T]:
    """The response model wrapped the way instructor wraps it, once per class.

    A model that is already wrapped is used as it is, and the request body is the same.
    On another instructor version the model goes in plain, and instructor wraps it.
    """
    if not supported():
        return response_model
    from instructor.v2.core.function_calls import ResponseSchema, response_schema

    if issubclass(response_model, ResponseSchema):
        return response_model
    return cast("type[T]", response_schema(response_model))


_CHECK = "reject_async_validators"
_LOCK = threading.Lock()
_depth = 0
_bound: list[tuple[Any, Callable[[Any], None]]] = []
_passed: dict[Callable[[Any], None], Callable[[Any], None]] = {}


def _memo(walk: Callable[[Any], None]) -> Callable[[Any], None]:
    """`walk` remembered per class; a class that fails is walked (and raises) again."""
    if walk not in _passed:
        _passed[walk] = functools.cache(walk)  # an exception is never cached
    passed = _passed[walk]

    @functools.wraps(walk)
    def reject_async_validators(response_model: Any) -> None:
        if isinstance(response_model, type):
            passed(response_model)
        else:
            walk(response_model)

    return reject_async_validators


def _bind() -> None:
    from instructor.v2.validation import async_validators

    walk = async_validators.reject_async_validators
    memo = _memo(walk)
    # Every instructor module that imported the check by name gets the memo.
    for name, module in list(sys.modules.items()):
        if name.startswith("instructor") and getattr(module, _CHECK, None) is walk:
            _bound.append((module, walk))
            setattr(module, _CHECK, memo)


def _unbind() -> None:
    while _bound:
        module, walk = _bound.pop()
        setattr(module, _CHECK, walk)


@contextmanager
def remembered_validator_checks() -> Iterator[None]:
    """Within: instructor checks each response model for async validators once per class."""
    global _depth
    if not supported():
        yield
        return
    with _LOCK:
        if _depth == 0:
            _bind()
        _depth += 1
    try:
        yield
    finally:
        with _LOCK:
            _depth -= 1
            if _depth == 0:
                _unbind()
