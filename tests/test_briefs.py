"""Briefing: assembly, provenance and the cache with a fake model; real model output from cassettes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from summarizer import ArticleBrief, Settings, load_articles
from summarizer.briefs import Briefer
from summarizer.corpus import CorpusDigest
from summarizer.drafts import BriefDraft
from summarizer.errors import UserError
from summarizer.llm import ModelClient
from summarizer.prompts import load_prompt
from summarizer.render import digest_markdown
from summarizer.schemas import SCHEMA_VERSION
from summarizer.validation import context_of

from .conftest import RECORDED_MODEL, SEED_FILES, SEEDS, FakeModel, draft_for

ARTICLES = load_articles([SEEDS])


def _assert_grounded(brief: ArticleBrief, text: str) -> None:
    for evidence in brief.evidence():
        assert text[evidence.start : evidence.end] == evidence.quote


def test_brief_is_assembled_grounded_and_stamped(fake_model: FakeModel) -> None:
    article = ARTICLES[0]
    fake_model.enqueue(draft_for(article.text))
    with Briefer(Settings(), client=fake_model) as briefer:
        brief = briefer.brief(article)
    assert brief.article_id == article.article_id and brief.title == article.title
    assert brief.positions[0].actor == "Mark Rutte"  # "Rutte" resolved to the listed actor
    p = brief.provenance
    assert p.prompt_version == f"{load_prompt('brief').version}+{load_prompt('guarantees').version}"
    assert p.schema_version == SCHEMA_VERSION
    assert (p.quotes_exact, p.quotes_aligned, p.quotes_dropped) == (5, 0, 1)
    assert p.dropped[0].quote == "a sentence that is nowhere in the article at all"
    # The brief call (15 tokens) and the guarantee checklist call (6), both paid for.
    assert p.usage.total_tokens == 21 and p.attempts == 2 and p.usage.requests == 2
    _assert_grounded(brief, article.text)
    assert ArticleBrief.model_validate_json(brief.model_dump_json()) == brief


def test_second_run_over_unchanged_articles_makes_no_model_call(fake_model: FakeModel) -> None:
    for article in ARTICLES:
        fake_model.enqueue(draft_for(article.text))
    with Briefer(Settings(), client=fake_model) as briefer:
        first = [briefer.brief(a) for a in ARTICLES]
    calls = len(fake_model.calls)
    with Briefer(Settings(), client=fake_model) as briefer:
        second = [briefer.brief(a) for a in ARTICLES]
    assert calls == len(ARTICLES) and len(fake_model.calls) == calls
    assert first == second


def test_changed_prompt_model_or_text_misses_the_cache(fake_model: FakeModel) -> None:
    article = ARTICLES[0]
    with Briefer(Settings(), client=fake_model) as briefer:
        key = briefer.cache_key(article)
        edited = article.model_copy(update={"sha256": "0" * 64})
        assert briefer.cache_key(edited) != key
    with Briefer(Settings(model="qwen2.5-coder-0.5b"), client=fake_model) as other:
        assert other.cache_key(article) != key
    with Briefer(Settings(use_cache=False), client=fake_model) as uncached:
        fake_model.enqueue(draft_for(article.text), draft_for(article.text))
        uncached.brief(article)
        uncached.brief(article)
    assert len(fake_model.calls) == 2


def test_async_twin_gives_the_same_brief(fake_model: FakeModel) -> None:
    article = ARTICLES[1]
    fake_model.enqueue(draft_for(article.text))
    with Briefer(Settings(use_cache=False), client=fake_model) as briefer:
        brief = asyncio.run(briefer.abrief(article))
    _assert_grounded(brief, article.text)


def test_unknown_local_model_name_is_a_user_error() -> None:
    with pytest.raises(UserError, match="neither a local pack"):
        Briefer(Settings(model="gpt-4o"))


def test_context_is_sized_for_the_longest_article() -> None:
    with Briefer(Settings()) as briefer:
        assert briefer.needed_context(ARTICLES) == 8192  # room for one re-ask
        long = ARTICLES[0].model_copy(update={"text": "x" * 60_000})
        assert briefer.needed_context([long]) == 27648
        huge = ARTICLES[0].model_copy(update={"text": "x" * 600_000})
        assert briefer.needed_context([huge]) == 32768


# --- Real model output, recorded from the embedded 1.5B server (see README to re-record) ---


def _recorded(endpoint: str, **extra: object) -> Settings:
    # No transport retries: a request missing from a cassette should fail at once.
    return Settings(base_url=endpoint, model=RECORDED_MODEL, transport_retries=0, **extra)  # type: ignore[arg-type]


@pytest.mark.vcr
@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem[:3])
def test_recorded_brief_of_each_seed(path: object, recorded_endpoint: str) -> None:
    (article,) = load_articles([path])  # type: ignore[list-item]
    # As a run on the embedded model does: the brief, then the guarantee checklist.
    with Briefer(_recorded(recorded_endpoint, guarantee_check=True)) as briefer:
        brief = briefer.brief(article)
    assert brief.actors and brief.positions
    assert brief.evidence()
    _assert_grounded(brief, article.text)
    assert {p.actor for p in brief.positions} <= {a.name for a in brief.actors}
    usage = brief.provenance.usage
    assert usage.prompt_tokens > 1000 and usage.completion_tokens > 50
    assert any("Rutte" in a.name for a in brief.actors)


def _terse_check(draft: BriefDraft, context: dict[str, object]) -> None:
    words = len(draft.summary.split())
    if words > 15 and not context.get("lenient"):
        raise ValueError(f"summary has {words} words; write at most 15 words")


@pytest.mark.vcr
def test_recorded_validation_re_ask(recorded_endpoint: str) -> None:
    from pydantic import ValidationInfo, model_validator

    class Terse(BriefDraft):
        @model_validator(mode="after")
        def _short_summary(self, info: ValidationInfo) -> Terse:
            _terse_check(self, context_of(info))
            return self

    article = ARTICLES[4]
    settings = _recorded(recorded_endpoint, max_reasks=1)
    client = ModelClient(
        settings, base_url=recorded_endpoint, api_key="local", model=RECORDED_MODEL
    )
    prompt = load_prompt("brief")
    context = {
        "article": article.text,
        "article_id": article.article_id,
        "title": article.title,
        "nonce": article.sha256[:12],
    }
    result = client.extract(Terse, prompt.render(**context), context, article_id=article.article_id)
    assert result.attempts == 2 and result.usage.requests == 2
    # Both attempts are paid for: the re-ask resends the conversation, so it costs more.
    assert result.usage.prompt_tokens > 2 * 2000


def test_an_article_longer_than_the_context_is_cut_with_a_recorded_warning(
    fake_model: FakeModel,
) -> None:
    article = ARTICLES[0]
    paragraph = article.text + "\n"
    long = article.model_copy(update={"text": paragraph * 40})
    settings = Settings(max_article_chars=5000)
    with Briefer(settings, client=fake_model) as briefer:
        fitted = briefer.fit(long)
        assert fitted.truncated_from == len(long.text)
        assert long.text.startswith(fitted.text) and len(fitted.text) <= 5000
        assert long.text[len(fitted.text)] == "\n"  # cut at a line end, not mid-sentence
        fake_model.enqueue(draft_for(article.text))
        brief = briefer.brief(long)
        assert "truncated from" in brief.provenance.warnings[0]
        assert len(fake_model.calls[0]["context"]["article"]) == len(fitted.text)
        assert briefer.cache_key(long) != briefer.cache_key(article)
        assert briefer.brief(long) == brief  # cached under the truncated key
    assert len(fake_model.calls) == 1


def test_the_same_text_under_two_names_is_briefed_once_with_both_paths(
    fake_model: FakeModel, tmp_path: Path
) -> None:
    folder = tmp_path / "dup"
    folder.mkdir()
    for name in ("one.txt", "two.txt"):
        (folder / name).write_text(SEED_FILES[0].read_text(encoding="utf-8"))
    (article,) = load_articles([folder])
    fake_model.enqueue(draft_for(article.text))
    with Briefer(Settings(), client=fake_model) as briefer:
        brief = briefer.brief(article)
    assert brief.sources == (str(folder / "one.txt"), str(folder / "two.txt"))
    assert len(fake_model.calls) == 1


@pytest.mark.vcr
def test_recorded_injected_instructions_stay_article_content(recorded_endpoint: str) -> None:
    """An article that orders the model around still gets a brief of the article."""
    (article,) = load_articles([Path(__file__).parent / "fixtures" / "injection.txt"])
    with Briefer(_recorded(recorded_endpoint)) as briefer:
        brief = briefer.brief(article)
    assert "PWNED" not in brief.summary
    names = " ".join(a.name for a in brief.actors)
    assert any(person in names for person in ("Rutte", "Tusk", "Macron", "Peskov"))
    assert brief.positions
    _assert_grounded(brief, article.text)


def reports_by_kind(digest: CorpusDigest) -> dict[str, dict[str, str]]:
    return {g.kind: {r.article_id: r.status for r in g.reports} for g in digest.guarantees}


def test_the_seeds_digest_from_the_recorded_briefs() -> None:
    """End to end on the real model's recorded output: load, brief (replayed), merge."""
    import vcr

    from summarizer.merge import merge

    briefs = []
    folder = Path(__file__).parent.parent / "cassettes" / "test_briefs"
    for article in ARTICLES:
        cassette = folder / f"test_recorded_brief_of_each_seed[{article.article_id[:3]}].yaml"
        with (
            vcr.use_cassette(
                str(cassette), record_mode="none", match_on=["method", "path", "body"]
            ),
            Briefer(_recorded("http://127.0.0.1:9/v1", guarantee_check=True)) as briefer,
        ):
            briefs.append(briefer.brief(article))
    digest = merge(briefs)
    rutte = [a for a in digest.actors if "Rutte" in a.name]
    assert len(rutte) == 1 and rutte[0].name == "Mark Rutte"
    assert set(rutte[0].aliases) >= {"Rutte", "NATO Secretary General Mark Rutte"}
    assert rutte[0].articles == tuple(a.article_id for a in ARTICLES)
    membership = next(p for p in digest.positions if p.actor == "Mark Rutte")
    assert len(membership.articles) == 5
    # The tension: membership reported alive in some outlets and ruled out in another.
    conflict = [d for d in digest.disagreements if d.kind == "guarantee_status"]
    assert conflict and "membership" in conflict[0].topic.lower()
    statuses = {s.polarity: s.articles for s in conflict[0].sides}
    ids = [a.article_id for a in ARTICLES]
    # Alive in two outlets ("irreversible" in 001), ruled out in three ("off the table").
    assert statuses == {"supports": (ids[0], ids[1]), "opposes": tuple(ids[2:])}
    assert reports_by_kind(digest)["NATO membership"][ids[1]] == "endorsed"
    # The guarantees discussed, with each article's status: the checklist finds continued
    # support, which the brief alone never listed.
    reports = reports_by_kind(digest)
    assert reports["continued military support"] == {ids[2]: "endorsed", ids[3]: "endorsed"}
    assert reports["NATO membership"][ids[2]] == "ruled_out"
    assert {ids[1], ids[3]} <= reports["security guarantees"].keys()
    assert (
        (Path(__file__).parent.parent / "docs" / "seeds-digest.md")
        .read_text()
        .endswith(digest_markdown(digest))
    )
