"""HTML building blocks shared by the dashboard pages: escaping, page shell, tables, plots.

Article titles and sentences come from the web and are untrusted, and plotly renders
hover text as (a subset of) HTML, so every piece of data is escaped once here before it
reaches a page: in Python for single strings, with polars expressions for whole columns
(fast enough for 100k events). A plot's data (figure, the page's event table, strings sent
once) travels as one deflated payload written 7 bits a character (:func:`text7`), inflated by
the browser's own DecompressionStream; that text has no '<', so it cannot close the
``<script>`` element. The page script builds each event's hover from escaped values plus
fixed markup, and fills tables with textContent.
Pages inline plotly.js once, carry a Content-Security-Policy that forbids any network
request, and use a plotly ``config`` without cloud links, so they open from disk offline.
"""

from __future__ import annotations

import html
import json
import zlib
from functools import lru_cache
from typing import Any, Iterable, Sequence

import numpy as np
import polars as pl

#: Pages, in navigation order: (file name, label).
PAGES = (
    ("index.html", "Overview"),
    ("timeline.html", "Timeline"),
    ("network.html", "Network"),
    ("day.html", "Day by hour"),
)

#: plotly config: no cloud links, no logo, nothing that talks to plot.ly. plotly.js 3 shows a
#: "Share chart..." button uploading to Plotly Cloud by default: hidden, and its URL emptied.
PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "plotlyServerURL": "",
    "responsive": True,
    "scrollZoom": False,
    "doubleClick": "reset",
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["sendChartToCloud", "sendDataToCloud", "lasso2d", "select2d", "autoScale2d"],
}

#: Everything local: inline scripts/styles (plotly.js is inline; its WebGL code generator
#: needs eval), data: images; no fetch, no remote fonts, no frames.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; connect-src 'none'; worker-src blob:; "
    "base-uri 'none'; form-action 'none'"
)

#: One fixed colour per PLOVER event type, the same on every page and every story: blues and
#: greens for cooperation, purple for requests, oranges/pinks for verbal conflict, reds and
#: browns for material conflict.
PLOVER_COLOURS = {
    "AGREE": "#56B4E9", "CONSULT": "#1F5FA8", "SUPPORT": "#17BECF", "CONCEDE": "#7FB8C8",
    "COOPERATE": "#2CA02C", "AID": "#8CCB6E", "RETREAT": "#A9A933",
    "REQUEST": "#9467BD",
    "ACCUSE": "#FF7F0E", "REJECT": "#E8B04A", "PROTEST": "#E377C2", "THREATEN": "#F0506E",
    "SANCTION": "#8C564B", "MOBILIZE": "#B5835A", "COERCE": "#A0215A", "ASSAULT": "#C00000",
}
#: Any other type names, in sorted order.
PALETTE = ("#4E79A7", "#59A14F", "#B07AA1", "#9C755F", "#76B7B2", "#EDC948", "#FF9DA7", "#F28E2B")
UNTYPED_COLOUR = "#8c8c8c"
UNTYPED = "(no PLOVER type)"

#: Page styles: the base, then the parts a page asks for (``page(css=...)``).
CSS_PARTS = {
    "base": """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1d2329;background:#fff}
header{background:#1d2b3a;color:#fff;padding:10px 20px}
header h1{margin:0;font-size:20px;font-weight:600}
nav a{color:#cfe3ff;margin-right:18px;text-decoration:none;font-size:14px}
nav a.here{color:#fff;font-weight:600;border-bottom:2px solid #fff}
main{padding:8px 20px 30px}
p.note{color:#47525e;font-size:13px;max-width:1200px;margin:6px 0}
h2{font-size:17px;margin:18px 0 6px}
""",
    "stats": """.stats{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.stat{border:1px solid #d8dee4;border-radius:6px;padding:8px 14px;min-width:120px}
.stat b{display:block;font-size:22px}
.stat span{font-size:12px;color:#57606a}
""",
    "table": """table{border-collapse:collapse;font-size:13px;margin:8px 0 20px;max-width:100%}
th,td{border-bottom:1px solid #e1e4e8;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f5f7}
td.ev{max-width:560px}
td.nw{white-space:nowrap}
""",
    "filters": """.filters{margin:6px 0;font-size:13px}
.filters label{margin-right:16px}
.filters select{font-size:13px;padding:2px 4px;max-width:360px}
""",
}


def esc(value: object) -> str:
    """HTML-escape one value for a page or a hover text; None becomes ''."""
    return "" if value is None else html.escape(str(value), quote=True)


#: What :func:`esc` replaces (html.escape with quotes), for :func:`esc_expr`.
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}


