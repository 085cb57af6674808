"""The day page: one day of the story by hour and part of day.

News stories are told in hours ("this morning", "late on Saturday", "at 8pm"). This page
puts the events of one day on a 24-hour axis: hour events as markers at their time,
part-of-day events as bars over their window (morning = 06-12, ...), and events known
only to the day as a faint all-day band, so the analyst sees what is timed and what is
not. It opens on the busiest day; a dropdown switches to any other day with sub-day
events. The parts of the day are shaded and labelled behind the events.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import polars as pl

from .dashboards_data import (SUB_DAY, brief_hover, has_full_hover, hover_fields, hover_table, lane_target, positions,
                              with_index)
from .dashboards_html import UNTYPED, esc, plot_div, type_colours
from .dashboards_timeline import WEBGL_ABOVE, Run, trace_runs

MAX_DAYS = 31
EVENTS_BUDGET = 10_000
TABLE_ROWS = 300
#: Columns of the listing below the plot besides the lane and the position (``wk``/``te``: what
#: the page writes ``when`` from, see dashboards_data.when_code).
LISTED = ("wk", "te", "event_type", "time_text", "evidence", "article")
#: Shaded parts of the day (start hour, end hour, label); the windows of intervals.PART_OF_DAY.
PARTS = ((0, 6, "night"), (6, 12, "morning"), (12, 18, "afternoon"), (18, 22, "evening"), (22, 24, "night"))


def day_events(events: pl.DataFrame) -> pl.DataFrame:
    """Dated events inside a single day (hour, part-of-day or day granularity). Events dated
    only by the publication-date fallback are left out: the text never put them on that day."""
    return events.filter(
        pl.col("dated") & (pl.col("kind") == "point") & ~pl.col("fallback")
        & (pl.col("date_end").is_null() | (pl.col("date_end") == pl.col("date_start")))
    ).with_columns(
        (pl.col("time_start").is_not_null() | pl.col("granularity").is_in(SUB_DAY)).alias("timed"))


def choose_days(days: pl.DataFrame) -> list[date]:
    """Days with sub-day events, busiest first (or the busiest day if none is timed); at most
    MAX_DAYS days and, after the first, no more than EVENTS_BUDGET events on the page."""
    timed = days.filter(pl.col("timed"))
    pool = timed if timed.height else days
    if pool.height == 0:
        return []
    per_day = pool.group_by("date_start").len().sort(["len", "date_start"], descending=[True, False])
    totals = days.group_by("date_start").len().rename({"len": "total"})
    per_day = per_day.join(totals, on="date_start", how="left").with_columns(pl.col("total").cum_sum().alias("cum"))
    keep = per_day.head(MAX_DAYS).filter((pl.int_range(pl.len()) == 0) | (pl.col("cum") <= EVENTS_BUDGET))
    return keep["date_start"].to_list()


BAND_TEMPLATE = "<b>%{y}</b><br>some time on this day (day)<extra>%{fullData.name}</extra>"
HOUR_TEMPLATE = "<b>%{y}</b><br>%{x|%a %d %b %Y %H:%M}<extra>%{fullData.name}</extra>"


def _bar(run: Run, group: str, colour: str, *, band: bool, gl: bool) -> dict:
    """All-day bands (band=True) or part-of-day windows; WebGL line segments for large sets.
    (A band's event is untimed: its interval is its whole day.)"""
    if run.full or band:
        hover = hover_fields(run.full, BAND_TEMPLATE)
    else:
        brief = brief_hover(run.rows())
        hover = {"hovertext": [v for h in brief for v in (h, h, None)] if gl else brief,
                 "hovertemplate": "%{hovertext}<extra></extra>"}
    common = {"name": group, "legendgroup": group, "showlegend": False, **hover, **run.spec("seg" if gl else "bar")}
    if gl:
        return {**common, "type": "scattergl", "mode": "lines",
                "line": {"color": colour, "width": 6 if band else 12}, "opacity": 0.25 if band else 0.7}
    return {**common, "type": "bar", "orientation": "h",
            "width": 0.2 if band else 0.6, "opacity": 0.3 if band else 0.8,
            "marker": {"color": colour, "line": {"width": 0}}}


def _marker(run: Run, group: str, colour: str, *, gl: bool) -> dict:
    out = {"type": "scattergl" if gl else "scatter", "mode": "markers",
           "name": group, "legendgroup": group, "showlegend": False, **run.spec("pt"),
           **hover_fields(run.full, HOUR_TEMPLATE),
           "marker": {"symbol": "diamond", "color": colour, "line": {"color": "white", "width": 1},
                      **run.marker_size(extra=3)}}
    return out if run.size is not None else {**out, "_s": 3}


def traces(chosen: pl.DataFrame, colours: dict[str, str]) -> list[dict]:
    """Per PLOVER type: all-day bands, part-of-day windows, clock-time diamonds."""
    out: list[dict] = []
    gl = chosen.height > WEBGL_ABOVE
    parts = trace_runs(chosen, "ptype", "how", full=has_full_hover(chosen))
    for ptype in sorted(chosen["ptype"].unique().to_list(), key=lambda t: (t == UNTYPED, t)):
        group = esc(ptype)
        out.append({"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": group,
                    "legendgroup": group, "hoverinfo": "skip",  # a full-colour legend entry (bands are faint)
                    "marker": {"symbol": "square", "size": 12, "color": colours[ptype]}})
        for how in ("band", "window", "hour"):
            run = parts.get((ptype, how))
            if run is None:
                continue
            if how == "hour":
                out.append(_marker(run, group, colours[ptype], gl=gl))
            else:
                out.append(_bar(run, group, colours[ptype], band=how == "band", gl=gl))
    return out


def parts_of_day(days: list[date]) -> tuple[list[dict], list[dict]]:
    """Shaded, labelled windows for the given days (shapes, annotations)."""
    shapes, notes = [], []
    for day in days:
        base = datetime(day.year, day.month, day.day)
        for i, (h0, h1, label) in enumerate(PARTS):
            x0, x1 = base + timedelta(hours=h0), base + timedelta(hours=h1)
            shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": f"{x0:%Y-%m-%d %H:%M}",
                           "x1": f"{x1:%Y-%m-%d %H:%M}", "y0": 0, "y1": 1, "layer": "below", "line": {"width": 0},
                           "fillcolor": "#eef1f5" if i % 2 else "#f8f9fb"})
            notes.append({"xref": "x", "yref": "paper", "x": f"{x0 + (x1 - x0) / 2:%Y-%m-%d %H:%M}", "y": 1.0,
                          "yanchor": "bottom", "yshift": 24, "text": label, "showarrow": False,
                          "font": {"size": 11, "color": "#57606a"}})
    return shapes, notes


