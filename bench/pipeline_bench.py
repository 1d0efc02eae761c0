"""Pipeline overhead, concurrency efficiency and incremental re-runs against a loopback stub.

    uv run python -m bench.pipeline_bench [--articles 1000] [--slow 200] [--latency 0.3]

1. Overhead: N generated articles against an instant stub endpoint (canned valid answer):
   milliseconds per article spent outside the model — loading, prompt rendering, HTTP,
   parsing and validation, grounding, caching — split by phase.
2. Concurrency: M articles against a stub that answers after `latency` seconds, at
   concurrency 1, 8 and 32: wall time against the ideal ceil(M / c) x latency.
3. Incremental re-run: the N articles again, unchanged: wall time and model calls.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import tempfile
import time
from pathlib import Path

from summarizer import Settings
from summarizer.articles import load_articles
from summarizer.pipeline import run
from tests.stub_server import Reply, StubServer, completion

# Every generated article contains these sentences, so one canned answer grounds in all.
FIXED = [
    "NATO Secretary General Mark Rutte said membership requires unanimity among allies.",
    "Russian President Vladimir Putin opposes any NATO presence in Ukraine.",
    "Allies discussed troops for Ukraine after a ceasefire as a security guarantee.",
    "It remains unclear whether Washington would back such a force.",
]
ANSWER = {
    "actors": [
        {"name": "Mark Rutte", "kind": "person", "role": "NATO Secretary General",
         "aliases": ["Rutte"]},
        {"name": "Vladimir Putin", "kind": "person", "role": "", "aliases": []},
    ],
    "positions": [
        {"actor": "Mark Rutte", "topic": "Ukraine NATO membership",
         "stance": "Rutte says membership needs unanimity.", "polarity": "conditional",
         "attribution": "paraphrase", "hedged": False, "quotes": [FIXED[0]]},
        {"actor": "Vladimir Putin", "topic": "NATO presence in Ukraine",
         "stance": "Putin opposes any NATO presence.", "polarity": "opposes",
         "attribution": "paraphrase", "hedged": False, "quotes": [FIXED[1]]},
    ],
    "guarantees": [
        {"kind": "troops after a ceasefire", "description": "Troops once fighting stops.",
         "status": "under_discussion", "proposed_by": "", "conditions": ["ceasefire"],
         "quotes": [FIXED[2]]},
    ],
    "uncertainties": [
        {"description": "Whether Washington would back a force.", "kind": "open_question",
         "quotes": [FIXED[3]]},
    ],
    "summary": "Allies weigh membership and troops for Ukraine while Russia objects.",
}  # fmt: skip


def generate(folder: Path, count: int, seed: int = 7) -> None:
    """`count` distinct ~2,500-character articles built from the seeds' sentences."""
    rng = random.Random(seed)
    pool = [
        s.strip() + "."
        for path in sorted(Path("seeds").glob("*.txt"))
        for s in path.read_text(encoding="utf-8").replace("\n", " ").split(". ")
        if len(s) > 40
    ]
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        body = rng.sample(pool, 14) + FIXED
        rng.shuffle(body)
        text = f"Generated article {index}\n" + "\n".join(body)
        (folder / f"a{index:05d}.txt").write_text(text, encoding="utf-8")


def settings_for(stub: StubServer, home: Path, **extra: object) -> Settings:
    return Settings(base_url=stub.base_url, model="stub", home=home, llm_merge=False, **extra)  # type: ignore[arg-type]


def overhead(count: int) -> None:
    import summarizer.llm  # noqa: F401 - one-time import of openai/instructor, not per article

    reply = Reply(body=completion(ANSWER, prompt_tokens=2900, completion_tokens=700))
    with tempfile.TemporaryDirectory() as tmp, StubServer() as stub:
        folder, home = Path(tmp) / "articles", Path(tmp) / "home"
        generate(folder, count)
        stub.default = reply
        started = time.perf_counter()
        load_articles([folder])
        loaded = time.perf_counter()
        result = run([folder], settings=settings_for(stub, home))
        finished = time.perf_counter()
        assert len(result.briefs) == count and not result.failed, result.model_errors[:1]
        calls = len(stub.requests)
        again = time.perf_counter()
        rerun = run([folder], settings=settings_for(stub, home))
        rerun_done = time.perf_counter()
        assert len(rerun.briefs) == count
    load_ms = 1000 * (loaded - started) / count
    total_ms = 1000 * (finished - loaded) / count
    print(f"\n1. Pipeline overhead, {count} articles, instant stub endpoint")
    print(f"{'phase':<44} {'ms/article':>10}")
    print(f"{'loading (read, decode, normalize, hash)':<44} {load_ms:>10.2f}")
    print(f"{'run(): load + render + HTTP + parse + ground + cache + merge':<44} {total_ms:>10.2f}")
    print(f"model calls: {calls}; evidence per brief: {len(result.briefs[0].evidence())}")
    print(f"\n3. Incremental re-run of the same {count} articles")
    print(f"wall time {rerun_done - again:.2f} s; model calls {len(stub.requests) - calls}")


def concurrency(count: int, latency: float) -> None:
    print(f"\n2. Concurrency, {count} articles, stub answering after {latency * 1000:.0f} ms")
    print(f"{'concurrency':>11} {'wall s':>8} {'ideal s':>8} {'efficiency':>10}")
    for level in (1, 8, 32):
        with tempfile.TemporaryDirectory() as tmp, StubServer() as stub:
            folder, home = Path(tmp) / "articles", Path(tmp) / "home"
            generate(folder, count, seed=level)
            stub.default = Reply(body=completion(ANSWER), delay=latency)
            started = time.perf_counter()
            result = run([folder], settings=settings_for(stub, home, concurrency=level))
            wall = time.perf_counter() - started
            assert len(result.briefs) == count, result.model_errors[:1]
        ideal = math.ceil(count / level) * latency
        print(f"{level:>11} {wall:>8.2f} {ideal:>8.2f} {ideal / wall:>10.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--slow", type=int, default=200, help="articles for the concurrency run")
    parser.add_argument("--latency", type=float, default=0.3)
    args = parser.parse_args()
    overhead(args.articles)
    concurrency(args.slow, args.latency)
    print(json.dumps({"machine": "2 cores, 24 GiB", "note": "see docs in README"}))


if __name__ == "__main__":
    main()
