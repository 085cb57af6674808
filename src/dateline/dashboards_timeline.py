"""The timeline page: one lane per actor or dyad, events at their true time resolution.

A day (or finer) event is a marker; a coarser event ("last year", "in June") is a bar
over its whole interval, so an analyst never mistakes "2022" for a day in 2022. Colour
is the PLOVER type, marker size the number of mentions, and events dated only by the
publication-date fallback are hollow and faint. Undated events are listed in a table,
never placed on a date. Two selects filter by actor (re-lays the lanes) and by type
(toggles traces); buttons jump between the whole story, the story's days and its
busiest day by hour. Above ``WEBGL_ABOVE`` points traces switch to WebGL; above
``AGGREGATE_ABOVE`` events the plot becomes counts per day.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import polars as pl

from .dashboards_data import (brief_hover, has_full_hover, hover_fields, hover_table, lane_actors, lane_order,
                              positions, with_index)
from .dashboards_html import UNTYPED, esc, esc_expr, plot_div, table, type_colours

WEBGL_ABOVE = 1_000
AGGREGATE_ABOVE = 100_000
LANE_PX = 26
TABLE_ROWS = 200


DAY_MS, HOUR_MS = 86_400_000, 3_600_000
POINT_TEMPLATES = {
    "day": "<b>%{y}</b><br>%{x|%a %d %b %Y} (day)<extra>%{fullData.name}</extra>",
    "sub": "<b>%{y}</b><br>%{x|%a %d %b %Y %H:%M}<extra>%{fullData.name}</extra>",
    "weak": "<b>%{y}</b><br>%{x|%a %d %b %Y}<br>⚠ publication date used (uncertain)<extra>%{fullData.name}</extra>",
}
#: Marker shape per style, and for events the text does not assert as having happened.
STYLE_SYMBOLS = {"day": "circle", "sub": "diamond", "weak": "circle-open"}
MODALITY_SYMBOLS = {"negated": "x", "reported_denial": "x", "planned": "triangle-right",
                    "possible": "triangle-right", "alleged": "star"}


def symbol_expr() -> pl.Expr:
    """Per event: the style's shape for asserted events; a cross for negated/denied, a right
    triangle for planned or possible ones (hollow for publication-date ones), so a denial never
    looks like a fact."""
    odd = pl.col("modality").replace_strict(MODALITY_SYMBOLS, default=None, return_dtype=pl.String)
    base = pl.col("style").replace_strict(STYLE_SYMBOLS, default="circle", return_dtype=pl.String)
    hollow = pl.when(pl.col("style") == "weak").then(pl.lit("-open")).otherwise(pl.lit(""))
    return pl.when(odd.is_not_null()).then(odd + hollow).otherwise(base).alias("sym")


class Run:
    """One trace's events: rows r0..r0+rn-1 of the page's event table, with what the trace
    needs to know about them (all in one group-by; see :func:`trace_runs`)."""

    def __init__(self, r0: int, rn: int, s0: int, s1: int, odd: bool, frame: pl.DataFrame, full: bool):
        self.r0, self.rn, self.odd, self.frame, self.full = r0, rn, odd, frame, full
        self.size = s0 if s0 == s1 else None

    def rows(self) -> pl.DataFrame:
        return self.frame.slice(self.r0, self.rn)

    def spec(self, kind: str) -> dict:
        """What the page script reads: ``_k`` pt (marker at t0+m) | bar (base t0, length dt) |
        seg (a line t0 -> t0+dt per event), over rows ``_r0`` .. ``_r0+_rn-1``."""
        return {"_k": kind, "_r0": self.r0, "_rn": self.rn}

    def marker_size(self, extra: int = 0) -> dict:
        """A number if every marker has the same size, else sizes from the table (``_s`` added)."""
        return {"size": self.size + extra} if self.size is not None else {}


def trace_runs(frame: pl.DataFrame, *keys: str, full: bool) -> dict[tuple, Run]:
    """A :class:`Run` per ``keys`` group of a page's event table (sorted so groups are runs)."""
    agg = frame.group_by(*keys, maintain_order=True).agg(
        pl.col("_i").first().alias("r0"), pl.len().alias("rn"), pl.col("msize").min().alias("s0"),
        pl.col("msize").max().alias("s1"), pl.col("modality").is_in(list(MODALITY_SYMBOLS)).any().alias("odd"))
    k = len(keys)
    return {row[:k]: Run(*row[k:], frame=frame, full=full) for row in agg.iter_rows()}


