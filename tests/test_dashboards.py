"""Dashboards built from a small hand-made DuckDB: files, offline, escaping, true intervals, CSV."""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import plotly.graph_objects as go
import polars as pl
import pytest

from dateline import dashboards, store
from dateline.dashboards_data import load_events
from dateline.dashboards_html import decode_table, unpayload
from dateline.dashboards_network import figure as network_figure, layout_positions, edges, dyadic

SCRIPT_PAYLOAD = "<script>window.__pwned=1;document.title='pwned';alert(1)</script>"
IMG_PAYLOAD = "<img src=x onerror=\"window.__pwned=2;document.title='pwned';alert(1)\">"
PAYLOADS = (SCRIPT_PAYLOAD, IMG_PAYLOAD, "<script>alert(1)</script>", "<img src=x onerror=alert(1)>")

DOCS = [
    ("d1", "Talks resume " + IMG_PAYLOAD, "Wire One", datetime(2023, 6, 24, 18, 0), date(2023, 6, 24)),
    ("d2", "Second report", "Paper Two", datetime(2023, 6, 25, 9, 0), date(2023, 6, 25)),
]

# event_id, src, tgt, type, plover, start, end, gran, t0, t1, n_mentions, method, time_text, sentence, doc
EVENTS = [
    ("e_day", "Alpha", "Bravo", "phone_call", "CONSULT", date(2023, 6, 24), date(2023, 6, 24), "day", None, None,
     3, "relative_to_publication", "on Saturday", "Alpha called Bravo on Saturday.", "d1"),
    ("e_year", "Alpha", None, "statement", "ACCUSE", date(2022, 1, 1), date(2022, 12, 31), "year", None, None,
     1, "relative_to_publication", "last year", "Alpha complained last year.", "d1"),
    ("e_month", "Bravo", "Alpha", "meeting", "CONSULT", date(2023, 5, 1), date(2023, 5, 31), "month", None, None,
     1, "explicit_date", "in May 2023", "Bravo met Alpha in May 2023.", "d2"),
    ("e_hour", "Bravo", "Charlie", "meeting", "CONSULT", date(2023, 6, 24), date(2023, 6, 24), "hour",
     datetime(2023, 6, 24, 8, 0), datetime(2023, 6, 24, 9, 0), 2, "relative_to_publication", "at 8am",
     "Bravo met Charlie at 8am.", "d1"),
    ("e_morning", "Charlie", "Alpha", "threat", "THREATEN", date(2023, 6, 24), date(2023, 6, 24), "part-of-day",
     datetime(2023, 6, 24, 6, 0), datetime(2023, 6, 24, 12, 0), 1, "relative_to_publication", "this morning",
     "Charlie threatened Alpha this morning.", "d1"),
    ("e_undated", "Delta <b>&</b>", None, "statement", "ACCUSE", None, None, None, None, None,
     1, "undated", None, "Delta once said something.", "d2"),
    ("e_fallback", "Charlie", None, "attack", "ASSAULT", date(2023, 6, 25), date(2023, 6, 25), "day", None, None,
     1, "publication_fallback", None, "Charlie attacked the base.", "d2"),
    ("e_late", "Bravo", "Alpha", "statement", "ACCUSE", date(2023, 6, 25), date(2023, 6, 25), "hour",
     datetime(2023, 6, 25, 22, 0), datetime(2023, 6, 25, 23, 0), 1, "relative_to_publication", "late on Sunday",
     "Bravo accused Alpha late on Sunday.", "d2"),
    ("e_payload", "Alpha", "Charlie", "meeting", "CONSULT", date(2023, 6, 25), date(2023, 6, 25), "day", None,
     None, 1, "explicit_date", "on 25 June", "They met " + SCRIPT_PAYLOAD + " and <script>alert(1)</script> "
     "and <img src=x onerror=alert(1)> on 25 June.", "d2"),
]


MODALITY = {"e_late": "negated"}


