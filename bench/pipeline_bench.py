"""Pipeline overhead, concurrency efficiency and incremental re-runs against a loopback stub.

    uv run python -m bench.pipeline_bench [--articles 1000] [--slow 200] [--latency 0.3]

1. Overhead: N generated articles against an instant stub endpoint (canned valid answer):
   milliseconds per article spent outside the model — loading, prompt rendering, HTTP,
   parsing and validation, grounding, caching — split by phase.
2. Concurrency: M articles against a stub that answers after `latency` seconds, at
   concurrency 1, 8 and 32: wall time against the ideal ceil(M / c) x latency.
3. Incremental re-run: the N articles again, unchanged: wall time and model calls.

The stub runs in a process of its own, so its HTTP parsing and JSON work use the other
core and are not counted as ours: what is measured is this process's cost per article.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import random
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from summarizer import Settings
from summarizer.articles import load_articles
from summarizer.pipeline import run
from tests.stub_server import Reply, StubServer, text_completion

# Every generated article contains these sentences: each has a speaker and a tracked topic,
# so every article asks label questions. The stub answers every question with one word.
FIXED = [
    "NATO Secretary General Mark Rutte said membership requires unanimity among allies.",
    "Russian President Vladimir Putin opposes any NATO presence in Ukraine.",
    "Allies discussed troops for Ukraine after a ceasefire as a security guarantee.",
    "It remains unclear whether Washington would back such a force.",
]
LABEL = "supports"


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


def _serve(reply: Reply, conn: Connection) -> None:
    with StubServer(keep_alive=True) as stub:
        stub.default = reply
        conn.send(stub.base_url)
        while conn.recv() != "stop":
            conn.send((len(stub.requests), time.process_time()))


class StubProcess:
    """A `StubServer` answering every request with `reply`, in a child process."""

    def __init__(self, reply: Reply) -> None:
        self._conn, child = multiprocessing.Pipe()
        self._process = multiprocessing.get_context("spawn").Process(
            target=_serve, args=(reply, child), daemon=True
        )
        self.base_url = ""

    def __enter__(self) -> StubProcess:
        self._process.start()
        self.base_url = self._conn.recv()
        return self

    def requests(self) -> int:
        """How many requests the stub has answered so far."""
        return self.status()[0]

    def status(self) -> tuple[int, float]:
        """Requests answered so far, and CPU seconds the stub process has used."""
        self._conn.send("status")
        count, cpu = self._conn.recv()
        return int(count), float(cpu)

    def __exit__(self, *exc: Any) -> None:
        self._conn.send("stop")
        self._process.join(timeout=10)


def settings_for(stub: StubProcess, home: Path, **extra: object) -> Settings:
    return Settings(base_url=stub.base_url, model="stub", home=home, llm_merge=False, **extra)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Clock:
    """Wall and this process's CPU time, in seconds."""

    wall: float
    cpu: float

    @classmethod
    def now(cls) -> Clock:
        return cls(time.perf_counter(), time.process_time())

    def __sub__(self, other: Clock) -> Clock:
        return Clock(self.wall - other.wall, self.cpu - other.cpu)

    def per(self, count: int) -> Clock:
        return Clock(self.wall / count, self.cpu / count)


