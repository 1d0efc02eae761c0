"""The embedded model on this machine: tokens, seconds and throughput per seed, ours vs llama.cpp's.

    uv sync --extra local && uv run python -m bench.model_bench [seeds/] [--model NAME]

Briefs every article with the cache off (a fresh brief each), through the same path a
run takes (instructor, HTTP, the llama.cpp server), and reads the server's own log for
each request: how many prompt tokens it found in its prefix cache, how long it spent on
the prompt and on decoding. Our overhead is the wall time of a brief minus what llama.cpp
itself reports. Tokens per brief: the article's own tokens (counted by the model's
tokenizer through the server) against everything else in the prompt.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
import urllib.request
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


def count_tokens(base_url: str, text: str) -> int | None:
    root = base_url.removesuffix("/v1")
    body = json.dumps({"input": text}).encode()
    request = urllib.request.Request(f"{root}/extras/tokenize", body,
                                     {"Content-Type": "application/json"})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return len(json.load(reply)["tokens"])
    except OSError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=["seeds"])
    parser.add_argument("--model", default=None, help="local pack name or .gguf path")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = parser.parse_args()
    models = Settings().models_dir  # reuse the assembled model, keep the cache apart
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / "models").symlink_to(models, target_is_directory=True)
        # The brief call alone: one request per article, so each log entry is one brief.
        settings = Settings(home=home, local=True, use_cache=False, llm_merge=False,
                            guarantee_check=False, model=args.model)  # fmt: skip
        articles = load_articles(args.paths)
        rows = []
        with Briefer(settings) as briefer:
            started = time.perf_counter()
            briefer.look_up(articles)  # starts the server sized for the longest article
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
                    "article_tokens": count_tokens(server.base_url, briefer.fit(article).text),
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
        row["overhead_s"] = row["wall_s"] - row["llama_prompt_s"] - row["llama_decode_s"]
    print(f"server start and model load: {startup:.1f} s\n")
    print("| seed | prompt tok | reused from prefix cache | evaluated | article tok | "
          "overhead tok | completion tok | wall s | llama.cpp prompt s (tok/s) | "
          "llama.cpp decode s (tok/s) | our end-to-end tok/s | outside llama.cpp s |")  # fmt: skip
    print("|" + " --- |" * 12)
    for row in rows:
        article_tokens = row["article_tokens"]
        overhead = row["prompt_tokens"] - article_tokens if article_tokens else None
        prompt_rate = (
            row["evaluated_tokens"] / row["llama_prompt_s"] if row["llama_prompt_s"] else 0
        )
        decode_rate = row["decoded_tokens"] / row["llama_decode_s"] if row["llama_decode_s"] else 0
        print(
            f"| {row['article'][:3]} | {row['prompt_tokens']} | {row['reused_tokens']} | "
            f"{row['evaluated_tokens']} | {article_tokens or '?'} | {overhead or '?'} | "
            f"{row['completion_tokens']} | {row['wall_s']:.1f} | "
            f"{row['llama_prompt_s']:.1f} ({prompt_rate:.1f}) | "
            f"{row['llama_decode_s']:.1f} ({decode_rate:.1f}) | "
            f"{row['completion_tokens'] / row['wall_s']:.1f} | {row['overhead_s']:.2f} |"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