def day_lanes(of_day: pl.DataFrame) -> list[str]:
    """Lanes with events timed within the day first (by time), then lanes with only all-day
    events (by name): the timed events are what this page is for. DAY_JS does the same."""
    firsts = of_day.group_by("ylane").agg(pl.col("x0").filter(pl.col("timed")).min().alias("first"))
    return firsts.sort(["first", "ylane"], nulls_last=True)["ylane"].to_list()


def _view(day: date, lanes: list[str], n: int) -> dict:
    start = datetime(day.year, day.month, day.day)
    return {"xaxis.range": [f"{start:%Y-%m-%d %H:%M}", f"{start + timedelta(days=1):%Y-%m-%d %H:%M}"],
            "yaxis.categoryarray": lanes, "yaxis.range": [len(lanes) - 0.5, -0.5],
            "title.text": f"{day:%A %d %B %Y} — {n} event(s)"}


def figure(chosen: pl.DataFrame, days: list[date]) -> dict[str, Any]:
    """Opens on days[0] (the busiest); the day <select> re-lays lanes and range in the browser."""
    colours = type_colours(chosen["ptype"].unique().to_list())
    of_day = chosen.filter(pl.col("date_start") == days[0])
    first = _view(days[0], day_lanes(of_day), of_day.height)
    shapes, notes = parts_of_day(days[:1])  # the day <select> moves them to the chosen day
    layout = {
        "template": "plotly_white", "barmode": "overlay", "hovermode": "closest",
        "margin": {"l": 10, "r": 10, "t": 100, "b": 20},
        "hoverlabel": {"align": "left", "bgcolor": "white", "font": {"size": 12}},
        "title": {"text": first["title.text"], "x": 0.01, "y": 0.98, "yanchor": "top"},
        "legend": {"title": {"text": "PLOVER type"}},
        "xaxis": {"type": "date", "range": first["xaxis.range"], "dtick": 2 * 3_600_000, "side": "top",
                  "tickformat": "%H:%M", "showgrid": True, "gridcolor": "#dde1e6"},
        "yaxis": {"type": "category", "categoryorder": "array", "categoryarray": first["yaxis.categoryarray"],
                  "range": first["yaxis.range"], "automargin": True},
        "shapes": shapes, "annotations": notes,
    }
    return {"data": traces(chosen, colours), "layout": layout}