def insert_events(con, sql: str, params=None) -> None:
    """Run an ``INSERT INTO events (..., date_end, ...)`` as written for a table that stores
    ``date_end``: into a scratch table of that shape, then into ``events`` as the store writes
    (``store.insert_sql``: the end goes in as ``end_days``)."""
    con.execute("CREATE OR REPLACE TEMP TABLE _ev AS SELECT * EXCLUDE (end_days) FROM events LIMIT 0")
    con.execute(sql.replace("INSERT INTO events", "INSERT INTO _ev", 1), params)
    cols = [r[0] for r in con.execute("DESCRIBE _ev").fetchall()]
    con.execute(store.insert_sql("events", cols, "_ev"))
    con.execute("DROP TABLE _ev")


def make_db(path: Path):
    """A DuckDB file with the real schema and the rows above; returns the open connection."""
    con = store.connect(path)
    for doc_id, title, source, published, pub_date in DOCS:
        con.execute("INSERT INTO documents (doc_id, path, title, published, published_date, source, text) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)", [doc_id, f"{doc_id}.md", title, published, pub_date, source, ""])
    for (eid, src, tgt, etype, plover, d0, d1, gran, t0, t1, n, method, ttext, sentence, doc) in EVENTS:
        insert_events(
            con, "INSERT INTO events (event_id, event_type, cameo_code, plover_type, source_actor, target_actor, "
            "date_start, date_end, granularity, time_start, time_end, n_mentions, n_sources, confidence, "
            "date_method, modality, date_conflict, origin) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [eid, etype, "040", plover, src, tgt, d0, d1, gran, t0, t1, n, 1, 0.8, method,
             MODALITY.get(eid, "asserted"), False, "text"])
        con.execute(
            "INSERT INTO mentions (mention_id, event_id, doc_id, event_type, plover_type, source_actor, "
            "target_actor, sentence, time_text, date_start, date_end, granularity, date_method, reported_by, "
            "confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [f"m_{eid}", eid, doc, etype, plover, src, tgt, sentence, ttext, d0, d1, gran, method,
             "Reporter <i>X</i>", 0.8])
    for name, kind, title in (("Alpha", "person", None), ("Bravo", IMG_PAYLOAD, SCRIPT_PAYLOAD),
                              ("Charlie", "organization", None)):
        con.execute("INSERT INTO actors VALUES (?, ?, ?, ?)", [name, kind, "XX", title])
    return con


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dash")
    con = make_db(tmp / "story.duckdb")
    paths = dashboards.build(con, tmp / "out", title="Test story <script>alert(1)</script>")
    yield con, tmp / "out", paths
    con.close()


def _payload(html_text: str, div_id: str) -> dict:
    """The deflated data of a page's plot (7 bits a character), decoded."""
    start = html_text.index(f'getElementById("{div_id}");')
    blob = re.compile(r'inflate\("([^"\\<\n\r]*)"\)').search(html_text, start)[1]
    return unpayload(blob)


def _row_text(table: dict, i: int) -> str:
    """The escaped fields a page builds row ``i``'s hover from (PAGE_JS adds only fixed markup)."""
    return " | ".join(v[i] for k, v in table.items() if k not in ("wk",) and isinstance(v[i], str))


def _iso(minute: int) -> str:
    at = datetime(1970, 1, 1) + timedelta(minutes=minute)
    return f"{at.year:04d}-{at:%m-%d %H:%M}"  # as toISOString (strftime's %Y does not pad years < 1000)


def _size(n: int) -> int:
    """The marker size of an event with ``n`` mentions (EVENTS_JS sz(), as enrich's msize)."""
    return min(28, max(8, round(8 + 5 * (math.sqrt(max(n, 1)) - 1))))


