"""Every gold set at once: the seeds and each held-out set, one table, in one process.

    uv run python -m bench.eval_sets [--home DIR] [--sets seeds heldout3 heldout14/trade]
                                     [--json scores.json] [--apart heldout14]

The same scoring as `summarize eval --no-llm-merge` on each set (cached briefs and label
answers are reused, so a second run costs no model call), with one embedded server per
profile for the whole run instead of one per command. The held-out sets live under
`eval/heldout*/<profile>/{articles,gold}`; the seeds under `seeds/` with `eval/gold`.
Sets named in `--apart` (fresh sets, written after the rest) are summed apart from the
others, so a fresh set's figure is never folded into the figure it is meant to check.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from dataclasses import asdict
from pathlib import Path

from summarizer import Settings
from summarizer.acts import undoing_acts
from summarizer.briefs import Briefer
from summarizer.evaluate import evaluate, ratios
from summarizer.gold import load_gold
from summarizer.pipeline import run

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("positions_recalled", "positions_gold", "positions_wrong_polarity",
          "positions_produced", "positions_contradicted", "actors_correct", "actors_produced",
          "actors_recalled", "actors_gold", "guarantees_recalled", "guarantees_gold",
          "guarantees_wrong_status", "guarantees_contradicted", "uncertainties_recalled",
          "uncertainties_gold")  # fmt: skip


def gold_sets(root: Path = ROOT) -> list[tuple[str, str, Path, Path]]:
    """(name, profile, articles, gold) for the seeds and every held-out set, in order."""
    found = [("seeds", "security", root / "seeds", root / "eval" / "gold")]
    number = re.compile(r"heldout(\d*)$")
    held = [p for p in (root / "eval").iterdir() if number.match(p.name)]
    for folder in sorted(held, key=lambda p: int(number.match(p.name).group(1) or 1)):  # type: ignore[union-attr]
        for kind in sorted(p for p in folder.iterdir() if (p / "gold").is_dir()):
            name = f"{folder.name}/{kind.name}"
            found.append((name, kind.name, kind / "articles", kind / "gold"))
    return found


def _wanted(name: str, chosen: list[str]) -> bool:
    return not chosen or any(name == c or name.startswith(c + "/") for c in chosen)


def _line(name: str, t: dict[str, int]) -> str:
    def pct(a: str, b: str) -> str:
        return f"{100 * t[a] / t[b]:.0f} % ({t[a]}/{t[b]})" if t[b] else "–"

    matched = t["positions_recalled"] + t["positions_wrong_polarity"]
    return (f"| {name} | {pct('positions_recalled', 'positions_gold')} | "
            f"{t['positions_wrong_polarity']} of {matched} | {t['positions_produced']} | "
            f"{pct('actors_correct', 'actors_produced')} | "
            f"{pct('actors_recalled', 'actors_gold')} | "
            f"{pct('guarantees_recalled', 'guarantees_gold')} | {t['guarantees_wrong_status']} · "
            f"{t['guarantees_contradicted']} | "
            f"{pct('uncertainties_recalled', 'uncertainties_gold')} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", type=Path, help="state folder (default: $SUMMARIZER_HOME)")
    parser.add_argument("--sets", nargs="*", default=[], help="only these sets (name or prefix)")
    parser.add_argument("--apart", nargs="*", default=[], help="sets summed apart (fresh sets)")
    parser.add_argument("--json", type=Path, help="write each set's totals and misses here")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    base = Settings.with_overrides(home=args.home, llm_merge=False)
    chosen = [s for s in gold_sets() if _wanted(s[0], args.sets)]
    briefers: dict[str, Briefer] = {}
    out: dict[str, dict[str, object]] = {}
    try:
        for name, profile, articles, gold in chosen:
            if profile not in briefers:
                settings = Settings.with_overrides(base, profile=profile)
                briefers[profile] = Briefer(settings)
            briefer = briefers[profile]
            wanted, corpus = load_gold(gold)
            result = run([articles], briefer=briefer)
            assert result.digest is not None
            undoing = undoing_acts(briefer.profile.lang)
            scores = evaluate(wanted, corpus, result.briefs, result.digest, result.articles,
                              undoing)  # fmt: skip
            total = scores.total()
            out[name] = {
                "total": asdict(total) | ratios(total),
                "missed": {s.article_id: s.missed for s in scores.articles},
                "failed": [str(e) for e in [*result.input_errors, *result.model_errors]],
            }
            print(_line(name, {k: getattr(total, k) for k in FIELDS}), flush=True)
    finally:
        for briefer in briefers.values():
            briefer.close()
    head = ("| set | positions R | wrong polarity | stated | actor P | actor R | guarantee R | "
            "wrong status · stated against gold | uncertainty R |")  # fmt: skip
    print("\n" + head + "\n|" + " --- |" * 9)
    groups: dict[str, dict[str, int]] = {}
    for name, entry in out.items():
        row: dict[str, int] = entry["total"]  # type: ignore[assignment]
        print(_line(name, row))
        group = ("seeds" if name == "seeds" else
                 "apart" if _wanted(name, args.apart) else "held-out")  # fmt: skip
        summed = groups.setdefault(group, dict.fromkeys(FIELDS, 0))
        for key in FIELDS:
            summed[key] += row[key]
    for group, summed in groups.items():
        print(_line(f"**{group}**", summed))
    if args.json:
        args.json.write_text(json.dumps({"sets": out, "groups": groups}, indent=1) + "\n")


if __name__ == "__main__":
    main()
