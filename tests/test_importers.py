"""importers: GDELT/ACLED rows land in dateline's tables, marked with their origin.

Runs on the project's own hand-written samples in tests/data/import/ (published formats,
invented values): counts, ids, mappings, dates, idempotent re-import, the shared timeline,
and one clear line per bad row.
"""

from __future__ import annotations

from pathlib import Path
import gzip
import json
import zipfile
from datetime import date

import polars as pl
import pytest
from typer.testing import CliRunner

from conftest import ROOT, write
from dateline import importers, store, tables
from dateline.cli import app

DATA = ROOT / "tests" / "data" / "import"
GDELT1 = DATA / "gdelt1_events.tsv"
BACKFILE = DATA / "gdelt1_backfile.tsv"
GDELT2 = DATA / "gdelt2_export.tsv"
MENTIONS = DATA / "gdelt2_mentions.tsv"
ACLED = DATA / "acled_export.csv"
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture
def con(tmp_path):
    c = store.connect(tmp_path / "x.duckdb")
    yield c
    c.close()


def _one(con, sql: str, params=()):
    return con.execute(sql, list(params)).fetchall()[0]


def _event(con, event_id: str) -> dict:
    cur = con.execute("SELECT * FROM events WHERE event_id = ?", [event_id])
    cols = [d[0] for d in cur.description]
    rows = cur.fetchall()
    assert len(rows) == 1, event_id
    return dict(zip(cols, rows[0]))


def _extra(con, event_id: str, mention_id: str | None = None) -> dict[str, str]:
    rows = con.execute("SELECT key, value FROM imported_events_extra WHERE event_id = ? "
                       "AND mention_id IS NOT DISTINCT FROM ?", [event_id, mention_id]).fetchall()
    return dict(rows)


def _snapshot(con) -> dict[str, int]:
    c = store.counts(con)
    c["extra"] = _one(con, "SELECT count(*) FROM imported_events_extra")[0]
    return c


# --------------------------------------------------------------------------- GDELT

def test_gdelt1_events_tsv(con):
    s = importers.import_gdelt(con, GDELT1)
    assert s.formats == {"gdelt1-events-tsv"}
    assert (s.events, s.mentions, s.documents, s.skipped) == (4, 4, 4, 0)
    ids = [r[0] for r in con.execute("SELECT event_id FROM events ORDER BY 1").fetchall()]
    assert ids == ["gdelt:410000001", "gdelt:410000002", "gdelt:410000003", "gdelt:410000004"]
    e = _event(con, "gdelt:410000001")
    assert e["origin"] == "gdelt"
    assert (e["cameo_code"], e["plover_type"], e["plover_mode"], e["event_type"]) == ("042", "CONSULT", "visit", "visit")
    assert (e["source_actor"], e["target_actor"]) == ("Kenya", "Uganda")
    assert (e["date_start"], e["date_end"], e["granularity"]) == (date(2023, 6, 12), date(2023, 6, 12), "day")
    assert e["date_method"] == "source_dataset"
    assert e["location"] == "Kampala, Kampala, Uganda"
    assert (e["n_mentions"], e["n_sources"]) == (6, 2)
    arrest = _event(con, "gdelt:410000002")
    assert (arrest["source_actor"], arrest["target_actor"], arrest["plover_type"]) == ("Police", "Opposition Leader", "COERCE")
    assert _event(con, "gdelt:410000003")["cameo_code"] == "0233"  # 4-digit codes keep their leading zero
    assert _extra(con, "gdelt:410000002")["goldsteinscale"] == "-5.0"


def test_gdelt_source_url_becomes_document_and_mention(con):
    importers.import_gdelt(con, GDELT1)
    row = _one(con, "SELECT m.doc_id, d.url, d.source, d.text, d.published_date FROM mentions m "
                    "JOIN documents d USING (doc_id) WHERE m.event_id = 'gdelt:410000004'")
    assert row == ("https://coast.example.org/fishermen-riot-port", "https://coast.example.org/fishermen-riot-port",
                   "coast.example.org", None, date(2023, 6, 13))


def test_gdelt_actors_get_kinds(con):
    importers.import_gdelt(con, GDELT1)
    actors = {r[0]: r[1:] for r in con.execute("SELECT name, kind, country FROM actors").fetchall()}
    assert actors["Kenya"] == ("country", "KEN")
    assert actors["Police"] == ("gov", "KEN")
    assert actors["United Nations"][0] == "igo"
    assert actors["Mombasa"][0] is None  # a city with a country code is not a country


