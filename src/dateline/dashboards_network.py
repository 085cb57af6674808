"""The network page: who called, met, accused or attacked whom.

Nodes are actors, directed edges are the events between two of them, aggregated per
(source, target) pair with the count, the types and the dates on hover. The layout is
networkx's spring layout with a fixed seed on sorted nodes and edges, so the same
database draws the same picture on every run. A dropdown switches between all
interactions and contacts only (PLOVER CONSULT: calls, meetings, talks).
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
import polars as pl

from .dashboards_html import esc, plot_div

SEED = 7
MAX_NODES = 150
CONTACT_TYPES = ("CONSULT",)
KIND_COLOURS = {"person": "#0072B2", "organization": "#D55E00", "organisation": "#D55E00", "org": "#D55E00",
                "country": "#009E73",
                "group": "#CC79A7", "institution": "#E69F00", "location": "#56B4E9"}
OTHER_KIND = "#7f7f7f"


def dyadic(events: pl.DataFrame) -> pl.DataFrame:
    """Events between two different known actors."""
    return events.filter(
        pl.col("source_actor").is_not_null() & pl.col("target_actor").is_not_null()
        & (pl.col("source_actor") != pl.col("target_actor"))
    )


def edges(dyads: pl.DataFrame) -> pl.DataFrame:
    """One row per directed pair: count, types with counts, dates (sorted), first date."""
    if dyads.height == 0:
        return pl.DataFrame(schema={"source_actor": pl.String, "target_actor": pl.String, "n": pl.UInt32,
                                    "types": pl.String, "dates": pl.String, "contact": pl.Boolean})
    date_label = pl.when(pl.col("dated")).then(pl.col("date_start").dt.strftime("%d %b %Y")
                                              + pl.when(pl.col("kind") == "span")
                                              .then(" (" + pl.col("granularity") + ")").otherwise(pl.lit("")))
    per_type = dyads.group_by("source_actor", "target_actor", "ptype").len().sort(
        "len", "ptype", descending=[True, False])
    types = per_type.group_by("source_actor", "target_actor", maintain_order=True).agg(
        (pl.col("ptype") + " ×" + pl.col("len").cast(pl.String)).str.join(", ").alias("types"))
    agg = dyads.sort("x0", nulls_last=True).group_by("source_actor", "target_actor").agg(
        pl.len().alias("n"),
        date_label.drop_nulls().unique(maintain_order=True).head(12).str.join("; ").alias("dates"),
        pl.col("ptype").is_in(CONTACT_TYPES).any().alias("contact"),
        (~pl.col("dated")).sum().alias("n_undated"),
    )
    return agg.join(types, on=["source_actor", "target_actor"]).sort("source_actor", "target_actor")


def node_table(dyads: pl.DataFrame, actors: pl.DataFrame) -> pl.DataFrame:
    """Actors in dyadic events with their event counts and first/last dates, busiest MAX_NODES kept."""
    long = pl.concat([
        dyads.select(pl.col("source_actor").alias("name"), "date_start", "date_end"),
        dyads.select(pl.col("target_actor").alias("name"), "date_start", "date_end"),
    ])
    nodes = long.group_by("name").agg(
        pl.len().alias("n"), pl.col("date_start").min().alias("first"), pl.col("date_end").max().alias("last"))
    nodes = nodes.sort(["n", "name"], descending=[True, False]).head(MAX_NODES).sort("name")
    return nodes.join(actors, on="name", how="left")


def layout_positions(nodes: list[str], edge_rows: pl.DataFrame) -> dict[str, tuple[float, float]]:
    """Deterministic spring layout: sorted inputs, fixed seed, rounded output."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(nodes))
    keep = set(nodes)
    weights: dict[tuple[str, str], int] = {}
    for src, tgt, n in edge_rows.select("source_actor", "target_actor", "n").iter_rows():
        if src in keep and tgt in keep:
            key = tuple(sorted((src, tgt)))
            weights[key] = weights.get(key, 0) + n
    for (a, b), w in sorted(weights.items()):
        graph.add_edge(a, b, weight=math.log1p(w))
    if graph.number_of_nodes() == 0:
        return {}
    k = 2.0 / math.sqrt(graph.number_of_nodes())
    pos = nx.spring_layout(graph, seed=SEED, k=k, iterations=100, weight=None)
    spread = _spread(_fill({n: (float(x), float(y)) for n, (x, y) in pos.items()}))
    return {n: (round(x, 4), round(y, 4)) for n, (x, y) in sorted(spread.items())}


def _fill(pos: dict[str, tuple[float, float]], aspect: float = 1.7) -> dict[str, tuple[float, float]]:
    """Stretch x and y independently to [-aspect, aspect] x [-1, 1]: the page is wide, a spring
    layout is round, and the axes keep equal scale (so arrow angles stay true)."""
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]

    def scale(v: float, lo: float, hi: float, half: float) -> float:
        return 0.0 if hi - lo < 1e-9 else (2 * (v - lo) / (hi - lo) - 1) * half

    return {n: (scale(x, min(xs), max(xs), aspect), scale(y, min(ys), max(ys), 1.0)) for n, (x, y) in pos.items()}


