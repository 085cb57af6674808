"""Issue 8, atomic and idempotent: a killed run leaves the DuckDB file as before or complete.

A real ``dateline run`` (a subprocess) adding a few hundred articles to an existing
file is SIGKILLed at several points of its run (a fixed seed jitters them); each time
the file must open and hold exactly the rows it held before the run, or exactly the
rows of a complete run, never a mix. Re-running then completes it with the same row
counts and the same ids as an uninterrupted run. Two writers at once: the second stops
with one "database is in use" line and exit code 3, and the first still completes.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import frontmatter
import pytest

from conftest import GENERAL
from dateline import store

SEED = int(os.environ.get("DATELINE_KILL_SEED", "8"))
KILL_AT = (0.35, 0.7)  # fractions of an uninterrupted run's wall time (then jittered)
CLI = [sys.executable, "-m", "dateline.cli"]


def state(db: Path) -> dict[str, object]:
    """Row counts and the ids of every table: what 'the same file' means here."""
    con = duckdb.connect(str(db))  # read-write, as a user would: replays a committed WAL
    try:
        out: dict[str, object] = dict(store.counts(con))
        for table, key in (("documents", "doc_id"), ("mentions", "mention_id"), ("events", "event_id"),
                           ("actors", "name")):
            out[f"{table} ids"] = sorted(r[0] for r in con.execute(f"SELECT {key} FROM {table}").fetchall())
        out["mention -> event"] = sorted(con.execute("SELECT mention_id, event_id FROM mentions").fetchall())
        out["timexes"] = con.execute("SELECT count(DISTINCT (doc_id, start)) FROM timexes").fetchone()[0]
        return out
    finally:
        con.close()


def make_feed(path: Path, n: int) -> Path:
    """``n`` distinct articles built from the project's own test articles."""
    posts = [frontmatter.load(p) for p in sorted(GENERAL.glob("*.md"))]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            post = posts[i % len(posts)]
            fh.write(json.dumps({"doc_id": f"copy-{i}", "published": str(post["published"]),
                                 "title": f"{post['title']} ({i})", "text": f"Report {i}.\n\n{post.content}"}) + "\n")
    return path


def run_cli(db: Path, args: list) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + ["run", "-q", "--db", str(db), *map(str, args)], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """A file holding the general articles, and the state of a complete run adding a feed to it."""
    tmp = tmp_path_factory.mktemp("atomic")
    base = tmp / "base.duckdb"
    assert run_cli(base, [GENERAL]).returncode == 0
    feed = make_feed(tmp / "feed.jsonl", 160)
    full = tmp / "full.duckdb"
    shutil.copy(base, full)
    t0 = time.monotonic()
    r = run_cli(full, [GENERAL, feed, "--dashboards", tmp / "dash"])  # as the killed runs do
    wall = time.monotonic() - t0
    assert r.returncode == 0, r.stderr
    before, after = state(base), state(full)
    assert before["documents"] < after["documents"] and before["mentions"] < after["mentions"]
    return {"tmp": tmp, "base": base, "feed": feed, "wall": wall, "before": before, "after": after}


def _check_killed(setup, db: Path, code: int, what: str, rerun: bool) -> str:
    got = state(db)
    assert got in (setup["before"], setup["after"]), f"{what} left a partial file"
    if rerun:  # a re-run completes it, with the same rows and ids as an uninterrupted run
        r = run_cli(db, [GENERAL, setup["feed"]])
        assert r.returncode == 0, r.stderr
        assert state(db) == setup["after"]
    assert code in (-signal.SIGKILL, 0), code
    return "before" if got == setup["before"] else "complete"