def test_gdelt1_backfile_has_57_columns_and_no_url(con):
    s = importers.import_gdelt(con, BACKFILE)
    assert (s.events, s.mentions, s.documents) == (2, 0, 0)
    e = _event(con, "gdelt:90000011")
    assert (e["date_start"], e["event_type"], e["plover_type"]) == (date(1999, 3, 5), "sign_agreement", "SUPPORT")


@pytest.mark.parametrize("order", [(GDELT2, MENTIONS), (MENTIONS, GDELT2)])
def test_gdelt2_mentions_link_to_events_in_either_order(con, order):
    for path in order:
        importers.import_gdelt(con, path)
    rows = con.execute("SELECT mention_id, doc_id, event_type, source_actor, confidence, trigger_start, char_start "
                       "FROM mentions WHERE event_id = 'gdelt:1100000001' AND mention_id NOT LIKE '%:source' "
                       "ORDER BY confidence").fetchall()
    assert len(rows) == 2
    low = rows[0]
    assert low[1] == "https://radio.example.org/news/presidents-spoke"
    assert low[2:] == ("phone_call", "Tanzania", 0.4, 288, 288)
    assert _extra(con, "gdelt:1100000001", low[0])["sentenceid"] == "3"
    pub = _one(con, "SELECT published FROM documents WHERE doc_id = ?", [low[1]])[0]
    assert pub.isoformat().startswith("2023-06-14T11:15:00")


def test_gdelt2_mentions_of_missing_events_are_counted(con):
    s = importers.import_gdelt(con, MENTIONS)
    assert (s.events, s.mentions, s.unlinked_mentions) == (0, 4, 4)
    s = importers.import_gdelt(con, GDELT2)
    assert s.formats == {"gdelt2-events-tsv"} and s.unlinked_mentions == 1


def test_gdelt_offsets_of_minus_one_are_null(con):
    importers.import_gdelt(con, MENTIONS)
    row = _one(con, "SELECT trigger_start, char_start FROM mentions WHERE event_id = 'gdelt:1100000002'")
    assert row == (122, 122)  # Actor1CharOffset -1 ignored, Actor2 at 140, action at 122


def test_gdelt_jsonl_matches_tsv(con, tmp_path):
    lines = []
    for line in GDELT1.read_text().splitlines():
        rec = dict(zip(importers.GDELT1_EVENTS, line.split("\t")))
        lines.append(json.dumps({"id": rec["globaleventid"], "gdelt": rec}))
    jsonl = write(tmp_path / "events.jsonl", "\n".join(lines) + "\n")
    s = importers.import_gdelt(con, jsonl)
    assert s.formats == {"gdelt-jsonl-events"} and s.events == 4
    from_json = con.execute("SELECT * FROM events ORDER BY event_id").fetchall()
    con.execute("DELETE FROM events")
    importers.import_gdelt(con, GDELT1)
    assert con.execute("SELECT * FROM events ORDER BY event_id").fetchall() == from_json


def test_gdelt_file_with_codebook_header(con, tmp_path):
    names = [("SQLDATE" if c == "day" else c.upper()) for c in importers.GDELT2_EVENTS]
    path = write(tmp_path / "with_header.tsv", "\t".join(names) + "\n" + GDELT2.read_text())
    s = importers.import_gdelt(con, path)
    assert s.formats == {"gdelt-header-events"} and s.events == 3
    assert _event(con, "gdelt:1100000002")["date_start"] == date(2023, 6, 14)


def test_gdelt_zip_and_gz_are_read(con, tmp_path):
    zipped = tmp_path / "20230614101500.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.write(GDELT2, "20230614101500.export.CSV")
    assert importers.import_gdelt(con, zipped).events == 3
    gz = tmp_path / "mentions.CSV.gz"
    gz.write_bytes(gzip.compress(MENTIONS.read_bytes()))
    assert importers.import_gdelt(con, gz).mentions == 4


# --------------------------------------------------------------------------- ACLED