def esc_expr(expr: pl.Expr) -> pl.Expr:
    """The polars version of :func:`esc` for a whole string column (nulls stay null): one pass
    that replaces each special character of the original text."""
    return expr.cast(pl.String).str.replace_many(list(_ESCAPES), list(_ESCAPES.values()))


def script_json(obj: Any) -> str:
    """JSON safe to place inside <script>: no '<', '>' or '&' can end the element."""
    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=str)
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The plotly.js bundle shipped with the plotly package (no CDN)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


@lru_cache(maxsize=1)
def plotly_js_bytes() -> bytes:
    """:func:`plotly_js` encoded once (pages are written as bytes: no 4.6 MB re-encode per page)."""
    return plotly_js().encode("utf-8")


#: Trace arrays of strings that repeat (dates, lanes) and are sent as indexes into one table.
PACKED_KEYS = ("x", "y", "base", "hovertext")
PACK_MIN = 20
#: zlib level of the page data. Up to BOTH_STRATEGIES_UPTO bytes of JSON it is compressed with
#: zlib's default and its "filtered" strategy (fewer short matches: smaller when the text is codes
#: of few distinct words), and the smaller kept; above FAST_DEFLATE_ABOVE (positions of 100k
#: events, no text) at level 1, several times faster for a few % more.
DEFLATE_LEVEL = 6
BOTH_STRATEGIES_UPTO = 200_000
FAST_DEFLATE_ABOVE = 400_000


def _codes(values: list, index: dict[str, int]) -> list[int | None]:
    """Indexes of ``values`` in the shared string table (extended in place); None stays None."""
    for v in dict.fromkeys(values):
        if v is not None and v not in index:
            index[v] = len(index)
    lookup: dict = {**index, None: None}
    return list(map(lookup.__getitem__, values))


def _is_strings(values: object) -> bool:
    if not isinstance(values, list) or len(values) < PACK_MIN:
        return False
    first = next((v for v in values if v is not None), None)
    return isinstance(first, str)


def _pack(data: list[dict], index: dict[str, int]) -> list[dict]:
    """Send repeated strings once: long string arrays (x, y, base, hovertext) become ``_p<key>``
    (indexes into ``index``, the page's table of distinct strings: days and lanes repeat across
    events). The page script (PAGE_JS) rebuilds the arrays before plotting."""
    packed = []
    for trace in data:
        trace = dict(trace)
        for key in PACKED_KEYS:
            if _is_strings(trace.get(key)):
                trace[f"_p{key}"] = _codes(trace.pop(key), index)
        packed.append(trace)
    return packed


#: Code characters: a small number k (a value's rank in its column's table of distinct values)
#: travels as one character. First the printable ASCII characters that need no JSON escape and
#: cannot start a tag ('"', '\\' and '<' left out), then U+0100 on, skipping the surrogates.
#: EVENTS_JS cd() decodes them.
_SAFE = [chr(c) for c in range(0x20, 0x7F) if chr(c) not in '"\\<']
_SAFE_CP = np.array([ord(c) for c in _SAFE], dtype=np.int64)
#: Codes a code string can carry (0 .. CODE_MAX - 1); a larger table goes as a JSON list.
CODE_MAX = 0xF800 - 0x100 + len(_SAFE)


def _code_text(codes: np.ndarray) -> str:
    """Codes (non-negative ints below CODE_MAX) as one character each."""
    k = np.asarray(codes, dtype=np.int64)
    cp = k + (0x100 - len(_SAFE))
    cp[cp >= 0xD800] += 0x800
    small = k < len(_SAFE)
    cp[small] = _SAFE_CP[k[small]]
    return cp.astype("<u4").tobytes().decode("utf-32-le")


def _code_values(text: str | list) -> list[int]:
    """The inverse of :func:`_code_text` (a JSON list of codes passes through)."""
    if not isinstance(text, str):
        return list(text)
    out = []
    for ch in text:
        c = ord(ch)
        if c < 0x7F:
            out.append(_SAFE.index(ch))
        else:
            out.append(c - 0x100 + len(_SAFE) - (0x800 if c >= 0xE000 else 0))
    return out


def _code_column(codes: np.ndarray, width: int) -> str | Raw:
    """A column of codes (0 null, k the k-th distinct value) among ``width`` distinct values: a
    code string, or a JSON list when there are too many values for one character each."""
    if width < CODE_MAX:
        return _code_text(codes)
    return Raw("[" + ",".join(map(str, np.asarray(codes).tolist())) + "]")


#: Columns whose text is sent word by word (a table of distinct words + one code per word)
#: when words repeat enough for that to be smaller: at least WORD_CODE_MIN_REPEAT uses per word.
WORD_CODED = ("evidence",)
WORD_CODE_MIN_REPEAT = 20
#: Tables with fewer rows send their text as it is (a listing of a few undated events).
WORD_CODE_MIN_ROWS = 100
#: Word-coded text: each text is its words' codes followed by one end code, 0 as is, +1 add a full
#: stop, +2 capitalise the first letter (sentences start with a capital and end with a full stop:
#: those two then cost nothing, and the first and last words share the codes of the others); 4 is
#: a null text. Word k of the table has code WORD_BASE + k.
WORD_BASE = 5