def _point_trace(run: Run, group: str, colour: str, *, style: str, gl: bool) -> dict:
    """Markers at their time; style 'day' | 'sub' (finer than a day) | 'weak' (publication fallback)."""
    hollow = style == "weak"
    base = STYLE_SYMBOLS[style]
    symbol = run.rows().select(symbol_expr())["sym"].to_list() if run.odd else base
    out = {
        "type": "scattergl" if gl else "scatter",
        "mode": "markers",
        "name": f"{group} (date uncertain)" if hollow else group,
        "legendgroup": group,
        "showlegend": False,
        **run.spec("pt"),
        **hover_fields(run.full, POINT_TEMPLATES[style]),
        "marker": {
            "color": colour,
            **run.marker_size(),
            "symbol": symbol,
            "opacity": 0.6 if hollow else 0.9,
            "line": {"color": colour if hollow else "white", "width": 2 if hollow else 0.8},
        },
    }
    return out if run.size is not None else {**out, "_s": 0}


def _interval_lines(run: Run, group: str, colour: str, *, gl: bool) -> dict:
    """A thin line across each marker's true interval: the whole day for a day event, the
    window for "this morning", so zooming to hours never suggests a day event was at noon."""
    return {"type": "scattergl" if gl else "scatter", "mode": "lines", "name": group, "legendgroup": group,
            "showlegend": False, "hoverinfo": "skip", **run.spec("seg"), "opacity": 0.4,
            "line": {"color": colour, "width": 1.5}}


def _span_trace(run: Run, group: str, colour: str, *, gl: bool) -> dict:
    """Bars over the true interval; above the WebGL limit, thick WebGL line segments instead."""
    common = {"name": group, "legendgroup": group, "showlegend": False,
              "hovertemplate": "%{hovertext}<extra></extra>", **run.spec("seg" if gl else "bar")}
    if run.full:
        common["_h"] = 1
    else:
        brief = brief_hover(run.rows())
        common["hovertext"] = [v for h in brief for v in (h, h, None)] if gl else brief
    if gl:
        return {**common, "type": "scattergl", "mode": "lines", "line": {"color": colour, "width": 8},
                "opacity": 0.6}
    return {**common, "type": "bar", "orientation": "h", "width": 0.55, "opacity": 0.55,
            "marker": {"color": colour, "line": {"color": colour, "width": 1.5}}}


def traces(dated: pl.DataFrame, colours: dict[str, str]) -> list[dict]:
    """Per PLOVER type: circles for days, diamonds for hours, hollow for fallback dates, bars for spans."""
    out: list[dict] = []
    gl = dated.filter(pl.col("kind") == "point").height > WEBGL_ABOVE
    span_gl = dated.filter(pl.col("kind") == "span").height > WEBGL_ABOVE
    parts = trace_runs(dated, "ptype", "style", full=has_full_hover(dated))
    for ptype in sorted(dated["ptype"].unique().to_list(), key=lambda t: (t == UNTYPED, t)):
        group = esc(ptype)
        first = len(out)
        for style in ("day", "sub", "weak", "span"):
            run = parts.get((ptype, style))
            if run is None:
                continue
            if style == "span":
                out.append(_span_trace(run, group, colours[ptype], gl=span_gl))
            else:
                if not gl:  # above the WebGL limit the lines would only add clutter and weight
                    out.append(_interval_lines(run, group, colours[ptype], gl=gl))
                out.append(_point_trace(run, group, colours[ptype], style=style, gl=gl))
        # one legend entry per type (on a marker or bar, not an interval line); it toggles the group
        next(t for t in out[first:] if t.get("hoverinfo") != "skip")["showlegend"] = True
    return out


def legend_keys(dated: pl.DataFrame) -> list[dict]:
    """Legend-only entries explaining the encodings (no data)."""
    modality = set(dated["modality"].drop_nulls().unique().to_list())
    extra = []
    if modality & {"negated", "reported_denial"}:
        extra.append({"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": "✕ negated / denied",
                      "marker": {"symbol": "x", "color": "#555", "size": 10}, "hoverinfo": "skip",
                      "legendgroup": "_key3"})
    if "alleged" in modality:
        extra.append({"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": "★ alleged (accused of)",
                      "marker": {"symbol": "star", "color": "#555", "size": 10}, "hoverinfo": "skip",
                      "legendgroup": "_key5"})
    if modality & {"planned", "possible"}:
        extra.append({"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": "▶ planned / possible",
                      "marker": {"symbol": "triangle-right", "color": "#555", "size": 10}, "hoverinfo": "skip",
                      "legendgroup": "_key4"})
    return extra + [
        {"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": "○ hollow = publication date used",
         "marker": {"symbol": "circle-open", "color": "#555", "size": 10}, "hoverinfo": "skip",
         "legendgroup": "_key"},
        {"type": "scatter", "mode": "lines", "x": [None], "y": [None], "name": "▬ bar = coarse date (whole interval)",
         "line": {"color": "#888", "width": 8}, "hoverinfo": "skip", "legendgroup": "_key2"},
    ]


