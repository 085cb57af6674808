"""The ``dateline`` command line: a thin layer over the library.

Each command parses its options, calls one library function, and prints the result.
Every user error is one line on stderr (``dateline: <file>: <cause>``) and a non-zero
exit code; no traceback reaches the user.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Callable, List, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Turn news articles into dated, sourced event timelines (DuckDB + SQL + dashboards).\n\n"
         "Example: dateline run --published 2023-06-24 --db story.duckdb --dashboards dashboards/ articles/",
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> None:
    err.print(f"dateline: {message}", markup=False)
    raise typer.Exit(code)


def one_line_errors(fn: Callable) -> Callable:
    """Turn expected failures into one clear line and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        import duckdb

        from .queries import UnknownQuery
        from .store import DatabaseBusy

        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except DatabaseBusy as exc:
            fail(str(exc), 3)
        except UnknownQuery as exc:
            fail(str(exc), 2)
        except duckdb.Error as exc:
            fail(f"database error: {str(exc).splitlines()[0]}")
        except (OSError, ValueError) as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except Exception as exc:  # noqa: BLE001 - a bug: still one line, never a traceback
            detail = str(exc).splitlines()[0][:200] if str(exc) else ""
            fail(f"internal error ({type(exc).__name__}: {detail}); please report this bug", 70)

    return wrapper


def _open(db: Path, read_only: bool = True):
    from . import store

    if not db.exists():
        fail(f"{db}: no such database (create it with `dateline run --db {db} ARTICLES`)")
    return store.connect(db, read_only=read_only)


def _print_frame(frame, fmt: str) -> None:
    if fmt == "csv":
        sys.stdout.write(frame.write_csv())
    elif fmt == "json":
        sys.stdout.write(frame.write_json() + "\n")
    else:
        table = Table(show_lines=False, header_style="bold")
        for col in frame.columns:
            table.add_column(col, overflow="fold")
        for row in frame.iter_rows():
            table.add_row(*["" if v is None else str(v) for v in row])
        out.print(table)
        out.print(f"{frame.height} row{'s' if frame.height != 1 else ''}", style="dim")


