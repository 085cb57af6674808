"""The overview page: the story at a glance, and the door to the other pages.

Counts (articles, sources, events, dated/undated/uncertain), the span of dates, a small
inline SVG of events per day (no plotly needed, so this page stays light), the latest
events and the articles read. Every value is escaped.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import polars as pl

from .dashboards_html import PAGES, esc, table

LATEST = 20
MAX_ARTICLES = 100


def _stat(value: object, label: str) -> str:
    return f'<div class="stat"><b>{esc(value)}</b><span>{esc(label)}</span></div>'


def _num(v: float) -> str:
    """A coordinate to one decimal, without a trailing '.0'."""
    return f"{v:.1f}".removesuffix(".0")


def sparkline(events: pl.DataFrame, width: int = 900, height: int = 70) -> str:
    """Bars of events per day over the days that have day-or-finer events."""
    fine = events.filter(pl.col("dated") & (pl.col("kind") == "point"))
    if fine.height == 0:
        return ""
    per_day = fine.group_by("date_start").len().sort("date_start")
    days = pl.date_range(per_day["date_start"].min(), per_day["date_start"].max(), "1d", eager=True)
    if days.len() > 400:
        return ""
    full = pl.DataFrame({"date_start": days}).join(per_day, on="date_start", how="left").fill_null(0)
    peak = max(1, full["len"].max())
    bw = width / full.height
    bars = []
    width_attr = _num(max(1.0, bw - 2))
    for i, (day, n) in enumerate(full.iter_rows()):
        h = round((height - 14) * n / peak, 1)
        bars.append(f"<rect x={_num(i * bw)} y={_num(height - 14 - h)} width={width_attr} height={_num(h)}>"
                    f'<title>{esc(f"{day:%a %d %b %Y}: {n} events")}</title></rect>')
    first, last = full["date_start"][0], full["date_start"][-1]
    labels = (f'<text x="0" y="{height - 2}" font-size="11">{esc(f"{first:%d %b %Y}")}</text>'
              f'<text x="{width}" y="{height - 2}" font-size="11" text-anchor="end">{esc(f"{last:%d %b %Y}")}</text>')
    return (f'<h2>Events per day (day-or-finer dates)</h2><svg width="{width}" height="{height}" '
            f'role="img" aria-label="events per day"><g fill="#0072B2">{"".join(bars)}</g>{labels}</svg>')


def body(events: pl.DataFrame, counts: dict[str, Any], documents: pl.DataFrame) -> str:
    dated = events.filter(pl.col("dated"))
    n_weak = dated.filter(pl.col("fallback")).height
    actors = pl.concat([events["source_actor"], events["target_actor"]]).drop_nulls().n_unique()
    first = dated["x0"].min() if dated.height else None
    last = dated["x1"].max() if dated.height else None
    span = f"{first:%d %b %Y} – {last - timedelta(seconds=1):%d %b %Y}" if first else "—"
    stats = "".join([
        _stat(counts["articles"], "articles"), _stat(counts["sources"], "sources"),
        _stat(events.height, "events"), _stat(dated.height - n_weak, "dated from the text"),
        _stat(n_weak, "dated by publication day only"), _stat(events.height - dated.height, "undated"),
        _stat(actors, "actors"), _stat(span, "dates covered"),
    ])
    pub = "—"
    if counts.get("published_min"):
        pub = f"{counts['published_min']:%d %b %Y} – {counts['published_max']:%d %b %Y}"
    links = "".join(f'<li><a href="{name}">{esc(label)}</a></li>' for name, label in PAGES[1:])
    # the latest events; among ties, the first in page order (as a stable sort then head would)
    order = -pl.col("_r").cast(pl.Int64)
    latest = dated.with_row_index("_r").top_k(LATEST, by=["x1", "x0", order]).sort(
        ["x1", "x0", "_r"], descending=[True, True, False]).select(
        "when", "lane",
        # "attack (planned)": how the text puts an event that is not asserted as fact
        pl.when(pl.col("modality").is_in(["asserted"]).not_() & pl.col("modality").is_not_null())
        .then(pl.col("event_type").fill_null("?") + " (" + pl.col("modality").str.replace_all("_", " ") + ")")
        .otherwise(pl.col("event_type")).alias("event_type"),
        "ptype", "method", "evidence", "article", "source")
    latest_table = table(["when", "actors", "event", "PLOVER type", "dated by", "evidence", "article", "source"],
                         latest.iter_rows(), css=["nw", "", "", "", "", "ev"])
    docs = documents.head(MAX_ARTICLES).select(
        pl.col("published").cast(pl.String).str.slice(0, 16), "title", "source", "n_mentions")
    docs_table = table(["published", "title", "source", "event mentions"], docs.iter_rows())
    return (
        f'<div class="stats">{stats}</div>\n'
        f"<p class=note>Articles published {esc(pub)}. Pages:</p><ul>{links}</ul>\n"
        f"{sparkline(events)}\n"
        f"<h2>Latest events</h2>\n{latest_table}\n"
        f"<h2>Articles ({counts['articles']:,})</h2>\n{docs_table}"
    )
