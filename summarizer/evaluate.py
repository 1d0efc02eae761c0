"""Evaluation: produced briefs and digest against hand-written gold annotations.

Gold (`gold.py`) is one `<article_id>.json` per article in the brief's own vocabulary and
an optional `corpus.json` of the disagreements a digest should show.

How free text is matched (the same rules for every model):

- **Actors** are matched after alias resolution: gold and produced actors of one article
  go through the merger's own `ActorResolver` (same name after spelling folding, capital
  for state, title-stripped name, listed alias, unique surname, unique role holder). A
  produced actor is correct when it lands in a group with a gold actor; a gold actor is
  recalled when a produced one lands in its group.
- **Topics and guarantee kinds** are compared by content words (`topic_key`: case,
  plurals, stopwords and synonyms such as accession → membership, peacekeepers → troops
  folded; for guarantee kinds the words every kind shares (profiles/merge.toml) are
  dropped too). Two wordings match when one's words contain all of the other's (at least
  two words), or when they share at least half of their words together (Jaccard ≥ 0.5),
  unless one shares words only with the other's complement ("League membership" is not
  "Riverton’s veto over League membership": the words after "over" are not its head) or
  both name numbers and none the same ("10 percent" is not "50 percent").
  Two kinds with no word left match each other only.
- A **position** is recalled when a produced position of the same actor on a matching
  topic has the same polarity; one with the right actor and topic but another polarity is
  counted apart as a polarity error. A **guarantee** likewise on (kind, status), where
  `ruled_out` and `rejected` are one status, as in the digest (`merge.DEAD`).
- An **uncertainty** is recalled when a produced uncertainty's evidence overlaps the
  sentence that holds the gold quote.
- A gold **disagreement** is found when the digest has one of the same kind on a matching
  topic (and, for `same_actor`, about the same merged actor).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal

from .corpus import CorpusDigest
from .gold import GoldBrief, GoldCorpus, GoldDisagreement
from .grounding import GroundedText
from .identity import ActorResolver, Mention, guarantee_noise, name_key, topic_key
from .merge import DEAD
from .records import Actor, Article, ArticleBrief, Position

__all__ = [
    "ArticleScore",
    "Evaluation",
    "evaluate",
    "evaluation_table",
    "topics_match",
]


# Words that open a topic's complement: what comes after one says what the head is of.
_COMPLEMENT = re.compile(r"\b(?:of|over|for|on|against|to|with)\b", re.IGNORECASE)


def topics_match(a: str, b: str, *, drop: frozenset[str] = frozenset()) -> bool:
    """Whether two free-text topics (or guarantee kinds, with `drop`) name the same thing.

    One that shares no word with the other's head, only with its complement, names
    something else: "League membership" is not "Riverton’s veto over League membership".
    """
    ka, kb = topic_key(a, drop=drop), topic_key(b, drop=drop)
    if not ka or not kb:
        return ka == kb
    na, nb = ({w for w in k if w[:1].isdigit()} for k in (ka, kb))
    if (na and nb and not na & nb) or _in_complement_only(ka, b, drop):
        return False  # "a tariff of up to 10 percent" is not "the 50 percent tariff"
    if _in_complement_only(kb, a, drop):
        return False
    small, large = sorted((ka, kb), key=len)
    if len(small) >= 2 and small <= large:
        return True
    return len(ka & kb) / len(ka | kb) >= 0.5


def _in_complement_only(key: frozenset[str], other: str, drop: frozenset[str]) -> bool:
    """Whether `key` shares words with `other` only after `other`'s complement opens."""
    lead = _COMPLEMENT.search(other)
    if lead is None:
        return False
    head = topic_key(other[: lead.start()], drop=drop)
    return bool(head) and not key & head and bool(key & topic_key(other, drop=drop))


def _about(topic: str, made: Position) -> bool:
    """Whether a produced position is on a gold topic: in its wording or its tracked issue."""
    return topics_match(topic, made.topic) or bool(made.issue and topics_match(topic, made.issue))


def _read(topic: str, made: Position, acts: frozenset[str]) -> str | None:
    """`made`'s polarity as it reads on a gold topic, or None when it is not on that topic.

    A position whose topic opens with an act that undoes (`acts`: "lifting") reads the
    other way round on its object: "opposes lifting the ban" is "supports the ban", and
    "conditional on lifting the ban" says nothing comparable of the ban. A gold topic that
    names the act itself ("lifting the ban") is compared as it is.
    """
    act = next((a for a in acts if made.topic.lower().startswith(f"{a} ")), None)
    if act is not None and not topic.lower().startswith(f"{act} "):
        if not topics_match(topic, made.topic[len(act) + 1 :]):
            return None
        return {"supports": "opposes", "opposes": "supports"}.get(made.polarity)
    return made.polarity if _about(topic, made) else None


