"""Load article files (.txt, .md, .html) and folders of them into `Article` records."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .records import Article

__all__ = ["SUFFIXES", "decode", "discover", "load_article", "load_articles"]

SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}

_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (docx/epub?)",
    b"\x7fELF": "executable",
}
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_PATTERNS = (
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(rf"\b(?:{_MONTHS}) \d{{1,2}}, \d{{4}}\b"),
    re.compile(rf"\b\d{{1,2}} (?:{_MONTHS}) \d{{4}}\b"),
)
# "Lima, December 2 (Andean Press) –": a wire-service dateline.
_DATELINE = re.compile(rf"^[A-Z][\w .'-]+, ((?:{_MONTHS}) \d{{1,2}}(?:, \d{{4}})?) \(([^)]+)\)")
_SOURCE_LINE = re.compile(r"^\s*Sources?:\s*(.+?)\s*$", re.MULTILINE)
_URL_LINE = re.compile(r"^\s*(?:URL|Link|Source|Original)\s*:\s*(https?://\S+)\s*$", re.I | re.M)


def decode(data: bytes, path: Path) -> str:
    """Bytes to text: UTF-8, or UTF-8/16/32 with a BOM; anything else is an InputError."""
    if not data:
        raise InputError(path, "file is empty")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                problem = f"not valid {codec.upper()} despite its BOM: {exc.reason}"
                raise InputError(path, problem) from None
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"binary content ({kind}), not a text article")
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary content (NUL bytes) and no UTF-16 BOM")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()


def _html_to_text(html: str, path: Path) -> tuple[str, str, str | None, str | None, str | None]:
    import trafilatura  # imported lazily: it pulls lxml and friends

    body = trafilatura.extract(
        html, output_format="txt", include_comments=False, include_tables=True, favor_recall=True
    )
    if not body:
        # Too short for trafilatura's main-content heuristics: take all visible text instead.
        body = trafilatura.html2txt(html)
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta else None) or ""
    date = meta.date if meta else None
    outlet = meta.sitename if meta else None
    url = meta.url if meta and meta.url and meta.url.startswith(("http://", "https://")) else None
    return body or "", title, outlet, date, url


HEADLINE_WORDS = 14  # a first line longer than this is the story's first sentence
UNTITLED_WORDS = 8
# Site navigation, not a headline: a line opening with a separator, or three or more short
# parts between separators ("News | Europe | Politics").
_NAVIGATION = re.compile(r"^[–—\-|•·>]|^(?:[^–—|•]{1,25}\s[–—|•]\s){2,}[^–—|•]{1,25}$")


def _title(text: str, fmt: str) -> str:
    """The headline: a Markdown heading, else the first short line of the text.

    Site navigation ("– News – Archive") and a dateline are skipped. An article whose
    first line is a long sentence has no headline: it is "untitled" with its first
    words, so a sentence of the story is never shown as its title.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if fmt == "md":
        for line in lines:
            if line.startswith("#"):
                return line.lstrip("#").strip()
    body = [line for line in lines if not _NAVIGATION.match(line) and not _DATELINE.match(line)]
    if not body:
        return lines[0] if lines else ""
    first = body[0]
    words = first.split()
    if len(words) <= HEADLINE_WORDS:
        return first
    return "untitled — " + " ".join(words[:UNTITLED_WORDS]).rstrip(",;:") + "…"


def _outlet_and_date(text: str) -> tuple[str | None, str | None]:
    outlet = date = None
    head = text[:600]
    for line in head.splitlines():
        dateline = _DATELINE.match(line.strip())
        if dateline:
            date, outlet = dateline.group(1), dateline.group(2).strip()
            break
    source = _SOURCE_LINE.search(text)
    if source and source.group(1).startswith(("http://", "https://")):
        source = None  # a URL, not an outlet's name
    if source and outlet is None:
        outlet = source.group(1).strip()
    if date is None:
        for pattern in _DATE_PATTERNS:
            found = pattern.search(head)
            if found:
                date = found.group(0)
                break
    return outlet, date


def load_article(path: Path | str, *, article_id: str | None = None) -> Article:
    """Read one file as an article; raise InputError naming the file and the problem."""
    path = Path(path)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(path, f"unsupported file type {path.suffix!r} (use .txt, .md or .html)")
    try:
        raw = decode(path.read_bytes(), path)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    title = outlet = date = url = None
    if fmt == "html":
        raw, title, outlet, date, url = _html_to_text(raw, path)
    text = _clean(raw)
    if not text:
        raise InputError(path, "contains no text (only whitespace)")
    found_outlet, found_date = _outlet_and_date(text)
    if url is None and (line := _URL_LINE.search(text)):
        url = line.group(1)
    return Article(
        article_id=article_id or path.stem,
        path=str(path),
        title=(title or _title(text, fmt))[:300],
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        outlet=outlet or found_outlet,
        date=date or found_date,
        url=url,
        format=fmt,
    )


def discover(paths: Iterable[Path | str], errors: list[InputError]) -> Iterator[Path]:
    """Article files under `paths` in a stable order; problems are appended to `errors`."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(_walk(path, errors))
            if not found:
                errors.append(InputError(path, "folder holds no .txt, .md or .html files"))
            yield from found
        elif path.is_file():
            yield path
        elif path.is_symlink():
            errors.append(InputError(path, "broken or looping symbolic link"))
        else:
            errors.append(InputError(path, "no such file or folder"))


def _walk(root: Path, errors: list[InputError]) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    for folder, subfolders, files in os.walk(root, followlinks=True):
        try:
            stat = os.stat(folder)
        except OSError as exc:
            errors.append(InputError(folder, f"cannot read folder: {exc.strerror}"))
            subfolders[:] = []
            continue
        if (stat.st_dev, stat.st_ino) in seen:
            errors.append(InputError(folder, "symbolic link loop; folder skipped"))
            subfolders[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        subfolders.sort()
        for name in files:
            candidate = Path(folder, name)
            if candidate.suffix.lower() in SUFFIXES and not name.startswith("."):
                yield candidate


def load_articles(
    paths: Iterable[Path | str] | Path | str, *, errors: list[InputError] | None = None
) -> list[Article]:
    """Load articles from files and folders, one record per distinct text.

    Without `errors`, the first bad file raises InputError. With a list, bad files are
    appended to it and skipped, so they never cost the other articles. Identical texts
    under several names become one article whose `duplicate_paths` lists the others.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    collected: list[InputError] = [] if errors is None else errors
    by_hash: dict[str, Article] = {}
    ids: set[str] = set()
    for path in discover(paths, collected):
        if errors is None and collected:
            raise collected[0]
        try:
            article = load_article(path)
        except InputError as exc:
            if errors is None:
                raise
            collected.append(exc)
            continue
        first = by_hash.get(article.sha256)
        if first is not None:
            if article.path != first.path and article.path not in first.duplicate_paths:
                by_hash[article.sha256] = first.model_copy(
                    update={"duplicate_paths": (*first.duplicate_paths, article.path)}
                )
            continue
        if article.article_id in ids:
            article = article.model_copy(
                update={"article_id": f"{article.article_id}-{article.sha256[:8]}"}
            )
        ids.add(article.article_id)
        by_hash[article.sha256] = article
    if errors is None and collected:
        raise collected[0]
    return list(by_hash.values())