def _figure(html_text: str, div_id: str) -> tuple[list, dict]:
    """Pull the data and layout back out of a page as the page script (PAGE_JS) rebuilds them:
    packed arrays restored, x/y/base of ``_k`` traces drawn from the event table's positions;
    per-event hover as the escaped fields it is built from (see _row_text)."""
    payload = _payload(html_text, div_id)
    segments, data, layout = payload["H"], payload["data"], payload["layout"]
    table = decode_table(payload["E"]) if "E" in payload else None
    if "Y" in payload:
        actors = payload["E"]["ylane"]["A"]
        layout["yaxis"]["categoryarray"] = decode_table({"y": {"A": actors, **payload["Y"]}})["y"]
    nodes = payload.get("N")
    arrow_groups = {t["legendgroup"]: t["_a"] for t in data if "_a" in t}
    for trace in data:
        if "_w" in trace:  # network edges: those of the group's arrows with this line width (NETWORK_JS edges())
            arrows, k = arrow_groups[trace["legendgroup"]], trace.pop("_w")
            pairs = [(a, b) for a, b, w in zip(arrows["s"], arrows["t"], arrows["w"]) if w == k]
            trace["x"] = [v for a, b in pairs for v in (nodes["x"][a], nodes["x"][b], None)]
            trace["y"] = [v for a, b in pairs for v in (nodes["y"][a], nodes["y"][b], None)]
        if "_a" in trace:
            arrows = trace.pop("_a")
            ends = list(zip(arrows["s"], arrows["t"]))
            trace["x"] = [nodes["x"][a] + 0.6 * (nodes["x"][b] - nodes["x"][a]) for a, b in ends]
            trace["y"] = [nodes["y"][a] + 0.6 * (nodes["y"][b] - nodes["y"][a]) for a, b in ends]
            trace["marker"]["angle"] = [round(math.degrees(math.atan2(nodes["x"][b] - nodes["x"][a],
                                                                      nodes["y"][b] - nodes["y"][a])), 1)
                                        for a, b in ends]
            trace["hovertext"] = [
                f"<b>{nodes['n'][a]} → {nodes['n'][b]}</b><br>{n} event(s): {arrows['TY'][ty]}<br>dates: "
                f"{arrows['DA'][da] or 'none'}" + (f"<br>{u} undated" if u else "")
                for a, b, n, ty, da, u in zip(arrows["s"], arrows["t"], arrows["n"], arrows["ty"], arrows["da"],
                                              arrows["u"])]
        for key in ("x", "y", "base", "hovertext"):
            if f"_p{key}" in trace:
                trace[key] = [None if i is None else segments[i] for i in trace.pop(f"_p{key}")]
        if "_rn" not in trace:
            continue
        start = trace.pop("_r0")
        rows = list(range(start, start + trace.pop("_rn")))
        kind = trace.pop("_k")
        lanes = [table["ylane"][i] for i in rows]
        t0, dt, m = table["t0"], table["dt"], table.get("m")
        if kind == "pt":
            trace["x"], trace["y"] = [_iso(t0[i] + (m[i] if m else 0)) for i in rows], lanes
        elif kind == "bar":
            trace["base"], trace["x"], trace["y"] = [_iso(t0[i]) for i in rows], [dt[i] * 60_000 for i in rows], lanes
        else:
            trace["x"] = [v for i in rows for v in (_iso(t0[i]), _iso(t0[i] + dt[i]), None)]
            trace["y"] = [v for y in lanes for v in (y, y, None)]
        if "_s" in trace:
            extra = trace.pop("_s")
            trace["marker"]["size"] = [_size(table["n_mentions"][i]) + extra for i in rows]
        if trace.pop("_h", None):
            texts = [_row_text(table, i) for i in rows]
            trace["hovertext"] = texts if kind != "seg" else [v for h in texts for v in (h, h, None)]
    return data, layout


def test_all_pages_and_csvs_written(built):
    _, out, paths = built
    names = sorted(p.name for p in paths)
    assert names == sorted(["index.html", "timeline.html", "network.html", "day.html",
                            "timeline.csv", "network.csv", "day.csv"])
    for p in paths:
        assert p.exists() and p.stat().st_size > 0


