"""The model-assisted merge pass: validation, caching, and real output from cassettes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from pydantic import ValidationError

from summarizer import Settings
from summarizer.llm import Completion, ModelClient
from summarizer.merge import merge
from summarizer.records import Usage
from summarizer.store import Store
from summarizer.synthesis import NarrativeDraft, Synthesizer, TopicGroupsDraft, digest_outline
from summarizer.validation import CallContext

from .briefs_factory import CORPUS, actor, brief, position
from .conftest import RECORDED_MODEL

IDS = CallContext(allowed_ids=("a", "b", "c"))
TOPICS = CallContext(
    given_topics=("Ukraine NATO membership", "Kyiv's bid to join the alliance", "sanctions")
)


def _sentences(*cited: list[str]) -> dict[str, Any]:
    return {"sentences": [{"text": f"A sentence long enough number {i}.", "articles": ids}
                          for i, ids in enumerate(cited)]}  # fmt: skip


def test_narrative_citing_an_unknown_article_is_re_asked() -> None:
    with pytest.raises(ValidationError, match=r"unknown ids \['zz'\].*use only these ids"):
        NarrativeDraft.model_validate(_sentences(["a"], ["zz"]), context=IDS)


def test_narrative_on_the_last_attempt_keeps_only_cited_sentences() -> None:
    draft = NarrativeDraft.model_validate(
        _sentences(["a", "zz", "a"], ["zz"], ["c"]), context=replace(IDS, lenient=True)
    )
    assert [s.articles for s in draft.sentences] == [["a"], ["c"]]
    assert draft.text() == (
        "A sentence long enough number 0. [a] A sentence long enough number 2. [c]"
    )


def test_narrative_with_no_citable_sentence_fails_even_when_lenient() -> None:
    with pytest.raises(ValidationError, match="no sentence cites"):
        NarrativeDraft.model_validate(_sentences(["x"], ["y"]), context=replace(IDS, lenient=True))


def test_every_sentence_must_cite_something() -> None:
    with pytest.raises(ValidationError):
        NarrativeDraft.model_validate(_sentences([], ["a"]), context=IDS)


def test_topic_groups_must_use_every_given_topic_exactly_once() -> None:
    bad = {"groups": [
        {"label": "membership", "topics": ["Ukraine NATO membership", "invented topic"]},
        {"label": "again", "topics": ["Ukraine NATO membership"]},
    ]}  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        TopicGroupsDraft.model_validate(bad, context=TOPICS)
    message = str(caught.value)
    assert "'invented topic' is not one of the given labels" in message
    assert "in more than one group" in message
    assert "missing from every group" in message and "sanctions" in message


def test_lenient_topic_groups_keep_a_valid_partition() -> None:
    messy = {"groups": [
        {"label": "membership", "topics": ["Ukraine NATO membership", "invented",
                                           "Kyiv's bid to join the alliance"]},
        {"label": "dup", "topics": ["Ukraine NATO membership"]},
    ]}  # fmt: skip
    draft = TopicGroupsDraft.model_validate(messy, context=replace(TOPICS, lenient=True))
    assert draft.mapping() == {
        "Ukraine NATO membership": "membership",
        "Kyiv's bid to join the alliance": "membership",
    }


def test_a_group_joining_two_distinct_topics_is_not_used() -> None:
    joined = {"groups": [
        {"label": "NATO involvement", "topics": ["NATO membership", "sanctions"]},
        {"label": "membership", "topics": ["Kyiv's bid to join the alliance",
                                           "Ukraine NATO membership"]},
    ]}  # fmt: skip
    given = CallContext(given_topics=("NATO membership", "sanctions",
                                      "Kyiv's bid to join the alliance", "Ukraine NATO membership"))  # fmt: skip
    draft = TopicGroupsDraft.model_validate(joined, context=given)
    tracked = frozenset({"NATO membership", "sanctions"})  # a profile's tracked topics
    assert draft.mapping(tracked) == {
        "Kyiv's bid to join the alliance": "membership", "Ukraine NATO membership": "membership",
    }  # fmt: skip
    assert "sanctions" in draft.mapping()  # with nothing kept apart, the group stands


def test_model_topic_groups_join_what_lexical_rules_miss_and_are_logged() -> None:
    briefs = [
        brief("a", actors=[actor("Mark Rutte")],
              positions=[position("Mark Rutte", "Ukraine NATO membership", "supports", "q1")]),
        brief("b", actors=[actor("Mark Rutte")],
              positions=[position("Mark Rutte", "Kyiv's bid to join the alliance", "opposes",
                                  "q2")]),
    ]  # fmt: skip
    plain = merge(briefs)
    assert len(plain.positions) == 2 and not plain.disagreements
    grouped = merge(briefs, topic_groups={
        "Ukraine NATO membership": "Ukraine's NATO membership",
        "Kyiv's bid to join the alliance": "Ukraine's NATO membership",
    })  # fmt: skip
    assert len(grouped.positions) == 1
    assert [d.kind for d in grouped.disagreements] == ["same_actor"]
    step = next(s for s in grouped.merge_log if s.rule == "model-topic-group")
    assert step.into == "Ukraine's NATO membership" and len(step.joined) == 2


class CountingClient:
    mode = "tools"

    def __init__(self, value: dict[str, Any]) -> None:
        self.value = value
        self.calls = 0

    def extract(self, response_model: Any, messages: Any, context: CallContext,
                **_: Any) -> Completion[Any]:  # fmt: skip
        self.calls += 1
        return Completion(response_model.model_validate(self.value, context=context),
                          Usage(), 1, 0.0)  # fmt: skip


def test_synthesis_is_cached_and_a_cached_run_starts_no_model(tmp_path: Any) -> None:
    digest = merge(CORPUS)
    client = CountingClient(_sentences(["a"], ["b", "c"]))
    factory_calls = []

    def factory() -> CountingClient:
        factory_calls.append(1)
        return client

    with Store(tmp_path / "s.db") as store:
        first = Synthesizer(factory, store, "m").narrative(digest)  # type: ignore[arg-type]
        second = Synthesizer(factory, store, "m").narrative(digest)  # type: ignore[arg-type]
        other_model = Synthesizer(factory, store, "m2").narrative(digest)  # type: ignore[arg-type]
    assert first == second == other_model
    assert client.calls == 2 and len(factory_calls) == 2


def test_outline_is_bounded_and_names_every_article() -> None:
    outline = digest_outline(merge(CORPUS))
    assert all(f"- {a}: " in outline for a in ("a", "b", "c"))
    assert len(digest_outline(merge(CORPUS), limit=200)) <= 200


# --- Real model output, recorded from the embedded 1.5B server ---


@pytest.fixture
def recorded(recorded_endpoint: str) -> Iterator[Synthesizer]:
    settings = Settings(base_url=recorded_endpoint, model=RECORDED_MODEL, transport_retries=0)
    client = ModelClient(settings, base_url=recorded_endpoint, api_key="local",
                         model=RECORDED_MODEL)  # fmt: skip
    with Store(settings.store_path) as store:
        yield Synthesizer(lambda: client, store, RECORDED_MODEL)
    client.close()


@pytest.mark.vcr
def test_recorded_narrative_cites_only_real_articles(recorded: Synthesizer) -> None:
    digest = merge(CORPUS)
    narrative = recorded.narrative(digest)
    cited = {part.split("]")[0] for part in narrative.split("[")[1:]}
    assert cited and cited <= {"a", "b", "c"}
    assert narrative.count("[") >= 2


@pytest.mark.vcr
def test_recorded_topic_groups_partition_the_topics(recorded: Synthesizer) -> None:
    mapping = recorded.topic_groups(CORPUS)
    topics = {p.topic for b in CORPUS for p in b.positions}
    assert set(mapping) <= topics
    # The recorded model grouped all four membership wordings under one label.
    assert len(set(mapping.values())) == 1 and len(mapping) == 4
    merged = merge(CORPUS, topic_groups=mapping)
    assert {p.actor for p in merged.positions} >= {"Mark Rutte", "Donald Trump"}
