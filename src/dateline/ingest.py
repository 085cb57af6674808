"""Read articles from files and folders into ``Article`` records, with their publication time.

Analysts feed dateline whatever they scraped, so every input problem becomes one
``Problem`` (file + cause) instead of an exception, and the other files go on:
empty or binary files, text in an unexpected encoding, broken front matter, broken
JSON lines, HTML with no article in it, a missing or impossible publication date.

Formats: ``.txt``/``.md`` with optional YAML front matter (python-frontmatter), ``.html``
(article text and metadata by trafilatura), ``.jsonl`` (one article a line:
``doc_id, dct|published, text[, title, source, url]``), streamed line by line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Iterable, Iterator, Protocol

import frontmatter

from .models import Article

TEXT_EXTS = {".txt", ".md", ".markdown", ".text"}
HTML_EXTS = {".html", ".htm"}
JSONL_EXTS = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_EXTS | HTML_EXTS | JSONL_EXTS

#: A single article larger than this is read but truncated (with a warning line). 500,000
#: characters (~80,000 words) is longer than any news article; the per-article stages are
#: roughly linear in length, so this keeps one huge file to seconds, not minutes.
MAX_ARTICLE_CHARS = 500_000
#: At most this many bytes of a .txt/.md file are read (UTF-8 needs up to 4 bytes a character).
MAX_TEXT_BYTES = MAX_ARTICLE_CHARS * 4 + 65_536
#: At most this many bytes of an .html file are read (markup is most of a page).
MAX_HTML_BYTES = 8 * 2**20
#: A JSONL line longer than this is skipped (it is consumed in pieces, never held whole).
MAX_LINE_BYTES = 64 * 2**20
MIN_YEAR = 1900

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\x1f\x8b": "gzip data",
    b"PK\x03\x04": "a zip archive",
    b"%PDF": "a PDF file",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
}


@dataclass(slots=True)
class Problem:
    """One input that could not be (fully) used: shown to the user as one line."""

    path: str
    cause: str
    fatal: bool = True  # False: a warning, the article was still read

    def __str__(self) -> str:
        return f"{self.path}: {self.cause}"


def discover(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Expand files and folders (recursively, sorted) into supported article files."""
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            yield Problem(str(p), "no such file or folder")
        elif p.is_dir():
            yield from _walk(p)
        elif not p.is_file():
            yield Problem(str(p), "not a regular file (a device, pipe or socket)")
        elif p.suffix.lower() in SUPPORTED:
            yield p
        else:
            yield Problem(str(p), f"unsupported file type {p.suffix or '(none)'!r} "
                                  f"(use .txt, .md, .html or .jsonl)")


def _walk(folder: Path) -> Iterator[Path | Problem]:
    def onerror(err: OSError) -> None:
        problems.append(Problem(str(err.filename or folder), f"cannot read folder ({err.strerror})"))

    problems: list[Problem] = []
    ignored: dict[str, int] = {}
    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.lower() in {"readme.md", "actors.csv", "gold.json"}:
                continue
            p = Path(root) / name
            if p.suffix.lower() in SUPPORTED:
                yield p
            else:
                ext = p.suffix.lower() or "(none)"
                ignored[ext] = ignored.get(ext, 0) + 1
        yield from problems
        problems.clear()
    yield from problems
    if ignored:  # nothing is dropped silently: one note per folder, not a failure
        n = sum(ignored.values())
        kinds = ", ".join(f"{k} x{v}" if v > 1 else k for k, v in sorted(ignored.items()))
        yield Problem(str(folder), f"ignored {n} file{'s' if n != 1 else ''} of unsupported type ({kinds})",
                      fatal=False)


def read_articles(path: Path, default_published: datetime | None = None,
                  ) -> Iterator[Article | Problem]:
    """All articles in one file (one for .txt/.md/.html, many for .jsonl), or problems."""
    ext = path.suffix.lower()
    if not path.is_file() and path.exists():
        yield Problem(str(path), "not a regular file (a device, pipe or socket)")
        return
    limit = MAX_HTML_BYTES if ext in HTML_EXTS else MAX_TEXT_BYTES
    try:
        if ext in JSONL_EXTS:
            yield from _read_jsonl(path, default_published)
            return
        data, size = _read_head(path, limit)
    except PermissionError:
        yield Problem(str(path), "permission denied")
        return
    except OSError as exc:
        yield Problem(str(path), f"cannot read file ({exc.strerror or exc})")
        return
    if size > limit:
        data = _trim_partial_char(data)
    text, problem = decode(data)
    if problem:
        yield Problem(str(path), problem)
        return
    if text is None:
        return
    if ext in HTML_EXTS:
        items = list(_from_html(path, text, default_published))
        long = size > limit
    else:
        items = list(_from_text(path, text, default_published))
        long = size > limit or len(text) > MAX_ARTICLE_CHARS
    yield from items
    if long and any(isinstance(i, Article) for i in items):
        yield _length_warning(str(path), size)


