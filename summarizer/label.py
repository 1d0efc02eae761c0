"""The model's part of a brief: one-word labels for one sentence at a time.

Each question asks for one label out of a fixed set: the stance of one actor on one
topic, the state of one guarantee, the kind of one hedge. The sentence goes in as a value
inside `<text>` tags after a static system prompt, so the server reuses the prefix; its
own angle brackets are sent as ‹ › so no sentence can close the tag and speak as the
prompt. (A per-article nonce in the tag did the same at 28 prompt tokens a question.)
The answer is read as a word, not decoded under a JSON grammar: a label costs one to three
generated tokens. Nothing the model writes reaches a brief as prose.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .prompts import PromptTemplate, load_prompt

__all__ = [
    "HEDGES",
    "LABEL_PROMPTS",
    "STANCES",
    "STATUSES",
    "Ask",
    "Label",
    "ask_hedge",
    "ask_object",
    "ask_stance",
    "ask_status",
    "clean_span",
    "fenced",
    "labels_version",
    "read_label",
    "read_span",
    "reask_message",
]

LABEL_PROMPTS = ("stance", "status", "hedge", "object")
STANCES = ("supports", "opposes", "conditional", "neutral", "none")
STATUSES = ("proposed", "under_discussion", "conditional", "ruled_out", "endorsed", "rejected",
            "none")  # fmt: skip
HEDGES = ("unverified_report", "hedged_claim", "disputed", "open_question", "prediction", "none")
MIN_PREFIX = 3  # an answer's "opp" names "opposes"; a first token needs only 2 ("op")
# A span is a short phrase: longer answers are explanations, not the words asked for.
MAX_SPAN_WORDS = 10
SPAN_TOKENS = 20  # 10 words of English are 12-16 tokens on Qwen's tokenizer


@dataclass(frozen=True)
class Ask:
    """One question for the model: the labels it may answer and the finished messages."""

    kind: str  # the prompt's name: stance, status or hedge
    choices: tuple[str, ...]  # none: a span question, answered in the sentence's words
    messages: list[dict[str, str]]
    about: str  # what is asked, for logs and dropped-item reasons
    tokens: int = 0  # the answer's token budget; 0: a label's (asking.LABEL_TOKENS)


@dataclass(frozen=True)
class Label:
    """The model's answer: one of the choices, and its probability when the endpoint gave one."""

    value: str
    probability: float | None = None


def _prompt(name: str) -> PromptTemplate:
    return load_prompt(name)


def labels_version() -> str:
    """The label prompts' versions joined: part of every brief's cache key."""
    return "+".join(_prompt(n).version for n in LABEL_PROMPTS)


_FENCE = str.maketrans({"<": "‹", ">": "›"})


def fenced(text: str) -> str:
    """`text` as the prompt shows it inside its tag: no angle bracket can end the tag."""
    return " ".join(text.translate(_FENCE).split())


def _ask(prompt: str, choices: tuple[str, ...], about: str, sentence: str, **values: Any) -> Ask:
    return Ask(prompt, choices, _prompt(prompt).render(sentence=fenced(sentence), **values), about)


def ask_stance(sentence: str, actor: str, topic: str) -> Ask:
    """Which way `sentence` says `actor` leans on `topic`."""
    return _ask("stance", STANCES, f"{actor} on {topic}", sentence, actor=fenced(actor),
                topic=fenced(topic))  # fmt: skip


def ask_status(sentence: str, kind: str) -> Ask:
    """The state `sentence` reports for the guarantee `kind`."""
    return _ask("status", STATUSES, f"status of {kind}", sentence, kind=fenced(kind))


def ask_object(sentence: str, actor: str) -> Ask:
    """What `sentence` says `actor` takes a side on, as words copied from it (or "none")."""
    asked = _ask("object", (), f"what {actor} takes a side on", sentence, actor=fenced(actor))
    return Ask(asked.kind, (), asked.messages, asked.about, tokens=SPAN_TOKENS)


def ask_hedge(sentence: str, cue: str) -> Ask:
    """Whether `sentence`, which holds the hedge `cue`, reports something uncertain."""
    return _ask("hedge", HEDGES, f"hedge {cue!r}", sentence, cue=fenced(cue))


_WORD = re.compile(r"[a-z]+(?:[ _-][a-z]+)?")


def _match(word: str, choices: Sequence[str], shortest: int = MIN_PREFIX) -> str | None:
    """The one choice `word` names: itself, or a prefix of it (or it of the word)."""
    word = word.strip().lower().replace(" ", "_").replace("-", "_")
    if word in choices:
        return word
    if len(word) < shortest:
        return None
    named = {c for c in choices if c.startswith(word) or word.startswith(c)}
    if not named:  # "opposed" for "opposes", "supportive" for "supports"
        named = {c for c in choices if _common(c, word) >= max(MIN_PREFIX + 1, len(c) - 2)}
    return named.pop() if len(named) == 1 else None


def _common(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def read_label(
    text: str | None, choices: Sequence[str], top: Iterable[tuple[str, float]] = ()
) -> Label | None:
    """The label an answer names (None if it names none), with its probability.

    `top` is the first generated token's alternatives with their log-probabilities: the
    probability is the chosen label's share of the mass that falls on any label.
    """
    found = _WORD.match((text or "").strip().strip("\"'`*").lower())
    value = None
    if found is not None:
        value = _match(found.group(), choices)
        if value is None:  # "ruled out." read as two words first, then the first alone
            value = _match(found.group().split()[0].split("_")[0], choices)
    if value is None:
        return None
    mass: dict[str, float] = {}
    for token, logprob in top:
        named = _match(token, choices, shortest=2) if token.strip() else None
        if named is not None:
            mass[named] = mass.get(named, 0.0) + math.exp(logprob)
    total = sum(mass.values())
    probability = round(mass[value] / total, 3) if value in mass and total > 0 else None
    return Label(value, probability)


def clean_span(text: str | None) -> str:
    """A span answer as it is stored: its first line, without quotes, "Answer:" or a stop.

    Stored as given, found in its sentence only when used (`read_span`), so an answer
    collected from a batch file, where the sentence is not at hand, is stored just as the
    live one is. An empty answer, or one that opens with "none", is "none".
    """
    lines = (text or "").strip().splitlines()
    answer = lines[0].strip() if lines else ""
    answer = re.sub(r"^(?:answer|phrase|words)\s*:\s*", "", answer, flags=re.IGNORECASE)
    answer = answer.strip("\"'`*“”‘’ ").rstrip(".,;:").strip("\"'“”‘’ ")
    first = answer.split()[:1]
    return "none" if not first or first[0].lower().strip(".") == "none" else answer


def read_span(text: str | None, within: str) -> Label | None:
    """The words of `within` an answer copies (its value is `within`'s own), or "none".

    None when the answer is not found there word for word (case and spacing aside), or is
    longer than `MAX_SPAN_WORDS`: the model explained or paraphrased instead of copying.
    """
    answer = clean_span(text)
    if answer == "none":
        return Label("none")
    words = answer.split()
    if len(words) > MAX_SPAN_WORDS:
        return None
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    found = re.search(pattern, within, re.IGNORECASE)
    return Label(found.group()) if found else None


def reask_message(choices: Sequence[str]) -> dict[str, str]:
    """The follow-up after an answer that named no label."""
    return {"role": "user", "content": "Answer with exactly one word from: "
            + ", ".join(choices) + "."}  # fmt: skip
