"""Whole-word patterns of an article's names and phrases, compiled once per form.

The brief stage asks, sentence after sentence, whether an actor's name or a phrase occurs
as a whole word. Built with `re.search(f"...{name}...")`, each of those is a new pattern
to the `re` module's cache, and an article's names soon push the language's own patterns
out of it, so those are compiled again and again (`bench.batch_bench`: about a tenth of
the brief stage's time). These caches hold the names' patterns apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["any_word", "whole_word"]


@lru_cache(maxsize=16384)
def whole_word(form: str, flags: int = 0) -> re.Pattern[str]:
    """`form` as a whole word: no word character just before or after it."""
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", flags)


@lru_cache(maxsize=4096)
def any_word(forms: frozenset[str], flags: int = 0) -> re.Pattern[str]:
    """Any of `forms` as a whole word (an empty form matches anywhere, as its own would)."""
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    body = "|".join(map(re.escape, ordered)) if ordered else "(?!)"
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