def _read_head(path: Path, limit: int) -> tuple[bytes, int]:
    """At most ``limit`` bytes of a file, and its full size: a 1 GB file is never read whole."""
    with path.open("rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        return fh.read(limit), size


def _trim_partial_char(data: bytes) -> bytes:
    """Drop a character cut in half by reading only the head of a file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data[: len(data) // 2 * 2]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.start >= len(data) - 3:
            return data[: exc.start]
    return data


def _length_warning(where: str, size: int) -> Problem:
    return Problem(where, f"very long article ({size / 2**20:.1f} MB): only the first "
                          f"{MAX_ARTICLE_CHARS:,} characters are used", fatal=False)


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Bytes -> text, or a cause why not. UTF-8 (BOM ok), UTF-16 with BOM, else cp1252."""
    if not data:
        return None, "empty file"
    if not data.strip():
        return None, "empty file (whitespace only)"
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return None, f"binary file ({what}), not text"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None, "broken UTF-16 text"
        return (text, None) if text.strip() else (None, "empty file (whitespace only)")
    if b"\x00" in data[:8192]:
        return None, "binary file (contains NUL bytes), not text"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return None, f"not UTF-8 text (invalid byte at offset {exc.start})"
        bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
        if bad > len(text) * 0.01:
            return None, f"not UTF-8 text (invalid byte at offset {exc.start})"
    if not text.strip():
        return None, "empty file (whitespace only)"
    return text, None


def parse_published(value: object) -> datetime | None:
    """A publication time from front matter / JSON: ISO date or date-time, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0))
    if isinstance(value, (int, float)) or not isinstance(value, str):
        raise ValueError(f"publication date must be a date string, got {type(value).__name__}")
    s = value.strip()
    if len(s) > 64:  # no date is written this long; don't hand megabytes to dateparser
        raise ValueError(f"unreadable publication date {s[:40]!r}...")
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        pass
    import dateparser  # only for unusual formats ("24 June 2023 14:30 GMT")

    parsed = dateparser.parse(s, languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False})
    if parsed is None:
        raise ValueError(f"unreadable publication date {s!r}")
    return parsed


def check_published(published: datetime | None) -> str | None:
    """Why a publication time cannot be used, or None."""
    if published is None:
        return "no publication date (add `published:` front matter or pass --published)"
    if published.year < MIN_YEAR:
        return f"publication date {published.date()} is before {MIN_YEAR}"
    now = datetime.now(timezone.utc)
    aware = published if published.tzinfo else published.replace(tzinfo=timezone.utc)
    if (aware - now).days > 1:
        return f"publication date {published.date()} is in the future"
    return None


def content_hash(text: str, published: datetime | None, title: str | None = None) -> str:
    h = hashlib.sha256()
    for part in (text, published.isoformat() if published else "", title or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()[:20]


def make_article(*, doc_id: str, path: str, text: str, published: datetime | None,
                 title: str | None = None, source: str | None = None,
                 url: str | None = None) -> Article | Problem:
    if not isinstance(text, str) or not text.strip():
        return Problem(path, f"{doc_id}: no article text")
    doc_id, text, title, source, url = (_valid_unicode(v) for v in (doc_id, text, title, source, url))
    cause = check_published(published)
    if cause:
        return Problem(path, cause if doc_id in path else f"{doc_id}: {cause}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_ARTICLE_CHARS:
        text = text[:MAX_ARTICLE_CHARS]
    return Article(
        doc_id=doc_id,
        path=path,
        text=text,
        published=published,
        title=_str_or_none(title),
        source=_str_or_none(source),
        url=_str_or_none(url),
        content_hash=content_hash(text, published, _str_or_none(title)),
    )


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_unicode(v):
    """Lone surrogates (JSON ``"\\ud800"``, YAML escapes) cannot be stored as UTF-8: U+FFFD instead."""
    return _LONE_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v


def _str_or_none(v: object) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _guess_title(body: str) -> str | None:
    first = next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
    if 0 < len(first) <= 120 and not first.endswith((".", "”", '"', "…")):
        return first
    return None


#: Keys of a plain header block ("Title: ...", "Published: ...") opening a .txt file.
HEADER_KEYS = frozenset(["title", "published", "date", "source", "url", "doc_id"])
_HEADER_LINE = re.compile(r"([A-Za-z_]{2,10})[ \t]*:[ \t]*(\S.{0,300}?)[ \t]*")


def _header_lines(text: str) -> tuple[dict, str]:
    """Metadata from "Key: value" lines opening a text (keys in ``HEADER_KEYS``, a blank
    line after them), as many text exports write it instead of YAML front matter; the
    text after the block is the body. A text not opening so is all body."""
    lines = text.lstrip("\ufeff").split("\n")
    meta: dict = {}
    for k, line in enumerate(lines[:len(HEADER_KEYS) + 1]):
        if not line.strip():
            if meta and ("published" in meta or "date" in meta or "title" in meta):
                return meta, "\n".join(lines[k + 1:])
            break
        m = _HEADER_LINE.fullmatch(line.rstrip("\r"))
        if m is None or m.group(1).lower() not in HEADER_KEYS or m.group(1).lower() in meta:
            break
        meta[m.group(1).lower()] = m.group(2)
    return {}, text


def _from_text(path: Path, text: str, default_published: datetime | None) -> Iterator[Article | Problem]:
    meta: dict = {}
    body = text
    if text.lstrip("\ufeff").startswith("---"):
        try:
            post = frontmatter.loads(text)
        except Exception as exc:  # YAML errors come in many classes
            yield Problem(str(path), f"broken front matter ({type(exc).__name__}: {str(exc).splitlines()[0]})")
            return
        meta, body = dict(post.metadata), post.content
        where = "in front matter"
    else:
        meta, body = _header_lines(text)
        where = "header line"
    try:
        published = parse_published(meta.get("published", meta.get("date")))
    except ValueError as exc:
        yield Problem(str(path), f"bad `published` {where}: {exc}")
        return
    yield make_article(
        doc_id=str(meta.get("doc_id") or path.stem),
        path=str(path),
        text=body,
        published=published or default_published,
        title=meta.get("title") or _guess_title(body),
        source=meta.get("source"),
        url=meta.get("url"),
    )


#: The date format asked of htmldate (trafilatura's own date settings otherwise): with the time
#: of day and its offset ("article:published_time" 2023-10-10T14:20:00+03:00), which the
#: default date-only format drops.
HTML_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def _html_date(value: str | None) -> str | None:
    """The page's publication time; a page that gives only a day gives its date alone (not
    midnight)."""
    if value and value.endswith("T00:00:00"):
        return value[:10]
    return value


def _from_html(path: Path, html: str, default_published: datetime | None) -> Iterator[Article | Problem]:
    import trafilatura
    from trafilatura.settings import set_date_params

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True,
                                          date_extraction_params={**set_date_params(), "outputformat": HTML_DATE_FORMAT})
    except Exception as exc:  # lxml raises on pathological markup
        yield Problem(str(path), f"broken HTML ({type(exc).__name__})")
        return
    get = (lambda k, d=None: d) if doc is None else \
        doc.get if isinstance(doc, dict) else (lambda k, d=None: getattr(doc, k, d))
    text = get("text") or ""
    if not text.strip():
        deep = _html_depth(html) >= HTML_MAX_DEPTH
        yield Problem(str(path), "no article text found in the HTML" + (
            f" (markup nested over {HTML_MAX_DEPTH} levels deep: the parser stops there)" if deep else ""))
        return
    try:
        published = parse_published(_html_date(get("date")))
    except ValueError:
        published = None
    yield make_article(
        doc_id=path.stem,
        path=str(path),
        text=text,
        published=published or default_published,
        title=get("title"),
        source=get("sitename") or get("hostname"),
        url=get("url"),
    )


def _lines(fh) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of a binary file; ``None`` for a line over MAX_LINE_BYTES (skipped unread)."""
    lineno = 0
    while True:
        raw = fh.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # consume the rest of the line in pieces
                raw = fh.readline(2**20)
            yield lineno, None
        else:
            yield lineno, raw


