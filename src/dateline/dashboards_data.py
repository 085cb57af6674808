"""The event rows behind the dashboards: one SQL read, then columns the plots share.

Every page reads the same frame so the pages agree with each other and with the CSV
exported beside them. Each event carries its best mention (evidence sentence, time
expression, reporter) and that mention's article. Derived columns say how to draw it:
``lane`` (actor or dyad), ``kind`` (a day-or-finer ``point`` or a coarser ``span``),
``x0``/``x1`` (the true interval, end exclusive), ``xm`` (where a point is placed),
``when`` (date + granularity, human-readable). The hover text itself is built in the page from
:func:`hover_table` (escaped columns, strings sent once per page).
"""

from __future__ import annotations

from datetime import timedelta

import duckdb
import polars as pl

from .dashboards_html import UNTYPED, esc_expr

#: Granularities drawn as a marker; all coarser ones are drawn as a span of their interval.
POINT_GRANULARITIES = ("hour", "part-of-day", "day")
SUB_DAY = ("hour", "part-of-day")

EVENTS_SQL = """
SELECT e.event_id, e.event_type, e.cameo_code, e.plover_type, e.plover_mode,
       e.source_actor, e.target_actor, e.date_start, e.date_end, e.granularity,
       e.time_start, e.time_end, e.location, e.n_mentions, e.n_sources, e.confidence,
       e.date_method, e.modality, e.date_conflict, e.origin,
       m.time_text, m.reported_by, m.sentence AS evidence,
       d.title AS article, d.source, d.published_date, d.url
FROM events e
LEFT JOIN (  -- each event's best mention: highest confidence (unknown last), then first id
    SELECT event_id, arg_min(mention_id, (coalesce(-confidence, 'inf'::DOUBLE), mention_id)) AS best
    FROM mentions GROUP BY event_id
) b USING (event_id)
LEFT JOIN mentions m ON m.mention_id = b.best
LEFT JOIN documents d ON d.doc_id = m.doc_id
"""
#: (A window ``row_number() ... = 1`` picked the same mention, more slowly: it sorts every
#: mention row with its text, where ``arg_min`` keeps one id per event.)
#: Row order of every page and CSV (sorted in polars: faster than ORDER BY in the query).
ORDER = ("date_start", "time_start", "source_actor", "target_actor", "event_type", "event_id")

#: Columns exported to CSV (the events behind a page), in this order.
CSV_COLUMNS = (
    "event_id", "date_start", "date_end", "granularity", "time_start", "time_end",
    "date_method", "time_text", "source_actor", "target_actor", "event_type", "plover_type",
    "plover_mode", "cameo_code", "modality", "n_mentions", "n_sources", "confidence",
    "date_conflict", "location", "reported_by", "evidence", "article", "source", "url", "origin",
)

#: Short forms for tables.
METHOD_SHORT = {
    "explicit_date": "explicit date",
    "relative_to_publication": "relative to publication",
    "narrative_anchor": "narrative anchor",
    "publication_fallback": "⚠ publication day only",
    "undated": "undated",
}

METHOD_LABELS = {
    "explicit_date": "explicit date in the text",
    "relative_to_publication": "resolved relative to the publication date",
    "narrative_anchor": "resolved from the story's own clock (narrative anchor)",
    "publication_fallback": "⚠ NO time expression: publication date used (uncertain)",
    "undated": "undated",
}


def load_events(con: duckdb.DuckDBPyConnection, *, full_hover_max: int = 5_000) -> pl.DataFrame:
    """All events with their best mention and article, plus the drawing columns.

    Above ``full_hover_max`` events (``full_hover`` false) pages use data-free hover templates
    and the evidence stays in the CSV.
    """
    raw = con.sql(EVENTS_SQL).pl().sort(ORDER, nulls_last=True)
    return enrich(raw, full_hover=raw.height <= full_hover_max)


