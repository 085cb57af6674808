"""cli: the contract of each command, idempotent re-runs, one-line errors and exit codes."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest
from typer.testing import CliRunner

from conftest import GENERAL, STORY, write
from dateline.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def story_db(tmp_path_factory):
    out = tmp_path_factory.mktemp("story")
    db = out / "story.duckdb"
    r = runner.invoke(app, ["run", "--db", str(db), "-q", str(STORY / "articles")])
    assert r.exit_code == 0, r.output
    return db


def _counts(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "timexes", "mentions", "events", "actors")}
    finally:
        con.close()


def test_story_run_fills_every_table(story_db):
    c = _counts(story_db)
    assert c["documents"] >= 8 and c["events"] >= 10 and c["mentions"] >= c["events"] and c["timexes"] >= 20
    con = duckdb.connect(str(story_db), read_only=True)
    assert con.execute("SELECT count(*) FROM events WHERE date_start IS NOT NULL").fetchone()[0] >= 10
    assert con.execute("SELECT count(*) FROM actors WHERE name = 'Vladimir Putin'").fetchone()[0] == 1
    con.close()


def test_rerun_never_duplicates(tmp_path):
    db = tmp_path / "x.duckdb"
    src = tmp_path / "articles"
    shutil.copytree(STORY / "articles", src)
    assert runner.invoke(app, ["run", "--db", str(db), "-q", str(src)]).exit_code == 0
    first = _counts(db)
    assert runner.invoke(app, ["run", "--db", str(db), "-q", str(src)]).exit_code == 0
    assert _counts(db) == first
    # an edited article replaces its own rows
    p = sorted(src.glob("*.md"))[0]
    p.write_text(p.read_text() + "\nThe foreign minister visited Minsk on Sunday.\n")
    assert runner.invoke(app, ["run", "--db", str(db), "-q", str(src)]).exit_code == 0
    assert _counts(db)["documents"] == first["documents"]


def test_dashboards_written(tmp_path):
    db, dash = tmp_path / "x.duckdb", tmp_path / "dash"
    r = runner.invoke(app, ["run", "--db", str(db), "--dashboards", str(dash), "-q", str(GENERAL)])
    assert r.exit_code == 0, r.output
    assert (dash / "timeline.html").stat().st_size > 100_000 and (dash / "network.html").is_file()


def test_bad_inputs_one_line_each_and_exit_codes(tmp_path):
    write(tmp_path / "in" / "empty.txt", "")
    write(tmp_path / "in" / "bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path / "in" / "nodate.txt", "The mayor visited the port on Monday.")
    write(tmp_path / "in" / "feed.jsonl", "{bad\n")
    write(tmp_path / "in" / "ok.md", "---\npublished: 2024-03-14T10:00:00+00:00\n---\nThe mayor visited the port on Monday.\n")
    r = runner.invoke(app, ["run", "--db", str(tmp_path / "x.duckdb"), "-q", str(tmp_path / "in")])
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("dateline:")]
    assert r.exit_code == 4
    assert len(lines) == 4 and "Traceback" not in r.output
    for name in ("empty.txt", "bin.txt", "nodate.txt", "feed.jsonl:1"):
        assert sum(name in ln for ln in lines) == 1, (name, lines)
    r = runner.invoke(app, ["run", "--db", str(tmp_path / "y.duckdb"), "-q", str(tmp_path / "in" / "empty.txt")])
    assert r.exit_code == 1 and "no article could be read" in r.stderr


def test_query_formats_and_list(story_db):
    r = runner.invoke(app, ["query", "--list"])
    assert r.exit_code == 0 and "who_called_whom" in r.stdout and "phone calls" in r.stdout
    r = runner.invoke(app, ["query", "calls_by_day", "--db", str(story_db), "--format", "json"])
    assert r.exit_code == 0
    rows = json.loads(r.stdout)
    assert rows and {"day", "calls"} <= set(rows[0])
    r = runner.invoke(app, ["query", "timeline", "--db", str(story_db), "--format", "csv"])
    assert r.exit_code == 0 and r.stdout.splitlines()[0].startswith("date_start,date_end,granularity")
    r = runner.invoke(app, ["query", "../../etc/passwd", "--db", str(story_db)])
    assert r.exit_code == 2 and "unknown query" in r.stderr


def test_sql_and_export(story_db, tmp_path):
    r = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM events", "--db", str(story_db), "--format", "csv"])
    assert r.exit_code == 0 and int(r.stdout.splitlines()[1]) > 0
    r = runner.invoke(app, ["sql", "DELETE FROM events", "--db", str(story_db)])
    assert r.exit_code == 1 and "read-only" in r.stderr.lower()
    r = runner.invoke(app, ["export", "--db", str(story_db), "--parquet", str(tmp_path / "pq")])
    assert r.exit_code == 0 and (tmp_path / "pq" / "events.parquet").is_file()
    r = runner.invoke(app, ["query", "timeline", "--db", str(tmp_path / "missing.duckdb")])
    assert r.exit_code == 1 and "no such database" in r.stderr


def test_edited_actor_file_redoes_unchanged_articles(tmp_path):
    db, src = tmp_path / "x.duckdb", tmp_path / "in"
    shutil.copytree(GENERAL, src)
    assert runner.invoke(app, ["run", "--db", str(db), "-q", str(src)]).exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    names = {r[0] for r in con.execute("SELECT source_actor FROM events").fetchall()}
    con.close()
    actors = src / "actors.csv"
    rows = actors.read_text().splitlines()
    old = next(n for n in (r.split(",")[0] for r in rows[1:]) if n in names)
    actors.write_text("\n".join([rows[0]] + [r.replace(old, old + " Renamed", 1) if r.startswith(old + ",") else r
                                             for r in rows[1:]]) + "\n")
    assert runner.invoke(app, ["run", "--db", str(db), "-q", str(src)]).exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    names2 = {r[0] for r in con.execute("SELECT source_actor FROM events").fetchall()}
    con.close()
    assert old + " Renamed" in names2 and old not in names2


def test_unexpected_bug_is_one_line_exit_70(monkeypatch, tmp_path):
    from dateline import pipeline

    def boom(*a, **k):
        raise RuntimeError("something odd\nsecond line")

    monkeypatch.setattr(pipeline, "run", boom)
    r = runner.invoke(app, ["run", "--db", str(tmp_path / "x.duckdb"), str(GENERAL)])
    assert r.exit_code == 70
    assert r.stderr.strip() == "dateline: internal error (RuntimeError: something odd); please report this bug"
