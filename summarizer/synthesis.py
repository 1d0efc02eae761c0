"""The optional model-assisted merge pass: topic grouping and a cited narrative.

Both outputs are validated before use and re-asked on failure: every cited article id
must exist and every sentence must cite one; every topic must land in exactly one group.
On the last allowed attempt the validators keep what is valid and drop the rest (a topic
left out stays its own group). The digest is complete without this pass.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    BaseModel,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from .corpus import CorpusDigest
from .drafts import Draft
from .prompts import load_prompt
from .records import ArticleBrief
from .store import Store
from .validation import CallContext, context_of

if TYPE_CHECKING:
    from .llm import StructuredClient

__all__ = ["NarrativeDraft", "Synthesizer", "TopicGroupsDraft", "digest_outline"]

Id = Annotated[str, StringConstraints(max_length=80)]
OUTLINE_LIMIT = 6000  # characters of digest shown to the model; a small model's context is short


class SentenceDraft(Draft):
    """One sentence of the narrative and the articles it rests on."""

    text: str = Field(min_length=20, max_length=300, description="The sentence, without ids.")
    articles: list[Id] = Field(
        min_length=1, max_length=5, description="Ids of the articles that support the sentence."
    )


class NarrativeDraft(Draft):
    """A short narrative of the digest in which every sentence cites its articles."""

    sentences: list[SentenceDraft] = Field(min_length=2, max_length=5)

    @model_validator(mode="after")
    def _cited(self, info: ValidationInfo) -> NarrativeDraft:
        context = context_of(info)
        allowed = set(context.allowed_ids)
        problems, kept = [], []
        for index, sentence in enumerate(self.sentences):
            unknown = [a for a in sentence.articles if a not in allowed]
            if unknown and not context.lenient:
                problems.append(f"sentences[{index}] cites unknown ids {unknown}")
            sentence.articles = [a for a in dict.fromkeys(sentence.articles) if a in allowed]
            if sentence.articles:
                kept.append(sentence)
        if problems:
            raise ValueError("; ".join(problems) + f"; use only these ids: {sorted(allowed)}")
        if not kept:
            raise ValueError(f"no sentence cites an allowed id; allowed ids: {sorted(allowed)}")
        self.sentences = kept
        return self

    def text(self) -> str:
        """The narrative with `[article_id]` citations after each sentence."""
        parts = []
        for sentence in self.sentences:
            body = sentence.text.strip().replace("[", "(").replace("]", ")")
            parts.append(f"{body} {''.join(f'[{a}]' for a in sentence.articles)}")
        return " ".join(parts)


class TopicGroupDraft(Draft):
    """Topic labels that name the same issue."""

    label: str = Field(max_length=60, description="A short name for the group.")
    topics: list[Annotated[str, StringConstraints(max_length=120)]] = Field(
        min_length=1, max_length=40, description="Given topic labels, copied exactly."
    )


class TopicGroupsDraft(Draft):
    """A partition of the given topic labels into groups."""

    groups: list[TopicGroupDraft] = Field(min_length=1, max_length=20)

    @model_validator(mode="after")
    def _partition(self, info: ValidationInfo) -> TopicGroupsDraft:
        context = context_of(info)
        given = list(context.given_topics)
        seen: set[str] = set()
        problems = []
        for group in self.groups:
            for topic in group.topics:
                if topic not in given:
                    problems.append(f"{topic!r} is not one of the given labels")
                elif topic in seen:
                    problems.append(f"{topic!r} is in more than one group")
            group.topics = [t for t in dict.fromkeys(group.topics) if t in given and t not in seen]
            seen.update(group.topics)
        missing = [t for t in given if t not in seen]
        if missing:
            problems.append(f"labels missing from every group: {missing}")
        if problems and not context.lenient:
            raise ValueError("; ".join(problems))
        self.groups = [g for g in self.groups if g.topics]
        return self

    def mapping(self, distinct: frozenset[str] = frozenset()) -> dict[str, str]:
        """Each grouped topic wording to its group's label, for groups of two or more.

        A group that joins two `distinct` topics (a profile's tracked topics, which name
        different issues by definition) is not used: on the seeds the 1.5B model joined
        two tracked topics, the lexical clustering chained that group to others through a
        third, and the digest reported every stance under one topic.
        """
        return {
            t: g.label.strip()
            for g in self.groups
            if len(g.topics) > 1 and len(distinct.intersection(g.topics)) < 2
            for t in g.topics
        }


def digest_outline(digest: CorpusDigest, limit: int = OUTLINE_LIMIT) -> str:
    """A compact plain-text view of the digest for a prompt, cut at `limit` characters."""
    lines = ["Articles:"]
    lines += [f"- {a.article_id}: {a.title}" for a in digest.articles]
    lines.append("Positions:")
    for position in digest.positions:
        for entry in position.entries:
            lines.append(f"- {position.actor} on {position.topic}: {entry.polarity} "
                         f"({entry.article_id}) {entry.stance}")  # fmt: skip
    lines.append("Disagreements:")
    for item in digest.disagreements:
        sides = "; ".join(f"{s.polarity} in {', '.join(s.articles)}" for s in item.sides)
        lines.append(f"- {item.topic} ({item.kind}): {sides}")
    lines.append("Security guarantees:")
    for guarantee in digest.guarantees:
        reports = ", ".join(f"{r.status} in {r.article_id}" for r in guarantee.reports)
        lines.append(f"- {guarantee.kind}: {reports}")
    text = "\n".join(lines)
    return text if len(text) <= limit else text[: limit - 4] + "\n..."


class Synthesizer:
    """Runs the model-assisted pass with one client, caching each result in the store."""

    def __init__(self, client: Callable[[], StructuredClient], store: Store, model_id: str) -> None:
        self.client = client  # called only on a cache miss: a cached run starts no model
        self.store = store
        self.model_id = model_id

    def _cached_call(
        self, task: str, model: type[BaseModel], values: dict[str, str], context: CallContext
    ) -> Any:
        """The model's answer to prompt `task` rendered with `values`, from the store if known.

        The cache key holds the prompt's version, the model and everything the answer is
        validated against, so a change to any of them asks again.
        """
        prompt = load_prompt(task)
        payload = json.dumps(
            [values, context.allowed_ids, context.given_topics], sort_keys=True, ensure_ascii=False
        )
        key = hashlib.sha256(f"{task}\x1f{prompt.version}\x1f{self.model_id}\x1f{payload}"
                             .encode()).hexdigest()  # fmt: skip
        stored = self.store.get_synthesis(key)
        if stored is not None:  # validated when stored; re-checked leniently against its input
            return model.model_validate_json(stored, context=replace(context, lenient=True))
        completion = self.client().extract(model, prompt.render(**values), context)
        self.store.put_synthesis(key, task, completion.value.model_dump_json())
        return completion.value

    def topic_groups(self, briefs: Sequence[ArticleBrief]) -> dict[str, str]:
        """Topic wording -> group label, from the model, for what lexical rules miss.

        A position on a tracked issue is grouped by the issue's name, not its wording, and
        no group may join two tracked issues (`TopicGroupsDraft.mapping`).
        """
        topics = sorted({p.issue or p.topic for b in briefs for p in b.positions})
        issues = frozenset(p.issue for b in briefs for p in b.positions if p.issue)
        if len(topics) < 2:
            return {}
        draft: TopicGroupsDraft = self._cached_call(
            "topics", TopicGroupsDraft, {"topics": "\n".join(topics)},
            CallContext(given_topics=tuple(topics)),
        )  # fmt: skip
        return draft.mapping(issues)

    def narrative(self, digest: CorpusDigest) -> str:
        """A cited narrative of `digest`."""
        ids = [a.article_id for a in digest.articles]
        if not ids:
            return ""
        values = {"digest": digest_outline(digest), "article_ids": ", ".join(ids)}
        draft: NarrativeDraft = self._cached_call(
            "narrative", NarrativeDraft, values, CallContext(allowed_ids=tuple(ids))
        )
        return draft.text()
