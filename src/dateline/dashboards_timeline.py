"""The timeline page: one lane per actor or dyad, events at their true time resolution.

A day (or finer) event is a marker; a coarser event ("last year", "in June") is a bar
over its whole interval, so an analyst never mistakes "2022" for a day in 2022. Colour
is the PLOVER type, marker size the number of mentions, and events dated only by the
publication-date fallback are hollow and faint. Undated events are listed in a table,
never placed on a date. Dropdowns filter by actor (re-lays the lanes) and by type
(toggles traces); buttons jump between the whole story, the story's days and its
busiest day by hour. Above ``WEBGL_ABOVE`` points traces switch to WebGL; above
``AGGREGATE_ABOVE`` events the plot becomes counts per day.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

import polars as pl

from .dashboards_data import iso, lane_order
from .dashboards_html import UNTYPED, esc, plot_div, table, type_colours

WEBGL_ABOVE = 1_000
AGGREGATE_ABOVE = 100_000
MAX_ACTOR_BUTTONS = 60
LANE_PX = 26


def marker_size(n_mentions: pl.Expr) -> pl.Expr:
    """8 px for one mention, growing with the square root, capped at 28 px."""
    return (8 + 5 * (n_mentions.cast(pl.Float64).clip(1, None).sqrt() - 1)).clip(8, 28).round(1)


def _point_trace(rows: pl.DataFrame, group: str, colour: str, *, hollow: bool, gl: bool, show: bool) -> dict:
    return {
        "type": "scattergl" if gl else "scatter",
        "mode": "markers",
        "name": f"{group} (date uncertain)" if hollow else group,
        "legendgroup": group,
        "showlegend": show,
        "x": rows.select(iso(pl.col("xm"))).to_series().to_list(),
        "y": rows["lane"].to_list(),
        "hovertext": rows["hover"].to_list(),
        "hovertemplate": "%{hovertext}<extra></extra>",
        "marker": {
            "color": "rgba(0,0,0,0)" if hollow else colour,
            "size": rows.select(marker_size(pl.col("n_mentions"))).to_series().to_list(),
            "symbol": "circle-open" if hollow else "circle",
            "opacity": 0.55 if hollow else 0.9,
            "line": {"color": colour, "width": 2 if hollow else 0.8},
        },
    }


def _span_trace(rows: pl.DataFrame, name: str, colour: str, *, fallback: bool, gl: bool) -> dict:
    """Bars over the true interval; above the WebGL limit, thick WebGL line segments instead."""
    common = {"name": name, "legendgroup": name, "showlegend": False,
              "hovertemplate": "%{hovertext}<extra></extra>"}
    if gl:
        xs: list[str | None] = []
        ys: list[str | None] = []
        texts: list[str | None] = []
        for x0, x1, lane, hov in rows.select(iso(pl.col("x0")), iso(pl.col("x1")), "lane", "hover").iter_rows():
            xs += [x0, x1, None]
            ys += [lane, lane, None]
            texts += [hov, hov, None]
        return {**common, "type": "scattergl", "mode": "lines", "x": xs, "y": ys, "hovertext": texts,
                "line": {"color": colour, "width": 8}, "opacity": 0.35 if fallback else 0.6}
    dur = rows.select(((pl.col("x1") - pl.col("x0")).dt.total_milliseconds()).alias("ms"))["ms"].to_list()
    return {
        **common, "type": "bar", "orientation": "h",
        "base": rows.select(iso(pl.col("x0"))).to_series().to_list(),
        "x": dur, "y": rows["lane"].to_list(), "hovertext": rows["hover"].to_list(),
        "width": 0.55, "opacity": 0.3 if fallback else 0.55,
        "marker": {"color": colour, "line": {"color": colour, "width": 1.5}},
    }


def traces(dated: pl.DataFrame, colours: dict[str, str]) -> list[dict]:
    """Per PLOVER type: a bar trace for spans, a marker trace, a hollow trace for fallback dates."""
    out: list[dict] = []
    gl = dated.filter(pl.col("kind") == "point").height > WEBGL_ABOVE
    span_gl = dated.filter(pl.col("kind") == "span").height > WEBGL_ABOVE
    for ptype in sorted(dated["ptype"].unique().to_list(), key=lambda t: (t == UNTYPED, t)):
        rows = dated.filter(pl.col("ptype") == ptype)
        colour = colours[ptype]
        spans = rows.filter(pl.col("kind") == "span")
        points = rows.filter((pl.col("kind") == "point") & ~pl.col("fallback"))
        weak = rows.filter((pl.col("kind") == "point") & pl.col("fallback"))
        first = len(out)
        if points.height:
            out.append(_point_trace(points, ptype, colour, hollow=False, gl=gl, show=False))
        if spans.height:
            out.append(_span_trace(spans, ptype, colour, fallback=False, gl=span_gl))
        if weak.height:
            out.append(_point_trace(weak, ptype, colour, hollow=True, gl=gl, show=False))
        out[first]["showlegend"] = True  # one legend entry per type; clicking it toggles the group
    return out


def legend_keys() -> list[dict]:
    """Legend-only entries explaining the encodings (no data)."""
    return [
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
    fine = dated.filter(pl.col("kind") == "point")
    if fine.height == 0:
        return None
    lo, hi = fine["x0"].min(), fine["x1"].max()
    pad = timedelta(hours=12)
    return [(lo - pad).strftime("%Y-%m-%d %H:%M"), (hi + pad).strftime("%Y-%m-%d %H:%M")]


def busiest_day(dated: pl.DataFrame) -> Any | None:
    """The day with most day-or-finer events (ties: the earliest)."""
    fine = dated.filter(pl.col("kind") == "point")
    if fine.height == 0:
        return None
    per_day = fine.group_by("date_start").len().sort(["len", "date_start"], descending=[True, False])
    return per_day["date_start"][0]


def menus(dated: pl.DataFrame, data: list[dict], lanes: list[str]) -> list[dict]:
    """Type dropdown (restyle), actor dropdown (relayout lanes), range buttons (relayout x)."""
    types = sorted({t["legendgroup"] for t in data if not t["legendgroup"].startswith("_")})
    type_buttons = [{"label": "All types", "method": "restyle", "args": [{"visible": [True] * len(data)}]}]
    for t in types:
        vis = [d["legendgroup"].startswith("_") or d["legendgroup"] == t for d in data]
        type_buttons.append({"label": t, "method": "restyle", "args": [{"visible": vis}]})
    full = _lanes_layout(lanes)
    actor_buttons = [{"label": "All actors", "method": "relayout", "args": [full]}]
    for actor in top_actors(dated):
        mine = [lane for lane in lanes if actor in lane_actors(lane)]
        actor_buttons.append({"label": actor[:40], "method": "relayout", "args": [_lanes_layout(mine)]})
    range_buttons = [{"label": "All dates", "method": "relayout", "args": [{"xaxis.autorange": True}]}]
    focus = focus_range(dated)
    if focus:
        range_buttons.append({"label": "Story days", "method": "relayout", "args": [{"xaxis.range": focus}]})
    day = busiest_day(dated)
    if day is not None:
        range_buttons.append({"label": f"Busiest day {day:%d %b} (hours)", "method": "relayout",
                              "args": [{"xaxis.range": _day_range(day)}]})
    style = {"type": "dropdown", "direction": "down", "yanchor": "bottom", "y": 1.02, "xanchor": "left",
             "bgcolor": "#f6f8fa", "font": {"size": 12}}
    return [
        {**style, "x": 0.0, "buttons": type_buttons, "active": 0, "name": "type"},
        {**style, "x": 0.17, "buttons": actor_buttons, "active": 0, "name": "actor"},
        {"type": "buttons", "direction": "left", "x": 0.38, "y": 1.02, "yanchor": "bottom", "xanchor": "left",
         "buttons": range_buttons, "bgcolor": "#f6f8fa", "font": {"size": 12}, "showactive": True,
         "active": 1 if focus else 0},
    ]


def lane_actors(lane: str) -> list[str]:
    return lane.split(" → ")


def top_actors(dated: pl.DataFrame) -> list[str]:
    """Actors with most events (for the actor dropdown), alphabetically."""
    names = pl.concat([dated["source_actor"], dated["target_actor"]]).drop_nulls()
    if names.len() == 0:
        return []
    counts = names.value_counts(sort=True, name="n").sort(["n", names.name], descending=[True, False])
    return sorted(counts.head(MAX_ACTOR_BUTTONS)[names.name].to_list())


def _lanes_layout(lanes: list[str]) -> dict:
    return {"yaxis.categoryarray": lanes, "yaxis.range": [len(lanes) - 0.5, -0.5]}


def figure(dated: pl.DataFrame, story: str) -> dict:
    """The plotly figure dict (per-event traces; see :func:`aggregate_figure` for huge sets)."""
    colours = type_colours(dated["ptype"].unique().to_list())
    lanes = lane_order(dated)
    data = traces(dated, colours) + legend_keys()
    focus = focus_range(dated)
    layout = {
        "template": "plotly_white",
        "margin": {"l": 10, "r": 10, "t": 70, "b": 40},
        "hovermode": "closest",
        "hoverlabel": {"align": "left", "bgcolor": "white", "font": {"size": 12}},
        "barmode": "overlay",
        "legend": {"title": {"text": "PLOVER type"}, "orientation": "v", "x": 1.01, "y": 1},
        "xaxis": {"type": "date", "rangeslider": {"visible": True, "thickness": 0.06},
                  "showgrid": True, "gridcolor": "#eee", "tickformatstops": _tickformats(),
                  **({"range": focus} if focus else {"autorange": True})},
        "yaxis": {"type": "category", "categoryorder": "array", "categoryarray": lanes,
                  "range": [len(lanes) - 0.5, -0.5], "automargin": True, "showgrid": True,
                  "gridcolor": "#f0f0f0", "fixedrange": False, "title": {"text": ""}},
        "updatemenus": menus(dated, data, lanes),
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
            "type": "bar", "name": ptype, "marker": {"color": colours[ptype]},
            "x": rows.select(pl.col("date_start").cast(pl.String)).to_series().to_list(),
            "y": rows["len"].to_list(),
            "hovertemplate": "%{x|%a %d %b %Y}: %{y} events<extra>" + esc(ptype) + "</extra>",
        })
    layout = {"template": "plotly_white", "barmode": "stack", "margin": {"l": 50, "r": 10, "t": 30, "b": 40},
              "xaxis": {"type": "date", "rangeslider": {"visible": True}},
              "yaxis": {"title": {"text": "events starting that day"}},
              "legend": {"title": {"text": "PLOVER type"}}}
    return {"data": data, "layout": layout}


def undated_table(undated: pl.DataFrame) -> str:
    if undated.height == 0:
        return "<p class=note>Every event has a date.</p>"
    rows = undated.select(
        "lane", "event_type", "ptype", "date_method", "time_text", "evidence", "reported_by", "article", "source"
    ).iter_rows()
    return table(["actors", "event", "PLOVER type", "dated by", "time expression", "evidence", "reported by",
                  "article", "source"], rows, css=["", "", "", "", "", "ev"])


def body(events: pl.DataFrame, story: str) -> str:
    """The page body: explanation, plot, undated events."""
    dated = events.filter(pl.col("dated"))
    undated = events.filter(~pl.col("dated"))
    n_weak = dated.filter(pl.col("fallback")).height
    n_span = dated.filter(pl.col("kind") == "span").height
    if dated.height > AGGREGATE_ABOVE:
        fig = aggregate_figure(dated)
        note = (f"{dated.height:,} dated events: too many to draw one by one, so this shows counts per start day "
                "by PLOVER type. Every event is in timeline.csv.")
        height = 560
    else:
        fig = figure(dated, story)
        lanes = len(fig["layout"]["yaxis"]["categoryarray"])
        height = max(460, min(2600, 170 + LANE_PX * lanes))
        note = (f"{dated.height:,} dated events in {lanes:,} actor lanes (ordered by first appearance). "
                "Markers are events dated to a day or finer; bars span the whole interval of coarser dates "
                f"({n_span:,} events: a week, month, year…). Colour = PLOVER type, size = number of mentions. "
                f"Hollow, faint markers ({n_weak:,}) had no time expression and sit on the publication day — "
                "treat their date as uncertain. Use the slider or drag to zoom (down to hours); "
                "the dropdowns filter by type and actor.")
        if dated.height > 5_000:
            note += " At this size hover shows a compact summary; the evidence is in timeline.csv."
    if dated.height == 0:
        plot = "<p class=note>No dated events to draw.</p>"
    else:
        plot = plot_div("timeline", fig, height)
    return (
        f"<p class=note>{esc(note)}</p>\n{plot}"
        f"<h2>Undated events ({undated.height:,}) — not placed on the timeline</h2>\n{undated_table(undated)}\n"
        "<p class=note>Download: <a href=\"timeline.csv\">timeline.csv</a> (every event on this page).</p>"
    )
