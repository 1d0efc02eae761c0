"""The `summarize` command: a thin edge that turns library errors into messages and exit codes.

Only SummarizerError is caught; anything else is a bug and propagates with its traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from tqdm import tqdm

from .api import Summarizer
from .articles import load_articles
from .briefs import Briefer
from .corpus import CorpusDigest
from .errors import SummarizerError, UserError
from .evaluate import evaluate, evaluation_table
from .gold import check_gold_quotes, load_gold
from .mail import check_ready
from .pipeline import run, today
from .records import Article, ArticleBrief
from .render import brief_json, digest_html, digest_json, digest_markdown, write_atomic
from .review import review_html
from .settings import Settings

__all__ = ["EXIT_FAILURE", "EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "main"]

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
log = logging.getLogger("summarizer")

EPILOG = """examples:
  summarize seeds/ --out out/        brief and merge every article (embedded model)
  summarize seeds/ --format html > digest.html
  summarize brief seeds/000_6ba81dc0816d3c55.txt
  summarize schema digest            JSON Schema for dashboards
  OPENAI_API_KEY=... summarize seeds/ --model gpt-4o-mini
  summarize seeds/ --base-url http://localhost:11434/v1 --model qwen2.5:7b

  summarize email --dry-run           write today's digest email to digest-<date>.eml
  summarize eval --gold eval/gold     score the seeds' briefs against the gold annotations

exit codes: 0 ok, 1 failure, 2 usage error, 3 partial (some articles failed)"""

EMAIL_EPILOG = """examples:
  summarize email seeds/ --dry-run --eml /tmp/digest.eml
  SUMMARIZER_SMTP_HOST=smtp.example.org SUMMARIZER_SMTP_USER=bot \\
  SUMMARIZER_SMTP_PASSWORD=... SUMMARIZER_SMTP_TO=desk@example.org summarize email feeds/
  summarize email feeds/ --to me@example.org --force     send again today

