"""The embedded DuckDB file: schema, atomic writes, and a clear line when it is busy.

Analysts open this file with ad hoc SQL, so the schema is the public contract (column
names are exact; see README). The file is written with DuckDB's storage compatibility
set to v1.5.0 so the ``duckdb`` shell on PyPI can open it too.

Writes are one transaction per run: the rows of every re-ingested article are replaced
(never duplicated) and the merged ``events`` are rebuilt from all text ``mentions``, so
a run killed at any point leaves the file as it was before, or complete.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import duckdb
import polars as pl

STORAGE_VERSION = "v1.5.0"

#: The calendar period a granularity names, ending at: an event's ``date_end`` when its
#: interval is that whole period ("last year": 1 January - 31 December; "in June": 1 - 30 June).
CALENDAR_END = ("CASE granularity WHEN 'week' THEN date_start + 6 WHEN 'month' THEN last_day(date_start) "
                "WHEN 'quarter' THEN last_day(date_start + INTERVAL 2 MONTH)::DATE "
                "WHEN 'season' THEN last_day(date_start + INTERVAL 2 MONTH)::DATE "
                "WHEN 'year' THEN make_date(year(date_start), 12, 31) "
                "WHEN 'decade' THEN make_date(year(date_start) - year(date_start) % 10 + 9, 12, 31) "
                "ELSE date_start END")

#: ``events.date_end`` is computed from ``date_start`` and ``granularity`` (a virtual column:
#: no bytes on disk); only an interval that is not that calendar period (a merged range,
#: "the past seven days") stores its length in ``end_days``. At 10 million events this is
#: 1.8 of the file's 21 bytes an event (``benchmarks/bench_storage.py``); in dateline's own
#: output 0.4 % of the events need ``end_days``. Readers see a DATE column as before.
EVENTS_DDL = f"""CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR,             -- unique (merge_events); no PRIMARY KEY: see below
    event_type VARCHAR, cameo_code VARCHAR, plover_type VARCHAR, plover_mode VARCHAR,
    source_actor VARCHAR, target_actor VARCHAR,
    date_start DATE,
    date_end DATE GENERATED ALWAYS AS (CASE WHEN granularity = 'day' AND end_days IS NULL THEN date_start
                                            WHEN end_days IS NOT NULL THEN date_start + end_days
                                            ELSE {CALENDAR_END} END) VIRTUAL,
    granularity VARCHAR,
    time_start TIMESTAMP, time_end TIMESTAMP,
    location VARCHAR, n_mentions INTEGER, n_sources INTEGER, confidence DOUBLE,
    date_method VARCHAR, modality VARCHAR, date_conflict BOOLEAN,
    origin VARCHAR,               -- 'text' (dateline), 'gdelt', 'acled'
    end_days INTEGER              -- date_end - date_start when not the calendar period (else NULL)
);"""

#: What ``end_days`` gets from an incoming relation with a ``date_end``.
END_DAYS = (f"CASE WHEN granularity = 'day' AND date_end = date_start THEN NULL "  # (most rows: decided at once)
            f"WHEN date_end IS DISTINCT FROM ({CALENDAR_END}) THEN date_end - date_start END")

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    path VARCHAR,
    title VARCHAR,
    published TIMESTAMPTZ,
    published_date DATE,          -- the publication day in the article's own time zone (the DCT)
    source VARCHAR,
    url VARCHAR,
    text VARCHAR,                 -- full text as ingested; every offset in this file indexes it
    content_hash VARCHAR,
    n_noise_lines INTEGER
);
CREATE TABLE IF NOT EXISTS noise (
    doc_id VARCHAR, start INTEGER, "end" INTEGER, reason VARCHAR, text VARCHAR
);
CREATE TABLE IF NOT EXISTS timexes (
    doc_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, type VARCHAR, value VARCHAR,
    date_start DATE, date_end DATE, granularity VARCHAR, anchor VARCHAR,
    time_start TIMESTAMP, time_end TIMESTAMP
);
CREATE TABLE IF NOT EXISTS mentions (
    mention_id VARCHAR,           -- unique (doc_id + offsets); no PRIMARY KEY: see below
    event_id VARCHAR,
    doc_id VARCHAR,
    event_type VARCHAR, cameo_code VARCHAR, plover_type VARCHAR, plover_mode VARCHAR,
    source_actor VARCHAR, target_actor VARCHAR,
    sentence VARCHAR, char_start INTEGER, char_end INTEGER,
    trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    time_text VARCHAR, date_start DATE, date_end DATE, granularity VARCHAR,
    time_start TIMESTAMP, time_end TIMESTAMP,
    date_method VARCHAR, reported_by VARCHAR, location VARCHAR,
    confidence DOUBLE, modality VARCHAR
);
{events}
CREATE TABLE IF NOT EXISTS imported_events_extra (
    event_id VARCHAR, mention_id VARCHAR, key VARCHAR, value VARCHAR  -- GDELT/ACLED fields without a column
);
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY, value VARCHAR  -- e.g. the fingerprint of the code + knowledge that built the rows
);
CREATE TABLE IF NOT EXISTS inputs (
    path VARCHAR, digest VARCHAR, published VARCHAR, built_by VARCHAR,
    doc_ids VARCHAR[]             -- input files whose articles are all stored: not parsed again while unchanged
);
CREATE TABLE IF NOT EXISTS actors (
    name VARCHAR PRIMARY KEY, kind VARCHAR, country VARCHAR, title VARCHAR
);
CREATE OR REPLACE VIEW timeline AS
SELECT
    e.date_start, e.date_end, e.granularity,
    e.event_type, e.source_actor, e.target_actor,
    e.cameo_code, e.plover_type, e.plover_mode,
    e.n_mentions, e.confidence, e.date_method, e.modality, e.date_conflict,
    m.time_text, m.reported_by, m.sentence AS evidence, d.title AS article, d.source,
    d.published, e.event_id, e.origin
FROM events e
LEFT JOIN (
    SELECT * FROM mentions
    QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY confidence DESC, mention_id) = 1
) m USING (event_id)
LEFT JOIN documents d ON d.doc_id = m.doc_id
ORDER BY e.date_start NULLS LAST, e.time_start NULLS LAST, e.source_actor, e.event_type;
""".replace("{events}", EVENTS_DDL)

