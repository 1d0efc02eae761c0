"""Batch prepare and collect at scale: synthetic articles (10,000 by default), time and peak memory.

    uv run python -m bench.batch_bench [N ...]

Each N writes N synthetic wire stories (about 330 words, 16 sentences: named speakers
with titles, quotes, conditions, negations, hedges) and runs, each phase in a process of
its own so that its peak resident memory is its own:

- prepare: load the articles, run every article's brief stage on stored answers only
  (`AnswersOnly.prepare`) and write the Batch API requests file;
- collect: read an output file that answers every request (labels cycling through each
  question's choices, with usage), store the answers, brief every article from them and
  merge the digest, as `summarize batch collect --file` does (no model).

Printed per phase: wall seconds, articles per second and peak RSS (MiB). The targets of
issue 14 are under 30 s and under 500 MiB per phase for 10,000 articles.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from summarizer import Settings

FIRST = ["Anna", "Marek", "Lena", "Tomas", "Ines", "Pavel", "Sara", "Jonas", "Elif", "Rui",
         "Mila", "Oskar", "Nadia", "Bruno", "Hana", "Viktor"]  # fmt: skip
LAST = ["Keller", "Novak", "Berg", "Silva", "Horvat", "Lindqvist", "Moreau", "Kowalski",
        "Aydin", "Costa", "Weber", "Ferreira", "Dalca", "Petrov", "Halloran",
        "Ionescu"]  # fmt: skip
ROLES = ["Foreign Minister", "Trade Minister", "Defence Minister", "Prime Minister",
         "President", "Economy Minister"]  # fmt: skip
PLACES = ["Riverton", "Eastport", "Northvale", "Westmark", "Southburg", "Lakeside", "Hillford",
          "Bayview", "Stonebridge", "Redcliff"]  # fmt: skip
THINGS = ["the harbour levy", "export quotas", "the fishing ban", "new tariffs on steel",
          "the joint patrol", "a ceasefire monitoring mission", "the pipeline deal",
          "security guarantees", "the grain corridor", "membership of the alliance",
          "a free trade agreement", "the border checkpoints"]  # fmt: skip
SAYS = ["said", "told reporters", "said in a statement", "said on Tuesday", "added"]


def article(rng: random.Random) -> str:
    """One synthetic wire story: a headline and five paragraphs."""
    here, there, venue = rng.sample(PLACES, 3)
    a, b, c = (f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3))
    role_a, role_b = rng.sample(ROLES, 2)
    t1, t2, t3, t4 = rng.sample(THINGS, 4)
    sentences = [
        f"{here.upper()} (Wire) — {here} will not accept {t1}, {role_a} {a} {rng.choice(SAYS)}.",
        f"{a.split()[-1]} said the government supports {t2} but only if {there} shares the cost.",
        f'"We have never promised {t3}," {a.split()[-1]} told reporters after a cabinet meeting.',
        f"{there}'s {role_b.lower()}, {b}, said {there} would contribute ships to the mission "
        "if parliament approves.",
        f"{b.split()[-1]} added that talks on {t1} could resume next month, according to two "
        "diplomats.",
        f"It is unclear whether {here} will lift the remaining restrictions before the summer.",
        f"Officials in {there} reportedly want a new agreement on {t2}.",
        f"The {here} chamber of commerce welcomed the decision and urged both sides to keep "
        "talking.",
        f"{b.split()[-1]} rejected claims that {there} had blocked {t3}, calling them baseless.",
        "Analysts say the dispute may drag on for months as both governments face elections.",
        f"Opposition leader {c} said {here} should back {t4} without conditions.",
        f"{c.split()[-1]} warned that a delay could cost thousands of jobs in the port towns.",
        f"{a.split()[-1]} is due to meet {b.split()[-1]} in {venue} later this month.",
        f"Neither side has set a timeline for a final deal on {t1}.",
        f"{there} has repeatedly said it opposes {t4}, though some ministers are said to "
        "favour a compromise.",
        f"A spokesperson for {venue}, which hosts the talks, declined to comment.",
    ]
    rest = sentences[5:]
    rng.shuffle(rest)
    sentences[5:] = rest
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return f"{there} and {here} at odds over {t1}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(root: Path, n: int) -> Path:
    """N synthetic articles under root/articles (seeded: the same corpus every time)."""
    folder = root / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(14)
    for i in range(n):
        (folder / f"syn_{i:05d}.txt").write_text(article(rng), encoding="utf-8")
    return folder


def _settings(home: Path) -> Settings:
    # A remote model with a known price: no local pack is involved, nothing is called.
    return Settings(base_url="http://127.0.0.1:9/v1", model="gpt-4o-mini", home=home,
                    llm_merge=False, transport_retries=0)  # fmt: skip


def _answer_file(requests: Path, output: Path) -> int:
    """An output file answering every request line; how many lines it has."""
    from summarizer.batch import CHOICES

    lines = []
    for n, raw in enumerate(requests.read_text(encoding="utf-8").splitlines()):
        custom_id = json.loads(raw)["custom_id"]
        choices = CHOICES[custom_id.partition("-")[0]] or ("none",)  # a span question: none
        message = {"role": "assistant", "content": choices[n % len(choices)]}
        usage = {"prompt_tokens": 480, "completion_tokens": 2, "total_tokens": 482}
        body = {"model": "gpt-4o-mini-2024-07-18", "usage": usage,
                "choices": [{"index": 0, "message": message}]}  # fmt: skip
        lines.append(json.dumps({"id": f"r{n}", "custom_id": custom_id, "error": None,
                                 "response": {"status_code": 200, "body": body}}))  # fmt: skip
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def phase(name: str, root: Path) -> None:
    """Run one phase in this process and print its figures as one JSON line."""
    from summarizer import load_articles
    from summarizer.batch import AnswersOnly, store_answers
    from summarizer.pipeline import run

    home, folder = root / "home", root / "articles"
    started = time.perf_counter()
    if name == "prepare":
        articles = load_articles([folder])
        with AnswersOnly(_settings(home)) as briefer:
            done = briefer.prepare(articles)
            with (root / "requests.jsonl").open("w", encoding="utf-8") as out:
                out.writelines(line + "\n" for line in briefer.request_lines())
        figures = {"articles": len(articles), "requests": done.lines}
    else:
        lines = (root / "output.jsonl").read_text(encoding="utf-8").splitlines()
        with AnswersOnly(_settings(home)) as briefer:
            got = store_answers(lines, briefer.store)
            briefer.failures = got.failures
            result = run([folder], briefer=briefer, batch=got.cost("bench", "gpt-4o-mini"))
        assert result.digest is not None
        figures = {"articles": len(result.articles), "answers": got.answered,
                   "briefs": len(result.briefs), "waiting": len(result.model_errors),
                   "positions": len(result.digest.positions)}  # fmt: skip
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"phase": name, "seconds": round(seconds, 1), "peak_mib": round(peak),
                      **figures}))  # fmt: skip


def main(sizes: list[int]) -> None:
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_corpus(root, n)
            rows = []
            for name in ("prepare", "collect"):
                if name == "collect":
                    _answer_file(root / "requests.jsonl", root / "output.jsonl")
                done = subprocess.run([sys.executable, "-m", "bench.batch_bench", "--phase",
                                       name, str(root)], check=True, capture_output=True,
                                      text=True)  # fmt: skip
                rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(f"\n{n} synthetic articles (~330 words each)")
            print("| phase | seconds | articles/s | peak RSS | what |")
            print("| --- | --- | --- | --- | --- |")
            for row in rows:
                what = {k: v for k, v in row.items() if k not in ("phase", "seconds", "peak_mib")}
                rate = row["articles"] / max(row["seconds"], 1e-9)
                print(f"| {row['phase']} | {row['seconds']} | {rate:.0f} | {row['peak_mib']} MiB "
                      f"| {', '.join(f'{k} {v}' for k, v in what.items())} |")  # fmt: skip


if __name__ == "__main__":
    if sys.argv[1:2] == ["--phase"]:
        phase(sys.argv[2], Path(sys.argv[3]))
    else:
        main([int(a) for a in sys.argv[1:]] or [10_000])
