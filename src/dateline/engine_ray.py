"""Arrow plumbing for the per-article stage, and the Ray Data engine built on it.

The per-article stage (``pipeline.process_article``) is wrapped here as a plain function
from an Arrow batch of articles to one Arrow table with a row per article: the
``documents`` columns plus three nested columns (``noise``, ``timexes``, ``mentions``,
each a list of structs with exactly the store's columns). One table per batch keeps the
stage a single ``map_batches`` call and a single Parquet dataset; DuckDB unnests the
lists into its tables. Merging mentions into events across articles stays on the
driver, in the same code as the local engine, so both engines store the same rows.

``RayEngine`` runs that function with Ray Data: actors that load the actor knowledge
once (``map_batches`` with a callable class), writing partitioned Parquet (one file per
block) under ``parquet_dir``, which the driver loads into DuckDB in the run's
transaction. Ray is an optional extra (``pip install 'dateline[ray]'``) and is imported
only when the engine is used. ``ray.init()`` honours ``RAY_ADDRESS``, so the same run
goes to a cluster when that variable names its head node; ``DATELINE_PARQUET_DIR`` (or
``parquet_dir``) then names a folder every node and the driver share.
"""

from __future__ import annotations

import shutil
import uuid
import warnings
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Sequence

import polars as pl
import pyarrow as pa

from . import tables
from .models import Article

#: Columns of the Arrow batch of articles (``published`` as ISO text: it keeps the offset).
ARTICLE_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("path", pa.string()), ("text", pa.large_string()),
    ("published", pa.string()), ("title", pa.string()), ("source", pa.string()),
    ("url", pa.string()), ("content_hash", pa.string()),
])
NESTED = {"noise": tables.NOISE, "timexes": tables.TIMEXES, "mentions": tables.MENTIONS}
ACTOR_STRUCT = pa.struct([(c, pa.string()) for c in tables.ACTORS])


def articles_to_arrow(articles: Sequence[Article]) -> pa.Table:
    """Articles -> Arrow batch (the input of ``process_batch``)."""
    cols = {name: [] for name in ARTICLE_SCHEMA.names}
    for a in articles:
        for name in ARTICLE_SCHEMA.names:
            value = getattr(a, name)
            cols[name].append(value.isoformat() if isinstance(value, datetime) else value)
    return pa.table(cols, schema=ARTICLE_SCHEMA)


def arrow_to_articles(batch: pa.Table) -> list[Article]:
    """Arrow batch -> Articles (exact inverse of ``articles_to_arrow``)."""
    rows = batch.select(ARTICLE_SCHEMA.names).to_pylist()
    for row in rows:
        if row["published"] is not None:
            row["published"] = datetime.fromisoformat(row["published"])
        row["content_hash"] = row["content_hash"] or ""
    return [Article(**row) for row in rows]


def nest_frames(frames: dict[str, pl.DataFrame]) -> pa.Table:
    """The store frames of a batch -> one row per document with nested child tables."""
    out = frames["documents"]
    for name, schema in NESTED.items():
        child = frames[name]
        fields = [c for c in schema if c != "doc_id"]
        grouped = (child.group_by("doc_id", maintain_order=True)
                   .agg(pl.struct(fields).alias(name)))
        out = out.join(grouped, on="doc_id", how="left", maintain_order="left")
        empty = pl.lit([], dtype=pl.List(pl.Struct({c: schema[c] for c in fields})))
        out = out.with_columns(pl.col(name).fill_null(empty))
    return out.to_arrow()


