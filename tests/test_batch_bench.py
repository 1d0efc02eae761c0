"""The batch benchmark still runs: an answer file it builds answers every request kind.

The benchmark itself (`bench.batch_bench`) times 10,000 articles; here only its answer file
is checked on a handful, with no timing: a question kind with no fixed choices (the
object question's span) once made it divide by zero, unnoticed for many stops.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.batch_bench import _answer_file
from summarizer.batch import CHOICES


def test_the_answer_file_answers_every_kind_of_request(tmp_path: Path) -> None:
    requests = tmp_path / "requests.jsonl"
    kinds = sorted(CHOICES)
    requests.write_text(
        "".join(json.dumps({"custom_id": f"{k}-key{n}"}) + "\n" for n, k in enumerate(kinds)),
        encoding="utf-8",
    )
    assert _answer_file(requests, tmp_path / "output.jsonl") == len(kinds)
    lines = [json.loads(x) for x in (tmp_path / "output.jsonl").read_text().splitlines()]
    said = {x["custom_id"].partition("-")[0]: x["response"]["body"]["choices"][0]["message"]
            ["content"] for x in lines}  # fmt: skip
    assert said["object"] == "none" and all(said[k] in CHOICES[k] for k in kinds if CHOICES[k])