def test_pages_are_offline_and_link_back(built):
    _, out, _ = built
    for name in ("index.html", "timeline.html", "network.html", "day.html"):
        text = (out / name).read_text()
        assert not re.search(r"<script[^>]+src=[\"']?https?:", text)
        assert not re.search(r"<link[^>]+href=[\"']?https?:", text)
        assert "plot.ly" not in text.split("<body>")[1]  # no cloud link in config or markup
        assert 'href="index.html"' in text and "connect-src 'none'" in text
        if name != "index.html":
            assert text.count("Plotly.newPlot") >= 1
            assert text.count("define(\"plotly\"") + text.count("plotly.js v") >= 1  # bundle inlined
            assert "\"displaylogo\":false" in text and "\"showSendToCloud\":false" in text
            assert "showLink" not in text.split("<body>")[1] and "cloud.plotly" not in text.split("<body>")[1]


def test_payloads_only_appear_escaped(built):
    _, out, _ = built
    for name in ("index.html", "timeline.html", "network.html", "day.html"):
        body = (out / name).read_text().split("<body>")[1]
        for payload in PAYLOADS:
            assert payload not in body, (name, payload)
        assert "<script>alert" not in body and "<img" not in body
    timeline = (out / "timeline.html").read_text()
    data, _ = _figure(timeline, "timeline")
    hovers = [h for t in data for h in (t.get("hovertext") or []) if h]
    payload_hover = [h for h in hovers if "They met" in h]
    assert payload_hover and "&lt;script&gt;" in payload_hover[0] and "<script" not in payload_hover[0]
    assert any("&lt;img src=x onerror=" in h for h in hovers)  # article title in hover, escaped


def test_year_event_spans_the_whole_year(built):
    _, out, _ = built
    data, _ = _figure((out / "timeline.html").read_text(), "timeline")
    bars = [t for t in data if t["type"] == "bar"]
    spans = [(b, ms, y) for t in bars for b, ms, y in zip(t["base"], t["x"], t["y"])]
    year = [(b, ms) for b, ms, y in spans if y == "Alpha"]
    assert year == [("2022-01-01 00:00", 365 * 86_400_000)]
    month = [(b, ms) for b, ms, y in spans if y == "Bravo → Alpha"]
    assert month == [("2023-05-01 00:00", 31 * 86_400_000)]
    # day events are markers, not bars
    points = [(x, y) for t in data if t["type"] == "scatter" and t.get("hovertext") for x, y in zip(t["x"], t["y"])]
    assert ("2023-06-24 12:00", "Alpha → Bravo") in points
    assert ("2023-06-24 08:00", "Bravo → Charlie") in points


def test_negated_event_is_a_cross(built):
    _, out, _ = built
    data, _ = _figure((out / "timeline.html").read_text(), "timeline")
    symbols = {}
    for t in data:
        if t.get("hovertext") and t["type"] == "scatter":
            sym = t["marker"]["symbol"]
            for i, y in enumerate(t["y"]):
                symbols[y, t["x"][i]] = sym[i] if isinstance(sym, list) else sym
    assert symbols["Bravo → Alpha", "2023-06-25 22:00"] == "x"
    assert symbols["Bravo → Charlie", "2023-06-24 08:00"] == "diamond"
    assert any(t["name"] == "✕ negated / denied" for t in data)


def test_fallback_is_hollow_and_says_so(built):
    _, out, _ = built
    data, _ = _figure((out / "timeline.html").read_text(), "timeline")
    hollow = [t for t in data if t.get("marker", {}).get("symbol") == "circle-open" and t.get("hovertext")]
    assert len(hollow) == 1 and hollow[0]["y"] == ["Charlie"]
    assert "publication date used" in hollow[0]["hovertext"][0]
    solid = [t for t in data if t.get("marker", {}).get("symbol") == "circle"]
    assert all("Charlie" != y for t in solid for y in t["y"] if t["name"] == "ASSAULT")


def test_undated_listed_apart_not_plotted(built):
    _, out, _ = built
    text = (out / "timeline.html").read_text()
    data, _ = _figure(text, "timeline")
    lanes = {y for t in data for y in (t.get("y") or []) if y}
    assert not any(lane.startswith("Delta") for lane in lanes)
    undated_part = text.split("Undated events (1)")[1]
    assert '<div id="undated"></div>' in undated_part  # filled by the page script from the plot's data
    payload = _payload(text, "timeline")
    assert payload["L"]["el"] == "undated" and payload["L"]["t"] == "U"
    rows = decode_table(payload["U"])
    assert rows["lane"] == ["Delta &lt;b&gt;&amp;&lt;/b&gt;"] and rows["evidence"] == ["Delta once said something."]
    assert rows["method"] == ["undated"] and rows["article"] == ["Second report"]