def test_acled_csv(con):
    s = importers.import_acled(con, ACLED)
    assert s.formats == {"acled-csv"}
    assert (s.events, s.mentions, s.documents, s.skipped) == (4, 4, 4, 0)
    e = _event(con, "acled:KEN900001")
    assert e["origin"] == "acled"
    assert (e["event_type"], e["cameo_code"], e["plover_type"], e["plover_mode"]) == ("protest", "141", "PROTEST", "demo")
    assert (e["source_actor"], e["target_actor"]) == ("Protesters (Kenya)", None)
    assert e["location"] == "Nairobi-Westlands, Nairobi, Kenya"
    assert e["n_sources"] == 2  # "Example Daily; Example Radio"
    force = _event(con, "acled:KEN900003")
    assert (force["cameo_code"], force["plover_type"], force["target_actor"]) == ("175", "ASSAULT", "Protesters (Kenya)")
    extra = _extra(con, "acled:KEN900002")
    assert (extra["fatalities"], extra["sub_event_type"], extra["event_type"]) == ("3", "Armed clash", "Battles")


def test_acled_time_precision_widens_the_interval(con):
    importers.import_acled(con, ACLED)
    day, week, month = (_event(con, f"acled:KEN90000{i}") for i in (1, 2, 4))
    assert (day["date_start"], day["date_end"], day["granularity"]) == (date(2023, 6, 12), date(2023, 6, 12), "day")
    assert (week["date_start"], week["date_end"], week["granularity"]) == (date(2023, 6, 11), date(2023, 6, 17), "week")
    assert (month["date_start"], month["date_end"], month["granularity"]) == (date(2023, 6, 1), date(2023, 6, 30), "month")


def test_acled_notes_are_the_evidence(con):
    importers.import_acled(con, ACLED)
    ev, source = _one(con, "SELECT evidence, source FROM timeline WHERE event_id = 'acled:KEN900003'")
    assert ev.startswith("On 13 June 2023, police fired") and source == "Example Coast News"
    text, start, end = _one(con, "SELECT d.text, m.char_start, m.char_end FROM mentions m JOIN documents d "
                                 "USING (doc_id) WHERE m.event_id = 'acled:KEN900001'")
    assert text[start:end] == text and '[size="about 300"]' in text  # quoted CSV field read whole


def test_acled_jsonl_and_api_json(con, tmp_path):
    import csv
    rows = list(csv.DictReader(ACLED.open(encoding="utf-8")))
    jsonl = write(tmp_path / "acled.jsonl", "".join(json.dumps({"acled_row": r}) + "\n" for r in rows))
    assert importers.import_acled(con, jsonl).events == 4
    api = write(tmp_path / "api.json", json.dumps({"status": 200, "count": 2, "data": rows[:2]}, indent=1))
    s = importers.import_acled(con, api)
    assert s.events == 2 and _one(con, "SELECT count(*) FROM events")[0] == 4


def test_acled_upper_case_header_and_day_month_name_dates(con, tmp_path):
    text = ACLED.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    rest = rest.replace("KEN900001,2023-06-12", "KEN900001,12 June 2023")
    path = write(tmp_path / "old.csv", header.upper() + "\n" + rest)
    assert importers.import_acled(con, path).events == 4
    assert _event(con, "acled:KEN900001")["date_start"] == date(2023, 6, 12)


# --------------------------------------------------------------------------- re-import, timeline

def test_reimport_is_idempotent(con):
    for path in (GDELT1, BACKFILE, GDELT2, MENTIONS):
        importers.import_gdelt(con, path)
    importers.import_acled(con, ACLED)
    before = _snapshot(con)
    for path in (GDELT1, BACKFILE, GDELT2, MENTIONS):
        importers.import_gdelt(con, path)
    importers.import_acled(con, ACLED)
    assert _snapshot(con) == before
    assert before["events"] == 4 + 2 + 3 + 4


def test_reimport_replaces_changed_rows(con, tmp_path):
    importers.import_acled(con, ACLED)
    newer = write(tmp_path / "newer.csv", ACLED.read_text(encoding="utf-8").replace(
        "three militants were killed.\",3,", "five militants were killed.\",5,"))
    importers.import_acled(con, newer)
    assert _extra(con, "acled:KEN900002")["fatalities"] == "5"
    assert _one(con, "SELECT count(*) FROM events WHERE event_id = 'acled:KEN900002'")[0] == 1
    assert "five militants" in _one(con, "SELECT text FROM documents WHERE doc_id = 'acled:KEN900002'")[0]