def test_cli_killed_at_random_points(setup):
    rng = random.Random(SEED)
    outcomes = []
    for i, frac in enumerate(KILL_AT):
        db = setup["tmp"] / f"killed{i}.duckdb"
        shutil.copy(setup["base"], db)
        proc = subprocess.Popen(CLI + ["run", "-q", "--db", str(db), str(GENERAL), str(setup["feed"]),
                                       "--dashboards", str(setup["tmp"] / f"dash{i}")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        delay = setup["wall"] * frac * rng.uniform(0.9, 1.1)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        outcomes.append(_check_killed(setup, db, proc.wait(timeout=30), f"kill at {delay:.2f} s", rerun=i == 0))
    print("kill outcomes:", outcomes)


#: a run of the library in a subprocess that SIGKILLs itself at a chosen point of the run
KILLER = """
import os, signal, sys
from pathlib import Path
from dateline import pipeline, store
point, db, *inputs = sys.argv[1:]
die = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
if point == "after-commit":  # the first call after COMMIT, before the file is closed (WAL not checkpointed)
    store.counts_and_dates = die
progress = None
if point.startswith("batch"):
    n = int(point[5:])
    progress = lambda done, total: die() if done >= n * 40 else None
pipeline.run(inputs, db=db, progress=progress, batch_size=40)
"""


@pytest.mark.parametrize("point,expect", [("batch1", "before"), ("batch3", "before"),
                                          ("after-commit", "complete")])
def test_library_killed_at_chosen_points(setup, point, expect):
    db = setup["tmp"] / f"killed-{point}.duckdb"
    shutil.copy(setup["base"], db)
    p = subprocess.run([sys.executable, "-c", KILLER, point, str(db), str(GENERAL), str(setup["feed"])],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == -signal.SIGKILL, p.stderr
    assert _check_killed(setup, db, p.returncode, point, rerun=point == "batch3") == expect


def test_rerun_is_idempotent(setup):
    """Re-running a complete run changes nothing (the killed-run test re-runs interrupted ones)."""
    db = setup["tmp"] / "again.duckdb"
    shutil.copy(setup["tmp"] / "full.duckdb", db)
    r = run_cli(db, [GENERAL, setup["feed"]])
    assert r.returncode == 0, r.stderr
    assert state(db) == setup["after"]


def test_second_writer_stops_with_busy_line(setup, tmp_path):
    db = tmp_path / "busy.duckdb"
    shutil.copy(setup["base"], db)
    con = store.connect(db)  # this process holds the file, as a running `dateline run` would
    try:
        for args in (["run", "-q", "--db", str(db), str(GENERAL)], ["query", "timeline", "--db", str(db)],
                     ["sql", "SELECT 1", "--db", str(db)]):
            r = subprocess.run(CLI + args, capture_output=True, text=True, timeout=120)
            assert (r.returncode, r.stderr) == (3, f"dateline: {db}: database is in use by another process\n"), args
    finally:
        con.close()
    assert state(db) == setup["before"]


#: a run that signals (a marker file) once it is writing, then takes its time over each batch
SLOW = """
import sys, time
from pathlib import Path
from dateline import pipeline
marker, db, *inputs = sys.argv[1:]
def progress(done, total):
    Path(marker).touch()
    time.sleep(1.0)
pipeline.run(inputs, db=db, progress=progress, batch_size=80)
"""


def test_two_runs_at_once(setup, tmp_path):
    db, marker = tmp_path / "race.duckdb", tmp_path / "writing"
    shutil.copy(setup["base"], db)
    first = subprocess.Popen([sys.executable, "-c", SLOW, str(marker), str(db), str(GENERAL), str(setup["feed"])],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not marker.exists() and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.02)
    second = run_cli(db, [GENERAL])  # while the first is in the middle of its run
    out, err = first.communicate(timeout=300)
    assert (second.returncode, second.stderr) == (3, f"dateline: {db}: database is in use by another process\n")
    assert first.returncode == 0, err
    assert state(db) == setup["after"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no work file left behind


def test_merging_in_groups_gives_the_same_events(setup, monkeypatch):
    """The merge reads mentions group by group (bounded memory): same events and ids as all at once."""
    from dateline import pipeline

    monkeypatch.setattr(store, "MERGE_GROUP_ROWS", 40)
    db = setup["tmp"] / "groups.duckdb"
    shutil.copy(setup["base"], db)
    con = duckdb.connect(str(db))
    n_text = con.execute(f"SELECT count(*) FROM mentions WHERE {store.TEXT_MENTIONS}").fetchone()[0]
    con.close()
    pipeline.run([GENERAL, setup["feed"]], db=db)
    assert setup["after"]["mentions"] > 40 * 5 > n_text  # many groups this time
    assert state(db) == setup["after"]