def test_csv_rows_are_the_events(built):
    con, out, _ = built
    timeline = pl.read_csv(out / "timeline.csv")
    ids = con.sql("SELECT event_id FROM events ORDER BY event_id").pl()["event_id"].to_list()
    assert timeline.height == len(ids) and sorted(timeline["event_id"].to_list()) == ids
    network = pl.read_csv(out / "network.csv")
    assert sorted(network["event_id"].to_list()) == ["e_day", "e_hour", "e_late", "e_month", "e_morning",
                                                     "e_payload"]
    day = pl.read_csv(out / "day.csv")  # the two days with events timed within the day (no fallback dates)
    assert sorted(day["event_id"].to_list()) == ["e_day", "e_hour", "e_late", "e_morning", "e_payload"]


def test_day_page_uses_hours(built):
    _, out, _ = built
    data, layout = _figure((out / "day.html").read_text(), "day")
    assert layout["xaxis"]["range"] == ["2023-06-24 00:00", "2023-06-25 00:00"]
    bands = sorted((b, x, y) for t in data if t["type"] == "bar" and t["opacity"] < 0.5
                   for b, x, y in zip(t["base"], t["x"], t["y"]))
    # day-granular events are all-day bands; the publication-fallback event is not on this page
    assert bands == [("2023-06-24 00:00", 86_400_000, "Alpha → Bravo"),
                     ("2023-06-25 00:00", 86_400_000, "Alpha → Charlie")]
    windows = [(b, x) for t in data if t["type"] == "bar" and t["opacity"] >= 0.5
               for b, x in zip(t["base"], t["x"])]
    assert windows == [("2023-06-24 06:00", 6 * 3_600_000)]
    hours = [(x, y) for t in data if t["type"] == "scatter" and t.get("hoverinfo") != "skip"
             for x, y in zip(t["x"], t["y"])]
    assert sorted(hours) == [("2023-06-24 08:00", "Bravo → Charlie"), ("2023-06-25 22:00", "Bravo → Alpha")]


def test_figures_are_valid_plotly(built):
    _, out, _ = built
    for name, div in (("timeline.html", "timeline"), ("network.html", "network"), ("day.html", "day")):
        data, layout = _figure((out / name).read_text(), div)
        go.Figure(data=data, layout=layout)  # raises on any unknown property


def test_network_layout_is_stable(built):
    con, _, _ = built
    events = load_events(con)
    first = network_figure(events, pl.DataFrame(schema={"name": str, "kind": str, "country": str, "title": str}))
    again = network_figure(events.reverse(), pl.DataFrame(schema={"name": str, "kind": str, "country": str,
                                                                   "title": str}))
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    pos = layout_positions(["Alpha", "Bravo", "Charlie"], edges(dyadic(events)))
    assert sorted(pos) == ["Alpha", "Bravo", "Charlie"]


def test_build_is_deterministic(built, tmp_path):
    con, out, _ = built
    again = dashboards.build(con, tmp_path, title="Test story <script>alert(1)</script>")
    for p in again:
        assert p.read_bytes() == (out / p.name).read_bytes(), p.name


def test_to_png_errors_clearly_without_chromium(monkeypatch, tmp_path):
    monkeypatch.setattr(dashboards, "find_chromium", lambda: None)
    with pytest.raises(RuntimeError, match="needs Chromium"):
        dashboards.to_png([tmp_path / "x.html"], tmp_path)


def test_empty_database_builds_pages_that_say_so(tmp_path):
    con = store.connect(tmp_path / "empty.duckdb")
    paths = dashboards.build(con, tmp_path / "out")
    con.close()
    assert len(paths) == 7
    assert "No dated events to draw" in (tmp_path / "out" / "timeline.html").read_text()
    assert "no network to draw" in (tmp_path / "out" / "network.html").read_text()
    assert "no day to show" in (tmp_path / "out" / "day.html").read_text()
    assert pl.read_csv(tmp_path / "out" / "timeline.csv").height == 0