def day_select(chosen: pl.DataFrame, days: list[date]) -> tuple[str, dict]:
    """The day <select> (empty) and its options as page data: each day's first minute (``m``, in
    date order), its number of events (``n``), the index of the one selected (``s``, the busiest);
    DAYS_JS writes the options ('Sat 24 Jun 2023 (12 events)', value '2023-06-24')."""
    counts = dict(chosen.group_by("date_start").len().iter_rows())
    order = sorted(days)
    epoch = date(1970, 1, 1)
    options = {"m": [(day - epoch).days * 1440 for day in order], "n": [counts.get(day, 0) for day in order],
               "s": order.index(days[0])}
    return '<div class="filters"><label>Day <select id="day-filter"></select></label></div>', options


#: The day <select>'s options, from the page data (before plotting: DAY_JS reads the selected one).
DAYS_JS = """function days(D){const s=document.getElementById('day-filter');D.m.forEach((m,j)=>{
 const o=s.appendChild(document.createElement('option')),a=dm(m);o.value=X(m).slice(0,10);
 o.textContent=a[0]+' '+a[1]+' ('+D.n[j]+' events)';o.selected=j===D.s;});}
"""
#: The day <select>: lanes of that day's events in order of first time, x range = that day.
DAY_JS = """
let cur=document.getElementById('day-filter').value;
document.getElementById('day-filter').addEventListener('change',e=>{const sel=e.target,day=sel.value,seen={},
 lanes=[],starts=[];
 for(const t of d.data){const s=t.base||t.x,band=t.opacity<0.5?'1':'0';(t.y||[]).forEach((y,i)=>{
  if(y!==null&&s[i]&&String(s[i]).slice(0,10)===day)starts.push([band+(band==='1'?y:String(s[i])),y]);});}
 starts.sort((a,b)=>a[0]<b[0]?-1:a[0]>b[0]?1:0);for(const p of starts)if(!seen[p[1]]){seen[p[1]]=1;lanes.push(p[1]);}
 const next=new Date(day+'T00:00:00Z');next.setUTCDate(next.getUTCDate()+1);
 const end=next.toISOString().slice(0,10)+' 00:00',was=cur;cur=day;
 const mv=x=>x.slice(0,10)===was?day+x.slice(10):end.slice(0,10)+x.slice(10);
 Plotly.relayout(d,{'xaxis.range':[day+' 00:00',end],'yaxis.categoryarray':lanes,
  'yaxis.range':[lanes.length-0.5,-0.5],'title.text':sel.options[sel.selectedIndex].text,
  shapes:d.layout.shapes.map(s=>Object.assign({},s,{x0:mv(s.x0),x1:mv(s.x1)})),
  annotations:d.layout.annotations.map(a=>Object.assign({},a,{x:mv(a.x)}))});});
"""