def _sniff_jsonl(path: Path, head: bytes) -> Problem | None:
    """A whole-file problem (binary, UTF-16, empty) instead of one line per broken line."""
    if not head.strip() and len(head) < 8192:  # (the whole file was read)
        return Problem(str(path), "empty file" if not head else "empty file (whitespace only)")
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            return Problem(str(path), f"binary file ({what}), not text")
    nuls = head[:512].count(b"\x00")  # UTF-16 without a BOM: every other byte of ASCII text is NUL
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (nuls >= 4 and nuls > len(head[:512]) * 0.3):
        return Problem(str(path), "JSONL must be UTF-8 text (this file is UTF-16 or binary)")
    return None


def _optional_str(rec: dict, key: str, where: str, notes: list[Problem]) -> str | None:
    v = rec.get(key)
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    notes.append(Problem(where, f"`{key}` is not a string ({type(v).__name__}); ignored", fatal=False))
    return None


#: libxml2 (under trafilatura) drops what is nested deeper than this.
HTML_MAX_DEPTH = 255


def _html_depth(html: str) -> int:
    """How deep the parsed markup goes (to explain an empty extraction)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - unparseable: depth unknown
        return 0
    deepest, stack = 0, [(root, 0)]
    while stack:
        el, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((child, d + 1) for child in el)
    return deepest


def _read_jsonl(path: Path, default_published: datetime | None) -> Iterator[Article | Problem]:
    with path.open("rb") as fh:
        sniffed = _sniff_jsonl(path, fh.read(8192))
        if sniffed:
            yield sniffed
            return
        fh.seek(0)
        for lineno, raw in _lines(fh):
            where = f"{path}:{lineno}"
            if raw is None:
                yield Problem(where, f"line longer than {MAX_LINE_BYTES // 2**20} MB; skipped")
                continue
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Problem(where, f"broken JSON line ({exc.__class__.__name__}: {str(exc)[:80]})")
                continue
            except RecursionError:
                yield Problem(where, "broken JSON line (nested too deeply)")
                continue
            if not isinstance(rec, dict):
                yield Problem(where, "JSON line is not an object")
                continue
            text = rec.get("text")
            if not isinstance(text, str):
                yield Problem(where, "missing `text`" if text is None else "`text` is not a string")
                continue
            try:
                published = parse_published(rec.get("published", rec.get("dct")))
            except ValueError as exc:
                yield Problem(where, f"bad `published`/`dct`: {exc}")
                continue
            notes: list[Problem] = []
            doc_id = _optional_str(rec, "doc_id", where, notes) or _optional_str(rec, "id", where, notes)
            art = make_article(
                doc_id=doc_id or f"{path.stem}-{lineno}",
                path=where,
                text=text,
                published=published or default_published,
                title=_optional_str(rec, "title", where, notes),
                source=_optional_str(rec, "source", where, notes),
                url=_optional_str(rec, "url", where, notes),
            )
            yield art
            if isinstance(art, Article):
                yield from notes
                if len(text) > MAX_ARTICLE_CHARS:
                    yield _length_warning(where, len(raw))


@dataclass(slots=True)
class UnchangedFile:
    """An input file skipped whole: its bytes are those whose articles the file already holds."""

    path: str
    doc_ids: list[str]


class InputFiles(Protocol):
    """What a run knows of the input files it stored before (``pipeline.InputCache``)."""

    def lookup(self, path: Path, digest: str) -> list[str] | None: ...
    def record(self, path: Path, digest: str, doc_ids: list[str]) -> None: ...


def file_digest(path: Path) -> str | None:
    """A hash of a regular file's bytes, read in 1 MB pieces (None if it cannot be read).

    SHA-256 because most CPUs hash it in hardware (SHA-NI), faster than BLAKE2b, and
    every incremental run hashes every input file. Anything else (a FIFO would block the
    open) is left to ``read_articles`` to report.
    """
    h = hashlib.sha256()
    try:
        if not path.is_file():
            return None
        with path.open("rb") as fh:
            while chunk := fh.read(2**20):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()[:32]


def iter_articles(paths: Iterable[str | Path], default_published: datetime | None = None,
                  files: InputFiles | None = None) -> Iterator[Article | Problem | UnchangedFile]:
    """Every article under ``paths``, each input problem as a ``Problem``, in a stable order.

    ``files``: a file whose bytes ``files.lookup`` knows is not parsed at all (one
    ``UnchangedFile`` instead of its articles); every file read without a problem is passed
    to ``files.record``. Hashing bytes is ~20x cheaper than parsing and hashing articles.
    """
    seen: set[str] = set()
    for item in discover(paths):
        if isinstance(item, Problem):
            yield item
            continue
        digest = file_digest(item) if files is not None else None
        if digest is not None:
            known = files.lookup(item, digest)
            if known is not None and seen.isdisjoint(known):  # else parse: ids may need renaming
                seen.update(known)
                yield UnchangedFile(str(item), known)
                continue
        ids: list[str] = []
        clean = True
        for art in read_articles(item, default_published):
            if isinstance(art, Article):
                if art.doc_id in seen:  # same stem in two folders: keep both, distinctly
                    art.doc_id = f"{art.doc_id}-{hashlib.sha1(art.path.encode()).hexdigest()[:6]}"
                seen.add(art.doc_id)
                ids.append(art.doc_id)
            else:
                clean = False
            yield art
        if digest is not None and clean:
            files.record(item, digest, ids)


def parse_cli_published(value: str | None) -> datetime | None:
    """``--published`` from the command line: an ISO date or date-time."""
    if not value:
        return None
    return parse_published(value)