def overhead(count: int, repeats: int) -> None:
    import summarizer.llm  # noqa: F401 - one-time import of openai/instructor, not per article

    reply = Reply(body=text_completion(LABEL, prompt_tokens=60, completion_tokens=1))
    with tempfile.TemporaryDirectory() as tmp, StubProcess(reply) as stub:
        folder, single = Path(tmp) / "articles", Path(tmp) / "single"
        generate(folder, count)
        generate(single, 1, seed=99)
        before = Clock.now()
        run([single], settings=settings_for(stub, Path(tmp) / "first"))
        first = Clock.now() - before  # a process's first brief also starts the HTTP client
        single_calls = stub.requests()
        rows: list[tuple[Clock, Clock, Clock, float]] = []
        for attempt in range(repeats):
            home = Path(tmp) / f"home{attempt}"
            before = Clock.now()
            load_articles([folder])
            loading = (Clock.now() - before).per(count)
            done: list[Clock] = []
            stub_before = stub.status()[1]
            result = run([folder], settings=settings_for(stub, home),
                         on_article=lambda *_, marks=done: marks.append(Clock.now()))  # fmt: skip
            finished = Clock.now()
            stub_cpu = (stub.status()[1] - stub_before) / count
            assert len(result.briefs) == count and not result.failed, result.model_errors[:1]
            # From the first brief done to the last: the steady per-article cost.
            steady = (done[-1] - done[0]).per(count - 1)
            rows.append((loading, steady, finished - done[-1], stub_cpu))
        calls = stub.requests()
        again = time.perf_counter()
        rerun = run([folder], settings=settings_for(stub, home))
        rerun_seconds = time.perf_counter() - again
        assert len(rerun.briefs) == count
        rerun_calls = stub.requests() - calls

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    def line(label: str, clocks: list[Clock]) -> str:
        wall = median([c.wall for c in clocks]) * 1000
        cpu = median([c.cpu for c in clocks]) * 1000
        return f"{label:<58} {wall:>8.2f} {cpu:>8.2f}"

    print(f"\n1. Pipeline overhead, {count} articles, instant stub endpoint in its own process")
    print(f"{'ms per article, median of ' + str(repeats) + ' runs':<58} {'wall':>8} {'our CPU':>8}")
    print(line("loading (read, decode, normalize, hash)", [r[0] for r in rows]))
    print(line("briefing (render, HTTP, parse, validate, ground, cache)", [r[1] for r in rows]))
    stub_ms = median([r[3] for r in rows]) * 1000
    print(f"{'the stub endpoint answering (its CPU, not ours)':<58} {'':>8} {stub_ms:>8.2f}")
    tail = median([r[2].wall for r in rows])
    print(f"once per run: first brief of a process {first.wall * 1000:.0f} ms (starts the client);"
          f" merge + digest store of {count} briefs {tail:.2f} s")  # fmt: skip
    per_run = (calls - single_calls) / repeats
    print(f"model calls per run: {per_run:.0f} ({per_run / count:.1f} questions per article); "
          f"evidence per brief: {len(result.briefs[0].evidence())}")  # fmt: skip
    print(f"\n3. Incremental re-run of the same {count} articles")
    print(f"wall time {rerun_seconds:.2f} s; model calls {rerun_calls}")


def concurrency(count: int, latency: float, levels: list[int]) -> None:
    print(f"\n2. Concurrency, {count} articles, stub answering after {latency * 1000:.0f} ms")
    print(f"{'concurrency':>11} {'wall s':>8} {'ideal s':>8} {'efficiency':>10} {'our CPU s':>10}")
    with (
        tempfile.TemporaryDirectory() as tmp,
        StubProcess(Reply(body=text_completion(LABEL))) as stub,
    ):
        generate(Path(tmp) / "one", 1)  # a process's first async brief starts the client
        run([Path(tmp) / "one"], settings=settings_for(stub, Path(tmp) / "home", concurrency=2))
        questions = stub.requests()  # label questions per article: asked one after another
    for level in levels:
        slow = Reply(body=text_completion(LABEL), delay=latency)
        with tempfile.TemporaryDirectory() as tmp, StubProcess(slow) as stub:
            folder, home = Path(tmp) / "articles", Path(tmp) / "home"
            generate(folder, count, seed=level)
            before = Clock.now()
            result = run([folder], settings=settings_for(stub, home, concurrency=level))
            spent = Clock.now() - before
            assert len(result.briefs) == count, result.model_errors[:1]
        ideal = math.ceil(count / level) * latency * questions
        print(
            f"{level:>11} {spent.wall:>8.2f} {ideal:>8.2f} {ideal / spent.wall:>10.2f}"
            f" {spent.cpu:>10.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3, help="overhead runs; the median counts")
    parser.add_argument("--slow", type=int, default=200, help="articles for the concurrency run")
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--levels", default="1,8,32", help="concurrency levels, comma-separated")
    parser.add_argument("--only", choices=["overhead", "concurrency"], help="run one part")
    args = parser.parse_args()
    if args.only != "concurrency":
        overhead(args.articles, args.repeats)
    if args.only != "overhead":
        concurrency(args.slow, args.latency, [int(x) for x in args.levels.split(",")])


if __name__ == "__main__":
    main()
