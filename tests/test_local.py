"""The embedded model: pack assembly and verification (offline), and a real smoke test (`local`)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from summarizer import Settings, load_articles
from summarizer.briefs import Briefer
from summarizer.errors import IntegrityError, LocalModelUnavailable, UserError
from summarizer.local import LocalServer, ModelPack, ensure_model, model_identity
from summarizer.segment import segment

from .conftest import SEED_FILES

PARTS = [b"GGUF" + bytes(range(256)) * 4, b"middle" * 100, b"tail"]


@pytest.fixture
def fake_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModelPack:
    """A three-part pack installed as importable modules, like the PyPI parts."""
    site = tmp_path / "site"
    for number, data in enumerate(PARTS, start=1):
        package = site / f"fakepack_part{number}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"part{number:02d}.bin").write_bytes(data)
    monkeypatch.syspath_prepend(str(site))
    whole = b"".join(PARTS)
    pack = ModelPack(name="fake", module_prefix="fakepack_part", parts=3, size=len(whole),
                     sha256=hashlib.sha256(whole).hexdigest(), extra="local",
                     filename="fake.gguf", trained_context=4096)  # fmt: skip
    monkeypatch.setitem(__import__("summarizer.local").local.PACKS, "fake", pack)
    return pack


def test_pack_is_assembled_once_and_verified(fake_pack: ModelPack, tmp_path: Path) -> None:
    path = ensure_model("fake", tmp_path / "models")
    assert path.read_bytes() == b"".join(PARTS)
    assert list(path.parent.glob("*.partial-*")) == []
    # Verified once: a second call trusts the unchanged file without the parts.
    for part in fake_pack.part_paths():
        part.unlink()
    assert ensure_model("fake", tmp_path / "models") == path


def test_a_damaged_assembled_file_is_rebuilt(fake_pack: ModelPack, tmp_path: Path) -> None:
    path = ensure_model("fake", tmp_path / "models")
    path.write_bytes(b"X" + path.read_bytes()[1:])
    os.utime(path, ns=(1, 1))
    assert ensure_model("fake", tmp_path / "models").read_bytes() == b"".join(PARTS)


def test_parts_that_do_not_match_the_pinned_hash_are_refused(
    fake_pack: ModelPack, tmp_path: Path
) -> None:
    fake_pack.part_paths()[1].write_bytes(b"tampered")
    with pytest.raises(IntegrityError, match="expected"):
        ensure_model("fake", tmp_path / "models")
    assert list((tmp_path / "models").iterdir()) == []


def test_missing_pack_says_which_command_installs_it(fake_pack: ModelPack) -> None:
    pack = dataclasses.replace(fake_pack, module_prefix="nosuchpack_part")
    with pytest.raises(LocalModelUnavailable, match="uv sync --extra local"):
        pack.part_paths()


def test_any_gguf_path_works_and_a_missing_one_is_a_user_error(tmp_path: Path) -> None:
    gguf = tmp_path / "mine.gguf"
    gguf.write_bytes(b"GGUF")
    assert ensure_model(str(gguf), tmp_path) == gguf.resolve()
    assert model_identity(str(gguf)).startswith("mine.gguf@4:")
    with pytest.raises(UserError, match="not found"):
        ensure_model(str(tmp_path / "gone.gguf"), tmp_path)
    with pytest.raises(UserError, match="unknown local model"):
        ensure_model("llama-9000", tmp_path)


def test_server_without_the_local_extra_names_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "llama_cpp" else real(name, *a),
    )
    with pytest.raises(LocalModelUnavailable, match="uv sync --extra local"):
        LocalServer(tmp_path / "m.gguf", n_ctx=4096, log_path=tmp_path / "log").start()


@pytest.fixture(scope="session")
def smoke_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One home for the smoke tests, so the 1.1 GB model is assembled once."""
    given = os.environ.get("SUMMARIZER_SMOKE_HOME")
    return Path(given) if given else tmp_path_factory.mktemp("smoke")


@pytest.mark.local
def test_embedded_server_briefs_a_seed_and_leaves_no_process(smoke_home: Path) -> None:
    """Smoke test: really assemble the 1.5B pack, start llama.cpp, brief one seed, stop."""
    (article,) = load_articles([SEED_FILES[4]])
    settings = Settings(home=smoke_home)
    started = time.perf_counter()
    with Briefer(settings.model_copy(update={"use_cache": False})) as briefer:
        brief = briefer.brief(article)
        server = briefer._server
        assert server is not None and server._process is not None
        pid = server._process.pid
    seconds = time.perf_counter() - started
    assert brief.positions and brief.actors
    usage = brief.provenance.usage
    assert usage.requests >= 10  # one label question per sentence, actor and topic
    assert usage.completion_tokens <= 3 * usage.requests  # one word each, no JSON, no grammar
    sentences = {(s.start, s.end) for s in segment(article.text)}
    for evidence in brief.evidence():  # whole sentences of the article, verbatim
        assert article.text[evidence.start : evidence.end] == evidence.quote
        assert (evidence.start, evidence.end) in sentences
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    print(f"\nsmoke: {seconds:.1f} s, usage {brief.provenance.usage}", file=sys.stderr)


def _alive(pid: int) -> bool:
    """True while `pid` runs; a zombie nobody has reaped yet counts as dead."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.local
def test_embedded_server_dies_with_a_killed_parent(smoke_home: Path) -> None:
    """Even SIGKILL of summarizer leaves no llama.cpp server behind (Linux)."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from summarizer.local import LocalServer, ensure_model\n"
        f"path = ensure_model('qwen2.5-coder-1.5b', Path({str(smoke_home / 'models')!r}))\n"
        f"server = LocalServer(path, n_ctx=4096, log_path=Path({str(smoke_home / 'k.log')!r}))\n"
        "print(server.start()._process.pid, flush=True)\n"
        "sys.stdin.read()\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert parent.stdout is not None
    server_pid = int(parent.stdout.readline())
    parent.kill()
    parent.communicate(timeout=30)
    gone = threading.Event()
    for _ in range(100):  # the kernel delivers the death signal at once; allow 10 s
        if not _alive(server_pid):
            gone.set()
            break
        gone.wait(0.1)
    assert gone.is_set(), f"llama.cpp server {server_pid} outlived its parent"
