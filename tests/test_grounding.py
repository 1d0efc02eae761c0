from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from summarizer.grounding import GroundedText, normalize

from .conftest import SEED_FILES

SEED_TEXTS = [path.read_text(encoding="utf-8").strip() for path in SEED_FILES]
SWAPS = {"\u201c": '"', "\u201d": '"', "\u2019": "'", "\u2018": "'", '"': "\u201c", "'": "\u2019",
         "\u2013": "-", "-": "\u2014"}  # fmt: skip


def test_normalize_folds_marks_dashes_case_and_spaces() -> None:
    result = normalize("  “Hello”\u00a0 \n WORLD – it’s…  ")
    assert result.text == '"hello" world - it\'s...'
    assert len(result.origin) == len(result.text)


@pytest.mark.parametrize("text", SEED_TEXTS[:1])
def test_exact_quote_is_found_with_its_offsets(text: str) -> None:
    quote = "Russia has no say or veto over who can be a NATO member."
    located = GroundedText(text).locate(quote)
    assert located.evidence is not None
    evidence = located.evidence
    assert evidence.match == "exact"
    assert text[evidence.start : evidence.end] == evidence.quote == quote


def test_requoted_and_respaced_quote_maps_back_to_the_original_marks() -> None:
    text = SEED_TEXTS[0]
    located = GroundedText(text).locate('Rutte said membership "requires   unanimity"')
    assert located.evidence is not None
    assert located.evidence.quote == "Rutte said membership “requires unanimity”"


def test_paraphrased_quote_is_aligned_to_the_closest_whole_words() -> None:
    text = SEED_TEXTS[0]
    located = GroundedText(text).locate(
        "He acknowledged that several allies including the US still oppose admitting Kyiv"
    )
    evidence = located.evidence
    assert evidence is not None and evidence.match == "aligned"
    assert evidence.quote.startswith("He acknowledged that several allies, including the U.S.")
    assert evidence.quote.endswith("admitting Kyiv")
    assert text[evidence.start : evidence.end] == evidence.quote


@pytest.mark.parametrize(
    ("quote", "reason"),
    [
        ("Putin is a great friend of the alliance and admires it deeply", "best similarity"),
        ("vetoed it", "short quote"),
        ("   ", "empty quote"),
    ],
)
def test_unlocatable_quotes_say_why(quote: str, reason: str) -> None:
    located = GroundedText(SEED_TEXTS[0]).locate(quote)
    assert located.evidence is None
    assert reason in located.reason


def _respace(span: str, data: st.DataObject) -> str:
    pieces = re.split(r"\s+", span)
    spaces = data.draw(
        st.lists(
            st.sampled_from([" ", "  ", "\n", "\t", " \n "]),
            min_size=len(pieces) - 1,
            max_size=len(pieces) - 1,
        )
    )
    out = pieces[0]
    for space, piece in zip(spaces, pieces[1:], strict=True):
        out += space + piece
    return out


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_unique_span_respaced_or_requoted_is_located_back_exactly(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(SEED_TEXTS))
    # Spans from the start of one whitespace-separated token to the end of another.
    tokens = [m.span() for m in re.finditer(r"\S+", text)]
    first = data.draw(st.integers(0, len(tokens) - 3))
    last = data.draw(st.integers(first + 2, min(len(tokens) - 1, first + 40)))
    start, end = tokens[first][0], tokens[last][1]
    span = text[start:end]
    normalized = normalize(text).text
    needle = normalize(span).text
    assume(normalized.count(needle) == 1)  # a repeated span has no single right answer
    variant = _respace(span, data)
    if data.draw(st.booleans()):
        variant = "".join(SWAPS.get(c, c) if data.draw(st.booleans()) else c for c in variant)
    evidence = GroundedText(text).locate(variant).evidence
    assert evidence is not None
    assert evidence.match == "exact"
    assert (evidence.start, evidence.end) == (start, end)
    assert text[evidence.start : evidence.end] == evidence.quote == span


@settings(max_examples=100, deadline=None)
@given(text=st.sampled_from(SEED_TEXTS), quote=st.text(min_size=1, max_size=200))
def test_whatever_is_located_is_a_verbatim_span(text: str, quote: str) -> None:
    evidence = GroundedText(text).locate(quote).evidence
    if evidence is not None:
        assert text[evidence.start : evidence.end] == evidence.quote