def _day_range(day: Any) -> list[str]:
    return [f"{day} 00:00", f"{day + timedelta(days=1)} 00:00"]


def focus_range(dated: pl.DataFrame) -> list[str] | None:
    """The days the story happens on (day-or-finer events), padded by half a day."""
    point = pl.col("kind") == "point"  # aggregates over two columns, not a filtered copy of the frame
    n, lo, hi = dated.select(point.sum(), pl.col("x0").filter(point).min(), pl.col("x1").filter(point).max()).row(0)
    if not n:
        return None
    pad = timedelta(hours=12)
    return [(lo - pad).strftime("%Y-%m-%d %H:%M"), (hi + pad).strftime("%Y-%m-%d %H:%M")]


def busiest_day(dated: pl.DataFrame) -> Any | None:
    """The day with most day-or-finer events (ties: the earliest)."""
    fine = dated.select("date_start", "kind").filter(pl.col("kind") == "point")
    if fine.height == 0:
        return None
    per_day = fine.group_by("date_start").len().sort(["len", "date_start"], descending=[True, False])
    return per_day["date_start"][0]




def _minor_grid(step_ms: int) -> dict:
    """A faint grid line per day (or hour), so a marker is read against the right day even
    when the labelled ticks are two days apart. Only for short ranges: over years it would
    draw thousands of lines, so "All dates" turns it off."""
    return {"xaxis.minor.showgrid": True, "xaxis.minor.dtick": step_ms, "xaxis.minor.gridcolor": "#d9dde2",
            "xaxis.minor.tick0": "2000-01-01"}


def range_buttons(dated: pl.DataFrame) -> list[dict]:
    """Buttons jumping the x axis: all dates, the story's days, its busiest day by hour."""
    buttons = [{"label": "All dates", "method": "relayout",
                "args": [{"xaxis.autorange": True, "xaxis.minor.showgrid": False}]}]
    focus = focus_range(dated)
    if focus:
        buttons.append({"label": "Story days", "method": "relayout",
                        "args": [{"xaxis.range": focus, **_minor_grid(DAY_MS)}]})
    day = busiest_day(dated)
    if day is not None:
        buttons.append({"label": f"Busiest day {day:%d %b} (hours)", "method": "relayout",
                        "args": [{"xaxis.range": _day_range(day), **_minor_grid(HOUR_MS)}]})
    return [{"type": "buttons", "direction": "left", "x": 0.0, "y": 1.0, "yanchor": "bottom", "xanchor": "left",
             "pad": {"b": 44},
             "buttons": buttons, "bgcolor": "#f6f8fa", "font": {"size": 12}, "showactive": True,
             "active": 1 if focus else 0}]


def filters(dated: pl.DataFrame) -> str:
    """The actor and type <select>s above the plot (options escaped; values match escaped lanes).
    The actors' options are added by the page (ACTORS_JS) from its event table's actors (every
    source and target actor of the dated events, sorted)."""
    types = sorted({esc(t) for t in dated["ptype"].unique().to_list()})
    type_opts = "".join(f'<option value="{esc(t)}">{t}</option>' for t in types)
    return ('<div class="filters"><label>Actor <select id="actor-filter"><option value="">All actors</option>'
            '</select></label> <label>Type <select id="type-filter"><option value="">All types'
            f'</option>{type_opts}</select></label></div>')