def _spread(pos: dict[str, tuple[float, float]], min_dist: float = 0.26,
            rounds: int = 40) -> dict[str, tuple[float, float]]:
    """Push apart nodes closer than ``min_dist`` (hubs sharing neighbours land on top of each
    other in a spring layout, and their labels collide). Deterministic: sorted pairs."""
    names = sorted(pos)
    xy = {n: list(pos[n]) for n in names}
    if len(names) > 300:
        return pos
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                dx, dy = xy[b][0] - xy[a][0], xy[b][1] - xy[a][1]
                dist = math.hypot(dx, dy)
                if dist >= min_dist:
                    continue
                if dist < 1e-9:
                    dx, dy, dist = 1.0, 0.0, 1.0
                push = (min_dist - dist) / 2 / dist
                xy[a][0] -= dx * push
                xy[a][1] -= dy * push
                xy[b][0] += dx * push
                xy[b][1] += dy * push
                moved = True
        if not moved:
            break
    return {n: (xy[n][0], xy[n][1]) for n in names}


def _width(n: int) -> float:
    return round(min(10.0, 1.2 + 2.2 * math.log2(n)), 1) if n > 1 else 1.2


def edge_traces(edge_rows: pl.DataFrame, pos: dict[str, tuple[float, float]], group: str,
                visible: bool) -> list[dict]:
    """Lines grouped by width, plus one hoverable arrow marker per edge (at 60% of its length).
    The page script draws them from the nodes' positions (``N``, see :func:`nodes_block`): the
    arrow trace carries each edge's nodes, count, types, dates, undated count and line trace
    (``_a``; strings sent once per trace, escaped), a line trace draws the edges that name it
    (``_w``, its index among the group's widths)."""
    index = {name: i for i, name in enumerate(pos)}
    arrows: dict[str, list] = {"s": [], "t": [], "n": [], "ty": [], "da": [], "u": [], "w": []}
    strings: dict[str, dict[str, int]] = {"ty": {}, "da": {}}
    for src, tgt, n, types, dates, n_undated in edge_rows.select(
            "source_actor", "target_actor", "n", "types", "dates", "n_undated").iter_rows():
        if src not in pos or tgt not in pos:
            continue
        for key, value in (("s", index[src]), ("t", index[tgt]), ("n", n), ("u", n_undated), ("w", _width(n))):
            arrows[key].append(value)
        for key, text in (("ty", esc(types)), ("da", esc(dates))):
            arrows[key].append(strings[key].setdefault(text, len(strings[key])))
    arrows["TY"], arrows["DA"] = list(strings["ty"]), list(strings["da"])
    widths = sorted(set(arrows["w"]))
    rank = {w: k for k, w in enumerate(widths)}
    arrows["w"] = [rank[w] for w in arrows["w"]]
    out = [{"type": "scatter", "mode": "lines", "_w": k, "hoverinfo": "skip", "showlegend": False,
            "line": {"width": w, "color": "rgba(90,100,110,0.45)"}, "name": f"{group} edges", "visible": visible,
            "legendgroup": group} for k, w in enumerate(widths)]
    out.append({"type": "scatter", "mode": "markers", "_a": arrows,
                "hovertemplate": "%{hovertext}<extra></extra>", "showlegend": False, "name": f"{group} arrows",
                "marker": {"symbol": "arrow", "size": 11, "color": "#4a5560"},
                "visible": visible, "legendgroup": group})
    return out


def nodes_block(pos: dict[str, tuple[float, float]]) -> dict:
    """Node positions and escaped names by node index (``_a`` of :func:`edge_traces`)."""
    return {"x": [x for x, _ in pos.values()], "y": [y for _, y in pos.values()], "n": [esc(n) for n in pos]}


#: Draws the edges from ``N`` (runs before plotting; see :func:`edge_traces`).
NETWORK_JS = r"""
function edges(P){const N=P.N,G={};for(const t of P.data)if(t._a)G[t.legendgroup]=t._a;
 for(const t of P.data){const x=[],y=[];
  if(t._w!==undefined){const W=G[t.legendgroup];W.w.forEach((w,j)=>{if(w===t._w){const a=W.s[j],b=W.t[j];
    x.push(N.x[a],N.x[b],null);y.push(N.y[a],N.y[b],null);}});t.x=x;t.y=y;delete t._w;}
  if(t._a){const A=t._a,ang=[],h=[];A.s.forEach((a,j)=>{const b=A.t[j],dx=N.x[b]-N.x[a],dy=N.y[b]-N.y[a];
    x.push(N.x[a]+0.6*dx);y.push(N.y[a]+0.6*dy);ang.push(Math.round(Math.atan2(dx,dy)*1800/Math.PI)/10);
    h.push('<b>'+N.n[a]+' → '+N.n[b]+'</b><br>'+A.n[j]+' event(s): '+A.TY[A.ty[j]]+'<br>dates: '+
     (A.DA[A.da[j]]||'none')+(A.u[j]?'<br>'+A.u[j]+' undated':''));});
   t.x=x;t.y=y;t.marker.angle=ang;t.hovertext=h;delete t._a;}}}
"""


