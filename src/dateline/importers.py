"""Import existing event datasets (GDELT, ACLED) into dateline's own tables.

Analysts often hold GDELT or ACLED rows for the story they follow; loading them into the
same ``events``/``mentions``/``documents``/``actors`` tables (``events.origin`` = 'gdelt' or
'acled') puts machine-coded and human-coded events on one ``timeline`` next to the events
dateline reads from the articles themselves.

Formats, detected from the file itself:

* GDELT 1.0 events, tab-separated without header as GDELT publishes them: 58 columns
  (daily files, with SOURCEURL) or 57 (the historical backfile, without it);
* GDELT 2.0 events export (61 columns) and GDELT 2.0 mentions (16 columns);
* JSON lines with the GDELT fields (lower-case names, optionally under a ``gdelt`` key);
* ACLED exports: CSV with its header row (any letter case, comma/semicolon/tab separated),
  JSON lines (a flat row or one under ``acled_row``) or an API response (``{"data": [...]}``).
  ``.zip``/``.gz`` files holding one such file are read directly.

Ids are prefixed (``gdelt:<GLOBALEVENTID>``, ``acled:<event_id_cnty>``) and each file is
written in one transaction that deletes then inserts by id, so re-importing a file (or a
newer version of it) never duplicates rows. Dataset dates are the dataset's own:
``date_method = 'source_dataset'`` (GDELT's SQLDATE is mostly the day GDELT processed the
article, not when the event happened; ACLED's time_precision widens the interval).
Fields without a column in dateline's schema go to ``imported_events_extra`` (one row per
key: ACLED fatalities, sub_event_type, coordinates; GDELT Goldstein scale, tone, codes...).
CAMEO -> PLOVER and ACLED type -> CAMEO/PLOVER mappings live in ``resources/``.

Bad rows are skipped and reported as one line each (``FILE:LINE: cause``); problems that
make the whole file unusable raise ``ValueError`` naming the file and line.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources as _res
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import urlparse

import duckdb
import polars as pl

from . import store
from .tables import ACTORS, DOCUMENTS, EVENTS, MENTIONS

DATE_METHOD = "source_dataset"
CHUNK = 50_000

EXTRA_SCHEMA = """
CREATE TABLE IF NOT EXISTS imported_events_extra (
    event_id VARCHAR,             -- the imported event ('gdelt:...', 'acled:...')
    mention_id VARCHAR,           -- set for per-mention fields (GDELT 2.0 mentions), else NULL
    key VARCHAR, value VARCHAR
);
"""
EXTRA = {"event_id": pl.String, "mention_id": pl.String, "key": pl.String, "value": pl.String}


@dataclass(slots=True)
class ImportSummary:
    """What one import wrote, and the rows it had to skip (one line each in ``problems``)."""

    path: Path
    dataset: str
    formats: set[str] = field(default_factory=set)
    rows: int = 0  # records read and converted (lines that fail to parse count only in skipped)
    events: int = 0
    mentions: int = 0
    documents: int = 0
    actors: int = 0
    skipped: int = 0
    unlinked_mentions: int = 0  # GDELT mentions whose event is not (yet) in the database
    problems: list[str] = field(default_factory=list)

    def problem(self, line: int, cause: str) -> None:
        self.skipped += 1
        self.problems.append(f"{self.path}:{line}: {cause}")


class RowError(ValueError):
    """One input row cannot be imported (the row is skipped, the file goes on)."""


# --------------------------------------------------------------------------- resources

def _resource_rows(name: str) -> list[dict[str, str]]:
    text = _res.files("dateline.resources").joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


@dataclass(frozen=True, slots=True)
class EventType:
    event_type: str | None
    cameo: str | None
    plover_type: str | None
    plover_mode: str | None


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, EventType]:
    """CAMEO code -> event type, from ``resources/cameo_plover.csv``."""
    return {r["cameo"]: EventType(r["event_type"] or None, r["cameo"], r["plover_type"] or None,
                                  r["plover_mode"] or None)
            for r in _resource_rows("cameo_plover.csv")}


def cameo_type(code: str) -> EventType:
    """The exact CAMEO code, else its base (3 digits), else its root (2 digits)."""
    table = cameo_table()
    for key in (code, code[:3], code[:2]):
        if key in table:
            t = table[key]
            return EventType(t.event_type, code, t.plover_type, t.plover_mode)
    return EventType("other", code, None, None)


@lru_cache(maxsize=1)
def acled_table() -> dict[str, EventType]:
    """ACLED (sub-)event type, lower-cased -> event type, from ``resources/acled_cameo.csv``."""
    return {r["acled_type"].strip().lower(): EventType(r["event_type"] or None, r["cameo"] or None,
                                                       r["plover_type"] or None, r["plover_mode"] or None)
            for r in _resource_rows("acled_cameo.csv")}


@lru_cache(maxsize=1)
def actor_kinds() -> dict[tuple[str, str], str | None]:
    """(dataset, code or label lower-cased) -> actors.kind."""
    out: dict[tuple[str, str], str | None] = {}
    for r in _resource_rows("import_actor_kinds.csv"):
        out[(r["dataset"], r["code"].lower())] = r["kind"] or None
        out[(r["dataset"], r["label"].lower())] = r["kind"] or None
    return out


@lru_cache(maxsize=2)
def _resource_names(file: str) -> dict[str, str]:
    """Upper-cased ``name`` -> its spelling, from a resource CSV with a ``name`` column."""
    try:
        return {r["name"].upper(): r["name"] for r in _resource_rows(file) if r.get("name")}
    except (FileNotFoundError, KeyError):  # pragma: no cover - resource owned elsewhere
        return {}


@lru_cache(maxsize=1)
def _known_names() -> dict[str, str]:
    return {**_resource_names("institutions.csv"), **_resource_names("countries.csv")}


_SMALL = {"of", "the", "and", "for", "in", "on", "at", "to", "de", "del", "la", "el", "al", "a"}


def _cap(word: str) -> str:
    parts = word.split("'")
    head = "-".join(p[:1].upper() + p[1:].lower() for p in parts[0].split("-"))
    tail = [p.lower() if len(p) <= 1 else p[:1].upper() + p[1:].lower() for p in parts[1:]]
    return "'".join([head, *tail])


@lru_cache(maxsize=65536)
def canonical_name(name: str | None) -> str | None:
    """GDELT's upper-case actor names in canonical case: 'UNITED STATES' -> 'United States'."""
    if not name or not name.strip():
        return None
    name = " ".join(name.split())
    known = _known_names().get(name.upper())
    if known:
        return known
    if name != name.upper():  # already mixed case: the source's own spelling
        return name
    words = name.split(" ")
    return " ".join(w.lower() if i and w.lower() in _SMALL else _cap(w) for i, w in enumerate(words))


