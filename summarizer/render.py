"""Writing results: atomic files, and the brief and digest renderings."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .schemas import ArticleBrief

__all__ = ["brief_json", "write_atomic"]


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def brief_json(brief: ArticleBrief) -> str:
    """A brief as indented JSON with a final newline."""
    return brief.model_dump_json(indent=2) + "\n"
