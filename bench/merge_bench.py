"""Merge scaling: synthetic briefs (1,000 and 10,000 by default), time and peak memory.

    uv run python bench/merge_bench.py [N ...]

Briefs are generated with the variety the merger has to resolve: people named with and
without titles or by surname, capitals for states, topic and guarantee wordings that
normalize together, conflicting statuses. Time is the best of three runs; peak memory is
measured in a separate run under tracemalloc (Python allocations during the merge).
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc

from summarizer.merge import merge
from summarizer.records import (
    SCHEMA_VERSION,
    Actor,
    ArticleBrief,
    Evidence,
    Guarantee,
    Position,
    Provenance,
    Uncertainty,
    Usage,
)

FIRST = [
    "Mark",
    "Donald",
    "Vladimir",
    "Emmanuel",
    "Olaf",
    "Ursula",
    "Keir",
    "Giorgia",
    "Pedro",
    "Jens",
    "Antony",
    "Sergey",
    "Andrzej",
    "Petr",
    "Kaja",
    "Annalena",
    "Radek",
    "Robert",
]
LAST = [
    "Rutte",
    "Trump",
    "Putin",
    "Macron",
    "Scholz",
    "Leyen",
    "Starmer",
    "Meloni",
    "Sanchez",
    "Stoltenberg",
    "Blinken",
    "Lavrov",
    "Duda",
    "Pavel",
    "Kallas",
    "Baerbock",
    "Sikorski",
    "Fico",
    "Tusk",
    "Zelensky",
    "Witkoff",
    "Orban",
    "Stubb",
    "Frederiksen",
]
TITLES = ["", "President ", "Prime Minister ", "Foreign Minister ", "NATO Secretary General "]
STATES = [
    ("Russia", "Moscow"),
    ("Ukraine", "Kyiv"),
    ("Ukraine", "Kiev"),
    ("Poland", "Warsaw"),
    ("France", "Paris"),
    ("Germany", "Berlin"),
    ("China", "Beijing"),
]
TOPICS = [
    "Ukraine NATO membership",
    "NATO membership for Ukraine",
    "Ukraine's accession to NATO",
    "troops after a ceasefire",
    "deployment of peacekeepers",
    "military aid to Ukraine",
    "sanctions on Russia",
    "defence spending",
    "peace talks",
    "ceasefire terms",
    "frozen Russian assets",
    "EU membership for Ukraine",
    "air defence for Kyiv",
]
KINDS = [
    "NATO membership",
    "membership of the alliance",
    "troops after ceasefire",
    "peacekeeping troops",
    "continued military support",
    "military aid",
    "bilateral security pact",
    "air defence shield",
]
STATUSES = ["proposed", "under_discussion", "conditional", "ruled_out", "endorsed", "rejected"]
POLARITIES = ["supports", "opposes", "conditional", "neutral"]  # fmt: skip


def _evidence(rng: random.Random) -> tuple[Evidence, ...]:
    start = rng.randrange(0, 5000)
    quote = f"quoted sentence number {start} from the article text"
    return (Evidence(quote=quote, start=start, end=start + len(quote), match="exact", score=100.0),)


def synthetic_brief(index: int, rng: random.Random) -> ArticleBrief:
    """One plausible brief with 4-6 actors, 3-5 positions, 1-3 guarantees."""
    people = rng.sample(range(len(LAST)), rng.randint(3, 5))
    actors: list[Actor] = []
    for person in people:
        full = f"{FIRST[person % len(FIRST)]} {LAST[person]}"
        name = rng.choice([full, full, LAST[person], rng.choice(TITLES) + full])
        actors.append(Actor(name=name, kind="person", role=rng.choice(TITLES).strip()))
    country, capital = rng.choice(STATES)
    actors.append(Actor(name=rng.choice([country, capital]), kind="state"))
    positions = [
        Position(actor=rng.choice(actors).name, topic=rng.choice(TOPICS),
                 stance="A stance in one sentence.", polarity=rng.choice(POLARITIES),
                 attribution="paraphrase", hedged=rng.random() < 0.3, evidence=_evidence(rng))
        for _ in range(rng.randint(3, 5))
    ]  # fmt: skip
    guarantees = [
        Guarantee(kind=rng.choice(KINDS), description="What it would be.",
                  status=rng.choice(STATUSES), proposed_by=rng.choice([None, actors[0].name]),
                  evidence=_evidence(rng))
        for _ in range(rng.randint(1, 3))
    ]  # fmt: skip
    uncertainties = [Uncertainty(description=f"Open question {rng.randrange(500)}",
                                 kind="open_question", evidence=_evidence(rng))]  # fmt: skip
    return ArticleBrief(
        article_id=f"a{index:06d}", title=f"Article {index}", article_sha256=f"{index:064x}",
        summary="Summary.", actors=tuple(actors), positions=tuple(positions),
        guarantees=tuple(guarantees), uncertainties=tuple(uncertainties),
        provenance=Provenance(model="synthetic", endpoint="none", mode="none",
                              prompt_version="p", schema_version=SCHEMA_VERSION,
                              usage=Usage(prompt_tokens=1000, completion_tokens=500, requests=1),
                              attempts=1, seconds=0.0),
    )  # fmt: skip


def measure(count: int) -> tuple[float, float, int, int]:
    rng = random.Random(count)
    briefs = [synthetic_brief(i, rng) for i in range(count)]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        digest = merge(briefs)
        best = min(best, time.perf_counter() - started)
    tracemalloc.start()
    merge(briefs)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak / 2**20, len(digest.actors), len(digest.disagreements)


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [1_000, 10_000]
    print(f"{'briefs':>8} {'seconds':>8} {'ms/brief':>9} {'peak MiB':>9} {'actors':>7} "
          f"{'disagreements':>13}")  # fmt: skip
    for count in sizes:
        seconds, peak, actors, disagreements = measure(count)
        print(f"{count:>8} {seconds:>8.2f} {1000 * seconds / count:>9.3f} {peak:>9.1f} "
              f"{actors:>7} {disagreements:>13}")  # fmt: skip


if __name__ == "__main__":
    main()