# ``events`` has no PRIMARY KEY on purpose: the table is rebuilt as a whole from the
# mentions, ``merge_events`` makes the ids unique, and at millions of rows the key's
# index would cost more disk than all the columns together and slow the bulk write 2x.
# ``mentions`` has none either: its ids are made unique per document (doc_id + offsets)
# and a document's rows are always replaced whole (``replace_documents``). On a feed of
# 3M mentions the key's index made the file 3.7x bigger (161 MB vs 43 MB) and the load
# 2.3x slower (``tests/test_store.py`` checks the ids stay unique across re-runs).

#: Columns written per table, in order (tables.py builds frames with exactly these).
TEXT_TABLES = ("documents", "noise", "timexes", "mentions")


class DatabaseBusy(RuntimeError):
    """Another process holds the DuckDB file."""


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the DuckDB file; raise DatabaseBusy if it is locked."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    config = {} if read_only else {"storage_compatibility_version": STORAGE_VERSION}
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseBusy(f"{path}: database is in use by another process") from None
        raise
    if not read_only and not _schema_current(con):
        _migrate_events(con)
        con.execute(SCHEMA)
        con.execute("DELETE FROM meta WHERE key = 'schema'")
        con.execute("INSERT INTO meta VALUES ('schema', ?)", [SCHEMA_HASH])
    return con


def _migrate_events(con: duckdb.DuckDBPyConnection) -> None:
    """A file made before ``end_days`` stores ``date_end`` itself: rebuild its ``events``
    (rows kept, ``date_end`` as it was) in the current layout."""
    cols = [r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'events' AND schema_name = 'main' "
        "AND database_name = current_database() ORDER BY column_index").fetchall()]
    if not cols or "end_days" in cols:
        return
    with transaction(con):
        con.execute("DROP VIEW IF EXISTS timeline")
        con.execute("ALTER TABLE events RENAME TO _events_before")
        con.execute(EVENTS_DDL)
        con.execute(insert_sql("events", cols, "_events_before"))
        con.execute("DROP TABLE _events_before")


#: Which schema a file was made with; a file made by this SCHEMA needs no DDL on open.
SCHEMA_HASH = hashlib.sha256(SCHEMA.encode()).hexdigest()[:16]