def select(events: pl.DataFrame) -> tuple[pl.DataFrame, list[date]]:
    """The events of the selectable days, and those days (busiest first)."""
    days_frame = day_events(events)
    days = choose_days(days_frame)
    how = (pl.when(~pl.col("timed")).then(pl.lit("band")).when(pl.col("granularity") == "part-of-day")
           .then(pl.lit("window")).otherwise(pl.lit("hour")).alias("how"))
    how_rank = pl.col("how").replace_strict({"band": 0, "window": 1, "hour": 2}, return_dtype=pl.Int8)
    chosen = days_frame.filter(pl.col("date_start").is_in(days)).with_columns(how)
    # in trace order: one run of rows per trace
    return with_index(chosen.sort(pl.col("ptype") == UNTYPED, "ptype", how_rank, maintain_order=True)), days


def listing_order(chosen: pl.DataFrame) -> pl.DataFrame:
    """The events listed under the plot, in order: by start minute (``t0``), then source and target
    actor of the lane (an unknown source first, a lane without target before its dyads), then page
    row; at most TABLE_ROWS. The page script sorts its event table the same way (EVENTS_JS
    listing() with ``n``, from the lane's actor codes, which follow the actors' sorted names)."""
    return chosen.sort("t0", pl.col("source_actor"), lane_target(), "_i", nulls_last=False).head(TABLE_ROWS)


def body(events: pl.DataFrame, selected: tuple[pl.DataFrame, list[date]] | None = None) -> str:
    """The page; ``selected``: ``select(events)`` when the caller has it already (day.csv)."""
    chosen, days = selected if selected is not None else select(events)
    if not days:
        return "<p class=note>No event is dated to a single day, so there is no day to show by hour.</p>"
    lanes = chosen.group_by("date_start").agg(pl.col("ylane").n_unique())["ylane"].max()
    fig = figure(chosen, days)
    n_timed = chosen.filter(pl.col("timed")).height
    note = (f"Opens on the busiest day; {len(days)} day(s) with events timed within the day can be chosen "
            f"above. Diamonds: events at a clock time; solid bars: a part of the day (\"this morning\"); faint "
            f"'all day' bands: events known only to the day. {n_timed} timed event(s) on these days.")
    n_weak = events.filter(pl.col("fallback") & pl.col("date_start").is_in(days)).height
    if n_weak:
        note += (f" {n_weak} event(s) on these days were dated only by the publication day (no time expression) "
                 "and are not shown here; see the timeline.")
    table_ = positions(chosen, point_offset=False)
    if has_full_hover(chosen):  # the listing points into the event table the hover uses
        table_ = pl.concat([table_, hover_table(chosen)], how="horizontal")
    else:  # no per-event hover: the listed rows' text follows the positions
        listed = listing_order(chosen)
        text = hover_table(listed).select(LISTED).with_columns(listed["_i"])
        table_ = pl.concat([table_, chosen.select("_i").join(text, on="_i", how="left", maintain_order="left")
                           .drop("_i")], how="horizontal")
    more = (f"<p class=note>… {chosen.height - TABLE_ROWS:,} more in day.csv.</p>"
            if chosen.height > TABLE_ROWS else "")
    listing = {"el": "day-listing", "head": ["when", "actors", "event", "time expression", "evidence", "article"],
               "cols": ["when", "ylane", "event_type", "time_text", "evidence", "article"],
               "css": ["nw", "", "", "", "ev", ""], "n": TABLE_ROWS}
    day_filter, fig["D"] = day_select(chosen, days)
    plot = plot_div("day", fig, max(420, min(1800, 200 + 30 * lanes)), DAY_JS, events=table_, listing=listing,
                    pre_js=DAYS_JS, before="days(P.D);")
    return (f"<p class=note>{esc(note)}</p>\n{day_filter}{plot}"
            f"<h2>Events on these days, in order</h2>\n<div id=\"day-listing\"></div>{more}"
            "<p class=note>Download: <a href=\"day.csv\">day.csv</a> (the events on these days).</p>")
