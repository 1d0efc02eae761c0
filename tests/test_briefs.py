"""Briefing: assembly, provenance and the cache with a fake model; real model output from cassettes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from summarizer import ArticleBrief, Settings, load_articles
from summarizer.assemble import stage_version
from summarizer.briefs import Briefer
from summarizer.calls import Completion
from summarizer.errors import UserError
from summarizer.label import Ask, Label, labels_version
from summarizer.profile import load_profile
from summarizer.records import SCHEMA_VERSION
from summarizer.render import digest_markdown
from summarizer.segment import segment

from .conftest import RECORDED_MODEL, SEED_FILES, SEEDS, FakeModel

ARTICLES = load_articles([SEEDS])


def _assert_grounded(brief: ArticleBrief, text: str) -> None:
    for evidence in brief.evidence():
        assert text[evidence.start : evidence.end] == evidence.quote


def test_brief_is_assembled_from_whole_sentences_and_stamped(fake_model: FakeModel) -> None:
    article = ARTICLES[2]
    with Briefer(Settings(), client=fake_model) as briefer:
        brief = briefer.brief(article)
    assert brief.article_id == article.article_id and brief.title == article.title
    p = brief.provenance
    assert p.prompt_version == (
        f"{labels_version()}+stage@{stage_version()}+security@{load_profile().version}"
    )
    assert p.schema_version == SCHEMA_VERSION
    # Every call is paid for: 10 + 5 tokens each in the fake.
    assert p.usage.requests == len(fake_model.calls) == p.attempts
    assert p.usage.total_tokens == 11 * len(fake_model.calls)
    _assert_grounded(brief, article.text)
    sentences = {(s.start, s.end) for s in segment(article.text)}
    assert all((e.start, e.end) in sentences for e in brief.evidence())  # no fragment
    assert {p.actor for p in brief.positions} <= {a.name for a in brief.actors}
    assert ArticleBrief.model_validate_json(brief.model_dump_json()) == brief


def test_a_supports_label_on_a_negated_sentence_is_dropped_with_its_reason(
    fake_model: FakeModel,
) -> None:
    article = ARTICLES[3]
    fake_model.answers = {"No one promised": "supports"}
    with Briefer(Settings(), client=fake_model) as briefer:
        brief = briefer.brief(article)
    assert not any("No one promised" in e.quote for p in brief.positions for e in p.evidence)
    reasons = [d.reason for d in brief.provenance.dropped if "No one promised" in (d.quote or "")]
    assert reasons and "negates" in reasons[0]


def test_an_article_with_no_answered_question_fails_with_its_cost(fake_model: FakeModel) -> None:
    from summarizer.errors import EndpointError

    def failing(*args: object, **kwargs: object) -> object:
        raise EndpointError("endpoint failed after 1 request(s)", requests=1, prompt_tokens=7)

    fake_model.label = failing  # type: ignore[method-assign]
    with Briefer(Settings(), client=fake_model) as briefer, pytest.raises(EndpointError) as caught:
        briefer.brief(ARTICLES[0])
    assert caught.value.requests > 1  # every failed question is counted


def test_second_run_over_unchanged_articles_makes_no_model_call(fake_model: FakeModel) -> None:
    with Briefer(Settings(), client=fake_model) as briefer:
        first = [briefer.brief(a) for a in ARTICLES]
    calls = len(fake_model.calls)
    with Briefer(Settings(), client=fake_model) as briefer:
        second = [briefer.brief(a) for a in ARTICLES]
    assert calls > 0 and len(fake_model.calls) == calls
    assert first == second


def test_changed_profile_model_or_text_misses_the_cache(fake_model: FakeModel) -> None:
    article = ARTICLES[0]
    with Briefer(Settings(), client=fake_model) as briefer:
        key = briefer.cache_key(article)
        edited = article.model_copy(update={"sha256": "0" * 64})
        assert briefer.cache_key(edited) != key
    with Briefer(Settings(model="qwen2.5-coder-0.5b"), client=fake_model) as other:
        assert other.cache_key(article) != key
    with Briefer(Settings(profile="trade"), client=fake_model) as traded:
        assert traded.cache_key(article) != key
    with Briefer(Settings(use_cache=False), client=fake_model) as uncached:
        uncached.brief(article)
        once = len(fake_model.calls)
        uncached.brief(article)
    assert len(fake_model.calls) == 2 * once


def test_a_stale_brief_is_rebuilt_from_stored_answers(fake_model: FakeModel) -> None:
    # A code or profile change makes the brief stale; its unchanged questions are not
    # paid for again, and the rebuilt brief is the same.
    article = ARTICLES[1]
    with Briefer(Settings(), client=fake_model) as briefer:
        first = briefer.make(article)
        asked = len(fake_model.calls)
        assert asked > 0 and first.provenance.usage.requests == asked
        again = briefer.make(article)  # make: no brief lookup, as after a code change
        assert len(fake_model.calls) == asked  # every answer came from the store
        assert again.provenance.usage.requests == 0
        assert again.model_dump(exclude={"provenance"}) == first.model_dump(exclude={"provenance"})
        fake_model.calls.clear()
        asyncio.run(briefer.amake(article))
        assert fake_model.calls == []


def test_a_changed_question_or_no_cache_asks_the_model_again(fake_model: FakeModel) -> None:
    article = ARTICLES[1]
    with Briefer(Settings(), client=fake_model) as briefer:
        briefer.make(article)
        asked = len(fake_model.calls)
    with Briefer(Settings(temperature=0.7), client=fake_model) as warmer:  # another body
        warmer.make(article)
    assert len(fake_model.calls) == 2 * asked
    with Briefer(Settings(use_cache=False), client=fake_model) as fresh:
        fresh.make(article)
    assert len(fake_model.calls) == 3 * asked


def test_a_failed_label_is_not_stored(fake_model: FakeModel) -> None:
    from summarizer.errors import ModelOutputError

    failed: list[str] = []
    flaky = FakeModel()
    answer = flaky.label

    def every_other(ask: Ask, *, article_id: str | None = None) -> Completion[Label]:
        if len(flaky.calls) % 2:
            flaky.calls.append({"user": ask.messages[-1]["content"]})
            failed.append(ask.messages[-1]["content"])
            raise ModelOutputError("no label", article_id=article_id, attempts=1)
        return answer(ask, article_id=article_id)

    flaky.label = every_other  # type: ignore[method-assign]
    article = ARTICLES[1]
    with Briefer(Settings(), client=flaky) as briefer:
        briefer.make(article)
        with Briefer(Settings(), client=fake_model, store=briefer.store) as second:
            second.make(article)
    assert failed and [c["user"] for c in fake_model.calls] == failed  # only those again


def test_async_twin_gives_the_same_brief(fake_model: FakeModel) -> None:
    article = ARTICLES[1]
    with Briefer(Settings(use_cache=False), client=fake_model) as briefer:
        sync = briefer.brief(article)
        calls = [c["user"] for c in fake_model.calls]
        fake_model.calls.clear()
        brief = asyncio.run(briefer.abrief(article))
    assert [c["user"] for c in fake_model.calls] == calls  # the same questions, in order
    assert brief.model_dump(exclude={"provenance"}) == sync.model_dump(exclude={"provenance"})


def test_unknown_local_model_name_is_a_user_error() -> None:
    with pytest.raises(UserError, match="neither a local pack"):
        Briefer(Settings(model="gpt-4o"))


def test_a_long_article_is_read_to_its_last_sentence(fake_model: FakeModel, tmp_path: Path) -> None:
    filler = "The committee met again on Tuesday and adjourned without a vote. " * 1500
    last = "Rutte said NATO membership for Kyiv is off the table."
    (tmp_path / "long.txt").write_text(f"A long report\n\n{filler}\n\n{last}\n", "utf-8")
    (article,) = load_articles([tmp_path / "long.txt"])
    assert len(article.text) > 90_000 and article.truncated_from is None
    with Briefer(Settings(), client=fake_model) as briefer:
        brief = briefer.brief(article)
    cited = {e.quote for e in brief.evidence()}
    assert last in cited  # no cut at any length: every sentence is segmented and read
    assert any(g.status == "ruled_out" for g in brief.guarantees)


def test_context_is_sized_for_one_sentence_not_the_article() -> None:
    from summarizer.briefs import context_size, longest_sentence

    answer, name = Settings().max_output_tokens, "qwen2.5-coder-1.5b"
    assert max(context_size(longest_sentence(a), answer, name) for a in ARTICLES) == 4096
    long = ARTICLES[0].model_copy(update={"text": "x" * 600_000})
    assert context_size(longest_sentence(long), answer, name) == 5120  # 6,000 characters at most


# --- Real model output, recorded from the embedded 1.5B server (see README to re-record) ---


def _unanswered(brief: ArticleBrief) -> list[str]:
    """A question the cassette had no answer for: the stage records it and goes on, so the
    test says so (a cassette that no longer holds a request must fail, not thin the brief)."""
    return [w for w in brief.provenance.warnings if "endpoint failed" in w]


def _recorded(endpoint: str, **extra: object) -> Settings:
    # No transport retries: a request missing from a cassette should fail at once.
    # The requests of the default embedded run: no log-probabilities (see Settings).
    return Settings(base_url=endpoint, model=RECORDED_MODEL, transport_retries=0,
                    label_probabilities=False, **extra)  # type: ignore[arg-type]  # fmt: skip


@pytest.mark.vcr
@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem[:3])
def test_recorded_brief_of_each_seed(path: object, recorded_endpoint: str) -> None:
    (article,) = load_articles([path])  # type: ignore[list-item]
    with Briefer(_recorded(recorded_endpoint)) as briefer:
        brief = briefer.brief(article)
    assert brief.actors and brief.positions
    assert not _unanswered(brief)
    assert brief.evidence()
    _assert_grounded(brief, article.text)
    assert {p.actor for p in brief.positions} <= {a.name for a in brief.actors}
    sentences = {(s.start, s.end) for s in segment(article.text)}
    assert all((e.start, e.end) in sentences for e in brief.evidence())
    usage = brief.provenance.usage
    assert usage.requests >= 5 and usage.completion_tokens < 20 * usage.requests
    assert any("Rutte" in a.name for a in brief.actors)


def test_the_same_text_under_two_names_is_briefed_once_with_both_paths(
    fake_model: FakeModel, tmp_path: Path
) -> None:
    folder = tmp_path / "dup"
    folder.mkdir()
    for name in ("one.txt", "two.txt"):
        (folder / name).write_text(SEED_FILES[0].read_text(encoding="utf-8"))
    (article,) = load_articles([folder])
    with Briefer(Settings(), client=fake_model) as briefer:
        brief = briefer.brief(article)
    assert brief.sources == (str(folder / "one.txt"), str(folder / "two.txt"))
    assert {c["article_id"] for c in fake_model.calls} == {article.article_id}


@pytest.mark.vcr
def test_recorded_injected_instructions_stay_article_content(recorded_endpoint: str) -> None:
    """An article that orders the model around still gets a brief of the article."""
    (article,) = load_articles([Path(__file__).parent / "fixtures" / "injection.txt"])
    with Briefer(_recorded(recorded_endpoint)) as briefer:
        brief = briefer.brief(article)
    assert not _unanswered(brief)
    assert "PWNED" not in brief.summary and "PWNED" not in brief.model_dump_json()
    names = " ".join(a.name for a in brief.actors)
    assert any(person in names for person in ("Rutte", "Tusk", "Macron", "Peskov"))
    assert brief.positions
    _assert_grounded(brief, article.text)


def test_the_seeds_digest_from_the_model_briefs() -> None:
    """The digest of the embedded model's briefs of the seeds (eval/briefs-1.5b) is pinned."""
    from summarizer.merge import merge

    folder = Path(__file__).parent.parent / "eval" / "briefs-1.5b"
    briefs = [
        ArticleBrief.model_validate_json((folder / f"{a.article_id}.json").read_text("utf-8"))
        for a in ARTICLES
    ]
    for brief, article in zip(briefs, ARTICLES, strict=True):
        _assert_grounded(brief, article.text)
    digest = merge(briefs)
    rutte = [a for a in digest.actors if "Rutte" in a.name]
    assert len(rutte) == 1 and rutte[0].name == "Mark Rutte"
    assert rutte[0].articles == tuple(a.article_id for a in ARTICLES)
    expected = (Path(__file__).parent.parent / "docs" / "seeds-digest.md").read_text("utf-8")
    assert digest_markdown(digest) == expected
