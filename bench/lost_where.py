"""Where each missed gold position is lost: cast, speaker, label or topic.

    uv run python -m bench.lost_where --json scores.json [--home DIR] [--sets heldout40]
                                      [--skip heldout41] [--list]

Reads the misses `bench.eval_sets --json` wrote and briefs the same articles again
(cached briefs and answers: no model call after an eval run), then sorts every missed
position by the first stage that lost it:

- **cast**: no cast member has the gold actor's name or an alias of it;
- **speaker**: the actor is in the cast but no sentence holding the gold quote has it
  among its holders, so it was never asked;
- **label**: it was asked on that sentence, and no position of it cites the sentence (the
  model answered "none", or a check dropped the label);
- **topic or polarity**: a position of it cites the sentence, under a topic the scorer does
  not match to the gold's, or with another polarity.

A fresh set belongs in `--skip`: reading its rows is what a fresh set must not have.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections import Counter
from pathlib import Path

from bench.eval_sets import _wanted, gold_sets
from summarizer import Settings
from summarizer.briefs import Briefer
from summarizer.cast import cast_of
from summarizer.gold import load_gold
from summarizer.pipeline import run
from summarizer.segment import segment
from summarizer.speakers import holders, speakers

STAGES = ("cast", "speaker", "label", "topic or polarity")


def _chosen(name: str, sets: list[str], skip: list[str]) -> bool:
    return _wanted(name, sets) and not (skip and _wanted(name, skip))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, required=True, help="bench.eval_sets --json output")
    parser.add_argument("--home", type=Path, help="state folder (default: $SUMMARIZER_HOME)")
    parser.add_argument("--sets", nargs="*", default=[], help="only these sets (name or prefix)")
    parser.add_argument("--skip", nargs="*", default=[], help="sets not to read (fresh sets)")
    parser.add_argument("--list", action="store_true", help="print every missed position")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    misses = json.loads(args.json.read_text())["sets"]
    base = Settings.with_overrides(home=args.home, llm_merge=False)
    briefers: dict[str, Briefer] = {}
    counts: dict[str, Counter[str]] = {}
    try:
        for name, profile, articles, gold in gold_sets():
            if name not in misses or not _chosen(name, args.sets, args.skip):
                continue
            if profile not in briefers:
                briefers[profile] = Briefer(Settings.with_overrides(base, profile=profile))
            briefer = briefers[profile]
            wanted, _ = load_gold(gold)
            result = run([articles], briefer=briefer)
            briefs = {b.article_id: b for b in result.briefs}
            texts = {a.article_id: a.text for a in result.articles}
            tally = counts.setdefault(name, Counter())
            for article_id, gold_brief in wanted.items():
                missed = set(misses[name]["missed"].get(article_id, []))
                sentences = segment(texts[article_id])
                cast = cast_of(sentences, briefer.profile)
                who = speakers(sentences, cast)
                brief = briefs.get(article_id)
                for want in gold_brief.positions:
                    key = f"position {want.actor} / {want.topic}"
                    if not any(m == key or m.startswith(key + ":") for m in missed):
                        continue
                    names = {want.actor.casefold()} | {
                        a.casefold() for g in gold_brief.actors if g.name == want.actor
                        for a in g.aliases}  # fmt: skip
                    member = next((m for m in cast.members.values()
                                   if {f.casefold() for f in m.forms()} & names), None)  # fmt: skip
                    at = [i for i, s in enumerate(sentences)
                          if want.quote in s.text or s.text in want.quote]  # fmt: skip
                    cited = [p for p in (brief.positions if brief else ())
                             if member and p.actor == member.name
                             and any(e.quote in want.quote or want.quote in e.quote
                                     for e in p.evidence)]  # fmt: skip
                    if member is None:
                        stage = "cast"
                    elif not any(member.name in {h.actor for h in holders(who[i], cast)}
                                 for i in at):  # fmt: skip
                        stage = "speaker"
                    else:
                        stage = "label" if not cited else "topic or polarity"
                    tally[stage] += 1
                    if args.list:
                        got = "; ".join(f"{p.polarity} {p.topic}" for p in cited)
                        print(f"{name} {article_id} [{stage}] {want.actor} {want.polarity} "
                              f"{want.topic!r}{f' (stated: {got})' if got else ''}")  # fmt: skip
    finally:
        for briefer in briefers.values():
            briefer.close()
    print("\n| set | " + " | ".join(STAGES) + " | missed |")
    print("|" + " --- |" * (len(STAGES) + 2))
    total: Counter[str] = Counter()
    for name, tally in counts.items():
        total.update(tally)
        cells = " | ".join(str(tally[s]) for s in STAGES)
        print(f"| {name} | {cells} | {sum(tally.values())} |")
    cells = " | ".join(str(total[s]) for s in STAGES)
    print(f"| **all** | {cells} | {sum(total.values())} |")


if __name__ == "__main__":
    main()
