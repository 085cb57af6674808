"""HTML building blocks shared by the dashboard pages: escaping, page shell, tables, plots.

Article titles and sentences come from the web and are untrusted, and plotly renders
hover text as (a subset of) HTML, so every piece of data is escaped once here before it
reaches a page: in Python for single strings, with polars expressions for whole columns
(fast enough for 100k events). A plot's data (figure, the page's event table, strings sent
once) travels as one deflated, base64 payload, inflated by the browser's own
DecompressionStream; base64 cannot close the ``<script>`` element. The page script builds
each event's hover from escaped values plus fixed markup, and fills tables with textContent.
Pages inline plotly.js once, carry a Content-Security-Policy that forbids any network
request, and use a plotly ``config`` without cloud links, so they open from disk offline.
"""

from __future__ import annotations

import base64
import html
import json
import zlib
from functools import lru_cache
from typing import Any, Iterable, Sequence

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

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1d2329;background:#fff}
header{background:#1d2b3a;color:#fff;padding:10px 20px}
header h1{margin:0;font-size:20px;font-weight:600}
nav a{color:#cfe3ff;margin-right:18px;text-decoration:none;font-size:14px}
nav a.here{color:#fff;font-weight:600;border-bottom:2px solid #fff}
main{padding:8px 20px 30px}
p.note{color:#47525e;font-size:13px;max-width:1200px;margin:6px 0}
.stats{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.stat{border:1px solid #d8dee4;border-radius:6px;padding:8px 14px;min-width:120px}
.stat b{display:block;font-size:22px}
.stat span{font-size:12px;color:#57606a}
table{border-collapse:collapse;font-size:13px;margin:8px 0 20px;max-width:100%}
th,td{border-bottom:1px solid #e1e4e8;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f5f7}
td.ev{max-width:560px}
td.nw{white-space:nowrap}
h2{font-size:17px;margin:18px 0 6px}
.warn{color:#8a5300}
.filters{margin:6px 0;font-size:13px}
.filters label{margin-right:16px}
.filters select{font-size:13px;padding:2px 4px;max-width:360px}
"""


def esc(value: object) -> str:
    """HTML-escape one value for a page or a hover text; None becomes ''."""
    return "" if value is None else html.escape(str(value), quote=True)


def esc_expr(expr: pl.Expr) -> pl.Expr:
    """The polars version of :func:`esc` for a whole string column (nulls stay null)."""
    return (
        expr.cast(pl.String)
        .str.replace_all("&", "&amp;", literal=True)
        .str.replace_all("<", "&lt;", literal=True)
        .str.replace_all(">", "&gt;", literal=True)
        .str.replace_all('"', "&quot;", literal=True)
        .str.replace_all("'", "&#x27;", literal=True)
    )


def wrap_esc_expr(expr: pl.Expr, width: int = 80, limit: int = 320) -> pl.Expr:
    """Shorten to ``limit`` chars, wrap at ``width`` on spaces, escape, join lines with <br>."""
    short = (
        pl.when(expr.str.len_chars() > limit)
        .then(expr.str.slice(0, limit - 1) + "…")
        .otherwise(expr)
    )
    wrapped = short.str.replace_all(r"\s+", " ").str.replace_all(
        rf"(\S.{{0,{width - 1}}})(?:\s+|$)", "${1}\n"
    ).str.strip_chars()
    return esc_expr(wrapped).str.replace_all("\n", "<br>", literal=True)


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
#: zlib level of the page data: 6 is within a few % of 9 at a third of the time; above
#: FAST_DEFLATE_ABOVE bytes of JSON (positions of 100k events, no text) level 1, 4x faster.
DEFLATE_LEVEL = 6
FAST_DEFLATE_ABOVE = 2_000_000


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


#: Columns whose text is sent word by word (a table of distinct words + one character per word)
#: when words repeat enough for that to be smaller: at least WORD_CODE_MIN_REPEAT uses per word.
WORD_CODED = ("evidence",)
WORD_CODE_MIN_REPEAT = 20
#: Word codes: first the printable ASCII characters that need no JSON escape, then U+0100 on
#: (skipping the surrogates); WORDS_JS decodes them.
_SAFE = [chr(c) for c in range(0x20, 0x7F) if chr(c) not in '"\\']


def _word_char(k: int) -> str:
    if k < len(_SAFE):
        return _SAFE[k]
    c = 0x100 + k - len(_SAFE)
    return chr(c + 0x800 if c >= 0xD800 else c)


def _word_coded(values: list[str | None]) -> dict | None:
    """``{"w": distinct words, most used first, "c": each text as one character per word}`` for
    texts split on single spaces, or None if the words do not repeat enough to gain."""
    tokens = [v.split(" ") if v is not None else None for v in values]
    counts: dict[str, int] = {}
    n = 0
    for words in tokens:
        if words is not None:
            n += len(words)
            for w in words:
                counts[w] = counts.get(w, 0) + 1
    if not counts or n < WORD_CODE_MIN_REPEAT * len(counts) or len(counts) > 0xFFFF - 0x900:
        return None
    vocab = sorted(counts, key=lambda w: (-counts[w], w))
    code = {w: _word_char(k) for k, w in enumerate(vocab)}
    return {"w": vocab, "c": [None if words is None else "".join(map(code.__getitem__, words)) for words in tokens]}


class Raw(str):
    """JSON text to place as is inside a payload (columns of numbers written by polars)."""


def _json_list(e: pl.Expr) -> pl.Expr:
    """A column as the text of a JSON list (numbers, nulls), built by polars."""
    return pl.concat_str(pl.lit("["), e.cast(pl.String).fill_null("null").str.join(","), pl.lit("]"))


def _event_table(events: pl.DataFrame) -> dict:
    """Columns of the page's event table. A string column with repeats (lanes, articles, types)
    is ``{"d": distinct values (sorted), "i": indexes}``; a mostly unique one (evidence) is its
    list, or word-coded (:func:`_word_coded`); numbers and flags are their list (flags as 0/1).
    Every column is encoded in one Polars query (a page has some twenty columns: one query
    each cost more than the encoding itself)."""
    schema = events.schema
    strs = [c for c, t in schema.items() if t == pl.String]
    many: set[str] = set()
    if strs:
        unique = events.select(pl.col(strs).n_unique()).row(0, named=True)
        many = {c for c in strs if unique[c] > 0.7 * events.height}
    exprs = []
    for c, t in schema.items():
        if c in many:
            continue
        if t == pl.String:
            exprs.append(_json_list(pl.col(c).rank("dense").cast(pl.Int32) - 1).alias(c + "\x00i"))
            exprs.append(pl.col(c).drop_nulls().unique().sort().implode().alias(c + "\x00d"))
        else:
            exprs.append(_json_list(pl.col(c).cast(pl.Int8) if t == pl.Boolean else pl.col(c)).alias(c))
    row = events.select(exprs).row(0, named=True) if exprs else {}
    table: dict[str, Any] = {}
    for c, t in schema.items():
        if c in many:
            values = events[c].to_list()
            table[c] = (_word_coded(values) if c in WORD_CODED else None) or values
        elif t == pl.String:
            table[c] = {"d": row[c + "\x00d"], "i": Raw(row[c + "\x00i"])}
        else:
            table[c] = Raw(row[c])
    return table


def _dumps(obj: Any) -> str:
    """Compact JSON; :class:`Raw` strings go in as the JSON text they are."""
    if isinstance(obj, Raw):
        return str(obj)
    if isinstance(obj, dict):
        return "{" + ",".join(f"{_dump(str(k))}:{_dumps(v)}" for k, v in obj.items()) + "}"
    if isinstance(obj, list) and obj and isinstance(obj[0], (dict, list, Raw)):
        return "[" + ",".join(map(_dumps, obj)) + "]"
    return _dump(obj)


def _dump(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=str)


def payload(obj: Any) -> str:
    """``obj`` as JSON, deflated (zlib) and base64-encoded: the page inflates it with the
    browser's own DecompressionStream. Base64 has no '<', '&' or quote, so it is inert in HTML."""
    raw = _dumps(obj).encode("utf-8")
    level = 1 if len(raw) > FAST_DEFLATE_ABOVE else DEFLATE_LEVEL
    return base64.b64encode(zlib.compress(raw, level)).decode("ascii")


def unpayload(blob: str) -> Any:
    """The inverse of :func:`payload` (tests, tools)."""
    return json.loads(zlib.decompress(base64.b64decode(blob)).decode("utf-8"))


#: The page side: inflate the data, rebuild packed arrays, build each event's hover from the
#: event table (values are escaped already; only fixed markup is added), fill the listing
#: table with textContent, then plot. H is the string table, E the event table.
PAGE_JS = r"""
function inflate(b){var a=Uint8Array.from(atob(b),function(c){return c.charCodeAt(0);});
 return new Response(new Blob([a]).stream().pipeThrough(new DecompressionStream('deflate'))).text();}
function unpack(P){var H=P.H,E=P.E;function u(a){return a.map(function(i){return i===null?null:H[i];});}
 if(E&&E.t0){var s=0;E.t0=E.t0.map(function(d){return s+=d;});}
 P.data.forEach(function(t){['x','y','base','hovertext'].forEach(function(k){if(t['_p'+k]){t[k]=u(t['_p'+k]);
  delete t['_p'+k];}});
  if(t._rn!==undefined){var R=[];for(var j=0;j<t._rn;j++)R.push(t._r0+j);
   if(t._k)draw(t,E,R);
   if(t._h){var n=t._k==='seg'?3:1,h=[];R.forEach(function(i){var s=hover(H,E,i);h.push(s);if(n===3)h.push(s,null);});
    t.hovertext=h;}}
  ['_r0','_rn','_k','_s','_h'].forEach(function(k){delete t[k];});});
 if(P.L)listing(H,E,P.L);}
"""
#: The page side of a per-event table (hover, positions, word-coded text, listing).
EVENTS_JS = r"""
function unesc(s){return s===null?'':s.replace(/&(amp|lt|gt|quot|#x27);/g,function(m,e){
 return {amp:'&',lt:'<',gt:'>',quot:'"','#x27':"'"}[e];});}
function wrap(s){if(s===null)return null;if(s.length>320)s=s.slice(0,319).replace(/&[#\w]*$/,'')+'\u2026';
 return s.replace(/(\S.{0,79})(?:\s+|$)/g,'$1\n').trim().split('\n').join('<br>');}
function words(c,x){var o=[];for(var j=0;j<x.length;j++){var k=x.charCodeAt(j);
 o.push(c.w[k<127?k-32-(k>34)-(k>92):k-256-(k>=57344?2048:0)+93]);}return o.join(' ');}
function col(E,k,i){var c=E[k],x;if(!c)return null;if(Array.isArray(c))x=c[i];
 else if(c.w){x=c.c[i];x=x===null||x===undefined?null:words(c,x);}else{x=c.i[i];x=x===null?null:c.d[x];}
 return x===undefined?null:x;}
function hover(H,E,i){var h,v={date_conflict:E.date_conflict,n_mentions:E.n_mentions,n_sources:E.n_sources};
 function g(k){return col(E,k,i);}
 function L(k,x){if(x)h+='<br><b>'+k+':</b> '+x;}
 var m=g('plover_mode'),t=g('time_text'),s=g('source');h='<b>'+g('ylane')+'</b>';
 L('type',g('event_type')+' \u00b7 '+g('ptype')+(m?' / '+m:''));L('when',g('when'));
 L('time expression',t===null?null:'\u201c'+t+'\u201d');L('dated by',g('dated_by'));L('\u26a0 modality',g('modality'));
 L('\u26a0 date',v.date_conflict[i]?'sources disagree on the date':null);L('evidence',wrap(g('evidence')));
 L('reported by',g('reported_by'));L('article',g('article')+(s?' \u2014 '+s:''));
 L('mentions',v.n_mentions[i]+' in '+v.n_sources[i]+' source(s)');return h;}
function X(m){return new Date(m*6e4).toISOString().slice(0,16).replace('T',' ');}
function draw(t,E,R){var Y=R.map(function(i){return col(E,'ylane',i);}),k=t._k;
 if(k==='pt'){t.x=R.map(function(i){return X(E.t0[i]+(E.m?E.m[i]:0));});t.y=Y;}
 else if(k==='bar'){t.base=R.map(function(i){return X(E.t0[i]);});t.x=R.map(function(i){return E.dt[i]*6e4;});t.y=Y;}
 else{t.x=[];t.y=[];R.forEach(function(i,j){t.x.push(X(E.t0[i]),X(E.t0[i]+E.dt[i]),null);t.y.push(Y[j],Y[j],null);});}
 if(t._s!==undefined)t.marker.size=R.map(function(i){return E.s[i]+t._s;});}
function listing(H,E,L){if(document.readyState==='loading'){document.addEventListener('DOMContentLoaded',
 function(){listing(H,E,L);});return;}var el=document.getElementById(L.el),tb=document.createElement('table'),
 th=tb.createTHead().insertRow(),body=tb.createTBody();
 L.head.forEach(function(x){var c=document.createElement('th');c.textContent=x;th.appendChild(c);});
 L.rows.forEach(function(i){var r=body.insertRow();L.cols.forEach(function(k,j){var c=r.insertCell();
  c.textContent=unesc(col(E,k,i));if(L.css[j])c.className=L.css[j];});});
 el.appendChild(tb);}
"""


def plot_div(div_id: str, figure: dict[str, Any], height: int, post_js: str = "", *,
             events: pl.DataFrame | None = None, listing: dict | None = None, pre_js: str = "",
             before: str = "") -> str:
    """A div plus the script that draws ``figure`` (a plain plotly figure dict) into it.

    ``events``: the page's event table (:func:`dashboards_data.positions`, plus the escaped
    :func:`dashboards_data.hover_table` for per-event hover). A trace with ``_k`` covers rows
    ``_r0`` .. ``_r0+_rn-1`` of it: the page script builds its x/y/base from the table's positions
    and, with ``_h``, its hover from the table's text; the ``listing`` rows point into it too.
    Everything travels as one deflated, base64 payload (:func:`payload`), strings sent once.
    ``pre_js`` defines page functions, ``before`` runs on the unpacked data ``P`` before plotting;
    ``figure["N"]`` (network nodes) travels as ``P.N``."""
    index: dict[str, int] = {}
    data = {"data": _pack(figure.get("data", []), index), "layout": figure.get("layout", {})}
    if "N" in figure:
        data["N"] = figure["N"]
    if events is not None:
        data["E"] = _event_table(events)
    if listing is not None:
        data["L"] = listing
    data["H"] = list(index)
    return (
        f'<div id="{esc(div_id)}" class="plot" style="height:{int(height)}px;width:100%"></div>\n'
        f"<script>(function(){{var d=document.getElementById({script_json(div_id)});\n{PAGE_JS}"
        f"{EVENTS_JS if events is not None else ''}{pre_js}\n"
        f'inflate("{payload(data)}").then(function(s){{var P=JSON.parse(s);unpack(P);{before}\n'
        f"return Plotly.newPlot(d,P.data,P.layout,{script_json(PLOTLY_CONFIG)});}})"
        f".then(function(){{{post_js}}}).catch(function(e){{console.error('dateline plot: '+e);"
        "d.textContent='This page could not draw its plot: '+e;});})();"
        "</script>\n"
    )


def page(file_name: str, story: str, heading: str, body: str, *, with_plotly: bool) -> list[bytes]:
    """A complete HTML page with navigation to every other page, as parts to write in order
    (plotly.js is 4.6 MB: writing it as its own part avoids copying it into one big string)."""
    nav = "".join(
        f'<a href="{name}"{" class=here" if name == file_name else ""}>{esc(label)}</a>'
        for name, label in PAGES
    )
    head = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(heading)} · {esc(story)}</title>\n<style>{CSS}</style>\n"
    )
    lib = [b"<script>", plotly_js_bytes(), b"</script>\n"] if with_plotly else []
    rest = (
        f"</head>\n<body><header><h1>{esc(story)} — {esc(heading)}</h1><nav>{nav}</nav></header>\n"
        f"<main>\n{body}\n</main></body></html>\n"
    )
    return [head.encode("utf-8"), *lib, rest.encode("utf-8")]


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], css: Sequence[str] = ()) -> str:
    """An HTML table; every cell is escaped here (callers pass raw values)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    lines = []
    for row in rows:
        cells = "".join(
            f'<td{f" class={css[i]}" if i < len(css) and css[i] else ""}>{esc(v)}</td>'
            for i, v in enumerate(row)
        )
        lines.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def type_colours(types: Iterable[str | None]) -> dict[str, str]:
    """Colour per PLOVER type: fixed for the 16 PLOVER types, palette order for any others."""
    names = sorted({t for t in types if t and t != UNTYPED})
    others = [t for t in names if t.upper() not in PLOVER_COLOURS]
    colours = {t: PLOVER_COLOURS[t.upper()] for t in names if t.upper() in PLOVER_COLOURS}
    colours.update({t: PALETTE[i % len(PALETTE)] for i, t in enumerate(others)})
    colours[UNTYPED] = UNTYPED_COLOUR
    return colours