@app.command()
@one_line_errors
def run(
    paths: List[Path] = typer.Argument(..., help="Article files or folders (.txt, .md, .html, .jsonl)."),
    published: Optional[str] = typer.Option(None, help="Publication date for inputs that carry none (ISO date or date-time)."),
    db: Path = typer.Option(Path("data/processed/dateline.duckdb"), help="DuckDB file to write."),
    dashboards: Optional[Path] = typer.Option(None, help="Folder to write the HTML dashboards into."),
    actors: List[Path] = typer.Option([], "--actors", help="Actor CSV (name,kind,country,title,aliases); repeatable. "
                                      "Default: actors.csv beside the inputs."),
    title: Optional[str] = typer.Option(None, help="Story title for the dashboards."),
    workers: int = typer.Option(1, "--workers", "-j", help="Worker processes for the per-article stage."),
    engine: str = typer.Option("local", "--engine", help="local (this machine) or ray (Ray Data; needs "
                               "pip install 'dateline[ray]'; RAY_ADDRESS=host:port runs on that cluster)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
) -> None:
    """Build the DuckDB file (and dashboards) from articles.

    Example: dateline run --published 2023-06-24 --db x.duckdb --dashboards dashboards/ article.txt
    """
    from . import pipeline
    from .ingest import parse_cli_published

    pub = parse_cli_published(published)
    problems: list = []

    def on_problem(p) -> None:
        problems.append(p)
        err.print(f"dateline: {p}", markup=False)

    with _progress(quiet) as advance:
        summary = pipeline.run(paths, db=db, published=pub, dashboards=dashboards, actor_files=actors,
                               on_problem=on_problem, progress=advance, title=title,
                               workers=workers, engine=engine)
    if not quiet:
        _print_summary(summary)
    if summary.read == 0:
        fail("no article could be read", 1)
    if summary.failed:
        raise typer.Exit(4)  # partial success: some inputs were skipped (see lines above)


class _progress:
    """A rich progress bar for runs over more than a few articles."""

    def __init__(self, quiet: bool):
        self.quiet, self.bar, self.task = quiet, None, None

    def __enter__(self):
        return self.advance

    def advance(self, done: int, total: int | None) -> None:
        if self.quiet or done <= 5:
            return
        if self.bar is None:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("articles processed"), BarColumn(),
                                TextColumn("{task.completed}"), TimeElapsedColumn(),
                                console=err, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("articles", total=total)
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def _print_summary(s) -> None:
    t = Table(title="dateline run", show_header=False, title_justify="left")
    t.add_column("", style="bold")
    t.add_column("")
    c = s.counts
    t.add_row("articles read", str(s.read))
    t.add_row("  processed", str(s.processed))
    t.add_row("  unchanged (skipped)", str(s.skipped_unchanged))
    t.add_row("inputs skipped", f"{s.failed}" + ("" if not s.failed else " (reasons above)"))
    t.add_row("in the database", f"{c.get('documents', 0)} articles, {c.get('events', 0)} events, "
                                  f"{c.get('mentions', 0)} mentions, {c.get('timexes', 0)} time expressions")
    lo, hi = s.date_range
    t.add_row("event dates", f"{lo} .. {hi}" if lo else "(none dated)")
    t.add_row("files written", "\n".join(str(f) for f in s.files))
    t.add_row("wall time", f"{s.seconds:.1f} s")
    err.print(t)


@app.command()
@one_line_errors
def query(
    name: Optional[str] = typer.Argument(None, help="A queries/*.sql file stem, e.g. timeline."),
    db: Path = typer.Option(Path("data/processed/dateline.duckdb"), help="DuckDB file."),
    format: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
    list_: bool = typer.Option(False, "--list", help="List the named queries with what they answer."),
) -> None:
    """Run a named question from queries/.

    Example: dateline query who_called_whom --db data/processed/wagner_mutiny.duckdb --format csv
    """
    from . import queries

    if list_ or not name:
        for stem, path in queries.available().items():
            out.print(f"[bold]{stem}[/bold]  {queries.header(path)}")
        return
    if format not in ("table", "csv", "json"):
        fail(f"unknown format {format!r}; choose table, csv or json", 2)
    path = queries.resolve(name)
    con = _open(db)
    try:
        _print_frame(queries.run_sql(con, path.read_text(encoding="utf-8")), format)
    finally:
        con.close()


@app.command()
@one_line_errors
def sql(
    statement: str = typer.Argument(..., help="SQL to run (read-only)."),
    db: Path = typer.Option(Path("data/processed/dateline.duckdb"), help="DuckDB file."),
    format: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
) -> None:
    """Ad hoc SQL on the DuckDB file (opened read-only).

    Example: dateline sql "SELECT event_type, count(*) FROM events GROUP BY 1" --db story.duckdb
    """
    from . import queries

    con = _open(db)
    try:
        _print_frame(queries.run_sql(con, statement), format)
    finally:
        con.close()


@app.command()
@one_line_errors
def timex(
    in_path: Path = typer.Argument(..., metavar="IN.jsonl"),
    out_path: Path = typer.Argument(..., metavar="OUT.jsonl"),
) -> None:
    """Tag time expressions (TIMEX3 type and value) in a JSONL of documents.

    Example: dateline timex ../shared/corpora/timeml-dev.jsonl out.jsonl
    """
    from . import timex as tx

    n = tx.tag_file(in_path, out_path)
    err.print(f"{n} documents -> {out_path}")


@app.command()
@one_line_errors
def anchor(
    in_path: Path = typer.Argument(..., metavar="IN.jsonl"),
    out_path: Path = typer.Argument(..., metavar="OUT.jsonl"),
) -> None:
    """Date given event mentions (anchor task format), with the same dating code as `run`.

    Example: dateline anchor ../shared/corpora/anchor-timebank-dev.jsonl out.jsonl
    """
    from . import dating

    n = dating.anchor_file(in_path, out_path)
    err.print(f"{n} events dated -> {out_path}")


@app.command()
@one_line_errors
def export(
    db: Path = typer.Option(Path("data/processed/dateline.duckdb"), help="DuckDB file."),
    parquet: Optional[Path] = typer.Option(None, help="Folder for one Parquet file per table."),
    csv: Optional[Path] = typer.Option(None, help="Folder for one CSV file per table."),
) -> None:
    """Export every table as Parquet and/or CSV for other tools.

    Example: dateline export --db story.duckdb --parquet out/parquet --csv out/csv
    """
    from . import store

    if not parquet and not csv:
        fail("give --parquet DIR and/or --csv DIR", 2)
    con = _open(db)
    try:
        for folder, fmt in ((parquet, "parquet"), (csv, "csv")):
            if folder:
                for path in store.export(con, folder, fmt):
                    out.print(str(path))
    finally:
        con.close()


@app.command("dashboards")
@one_line_errors
def dashboards_cmd(
    db: Path = typer.Option(Path("data/processed/dateline.duckdb"), help="DuckDB file."),
    out_dir: Path = typer.Option(Path("dashboards"), "--out", help="Folder for the HTML pages."),
    png: bool = typer.Option(False, "--png", help="Also save PNG screenshots (needs Debian chromium)."),
    title: Optional[str] = typer.Option(None, help="Story title."),
) -> None:
    """(Re)build the HTML dashboards from a DuckDB file.

    Example: dateline dashboards --db story.duckdb --out dashboards/ --png
    """
    from . import dashboards as dash

    con = _open(db)
    try:
        paths = dash.build(con, out_dir, title=title)
    finally:
        con.close()
    if png:
        paths += dash.to_png([p for p in paths if p.suffix == ".html"], out_dir)
    for p in paths:
        out.print(str(p))


# --------------------------------------------------------------------------- import (GDELT, ACLED)

imp = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                  help="Load existing event datasets (GDELT, ACLED) into the DuckDB file, next to the "
                       "events read from articles (events.origin = 'gdelt' or 'acled'). Re-importing a "
                       "file replaces its rows. Skipped rows: one line each, exit code 4.\n\n"
                       "Example: dateline import acled acled_export.csv --db story.duckdb")
