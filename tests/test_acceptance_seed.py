"""Acceptance on the user's own article (issue 3): `dateline run` on the seed, checked in DuckDB.

Skips when ../shared is absent. Nothing here is known to the code: the run gets only the
file and --published, exactly as a user would type it.
"""

from __future__ import annotations

import duckdb
import pytest
from typer.testing import CliRunner

from dateline.cli import app


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, request):
    from conftest import SEED

    if not SEED.is_file():
        pytest.skip("../shared not found")
    db = tmp_path_factory.mktemp("seed") / "X.duckdb"
    r = CliRunner().invoke(app, ["run", "--published", "2023-06-24", "--db", str(db), "-q", str(SEED)])
    assert r.exit_code == 0, r.output
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def _call(con, other: str):
    rows = con.execute(
        """SELECT e.event_id, e.cameo_code, e.plover_type, e.plover_mode, e.date_start, e.date_end, e.granularity
           FROM events e
           WHERE e.cameo_code = '041'
             AND ((e.source_actor ILIKE '%Putin%' AND e.target_actor ILIKE ?)
               OR (e.target_actor ILIKE '%Putin%' AND e.source_actor ILIKE ?))""",
        [f"%{other}%", f"%{other}%"]).fetchall()
    assert len(rows) == 1, (other, rows)
    return rows[0]


@pytest.mark.parametrize("other", ["Lukashenko", "Tokayev", "Mirziyoyev"])
def test_phone_calls_dated_that_saturday(seed_db, other):
    _, cameo, plover, mode, d0, d1, gran = _call(seed_db, other)
    assert (cameo, plover, mode) == ("041", "CONSULT", "phone")
    assert str(d0) == str(d1) == "2023-06-24"
    assert gran in ("hour", "part-of-day", "day")


@pytest.mark.parametrize("other,reporter", [("Lukashenko", "belarus"), ("Tokayev", "kremlin|peskov"),
                                            ("Mirziyoyev", "kremlin|peskov")])
def test_who_reported_each_call(seed_db, other, reporter):
    event_id = _call(seed_db, other)[0]
    reporters = [r[0] or "" for r in seed_db.execute(
        "SELECT reported_by FROM mentions WHERE event_id = ?", [event_id]).fetchall()]
    assert any(any(k in r.lower() for k in reporter.split("|")) for r in reporters), reporters


def test_tokayev_statement_and_putin_thanks(seed_db):
    rows = seed_db.execute(
        """SELECT event_type, source_actor, target_actor, date_start, date_end FROM events
           WHERE (source_actor ILIKE '%Tokayev%' AND target_actor ILIKE '%Putin%')
              OR (source_actor ILIKE '%Putin%' AND target_actor ILIKE '%Tokayev%')""").fetchall()
    types = {(r[0], r[1].split()[-1]) for r in rows if str(r[3]) == str(r[4]) == "2023-06-24"}
    assert any(t in ("statement", "inform", "consult") or "statement" in t for t, s in types if s == "Tokayev"), rows
    assert ("thank", "Putin") in types, rows


def test_last_year_offensive_is_the_year_2022(seed_db):
    rows = seed_db.execute(
        """SELECT e.date_start, e.date_end, e.granularity FROM events e JOIN mentions m USING (event_id)
           WHERE m.trigger ILIKE '%offensive%' AND m.sentence ILIKE '%last year%'""").fetchall()
    assert rows and all((str(a), str(b), g) == ("2022-01-01", "2022-12-31", "year") for a, b, g in rows), rows


def test_nothing_from_page_noise(seed_db):
    leaked = seed_db.execute(
        """SELECT m.sentence FROM mentions m JOIN noise n
             ON m.doc_id = n.doc_id AND m.char_start < n."end" AND n.start < m.char_end""").fetchall()
    assert leaked == []
    assert seed_db.execute("SELECT count(*) FROM mentions WHERE sentence ILIKE '%Albanese%'").fetchone()[0] == 0
    assert seed_db.execute("SELECT count(*) FROM timexes t JOIN noise n ON t.doc_id = n.doc_id "
                           "AND t.start >= n.start AND t.\"end\" <= n.\"end\"").fetchone()[0] == 0
    assert seed_db.execute("SELECT count(*) FROM noise").fetchone()[0] == 9


def test_offsets_index_the_stored_text(seed_db):
    rows = seed_db.execute(
        """SELECT d.text, m.char_start, m.char_end, m.sentence, m.trigger_start, m.trigger_end, m.trigger
           FROM mentions m JOIN documents d USING (doc_id)""").fetchall()
    assert rows
    for text, s, e, sentence, ts, te, trig in rows:
        assert text[s:e] == sentence
        assert text[ts:te] == trig
