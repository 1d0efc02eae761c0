"""A dashboard's view of summarizer: the latest stored digest as tables, through the Python API.

    uv run summarize seeds/ > /dev/null        # makes and stores a digest (once)
    uv run python examples/dashboard.py        # reads the latest one back: no model call
    uv run python examples/dashboard.py --actor Rutte   # his positions across stored digests

The rows are plain dicts, so `pandas.DataFrame(api.position_rows())` works where pandas is
installed; this script needs nothing beyond summarizer.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from summarizer import Summarizer


def table(rows: list[dict[str, Any]], columns: Sequence[str], width: int = 48) -> str:
    """Rows as a fixed-width text table; long cells are cut with an ellipsis."""

    def cell(value: Any) -> str:
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value or "—")
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cell(row[c]) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True))  # noqa: E731
    return "\n".join([line(columns), line(["-" * w for w in widths]), *map(line, cells)])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--actor", help="show this actor's positions across stored digests")
    args = parser.parse_args(argv)
    with Summarizer() as api:
        stored = api.stored_digests(limit=1)
        if not stored:
            print(f"no digest stored in {api.settings.store_path}; run `summarize seeds/` first",
                  file=sys.stderr)  # fmt: skip
            return 1
        latest = stored[0]
        if args.actor:
            history = api.actor_history(args.actor)
            print(table(history, ["date", "actor", "topic", "polarities", "articles"]))
            return 0
        digest = latest.digest
        print(f"Digest of {latest.digest_date}: {len(digest.articles)} articles, "
              f"{len(digest.disagreements)} disagreements\n")  # fmt: skip
        print("Positions")
        print(table(api.position_rows(digest),
                    ["actor", "topic", "article_id", "polarity", "hedged", "quote"]))  # fmt: skip
        print("\nGuarantees")
        print(table(api.guarantee_rows(digest),
                    ["kind", "article_id", "status", "conflicting", "quote"]))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
