"""Headless Chromium driven over the DevTools protocol, and a Streamlit app started for it.

No fixed sleeps: a child process is read until it says it is ready (with a deadline),
and the page itself waits for a condition with a promise that the test awaits.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parent.parent


def chromium() -> str:
    """The Chromium binary (Debian's `chromium`), or a clear failure naming how to get it."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("no Chromium on PATH: apt-get install chromium")


def _read_until(process: subprocess.Popen[str], pattern: str, seconds: float) -> re.Match[str]:
    """Read the process's output line by line until `pattern` matches or time runs out."""
    assert process.stdout is not None
    seen: list[str] = []
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([process.stdout], [], [], left)
        line = process.stdout.readline() if ready else ""
        if not line:
            break  # the deadline passed, or the process closed its output
        seen.append(line)
        found = re.search(pattern, line)
        if found:
            return found
    raise RuntimeError(f"no {pattern!r} from {process.args!r}; it said:\n{''.join(seen)[-3000:]}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def streamlit_app(app: Path, home: Path) -> Iterator[str]:
    """Run `streamlit run app` against the store in `home`; yield its URL."""
    port = free_port()
    env = {**os.environ, "SUMMARIZER_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--global.developmentMode", "false"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env=env, cwd=ROOT, start_new_session=True)  # fmt: skip
    try:
        _read_until(process, r"server started on|URL: http", 90)
        yield f"http://127.0.0.1:{port}/"
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[str]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    if process.stdout is not None:
        process.stdout.close()


class Page:
    """One browser tab, spoken to over the DevTools protocol."""

    def __init__(self, socket_: ClientConnection, session: str) -> None:
        self._socket = socket_
        self._session = session
        self._ids = itertools.count(1)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        return _call(self._socket, next(self._ids) + 1000, method, params, self._session)

    def wait_for(self, script: str, seconds: float = 90) -> Any:
        """Evaluate `script` (a JS expression) until it is truthy, inside the page; its value."""
        expression = (
            f"new Promise(resolve => {{ const until = Date.now() + {int(seconds * 1000)};"
            f" const check = () => {{ let v = null; try {{ v = ({script}); }} catch (e) {{}}"
            " if (v || Date.now() > until) resolve(v); else setTimeout(check, 200); };"
            " check(); })"
        )
        for _ in range(20):  # the page may still be navigating: its first context goes away
            try:
                reply = self.call("Runtime.evaluate", expression=expression, awaitPromise=True,
                                  returnByValue=True, timeout=int(seconds * 1000) + 5000)  # fmt: skip
            except RuntimeError as exc:
                if "context" not in str(exc).lower():
                    raise
                continue
            return reply.get("result", {}).get("value")
        raise RuntimeError("the page never settled into one execution context")

    def screenshot(self, path: Path, width: int = 1280, height: int = 1600) -> None:
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=False)  # fmt: skip
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        path.write_bytes(base64.b64decode(shot["data"]))


def _call(
    sock: ClientConnection, ident: int, method: str, params: dict[str, Any], session: str | None
) -> dict[str, Any]:
    message: dict[str, Any] = {"id": ident, "method": method, "params": params}
    if session:
        message["sessionId"] = session
    sock.send(json.dumps(message))
    while True:
        reply = json.loads(sock.recv(timeout=180))
        if reply.get("id") == ident:
            if "error" in reply:
                raise RuntimeError(f"{method}: {reply['error']}")
            return dict(reply.get("result", {}))


@contextmanager
def open_page(url: str, profile: Path, width: int = 1280, height: int = 1600) -> Iterator[Page]:
    """Headless Chromium showing `url`; yields the tab once it is attached."""
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--remote-debugging-port=0", f"--user-data-dir={profile}",
               f"--window-size={width},{height}", "about:blank"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)  # fmt: skip
    try:
        found = _read_until(process, r"DevTools listening on (ws://\S+)", 60)
        with connect(found.group(1), max_size=None, open_timeout=30) as sock:
            target = _call(sock, 1, "Target.createTarget", {"url": url}, None)["targetId"]
            session = _call(sock, 2, "Target.attachToTarget",
                            {"targetId": target, "flatten": True}, None)["sessionId"]  # fmt: skip
            yield Page(sock, session)
    finally:
        _stop(process)
