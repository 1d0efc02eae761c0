"""Merge briefs into one corpus digest: deterministic, no model, every statement sourced.

The same briefs in any order give the same digest, byte for byte once serialized: input
is sorted by article id first, and every output list has a total order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from .corpus import (
    ArticleRef,
    Citation,
    CorpusDigest,
    CoverageRow,
    Disagreement,
    GuaranteeReport,
    MergedActor,
    MergedGuarantee,
    MergedPosition,
    MergedUncertainty,
    MergeStep,
    PositionEntry,
    TopicStance,
)
from .identity import (
    ActorResolver,
    Mention,
    TopicClusters,
    canonical_name,
    guarantee_noise,
    name_key,
)
from .records import ArticleBrief, Evidence, Position, Usage
from .wording import counted, words

__all__ = ["ALIVE", "DEAD", "merge"]

ALIVE = frozenset({"proposed", "under_discussion", "conditional", "endorsed"})
DEAD = frozenset({"ruled_out", "rejected"})
OPPOSED = {"supports": "against", "conditional": "against", "opposes": "for"}


def _citations(article_id: str, evidence: Iterable[Evidence]) -> tuple[Citation, ...]:
    spans = {(e.start, e.end): e for e in evidence}
    return tuple(Citation.of(article_id, spans[span]) for span in sorted(spans))


def _sorted_citations(citations: Iterable[Citation]) -> tuple[Citation, ...]:
    unique = {(c.article_id, c.start, c.end): c for c in citations}
    return tuple(unique[key] for key in sorted(unique))


def _label(wordings: Iterable[str]) -> str:
    """The most common wording; ties go to the shortest, then the alphabetically first."""
    counts = Counter(wordings)
    return min(counts, key=lambda w: (-counts[w], len(w), w))


def _unique_briefs(briefs: Iterable[ArticleBrief]) -> tuple[list[ArticleBrief], list[MergeStep]]:
    by_id: dict[str, list[ArticleBrief]] = defaultdict(list)
    for brief in briefs:
        by_id[brief.article_id].append(brief)
    chosen, log = [], []
    for article_id in sorted(by_id):
        found = by_id[article_id]
        if len(found) > 1:
            # Any input order must give the same digest: keep the first in a total order.
            found.sort(key=lambda b: (b.article_sha256, b.model_dump_json()))
            detail = "a second brief of this article id was left out; the first in order is kept"
            log += [MergeStep(rule="duplicate-brief", joined=(article_id,), into=article_id,
                              detail=detail)] * (len(found) - 1)  # fmt: skip
        chosen.append(found[0])
    return chosen, log


ActorIndex = dict[tuple[str, str], str]  # (article id, name in its brief) -> merged name


def _actors(
    briefs: Sequence[ArticleBrief],
) -> tuple[ActorIndex, list[MergedActor], list[MergeStep]]:
    mentions = [
        Mention(b.article_id, a.name, a.kind, a.role, a.aliases) for b in briefs for a in b.actors
    ]
    resolver = ActorResolver(mentions)
    names: dict[str, str] = {}
    merged: list[MergedActor] = []
    for root, group in resolver.groups().items():
        name = canonical_name(group)
        names[root] = name
        kinds = Counter(m.kind for m in group)
        roles = Counter(m.role for m in group if m.role)
        surfaces = {m.name for m in group} | {a for m in group for a in m.aliases}
        merged.append(
            MergedActor(
                name=name,
                kind=min(kinds, key=lambda k: (-kinds[k], k)),
                role=min(roles, key=lambda r: (-roles[r], r)) if roles else "",
                aliases=tuple(sorted(surfaces - {name}, key=lambda s: (name_key(s), s))),
                articles=tuple(sorted({m.article_id for m in group})),
            )
        )
    by_mention = {(m.article_id, m.name): names[resolver.root(m.kind, m.name)] for m in mentions}
    # Names used outside the actor lists (a guarantee's proposer, or a position naming an
    # actor by one of its aliases in a brief built by hand): any unambiguous alias.
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in merged:
        for surface in (actor.name, *actor.aliases):
            owners[name_key(surface)].add(actor.name)
    for brief in briefs:
        named: list[str | None] = [item.proposed_by for item in brief.guarantees]
        named += [position.actor for position in brief.positions]
        for called in named:
            if called and (brief.article_id, called) not in by_mention:
                found = owners.get(name_key(called), set()) or _titled(called, owners)
                if len(found) == 1:
                    by_mention[(brief.article_id, called)] = next(iter(found))
    log = [
        MergeStep(rule=rule, joined=(a, b), into=names[resolver.group_of(node)], detail=detail)
        for rule, a, b, node, detail in resolver.steps
    ]
    merged.sort(key=lambda a: (-len(a.articles), a.name))
    return by_mention, merged, log


def _titled(called: str, owners: dict[str, set[str]]) -> set[str]:
    """Actors one of whose names of two words or more ends `called`: a title before a name.

    "Secretary General Ana Costa" is Ana Costa; a whole name must match, so "Donald
    Tusk" never ends in "Donald Trump".
    """
    words = name_key(called).split()
    found: set[str] = set()
    for cut in range(1, len(words) - 1):
        found |= owners.get(" ".join(words[cut:]), set())
    return found


def _stance(topic: str, polarity: str, entries: Sequence[tuple[str, PositionEntry]]) -> TopicStance:
    return TopicStance(
        topic=topic,
        polarity=polarity,
        actors=tuple(sorted({actor for actor, _ in entries})),
        articles=tuple(sorted({e.article_id for _, e in entries})),
        stances=tuple(sorted({e.stance for _, e in entries})),
        evidence=_sorted_citations(c for _, e in entries for c in e.evidence),
    )


def _positions(
    briefs: Sequence[ArticleBrief],
    actor_of: dict[tuple[str, str], str],
    topic_groups: Mapping[str, str],
) -> tuple[list[MergedPosition], list[TopicStance], list[Disagreement]]:
    def grouped_as(topic: str) -> str:
        return topic_groups.get(topic, topic)

    def issue(position: Position) -> str:
        """What a position is grouped under: its tracked issue, else its wording's group."""
        return grouped_as(position.issue or position.topic)

    clusters = TopicClusters(issue(p) for b in briefs for p in b.positions)
    grouped: dict[tuple[str, int], dict[tuple[object, ...], PositionEntry]] = defaultdict(dict)
    wordings: dict[int, list[str]] = defaultdict(list)
    for brief in briefs:
        for position in brief.positions:
            actor = actor_of.get((brief.article_id, position.actor), position.actor)
            cluster = clusters.cluster(issue(position))
            wordings[cluster].append(position.issue or position.topic)
            entry = PositionEntry.model_construct(  # from validated briefs: no re-validation
                article_id=brief.article_id, named_as=position.actor, topic=position.topic,
                stance=position.stance, polarity=position.polarity,
                attribution=position.attribution, hedged=position.hedged,
                evidence=_citations(brief.article_id, position.evidence),
            )  # fmt: skip
            key = (entry.article_id, entry.named_as, entry.topic, entry.stance, entry.polarity,
                   tuple((c.start, c.end) for c in entry.evidence))  # fmt: skip
            grouped[(actor, cluster)].setdefault(key, entry)
    labels = {cluster: _label(words) for cluster, words in wordings.items()}
    merged: list[MergedPosition] = []
    by_topic: dict[int, list[tuple[str, PositionEntry]]] = defaultdict(list)
    for (actor, cluster), found in grouped.items():
        entries = sorted(found.values(), key=lambda e: (e.article_id, e.topic, e.stance))
        by_topic[cluster].extend((actor, e) for e in entries)
        merged.append(
            MergedPosition(
                actor=actor, topic=labels[cluster],
                polarities=tuple(sorted({e.polarity for e in entries})),
                articles=tuple(sorted({e.article_id for e in entries})), entries=tuple(entries),
            )
        )  # fmt: skip
    merged.sort(key=lambda p: (p.actor, p.topic))
    agreements: list[TopicStance] = []
    disagreements: list[Disagreement] = []
    for cluster, held_on_topic in by_topic.items():
        topic = labels[cluster]
        by_polarity: dict[str, list[tuple[str, PositionEntry]]] = defaultdict(list)
        for actor, entry in held_on_topic:
            if entry.polarity != "neutral":
                by_polarity[entry.polarity].append((actor, entry))
        for polarity, held in by_polarity.items():
            if len({e.article_id for _, e in held}) >= 2:
                agreements.append(_stance(topic, polarity, held))
        disagreements.extend(_collisions(topic, by_polarity))
    agreements.sort(key=lambda s: (-len(s.articles), s.topic, s.polarity))
    disagreements.sort(key=lambda d: (d.kind, d.topic, d.actor or ""))
    return merged, agreements, disagreements