#: One option per actor of the event table (escaped names: the value matches the lanes, the
#: text is shown as text), before plotting.
ACTORS_JS = """function actors(A){const s=document.getElementById('actor-filter');for(const a of A){
 const o=s.appendChild(document.createElement('option'));o.value=a;o.textContent=unesc(a);}}
"""
#: Wires the selects: actor -> keep lanes naming that actor; type -> show that legend group.
FILTER_JS = """const all=d.layout.yaxis.categoryarray.slice();
document.getElementById('actor-filter').addEventListener('change',e=>{const a=e.target.value,
 keep=a?all.filter(l=>l.split(' \u2192 ').includes(a)):all;
 d.style.height=Math.max(460,Math.min(2600,170+26*keep.length))+'px';
 Plotly.relayout(d,{'yaxis.categoryarray':keep,'yaxis.range':[keep.length-0.5,-0.5]})
  .then(()=>Plotly.Plots.resize(d));});
document.getElementById('type-filter').addEventListener('change',e=>{const t=e.target.value;
 Plotly.restyle(d,{visible:d.data.map(tr=>!t||tr.legendgroup===t||tr.legendgroup.charAt(0)==='_')});});
"""


def figure(dated: pl.DataFrame) -> dict:
    """The plotly figure dict (per-event traces; see :func:`aggregate_figure` for huge sets)."""
    colours = type_colours(dated["ptype"].unique().to_list())
    lanes = lane_order(dated)
    data = traces(dated, colours) + legend_keys(dated)
    focus = focus_range(dated)
    layout = {
        "template": "plotly_white",
        "margin": {"l": 10, "r": 10, "t": 110, "b": 40},
        "hovermode": "closest",
        "hoverlabel": {"align": "left", "bgcolor": "white", "font": {"size": 12}},
        "barmode": "overlay",
        "legend": {"title": {"text": "PLOVER type"}, "orientation": "v", "x": 1.01, "y": 1},
        "xaxis": {"type": "date", "rangeslider": {"visible": True, "thickness": 0.06}, "side": "top",
                  "showgrid": True, "gridcolor": "#b8bec6", "tickformatstops": _tickformats(),
                  **({"range": focus, "minor": {"showgrid": True, "dtick": DAY_MS, "gridcolor": "#d9dde2",
                                                "tick0": "2000-01-01"}} if focus else {"autorange": True})},
        "yaxis": {"type": "category", "categoryorder": "array", "categoryarray": lanes,
                  "range": [len(lanes) - 0.5, -0.5], "automargin": True, "showgrid": True,
                  "gridcolor": "#f0f0f0", "fixedrange": False, "title": {"text": ""}},
        "updatemenus": range_buttons(dated),
    }
    return {"data": data, "layout": layout}


def _tickformats() -> list[dict]:
    """Tick labels that go from years down to hours as the analyst zooms in."""
    hour, day = 3_600_000, 86_400_000
    return [
        {"dtickrange": [None, hour], "value": "%H:%M\n%d %b"},
        {"dtickrange": [hour, day], "value": "%H:%M\n%a %d %b"},
        {"dtickrange": [day, 7 * day], "value": "%a %d %b\n%Y"},
        {"dtickrange": [7 * day, "M1"], "value": "%d %b\n%Y"},
        {"dtickrange": ["M1", "M12"], "value": "%b %Y"},
        {"dtickrange": ["M12", None], "value": "%Y"},
    ]


def aggregate_figure(dated: pl.DataFrame) -> dict:
    """Counts of events per start day, stacked by PLOVER type (for very large sets)."""
    colours = type_colours(dated["ptype"].unique().to_list())
    per_day = dated.group_by("date_start", "ptype").len().sort("date_start", "ptype")
    data = []
    for ptype in sorted(per_day["ptype"].unique().to_list()):
        rows = per_day.filter(pl.col("ptype") == ptype)
        data.append({
            "type": "bar", "name": esc(ptype), "marker": {"color": colours[ptype]},
            "x": rows.select(pl.col("date_start").cast(pl.String)).to_series().to_list(),
            "y": rows["len"].to_list(),
            "hovertemplate": "%{x|%a %d %b %Y}: %{y} events<extra>" + esc(ptype) + "</extra>",
        })
    layout = {"template": "plotly_white", "barmode": "stack", "margin": {"l": 50, "r": 10, "t": 30, "b": 40},
              "xaxis": {"type": "date", "rangeslider": {"visible": True}},
              "yaxis": {"title": {"text": "events starting that day"}},
              "legend": {"title": {"text": "PLOVER type"}}}
    return {"data": data, "layout": layout}


#: The undated events' table: columns, headings, cell classes.
UNDATED_COLUMNS = ("lane", "event_type", "ptype", "method", "time_text", "evidence", "reported_by", "article",
                   "source")
UNDATED_HEAD = ["actors", "event", "PLOVER type", "dated by", "time expression", "evidence", "reported by", "article",
                "source"]
