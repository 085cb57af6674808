"""Named SQL questions: one ``queries/*.sql`` file per question, run against the DuckDB file.

The SQL lives in files (not Python strings) so analysts can read it, copy it into the
``duckdb`` shell unchanged, and add their own. A name must be the stem of a file in the
queries folder: nothing else is ever read or executed, so a name cannot smuggle SQL or a
path in.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import polars as pl

_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_\-]*$")


class UnknownQuery(LookupError):
    pass


def queries_dir() -> Path:
    """``$DATELINE_QUERIES``, else ``./queries``, else the project's own ``queries/``."""
    env = os.environ.get("DATELINE_QUERIES")
    if env:
        return Path(env)
    here = Path.cwd() / "queries"
    if here.is_dir() and any(here.glob("*.sql")):
        return here
    return Path(__file__).resolve().parents[2] / "queries"


def available(folder: Path | None = None) -> dict[str, Path]:
    folder = folder or queries_dir()
    return {p.stem: p for p in sorted(folder.glob("*.sql"))}


def header(path: Path) -> str:
    """The leading ``--`` comment of a query file, joined into one line."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.lstrip("-").strip())
    text = " ".join(lines)
    name = path.stem + ":"
    return text[len(name):].strip() if text.startswith(name) else text


def resolve(name: str, folder: Path | None = None) -> Path:
    queries = available(folder)
    if not _NAME.match(name) or name not in queries:
        choices = ", ".join(queries) or "(none)"
        raise UnknownQuery(f"unknown query {name!r}; choose one of: {choices}")
    return queries[name]


def run_named(con: duckdb.DuckDBPyConnection, name: str, folder: Path | None = None) -> pl.DataFrame:
    return run_sql(con, resolve(name, folder).read_text(encoding="utf-8"))


def run_sql(con: duckdb.DuckDBPyConnection, sql: str) -> pl.DataFrame:
    rel = con.sql(sql)
    if rel is None:  # a statement without a result (DDL)
        return pl.DataFrame()
    return rel.pl()