def _collisions(topic: str, by_polarity: dict[str, list[tuple[str, PositionEntry]]]
                ) -> list[Disagreement]:  # fmt: skip
    """Opposite polarities on one topic: per actor reported on both sides, and across actors."""
    pro = by_polarity.get("supports", []) + by_polarity.get("conditional", [])
    con = by_polarity.get("opposes", [])
    if not pro or not con:
        return []
    found = []

    def sides(held: list[tuple[str, PositionEntry]]) -> list[TopicStance]:
        split: dict[str, list[tuple[str, PositionEntry]]] = defaultdict(list)
        for actor, entry in held:
            split[entry.polarity].append((actor, entry))
        return [_stance(topic, polarity, split[polarity]) for polarity in sorted(split)]

    for actor in sorted({a for a, _ in pro} & {a for a, _ in con}):
        mine = [(a, e) for a, e in pro + con if a == actor]
        found.append(
            Disagreement(kind="same_actor", topic=topic, actor=actor, sides=tuple(sides(mine)))
        )
    if {a for a, _ in pro} != {a for a, _ in con} or len({a for a, _ in pro + con}) > 1:
        found.append(
            Disagreement(kind="between_actors", topic=topic, sides=tuple(sides(pro + con)))
        )
    return found


def _guarantees(
    briefs: Sequence[ArticleBrief], actor_of: ActorIndex
) -> tuple[list[MergedGuarantee], list[Disagreement]]:
    clusters = TopicClusters((g.kind for b in briefs for g in b.guarantees),
                             drop=guarantee_noise(), min_nested=1)  # fmt: skip
    reports: dict[int, dict[tuple[object, ...], GuaranteeReport]] = defaultdict(dict)
    wordings: dict[int, list[str]] = defaultdict(list)
    for brief in briefs:
        for guarantee in brief.guarantees:
            cluster = clusters.cluster(guarantee.kind)
            wordings[cluster].append(guarantee.kind)
            report = GuaranteeReport.model_construct(
                article_id=brief.article_id, named_as=guarantee.kind, status=guarantee.status,
                description=guarantee.description,
                proposed_by=actor_of.get((brief.article_id, guarantee.proposed_by or ""),
                                         guarantee.proposed_by),
                conditions=guarantee.conditions,
                evidence=_citations(brief.article_id, guarantee.evidence),
            )  # fmt: skip
            key = (report.article_id, report.named_as, report.status, report.description)
            reports[cluster].setdefault(key, report)
    merged, conflicts = [], []
    for cluster, found in reports.items():
        kind = _label(wordings[cluster])
        rows = sorted(found.values(), key=lambda r: (r.article_id, r.named_as, r.status))
        statuses = {r.status for r in rows}
        conflicting = bool(statuses & ALIVE) and bool(statuses & DEAD)
        merged.append(
            MergedGuarantee(
                kind=kind, statuses=tuple(sorted(statuses)), conflicting=conflicting,
                proposed_by=tuple(sorted({r.proposed_by for r in rows if r.proposed_by})),
                articles=tuple(sorted({r.article_id for r in rows})), reports=tuple(rows),
            )
        )  # fmt: skip
        if conflicting:
            conflicts.append(Disagreement(kind="guarantee_status", topic=kind, sides=tuple(
                _status_side(kind, "supports" if alive else "opposes",
                             [r for r in rows if (r.status in ALIVE) == alive])
                for alive in (True, False)
            )))  # fmt: skip
    merged.sort(key=lambda g: (-len(g.articles), g.kind))
    conflicts.sort(key=lambda d: d.topic)
    return merged, conflicts


