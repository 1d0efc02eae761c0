"""What every `summarize` command shares: its options, and the edge that runs its body.

The edge turns library errors into messages and exit codes. Only SummarizerError (and a
pydantic ValidationError) is caught; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import functools
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from .errors import SummarizerError, UserError
from .settings import Settings

__all__ = [
    "EXIT_FAILURE", "EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "corpus_options", "edge",
    "format_option", "model_options",
]  # fmt: skip

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
log = logging.getLogger("summarizer")


def model_options(command: Callable[..., int]) -> Callable[..., int]:
    """The model, profile, state-folder and logging options every command but schema takes."""
    options = [
        click.option("--model", help="model name at the endpoint, local pack name or .gguf path"),
        click.option("--base-url", help="OpenAI-compatible endpoint (default: embedded model)"),
        click.option("--local", is_flag=True, default=None,
                     help="use the embedded llama.cpp model even if an endpoint is configured"),
        click.option("--no-cache", "use_cache", flag_value=False, default=None,
                     help="ignore stored briefs and answers; ask the model again"),
        click.option("--profile", help="domain profile: a name in profiles/ (default: security) "
                     "or a profile .toml path"),
        click.option("--label-probabilities/--no-label-probabilities", default=None,
                     help="ask for each label's probability and drop unsure labels (default: "
                     "remote endpoints only; ~1.8x slower on the embedded model)"),
        click.option("--home", type=click.Path(path_type=Path),
                     help="state folder (default: $SUMMARIZER_HOME)"),
        click.option("-v", "--verbose", is_flag=True, help="debug logs on stderr"),
        click.option("-q", "--quiet", is_flag=True, help="only errors on stderr"),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def corpus_options(command: Callable[..., int]) -> Callable[..., int]:
    """PATHS, the merge pass and the run's limits: the commands that brief a corpus."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
        click.option("--no-llm-merge", "llm_merge", flag_value=False, default=None,
                     help="skip the model-assisted merge pass (topic grouping, narrative)"),
        click.option("--max-tokens", "max_tokens_total", type=int,
                     help="stop new model calls once the run has used this many tokens"),
        click.option("--max-cost", type=float,
                     help="stop new model calls at this estimated cost in USD (known models)"),
        click.option("--concurrency", type=int,
                     help="articles briefed at once against a remote endpoint (default 1)"),
        click.option("--rpm", "requests_per_minute", type=int,
                     help="stay under this many requests per minute"),
        click.option("--tpm", "tokens_per_minute", type=int,
                     help="stay under this many tokens per minute"),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["md", "json", "html"]),
    default="md",
    show_default=True,
    help="how the digest is printed on stdout",
)  # the commands that print a digest


_LIMITS = ("max_tokens_total", "max_cost", "concurrency", "requests_per_minute",
           "tokens_per_minute", "llm_merge")  # fmt: skip
_MODEL = ("profile", "label_probabilities", "model", "base_url", "local", "use_cache", "home")


def edge(command: Callable[..., int]) -> Callable[..., int]:
    """Run a command body as the CLI's edge: logging, SIGTERM, settings, errors to exit codes.

    The body gets its options and the resolved `settings`. Only SummarizerError (and
    pydantic's ValidationError) are caught; anything else is a bug and keeps its traceback.
    """

    @functools.wraps(command)
    def run_edge(**options: Any) -> int:
        _configure_logging(options.pop("verbose"), options.pop("quiet"))
        overrides = {k: options.pop(k) for k in (*_LIMITS, *_MODEL) if k in options}
        if "paths" in options:
            options["paths"] = list(options["paths"]) or [Path("seeds")]
        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            try:
                settings = Settings.with_overrides(**overrides)
            except ValidationError as exc:
                log.error("invalid settings: %s", exc.errors()[0].get("msg", exc))
                return EXIT_USAGE
            return command(settings=settings, **options)
        except UserError as exc:
            log.error("%s", exc)
            return EXIT_USAGE
        except ValidationError as exc:
            # Only settings are usage errors (above); data that fails validation during a
            # run (a stored digest from another version, say) is a failure of the run.
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

    return run_edge


def _configure_logging(verbose: bool, quiet: bool) -> None:
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False
    # The HTTP client logs every request at INFO; only show that when asked to.
    logging.getLogger("httpx2").setLevel(logging.DEBUG if verbose else logging.WARNING)


def _terminate(signum: int, frame: Any) -> None:
    # Turn SIGTERM into an exception so context managers stop the embedded server.
    raise SystemExit(128 + signum)