def _schema_current(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        rows = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchall()
    except duckdb.CatalogException:  # a new file (or one from before the meta table)
        return False
    return bool(rows) and rows[0][0] == SCHEMA_HASH


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


#: DuckDB's memory cap for a run's connection (``$DATELINE_MEMORY_LIMIT`` overrides): beyond
#: it DuckDB spills to temporary files instead of growing.
MEMORY_LIMIT = "1GB"


@contextmanager
def staged(path: str | Path, holder: duckdb.DuckDBPyConnection | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """Write a run into a private copy of the file, put in place (one rename) only at the end.

    ``path`` stays locked (``DatabaseBusy`` for anyone else) and untouched for the whole run,
    so a run killed at any point leaves it exactly as it was. Inside, the caller may commit
    as often as it likes (per batch): memory no longer holds the whole run until one COMMIT.
    Needs free disk for a second copy of the file while it runs.
    """
    path = Path(path)
    # ``holder``: the caller's connection to ``path``, which holds the lock already
    lock = holder if holder is not None else connect(path)  # DatabaseBusy if another process has it
    try:
        lock.execute("CHECKPOINT")  # everything in the main file, nothing in a WAL beside it
        for stale in path.parent.glob(f".{path.name}.run-*"):  # left by killed runs (we hold the lock)
            stale.unlink(missing_ok=True)
        work = path.with_name(f".{path.name}.run-{os.getpid()}")
        _copy_elsewhere(path, work)
        con = connect(work)
        try:
            con.execute(f"SET memory_limit = '{_memory_limit()}'")
            yield con
            con.execute("CHECKPOINT")
        except BaseException:
            con.close()
            for f in (work, work.with_name(work.name + ".wal")):
                f.unlink(missing_ok=True)
            raise
        con.close()
        os.replace(work, path)  # atomic: before it the old file, after it the complete one
    finally:
        if holder is None:
            lock.close()


def _copy_elsewhere(src: Path, dst: Path) -> None:
    """Copy in a child process: closing any descriptor of ``src`` here would drop our lock on it
    (POSIX record locks belong to the process and go with the first close)."""
    subprocess.run([sys.executable, "-c", "import shutil, sys; shutil.copyfile(*sys.argv[1:3]); "
                    "shutil.copymode(*sys.argv[1:3])", str(src), str(dst)], check=True)


def _memory_limit() -> str:
    value = os.environ.get("DATELINE_MEMORY_LIMIT", MEMORY_LIMIT).strip()
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", value, re.IGNORECASE):
        raise ValueError(f"DATELINE_MEMORY_LIMIT={value!r}: give a size such as 1GB or 512MB")
    return value


def get_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    rows = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()
    return rows[0][0] if rows else None


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str, *, old: str | None = None) -> None:
    """Store ``value`` under ``key``; ``old``: the value the caller read (nothing to write if equal)."""
    if old is not None and old == value:
        return
    con.execute("DELETE FROM meta WHERE key = ?", [key])
    con.execute("INSERT INTO meta VALUES (?, ?)", [key, value])


def stored_inputs(con: duckdb.DuckDBPyConnection, built_by: str, published: str) -> dict[str, tuple[str, list[str]]]:
    """path -> (digest, doc_ids) of the input files stored whole by this code with this default date."""
    rows = con.execute("SELECT path, digest, doc_ids FROM inputs WHERE built_by = ? AND published = ?",
                       [built_by, published]).fetchall()
    return {path: (digest, list(ids)) for path, digest, ids in rows}


def save_inputs(con: duckdb.DuckDBPyConnection, rows: list[tuple[str, str, str, str, list[str]]],
                built_by: str, *, same_code: bool = False) -> None:
    """Record input files stored whole (path, digest, published, built_by, doc_ids); rows
    made by other code go (``same_code``: the caller knows every row is this code's)."""
    if not same_code:
        con.execute("DELETE FROM inputs WHERE built_by <> ?", [built_by])
    if not rows:
        return
    frame = pl.DataFrame(rows, schema={"path": pl.String, "digest": pl.String, "published": pl.String,
                                       "built_by": pl.String, "doc_ids": pl.List(pl.String)}, orient="row")
    _inputs = _arrow(frame)  # noqa: F841 - read by the SQL below (a replacement scan, see _insert)
    con.execute("DELETE FROM inputs WHERE path IN (SELECT path FROM _inputs)")
    con.execute("INSERT INTO inputs SELECT * FROM _inputs")


def stored_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """doc_id -> content hash of what the file already holds (for incremental runs)."""
    return dict(con.execute("SELECT doc_id, content_hash FROM documents").fetchall())


def _arrow(frame: pl.DataFrame):
    """Zero-copy Arrow view of a Polars frame (string views, as Polars holds them).

    The default ``to_arrow()`` copies every string column into classic Arrow strings:
    at millions of rows that doubles the memory and triples the load time.
    """
    return frame.to_arrow(compat_level=pl.CompatLevel.newest())


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Append ``frame``'s rows to ``table``.

    The SQL names a local variable holding the Arrow view, which DuckDB's replacement scan
    finds in this Python frame (the one that runs the SQL). ``con.register`` would create
    and then drop a view in the catalog for each statement: a noticeable part of an
    incremental run, which is a few dozen small statements.
    """
    if frame.height == 0:
        return
    _incoming = _arrow(frame)  # noqa: F841 - read by the SQL below
    con.execute(insert_sql(table, frame.columns, "_incoming"))


def insert_sql(table: str, columns: Iterable[str], source: str) -> str:
    """``INSERT INTO table (columns) SELECT columns FROM source``; into ``events`` a
    ``date_end`` goes in as ``end_days`` (``EVENTS_DDL``)."""
    cols = [f'"{c}"' for c in columns]
    values = list(cols)
    if table == "events" and '"date_end"' in cols:
        k = cols.index('"date_end"')
        cols[k], values[k] = "end_days", END_DAYS
    return f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(values)} FROM {source}"


def replace_documents(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame],
                      *, new: bool = False, track: bool = True) -> None:
    """Replace every row of the given documents (by doc_id) in the per-document tables.

    ``new=True``: the caller knows none of these doc_ids is in the file yet, so the
    deletes are skipped (each scans the growing tables: once per batch of a big run).
    ``track=False``: the caller merges all events afterwards, so the touched merge groups
    (for ``remerge_touched``) are not recorded.
    """
    docs = frames["documents"]
    if docs.height == 0:
        return
    if not new:
        con.register("_doc_ids", _arrow(docs.select("doc_id")))  # read by delete_documents' SQL
        try:
            delete_documents(con, "SELECT doc_id FROM _doc_ids", track=track)
        finally:
            con.unregister("_doc_ids")
    for table in TEXT_TABLES:
        if table in frames:
            _insert(con, table, frames[table])
    if track and "mentions" in frames and frames["mentions"].height:  # ... and of the new ones
        note_touched_groups(con, merge_groups_of(frames["mentions"]))


def delete_documents(con: duckdb.DuckDBPyConnection, doc_ids_sql: str, *, track: bool = True) -> None:
    """Delete every per-document row of the documents ``doc_ids_sql`` selects, first noting
    (``track``) the merge groups their mentions were in: their events are re-merged later."""
    if track:
        note_touched(con, doc_ids_sql)
    for table in ("mentions", "timexes", "noise", "documents"):
        con.execute(f"DELETE FROM {table} WHERE doc_id IN ({doc_ids_sql})")


#: The merge group of a mention or event row: type, code and unordered actor pair. Two
#: mentions can only merge into one event when their groups are equal (a group may hold
#: several merge keys), so re-merging whole groups gives the same events as merging all.
MERGE_GROUP = ("concat_ws(chr(31), coalesce(event_type, ''), coalesce(cameo_code, ''), "
               "least(coalesce(source_actor, ''), coalesce(target_actor, '')), "
               "greatest(coalesce(source_actor, ''), coalesce(target_actor, '')))")


def merge_groups_of(mentions: pl.DataFrame) -> list[str]:
    """The distinct ``MERGE_GROUP`` values of text mentions in a frame (computed in Polars,
    the same strings as the SQL: both compare strings by their UTF-8 bytes)."""
    def txt(c: str) -> pl.Expr:
        return pl.col(c).fill_null("")

    a, b = txt("source_actor"), txt("target_actor")
    ids = pl.col("mention_id")
    g = pl.concat_str([txt("event_type"), txt("cameo_code"), pl.when(a <= b).then(a).otherwise(b),
                       pl.when(a <= b).then(b).otherwise(a)], separator=chr(31))
    text = ~(ids.str.starts_with("gdelt:") | ids.str.starts_with("acled:"))
    return mentions.lazy().filter(text).select(g.unique()).collect(engine="in-memory").to_series().to_list()


def note_touched_groups(con: duckdb.DuckDBPyConnection, groups: list[str]) -> None:
    """Remember these merge groups for ``remerge_touched`` (as ``note_touched`` does)."""
    con.execute("CREATE TEMP TABLE IF NOT EXISTS _touched (g VARCHAR)")
    if groups:
        con.execute("INSERT INTO _touched SELECT unnest(?::VARCHAR[])", [groups])


def note_touched(con: duckdb.DuckDBPyConnection, doc_ids_sql: str) -> None:
    """Remember (in a temp table of this connection) the merge groups of the stored mentions
    of the documents ``doc_ids_sql`` selects, so ``remerge_touched`` rebuilds only the
    events those groups make (new rows still in a frame: ``note_touched_groups``)."""
    con.execute("CREATE TEMP TABLE IF NOT EXISTS _touched (g VARCHAR)")
    con.execute(f"INSERT INTO _touched SELECT DISTINCT {MERGE_GROUP} AS g FROM mentions "
                f"WHERE {TEXT_MENTIONS} AND doc_id IN ({doc_ids_sql}) EXCEPT SELECT g FROM _touched")


def remerge_touched(con: duckdb.DuckDBPyConnection) -> int:
    """Rebuild the text events of the touched merge groups only (incremental runs).

    Same result as deleting every text event and merging all text mentions again, at the
    cost of the touched groups. Returns the number of mentions re-merged.
    """
    con.execute("CREATE TEMP TABLE IF NOT EXISTS _touched (g VARCHAR)")
    touched = f"{MERGE_GROUP} IN (SELECT g FROM _touched)"
    con.execute(f"DELETE FROM events WHERE origin = 'text' AND {touched}")
    n = merge_groups(con, text_mention_groups(con, where=touched))  # cut as a full run cuts
    con.execute("DELETE FROM _touched")
    return n


def merge_groups(con: duckdb.DuckDBPyConnection, groups: Iterable[pl.DataFrame]) -> int:
    """Merge each group of mentions into events, insert them, and point every mention at its
    event. The pointers are collected and written by one UPDATE at the end: one per group
    scanned all mentions each time (225 groups on a 1 GB feed of 4.5M mentions). A single
    group (an incremental re-merge) is written by ``add_events``; more groups' pointers are
    gathered in a temp table, so memory stays bounded. Returns the number of mentions merged."""
    from .tables import merge_events

    n, held, spilled = 0, None, False
    try:
        for group in groups:
            if not group.height:
                continue
            if held is not None:  # a second group: gather the pointers in DuckDB
                if not spilled:
                    con.execute("CREATE OR REPLACE TEMP TABLE _assign_all (mention_id VARCHAR, event_id VARCHAR)")
                    spilled = True
                _insert(con, "events", held[0])
                _insert(con, "_assign_all", held[1])
            held = merge_events(group)
            n += group.height
        if held is None:
            return n
        if not spilled:
            add_events(con, *held)
            return n
        _insert(con, "events", held[0])
        _insert(con, "_assign_all", held[1])
        con.execute(POINT_MENTIONS.format("_assign_all"))
    finally:
        if spilled:
            con.execute("DROP TABLE IF EXISTS _assign_all")
    return n


def upsert_actors(con: duckdb.DuckDBPyConnection, actors: pl.DataFrame) -> None:
    if actors.height == 0:
        return
    con.register("_actors", _arrow(actors.unique("name", keep="first")))
    try:
        con.execute("DELETE FROM actors WHERE name IN (SELECT name FROM _actors)")
        con.execute("INSERT INTO actors SELECT name, kind, country, title FROM _actors")
    finally:
        con.unregister("_actors")


def add_actors(con: duckdb.DuckDBPyConnection, actors: pl.DataFrame) -> None:
    """Add actor rows for new names; for known names only fill what is still unknown."""
    if actors.height == 0:
        return
    _new_actors = _arrow(actors.unique("name", keep="first", maintain_order=True))  # noqa: F841 (see _insert)
    con.execute("""
        INSERT INTO actors SELECT name, kind, country, title FROM _new_actors
        ON CONFLICT (name) DO UPDATE SET kind = coalesce(actors.kind, excluded.kind),
            country = coalesce(actors.country, excluded.country), title = coalesce(actors.title, excluded.title)
    """)


def add_missing_actors(con: duckdb.DuckDBPyConnection) -> None:
    """Every actor named in a mention gets an ``actors`` row (kind unknown if not known)."""
    con.execute("""
        INSERT INTO actors (name)
        SELECT DISTINCT name FROM (
            SELECT source_actor AS name FROM mentions UNION SELECT target_actor FROM mentions
        ) WHERE name IS NOT NULL AND name NOT IN (SELECT name FROM actors)
    """)


#: The ``mentions`` columns merging needs (not the sentence text: a good part of the memory).
MERGE_COLUMNS = ("mention_id", "doc_id", "event_type", "cameo_code", "plover_type", "plover_mode",
                 "source_actor", "target_actor", "date_start", "date_end", "granularity", "time_start",
                 "time_end", "location", "confidence", "date_method", "modality")


def all_mentions(con: duckdb.DuckDBPyConnection, columns: tuple[str, ...] | None = None) -> pl.DataFrame:
    """The mentions dateline extracted from text (imported GDELT/ACLED rows keep their own events).

    ``columns``: only these (names of the fixed schema), e.g. ``MERGE_COLUMNS``; default all.
    """
    cols = "*" if not columns else ", ".join(f'"{c}"' for c in columns if c.isidentifier())
    return con.sql(f"SELECT {cols} FROM mentions WHERE mention_id NOT LIKE 'gdelt:%' "
                   "AND mention_id NOT LIKE 'acled:%'").pl()


#: Mentions whose events dateline merges itself (imported GDELT/ACLED rows keep their own).
TEXT_MENTIONS = "mention_id NOT LIKE 'gdelt:%' AND mention_id NOT LIKE 'acled:%'"
#: The merge reads mentions in groups of about this many rows (memory stays bounded).
MERGE_GROUP_ROWS = 20_000
#: A part (one key's chain of dates that can meet) with more mentions than this is cut at
#: day boundaries into pieces of about this many, merged one at a time: see below.
MERGE_PART_ROWS = 100_000


def text_mention_groups(con: duckdb.DuckDBPyConnection, columns: tuple[str, ...] = MERGE_COLUMNS,
                        group_rows: int | None = None, part_rows: int | None = None,
                        where: str | None = None) -> Iterator[pl.DataFrame]:
    """The text mentions in groups of about ``group_rows`` that can each be merged on their own.

    Two mentions can only merge when their type, CAMEO code and (unordered) actor pair agree
    (actorless ones: also their place), and when their dates overlap: a mention joins a
    cluster it overlaps, a publication-date fallback one a cluster ending at most 3 days
    before it, and day clusters at most a day apart are joined. So within one such key,
    mentions whose date intervals, each stretched 3 days later, do not chain together can
    never meet: each chain (and the undated mentions) is a part that merges alone. Groups
    are whole parts, so merging group by group gives the same events as merging all at
    once.

    One bound on that: a key reported day after day (one actor's statements in a long feed)
    chains through the whole feed, and holding it whole would make memory grow with the
    input. A part of more than ``part_rows`` mentions is therefore cut at day boundaries into
    pieces of about ``part_rows`` (each day whole; undated mentions in chunks), and only
    mentions on either side of a cut, within 3 days of it, that would have merged stay
    separate events. The cuts depend on the key's own mentions only, so a full run and an
    incremental re-merge (``where``: a filter on ``mentions``) cut in the same places.
    """
    flt = TEXT_MENTIONS + (f" AND ({where})" if where else "")
    cap = max(1, part_rows or MERGE_PART_ROWS)
    per_group = max(1, group_rows or MERGE_GROUP_ROWS)
    cols = ", ".join(f'"{c}"' for c in columns if c.isidentifier())
    if where:  # an incremental re-merge: usually a few groups, read at once (no count first)
        frame = con.sql(f"SELECT {cols} FROM mentions WHERE {flt}").pl()
        n = frame.height
        if n <= min(cap, per_group):
            yield frame
            return
        del frame
    else:
        n = con.execute(f"SELECT count(*) FROM mentions WHERE {flt}").fetchall()[0][0]
    groups = max(1, -(-n // per_group))
    if n <= cap and groups == 1:
        yield con.sql(f"SELECT {cols} FROM mentions WHERE {flt}").pl()
        return
    place = ("CASE WHEN coalesce(source_actor, '') = '' AND coalesce(target_actor, '') = '' "
             "THEN coalesce(nullif(location, ''), mention_id) END")
    key = "PARTITION BY g, p ORDER BY date_start, date_end, mention_id"
    part = "PARTITION BY g, p, dp"
    # one pass: the merge columns of every mention with its group, sorted by group, so that
    # reading a group back skips the others' row groups (a scan and join per group made the
    # merge quadratic: 225 groups of a 1 GB feed each scanned all 4.5M mentions)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _merge_part AS
        WITH m AS (
            SELECT mention_id, date_start, date_end, {MERGE_GROUP} AS g, {place} AS p
            FROM mentions WHERE {flt}
        ), reach AS (
            SELECT *, max(date_end) OVER ({key} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
            FROM m
        ), chained AS (
            SELECT *, CASE WHEN date_start IS NULL THEN -1 ELSE
                   sum(CASE WHEN date_start IS NOT NULL AND (before IS NULL OR date_start > before + 3)
                            THEN 1 ELSE 0 END) OVER ({key} ROWS UNBOUNDED PRECEDING) END AS dp
            FROM reach
        ), sized AS (
            SELECT *, count(*) OVER ({part}) AS part_n FROM chained
        ), cut AS (
            SELECT mention_id, g, p, dp, CASE
                WHEN part_n <= {cap} THEN 0
                WHEN date_start IS NULL THEN (row_number() OVER ({part} ORDER BY mention_id) - 1) // {cap}
                ELSE (count(*) OVER ({part} ORDER BY date_start RANGE UNBOUNDED PRECEDING)
                      - count(*) OVER ({part}, date_start)) // {cap} END AS piece
            FROM sized
        ), parts AS (
            SELECT mention_id, hash(g, p, dp, piece) % {int(groups)} AS grp, piece::INTEGER AS piece FROM cut
        )
        SELECT {', '.join('m.' + c for c in cols.split(', '))}, nullif(parts.piece, 0) AS _piece, parts.grp
        FROM mentions m JOIN parts USING (mention_id)
        ORDER BY parts.grp
    """)
    try:
        for g in range(groups):
            # ``_piece``: pieces of one cut part can share a group; merge_events keeps them apart
            yield con.sql(f"SELECT {cols}, _piece FROM _merge_part WHERE grp = {int(g)}").pl()
    finally:
        con.execute("DROP TABLE IF EXISTS _merge_part")


def add_events(con: duckdb.DuckDBPyConnection, events: pl.DataFrame, assignments: pl.DataFrame) -> None:
    """Insert merged events and point each of their mentions at its event."""
    _insert(con, "events", events)
    if assignments.height:
        _assign = _arrow(assignments)  # noqa: F841 - read by the SQL below (see _insert)
        con.execute(POINT_MENTIONS.format("_assign"))


#: Point each mention at its event, from a relation of (mention_id, event_id).
POINT_MENTIONS = "UPDATE mentions SET event_id = a.event_id FROM {} a WHERE mentions.mention_id = a.mention_id"


def replace_events(con: duckdb.DuckDBPyConnection, events: pl.DataFrame, assignments: pl.DataFrame,
                   origin: str = "text") -> None:
    """Rebuild the merged events of one origin and point each mention at its event."""
    con.execute("DELETE FROM events WHERE origin = ?", [origin])
    add_events(con, events, assignments)


COUNTED = ("documents", "timexes", "mentions", "events", "actors")


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per table (one query)."""
    row = con.execute("SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in COUNTED)).fetchall()[0]
    return dict(zip(COUNTED, row))


def counts_and_dates(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, int], tuple]:
    """Rows per table, and the (first, last) date of the dated events (what a run reports).

    Two queries: folding the dates into the counts' query as two more scalar subqueries
    was slower than running both apart (DuckDB 2.0)."""
    dates = con.execute("SELECT min(date_start), max(date_end) FROM events WHERE date_start IS NOT NULL").fetchall()[0]
    return counts(con), tuple(dates)


EXPORT_TABLES = ("documents", "noise", "timexes", "mentions", "events", "actors", "imported_events_extra")
#: zstd level 1 rather than DuckDB's default 3: at 10M events it is ~1.3x faster to write
#: and the file is no larger (the random hex ids do not compress better at higher levels).
#: A column chunk with more than DICTIONARY_SIZE_LIMIT distinct values (ids, dates, scores)
#: is written plain at once instead of after a dictionary that is then thrown away: faster,
#: and smaller than the default for those columns. Names, types and codes keep dictionaries.
PARQUET_OPTIONS = "(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, DICTIONARY_SIZE_LIMIT 4096)"


#: Text columns with at most this many distinct values are handed to the Parquet writer as
#: an ENUM: it then writes the dictionary it is given instead of hashing every value again
#: (~1.3x faster on ``events``). The file is the same: plain string columns, dictionary-encoded.
ENUM_EXPORT_LIMIT = 4096


#: Stored columns that are part of another one's value, not of the table as users read it.
INTERNAL_COLUMNS = {"events": ("end_days",)}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """(name, type) of ``table``'s columns as users read it (``INTERNAL_COLUMNS`` left out)."""
    cols = con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
                       "AND schema_name = 'main' AND database_name = current_database() "
                       "ORDER BY column_index", [table]).fetchall()
    return [(c, t) for c, t in cols if c not in INTERNAL_COLUMNS.get(table, ())]


