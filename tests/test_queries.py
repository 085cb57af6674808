"""queries: every named question runs in Python and unchanged in the duckdb shell."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dateline import queries, store
from dateline.tables import merge_events
from test_tables import D24, _frames, _m


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "q.duckdb"
    con = store.connect(path)
    frames = _frames(("a", [_m("a", "Putin", "Lukashenko", D24, D24), _m("a", "Putin", "Tokayev", D24, D24, trig=9)]),
                     ("b", [_m("b", "Lukashenko", "Putin", D24, D24)]))
    with store.transaction(con):
        store.replace_documents(con, frames)
        ev, assign = merge_events(store.all_mentions(con))
        store.replace_events(con, ev, assign)
    con.close()
    return path


def test_every_query_has_a_header_and_runs(db):
    found = queries.available()
    assert {"timeline", "calls_by_day", "who_called_whom", "events_by_source", "undated_or_coarse"} <= set(found)
    con = store.connect(db, read_only=True)
    for name, path in found.items():
        assert queries.header(path), name
        queries.run_named(con, name)  # raises on bad SQL


def test_answers(db):
    con = store.connect(db, read_only=True)
    calls = queries.run_named(con, "calls_by_day")
    assert calls.rows() == [(D24, 2, "Lukashenko – Putin; Putin – Tokayev")]
    pairs = queries.run_named(con, "who_called_whom").sort("actor_b")
    assert pairs.select("actor_a", "actor_b", "article_reports").rows() == [("Lukashenko", "Putin", 2), ("Putin", "Tokayev", 1)]


def test_unknown_or_unsafe_names_are_refused():
    for bad in ("nope", "../etc/passwd", "timeline; DROP TABLE events", ""):
        with pytest.raises(queries.UnknownQuery):
            queries.resolve(bad)


def test_queries_run_in_the_duckdb_shell(db):
    shell = shutil.which("duckdb") or str(Path(sys.executable).parent / "duckdb")
    if not Path(shell).exists():
        pytest.skip("duckdb shell not installed (pip install duckdb-cli)")
    for name, path in queries.available().items():
        r = subprocess.run([shell, "-csv", str(db)], input=path.read_text(), capture_output=True, text=True, timeout=60)
        assert r.returncode == 0 and "Error" not in r.stderr, (name, r.stderr)
    r = subprocess.run([shell, "-csv", str(db)], input=queries.resolve("calls_by_day").read_text(),
                       capture_output=True, text=True)
    assert r.stdout.splitlines()[1].startswith("2023-06-24,2,")
