"""Sentence segmenters on hard cases and the seeds.

Run: uv run --with sentencex --with syntok python -m bench.segmenter_compare
"""

import re
import time
from pathlib import Path

import pysbd
import sentencex
import syntok.segmenter as sy

HARD = [  # (text, expected sentences)
    ("The U.S. envoy met Gen. Smith on Friday. They spoke for an hour.", 2),
    ("“No one promised Ukraine membership,” he said. Talks resume Monday.", 2),
    ("He said: “We will respond. We are ready.” Officials declined to comment.", 2),
    ("BRUSSELS (Reuters) - NATO allies met on Tuesday. The talks ended late.", 2),
    ("Mr. Li told reporters the deal was “dead.” Beijing did not reply.", 2),
    ("Prices rose 3.5 percent in Jan. and fell in Feb. Analysts were surprised.", 2),
    ("Is it over? Nobody knows! The vote is at 5 p.m. on Friday.", 3),
    ("The E.U. and the U.K. signed. Dr. Jones, of St. Mary’s, agreed.", 2),
    ("He asked, “Why now?” and left. The room was silent.", 2),
    ("Tariffs of 25% apply (see Art. 3). Exporters object.", 2),
]


def ours(t):
    R = re.compile(r"[^\s](?:[^\n]*?)(?:(?<!\b[A-Z])[.!?][\"'”’)]*(?=\s)|(?=\n)|$)")
    return [m.group() for m in R.finditer(t)]


SBD = pysbd.Segmenter(language="en", clean=False, char_span=False)


def sbd(t, s=SBD):
    return [x for x in s.segment(t) if x.strip()]


def sx(t):
    return [x for x in sentencex.segment("en", t) if x.strip()]


def syn(t):
    out = []
    for para in sy.analyze(t):
        for sent in para:
            out.append("".join(tok.spacing + tok.value for tok in sent).strip())
    return out


for name, f in [("regex", ours), ("pysbd", sbd), ("sentencex", sx), ("syntok", syn)]:
    ok = 0
    bad = []
    for text, n in HARD:
        got = f(text)
        if len(got) == n:
            ok += 1
        else:
            bad.append(got)
    seeds = [p.read_text() for p in sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))]
    t0 = time.perf_counter()
    counts = [sum(len(f(line)) for line in s.split("\n") if line.strip()) for s in seeds]
    dt = time.perf_counter() - t0
    print(f"{name:10s} hard {ok}/{len(HARD)}  seeds sentences {counts}  {dt * 1000:.0f} ms")
    for b in bad:
        print("    ", b)