def process_batch(batch: pa.Table, actors) -> pa.Table:
    """The per-article stage as a plain function: Arrow batch of articles -> nested rows.

    An article a stage fails on gives a row with only ``doc_id``, ``path`` and ``problem``
    (the one-line cause), so the driver reports it and stores nothing for it.
    """
    from .ingest import Problem
    from .pipeline import process_or_problem

    results, problems = [], []
    for article in arrow_to_articles(batch):
        r = process_or_problem(article, actors)
        if isinstance(r, Problem):
            problems.append({"doc_id": article.doc_id, "path": r.path, "problem": r.cause})
        else:
            results.append(r)
    out = nest_frames(tables.build_frames(results))
    out = out.append_column("problem", pa.nulls(out.num_rows, pa.string()))
    # the actors this worker knows after the batch (discovered ones included), once per batch
    records = (tables.actor_frame(actors.records() + [rec for r in results for rec in r.actors])
               .unique("name", keep="first", maintain_order=True).to_dicts() if out.num_rows else [])
    known = [records] + [[]] * (out.num_rows - 1) if out.num_rows else []
    out = out.append_column("actor_records", pa.array(known, pa.list_(ACTOR_STRUCT)))
    if problems:
        failed = pl.DataFrame(problems, schema={"doc_id": pl.String, "path": pl.String, "problem": pl.String})
        out = pa.concat_tables([out, failed.to_arrow().cast(pa.schema([out.schema.field(c) for c in failed.columns]))],
                               promote_options="default")
    return out


# ------------------------------------------------------------------ Parquet -> DuckDB

def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def load_parquet(con, folder: str | Path) -> tuple[int, list]:
    """Replace the rows of the documents in the nested Parquet dataset ``folder``.

    Same effect as ``store.replace_documents`` on the equivalent frames; runs inside the
    caller's transaction. Returns (documents loaded, ``Problem`` per failed article).
    """
    from . import store
    from .ingest import Problem

    files = sorted(Path(folder).rglob("*.parquet"))
    if not files:
        return 0, []
    src = "read_parquet([" + ", ".join(f"'{_quote(f)}'" for f in files) + "])"
    problems = [Problem(path, cause) for path, cause in con.execute(
        f"SELECT path, problem FROM {src} WHERE problem IS NOT NULL ORDER BY path").fetchall()]
    cols = ", ".join(f"a.{c}" for c in tables.ACTORS)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _worker_actors AS SELECT DISTINCT {cols} FROM "
                f"(SELECT unnest(actor_records) AS a FROM {src})")
    con.execute(f"CREATE OR REPLACE TEMP VIEW _batch AS SELECT * FROM {src} WHERE problem IS NULL")
    try:
        store.delete_documents(con, "SELECT doc_id FROM _batch")  # notes the old mentions' merge groups
        cols = ", ".join(f'"{c}"' for c in tables.DOCUMENTS)
        con.execute(f"INSERT INTO documents ({cols}) SELECT {cols} FROM _batch")
        for name, schema in NESTED.items():
            fields = [c for c in schema if c != "doc_id"]
            sel = ", ".join(f'r."{c}"' for c in fields)
            names = ", ".join(f'"{c}"' for c in ["doc_id", *fields])
            con.execute(f"INSERT INTO {name} ({names}) SELECT doc_id, {sel} FROM "
                        f"(SELECT doc_id, unnest({name}) AS r FROM _batch)")
        store.note_touched(con, "SELECT doc_id FROM _batch")  # ... and of the new ones
        return con.execute("SELECT count(*) FROM _batch").fetchall()[0][0], problems
    finally:
        con.execute("DROP VIEW IF EXISTS _batch")


# ------------------------------------------------------------------------ Ray engine

class _MergedActors:
    """``records()`` of the driver's ActorIndex, completed with the workers' records."""

    def __init__(self, index, worker_records: dict[str, dict]):
        self.index, self.worker_records = index, worker_records

    def records(self) -> list[dict]:
        own = self.index.records()
        names = {r.get("name") for r in own}
        return own + [r for name, r in sorted(self.worker_records.items()) if name not in names]


class _RayProcessor:
    """A Ray actor's per-article stage: the actor knowledge is loaded once, in __init__."""

    def __init__(self, actor_files: list[str]):
        from .pipeline import load_actors

        self.actors = load_actors([Path(p) for p in actor_files])

    def __call__(self, batch: pa.Table) -> pa.Table:
        return process_batch(batch, self.actors)