# --------------------------------------------------------------------------- reading files

def _open_text(path: Path) -> io.TextIOBase:
    """A text stream over a plain, ``.gz`` or single-member ``.zip`` file (UTF-8, else cp1252)."""
    if not path.exists():
        raise ValueError(f"{path}: no such file")
    if path.is_dir():
        raise ValueError(f"{path}: is a folder; give one file")
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if not m.endswith("/")]
            if len(members) != 1:
                raise ValueError(f"{path}: zip holds {len(members)} files; expected exactly one")
            raw = zf.read(members[0])
    elif path.suffix.lower() == ".gz":
        raw = gzip.decompress(path.read_bytes())
    else:
        raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return io.StringIO(text)


def _first_line(stream: io.TextIOBase) -> str:
    pos = stream.tell()
    for line in stream:
        if line.strip():
            stream.seek(pos)
            return line.rstrip("\r\n")
    stream.seek(pos)
    return ""


def _is_json(first: str) -> bool:
    return first.lstrip().startswith(("{", "["))


def _json_records(stream: io.TextIOBase, first: str, summary: ImportSummary) -> Iterator[tuple[int, dict]]:
    """(line number, record) from JSON lines, or from one JSON document (list or {'data': [...]})."""
    text_start = first.lstrip()
    if text_start.startswith("[") or (text_start.startswith("{") and not _parses(first)):
        try:
            doc = json.load(stream)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{summary.path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        rows = doc.get("data", doc) if isinstance(doc, dict) else doc
        if isinstance(rows, dict):
            rows = [rows]
        for i, rec in enumerate(rows if isinstance(rows, list) else [], 1):
            if isinstance(rec, dict):
                yield i, rec
            else:
                summary.problem(i, "record is not a JSON object")
        return
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            summary.problem(lineno, f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(rec, dict):
            summary.problem(lineno, "line is not a JSON object")
            continue
        yield lineno, rec


def _parses(line: str) -> bool:
    try:
        json.loads(line)
        return True
    except json.JSONDecodeError:
        return False


def _lower_keys(rec: dict) -> dict:
    return {str(k).strip().lower(): v for k, v in rec.items()}


def _s(value) -> str | None:
    """A field as stripped text, None when empty."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _int(value) -> int | None:
    text = _s(value)
    if text is None:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


# --------------------------------------------------------------------------- GDELT formats

def _actor_cols(n: int) -> list[str]:
    return [f"actor{n}{c}" for c in ("code", "name", "countrycode", "knowngroupcode", "ethniccode",
                                      "religion1code", "religion2code", "type1code", "type2code",
                                      "type3code")]


def _geo_cols(prefix: str, v2: bool) -> list[str]:
    cols = ["type", "fullname", "countrycode", "adm1code"] + (["adm2code"] if v2 else []) + \
           ["lat", "long", "featureid"]
    return [f"{prefix}geo_{c}" for c in cols]


def _event_cols(v2: bool) -> list[str]:
    return (["globaleventid", "day", "monthyear", "year", "fractiondate"]
            + _actor_cols(1) + _actor_cols(2)
            + ["isrootevent", "eventcode", "eventbasecode", "eventrootcode", "quadclass",
               "goldsteinscale", "nummentions", "numsources", "numarticles", "avgtone"]
            + _geo_cols("actor1", v2) + _geo_cols("actor2", v2) + _geo_cols("action", v2)
            + ["dateadded", "sourceurl"])


GDELT1_EVENTS = _event_cols(v2=False)  # 58 columns (57 in the backfile: no SOURCEURL)
GDELT2_EVENTS = _event_cols(v2=True)   # 61 columns
GDELT2_MENTIONS = ["globaleventid", "eventtimedate", "mentiontimedate", "mentiontype",
                   "mentionsourcename", "mentionidentifier", "sentenceid", "actor1charoffset",
                   "actor2charoffset", "actioncharoffset", "inrawtext", "confidence",
                   "mentiondoclen", "mentiondoctone", "mentiondoctranslationinfo", "extras"]
TSV_LAYOUTS = {
    57: ("gdelt1-events", GDELT1_EVENTS[:-1]),
    58: ("gdelt1-events", GDELT1_EVENTS),
    61: ("gdelt2-events", GDELT2_EVENTS),
    16: ("gdelt2-mentions", GDELT2_MENTIONS),
    15: ("gdelt2-mentions", GDELT2_MENTIONS[:-1]),  # trailing empty Extras cut by an editor
}
#: Header spellings of the GDELT codebooks that differ from the JSON field names.
GDELT_ALIASES = {"sqldate": "day"}


def _gdelt_kind(rec: dict) -> str | None:
    if "mentionidentifier" in rec:
        return "mentions"
    if "eventcode" in rec:
        return "events"
    return None


def _gdelt_records(path: Path, summary: ImportSummary) -> Iterator[tuple[int, str, dict]]:
    """(line, 'events'|'mentions', record with lower-case GDELT field names)."""
    stream = _open_text(path)
    first = _first_line(stream)
    if not first:
        raise ValueError(f"{path}: empty file")
    if _is_json(first):
        for lineno, rec in _json_records(stream, first, summary):
            rec = _lower_keys(rec.get("gdelt") if isinstance(rec.get("gdelt"), dict) else rec)
            rec = {GDELT_ALIASES.get(k, k): v for k, v in rec.items()}
            kind = _gdelt_kind(rec)
            if kind is None:
                summary.problem(lineno, "not a GDELT event or mention record (no eventcode or "
                                        "mentionidentifier field)")
                continue
            summary.formats.add(f"gdelt-jsonl-{kind}")
            yield lineno, kind, rec
        return
    yield from _gdelt_delimited(stream, first, summary)


def _gdelt_delimited(stream: io.TextIOBase, first: str, summary: ImportSummary
                     ) -> Iterator[tuple[int, str, dict]]:
    path = summary.path
    header = first.split("\t")[0].split(",")[0].strip().strip('"').lower() == "globaleventid"
    if header:
        delim = "\t" if "\t" in first else ","
        reader = csv.reader(stream, delimiter=delim)
        names = [GDELT_ALIASES.get(c.strip().lower(), c.strip().lower()) for c in next(reader)]
        kind = _gdelt_kind(dict.fromkeys(names))
        if kind is None:
            raise ValueError(f"{path}:1: header names no EventCode or MentionIdentifier column")
        summary.formats.add(f"gdelt-header-{kind}")
        for lineno, cells in enumerate(reader, 2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(names):
                summary.problem(lineno, f"{len(cells)} columns, header has {len(names)}")
                continue
            yield lineno, kind, dict(zip(names, cells))
        return
    n = _layout_width(stream)
    if n not in TSV_LAYOUTS:
        raise ValueError(
            f"{path}:1: not a GDELT file: {n} tab-separated column{'s' if n != 1 else ''} (expected 57 or 58 "
            "for GDELT 1.0 events, 61 for 2.0 events, 16 for 2.0 mentions)")
    fmt, names = TSV_LAYOUTS[n]
    summary.formats.add(f"{fmt}-tsv")
    kind = fmt.split("-")[1]
    for lineno, line in enumerate(stream, 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != n:
            summary.problem(lineno, f"{len(cells)} tab-separated columns, expected {n}")
            continue
        yield lineno, kind, dict(zip(names, cells))


def _layout_width(stream: io.TextIOBase, sample: int = 20) -> int:
    """The column count of the file: the first known GDELT width among its first lines."""
    pos = stream.tell()
    widths = [len(line.rstrip("\r\n").split("\t")) for line, _ in zip(
        (ln for ln in stream if ln.strip()), range(sample))]
    stream.seek(pos)
    return next((w for w in widths if w in TSV_LAYOUTS), widths[0] if widths else 0)


def _gdelt_id(rec: dict) -> str:
    gid = _s(rec.get("globaleventid"))
    if not gid or not gid.isdigit():
        raise RowError(f"GLOBALEVENTID {gid!r} is not a number")
    return gid


def _ymd(text: str | None, what: str) -> date:
    """YYYYMMDD[HHMMSS] or YYYY-MM-DD -> date."""
    t = (text or "").strip()
    try:
        if re.fullmatch(r"\d{8}(\d{6})?", t):
            return date(int(t[:4]), int(t[4:6]), int(t[6:8]))
        return date.fromisoformat(t[:10])
    except ValueError:
        raise RowError(f"{what} {t!r} is not a date (YYYYMMDD)") from None


def _gdelt_timestamp(text: str | None) -> datetime | None:
    """GDELT 2.0 YYYYMMDDHHMMSS (UTC) -> aware datetime; None for day-only or bad values."""
    t = (text or "").strip()
    if len(t) != 14 or not t.isdigit():
        return None
    try:
        return datetime(int(t[:4]), int(t[4:6]), int(t[6:8]), int(t[8:10]), int(t[10:12]), int(t[12:]),
                        tzinfo=timezone.utc)
    except ValueError:
        return None


def _domain(url: str) -> str | None:
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else (host or None)


def _gdelt_actor(rec: dict, n: int) -> dict | None:
    name = canonical_name(_s(rec.get(f"actor{n}name")))
    if not name:
        return None
    code, country = _s(rec.get(f"actor{n}code")), _s(rec.get(f"actor{n}countrycode"))
    type1 = _s(rec.get(f"actor{n}type1code"))
    if name.upper() in _resource_names("countries.csv"):  # dateline's actors: the country itself
        kind: str | None = "country"
    else:
        kind = actor_kinds().get(("gdelt", type1.lower())) if type1 else None
    return {"name": name, "kind": kind, "country": country, "title": None}


GDELT_EXTRA_KEYS = ("actor1code", "actor2code", "actor1countrycode", "actor2countrycode",
                    "actor1type1code", "actor2type1code", "isrootevent", "eventbasecode",
                    "eventrootcode", "quadclass", "goldsteinscale", "numarticles", "avgtone",
                    "actiongeo_countrycode", "actiongeo_adm1code", "actiongeo_lat", "actiongeo_long",
                    "actiongeo_featureid", "fractiondate", "dateadded", "sourceurl")


def _gdelt_event(rec: dict, batch: "_Batch") -> None:
    gid = _gdelt_id(rec)
    code = _s(rec.get("eventcode"))
    if not code or not code.isdigit():
        raise RowError(f"EventCode {code!r} is not a CAMEO code")
    day = _ymd(_s(rec.get("day")), "SQLDATE")
    etype = cameo_type(code)
    src, tgt = _gdelt_actor(rec, 1), _gdelt_actor(rec, 2)
    eid = f"gdelt:{gid}"
    row = {
        "event_id": eid, "event_type": etype.event_type, "cameo_code": code,
        "plover_type": etype.plover_type, "plover_mode": etype.plover_mode,
        "source_actor": src and src["name"], "target_actor": tgt and tgt["name"],
        "date_start": day, "date_end": day, "granularity": "day", "time_start": None, "time_end": None,
        "location": _s(rec.get("actiongeo_fullname")),
        "n_mentions": _int(rec.get("nummentions")), "n_sources": _int(rec.get("numsources")),
        "confidence": None, "date_method": DATE_METHOD, "modality": "asserted",
        "date_conflict": False, "origin": "gdelt",
    }
    batch.add_event(row, {k: _s(rec.get(k)) for k in GDELT_EXTRA_KEYS})
    batch.actors.extend(a for a in (src, tgt) if a)
    url = _s(rec.get("sourceurl"))
    if url:
        added = _s(rec.get("dateadded"))
        stamp = _gdelt_timestamp(added)
        published_day = stamp.date() if stamp else _safe_day(added)
        batch.add_document(url, url=url, source=_domain(url), published=stamp,
                           published_date=published_day)
        batch.add_mention(_mention_from_event(row, f"{eid}:source", url))


def _safe_day(text: str | None) -> date | None:
    try:
        return _ymd(text, "date") if text else None
    except RowError:
        return None


def _mention_from_event(event: dict, mention_id: str, doc_id: str, **over) -> dict:
    """A ``mentions`` row tying an imported event to the document it came from."""
    row = {k: None for k in MENTIONS}
    for k in ("event_id", "event_type", "cameo_code", "plover_type", "plover_mode", "source_actor",
              "target_actor", "date_start", "date_end", "granularity", "date_method", "location",
              "confidence", "modality"):
        row[k] = event[k]
    row.update(mention_id=mention_id, doc_id=doc_id, **over)
    return row


def _offset(value) -> int | None:
    n = _int(value)
    return n if n is not None and n >= 0 else None


def _gdelt_mention(rec: dict, batch: "_Batch") -> None:
    gid = _gdelt_id(rec)
    ident = _s(rec.get("mentionidentifier"))
    if not ident:
        raise RowError("MentionIdentifier is empty")
    event_day = _ymd(_s(rec.get("eventtimedate")), "EventTimeDate")
    offsets = {k: _offset(rec.get(k)) for k in ("actor1charoffset", "actor2charoffset", "actioncharoffset")}
    key = "\x00".join(str(_s(rec.get(k))) for k in ("mentionidentifier", "sentenceid", "actor1charoffset",
                                                   "actor2charoffset", "actioncharoffset"))
    mid = f"gdelt:{gid}:{hashlib.sha1(key.encode()).hexdigest()[:12]}"
    conf = _int(rec.get("confidence"))
    valid = [v for v in offsets.values() if v is not None]
    row = {k: None for k in MENTIONS}
    row.update(mention_id=mid, event_id=f"gdelt:{gid}", doc_id=ident, date_start=event_day,
               date_end=event_day, granularity="day", date_method=DATE_METHOD, modality="asserted",
               confidence=None if conf is None else min(max(conf, 0), 100) / 100,
               trigger_start=offsets["actioncharoffset"], char_start=min(valid) if valid else None)
    batch.add_mention(row, {k: _s(rec.get(k)) for k in (
        "sentenceid", "actor1charoffset", "actor2charoffset", "actioncharoffset", "inrawtext",
        "mentiondoclen", "mentiondoctone", "mentiondoctranslationinfo", "mentiontype")})
    stamp = _gdelt_timestamp(_s(rec.get("mentiontimedate")))
    is_url = _s(rec.get("mentiontype")) in (None, "1") and ident.startswith(("http://", "https://"))
    batch.add_document(ident, url=ident if is_url else None,
                       source=_s(rec.get("mentionsourcename")) or (_domain(ident) if is_url else None),
                       published=stamp, published_date=stamp.date() if stamp else None)


# --------------------------------------------------------------------------- ACLED formats

ACLED_REQUIRED = ("event_id_cnty", "event_date")
ACLED_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%d-%m-%Y",
                      "%d/%m/%Y", "%Y/%m/%d", "%m/%d/%Y")


def _acled_records(path: Path, summary: ImportSummary) -> Iterator[tuple[int, dict]]:
    stream = _open_text(path)
    first = _first_line(stream)
    if not first:
        raise ValueError(f"{path}: empty file")
    if _is_json(first):
        for lineno, rec in _json_records(stream, first, summary):
            summary.formats.add("acled-json")
            if isinstance(rec.get("data"), list):  # an API response on one line
                yield from ((lineno, _lower_keys(r)) for r in rec["data"] if isinstance(r, dict))
                continue
            row = rec.get("acled_row") if isinstance(rec.get("acled_row"), dict) else rec
            yield lineno, _lower_keys(row)
        return
    delim = max(("\t", ";", ","), key=first.count)
    reader = csv.reader(stream, delimiter=delim)
    names = [c.strip().lower() for c in next(reader)]
    missing = [c for c in ACLED_REQUIRED if c not in names]
    if missing or not ({"sub_event_type", "event_type"} & set(names)):
        missing += [] if {"sub_event_type", "event_type"} & set(names) else ["event_type"]
        raise ValueError(f"{path}:1: not an ACLED export: header lacks {', '.join(missing)}")
    summary.formats.add("acled-csv")
    for cells in reader:
        lineno = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(names):
            summary.problem(lineno, f"{len(cells)} fields, the header has {len(names)}")
            continue
        yield lineno, dict(zip(names, cells))


def _acled_date(text: str | None) -> date:
    t = (text or "").strip()
    for fmt in ACLED_DATE_FORMATS:
        try:
            return datetime.strptime(t, fmt).date()
        except ValueError:
            continue
    raise RowError(f"event_date {t!r} is not a date")


def _acled_interval(day: date, precision: int | None) -> tuple[date, date, str]:
    """ACLED time_precision: 1 = that day, 2 = within that week, 3 = within that month."""
    if precision == 2:
        return day - timedelta(days=3), day + timedelta(days=3), "week"
    if precision == 3:
        first = day.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return first, nxt - timedelta(days=1), "month"
    return day, day, "day"


def _acled_type(rec: dict) -> EventType:
    table = acled_table()
    for key in ("sub_event_type", "event_type"):
        label = _s(rec.get(key))
        if label and label.lower() in table:
            return table[label.lower()]
    return EventType(None, None, None, None)


def _acled_actor(rec: dict, n: int) -> dict | None:
    name = _s(rec.get(f"actor{n}"))
    if not name:
        return None
    inter = _s(rec.get(f"inter{n}"))
    kind = actor_kinds().get(("acled", inter.lower())) if inter else None
    return {"name": name, "kind": kind, "country": None, "title": None}


ACLED_EXTRA_KEYS = ("event_type", "sub_event_type", "disorder_type", "fatalities", "time_precision",
                    "event_date", "inter1", "inter2", "interaction", "assoc_actor_1", "assoc_actor_2",
                    "civilian_targeting", "admin1", "admin2", "admin3", "country", "iso", "region",
                    "latitude", "longitude", "geo_precision", "source", "source_scale", "tags",
                    "timestamp", "year")


def _acled_event(rec: dict, batch: "_Batch") -> None:
    cid = _s(rec.get("event_id_cnty"))
    if not cid:
        raise RowError("event_id_cnty is empty")
    if not (_s(rec.get("sub_event_type")) or _s(rec.get("event_type"))):
        raise RowError("no event_type or sub_event_type")
    fatalities = _s(rec.get("fatalities"))
    if fatalities is not None and _int(fatalities) is None:
        raise RowError(f"fatalities {fatalities!r} is not a number")
    start, end, gran = _acled_interval(_acled_date(_s(rec.get("event_date"))), _int(rec.get("time_precision")))
    etype = _acled_type(rec)
    src, tgt = _acled_actor(rec, 1), _acled_actor(rec, 2)
    place = [p for p in (_s(rec.get(k)) for k in ("location", "admin1", "country")) if p]
    sources = [s for s in (_s(rec.get("source")) or "").split(";") if s.strip()]
    eid = f"acled:{cid}"
    row = {
        "event_id": eid, "event_type": etype.event_type, "cameo_code": etype.cameo,
        "plover_type": etype.plover_type, "plover_mode": etype.plover_mode,
        "source_actor": src and src["name"], "target_actor": tgt and tgt["name"],
        "date_start": start, "date_end": end, "granularity": gran, "time_start": None, "time_end": None,
        "location": ", ".join(place) or None, "n_mentions": 1, "n_sources": len(sources) or None,
        "confidence": None, "date_method": DATE_METHOD, "modality": "asserted",
        "date_conflict": False, "origin": "acled",
    }
    extra = {k: _s(rec.get(k)) for k in ACLED_EXTRA_KEYS}
    if extra["fatalities"] is not None:
        extra["fatalities"] = str(_int(extra["fatalities"]))
    batch.add_event(row, extra)
    batch.actors.extend(a for a in (src, tgt) if a)
    notes = _s(rec.get("notes"))
    if notes:  # ACLED's own description: the evidence shown on the timeline
        batch.add_document(eid, source=_s(rec.get("source")), text=notes)
        batch.add_mention(_mention_from_event(row, f"{eid}:notes", eid, sentence=notes,
                                              char_start=0, char_end=len(notes)))


# --------------------------------------------------------------------------- writing

class _Batch:
    """Rows of one chunk of an import, written together (delete + insert by id)."""

    def __init__(self) -> None:
        self.events: dict[str, dict] = {}
        self.mentions: dict[str, dict] = {}
        self.documents: dict[str, dict] = {}
        self.extra: dict[tuple[str, str | None], dict[str, str | None]] = {}
        self.actors: list[dict] = []

    def __len__(self) -> int:
        return len(self.events) + len(self.mentions)

    def add_event(self, row: dict, extra: dict[str, str | None]) -> None:
        self.events[row["event_id"]] = row  # a later row with the same id wins
        self.extra[(row["event_id"], None)] = extra

    def add_mention(self, row: dict, extra: dict[str, str | None] | None = None) -> None:
        self.mentions[row["mention_id"]] = row
        if extra:
            self.extra[(row["event_id"], row["mention_id"])] = extra

    def add_document(self, doc_id: str, **fields) -> None:
        row = {k: None for k in DOCUMENTS}
        row.update(doc_id=doc_id, **fields)
        self.documents[doc_id] = row


def _register(con: duckdb.DuckDBPyConnection, name: str, rows: Iterable[dict], schema: dict) -> int:
    frame = pl.DataFrame(list(rows), schema=schema)
    con.register(name, frame.to_arrow())
    return frame.height


def _cols(schema: dict) -> str:
    return ", ".join(f'"{c}"' for c in schema)


def _replace(con: duckdb.DuckDBPyConnection, table: str, key: str, incoming: str, schema: dict) -> None:
    """Delete the rows whose ``key`` is incoming, then insert the incoming rows."""
    con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT {key} FROM {incoming})")
    con.execute(store.insert_sql(table, schema, incoming))


def _write(con: duckdb.DuckDBPyConnection, batch: _Batch, summary: ImportSummary) -> None:
    extra_rows = [{"event_id": e, "mention_id": m, "key": k, "value": v}
                  for (e, m), kv in batch.extra.items() for k, v in kv.items() if v is not None]
    owners = [{"owner": f"{e}\x00{m or ''}"} for (e, m) in batch.extra]
    tables = {
        "_imp_events": (batch.events.values(), EVENTS),
        "_imp_mentions": (batch.mentions.values(), MENTIONS),
        "_imp_docs": (batch.documents.values(), DOCUMENTS),
        "_imp_extra": (extra_rows, EXTRA),
        "_imp_owners": (owners, {"owner": pl.String}),
        "_imp_actors": (batch.actors, ACTORS),
    }
    for name, (rows, schema) in tables.items():
        _register(con, name, rows, schema)
    try:
        _replace(con, "events", "event_id", "_imp_events", EVENTS)
        _replace(con, "mentions", "mention_id", "_imp_mentions", MENTIONS)
        # imported documents (no content hash) take the new non-null fields; articles are never touched
        con.execute("""
            UPDATE documents SET url = coalesce(i.url, documents.url),
                source = coalesce(i.source, documents.source), text = coalesce(i.text, documents.text),
                published = coalesce(i.published, documents.published),
                published_date = coalesce(i.published_date, documents.published_date)
            FROM _imp_docs i WHERE documents.doc_id = i.doc_id AND documents.content_hash IS NULL
        """)
        docs = con.execute(f"INSERT INTO documents ({_cols(DOCUMENTS)}) SELECT {_cols(DOCUMENTS)} "
                           "FROM _imp_docs WHERE doc_id NOT IN (SELECT doc_id FROM documents)").fetchall()[0][0]
        con.execute("DELETE FROM imported_events_extra WHERE event_id || chr(0) || coalesce(mention_id, '') "
                    "IN (SELECT owner FROM _imp_owners)")
        con.execute(f"INSERT INTO imported_events_extra ({_cols(EXTRA)}) SELECT {_cols(EXTRA)} FROM _imp_extra")
        actors = con.execute(
            "INSERT INTO actors SELECT name, mode(kind), mode(country), NULL FROM _imp_actors "
            "WHERE name NOT IN (SELECT name FROM actors) GROUP BY name").fetchall()[0][0]
    finally:
        for name in tables:
            con.unregister(name)
    summary.events += len(batch.events)
    summary.mentions += len(batch.mentions)
    summary.documents += docs
    summary.actors += actors


def _sync_gdelt_mentions(con: duckdb.DuckDBPyConnection) -> None:
    """GDELT 2.0 mention rows take their event's type, actors and place once the event is in."""
    con.execute("""
        UPDATE mentions SET event_type = e.event_type, cameo_code = e.cameo_code,
            plover_type = e.plover_type, plover_mode = e.plover_mode,
            source_actor = e.source_actor, target_actor = e.target_actor, location = e.location
        FROM events e
        WHERE mentions.event_id = e.event_id AND e.origin = 'gdelt'
          AND mentions.mention_id LIKE 'gdelt:%'
    """)


def _run(con: duckdb.DuckDBPyConnection, summary: ImportSummary,
         rows: Iterator[tuple[int, Any]], convert: Callable[[Any, "_Batch"], None]) -> ImportSummary:
    """Convert and write every row of one file in one transaction; bad rows become problems."""
    con.execute(EXTRA_SCHEMA)
    with store.transaction(con):
        batch = _Batch()
        for lineno, item in rows:
            summary.rows += 1
            try:
                convert(item, batch)
            except RowError as exc:
                summary.problem(lineno, str(exc))
            if len(batch) >= CHUNK:
                _write(con, batch, summary)
                batch = _Batch()
        if summary.events == summary.mentions == 0 and len(batch) == 0:
            first = f"; first: {summary.problems[0]}" if summary.problems else ""
            raise ValueError(f"{summary.path}: no importable rows ({summary.skipped} skipped{first})")
        _write(con, batch, summary)
        if summary.dataset == "gdelt":
            _sync_gdelt_mentions(con)
    if summary.dataset == "gdelt" and summary.mentions:
        summary.unlinked_mentions = con.execute(
            "SELECT count(*) FROM mentions WHERE mention_id LIKE 'gdelt:%' "
            "AND event_id NOT IN (SELECT event_id FROM events)").fetchall()[0][0]
    return summary


def import_gdelt(con: duckdb.DuckDBPyConnection, path: Path) -> ImportSummary:
    """Load a GDELT events (1.0/2.0) or mentions (2.0) file, TSV or JSON lines; see module doc."""
    summary = ImportSummary(Path(path), "gdelt")
    handlers = {"events": _gdelt_event, "mentions": _gdelt_mention}

    def convert(item: tuple[str, dict], batch: _Batch) -> None:
        kind, rec = item
        handlers[kind](rec, batch)

    rows = ((lineno, (kind, rec)) for lineno, kind, rec in _gdelt_records(summary.path, summary))
    return _run(con, summary, rows, convert)


def import_acled(con: duckdb.DuckDBPyConnection, path: Path) -> ImportSummary:
    """Load an ACLED export (CSV with header, JSON lines or API JSON); see module doc."""
    summary = ImportSummary(Path(path), "acled")
    return _run(con, summary, _acled_records(summary.path, summary), _acled_event)
