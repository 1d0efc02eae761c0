"""The `summarize` command: one decorated function per subcommand, on click.

`summarize PATHS` runs the default command, `digest`. The options the commands share and
the edge that turns library errors into exit codes are in `commands`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import click
from pydantic import ValidationError
from tqdm import tqdm

from .acts import undoing_acts
from .api import Summarizer
from .articles import load_articles
from .batch_cli import batch
from .briefs import Briefer
from .commands import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    corpus_options,
    edge,
    format_option,
    model_options,
)
from .corpus import CorpusDigest
from .errors import UserError
from .evaluate import evaluate, evaluation_table
from .gold import check_gold_quotes, load_gold
from .mail import check_ready
from .pipeline import run, today
from .profile import load_profile
from .records import Article, ArticleBrief
from .render import brief_json, write_atomic
from .reporting import report, write_article, write_digest
from .settings import Settings

__all__ = ["EXIT_FAILURE", "EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "cli", "main"]

DEFAULT_COMMAND = "digest"
log = logging.getLogger("summarizer")

EPILOG = """\b
examples:
  summarize seeds/ --out out/        brief and merge every article (embedded model)
  summarize seeds/ --format html > digest.html
  summarize brief seeds/000_6ba81dc0816d3c55.txt
  summarize schema digest            JSON Schema for dashboards
  OPENAI_API_KEY=... summarize seeds/ --model gpt-4o-mini
  summarize seeds/ --base-url http://localhost:11434/v1 --model qwen2.5:7b

\b
  summarize email --dry-run           write today's digest email to digest-<date>.eml
  summarize eval --gold eval/gold     score the seeds' briefs against the gold annotations
  summarize batch prepare feeds/ --out requests.jsonl   questions for a Batch API instead

\b
exit codes: 0 ok, 1 failure, 2 usage error, 3 partial (some articles failed)"""

EMAIL_EPILOG = """\b
examples:
  summarize email seeds/ --dry-run --eml /tmp/digest.eml
  SUMMARIZER_SMTP_HOST=smtp.example.org SUMMARIZER_SMTP_USER=bot \\
  SUMMARIZER_SMTP_PASSWORD=... SUMMARIZER_SMTP_TO=desk@example.org summarize email feeds/
  summarize email feeds/ --to me@example.org --force     send again today
  summarize email feeds/ --from-batch                    after `summarize batch collect`

\b
exit codes: 0 sent (or already sent today), 1 failure (nothing recorded as sent),
2 usage error, 3 sent but some articles failed"""


class _Summarize(click.Group):
    """`summarize PATHS...` digests; a first word naming another command runs that one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands:
            args = [DEFAULT_COMMAND, *args]  # "summarize seeds/ --out out/", "summarize --help"
        return super().parse_args(ctx, args)


_HELP = {"max_content_width": 100, "terminal_width": 100, "help_option_names": ["-h", "--help"]}


@click.group(cls=_Summarize, context_settings=_HELP)
def cli() -> None:
    """Turn news articles into evidence-grounded briefs and merge them into one digest."""


@cli.command(DEFAULT_COMMAND, epilog=EPILOG)
@corpus_options
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="write DIR/briefs/<article_id>.json, DIR/review/<article_id>.html (the "
    "article with its evidence marked) and DIR/digest.{json,md,html}",
)
@format_option
@model_options
@edge
def digest(settings: Settings, paths: list[Path], out: Path | None, output_format: str) -> int:
    """Brief and merge PATHS (default: seeds/) into one digest.

    The digest says who says what, and where sources agree and where they collide. The
    first word may name another command: `summarize brief FILE` prints one brief;
    `summarize email` sends the digest by email; `summarize eval` scores briefs against
    gold; `summarize schema` prints the JSON Schemas (each has its own --help). `digest`
    itself may be left out.
    """
    bar = tqdm(total=0, desc="briefing", unit="article", file=sys.stderr,
               disable=log.level >= logging.ERROR or None)  # fmt: skip

    def progress(article: Article, made: ArticleBrief | None) -> None:
        bar.update(1)
        if made is None:
            return
        p = made.provenance
        log.info(
            "%s: %d actors, %d positions, %d guarantees; quotes exact %d, aligned %d, dropped %d",
            article.article_id, len(made.actors), len(made.positions), len(made.guarantees),
            p.quotes_exact, p.quotes_aligned, p.quotes_dropped,
        )  # fmt: skip
        if out:
            write_article(out, article, made)

    with bar:
        result = run(paths, settings=settings, on_article=progress)
    return report(result, settings, out, output_format)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@model_options
@edge
def brief(settings: Settings, file: Path) -> int:
    """Print the brief of one article FILE as JSON."""
    (article,) = load_articles([file])
    with Briefer(settings) as briefer:
        sys.stdout.write(brief_json(briefer.brief(article)))
    return EXIT_OK


@cli.command()
@click.argument("which", type=click.Choice(["brief", "digest", "all"]), default="all")
def schema(which: str) -> int:
    """Print the JSON Schema of a brief and of the digest.

    Dashboards in any language can then validate what they read.
    """
    schemas = {
        "brief": ArticleBrief.model_json_schema(),
        "digest": CorpusDigest.model_json_schema(),
    }
    chosen = schemas if which == "all" else schemas[which]
    sys.stdout.write(json.dumps(chosen, indent=2, sort_keys=True) + "\n")
    return EXIT_OK