def make_many(path: Path, n: int):
    """n day/hour events over 20 days between 12 actors (for the WebGL path)."""
    con = store.connect(path)
    con.execute("INSERT INTO documents (doc_id, title, published_date) VALUES ('d0', 'Many', DATE '2023-06-20')")
    insert_events(con, f"""
        INSERT INTO events (event_id, event_type, plover_type, source_actor, target_actor, date_start, date_end,
                            granularity, time_start, time_end, n_mentions, date_method, modality, origin)
        SELECT 'e' || i, 'meeting', ['CONSULT', 'ACCUSE', 'ASSAULT'][i % 3 + 1], 'Actor ' || (i % 12),
               'Actor ' || ((i * 7) % 12), DATE '2023-06-01' + (i % 20)::INTEGER, DATE '2023-06-01' + (i % 20)::INTEGER,
               CASE WHEN i % 4 = 0 THEN 'hour' ELSE 'day' END,
               CASE WHEN i % 4 = 0 THEN TIMESTAMP '2023-06-01 00:00' + to_days((i % 20)::INTEGER)
                    + to_hours((i % 24)::INTEGER) END,
               NULL, 1, 'explicit_date', 'asserted', 'text'
        FROM range({n}) t(i)""")
    con.execute("""INSERT INTO mentions (mention_id, event_id, doc_id, sentence, confidence)
                   SELECT 'm' || event_id, event_id, 'd0', 'Sentence of ' || event_id, 0.5 FROM events""")
    return con


def test_webgl_above_a_thousand_points(tmp_path):
    con = make_many(tmp_path / "many.duckdb", 1_500)
    dashboards.build(con, tmp_path / "out")
    con.close()
    data, _ = _figure((tmp_path / "out" / "timeline.html").read_text(), "timeline")
    markers = [t for t in data if t.get("mode") == "markers" and t.get("hovertext")]
    assert markers and all(t["type"] == "scattergl" for t in markers)
    assert sum(len(t["x"]) for t in markers) == 1_500
    assert pl.read_csv(tmp_path / "out" / "timeline.csv").height == 1_500


def test_counts_per_day_above_the_aggregation_limit(tmp_path, monkeypatch):
    from dateline import dashboards_timeline

    monkeypatch.setattr(dashboards_timeline, "AGGREGATE_ABOVE", 100)
    con = make_many(tmp_path / "many.duckdb", 300)
    dashboards.build(con, tmp_path / "out")
    con.close()
    text = (tmp_path / "out" / "timeline.html").read_text()
    assert "counts per start day" in text
    data, _ = _figure(text, "timeline")
    assert {t["type"] for t in data} == {"bar"}
    assert sum(sum(t["y"]) for t in data) == 300  # every event counted once
    assert len({x for t in data for x in t["x"]}) == 20  # one bar position per day
    go.Figure(data=data)


def test_csv_cells_a_spreadsheet_would_run_are_quoted(tmp_path):
    """CSV injection: a text cell starting with = + - @ or a tab is prefixed with ' (read as text)."""
    from dateline.dashboards_data import CSV_COLUMNS, csv_frame

    cells = ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "plain", None]
    frame = pl.DataFrame({c: [None] * len(cells) for c in CSV_COLUMNS}, schema={c: pl.String for c in CSV_COLUMNS}).with_columns(
        pl.Series("evidence", cells, dtype=pl.String), pl.Series("article", cells[::-1], dtype=pl.String))
    out = csv_frame(frame)
    assert out["evidence"].to_list() == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "plain", None]
    assert out["article"].to_list()[0] is None and out["article"].to_list()[1] == "plain"


# ---------------------------------------------------------------- the page tables, encoded and decoded

_D = date(2023, 6, 24)


def _at(h: int, mi: int = 0, s: int = 0, day: date = _D) -> datetime:
    return datetime(day.year, day.month, day.day, h, mi, s)