def _word_coded(col: pl.Series) -> dict | None:
    """``{"w": distinct words, most used first, "c": code string}`` for texts split on single
    spaces (see WORD_BASE), or None if the words do not repeat enough to gain."""
    if col.len() < WORD_CODE_MIN_ROWS:
        return None
    t = pl.col("t")
    stop = t.str.ends_with(".") & (t.str.len_bytes() > 1)
    cap = t.str.contains("^[A-Z]")
    body = pl.when(stop).then(t.str.slice(0, t.str.len_chars() - 1)).otherwise(t)
    body = pl.when(cap).then(body.str.slice(0, 1).str.to_lowercase() + body.str.slice(1)).otherwise(body)
    frame = pl.DataFrame({"t": col}).select(
        body.str.split(" ").alias("w"),
        pl.when(t.is_null()).then(4).otherwise(stop.cast(pl.Int64) + 2 * cap.cast(pl.Int64)).alias("end"))
    words = frame["w"].explode().drop_nulls()
    counts = words.value_counts(sort=False, name="n").sort(["n", "w"], descending=[True, False])
    n_words, n_vocab = words.len(), counts.height
    if not n_vocab or n_words < WORD_CODE_MIN_REPEAT * n_vocab or n_vocab + WORD_BASE >= CODE_MAX:
        return None
    vocab = counts["w"].to_list()
    codes = words.cast(pl.Enum(vocab)).to_physical().to_numpy().astype(np.int64) + WORD_BASE
    lens = frame["w"].list.len().fill_null(0).to_numpy().astype(np.int64)
    ends = frame["end"].to_numpy()
    starts = np.cumsum(lens + 1) - (lens + 1)  # where each text's codes begin
    out = np.empty(n_words + len(lens), dtype=np.int64)
    out[starts + lens] = ends
    first_word = np.cumsum(lens) - lens
    out[np.repeat(starts - first_word, lens) + np.arange(n_words)] = codes
    return {"w": vocab, "c": _code_text(out)}


def _word_decoded(column: dict) -> list[str | None]:
    """The inverse of :func:`_word_coded` (what EVENTS_JS words() does)."""
    out: list[str | None] = []
    words: list[str] = []
    for k in _code_values(column["c"]):
        if k >= WORD_BASE:
            words.append(column["w"][k - WORD_BASE])
            continue
        if k == 4:
            out.append(None)
        else:
            text = " ".join(words) + ("." if k & 1 else "")
            out.append(text[:1].upper() + text[1:] if k & 2 else text)
        words = []
    return out


class Raw(str):
    """JSON text to place as is inside a payload (columns of numbers written by polars)."""


def _json_list(e: pl.Expr) -> pl.Expr:
    """A column as the text of a JSON list (numbers, nulls), built by polars."""
    return pl.concat_str(pl.lit("["), e.cast(pl.String).fill_null("null").str.join(","), pl.lit("]"))


#: A column sent through another one (one code per distinct value of that one) when it is a
#: function of it: an article's source.
FOLLOWS = {"source": "article"}
#: A page table's lane, as raw actor names (``dashboards_data.positions``): sent as the table of
#: actors and two codes per event, the page script joins them into the lane label.
LANE_COLUMNS = ("lane_src", "lane_tgt")


def _lane_actors() -> pl.Expr:
    """The actors of a page table's lane, sorted, as one list (the codes of LANE_COLUMNS and of
    ``P.Y`` index it)."""
    return pl.col(LANE_COLUMNS[0]).append(pl.col(LANE_COLUMNS[1])).drop_nulls().unique().sort().implode()


#: A number column with at most this many distinct values (marker sizes, interval lengths, flags) is
#: sent as codes, one ASCII character each, like strings; others (``t0``, positions) as lists.
NUMBER_CODES = len(_SAFE) - 1