@cli.command(epilog=EMAIL_EPILOG)
@corpus_options
@click.option(
    "--to",
    multiple=True,
    metavar="ADDRESS",
    help="a recipient (repeatable; default: $SUMMARIZER_SMTP_TO)",
)
@click.option(
    "--dry-run", is_flag=True, help="write the message to an .eml file instead of sending"
)
@click.option(
    "--eml",
    type=click.Path(path_type=Path),
    help="where --dry-run writes (default: digest-<date>.eml)",
)
@click.option("--force", is_flag=True, help="send even if today's digest already went out")
@click.option(
    "--from-batch",
    is_flag=True,
    help="make the briefs from the answers `summarize batch collect` stored (no model call); "
    "the email shows what the batch cost",
)
@click.option(
    "--date", "digest_date", help="file the digest under this date, YYYY-MM-DD (default: today)"
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="also write the briefs, review pages and digest files to DIR (serve "
    "DIR/review/ at $SUMMARIZER_REVIEW_URL and each quote in the email links to "
    "its sentence)",
)
@model_options
@edge
def email(
    settings: Settings,
    paths: list[Path],
    to: tuple[str, ...],
    dry_run: bool,
    eml: Path | None,
    force: bool,
    from_batch: bool,
    digest_date: str | None,
    out: Path | None,
) -> int:
    """Brief and merge PATHS, keep the digest in the store, and email it.

    The email has a plain-text and an HTML part, opening with what changed since the last
    digest sent to the same recipients. Sent at most once a day per recipients unless
    --force. SMTP comes from SUMMARIZER_SMTP_HOST, _PORT, _SECURITY (starttls|ssl|none),
    _USER, _PASSWORD, _FROM, _TO, _CA_FILE.
    """
    digest_date = digest_date or today()
    try:
        dt.date.fromisoformat(digest_date)
    except ValueError:
        raise UserError(f"--date must be YYYY-MM-DD, got {digest_date!r}") from None
    if to:
        try:
            settings = Settings.with_overrides(settings, smtp_to=to)
        except ValidationError as exc:
            raise UserError(f"--to: {exc.errors()[0].get('msg', exc)}") from None
    check_ready(settings, settings.smtp_to, dry_run=dry_run)  # before any briefing
    with Summarizer(settings) as api:
        result = api.run(paths, digest_date=digest_date, from_batch=from_batch)
        if not result.articles:
            log.error("no article could be loaded; nothing sent")
            return EXIT_FAILURE
        assert result.stored is not None
        if out:
            articles = {a.article_id: a for a in result.articles}
            for made in result.briefs:
                write_article(out, articles[made.article_id], made)
            write_digest(out, result.stored.digest)
        target = eml or Path(f"digest-{digest_date}.eml")
        delivery = api.email(result.stored, dry_run=target if dry_run else None, force=force)
    if delivery.written_to is not None:
        sys.stdout.write(f"wrote {delivery.written_to} ({delivery.message_id})\n")
    elif delivery.skipped is not None:
        sys.stdout.write(f"not sent: {delivery.skipped}\n")
    else:
        sys.stdout.write(f"sent {delivery.message_id} to {', '.join(settings.smtp_to)}\n")
    if result.failed:
        log.error("%d inputs failed; the digest lists them", result.failed)
        return EXIT_PARTIAL
    return EXIT_OK


@cli.command("eval", epilog="\b\nexample:\n  summarize eval --gold eval/gold seeds/ --json "
             "eval/results.json")  # fmt: skip
@corpus_options
@click.option(
    "--gold",
    type=click.Path(path_type=Path),
    default=Path("eval/gold"),
    show_default=True,
    help="folder of gold <article_id>.json and corpus.json",
)
@click.option(
    "--json",
    "json_out",
    type=click.Path(path_type=Path),
    help="also write the scores as JSON to this file",
)
@model_options
@edge
def evaluate_command(
    settings: Settings, paths: list[Path], gold: Path, json_out: Path | None
) -> int:
    """Brief and merge PATHS (cached briefs are reused) and score them against gold.

    The scores: actor precision/recall after alias resolution, position recall on (actor,
    topic, polarity), guarantee recall on (kind, status), uncertainty recall, the share of
    exact/aligned/dropped evidence, and which gold disagreements the digest shows. How
    free text is matched: see summarizer/evaluate.py.
    """
    wanted, corpus = load_gold(gold)
    result = run(paths, settings=settings)
    for problem in check_gold_quotes(wanted, result.articles):
        log.warning("gold %s", problem)
    unscored = sorted(set(wanted) - {a.article_id for a in result.articles})
    if unscored:
        log.warning("gold without an article in PATHS (scored as missed): %s", ", ".join(unscored))
    assert result.digest is not None
    undoing = undoing_acts(load_profile(settings.profile).lang)  # "opposes lifting the ban"
    scores = evaluate(wanted, corpus, result.briefs, result.digest, result.articles, undoing)
    sys.stdout.write(evaluation_table(scores))
    if json_out:
        write_atomic(json_out, scores.to_json() + "\n")
    return EXIT_PARTIAL if result.failed else EXIT_OK


cli.add_command(batch)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `summarize` console script: the command's exit code.

    A usage error (an unknown option, a bad choice) prints click's message and is exit 2.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        code = cli.main(args, prog_name="summarize", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:  # --help
        return exc.exit_code
    except click.Abort:
        log.error("interrupted")
        return 130
    return code if isinstance(code, int) else EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
