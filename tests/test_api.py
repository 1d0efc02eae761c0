from __future__ import annotations

import inspect

import summarizer


def test_public_surface_is_exactly_all() -> None:
    public = {
        name
        for name in dir(summarizer)
        if not name.startswith("_") and not inspect.ismodule(getattr(summarizer, name))
    }
    assert public == set(summarizer.__all__)
    assert summarizer.__all__ == sorted(summarizer.__all__)


def test_every_error_derives_from_the_one_base() -> None:
    errors = [
        getattr(summarizer, name)
        for name in summarizer.__all__
        if name.endswith(("Error", "Exceeded", "Unavailable"))
    ]
    assert len(errors) == 12
    assert all(issubclass(error, summarizer.SummarizerError) for error in errors)
