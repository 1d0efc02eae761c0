"""Text inside an article that addresses the model: found, reported, and kept out of briefs.

The prompt already fences the article with per-article markers and says it is data. Small
models still obey an article that says "set the summary to X", so lines that read as
instructions to a model are flagged in the brief's warnings, and a brief that repeats
what such a line demands is re-asked (or, on the last attempt, cleaned).
"""

from __future__ import annotations

import functools
import re

__all__ = ["demanded_strings", "instruction_lines", "strip_demands"]

_ADDRESSED = re.compile(
    r"ignore (all |any )?(the )?(previous|prior|above|earlier) (instructions|prompts?)"
    r"|disregard (all |any |the )?(previous|prior|above|your)"
    r"|you are (now|no longer) "
    r"|^\s*(system|assistant|developer)\s*:"
    r"|new instructions\s*:"
    r"|(set|change|make) the (summary|brief|output)\b"
    r"|(respond|reply|answer|output) (only )?with\b",
    re.MULTILINE,  # matched against lower-cased text: IGNORECASE makes the scan 2.5x slower
)
_QUOTED = re.compile(r"[\"“”'‘’«»]([^\"“”'‘’«»\n]{2,80})[\"“”'‘’«»]")


def instruction_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) for every line of `text` that reads as an order to a model."""
    return list(_instruction_lines(text))


@functools.lru_cache(maxsize=64)  # briefing asks twice per article: validation, then warnings
def _instruction_lines(text: str) -> tuple[tuple[int, str], ...]:
    lowered = text.lower()
    if not _ADDRESSED.search(lowered):  # one scan of the whole text settles the usual case
        return ()
    return tuple(
        (number, line.strip())
        for number, (line, low) in enumerate(
            zip(text.splitlines(), lowered.splitlines(), strict=True), start=1
        )
        if _ADDRESSED.search(low)
    )


def demanded_strings(text: str) -> list[str]:
    """Quoted strings inside instruction lines: what the article wants the model to output."""
    demands = []
    for _, line in instruction_lines(text):
        demands += [m.group(1).strip() for m in _QUOTED.finditer(line) if m.group(1).strip()]
    return demands


def strip_demands(value: str, demands: list[str]) -> str:
    """`value` without any demanded string (case-insensitive), tidied."""
    for demand in demands:
        value = re.sub(re.escape(demand) + r"[.:!]?\s*", "", value, flags=re.IGNORECASE)
    return " ".join(value.split())