def test_timeline_shows_imported_rows_next_to_text_rows(con):
    text_event = {k: None for k in tables.EVENTS}
    text_event.update(event_id="0123456789abcdef", event_type="phone_call", cameo_code="041",
                      plover_type="CONSULT", source_actor="Kenya", target_actor="Tanzania",
                      date_start=date(2023, 6, 13), date_end=date(2023, 6, 13), granularity="day",
                      n_mentions=1, n_sources=1, confidence=0.8, date_method="explicit_date",
                      modality="asserted", date_conflict=False, origin="text")
    with store.transaction(con):
        store.replace_events(con, pl.DataFrame([text_event], schema=tables.EVENTS),
                             pl.DataFrame(schema={"mention_id": pl.String, "event_id": pl.String}))
    importers.import_gdelt(con, GDELT1)
    importers.import_acled(con, ACLED)
    rows = con.execute("SELECT date_start, origin, event_id FROM timeline WHERE date_start = DATE '2023-06-13'").fetchall()
    assert {r[1] for r in rows} == {"text", "gdelt", "acled"}
    dates = [r[0] for r in con.execute("SELECT date_start FROM timeline").fetchall()]
    assert dates == sorted(dates)
    assert _one(con, "SELECT count(*) FROM events WHERE origin = 'text'")[0] == 1
    # a text rebuild (origin 'text') leaves imported events alone
    with store.transaction(con):
        store.replace_events(con, pl.DataFrame(schema=tables.EVENTS),
                             pl.DataFrame(schema={"mention_id": pl.String, "event_id": pl.String}))
    assert _one(con, "SELECT count(*) FROM events WHERE origin <> 'text'")[0] == 8


# --------------------------------------------------------------------------- bad input

def test_bad_gdelt_rows_are_skipped_one_line_each(con, tmp_path):
    lines = GDELT1.read_text().splitlines()
    lines[1] = lines[1].replace("\t20230613\t", "\t2023061X\t", 1)  # bad SQLDATE
    lines[2] = "\t".join(lines[2].split("\t")[:40])  # truncated row
    path = write(tmp_path / "bad.tsv", "\n".join(lines) + "\n")
    s = importers.import_gdelt(con, path)
    assert (s.events, s.skipped) == (2, 2)
    assert s.problems[0] == f"{path}:2: SQLDATE '2023061X' is not a date (YYYYMMDD)"
    assert s.problems[1] == f"{path}:3: 40 tab-separated columns, expected 58"


def test_bad_acled_rows_are_skipped_one_line_each(con, tmp_path):
    text = ACLED.read_text(encoding="utf-8")
    text = text.replace("KEN900004,2023-06-15", "KEN900004,31 Smarch 2023")
    text = text.replace("was killed.\",1,", "was killed.\",one,")
    path = write(tmp_path / "bad.csv", text + "\n{not,a,row\n")
    s = importers.import_acled(con, path)
    assert (s.events, s.skipped) == (2, 3)
    assert s.problems == [f"{path}:4: fatalities 'one' is not a number",
                          f"{path}:5: event_date '31 Smarch 2023' is not a date",
                          f"{path}:7: 3 fields, the header has 31"]


def test_bad_json_line_is_reported(con, tmp_path):
    path = write(tmp_path / "m.jsonl", '{"gdelt": {"globaleventid": "1", "eventcode": "010", "day": "20230101"}}\n'
                                       '{"gdelt": {"globaleventid": \n')
    s = importers.import_gdelt(con, path)
    assert s.events == 1 and s.skipped == 1 and s.problems[0].startswith(f"{path}:2: not valid JSON")


@pytest.mark.parametrize("content, message", [
    ("", "empty file"),
    ("a\tb\tc\n", ":1: not a GDELT file: 3 tab-separated columns"),
])
def test_unusable_gdelt_file_is_one_value_error(con, tmp_path, content, message):
    path = write(tmp_path / "x.tsv", content)
    with pytest.raises(ValueError, match=message) as info:
        importers.import_gdelt(con, path)
    assert str(path) in str(info.value)


def test_file_with_no_good_row_writes_nothing(con, tmp_path):
    importers.import_acled(con, ACLED)
    before = _snapshot(con)
    header = ACLED.read_text(encoding="utf-8").split("\n", 1)[0]
    path = write(tmp_path / "bad.csv", header + "\n" + ",".join(["KEN1", "someday"] + [""] * 29) + "\n")
    with pytest.raises(ValueError, match=r"no importable rows \(1 skipped; first: .*bad.csv:2: "):
        importers.import_acled(con, path)
    assert _snapshot(con) == before