def _kinds_match(a: str, b: str) -> bool:
    return topics_match(a, b, drop=guarantee_noise())


@dataclass
class ArticleScore:
    """Counts for one article; ratios are computed from them."""

    article_id: str
    briefed: bool = True
    actors_gold: int = 0
    actors_produced: int = 0
    actors_correct: int = 0  # produced actors that match a gold actor
    actors_recalled: int = 0  # gold actors that some produced actor matches
    positions_gold: int = 0
    positions_produced: int = 0
    positions_recalled: int = 0
    positions_on_sentence: int = 0  # recalled by a position that cites the gold's sentence
    positions_wrong_polarity: int = 0
    positions_confirmed: int = 0  # produced positions a gold one has with that polarity
    positions_contradicted: int = 0  # produced ones the gold has only with another polarity
    guarantees_gold: int = 0
    guarantees_produced: int = 0
    guarantees_recalled: int = 0
    guarantees_wrong_status: int = 0
    guarantees_contradicted: int = 0  # produced ones the gold has only with other statuses
    uncertainties_gold: int = 0
    uncertainties_recalled: int = 0
    quotes_exact: int = 0
    quotes_aligned: int = 0
    quotes_dropped: int = 0
    missed: list[str] = field(default_factory=list)


@dataclass
class Evaluation:
    """Scores for every gold article, the totals, and the digest's disagreements."""

    articles: list[ArticleScore]
    disagreements: list[dict[str, object]]
    model: str

    def total(self) -> ArticleScore:
        """All articles' counts summed (micro-averages come from this)."""
        total = ArticleScore(article_id="all")
        for score in self.articles:
            for name, value in asdict(score).items():
                if isinstance(value, int) and not isinstance(value, bool):
                    setattr(total, name, getattr(total, name) + value)
        total.briefed = all(s.briefed for s in self.articles)
        return total

    def to_json(self) -> str:
        """The evaluation as JSON, with the totals and ratios."""
        total = self.total()
        articles = [asdict(s) | ratios(s) for s in self.articles]
        body = {"model": self.model, "articles": articles, "total": asdict(total) | ratios(total),
                "disagreements": self.disagreements}  # fmt: skip
        return json.dumps(body, indent=2, ensure_ascii=False)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def ratios(score: ArticleScore) -> dict[str, float | None]:
    """Precision, recall and evidence shares of one score."""
    quotes = score.quotes_exact + score.quotes_aligned + score.quotes_dropped
    return {
        "actor_precision": _ratio(score.actors_correct, score.actors_produced),
        "actor_recall": _ratio(score.actors_recalled, score.actors_gold),
        "position_recall": _ratio(score.positions_recalled, score.positions_gold),
        "guarantee_recall": _ratio(score.guarantees_recalled, score.guarantees_gold),
        "uncertainty_recall": _ratio(score.uncertainties_recalled, score.uncertainties_gold),
        "evidence_exact": _ratio(score.quotes_exact, quotes),
        "evidence_aligned": _ratio(score.quotes_aligned, quotes),
        "evidence_dropped": _ratio(score.quotes_dropped, quotes),
    }


_SENTENCE_END = re.compile(r"[.!?…]\s|\n")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() + 1 if after else len(text))


def _tally(wanted: str, found: Sequence[str]) -> Literal["hit", "wrong", "miss"]:
    """Whether a gold label was produced: right item and label, right item only, or neither."""
    if wanted in found:
        return "hit"
    return "wrong" if found else "miss"


def _state(status: str) -> str:
    """A guarantee status as the digest reads it: ruled out and rejected are one state."""
    return "ruled_out" if status in DEAD else status


def _miss(what: str, wanted: str, found: Sequence[str]) -> str:
    if not found:
        return what
    return f"{what}: {wanted}, got {'/'.join(sorted(set(found)))}"