def _status_side(kind: str, polarity: str, rows: list[GuaranteeReport]) -> TopicStance:
    return TopicStance(
        topic=kind, polarity=polarity,
        actors=tuple(sorted({r.proposed_by for r in rows if r.proposed_by})),
        articles=tuple(sorted({r.article_id for r in rows})),
        stances=tuple(sorted({f"{words(r.status)}: {r.description}" for r in rows})),
        evidence=_sorted_citations(c for r in rows for c in r.evidence),
    )  # fmt: skip


def _uncertainties(briefs: Sequence[ArticleBrief]) -> list[MergedUncertainty]:
    groups: dict[str, list[tuple[str, str, tuple[Citation, ...]]]] = defaultdict(list)
    span_home: dict[tuple[str, int, int], str] = {}
    for brief in briefs:
        for item in brief.uncertainties:
            cites = _citations(brief.article_id, item.evidence)
            key = name_key(item.description)
            # The same quoted span in the same article is the same uncertainty, however worded.
            for cite in cites:
                key = span_home.setdefault((cite.article_id, cite.start, cite.end), key)
            groups[key].append((item.description, item.kind, cites))
    merged = []
    for rows in groups.values():
        kinds = Counter(kind for _, kind, _ in rows)
        merged.append(
            MergedUncertainty(
                description=_label(d for d, _, _ in rows),
                kind=min(kinds, key=lambda k: (-kinds[k], k)),
                articles=tuple(sorted({c.article_id for _, _, cs in rows for c in cs})),
                evidence=_sorted_citations(c for _, _, cs in rows for c in cs),
            )
        )
    merged.sort(key=lambda u: (-len(u.articles), u.description))
    return merged