def node_trace(nodes: pl.DataFrame, pos: dict[str, tuple[float, float]], degree: dict[str, int]) -> list[dict]:
    """One trace per actor kind (so the legend explains colours); size by number of events."""
    out = []
    nodes = nodes.with_columns(pl.col("kind").fill_null("unknown"))
    for kind in sorted(nodes["kind"].unique().to_list()):
        rows = nodes.filter(pl.col("kind") == kind)
        xs, ys, sizes, labels, texts = [], [], [], [], []
        for name, n, first, last, _kind, country, title in rows.select(
                "name", "n", "first", "last", "kind", "country", "title").iter_rows():
            x, y = pos[name]
            xs.append(x)
            ys.append(y)
            sizes.append(round(min(46.0, 10 + 6 * math.sqrt(n)), 1))
            labels.append(esc(name))
            about = ", ".join(esc(v) for v in (title, country) if v)
            texts.append(f"<b>{esc(name)}</b> ({esc(kind)}{', ' + about if about else ''})<br>{n} event(s) with "
                         f"{degree.get(name, 0)} other actor(s)<br>{first or '?'} – {last or '?'}")
        out.append({"type": "scatter", "mode": "markers+text", "x": xs, "y": ys, "text": labels,
                    "textposition": "top center", "textfont": {"size": 12, "color": "#1d2329"},
                    "hovertext": texts, "hovertemplate": "%{hovertext}<extra></extra>", "name": esc(kind),
                    "marker": {"size": sizes, "color": KIND_COLOURS.get(kind, OTHER_KIND),
                               "line": {"color": "white", "width": 1.5}}})
    return out


def figure(events: pl.DataFrame, actors: pl.DataFrame) -> dict[str, Any]:
    dyads = dyadic(events)
    all_edges = edges(dyads)
    contact_edges = edges(dyads.filter(pl.col("ptype").is_in(CONTACT_TYPES)))
    nodes = node_table(dyads, actors)
    pos = layout_positions(nodes["name"].to_list(), all_edges)
    degree: dict[str, int] = {}
    for src, tgt in all_edges.select("source_actor", "target_actor").unique().iter_rows():
        degree[src] = degree.get(src, 0) + 1
        degree[tgt] = degree.get(tgt, 0) + 1
    all_tr = edge_traces(all_edges, pos, "all", True)
    contact_tr = edge_traces(contact_edges, pos, "contacts", False)
    node_tr = node_trace(nodes, pos, degree)
    data = all_tr + contact_tr + node_tr
    show_all = [True] * len(all_tr) + [False] * len(contact_tr) + [True] * len(node_tr)
    show_contacts = [False] * len(all_tr) + [True] * len(contact_tr) + [True] * len(node_tr)
    axis = {"visible": False, "showgrid": False, "zeroline": False}
    layout = {
        "template": "plotly_white", "hovermode": "closest", "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "hoverlabel": {"align": "left", "bgcolor": "white"},
        "legend": {"title": {"text": "actor kind"}},
        "xaxis": {**axis}, "yaxis": {**axis, "scaleanchor": "x", "scaleratio": 1},
        "updatemenus": [{"type": "buttons", "direction": "left", "x": 0, "y": 1.06, "xanchor": "left",
                         "yanchor": "bottom", "bgcolor": "#f6f8fa", "active": 0, "buttons": [
                             {"label": "All interactions", "method": "restyle", "args": [{"visible": show_all}]},
                             {"label": "Contacts only (calls, meetings: CONSULT)", "method": "restyle",
                              "args": [{"visible": show_contacts}]}]}],
    }
    return {"data": data, "layout": layout, "N": nodes_block(pos)}


def body(events: pl.DataFrame, actors: pl.DataFrame) -> str:
    dyads = dyadic(events)
    if dyads.height == 0:
        return "<p class=note>No event has both a source and a target actor, so there is no network to draw.</p>"
    fig = figure(events, actors)
    n_nodes = len(fig["N"]["n"])
    note = (f"{dyads.height:,} events between two actors; {n_nodes} actors. Arrows point from the actor who acted "
            "(called, met, accused…) to the one acted upon; line width grows with the number of events; hover an "
            "arrow for the count, types and dates. The layout is fixed (seeded), so it is the same on every build.")
    return (f"<p class=note>{esc(note)}</p>\n{plot_div('network', fig, 760, pre_js=NETWORK_JS, before='edges(P);')}"
            "<p class=note>Download: <a href=\"network.csv\">network.csv</a> (the events behind the edges).</p>")
