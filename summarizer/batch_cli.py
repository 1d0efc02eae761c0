"""The `summarize batch` commands: prepare requests for a Batch API, collect its answers."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from .articles import load_articles
from .batch import AnswersOnly, keep_collection, read_output, store_answers
from .batches import DONE, Batches
from .briefs import Briefer
from .commands import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_PARTIAL,
    corpus_options,
    edge,
    format_option,
    model_options,
)
from .errors import InputError
from .pipeline import run
from .records import Article, ArticleBrief
from .render import write_atomic
from .reporting import report, write_article
from .settings import Settings
from .store import Store

__all__ = ["batch"]

log = logging.getLogger("summarizer")

BATCH_EPILOG = """\b
examples:
  summarize batch prepare feeds/ --out requests.jsonl     then upload it to the Batch API
  summarize batch collect feeds/ --file output.jsonl --out out/

\b
exit codes: 0 ok, 1 failure, 2 usage error, 3 some articles have no brief (listed)"""


@click.group(epilog=BATCH_EPILOG)
def batch() -> None:
    """Ask a provider's Batch API (or `vllm run-batch`) instead of a live endpoint.

    `prepare` writes every question the uncached briefs need as Batch API lines;
    `collect` reads the answers back and builds the digest as a live run would.
    """


@batch.command("prepare")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="the JSONL file of requests to write")  # fmt: skip
@model_options
@edge
def batch_prepare(settings: Settings, paths: list[Path], out: Path) -> int:
    """Write the Batch API requests that PATHS' briefs still need (default: seeds/)."""
    errors: list[InputError] = []
    articles = load_articles(paths, errors=errors)
    for error in errors:
        log.error("%s", error)
    with AnswersOnly(settings) as briefer:
        done = briefer.prepare(articles)
        write_atomic(out, "".join(line + "\n" for line in briefer.request_lines()))
    sys.stdout.write(
        f"wrote {done.lines} requests to {out} for {len(done.pending)} articles "
        f"({done.cached} briefs already stored, {len(done.finished)} made from stored answers)\n"
    )
    return EXIT_PARTIAL if errors else EXIT_OK


@batch.command("collect")
@corpus_options
@click.option(
    "--file",
    "output_file",
    type=click.Path(path_type=Path),
    help="a Batch API output file made elsewhere (`vllm run-batch`); default: "
    "download the latest submitted batch's output",
)
@click.option("--batch", "batch_id", help="the submitted batch to collect (default: the latest)")
@click.option(
    "--retry-live", is_flag=True, help="ask the model live whatever the batch left unanswered"
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="write the briefs, review pages and digest to DIR, as the digest does",
)
@format_option
@model_options
@edge
def batch_collect(settings: Settings, paths: list[Path], output_file: Path | None,
                  batch_id: str | None, retry_live: bool, out: Path | None,
                  output_format: str) -> int:  # fmt: skip
    """Store a batch's answers, then brief and merge PATHS from them (default: seeds/).

    An error line, an expired request or an answer that names no label costs only its
    article: it is listed with its reason (exit 3) or, with --retry-live, asked live.
    Collecting the same file twice stores the same answers.
    """
    with AnswersOnly(settings) as answers:
        if output_file is not None:
            source, lines = str(output_file.resolve()), read_output(output_file)
        else:
            batches = Batches(settings, answers.store)
            record = batches.refresh(batch_id)
            if record.status not in DONE:
                log.error("batch %s is %s: collect again later", record.id, record.status)
                return EXIT_FAILURE
            source, lines = f"batch {record.id} ({record.status})", batches.download(record)
        got = store_answers(lines, answers.store)
        cost = got.cost(source, answers.model_name)
        keep_collection(answers.store, cost)
    log.info("%s: %d answers stored, %d failed, %d unreadable lines; %d prompt + %d "
             "completion tokens", source, got.answered, len(got.failures), got.unreadable,
             got.usage.prompt_tokens, got.usage.completion_tokens)  # fmt: skip
    if not retry_live:  # no model at all: the merge pass would call one
        settings = Settings.with_overrides(settings, llm_merge=False)

    def write(article: Article, made: ArticleBrief | None) -> None:
        if out and made is not None:
            write_article(out, article, made)

    briefer: Briefer = Briefer(settings) if retry_live else AnswersOnly(settings)
    if isinstance(briefer, AnswersOnly):
        briefer.failures = got.failures
    with briefer:
        result = run(paths, settings=settings, briefer=briefer, on_article=write, batch=cost)
    waiting = sum("not answered yet" in str(e) for e in result.model_errors)
    if waiting:
        log.warning("%d articles wait on questions no batch has asked yet: run `summarize "
                    "batch prepare` again for the next round", waiting)  # fmt: skip
    return report(result, settings, out, output_format)


@batch.command("submit")
@click.option("--file", "requests", type=click.Path(path_type=Path), required=True,
              help="the requests `batch prepare` wrote")  # fmt: skip
@model_options
@edge
def batch_submit(settings: Settings, requests: Path) -> int:
    """Upload a requests file to the endpoint's Batch API and start the batch."""
    with Store(settings.store_path) as store:
        record = Batches(settings, store).submit(requests)
    sys.stdout.write(f"submitted batch {record.id} ({record.requests} requests, "
                     f"{record.status}); `summarize batch collect` when it is done\n")  # fmt: skip
    return EXIT_OK


@batch.command("status")
@click.argument("batch_id", required=False)
@model_options
@edge
def batch_status(settings: Settings, batch_id: str | None) -> int:
    """Print a submitted batch's state (default: the latest submitted)."""
    with Store(settings.store_path) as store:
        record = Batches(settings, store).refresh(batch_id)
    sys.stdout.write(f"batch {record.id}: {record.status} ({record.requests} requests)\n")
    return EXIT_OK