def load_counts(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Story-level numbers for the overview page."""
    row = con.sql(
        "SELECT count(*), count(DISTINCT source), min(published_date), max(published_date) FROM documents"
    ).fetchall()[0]
    return {"articles": row[0], "sources": row[1], "published_min": row[2], "published_max": row[3]}


def load_documents(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return con.sql(
        "SELECT d.doc_id, d.title, d.source, d.published, d.published_date, d.url, "
        "(SELECT count(*) FROM mentions m WHERE m.doc_id = d.doc_id) AS n_mentions "
        "FROM documents d ORDER BY d.published NULLS LAST, d.doc_id"
    ).pl()


def load_actors(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return con.sql("SELECT name, kind, country, title FROM actors ORDER BY name").pl()


def lane_target() -> pl.Expr:
    """The target of a lane: a known target other than a known source, else null."""
    tgt = pl.col("target_actor")
    return pl.when(tgt.is_not_null() & (tgt != pl.col("source_actor"))).then(tgt)


def _lane() -> pl.Expr:
    src = pl.col("source_actor").fill_null("(unknown actor)")
    return pl.when(lane_target().is_not_null()).then(src + " → " + lane_target()).otherwise(src)


def _interval() -> list[pl.Expr]:
    """x0/x1: the true interval (end exclusive); xm: where a point marker goes."""
    day0 = pl.col("date_start").cast(pl.Datetime("us"))
    day1 = (pl.col("date_end").fill_null(pl.col("date_start")) + timedelta(days=1)).cast(pl.Datetime("us"))
    has_time = pl.col("time_start").is_not_null()
    t0 = pl.col("time_start").cast(pl.Datetime("us"))
    t1 = pl.col("time_end").cast(pl.Datetime("us")).fill_null(t0)
    x0 = pl.when(has_time).then(t0).otherwise(day0)
    x1 = pl.when(has_time).then(pl.max_horizontal(t1, t0 + timedelta(minutes=30))).otherwise(day1)
    xm = (
        pl.when(has_time & (pl.col("granularity") == "part-of-day")).then(t0 + (t1 - t0) / 2)
        .when(has_time).then(t0)
        .otherwise(day0 + timedelta(hours=12))
    )
    return [x0.alias("x0"), x1.alias("x1"), xm.alias("xm")]


def _shown_end() -> pl.Expr:
    """Whether an event's ``when`` shows its ``time_end`` (:func:`_when`, :func:`when_code`)."""
    return pl.col("time_end").is_not_null() & (pl.col("time_end") != pl.col("time_start"))


def _when() -> pl.Expr:
    """'Sat 24 Jun 2023 (day)', 'Sat 24 Jun 2023 06:00–12:00 (part-of-day)', '01 Jan 2022 – 31 Dec 2022 (year)'."""
    g = pl.col("granularity").fill_null("day")
    day = pl.col("date_start").dt.strftime("%a %d %b %Y")
    span = pl.col("date_start").dt.strftime("%d %b %Y") + " – " + pl.col("date_end").fill_null(
        pl.col("date_start")).dt.strftime("%d %b %Y")
    hours = (
        pl.col("time_start").dt.strftime("%a %d %b %Y %H:%M")
        + pl.when(_shown_end()).then("–" + pl.col("time_end").dt.strftime("%H:%M")).otherwise(pl.lit(""))
    )
    label = (
        pl.when(pl.col("date_start").is_null()).then(pl.lit("undated"))
        .when(pl.col("time_start").is_not_null()).then(hours)
        .when(g.is_in(POINT_GRANULARITIES)).then(day)
        .otherwise(span)
    )
    return (label + " (" + g + ")").alias("when")


def when_code() -> list[pl.Expr]:
    """What the page script needs, besides an event's position, to write its ``when`` exactly as
    :func:`_when` does: ``wk``, the kind of label (``t`` a clock time, ``d`` a day, ``s`` a span of
    days) followed by the escaped granularity, and ``te``, the minutes from ``time_start`` to a
    ``time_end`` that is shown (null if none)."""
    g = pl.col("granularity").fill_null("day")
    timed = pl.col("time_start").is_not_null()
    kind = (pl.when(timed).then(pl.lit("t")).when(g.is_in(POINT_GRANULARITIES)).then(pl.lit("d"))
            .otherwise(pl.lit("s")))
    te = pl.when(timed & _shown_end()).then(minutes(pl.col("time_end")) - minutes(pl.col("time_start")))
    return [(kind + esc_expr(g)).alias("wk"), te.alias("te")]


def hover_table(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per event of a page, in its ``_i`` order: the hover fields, HTML-escaped here
    (the page script only joins them with fixed markup, or shows them with textContent). The
    lane (``ylane``), the position the ``when`` label is written from and ``n_mentions`` come
    from :func:`positions`."""
    method = pl.col("date_method").replace_strict(METHOD_LABELS, default=pl.col("date_method"),
                                                   return_dtype=pl.String)
    return frame.select(
        esc_expr(pl.col("event_type").fill_null("?")).alias("event_type"),
        esc_expr(pl.col("ptype")).alias("ptype"),
        esc_expr(pl.col("plover_mode")).alias("plover_mode"),
        *when_code(),
        esc_expr(pl.col("time_text")).alias("time_text"),
        esc_expr(method).alias("dated_by"),
        pl.when(pl.col("modality") != "asserted").then(esc_expr(pl.col("modality"))).alias("modality"),
        esc_expr(pl.col("evidence").str.replace_all(r"\s+", " ").str.strip_chars()).alias("evidence"),
        esc_expr(pl.col("reported_by")).alias("reported_by"),
        esc_expr(pl.col("article").fill_null("(untitled)")).alias("article"),
        esc_expr(pl.col("source")).alias("source"),
        pl.col("n_sources").fill_null(1), pl.col("date_conflict").fill_null(False),
    )


def enrich(events: pl.DataFrame, *, full_hover: bool = True) -> pl.DataFrame:
    """Add lane/ylane, ptype, dated, fallback, kind, style, x0/x1/xm (+ t0/dt/m in minutes), msize, when,
    full_hover."""
    g = pl.col("granularity")
    frame = events.with_columns(
        _lane().alias("lane"),
        esc_expr(_lane()).alias("ylane"),  # plotly renders axis labels as HTML: escaped copy for plots
        pl.col("plover_type").fill_null(UNTYPED).alias("ptype"),
        (pl.col("date_start").is_not_null() & (pl.col("date_method").fill_null("") != "undated")).alias("dated"),
        (pl.col("date_method") == "publication_fallback").fill_null(False).alias("fallback"),
        pl.when(g.is_null() | g.is_in(POINT_GRANULARITIES)).then(pl.lit("point")).otherwise(pl.lit("span"))
        .alias("kind"),
        pl.col("n_mentions").fill_null(1),
        pl.col("date_method").replace_strict(METHOD_SHORT, default=pl.col("date_method"), return_dtype=pl.String)
        .alias("method"),
        *_interval(),
        _when(),
    )
    sub = pl.col("time_start").is_not_null() | g.is_in(SUB_DAY)
    frame = frame.with_columns(
        pl.when(pl.col("kind") == "span").then(pl.lit("span"))
        .when(pl.col("fallback")).then(pl.lit("weak"))
        .when(sub).then(pl.lit("sub")).otherwise(pl.lit("day")).alias("style"),
        minutes(pl.col("x0")).alias("t0"), (minutes(pl.col("x1")) - minutes(pl.col("x0"))).alias("dt"),
        (minutes(pl.col("xm")) - minutes(pl.col("x0"))).alias("m"),
        (8 + 5 * (pl.col("n_mentions").cast(pl.Float64).clip(1, None).sqrt() - 1)).clip(8, 28).round(0)
        .cast(pl.Int32).alias("msize"),
    )
    return frame.with_columns(pl.lit(full_hover).alias("full_hover"))


def with_index(frame: pl.DataFrame) -> pl.DataFrame:
    """Number a page's events 0..n-1 (``_i``): traces and tables point at the page's event table."""
    return frame.with_row_index("_i")


def has_full_hover(rows: pl.DataFrame) -> bool:
    return rows.height > 0 and bool(rows["full_hover"][0])


def hover_fields(full: bool, template: str) -> dict:
    """Per-event hover: with ``full`` the page script builds it from the event table (``_h``),
    else a data-free template (large sets)."""
    if full:
        return {"_h": 1, "hovertemplate": "%{hovertext}<extra></extra>"}
    return {"hovertemplate": template}


def brief_hover(rows: pl.DataFrame) -> list[str]:
    """Short escaped hover (actors + interval) for the spans of a large set."""
    return rows.select("<b>" + pl.col("ylane") + "</b><br>" + esc_expr(pl.col("when"))).to_series().to_list()


#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


def csv_frame(events: pl.DataFrame) -> pl.DataFrame:
    """The exported columns; text cells that a spreadsheet would run as a formula get a ' prefix."""
    text_cols = ("evidence", "article", "time_text", "reported_by", "source", "location", "url")
    return events.select(CSV_COLUMNS).with_columns(
        pl.when(pl.col(c).str.slice(0, 1).is_in(FORMULA_STARTS)).then("'" + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in text_cols
    )


def lane_order(events: pl.DataFrame, column: str = "ylane") -> list[str]:
    """Lanes ordered by first appearance: first by their earliest day-or-finer event, then the
    lanes that only have coarse spans ("last year") by their start, so the lanes on top are the
    ones visible in the story's days."""
    if events.height == 0:
        return []
    firsts = events.group_by(column).agg(
        pl.col("x0").filter(pl.col("kind") == "point").min().alias("first_point"),
        pl.col("x0").min().alias("first"))
    return firsts.sort(["first_point", "first", column], nulls_last=True)[column].to_list()


def minutes(expr: pl.Expr) -> pl.Expr:
    """Datetime column -> whole minutes since 1970 (Int64): how pages carry positions (the page
    script turns them back into 'YYYY-MM-DD HH:MM' strings)."""
    return expr.dt.epoch("s").floordiv(60)


def positions(frame: pl.DataFrame, *, point_offset: bool = True) -> pl.DataFrame:
    """The drawing columns of a page's event table, one row per event in its ``_i`` order:
    ``lane_src``/``lane_tgt`` (the raw actors of the lane: the page joins them into the escaped
    ``ylane``, see dashboards_html.LANE_COLUMNS), ``t0`` (start minute, delta-coded: rows run in
    time order within a trace), ``dt`` (interval length in minutes), ``m`` (marker offset from the
    start; timeline only), ``n_mentions`` (the page derives the marker size from it as ``msize``
    is). The page script (PAGE_JS) builds every trace's x/y/base from them."""
    cols = [pl.col("source_actor").alias("lane_src"), lane_target().alias("lane_tgt"),
            pl.col("t0").diff().fill_null(pl.col("t0").first()).alias("t0"), pl.col("dt")]
    if point_offset:
        cols.append(pl.col("m"))
    return frame.select(*cols, pl.col("n_mentions"))


def lane_actors(frame: pl.DataFrame, lanes: list[str]) -> list[tuple[str | None, str | None]]:
    """The (source, target) raw actors of each escaped lane label (``ylane``) of ``lanes``."""
    pairs = frame.select("ylane", pl.col("source_actor"), lane_target().alias("t")).unique("ylane")
    by_lane = {lane: (src, tgt) for lane, src, tgt in pairs.iter_rows()}
    return [by_lane[lane] for lane in lanes]