def test_acled_header_without_required_columns(con, tmp_path):
    path = write(tmp_path / "x.csv", "id,date,what\n1,2023-01-01,protest\n")
    with pytest.raises(ValueError, match=r"x.csv:1: not an ACLED export: header lacks event_id_cnty, event_date"):
        importers.import_acled(con, path)


# --------------------------------------------------------------------------- mappings

def test_canonical_name():
    assert importers.canonical_name("UNITED STATES") == "United States"
    assert importers.canonical_name("MINISTRY OF DEFENSE") == "Ministry of Defense"
    assert importers.canonical_name("SAINT JOHN'S") == "Saint John's"
    assert importers.canonical_name("AL-SHABAAB  FIGHTER") == "Al-Shabaab Fighter"
    assert importers.canonical_name("Police Forces of Kenya (2022-)") == "Police Forces of Kenya (2022-)"
    assert importers.canonical_name("  ") is None


def test_cameo_lookup_falls_back_to_base_and_root():
    assert importers.cameo_type("0841").plover_mode == "release"
    t = importers.cameo_type("1959")  # not a code: base 195 (aerial weapons)
    assert (t.cameo, t.plover_type, t.event_type) == ("1959", "ASSAULT", "attack")
    assert importers.cameo_type("99").event_type == "other"


def test_cameo_resource_is_consistent():
    table = importers.cameo_table()
    assert len(table) > 280
    for code, t in table.items():
        assert code.isdigit() and 2 <= len(code) <= 4, code
        assert code[:2] in table, code
        assert t.plover_type is None or t.plover_type in PLOVER_TYPES, code
        assert t.event_type, code
    for label, t in importers.acled_table().items():
        assert t.plover_type is None or t.plover_type in PLOVER_TYPES, label
        assert t.cameo is None or importers.cameo_type(t.cameo).plover_type == t.plover_type, label


# --------------------------------------------------------------------------- CLI

runner = CliRunner()


def test_cli_import_both(tmp_path):
    db = tmp_path / "x.duckdb"
    r = runner.invoke(app, ["import", "gdelt", str(GDELT1), "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "4 events" in r.output
    r = runner.invoke(app, ["import", "acled", str(ACLED), "--db", str(db)])
    assert r.exit_code == 0, r.output
    con = store.connect(db, read_only=True)
    try:
        assert dict(con.execute("SELECT origin, count(*) FROM events GROUP BY 1").fetchall()) == {"gdelt": 4, "acled": 4}
    finally:
        con.close()


def test_cli_bad_rows_exit_4_and_bad_file_exit_1(tmp_path):
    db = tmp_path / "x.duckdb"
    lines = GDELT1.read_text().splitlines()
    lines[0] = "\t".join(lines[0].split("\t")[:10])
    partial = write(tmp_path / "partial.tsv", "\n".join(lines) + "\n")
    r = runner.invoke(app, ["import", "gdelt", str(partial), "--db", str(db)])
    assert r.exit_code == 4
    assert f"dateline: {partial}:1: 10 tab-separated columns" in r.output
    junk = write(tmp_path / "junk.csv", "hello,world\n")
    r = runner.invoke(app, ["import", "acled", str(junk), "--db", str(db)])
    assert r.exit_code == 1
    assert r.output.strip().splitlines() == [f"dateline: {junk}:1: not an ACLED export: header lacks "
                                             "event_id_cnty, event_date, event_type"]


def test_text_run_after_import_keeps_imported_events(tmp_path):
    """A `dateline run` after an import must not pull imported mentions into text events."""
    from conftest import GENERAL

    from dateline import pipeline, store
    from dateline.importers import import_acled

    db = tmp_path / "mixed.duckdb"
    con = store.connect(db)
    import_acled(con, Path(__file__).parent / "data" / "import" / "acled_export.csv")
    before = con.execute("SELECT count(*) FROM events WHERE origin = 'acled'").fetchall()[0][0]
    con.close()
    pipeline.run([GENERAL / "storm.md"], db=db, actor_files=[GENERAL / "actors.csv"])
    con = store.connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM events WHERE origin = 'acled'").fetchall()[0][0] == before > 0
    stray = con.execute("SELECT count(*) FROM mentions m JOIN events e USING (event_id) "
                        "WHERE m.mention_id LIKE 'acled:%' AND e.origin = 'text'").fetchall()[0][0]
    assert stray == 0
