#!/usr/bin/env python3
"""Score a whole `dateline run` against a story's hand-written gold events.

    python evaluation/eval_story.py                                   # the bundled Wagner story
    python evaluation/eval_story.py --articles tests/data/general --gold tests/data/general/gold.json

Gold (`gold.json`): a list of `{file, event_type, source_actor, target_actor, date_start,
date_end, granularity, evidence}`, written by reading the articles, independently of the
extractor. A gold event is *found* when a mention in that article's sentence holding the
evidence has the same event type and actors (either order for symmetric types); it is
*dated* when the found mention's interval lies inside the gold interval, *exact* when
equal. Prints recall of events, dating accuracy and the misses.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline import pipeline, store  # noqa: E402
from dateline.tables import SYMMETRIC_TYPES  # noqa: E402


def score(articles: Path, gold_path: Path, actors: list[Path]) -> dict:
    gold = json.loads(gold_path.read_text())
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "eval.duckdb"
        pipeline.run([articles], db=db, actor_files=actors)
        con = store.connect(db, read_only=True)
        rows = con.execute(
            """SELECT d.path, m.sentence, m.event_type, m.source_actor, m.target_actor,
                      CAST(m.date_start AS VARCHAR), CAST(m.date_end AS VARCHAR), m.granularity
               FROM mentions m JOIN documents d USING (doc_id)""").fetchall()
        n_mentions = len(rows)
        con.close()
    found = dated = exact = 0
    misses = []
    for g in gold:
        cands = [r for r in rows if Path(r[0]).name == g["file"] and g["evidence"] in r[1]]
        want = {g["source_actor"], g["target_actor"]} - {None}

        def actors_ok(r) -> bool:
            if g["event_type"] in SYMMETRIC_TYPES:
                return {r[3], r[4]} - {None} == want
            return (r[3], r[4]) == (g["source_actor"], g["target_actor"])

        hits = [r for r in cands if r[2] == g["event_type"] and actors_ok(r)]
        if not hits:
            got = [(r[2], r[3], r[4]) for r in cands]
            misses.append(f"MISS  {g['file']}: {g['event_type']} {g['source_actor']} -> {g['target_actor']}"
                          f" | got {got or 'no event in that sentence'}")
            continue
        found += 1
        ok = [r for r in hits if r[5] and g["date_start"] <= r[5] <= r[6] <= g["date_end"]]
        if ok:
            dated += 1
            exact += any((r[5], r[6]) == (g["date_start"], g["date_end"]) for r in ok)
        else:
            misses.append(f"DATE  {g['file']}: {g['event_type']} {g['source_actor']} gold "
                          f"{g['date_start']}..{g['date_end']} got {[(r[5], r[6]) for r in hits]}")
    n = len(gold)
    return {"gold": n, "found": found, "dated": dated, "exact": exact, "mentions": n_mentions, "misses": misses}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=ROOT / "data/wagner_mutiny/articles")
    ap.add_argument("--gold", type=Path, default=ROOT / "data/wagner_mutiny/gold.json")
    ap.add_argument("--actors", type=Path, action="append", default=None)
    args = ap.parse_args(argv)
    actors = args.actors if args.actors is not None else pipeline.find_actor_files([args.articles])
    r = score(args.articles, args.gold, actors)
    for line in r["misses"]:
        print(line)
    n = r["gold"]
    print(f"gold events {n}  mentions extracted {r['mentions']}")
    print(f"found (type + actors) {r['found']}/{n} = {100 * r['found'] / n:.1f}%")
    print(f"dated inside gold interval {r['dated']}/{n} = {100 * r['dated'] / n:.1f}%"
          f"  (exact {100 * r['exact'] / n:.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
