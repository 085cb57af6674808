"""Offline HTML dashboards of a story's event timeline, and PNG screenshots of them.

``build`` reads the DuckDB tables once with SQL and writes four self-contained pages
(overview, timeline, network, day-by-hour) plus, beside each plot page, the events it
shows as CSV, so an analyst can check any mark against its row. Pages open from disk
with no network: plotly.js is inlined, a Content-Security-Policy forbids requests, and
all untrusted text (titles, sentences) is HTML-escaped. ``to_png`` screenshots the pages
with headless Chromium for reports. Page content lives in ``dashboards_*.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import polars as pl

from . import dashboards_day, dashboards_index, dashboards_network, dashboards_timeline
from .dashboards_data import csv_frame, load_actors, load_counts, load_documents, load_events
from .dashboards_html import page

#: Above this many events the per-event hover drops the evidence sentence (kept in CSV): the
#: pages carry no per-event table, only positions and data-free hover templates.
FULL_HOVER_MAX = 5_000
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
    "--run-all-compositor-stages-before-draw",  # else the capture can catch plotly mid-draw
)


def default_title(con: duckdb.DuckDBPyConnection) -> str:
    """A neutral title from the documents: 'Event timeline · 10 articles, 23 Jun – 28 Jun 2023'."""
    n, first, last = con.sql("SELECT count(*), min(published_date), max(published_date) FROM documents").fetchall()[0]
    if not n:
        return "Event timeline"
    span = "" if first is None else f", {first:%d %b %Y}" if first == last else f", {first:%d %b} – {last:%d %b %Y}"
    return f"Event timeline · {n} article{'s' if n != 1 else ''}{span}"


def _write(path: Path, parts: list[bytes]) -> Path:
    """Write atomically (temp file + rename), so a reader never sees half a page."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "wb") as fh:
        fh.writelines(parts)
    tmp.replace(path)
    return path


def _write_csv(path: Path, frame: pl.DataFrame) -> Path:
    tmp = path.with_suffix(".csv.tmp")
    csv_frame(frame).write_csv(tmp)
    tmp.replace(path)
    return path


def build(con: duckdb.DuckDBPyConnection, out_dir: str | Path, *, title: str | None = None) -> list[Path]:
    """Write index/timeline/network/day HTML and timeline/network/day CSV into ``out_dir``."""
    # a page is made of a few hundred small frame operations: Polars' in-memory engine runs
    # each at once, where the default streaming engine pays a start-up per query
    with pl.Config(engine_affinity="in-memory"):
        return _build(con, Path(out_dir), title)


def _build(con: duckdb.DuckDBPyConnection, out: Path, title: str | None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    story = title or default_title(con)
    events = load_events(con, full_hover_max=FULL_HOVER_MAX)
    counts, documents, actors = load_counts(con), load_documents(con), load_actors(con)  # all SQL first
    day = dashboards_day.select(events)
    network_rows = dashboards_network.dyadic(events)
    # Pages are built on threads as well as written: most of a page's time is spent in Polars
    # queries, which run outside the GIL, so two pages are built at once on two cores. The CSVs
    # (Polars too) and the page files (3 x 4.6 MB of plotly.js) are written as they are ready.
    bodies = {
        "index.html": lambda: page("index.html", story, "Overview", dashboards_index.body(events, counts, documents),
                                   with_plotly=False, css=("stats", "table")),
        "timeline.html": lambda: page("timeline.html", story, "Timeline", dashboards_timeline.body(events),
                                      with_plotly=True, css=("table", "filters")),
        "network.html": lambda: page("network.html", story, "Who did what to whom",
                                     dashboards_network.body(events, actors), with_plotly=True, css=()),
        "day.html": lambda: page("day.html", story, "Day by hour", dashboards_day.body(events, day),
                                 with_plotly=True, css=("table", "filters")),
    }
    with ThreadPoolExecutor(max_workers=2) as builders, ThreadPoolExecutor(max_workers=2) as writers:
        csvs = writers.submit(lambda: [_write_csv(out / "timeline.csv", events),
                                       _write_csv(out / "network.csv", network_rows),
                                       _write_csv(out / "day.csv", day[0])])
        # the two slowest first, so they run side by side
        order = ("timeline.html", "network.html", "day.html", "index.html")
        built = {name: builders.submit(bodies[name]) for name in order}
        pages = {name: writers.submit(lambda n=name: _write(out / n, built[n].result())) for name in order}
        return [pages[n].result() for n in bodies] + csvs.result()  # in the order of bodies (PAGES)


def find_chromium() -> str | None:
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def to_png(html_paths: list[Path], out_dir: Path, *, width: int = 1400, height: int = 900,
           budget_ms: int = 15000) -> list[Path]:
    """Screenshot each page with headless Chromium (virtual-time budget lets plotly draw)."""
    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("PNG export needs Chromium: install it (Debian: apt-get install -y chromium) "
                           "so that /usr/bin/chromium exists")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for html_path in html_paths:
        png = out / (Path(html_path).stem + ".png")
        with tempfile.TemporaryDirectory(prefix="dateline-chromium-") as profile:
            cmd = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={png.resolve()}",
                   f"--window-size={width},{height}", f"--virtual-time-budget={budget_ms}",
                   Path(html_path).resolve().as_uri()]
            result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if result.returncode != 0 or not png.exists():
            raise RuntimeError(f"chromium could not screenshot {html_path}: {result.stderr.strip()[-400:]}")
        written.append(png)
    return written