# event_id, src, tgt, start, end, gran, t0, t1, n_mentions, sentence (None: no mention), doc
EDGE_EVENTS = [
    ("x_short", "Echo", "Fox", _D, _D, "hour", _at(8), _at(8, 10), 1, "Echo met Fox briefly.", "d1"),
    ("x_open", "Echo", None, _D, _D, "hour", _at(9), None, 2, "echo spoke at nine", "d1"),
    ("x_same", "Fox", "Fox", _D, _D, "hour", _at(10), _at(10), 4, "", "d2"),
    ("x_secs", None, "Golf", _D, _D, "hour", _at(10, 15, 30), _at(11, 0, 45), 9, "Élan at 10:15.", "d2"),
    ("x_pod", "Golf & <Co>", "Echo", _D, _D, "part-of-day", _at(18), _at(22), 5,
     "Golf & <Co> met Echo this evening.", "d1"),
    ("x_nogran", "Echo", "Golf & <Co>", _D, _D, None, None, None, 1, "A.", "d2"),
    ("x_week", "Fox", "Echo", date(2023, 6, 19), date(2023, 6, 25), "<b>week</b>", None, None, 1,
     "Fox and  Echo met that week .", "d1"),
    ("x_twoday", "Echo", "Fox", _D, date(2023, 6, 25), "day", None, None, 16, "Over two days.", "d1"),
    ("x_old", "Fox", None, date(999, 1, 1), date(999, 12, 31), "year", None, None, 1, "In 999.", "d2"),
    ("x_late", "Echo", "Fox", _D, _D, "hour", _at(23, 30), _at(0, 30, day=date(2023, 6, 25)), 1, "Late.", "d1"),
    ("x_quiet", "Fox", "Golf", _D, _D, "day", None, None, 3, None, "d1"),
]


def make_edge_db(path: Path):
    """Events at the edges of how a page writes its rows back: short and open hours, seconds,
    odd granularities, a year before 1000, unknown or repeated actors, odd sentences, no mention."""
    con = store.connect(path)
    con.execute("INSERT INTO documents (doc_id, title, source, published_date) VALUES "
                "('d1', 'Edge <i>one</i>', 'Wire & Co', DATE '2023-06-25'), ('d2', NULL, NULL, DATE '2023-06-25')")
    for eid, src, tgt, d0, d1, gran, t0, t1, n, sentence, doc in EDGE_EVENTS:
        insert_events(
            con, "INSERT INTO events (event_id, event_type, plover_type, source_actor, target_actor, date_start, date_end, "
            "granularity, time_start, time_end, n_mentions, n_sources, date_method, modality, date_conflict, origin) "
            "VALUES (?, 'meeting', 'CONSULT', ?, ?, ?, ?, ?, ?, ?, ?, 1, 'explicit_date', 'asserted', ?, 'text')",
            [eid, src, tgt, d0, d1, gran, t0, t1, n, eid == "x_pod"])
        if sentence is not None:
            con.execute("INSERT INTO mentions (mention_id, event_id, doc_id, sentence, time_text, reported_by, "
                        "confidence) VALUES (?, ?, ?, ?, 'then', 'a <b>source</b>', 0.5)",
                        [f"m_{eid}", eid, doc, sentence])
    return con