def _coverage(
    ids: Sequence[str], actors: Sequence[MergedActor], guarantees: Sequence[MergedGuarantee]
) -> list[CoverageRow]:
    # "Widely covered": by at least half of the other articles, and by two of them at least.
    widely = max(2, (len(ids) - 1) / 2)
    actor_sets = [(a.name, set(a.articles)) for a in actors]
    guarantee_sets = [(g.kind, set(g.articles)) for g in guarantees]
    rows = []
    for article_id in ids:
        rows.append(
            CoverageRow(
                article_id=article_id,
                actors=tuple(name for name, seen in actor_sets if article_id in seen),
                guarantees=tuple(kind for kind, seen in guarantee_sets if article_id in seen),
                missing_actors=tuple(name for name, seen in actor_sets
                                     if article_id not in seen and len(seen) >= widely),
                missing_guarantees=tuple(kind for kind, seen in guarantee_sets
                                         if article_id not in seen and len(seen) >= widely),
            )
        )  # fmt: skip
    return rows


def _summary(digest_parts: dict[str, int]) -> str:
    p = digest_parts
    return (
        f"{counted(p['articles'], 'article')}; {counted(p['actors'], 'actor')}; "
        f"{counted(p['positions'], 'position')} on {counted(p['topics'], 'topic')}; "
        f"{counted(p['agreements'], 'agreement')} and "
        f"{counted(p['disagreements'], 'disagreement')}; "
        f"{counted(p['guarantees'], 'guarantee')}, {p['conflicting']} with conflicting "
        f"statuses; {counted(p['uncertainties'], 'uncertainty', 'uncertainties')}."
    )


def merge(
    briefs: Iterable[ArticleBrief], *, topic_groups: Mapping[str, str] | None = None
) -> CorpusDigest:
    """Merge briefs into one digest. Deterministic and order-independent; makes no model call.

    `topic_groups` maps topic wordings to a shared label (from the validated model-assisted
    pass); wordings it names are grouped by that label, and each group is logged.
    """
    unique, log = _unique_briefs(briefs)
    groups = dict(topic_groups or {})
    actor_of, actors, actor_log = _actors(unique)
    positions, agreements, disagreements = _positions(unique, actor_of, groups)
    by_label: dict[str, list[str]] = defaultdict(list)
    for wording, label in sorted(groups.items()):
        by_label[label].append(wording)
    log += [
        MergeStep(rule="model-topic-group", joined=tuple(wordings), into=label,
                  detail="grouped by the model-assisted pass (validated: each topic once)")
        for label, wordings in sorted(by_label.items())
    ]  # fmt: skip
    guarantees, status_conflicts = _guarantees(unique, actor_of)
    uncertainties = _uncertainties(unique)
    ids = [b.article_id for b in unique]
    usage = sum((b.provenance.usage for b in unique), Usage())
    all_disagreements = (*status_conflicts, *disagreements)
    return CorpusDigest(
        articles=tuple(
            ArticleRef(
                article_id=b.article_id,
                title=b.title,
                outlet=b.outlet,
                date=b.date,
                url=b.url,
                sha256=b.article_sha256,
                model=b.provenance.model,
            )
            for b in unique
        ),
        summary=_summary(
            {
                "articles": len(unique),
                "actors": len(actors),
                "positions": len(positions),
                "topics": len({p.topic for p in positions}),
                "agreements": len(agreements),
                "disagreements": len(all_disagreements),
                "guarantees": len(guarantees),
                "conflicting": sum(g.conflicting for g in guarantees),
                "uncertainties": len(uncertainties),
            }
        ),
        actors=tuple(actors),
        positions=tuple(positions),
        guarantees=tuple(guarantees),
        agreements=tuple(agreements),
        disagreements=tuple(
            sorted(
                all_disagreements,
                key=lambda d: (d.kind != "guarantee_status", d.kind, d.topic, d.actor or ""),
            )
        ),
        uncertainties=tuple(uncertainties),
        coverage=tuple(_coverage(ids, actors, guarantees)),
        usage=usage,
        merge_log=tuple(log + sorted(actor_log, key=lambda s: (s.into, s.rule, s.joined))),
    )
