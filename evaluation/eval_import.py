"""Evaluate the GDELT/ACLED importers (``dateline.importers``) on the shared dev samples.

Imports ``gdelt-events-sample-dev.jsonl``, ``gdelt-mentions-sample-dev.jsonl`` and
``events-acled-sample-dev.jsonl`` into a temporary DuckDB file, reads the rows back from
``events``/``mentions``/``documents``/``imported_events_extra`` and prints per-field
agreement with what each record says:

* ACLED: against the gold ``events[0]`` (actors, ACLED type, date, location, fatalities);
* GDELT events and mentions: the samples carry no separate gold, so the reference is the
  record's own ``gdelt{...}`` fields (actors, CAMEO code, SQLDATE, ActionGeo, source URL;
  mention document, confidence, offsets): a check that nothing is lost on the way in.

Also prints PLOVER coverage, how many GDELT event dates equal the processing day
(DATEADDED), re-import idempotence and the timeline rows per origin.

    .venv/bin/python evaluation/eval_import.py

Exits 0 with "skipped: ../shared not found" when the shared corpora are absent.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
GDELT_EVENTS = CORPORA / "gdelt-events-sample-dev.jsonl"
GDELT_MENTIONS = CORPORA / "gdelt-mentions-sample-dev.jsonl"
ACLED = CORPORA / "events-acled-sample-dev.jsonl"

sys.path.insert(0, str(ROOT / "src"))

from dateline import importers, store  # noqa: E402


class Tally:
    """Per-field agreement counts, printed as one line per field."""

    def __init__(self, title: str):
        self.title, self.ok, self.n = title, Counter(), Counter()

    def check(self, name: str, agree: bool) -> None:
        self.n[name] += 1
        self.ok[name] += bool(agree)

    def print(self) -> None:
        print(f"\n{self.title}")
        for name in self.n:
            ok, n = self.ok[name], self.n[name]
            print(f"  {name:<34} {ok:>5}/{n:<5} {100 * ok / n:6.1f} %")


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _dicts(con, sql: str, params=()) -> list[dict]:
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _extras(con) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for eid, key, value in con.execute(
            "SELECT event_id, key, value FROM imported_events_extra WHERE mention_id IS NULL").fetchall():
        out.setdefault(eid, {})[key] = value
    return out


def _same_name(ours: str | None, theirs: str | None) -> bool:
    theirs = (theirs or "").strip() or None
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return " ".join(ours.split()).upper() == " ".join(theirs.split()).upper()


def eval_acled(con) -> Tally:
    t = Tally(f"ACLED ({ACLED.name}) vs gold events[0]")
    events = {r["event_id"]: r for r in _dicts(con, "SELECT * FROM events WHERE origin = 'acled'")}
    extras = _extras(con)
    for rec in _rows(ACLED):
        gold = rec["events"][0]
        eid = f"acled:{rec['acled_row']['event_id_cnty']}"
        ev, ex = events.get(eid), extras.get(eid, {})
        t.check("imported", ev is not None)
        if ev is None:
            continue
        src = gold["source"][0]["text"] if gold["source"] else None
        tgt = gold["target"][0]["text"] if gold["target"] else None
        t.check("source actor", _same_name(ev["source_actor"], src))
        t.check("target actor", _same_name(ev["target_actor"], tgt))
        t.check("event_type (kept)", ex.get("event_type") == gold["event_type"])
        t.check("sub_event_type (kept)", ex.get("sub_event_type") == gold["sub_event_type"])
        t.check("CAMEO + PLOVER assigned", bool(ev["cameo_code"] and ev["plover_type"]))
        gd = date.fromisoformat(gold["date"])
        t.check("date inside interval", ev["date_start"] <= gd <= ev["date_end"])
        t.check("date exact day", ev["date_start"] == ev["date_end"] == gd)
        loc = gold["location"]
        want = ", ".join(p for p in (loc.get("location"), loc.get("admin1"), loc.get("country")) if p)
        t.check("location", ev["location"] == want)
        if gold.get("fatalities") is not None:
            t.check("fatalities", ex.get("fatalities") == str(gold["fatalities"]))
    return t


def eval_gdelt_events(con) -> Tally:
    t = Tally(f"GDELT events ({GDELT_EVENTS.name}) vs each record's gdelt{{...}} fields")
    events = {r["event_id"]: r for r in _dicts(con, "SELECT * FROM events WHERE origin = 'gdelt'")}
    linked = dict(con.execute(
        "SELECT m.event_id, d.url FROM mentions m JOIN documents d USING (doc_id) "
        "WHERE m.mention_id LIKE 'gdelt:%:source'").fetchall())
    processing_day = 0
    records = _rows(GDELT_EVENTS)
    for rec in records:
        g = rec["gdelt"]
        ev = events.get(f"gdelt:{g['globaleventid']}")
        t.check("imported", ev is not None)
        if ev is None:
            continue
        t.check("source actor (Actor1Name)", _same_name(ev["source_actor"], g.get("actor1name")))
        t.check("target actor (Actor2Name)", _same_name(ev["target_actor"], g.get("actor2name")))
        t.check("CAMEO code (EventCode)", ev["cameo_code"] == g["eventcode"])
        t.check("PLOVER type assigned", ev["plover_type"] is not None)
        day = g["day"]
        t.check("date (SQLDATE)", ev["date_start"] == ev["date_end"] == date(int(day[:4]), int(day[4:6]), int(day[6:8])))
        t.check("location (ActionGeo_FullName)", ev["location"] == (g.get("actiongeo_fullname") or None))
        if g.get("sourceurl"):
            t.check("source URL -> mention -> document", linked.get(ev["event_id"]) == g["sourceurl"])
        processing_day += g["day"] == (g.get("dateadded") or "")[:8]
    print(f"\nGDELT events whose SQLDATE equals the processing day (DATEADDED): "
          f"{processing_day}/{len(records)} ({100 * processing_day / len(records):.1f} %)")
    return t


def eval_gdelt_mentions(con) -> Tally:
    t = Tally(f"GDELT mentions ({GDELT_MENTIONS.name}) vs each record's gdelt{{...}} fields")
    rows = _dicts(con, "SELECT m.*, d.doc_id AS has_doc FROM mentions m LEFT JOIN documents d USING (doc_id) "
                       "WHERE m.mention_id LIKE 'gdelt:%' AND m.mention_id NOT LIKE '%:source'")
    by_key = {(r["event_id"], r["doc_id"], r["trigger_start"], r["char_start"], r["confidence"]): r for r in rows}
    for rec in _rows(GDELT_MENTIONS):
        g = rec["gdelt"]
        offs = [int(g[k]) for k in ("actor1charoffset", "actor2charoffset", "actioncharoffset")]
        valid = [o for o in offs if o >= 0]
        key = (f"gdelt:{g['globaleventid']}", g["mentionidentifier"], offs[2] if offs[2] >= 0 else None,
               min(valid) if valid else None, int(g["confidence"]) / 100)
        row = by_key.get(key)
        t.check("mention (event, doc, offsets, confidence)", row is not None)
        t.check("document row for MentionIdentifier", row is not None and row["has_doc"] is not None)
    t.check("distinct mention rows", len(rows) == len({
        (r["gdelt"]["globaleventid"], r["gdelt"]["mentionidentifier"], r["gdelt"]["sentenceid"],
         r["gdelt"]["actor1charoffset"], r["gdelt"]["actor2charoffset"], r["gdelt"]["actioncharoffset"])
        for r in _rows(GDELT_MENTIONS)}))
    return t


def snapshot(con) -> dict[str, int]:
    c = store.counts(con)
    c["imported_events_extra"] = con.execute("SELECT count(*) FROM imported_events_extra").fetchall()[0][0]
    return c


def main() -> int:
    if not all(p.is_file() for p in (GDELT_EVENTS, GDELT_MENTIONS, ACLED)):
        print("skipped: ../shared not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        con = store.connect(Path(tmp) / "import.duckdb")
        try:
            jobs = [(importers.import_gdelt, GDELT_EVENTS), (importers.import_gdelt, GDELT_MENTIONS),
                    (importers.import_acled, ACLED)]
            for load, path in jobs:
                t0 = time.perf_counter()
                s = load(con, path)
                print(f"{path.name}: {s.events} events, {s.mentions} mentions, {s.documents} documents, "
                      f"{s.actors} new actors, {s.skipped} skipped, {s.unlinked_mentions} unlinked mentions "
                      f"({time.perf_counter() - t0:.2f} s)")
            for tally in (eval_acled(con), eval_gdelt_events(con), eval_gdelt_mentions(con)):
                tally.print()
            before = snapshot(con)
            for load, path in jobs:
                load(con, path)
            after = snapshot(con)
            print(f"\nre-import of all three files: {'identical row counts' if after == before else 'CHANGED'} "
                  f"{after}")
            origins = dict(con.execute("SELECT origin, count(*) FROM timeline GROUP BY 1").fetchall())
            print(f"timeline rows by origin: {origins}")
        finally:
            con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