def ray_available() -> bool:
    try:
        import ray  # noqa: F401
        import ray.data  # noqa: F401
    except ImportError:
        return False
    return True


class RayEngine:
    """Runs the per-article stage with Ray Data and loads its Parquet output into DuckDB."""

    def __init__(self, actor_files: Sequence[Path], workers: int = 1, parquet_dir: str | Path | None = None,
                 batch_size: int = 32, keep_parquet: bool = True):
        if not ray_available():
            raise ValueError("--engine ray needs Ray: pip install 'dateline[ray]'")
        import ray
        import ray.data

        from .pipeline import load_actors

        self.actor_files = [str(Path(p).resolve()) for p in actor_files]
        self._actors = load_actors(actor_files)  # for the actors table, on the driver
        self.worker_records: dict[str, dict] = {}
        self.workers = max(1, workers)
        self.batch_size = batch_size
        self.parquet_dir = Path(parquet_dir) if parquet_dir else None
        self.keep_parquet = keep_parquet
        self._started = False
        if not ray.is_initialized():
            # RAY_ADDRESS (if set) points this at a running cluster; else a local one
            import os

            # one CPU slot per model-holding actor, plus one for reading and writing blocks
            kwargs = {} if os.environ.get("RAY_ADDRESS") else {"num_cpus": self.workers + 1}
            ray.init(include_dashboard=False, log_to_driver=False, logging_level="warning", **kwargs)
            self._started = True
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False
        ctx.execution_options.preserve_order = True  # blocks reach the actors in input order

    @property
    def actors(self):
        """The driver's actor knowledge plus every actor the workers used or discovered."""
        return _MergedActors(self._actors, self.worker_records)

    def run(self, articles: Iterable[Article], con, on_problem: Callable | None = None,
            chunk: int = 20_000) -> int:
        """Process ``articles`` (in chunks of ``chunk``, one Ray job and one commit each) and
        load them into ``con``; returns how many were stored."""
        from . import store
        from .pipeline import _batches

        done = 0
        for part in _batches(articles, chunk):
            folder = self._folder()
            try:
                self.write_parquet(part, folder)
                with store.transaction(con):
                    n, problems = load_parquet(con, folder)
                for rec in con.sql("SELECT * FROM _worker_actors ORDER BY ALL").pl().to_dicts():
                    self.worker_records.setdefault(rec["name"], rec)
                done += n
                for p in problems:
                    if on_problem:
                        on_problem(p)
            finally:
                if not self.keep_parquet:
                    shutil.rmtree(folder, ignore_errors=True)
        return done

    def _folder(self) -> Path:
        import tempfile

        import os

        # on a multi-node cluster this must be storage every node and the driver see (NFS...)
        base = self.parquet_dir or Path(os.environ.get("DATELINE_PARQUET_DIR")
                                        or Path(tempfile.gettempdir()) / "dateline-ray")
        return base / f"run-{datetime.now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"

    def write_parquet(self, articles: Sequence[Article], folder: Path) -> Path:
        """The Ray Data job: articles -> map_batches(actors) -> partitioned Parquet."""
        import ray.data

        table = articles_to_arrow(articles)
        blocks = max(1, min(-(-len(articles) // self.batch_size), self.workers * 8))
        step = -(-len(articles) // blocks)
        ds = ray.data.from_arrow([table.slice(i, step) for i in range(0, len(articles), step)])
        out = ds.map_batches(_RayProcessor, fn_constructor_kwargs={"actor_files": self.actor_files},
                             batch_format="pyarrow", batch_size=self.batch_size,
                             compute=ray.data.ActorPoolStrategy(size=self.workers), num_cpus=1)
        folder.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():  # Ray's tuning hints are not the user's business
            warnings.simplefilter("ignore")
            out.write_parquet(str(folder))
        return folder

    def close(self) -> None:
        if self._started:
            import ray

            ray.shutdown()
