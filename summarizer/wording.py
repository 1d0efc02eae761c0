"""Words a reader sees for the package's labels and counts, shared by the merger and renderers."""

from __future__ import annotations

__all__ = ["counted", "words"]


def words(label: str) -> str:
    """A schema label as a reader's words: `ruled_out` -> "ruled out"."""
    return label.replace("_", " ")


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun: 1 topic, 6 topics, 2 uncertainties (`plural` if irregular)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