def _event_table(events: pl.DataFrame) -> dict:
    """Columns of a page's event table. A column with repeats (types, articles, sources; numbers
    with few values) is ``{"d": distinct values (sorted), "c": codes}`` (0 null, k ``d[k-1]``; a
    code string, see :func:`_code_text`), or with ``"f": column`` one code per code of that column
    (FOLLOWS); the lane is ``{"A": actors (escaped), "s": source codes, "t": target codes}``; a
    mostly unique string column (evidence) is its list, or word-coded (:func:`_word_coded`); other
    numbers are their list (``t0`` always, flags as 0/1). Columns are encoded in three Polars
    queries (a page has some twenty columns: one query each would cost more than the encoding)."""
    schema = events.schema
    lane = all(c in schema for c in LANE_COLUMNS)
    cols = [c for c in schema if not (lane and c in LANE_COLUMNS)]
    strs = {c for c in cols if schema[c] == pl.String}
    value = {c: pl.col(c).cast(pl.Int8) if schema[c] == pl.Boolean else pl.col(c) for c in cols}
    exprs: list[pl.Expr] = []
    for c in cols:
        exprs.append(value[c].n_unique().alias(c + "\x00n"))
        exprs.append(value[c].drop_nulls().unique().sort().implode().alias(c + "\x00d"))
        if c not in strs:
            exprs.append(_json_list(value[c]).alias(c))
    follows = {c: p for c, p in FOLLOWS.items() if c in strs and p in strs}
    for c, p in follows.items():
        exprs.append((pl.struct(p, c).n_unique() == pl.col(p).n_unique()).alias(c + "\x00f"))
    if lane:
        exprs.append(_lane_actors().alias("\x00A"))
    row = events.select(exprs).row(0, named=True) if exprs else {}
    many = {c for c in strs if row[c + "\x00n"] > 0.7 * events.height}
    coded = [c for c in cols if (c in strs and c not in many)
             or (c not in strs and c != "t0" and row[c + "\x00n"] <= NUMBER_CODES)]
    follows = {c: p for c, p in follows.items() if c in coded and p in coded and row[c + "\x00f"]}
    code_exprs = [value[c].rank("dense").fill_null(0).cast(pl.Int64).alias(c) for c in coded]
    if lane:
        actors = pl.Enum(row["\x00A"])
        code_exprs += [(pl.col(c).cast(actors).to_physical().cast(pl.Int64) + 1).fill_null(0).alias(c)
                       for c in LANE_COLUMNS]
    codes = events.select(code_exprs) if code_exprs else None
    table: dict[str, Any] = {}
    for c in schema:
        if lane and c == LANE_COLUMNS[0]:
            table["ylane"] = {"A": [esc(a) for a in row["\x00A"]],
                              **{k: _code_column(codes[col].to_numpy(), len(row["\x00A"]) + 1)
                                 for k, col in zip("st", LANE_COLUMNS)}}
        elif c in many:
            table[c] = (_word_coded(events[c]) if c in WORD_CODED else None) or events[c].to_list()
        elif c in follows:
            parent = follows[c]
            pairs = codes.select(parent, c).unique(parent)
            by_parent = np.zeros(len(row[parent + "\x00d"]) + 1, dtype=np.int64)
            by_parent[pairs[parent].to_numpy()] = pairs[c].to_numpy()
            table[c] = {"d": row[c + "\x00d"], "f": parent, "c": _code_column(by_parent, len(row[c + "\x00d"]) + 1)}
        elif c in coded:
            table[c] = {"d": row[c + "\x00d"], "c": _code_column(codes[c].to_numpy(), len(row[c + "\x00d"]) + 1)}
        elif c in row:
            table[c] = Raw(row[c])
    return table


def decode_table(table: dict) -> dict[str, list]:
    """A page table's columns as plain lists, as the page script (EVENTS_JS table()) rebuilds
    them: positions (``t0`` summed), lanes, codes and words decoded, ``when`` from ``wk``/``te``
    (tests, tools)."""
    from datetime import datetime, timedelta

    table = json.loads(_dumps(table))
    out: dict[str, list] = {}

    def values(d: list, codes) -> list:
        return [d[k - 1] if k else None for k in _code_values(codes)]

    for k, c in table.items():
        if isinstance(c, list) or c is None:
            out[k] = c
        elif "w" in c:
            out[k] = _word_decoded(c)
        elif "A" in c:
            src, tgt = values(c["A"], c["s"]), values(c["A"], c["t"])
            out[k] = [("(unknown actor)" if s is None else s) + ("" if t is None else " → " + t)
                      for s, t in zip(src, tgt)]
        elif "f" in c:
            by_parent = _code_values(c["c"])
            out[k] = [c["d"][by_parent[p] - 1] if by_parent[p] else None
                      for p in _code_values(table[c["f"]]["c"])]
        else:
            out[k] = values(c["d"], c["c"])
    if "t0" in out:
        total, starts = 0, []
        for delta in out["t0"]:
            total += delta
            starts.append(total)
        out["t0"] = starts
    if "wk" in out:
        def day(at: datetime) -> str:
            return f"{at:%d %b} {at.year:04d}"

        def when(w, t0, dt, te):
            if w is None:
                return None
            at = datetime(1970, 1, 1) + timedelta(minutes=t0)
            g = f" ({w[1:]})"
            if w[0] == "t":
                end = "" if te is None else f"–{at + timedelta(minutes=te):%H:%M}"
                return f"{at:%a} {day(at)} {at:%H:%M}{end}{g}"
            if w[0] == "d":
                return f"{at:%a} {day(at)}{g}"
            return f"{day(at)} – {day(at + timedelta(minutes=dt - 1440))}{g}"
        out["when"] = [when(w, t, d, e) for w, t, d, e in zip(out["wk"], out["t0"], out["dt"], out["te"])]
    return out