app.add_typer(imp, name="import")
_MAX_PROBLEM_LINES = 50


def _import(dataset: str, file: Path, db: Path) -> None:
    from . import importers, store

    load = importers.import_gdelt if dataset == "gdelt" else importers.import_acled
    con = store.connect(db)
    try:
        s = load(con, file)
    finally:
        con.close()
    for line in s.problems[:_MAX_PROBLEM_LINES]:
        err.print(f"dateline: {line}", markup=False)
    if len(s.problems) > _MAX_PROBLEM_LINES:
        err.print(f"dateline: {file}: {len(s.problems) - _MAX_PROBLEM_LINES} more skipped rows", markup=False)
    err.print(f"{file} ({', '.join(sorted(s.formats))}): {s.events} events, {s.mentions} mentions, "
              f"{s.documents} new documents, {s.actors} new actors -> {db}"
              + (f"; {s.skipped} rows skipped" if s.skipped else ""), markup=False)
    if s.unlinked_mentions:
        err.print(f"{s.unlinked_mentions} GDELT mentions refer to events not in {db} yet "
                  "(import the matching events export to link them)", markup=False)
    if s.skipped:
        raise typer.Exit(4)


@imp.command("gdelt")
@one_line_errors
def import_gdelt_cmd(
    file: Path = typer.Argument(..., help="GDELT file as published (tab-separated, no header: 1.0 events "
                                "57/58 columns, 2.0 export 61, 2.0 mentions 16; .zip/.gz read directly) "
                                "or JSON lines with the GDELT fields."),
    db: Path = typer.Option(Path("data/processed/dateline.duckdb"), help="DuckDB file to write (created if missing)."),
) -> None:
    """Import GDELT events or mentions (ids gdelt:<GLOBALEVENTID>, CAMEO mapped to PLOVER).

    Example: dateline import gdelt 20230614101500.export.CSV.zip --db story.duckdb
    """
    _import("gdelt", file, db)


@imp.command("acled")
@one_line_errors
def import_acled_cmd(
    file: Path = typer.Argument(..., help="ACLED export: CSV with its header row, JSON lines, or an API JSON response."),
    db: Path = typer.Option(Path("data/processed/dateline.duckdb"), help="DuckDB file to write (created if missing)."),
) -> None:
    """Import ACLED events (ids acled:<event_id_cnty>; fatalities etc. in imported_events_extra).

    Example: dateline import acled 2023-06-kenya.csv --db story.duckdb
    """
    _import("acled", file, db)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
