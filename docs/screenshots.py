"""Render the README's screenshots from the seeds' pinned briefs, in headless Chromium.

    uv run --extra dashboard python docs/screenshots.py

No model runs: the briefs are `eval/briefs-1.5b/`, the articles `seeds/`. Writes
docs/img/{digest,review,email,dashboard}.png. Needs Debian's `chromium`.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer import load_articles, merge, review_html  # noqa: E402
from summarizer.changes import what_changed  # noqa: E402
from summarizer.mail import compose  # noqa: E402
from summarizer.records import ArticleBrief  # noqa: E402
from summarizer.render import digest_html, write_atomic  # noqa: E402
from tests.browser import chromium, open_page, streamlit_app  # noqa: E402
from tests.test_dashboard import CHART, POSITIONS_TABLE, store_seed_digests  # noqa: E402

IMG = ROOT / "docs" / "img"
REVIEWED = "003_a9c1637630ddc0b4"


def shoot(page: Path, png: Path, width: int, height: int) -> None:
    subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--screenshot={png}", f"--window-size={width},{height}", page.as_uri()],
        check=True, capture_output=True,
    )  # fmt: skip


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="screenshots-"))
    briefs = [
        ArticleBrief.model_validate_json(p.read_text())
        for p in sorted((ROOT / "eval" / "briefs-1.5b").glob("*.json"))
    ]
    articles = {a.article_id: a for a in load_articles(sorted((ROOT / "seeds").iterdir()))}
    for made in briefs:
        write_atomic(work / "review" / f"{made.article_id}.html",
                     review_html(articles[made.article_id], made))  # fmt: skip
    digest = merge(briefs)
    write_atomic(work / "digest.html", digest_html(digest, review="review/"))
    message = compose(digest, what_changed(None, digest, since=None), digest_date="2026-11-21",
                      sender="digest@example.org", recipients=("desk@example.org",),
                      message_id="<screenshot@example.org>",
                      review_url="https://digest.example.org/review/")  # fmt: skip
    html = next(p for p in message.iter_parts() if p.get_content_type() == "text/html")
    write_atomic(work / "email.html", html.get_content())  # type: ignore[attr-defined]
    IMG.mkdir(parents=True, exist_ok=True)
    shoot(work / "digest.html", IMG / "digest.png", 1100, 1400)
    shoot(work / "review" / f"{REVIEWED}.html", IMG / "review.png", 1300, 1150)
    shoot(work / "email.html", IMG / "email.png", 760, 1900)
    store_seed_digests(work / "home")
    with (
        streamlit_app(ROOT / "examples" / "streamlit_app.py", work / "home") as url,
        open_page(url, work / "chromium") as page,
    ):
        if not (page.wait_for(POSITIONS_TABLE) and page.wait_for(CHART)):
            raise SystemExit("the dashboard did not render its table and chart")
        page.screenshot(IMG / "dashboard.png", 1280, 1300)
    for name in ("digest", "review", "email", "dashboard"):
        print(IMG / f"{name}.png", (IMG / f"{name}.png").stat().st_size, "bytes")


if __name__ == "__main__":
    main()