def _user_table(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """``table``, or a SELECT of its columns without the internal ones."""
    if table not in INTERNAL_COLUMNS:
        return table
    return "(SELECT " + ", ".join('"' + c + '"' for c, _ in _columns(con, table)) + f" FROM {table})"


def _parquet_source(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """``table``, or a SELECT of its columns with the low-cardinality text ones cast to ENUM."""
    cols = _columns(con, table)
    text = [c for c, t in cols if t == "VARCHAR"]
    if not text:
        return _user_table(con, table)
    quoted = {c: '"' + c.replace('"', '""') + '"' for c, _ in cols}
    # an estimate (on a sample of whole vectors if the table is big) rules out ids and free
    # text before the exact pass
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    sample = " USING SAMPLE 2% (system)" if rows > 200_000 else ""
    sample = con.execute("SELECT " + ", ".join(f"approx_count_distinct({quoted[c]})" for c in text)
                         + f" FROM {table}{sample}").fetchone()
    few = [c for c, n in zip(text, sample) if n <= ENUM_EXPORT_LIMIT // 4]
    if not few:
        return _user_table(con, table)
    values = con.execute("SELECT " + ", ".join(f"list(DISTINCT {quoted[c]})" for c in few)
                         + f" FROM {table}").fetchone()
    enums = {}
    for c, vals in zip(few, values):
        vals = sorted(v for v in (vals or []) if v is not None)
        if 0 < len(vals) <= ENUM_EXPORT_LIMIT:
            literal = ", ".join("'" + v.replace("'", "''") + "'" for v in vals)
            enums[c] = f"CAST({quoted[c]} AS ENUM({literal})) AS {quoted[c]}"
    if not enums:
        return _user_table(con, table)
    return "(SELECT " + ", ".join(enums.get(c, quoted[c]) for c, _ in cols) + f" FROM {table})"


def export(con: duckdb.DuckDBPyConnection, folder: str | Path, fmt: str = "parquet") -> list[Path]:
    """Write each table to ``folder/<table>.<fmt>`` with DuckDB's own writer (parameter-free SQL)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    options = PARQUET_OPTIONS if fmt == "parquet" else "(FORMAT csv, HEADER)"
    written = []
    # Parquet readers do not rely on row order, so let DuckDB write row groups from all
    # threads as they finish (about 1.5x faster); CSV keeps the stored order for readers.
    unordered = fmt == "parquet"
    if unordered:
        before = con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]
        con.execute("SET preserve_insertion_order = false")
    try:
        for table in EXPORT_TABLES:
            path = folder / f"{table}.{fmt}"
            target = str(path).replace("'", "''")
            source = _parquet_source(con, table) if fmt == "parquet" else _user_table(con, table)
            try:
                con.execute(f"COPY {source} TO '{target}' {options}")
            except duckdb.ConversionException:  # a value the ENUM did not know (a concurrent write)
                con.execute(f"COPY {_user_table(con, table)} TO '{target}' {options}")
            written.append(path)
    finally:
        if unordered:
            con.execute(f"SET preserve_insertion_order = {'true' if before else 'false'}")
    return written