def _dumps(obj: Any) -> str:
    """Compact JSON; :class:`Raw` strings go in as the JSON text they are (they sit in the
    page tables: everything else is dumped in one call per table column or data block)."""
    if isinstance(obj, Raw):
        return str(obj)
    if isinstance(obj, dict) and any(isinstance(v, (Raw, dict)) for v in obj.values()):
        return "{" + ",".join(f"{_dump(str(k))}:{_dumps(v)}" for k, v in obj.items()) + "}"
    return _dump(obj)


def _dump(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=str)


#: Values of 7 bits that cannot stand as themselves in the page's data string: NUL (the HTML
#: parser replaces it), LF and CR (end a JS string; the parser turns CR into LF), '"' and '\\'
#: (JS string), '<' (could start '</script' or '<!--').
TEXT7_ILLEGAL = (0, 10, 13, 34, 60, 92)
_ILLEGAL_INDEX = np.full(128, -1, dtype=np.int64)  # value -> its index in TEXT7_ILLEGAL, or -1
_ILLEGAL_INDEX[list(TEXT7_ILLEGAL)] = np.arange(len(TEXT7_ILLEGAL))


def text7(data: bytes) -> str:
    """Bytes as text for a JS string in a <script>, 8 bits in 7 (base64: 6): the bits are cut into
    7-bit values, each one character, except the TEXT7_ILLEGAL ones: such a value and the next
    one become one two-byte character U+0100 + (i << 7 | next), i its index in TEXT7_ILLEGAL
    (the same 7 bits per byte), or U+0100 + (6 << 7 | i) at the very end. The page's inflate()
    reverses it. (A base-122 code; no character is '<', '"', '\\', a line end or NUL.)"""
    if not data:
        return ""
    n = -(-len(data) * 8 // 7)  # 7-bit values
    rows = -(-len(data) // 7)  # 7 bytes = 56 bits = 8 values
    block = np.zeros((rows, 8), dtype=np.uint8)
    block[:, 1:] = np.frombuffer(data.ljust(rows * 7, b"\x00"), dtype=np.uint8).reshape(rows, 7)
    words = block.view(">u8").reshape(-1, 1)
    chunks = ((words >> np.arange(49, -1, -7, dtype=np.uint64)) & 0x7F).astype(np.uint8).reshape(-1)[:n]
    which = _ILLEGAL_INDEX[chunks]
    bad = np.flatnonzero(which >= 0)
    # a TEXT7_ILLEGAL value takes the next value with it, whatever that is: in a run of consecutive
    # ones, the 1st, 3rd, ... are heads (two-byte characters), the others ride with them
    starts_run = np.ones(bad.size, dtype=bool)
    starts_run[1:] = np.diff(bad) != 1
    run_start = np.maximum.accumulate(np.where(starts_run, bad, 0))
    h = bad[(bad - run_start) % 2 == 0]
    two = np.empty((n, 2), dtype=np.uint8)  # the one or two bytes of each value's character
    two[:, 0] = chunks
    keep = np.zeros((n, 2), dtype=bool)
    keep[:, 0] = True
    if h.size:
        last = h[-1] == n - 1
        pairs = h[:-1] if last else h
        cps = 0x100 + ((which[pairs] << 7) | chunks[pairs + 1])
        if last:
            cps = np.append(cps, 0x100 + (6 << 7 | which[n - 1]))
        two[h, 0] = 0xC0 | (cps >> 6)
        two[h, 1] = 0x80 | (cps & 0x3F)
        keep[h, 1] = True
        keep[pairs + 1, 0] = False
    return two[keep].tobytes().decode("utf-8")


def untext7(text: str) -> bytes:
    """The inverse of :func:`text7`."""
    out = bytearray()
    acc = nbits = 0
    for ch in text:
        c = ord(ch)
        if c < 0x80:
            values = (c,)
        elif c - 0x100 < 6 << 7:
            values = (TEXT7_ILLEGAL[(c - 0x100) >> 7], (c - 0x100) & 0x7F)
        else:
            values = (TEXT7_ILLEGAL[(c - 0x100) & 0x7F],)
        for v in values:
            acc = ((acc << 7) | v) & 0x7FFF
            nbits += 7
            if nbits >= 8:
                nbits -= 8
                out.append((acc >> nbits) & 0xFF)
    return bytes(out)


def payload(obj: Any) -> str:
    """``obj`` as JSON, deflated (zlib) and written 7 bits a character (:func:`text7`): the page
    inflates it with the browser's own DecompressionStream. The text has no '<', quote,
    backslash or line end, so it is inert in the page's script."""
    raw = _dumps(obj).encode("utf-8")
    if len(raw) > BOTH_STRATEGIES_UPTO:
        return text7(zlib.compress(raw, 1 if len(raw) > FAST_DEFLATE_ABOVE else DEFLATE_LEVEL))
    deflated = []
    for strategy in (zlib.Z_DEFAULT_STRATEGY, zlib.Z_FILTERED):
        packer = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS, 8, strategy)
        deflated.append(packer.compress(raw) + packer.flush())
    return text7(min(deflated, key=len))


def unpayload(blob: str) -> Any:
    """The inverse of :func:`payload` (tests, tools)."""
    return json.loads(zlib.decompress(untext7(blob)).decode("utf-8"))


#: The page side: decode and inflate the data, rebuild packed arrays, build each event's hover
#: from the event table (values are escaped already; only fixed markup is added), fill the
#: listing table with textContent, then plot. H is the string table, E the event table.
PAGE_JS = r"""
function inflate(b){const n=b.length,a=new Uint8Array(2*n),I=[0,10,13,34,60,92];let o=0,q=0,k=0;
 const p=x=>{q=(q<<7|x)&32767;k+=7;if(k>7){k-=8;a[o++]=q>>k;}};
 for(let j=0;j<n;j++){let c=b.charCodeAt(j);if(c<128)p(c);else{c-=256;if(c<768){p(I[c>>7]);p(c&127);}else p(I[c&127]);}}
 return new Response(new Blob([a.subarray(0,o)]).stream().pipeThrough(new DecompressionStream('deflate'))).text();}
function unpack(P){const H=P.H,E=P.E;if(E)table(E);if(P.U)table(P.U);
 if(P.Y)P.layout.yaxis.categoryarray=lanes(E._A,P.Y);
 for(const t of P.data){for(const k of ['x','y','base','hovertext'])if(t['_p'+k]){
   t[k]=t['_p'+k].map(i=>i===null?null:H[i]);delete t['_p'+k];}
  if(t._rn!==undefined){const R=[];for(let j=0;j<t._rn;j++)R.push(t._r0+j);
   if(t._k)draw(t,E,R);
   if(t._h)t.hovertext=R.flatMap(i=>{const h=hover(E,i);return t._k==='seg'?[h,h,null]:[h];});}
  for(const k of ['_r0','_rn','_k','_s','_h'])delete t[k];}
 if(P.L)listing(P[P.L.t||'E'],P.L);}
"""
#: The page side of a per-event table: codes, lanes, words and dates back to columns, hover,
#: positions, the listing.
EVENTS_JS = r"""
const cd=s=>typeof s!=='string'?s:Array.from(s,c=>{const k=c.charCodeAt(0);
 return k<127?k-32-(k>34)-(k>60)-(k>92):k-164-(k>=57344?2048:0);}),dict=(d,x)=>cd(x).map(k=>k?d[k-1]:null);
function lanes(A,c){const T=dict(A,c.t);return dict(A,c.s).map((s,i)=>(s===null?'(unknown actor)':s)+
 (T[i]===null?'':' \u2192 '+T[i]));}
function words(c){const o=[];let w=[];for(const k of cd(c.c)){if(k>4){w.push(c.w[k-5]);continue;}
 if(k>3)o.push(null);else{const s=w.join(' ')+(k&1?'.':'');o.push(k&2?s.charAt(0).toUpperCase()+s.slice(1):s);}w=[];}
 return o;}
const p2=x=>(x<10?'0':'')+x;
function dm(m){const d=new Date(m*6e4),y=d.getUTCFullYear();return ['SunMonTueWedThuFriSat'.substr(3*d.getUTCDay(),3),
 p2(d.getUTCDate())+' '+'JanFebMarAprMayJunJulAugSepOctNovDec'.substr(3*d.getUTCMonth(),3)+' '+
 (y>=0&&y<1e3?('000'+y).slice(-4):y),p2(d.getUTCHours())+':'+p2(d.getUTCMinutes())];}
function when(w,t,dt,te){const a=dm(t),g=' ('+w.slice(1)+')';return w[0]==='t'?a[0]+' '+a[1]+' '+a[2]+
 (te==null?'':'\u2013'+dm(t+te)[2])+g:w[0]==='d'?a[0]+' '+a[1]+g:a[1]+' \u2013 '+dm(t+dt-1440)[1]+g;}
function table(E){let s=0;const F={};if(E.t0)E.t0=E.t0.map(d=>s+=d);
 for(const k in E){const c=E[k];if(c&&c.f){const q=cd(c.c);F[k]=cd(E[c.f].c).map(j=>q[j]?c.d[q[j]-1]:null);}}
 for(const k in E){const c=E[k];E[k]=F[k]||(c===null||Array.isArray(c)?c:c.w?words(c):c.A?(E._A=c.A,E._S=cd(c.s),
  E._T=cd(c.t),lanes(c.A,c)):dict(c.d,c.c));}
 if(E.wk)E.when=E.wk.map((w,i)=>w===null?null:when(w,E.t0[i],E.dt[i],E.te[i]));}
const unesc=s=>s==null?'':String(s).replace(/&(amp|lt|gt|quot|#x27);/g,(m,e)=>
 ({amp:'&',lt:'<',gt:'>',quot:'"','#x27':"'"})[e]);
function wrap(s){if(s===null)return null;if(s.length>320)s=s.slice(0,319).replace(/&[#\w]*$/,'')+'\u2026';
 return s.replace(/(\S.{0,79})(?:\s+|$)/g,'$1\n').trim().split('\n').join('<br>');}
function hover(E,i){const g=k=>E[k]&&E[k][i]!==undefined?E[k][i]:null,m=g('plover_mode'),t=g('time_text'),s=g('source');
 let h='<b>'+g('ylane')+'</b>';const L=(k,x)=>{if(x)h+='<br><b>'+k+':</b> '+x;};
 L('type',g('event_type')+' \u00b7 '+g('ptype')+(m?' / '+m:''));L('when',g('when'));
 L('time expression',t===null?null:'\u201c'+t+'\u201d');L('dated by',g('dated_by'));L('\u26a0 modality',g('modality'));
 L('\u26a0 date',g('date_conflict')?'sources disagree on the date':null);L('evidence',wrap(g('evidence')));
 L('reported by',g('reported_by'));L('article',g('article')+(s?' \u2014 '+s:''));
 L('mentions',g('n_mentions')+' in '+g('n_sources')+' source(s)');return h;}
const X=m=>new Date(m*6e4).toISOString().slice(0,16).replace('T',' '),
 sz=n=>Math.min(28,Math.max(8,Math.round(8+5*(Math.sqrt(Math.max(n,1))-1))));
function draw(t,E,R){const Y=R.map(i=>E.ylane[i]),k=t._k,T=E.t0;
 if(k==='pt'){t.x=R.map(i=>X(T[i]+(E.m?E.m[i]:0)));t.y=Y;}
 else if(k==='bar'){t.base=R.map(i=>X(T[i]));t.x=R.map(i=>E.dt[i]*6e4);t.y=Y;}
 else{t.x=R.flatMap(i=>[X(T[i]),X(T[i]+E.dt[i]),null]);t.y=Y.flatMap(y=>[y,y,null]);}
 if(t._s!==undefined)t.marker.size=R.map(i=>sz(E.n_mentions[i])+t._s);}
function listing(E,L){if(document.readyState==='loading'){
 document.addEventListener('DOMContentLoaded',()=>listing(E,L));return;}
 const tb=document.createElement('table'),th=tb.createTHead().insertRow(),body=tb.createTBody();
 for(const x of L.head)th.appendChild(document.createElement('th')).textContent=x;
 const R=L.rows||E[L.cols[0]].map((x,i)=>i);
 if(L.n)R.sort((a,b)=>E.t0[a]-E.t0[b]||E._S[a]-E._S[b]||E._T[a]-E._T[b]||a-b);
 for(const i of L.n?R.slice(0,L.n):R){const r=body.insertRow();
  L.cols.forEach((k,j)=>{const c=r.insertCell();c.textContent=unesc(E[k][i]);if(L.css[j])c.className=L.css[j];});}
 document.getElementById(L.el).appendChild(tb);}
"""


def plot_div(div_id: str, figure: dict[str, Any], height: int, post_js: str = "", *,
             events: pl.DataFrame | None = None, listing: dict | None = None, pre_js: str = "",
             before: str = "", tables: dict[str, pl.DataFrame] | None = None) -> str:
    """A div plus the script that draws ``figure`` (a plain plotly figure dict) into it.

    ``events``: the page's event table (:func:`dashboards_data.positions`, plus the escaped
    :func:`dashboards_data.hover_table` for per-event hover). A trace with ``_k`` covers rows
    ``_r0`` .. ``_r0+_rn-1`` of it: the page script builds its x/y/base from the table's positions
    and, with ``_h``, its hover from the table's text; the ``listing`` rows point into it (or,
    with ``"t": name``, into ``tables[name]``, escaped text; no ``rows``: all of them; ``n``: the
    first n by start, see dashboards_day.listing_order).
    Everything travels as one deflated payload (:func:`payload`), strings sent once.
    ``pre_js`` defines page functions, ``before`` runs on the unpacked data ``P`` before plotting;
    ``figure["N"]`` (network nodes) travels as ``P.N``, ``figure["D"]`` (day options) as ``P.D``,
    ``figure["Y"]`` (the lanes of the y axis, in order, as ``(source, target)`` raw actor names)
    as ``P.Y``: codes into the event table's actors, which the page turns into
    ``layout.yaxis.categoryarray``."""
    index: dict[str, int] = {}
    data = {"data": _pack(figure.get("data", []), index), "layout": figure.get("layout", {})}
    for key in ("N", "D"):
        if key in figure:
            data[key] = figure[key]
    if events is not None:
        data["E"] = _event_table(events)
        if "Y" in figure:
            data["Y"] = _lane_codes(figure["Y"], events)
    for name, frame in (tables or {}).items():
        data[name] = _event_table(frame)
    if listing is not None:
        data["L"] = listing
    data["H"] = list(index)
    return (
        f'<div id="{esc(div_id)}" class="plot" style="height:{int(height)}px;width:100%"></div>\n'
        f"<script>(()=>{{const d=document.getElementById({script_json(div_id)});\n{PAGE_JS}"
        f"{EVENTS_JS if events is not None else ''}{pre_js}\n"
        f'inflate("{payload(data)}").then(s=>{{const P=JSON.parse(s);unpack(P);{before}\n'
        f"return Plotly.newPlot(d,P.data,P.layout,{script_json(PLOTLY_CONFIG)});}})"
        f".then(()=>{{{post_js}}}).catch(e=>{{console.error('dateline plot: '+e);"
        "d.textContent='This page could not draw its plot: '+e;});})();"
        "</script>\n"
    )


def _lane_codes(pairs: list[tuple[str | None, str | None]], events: pl.DataFrame) -> dict:
    """Lanes given as (source, target) raw names: ``{"s": codes, "t": codes}`` into the actor
    table of ``events``' lane (:func:`_event_table`)."""
    actors = events.select(_lane_actors()).item().to_list()
    code = {a: k + 1 for k, a in enumerate(actors)}
    code[None] = 0
    return {k: _code_column(np.array([code[p[j]] for p in pairs], dtype=np.int64), len(actors) + 1)
            for j, k in enumerate("st")}


def page(file_name: str, story: str, heading: str, body: str, *, with_plotly: bool,
         css: Sequence[str] = ("stats", "table", "filters")) -> list[bytes]:
    """A complete HTML page with navigation to every other page, as parts to write in order
    (plotly.js is 4.6 MB: writing it as its own part avoids copying it into one big string).
    ``css``: the CSS_PARTS its body uses besides the base."""
    nav = "".join(
        f'<a href="{name}"{" class=here" if name == file_name else ""}>{esc(label)}</a>'
        for name, label in PAGES
    )
    style = CSS_PARTS["base"] + "".join(CSS_PARTS[part] for part in css)
    head = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(heading)} · {esc(story)}</title>\n<style>{style}</style>\n"
    )
    lib = [b"<script>", plotly_js_bytes(), b"</script>\n"] if with_plotly else []
    rest = (
        f"</head>\n<body><header><h1>{esc(story)} — {esc(heading)}</h1><nav>{nav}</nav></header>\n"
        f"<main>\n{body}\n</main></body></html>\n"
    )
    return [head.encode("utf-8"), *lib, rest.encode("utf-8")]


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], css: Sequence[str] = ()) -> str:
    """An HTML table; every cell is escaped here (callers pass raw values). Cells and rows leave
    out their end tags (optional in HTML: the next cell, row or section ends them)."""
    head = "".join(f"<th>{esc(h)}" for h in headers)
    starts = [f"<td class={c}>" if c else "<td>" for c in css]
    lines = []
    for row in rows:
        cells = "".join(f"{starts[i] if i < len(starts) else '<td>'}{esc(v)}" for i, v in enumerate(row))
        lines.append(f"<tr>{cells}")
    return f"<table><thead><tr>{head}<tbody>{''.join(lines)}</table>"


def type_colours(types: Iterable[str | None]) -> dict[str, str]:
    """Colour per PLOVER type: fixed for the 16 PLOVER types, palette order for any others."""
    names = sorted({t for t in types if t and t != UNTYPED})
    others = [t for t in names if t.upper() not in PLOVER_COLOURS]
    colours = {t: PLOVER_COLOURS[t.upper()] for t in names if t.upper() in PLOVER_COLOURS}
    colours.update({t: PALETTE[i % len(PALETTE)] for i, t in enumerate(others)})
    colours[UNTYPED] = UNTYPED_COLOUR
    return colours