def test_page_table_decodes_to_the_hover_fields(tmp_path, monkeypatch):
    """A page's event table (codes, actor-coded lanes, word-coded evidence, ``when`` written from
    the position) reads back as the escaped columns the hover shows, ``when`` as enrich writes it."""
    from dateline import dashboards_html
    from dateline.dashboards_data import hover_table, positions
    from dateline.dashboards_html import _event_table, esc_expr, payload

    monkeypatch.setattr(dashboards_html, "WORD_CODE_MIN_REPEAT", 0)
    monkeypatch.setattr(dashboards_html, "WORD_CODE_MIN_ROWS", 0)
    con = make_edge_db(tmp_path / "edge.duckdb")
    events = load_events(con)
    con.close()
    dated = events.filter(pl.col("dated"))
    assert dated.height == len(EDGE_EVENTS)
    text = hover_table(dated)
    table = _event_table(pl.concat([positions(dated), text], how="horizontal"))
    assert "w" in table["evidence"] and table["source"]["f"] == "article"
    rows = decode_table(unpayload(payload({"E": table}))["E"])
    assert rows["when"] == dated.select(esc_expr(pl.col("when")))["when"].to_list()
    assert rows["ylane"] == dated["ylane"].to_list()
    assert "(unknown actor) → Golf" not in rows["ylane"] and "(unknown actor)" in rows["ylane"]
    assert "Golf &amp; &lt;Co&gt; → Echo" in rows["ylane"]
    for column in ("evidence", "article", "source", "time_text", "reported_by", "dated_by", "event_type", "ptype"):
        assert rows[column] == text[column].to_list(), column
    assert rows["evidence"][-1] is None and "" in rows["evidence"] and "echo spoke at nine" in rows["evidence"]
    assert rows["t0"] == dated["t0"].to_list() and rows["n_mentions"] == dated["n_mentions"].to_list()
    assert [_size(n) for n in rows["n_mentions"]] == dated["msize"].to_list()
    assert rows["date_conflict"] == dated["date_conflict"].cast(pl.Int8).to_list()


def test_text7_round_trips_and_is_inert():
    """The page data's text: any bytes back exactly, and no character a <script> string cannot hold."""
    import random

    from dateline.dashboards_html import TEXT7_ILLEGAL, text7, untext7

    rnd = random.Random(3)
    cases = [b"", b"\x00", b"\x00" * 9, bytes(TEXT7_ILLEGAL) * 7, b"\xff" * 15, bytes(range(256)) * 3]
    cases += [bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 400))) for _ in range(300)]
    for data in cases:
        text = text7(data)
        assert untext7(text) == data
        assert not set(text) & {"<", '"', "\\", "\n", "\r", "\x00"}
        assert all(ord(c) < 0x480 for c in text)
        assert len(text.encode("utf-8")) <= -(-len(data) * 8 // 7) + 1


def test_day_body_selects_its_days_itself(built):
    """``dashboards_day.body`` without the caller's selection picks the days itself."""
    from dateline import dashboards_day

    con, _, _ = built
    events = load_events(con)
    assert dashboards_day.body(events) == dashboards_day.body(events, dashboards_day.select(events))


def test_each_event_shows_its_best_mention(tmp_path):
    """The evidence of an event is its most confident mention (unknown confidence last, ties
    by mention id), as the former window query picked it."""
    from dateline import dashboards_data

    con = store.connect(tmp_path / "best.duckdb")
    con.execute("INSERT INTO events (event_id) VALUES ('e1'), ('e2'), ('e3'), ('e4')")
    con.execute("""INSERT INTO mentions (mention_id, event_id, doc_id, confidence, sentence) VALUES
        ('m1', 'e1', 'd', 0.5, 'low'), ('m2', 'e1', 'd', 0.9, 'high'), ('m3', 'e1', 'd', NULL, 'unknown'),
        ('m5', 'e2', 'd', 0.7, 'later id'), ('m4', 'e2', 'd', 0.7, 'first id'),
        ('m6', 'e3', 'd', NULL, 'only unknown'), ('m8', 'e3', 'd', NULL, 'unknown, later id')""")
    best = sorted(con.sql(f"SELECT event_id, evidence FROM ({dashboards_data.EVENTS_SQL})").fetchall())
    con.close()
    assert best == [("e1", "high"), ("e2", "first id"), ("e3", "only unknown"), ("e4", None)]


def test_overview_latest_events_say_how_the_text_puts_them(built):
    _, out, _ = built
    page = (out / "index.html").read_text()
    latest = page.split("<h2>Latest events</h2>", 1)[1].split("<h2>", 1)[0]
    shown = {m for m in set(MODALITY.values()) if m != "asserted"}
    assert shown and all(f"({m.replace('_', ' ')})" in latest for m in shown)
    assert "(asserted)" not in latest