def _actor_roots(
    gold: GoldBrief, produced: ArticleBrief
) -> tuple[ActorResolver, dict[str, str], dict[str, str]]:
    mentions = [Mention("gold", a.name, a.kind, a.role, a.aliases) for a in gold.actors]
    mentions += [Mention("model", a.name, a.kind, a.role, a.aliases) for a in produced.actors]
    resolver = ActorResolver(mentions)

    def roots(actors: Iterable[Actor]) -> dict[str, str]:
        found: dict[str, str] = {}
        for actor in actors:
            root = resolver.root(actor.kind, actor.name)
            for surface in (actor.name, *actor.aliases):
                found.setdefault(name_key(surface), root)
        return found

    return resolver, roots(gold.actors), roots(produced.actors)


def score_article(
    gold: GoldBrief,
    produced: ArticleBrief | None,
    article: Article | None,
    undoing: frozenset[str] = frozenset(),
) -> ArticleScore:
    """Compare one produced brief to its gold (a missing brief recalls nothing).

    `undoing`: the acts that undo their object, as topics open with them ("lifting").
    """
    score = ArticleScore(
        article_id=gold.article_id,
        briefed=produced is not None,
        actors_gold=len(gold.actors),
        positions_gold=len(gold.positions),
        guarantees_gold=len(gold.guarantees),
        uncertainties_gold=len(gold.uncertainties),
    )
    if produced is None:
        score.missed.append("no brief")
        return score
    p = produced.provenance
    score.quotes_exact, score.quotes_aligned, score.quotes_dropped = (
        p.quotes_exact, p.quotes_aligned, p.quotes_dropped
    )  # fmt: skip
    score.actors_produced = len(produced.actors)
    score.positions_produced = len(produced.positions)
    score.guarantees_produced = len(produced.guarantees)
    resolver, gold_roots, made_roots = _actor_roots(gold, produced)
    sides = {r: {m.article_id for m in group} for r, group in resolver.groups().items()}
    with_gold, with_model = ({r for r, ids in sides.items() if s in ids} for s in ("gold", "model"))
    score.actors_correct = sum(resolver.root(a.kind, a.name) in with_gold for a in produced.actors)
    for actor in gold.actors:
        if resolver.root(actor.kind, actor.name) in with_model:
            score.actors_recalled += 1
        else:
            score.missed.append(f"actor {actor.name}")
    # (gold, produced) positions on the same actor and a matching topic, matched once for
    # both sides of the score, each with the produced polarity as it reads on the gold topic.
    pairs = [
        (i, j, read)
        for i, want in enumerate(gold.positions)
        for j, made in enumerate(produced.positions)
        if gold_roots.get(name_key(want.actor)) is not None
        and made_roots.get(name_key(made.actor)) == gold_roots.get(name_key(want.actor))
        and (read := _read(want.topic, made, undoing)) is not None
    ]
    located = GroundedText(article.text) if article is not None else None
    for i, want in enumerate(gold.positions):
        same = [(produced.positions[j], read) for g, j, read in pairs if g == i]
        outcome = _tally(want.polarity, [read for _, read in same])
        if outcome == "hit":
            score.positions_recalled += 1
            right = [m for m, read in same if read == want.polarity]
            if located is not None and _cites(located, want.quote, right):
                score.positions_on_sentence += 1
        else:
            score.positions_wrong_polarity += 1 if outcome == "wrong" else 0
            score.missed.append(_miss(f"position {want.actor} / {want.topic}", want.polarity,
                                      [read for _, read in same]))  # fmt: skip
    # The produced side: a stated position the gold has the other way round is a false
    # statement; one the gold does not have at all is left unjudged (gold is not complete).
    for j in range(len(produced.positions)):
        agree = [gold.positions[i].polarity == read for i, m, read in pairs if m == j]
        if any(agree):
            score.positions_confirmed += 1
        elif agree:
            score.positions_contradicted += 1
    for wanted in gold.guarantees:
        kinds = [g for g in produced.guarantees if _kinds_match(wanted.kind, g.kind)]
        outcome = _tally(_state(wanted.status), [_state(g.status) for g in kinds])
        if outcome == "hit":
            score.guarantees_recalled += 1
        else:
            score.guarantees_wrong_status += 1 if outcome == "wrong" else 0
            score.missed.append(_miss(f"guarantee {wanted.kind}", wanted.status,
                                      [g.status for g in kinds]))  # fmt: skip
    for made_g in produced.guarantees:  # a status the gold states otherwise is a false one
        states = {_state(w.status) for w in gold.guarantees if _kinds_match(w.kind, made_g.kind)}
        score.guarantees_contradicted += bool(states) and _state(made_g.status) not in states
    if article is not None and located is not None:
        for open_item in gold.uncertainties:
            span = located.locate(open_item.quote).evidence
            if span is None:
                continue
            start, end = _sentence(article.text, span.start, span.end)
            if any(
                e.start < end and e.end > start for u in produced.uncertainties for e in u.evidence
            ):
                score.uncertainties_recalled += 1
            else:
                score.missed.append(f"uncertainty {open_item.description}")
    return score