exit codes: 0 sent (or already sent today), 1 failure (nothing recorded as sent),
2 usage error, 3 sent but some articles failed"""


def _common(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("model")
    group.add_argument("--model", help="model name at the endpoint, local pack name or .gguf path")
    group.add_argument("--base-url", help="OpenAI-compatible endpoint (default: embedded model)")
    group.add_argument(
        "--local",
        action="store_true",
        default=None,
        help="use the embedded llama.cpp model even if an endpoint is configured",
    )
    group.add_argument(
        "--no-cache",
        dest="use_cache",
        action="store_false",
        default=None,
        help="ignore stored briefs and call the model again",
    )
    group.add_argument(
        "--profile",
        help="domain profile: a name in profiles/ (default: security) or a profile .toml path",
    )
    group.add_argument(
        "--label-probabilities",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="ask for each label's probability and drop unsure labels (default: remote "
        "endpoints only; ~1.8x slower on the embedded model)",
    )
    group.add_argument("--home", type=Path, help="state folder (default: $SUMMARIZER_HOME)")
    out = parser.add_argument_group("output")
    out.add_argument("-v", "--verbose", action="store_true", help="debug logs on stderr")
    out.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr")


def _corpus_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("seeds")],
        help="article files or folders (default: seeds/)",
    )
    parser.add_argument(
        "--no-llm-merge",
        dest="llm_merge",
        action="store_false",
        default=None,
        help="skip the model-assisted merge pass (topic grouping, narrative)",
    )
    limits = parser.add_argument_group("limits")
    limits.add_argument(
        "--max-tokens",
        dest="max_tokens_total",
        type=int,
        help="stop new model calls once the run has used this many tokens",
    )
    limits.add_argument(
        "--max-cost",
        type=float,
        help="stop new model calls at this estimated cost in USD (known models)",
    )
    limits.add_argument(
        "--concurrency",
        type=int,
        help="articles briefed at once against a remote endpoint (default 1)",
    )
    limits.add_argument(
        "--rpm",
        dest="requests_per_minute",
        type=int,
        help="stay under this many requests per minute",
    )
    limits.add_argument("--tpm", dest="tokens_per_minute", type=int,
                        help="stay under this many tokens per minute")  # fmt: skip


def _parsers() -> dict[str, argparse.ArgumentParser]:
    main = argparse.ArgumentParser(
        prog="summarize",
        description="Turn news articles into evidence-grounded briefs and merge them into one "
        "digest: who says what, where sources agree and where they collide. Subcommands: "
        "`summarize brief FILE` prints one brief; `summarize email` sends the digest by "
        "email; `summarize eval` scores briefs against gold; `summarize schema` prints the "
        "JSON Schemas (each has its own --help).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _corpus_options(main)
    main.add_argument(
        "--out",
        type=Path,
        help="write DIR/briefs/<article_id>.json, DIR/review/<article_id>.html (the article "
        "with its evidence marked) and DIR/digest.{json,md,html}",
    )
    main.add_argument(
        "--format",
        choices=("md", "json", "html"),
        default="md",
        help="how the digest is printed on stdout (default: md)",
    )
    _common(main)
    one = argparse.ArgumentParser(prog="summarize brief", description="Print one brief as JSON.")
    one.add_argument("file", type=Path, help="the article file")
    _common(one)
    mail = argparse.ArgumentParser(
        prog="summarize email",
        description="Brief and merge PATHS, keep the digest in the store, and email it: a "
        "plain-text and an HTML part, opening with what changed since the last digest sent "
        "to the same recipients. Sent at most once a day per recipients unless --force. "
        "SMTP comes from SUMMARIZER_SMTP_HOST, _PORT, _SECURITY (starttls|ssl|none), _USER, "
        "_PASSWORD, _FROM, _TO, _CA_FILE.",
        epilog=EMAIL_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _corpus_options(mail)
    sending = mail.add_argument_group("email")
    sending.add_argument(
        "--to",
        action="append",
        metavar="ADDRESS",
        help="a recipient (repeatable; default: $SUMMARIZER_SMTP_TO)",
    )
    sending.add_argument(
        "--dry-run",
        action="store_true",
        help="write the message to an .eml file instead of sending",
    )
    sending.add_argument(
        "--eml", type=Path, help="where --dry-run writes (default: digest-<date>.eml)"
    )
    sending.add_argument(
        "--force", action="store_true", help="send even if today's digest already went out"
    )
    sending.add_argument(
        "--date", help="file the digest under this date, YYYY-MM-DD (default: today)"
    )
    sending.add_argument(
        "--out",
        type=Path,
        help="also write the briefs, review pages and digest files to DIR (serve DIR/review/ "
        "at $SUMMARIZER_REVIEW_URL and each quote in the email links to its sentence)",
    )
    _common(mail)
    ev = argparse.ArgumentParser(
        prog="summarize eval",
        description="Brief and merge PATHS (cached briefs are reused) and score them against "
        "gold annotations: actor precision/recall after alias resolution, position recall on "
        "(actor, topic, polarity), guarantee recall on (kind, status), uncertainty recall, "
        "the share of exact/aligned/dropped evidence, and which gold disagreements the "
        "digest shows. How free text is matched: see summarizer/evaluate.py.",
        epilog="example:\n  summarize eval --gold eval/gold seeds/ --json eval/results.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _corpus_options(ev)
    ev.add_argument(
        "--gold",
        type=Path,
        default=Path("eval/gold"),
        help="folder of gold <article_id>.json and corpus.json (default: eval/gold)",
    )
    ev.add_argument("--json", type=Path, help="also write the scores as JSON to this file")
    _common(ev)
    return {"": main, "brief": one, "email": mail, "eval": ev}


def _settings(args: argparse.Namespace) -> Settings:
    limits = ("max_tokens_total", "max_cost", "concurrency", "requests_per_minute",
              "tokens_per_minute")  # fmt: skip
    return Settings.with_overrides(
        **{name: getattr(args, name, None) for name in limits},
        llm_merge=getattr(args, "llm_merge", None),
        profile=args.profile,
        label_probabilities=args.label_probabilities,
        model=args.model,
        base_url=args.base_url,
        local=args.local,
        use_cache=args.use_cache,
        home=args.home,
    )


def _configure_logging(args: argparse.Namespace) -> None:
    level = logging.DEBUG if args.verbose else logging.ERROR if args.quiet else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False
    # The HTTP client logs every request at INFO; only show that when asked to.
    logging.getLogger("httpx2").setLevel(logging.DEBUG if args.verbose else logging.WARNING)


def _terminate(signum: int, frame: Any) -> None:
    # Turn SIGTERM into an exception so context managers stop the embedded server.
    raise SystemExit(128 + signum)


def _write_article(out: Path, article: Article, brief: ArticleBrief) -> None:
    """DIR/briefs/<id>.json and DIR/review/<id>.html for one briefed article."""
    write_atomic(out / "briefs" / f"{article.article_id}.json", brief_json(brief))
    write_atomic(out / "review" / f"{article.article_id}.html", review_html(article, brief))


def _write_digest(out: Path, digest: CorpusDigest) -> None:
    """DIR/digest.{json,md,html}; the HTML links each quote to its review page."""
    write_atomic(out / "digest.json", digest_json(digest))
    write_atomic(out / "digest.md", digest_markdown(digest))
    write_atomic(out / "digest.html", digest_html(digest, review="review/"))


def _brief_all(args: argparse.Namespace, settings: Settings) -> int:
    bar = tqdm(total=0, desc="briefing", unit="article", file=sys.stderr,
               disable=args.quiet or None)  # fmt: skip

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
        if args.out:
            _write_article(args.out, article, made)

    with bar:
        result = run(args.paths, settings=settings, on_article=progress)
    if not result.articles:
        log.error("no article could be loaded")
        return EXIT_FAILURE
    digest = result.digest
    assert digest is not None
    if args.out:
        _write_digest(args.out, digest)
        log.info("wrote %d briefs, their review pages and the digest to %s",
                 len(result.briefs), args.out)  # fmt: skip
    renderings = {"json": digest_json, "md": digest_markdown, "html": digest_html}
    sys.stdout.write(renderings[args.format](digest))
    if result.budget is not None and (settings.max_tokens_total or settings.max_cost):
        spent = result.budget.spent
        log.info("spent %d tokens (estimated $%.4f)", spent.total_tokens, result.budget.cost)
    if result.failed:
        log.error(
            "%d of %d inputs failed", result.failed, len(result.articles) + len(result.input_errors)
        )
        return EXIT_PARTIAL if result.briefs else EXIT_FAILURE
    return EXIT_OK


def _brief_one(args: argparse.Namespace, settings: Settings) -> int:
    (article,) = load_articles([args.file])
    with Briefer(settings) as briefer:
        sys.stdout.write(brief_json(briefer.brief(article)))
    return EXIT_OK


def _schema(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="summarize schema",
        description="Print the JSON Schema of a brief and of the digest, so that dashboards "
        "in any language can validate what they read.",
    )
    parser.add_argument("which", nargs="?", choices=("brief", "digest", "all"), default="all")
    which = parser.parse_args(argv).which
    schemas = {
        "brief": ArticleBrief.model_json_schema(),
        "digest": CorpusDigest.model_json_schema(),
    }
    chosen = schemas if which == "all" else schemas[which]
    sys.stdout.write(json.dumps(chosen, indent=2, sort_keys=True) + "\n")
    return EXIT_OK


def _email(args: argparse.Namespace, settings: Settings) -> int:
    digest_date = args.date or today()
    try:
        dt.date.fromisoformat(digest_date)
    except ValueError:
        raise UserError(f"--date must be YYYY-MM-DD, got {digest_date!r}") from None
    if args.to:
        try:
            settings = Settings.with_overrides(settings, smtp_to=tuple(args.to))
        except ValidationError as exc:
            raise UserError(f"--to: {exc.errors()[0].get('msg', exc)}") from None
    check_ready(settings, settings.smtp_to, dry_run=args.dry_run)  # before any briefing
    with Summarizer(settings) as api:
        result = api.run(args.paths, digest_date=digest_date)
        if not result.articles:
            log.error("no article could be loaded; nothing sent")
            return EXIT_FAILURE
        assert result.stored is not None
        if args.out:
            articles = {a.article_id: a for a in result.articles}
            for made in result.briefs:
                _write_article(args.out, articles[made.article_id], made)
            _write_digest(args.out, result.stored.digest)
        target = args.eml or Path(f"digest-{digest_date}.eml")
        delivery = api.email(result.stored, dry_run=target if args.dry_run else None,
                             force=args.force)  # fmt: skip
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


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    gold, corpus = load_gold(args.gold)
    result = run(args.paths, settings=settings)
    for problem in check_gold_quotes(gold, result.articles):
        log.warning("gold %s", problem)
    unscored = sorted(set(gold) - {a.article_id for a in result.articles})
    if unscored:
        log.warning("gold without an article in PATHS (scored as missed): %s", ", ".join(unscored))
    assert result.digest is not None
    scores = evaluate(gold, corpus, result.briefs, result.digest, result.articles)
    sys.stdout.write(evaluation_table(scores))
    if args.json:
        write_atomic(args.json, scores.to_json() + "\n")
    return EXIT_PARTIAL if result.failed else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `summarize` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["schema"]:
        return _schema(argv[1:])
    parsers = _parsers()
    commands = {"brief": _brief_one, "email": _email, "eval": _eval}
    if argv[:1] and argv[0] in commands:
        args, run = parsers[argv[0]].parse_args(argv[1:]), commands[argv[0]]
    else:
        args, run = parsers[""].parse_args(argv), _brief_all
    _configure_logging(args)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        try:
            settings = _settings(args)
        except ValidationError as exc:
            log.error("invalid settings: %s", exc.errors()[0].get("msg", exc))
            return EXIT_USAGE
        return run(args, settings)
    except UserError as exc:
        log.error("%s", exc)
        return EXIT_USAGE
    except ValidationError as exc:
        # Only settings are usage errors (above); data that fails validation during a run
        # (a stored digest from another version, say) is a failure of the run.
        log.error("invalid data: %s", exc)
        return EXIT_FAILURE
    except SummarizerError as exc:
        log.error("%s", exc)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    raise SystemExit(main())
