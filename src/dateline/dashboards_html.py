"""HTML building blocks shared by the dashboard pages: escaping, page shell, tables, plots.

Article titles and sentences come from the web and are untrusted, and plotly renders
hover text as (a subset of) HTML, so every piece of data is escaped once here before it
reaches a page: in Python for single strings, with polars expressions for whole columns
(fast enough for 100k events). Figures are embedded as JSON with ``<``, ``>`` and ``&``
written as ``\\u003c``-style escapes, so no data can close the ``<script>`` element.
Pages inline plotly.js once, carry a Content-Security-Policy that forbids any network
request, and use a plotly ``config`` without cloud links, so they open from disk offline.
"""

from __future__ import annotations

import html
import json
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


#: Trace arrays of strings that repeat (dates, lanes) and are sent as indexes into one table.
PACKED_KEYS = ("x", "y", "base", "hovertext")
PACK_MIN = 20


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


def _pack(data: list[dict]) -> tuple[list[str], list[dict]]:
    """Send repeated strings once. Each trace's ``hoverparts`` (segments per point) becomes
    ``_h`` (lists of indexes) and long string arrays (x, y, base, hovertext) become ``_p<key>``
    (indexes) into one table of distinct strings: labels, days, lanes and article lines
    repeat across events. The page script (UNPACK_JS) rebuilds the arrays before plotting."""
    index: dict[str, int] = {}
    packed = []
    for trace in data:
        trace = dict(trace)
        parts = trace.pop("hoverparts", None)
        if parts is not None:
            trace["_h"] = [None if p is None else [index.setdefault(seg, len(index)) for seg in p]
                           for p in parts]
        for key in PACKED_KEYS:
            if _is_strings(trace.get(key)):
                trace[f"_p{key}"] = _codes(trace.pop(key), index)
        packed.append(trace)
    return list(index), packed


#: Rebuilds what _pack packed: H is the string table.
UNPACK_JS = (
    "function u(a){return a.map(function(i){return i===null?null:H[i];});}"
    "data.forEach(function(t){if(t._h){t.hovertext=t._h.map(function(a){return a?u(a).join(''):null;});"
    "delete t._h;}['x','y','base','hovertext'].forEach(function(k){if(t['_p'+k]){t[k]=u(t['_p'+k]);"
    "delete t['_p'+k];}});});"
)


def plot_div(div_id: str, figure: dict[str, Any], height: int, post_js: str = "") -> str:
    """A div plus the script that draws ``figure`` (a plain plotly figure dict) into it."""
    segments, traces = _pack(figure.get("data", []))
    return (
        f'<div id="{esc(div_id)}" class="plot" style="height:{int(height)}px;width:100%"></div>\n'
        f"<script>(function(){{var d=document.getElementById({script_json(div_id)});\n"
        f"var H={script_json(segments)};\nvar data={script_json(traces)};\n"
        f"var layout={script_json(figure.get('layout', {}))};\n{UNPACK_JS}\n"
        f"Plotly.newPlot(d,data,layout,{script_json(PLOTLY_CONFIG)}).then(function(){{{post_js}}});}})();"
        "</script>\n"
    )


def page(file_name: str, story: str, heading: str, body: str, *, with_plotly: bool) -> list[str]:
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
    lib = ["<script>", plotly_js(), "</script>\n"] if with_plotly else []
    rest = (
        f"</head>\n<body><header><h1>{esc(story)} — {esc(heading)}</h1><nav>{nav}</nav></header>\n"
        f"<main>\n{body}\n</main></body></html>\n"
    )
    return [head, *lib, rest]


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