def _cites(located: GroundedText, quote: str, made: Sequence[Position]) -> bool:
    """Whether one of `made` cites the sentence of the gold's `quote`.

    A position can match the gold by actor, topic and polarity from another sentence
    (the speaker "acknowledged that several councillors still oppose the dam" for the
    gold's "the county has no say over the dam"); this count keeps only those a reader
    would find on the gold's own sentence.
    """
    span = located.locate(quote).evidence
    if span is None:
        return False
    start, end = _sentence(located.text, span.start, span.end)
    return any(e.start < end and e.end > start for m in made for e in m.evidence)


def _digest_has(digest: CorpusDigest, want: GoldDisagreement) -> bool:
    drop = guarantee_noise() if want.kind == "guarantee_status" else frozenset()
    wanted_actor = name_key(want.actor) if want.actor else None
    for item in digest.disagreements:
        if item.kind != want.kind or not topics_match(want.topic, item.topic, drop=drop):
            continue
        if wanted_actor is None:
            return True
        merged = next((a for a in digest.actors if a.name == item.actor), None)
        names = {
            name_key(n) for n in ((merged.name, *merged.aliases) if merged else (item.actor or "",))
        }
        if wanted_actor in names:
            return True
    return False


def evaluate(
    gold: Mapping[str, GoldBrief],
    corpus: GoldCorpus,
    briefs: Sequence[ArticleBrief],
    digest: CorpusDigest,
    articles: Sequence[Article] = (),
    undoing: frozenset[str] = frozenset(),
) -> Evaluation:
    """Score briefs and a digest against gold; articles without gold are not scored."""
    made = {b.article_id: b for b in briefs}
    texts = {a.article_id: a for a in articles}
    scores = [score_article(g, made.get(i), texts.get(i), undoing)
              for i, g in sorted(gold.items())]  # fmt: skip
    found: list[dict[str, object]] = [
        {"kind": d.kind, "topic": d.topic, "actor": d.actor, "note": d.note,
         "found": _digest_has(digest, d)}
        for d in corpus.disagreements
    ]  # fmt: skip
    models = sorted({b.provenance.model for b in briefs}) or ["none"]
    return Evaluation(articles=scores, disagreements=found, model=", ".join(models))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f} %"


def evaluation_table(result: Evaluation) -> str:
    """The evaluation as Markdown tables: per article, the total, and the disagreements."""
    head = ("| article | actor P | actor R | position R | wrong polarity | positions stated: "
            "confirmed / contradicted / not in gold | guarantee R | "
            "wrong status / stated against gold | uncertainty R | "
            "evidence exact / aligned / dropped |")  # fmt: skip
    lines = [f"Model: {result.model}", "", head, "|" + " --- |" * 10]
    for score in [*result.articles, result.total()]:
        r = ratios(score)
        name = "**all**" if score.article_id == "all" else score.article_id
        lines.append(
            f"| {name} | {_pct(r['actor_precision'])} | {_pct(r['actor_recall'])} | "
            f"{_pct(r['position_recall'])} ({score.positions_recalled}/{score.positions_gold}"
            f"; {score.positions_on_sentence} on the gold's sentence) | "
            f"{score.positions_wrong_polarity} | "
            f"{score.positions_confirmed} / {score.positions_contradicted} / "
            f"{score.positions_produced - score.positions_confirmed - score.positions_contradicted}"
            " | "
            f"{_pct(r['guarantee_recall'])} "
            f"({score.guarantees_recalled}/{score.guarantees_gold}) | "
            f"{score.guarantees_wrong_status} / {score.guarantees_contradicted} | "
            f"{_pct(r['uncertainty_recall'])} | "
            f"{_pct(r['evidence_exact'])} / {_pct(r['evidence_aligned'])} / "
            f"{_pct(r['evidence_dropped'])} |"
        )
    lines += ["", "| gold disagreement | kind | in the digest |", "| --- | --- | --- |"]
    for item in result.disagreements:
        who = f" — {item['actor']}" if item["actor"] else ""
        lines.append(
            f"| {item['topic']}{who} | {item['kind']} | {'yes' if item['found'] else 'no'} |"
        )
    return "\n".join(lines) + "\n"