UNDATED_CSS = ["", "", "", "", "", "ev", "", "", ""]


def undated_table(undated: pl.DataFrame, *, in_plot: bool = False) -> tuple[str, pl.DataFrame | None]:
    """The undated events' table, at most TABLE_ROWS rows: as HTML, or with ``in_plot`` an empty
    ``<div id="undated">`` plus the rows (escaped) for the plot's data, which the page script fills
    in with textContent (the evidence then travels deflated with the plot's)."""
    if undated.height == 0:
        return "<p class=note>Every event has a date.</p>", None
    more = ""
    if undated.height > TABLE_ROWS:
        more = f"<p class=note>… and {undated.height - TABLE_ROWS:,} more undated events in timeline.csv.</p>"
        undated = undated.head(TABLE_ROWS)
    if in_plot:
        return '<div id="undated"></div>' + more, undated.select(esc_expr(pl.col(c)).alias(c) for c in UNDATED_COLUMNS)
    rows = undated.select(UNDATED_COLUMNS).iter_rows()
    return table(UNDATED_HEAD, rows, css=UNDATED_CSS) + more, None


def body(events: pl.DataFrame) -> str:
    """The page body: explanation, plot, undated events."""
    # rows in trace order (type, then style), so each trace's hover rows are one run of the event table
    style_rank = pl.col("style").replace_strict({"day": 0, "sub": 1, "weak": 2, "span": 3}, return_dtype=pl.Int8)
    dated = with_index(events.filter(pl.col("dated")).sort(pl.col("ptype") == UNTYPED, "ptype", style_rank,
                                                           maintain_order=True))
    undated = events.filter(~pl.col("dated"))
    n_weak, n_span = dated.select(pl.col("fallback").sum(), (pl.col("kind") == "span").sum()).row(0)
    if dated.height > AGGREGATE_ABOVE:
        fig = aggregate_figure(dated)
        note = (f"{dated.height:,} dated events: too many to draw one by one, so this shows counts per start day "
                "by PLOVER type. Every event is in timeline.csv.")
        height = 560
    else:
        fig = figure(dated)
        lanes = len(fig["layout"]["yaxis"]["categoryarray"])
        height = max(460, min(2600, 170 + LANE_PX * lanes))
        note = (f"{dated.height:,} dated events in {lanes:,} actor lanes (ordered by first appearance). "
                "Circles are events dated to a day, diamonds to an hour or part of the day (the thin line under "
                "a marker is its true interval); bars span the whole interval of coarser dates "
                f"({n_span:,} events: a week, month, year…). Colour = PLOVER type, size = number of mentions. "
                f"Hollow, faint markers ({n_weak:,}) had no time expression and sit on the publication day — "
                "treat their date as uncertain. Use the slider or drag to zoom (down to hours); "
                "the selects above filter by actor and type.")
        if not has_full_hover(events):
            note += (" At this size hover shows actors, date and type only; the evidence, time expression and "
                     "article of every event are in timeline.csv.")
    per_event = 0 < dated.height <= AGGREGATE_ABOVE
    undated_html, undated_rows = undated_table(undated, in_plot=per_event)
    if dated.height == 0:
        plot = "<p class=note>No dated events to draw.</p>"
    elif not per_event:
        plot = plot_div("timeline", fig, height)
    else:
        table_ = positions(dated)
        if has_full_hover(dated):
            table_ = pl.concat([table_, hover_table(dated)], how="horizontal")
        # the y axis' lanes travel as actor codes (the page writes the labels), not as text again
        fig["Y"] = lane_actors(dated, fig["layout"]["yaxis"].pop("categoryarray"))
        listing, tables = None, None
        if undated_rows is not None:
            listing = {"el": "undated", "t": "U", "head": UNDATED_HEAD, "cols": list(UNDATED_COLUMNS),
                       "css": UNDATED_CSS}
            tables = {"U": undated_rows}
        plot = filters(dated) + plot_div("timeline", fig, height, FILTER_JS, events=table_, listing=listing,
                                         tables=tables, pre_js=ACTORS_JS, before="actors(P.E._A);")
    return (
        f"<p class=note>{esc(note)}</p>\n{plot}"
        f"<h2>Undated events ({undated.height:,}) — not placed on the timeline</h2>\n{undated_html}\n"
        "<p class=note>Download: <a href=\"timeline.csv\">timeline.csv</a> (every event on this page).</p>"
    )
