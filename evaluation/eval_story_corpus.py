#!/usr/bin/env python3
"""One story, many articles: run dateline end to end on the India Police Events corpus.

    python evaluation/eval_story_corpus.py [--workers 2]

Reads ``../shared/corpora/story-indiapoliceevents-dev.jsonl`` (621 Times of India articles,
March 2002, lower-cased text; skipped cleanly when absent) through ``dateline run`` and
reports: articles, events, merged events (events with more than one mention), mentions
per event, how events were dated, wall time and words/s. The corpus labels each sentence
with police actions (ARREST, KILL, FORCE, ...); as a check of event detection at volume,
it also scores sentences where dateline finds an arrest / killing / use of force against
those labels (sentence-level precision and recall).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "corpora" / "story-indiapoliceevents-dev.jsonl"

#: dateline event types that correspond to the corpus's police-action labels
LABEL_TYPES = {"ARREST": {"arrest"}, "KILL": {"kill"}, "FORCE": {"attack", "kill", "assault", "repress"}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"skipped: {args.corpus} not found (../shared absent)")
        return 0
    from dateline import pipeline, store

    records = [json.loads(line) for line in args.corpus.open()]
    words = sum(len(r["text"].split()) for r in records)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ipe.duckdb"
        t0 = time.perf_counter()
        summary = pipeline.run([args.corpus], db=db, workers=args.workers)
        wall = time.perf_counter() - t0
        con = store.connect(db, read_only=True)
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        n_events, n_mentions = q("SELECT count(*) FROM events")[0][0], q("SELECT count(*) FROM mentions")[0][0]
        merged = q("SELECT count(*) FROM events WHERE n_mentions > 1")[0][0]
        multi_source = q("SELECT count(*) FROM events WHERE n_sources > 1")[0][0]
        methods = q("SELECT date_method, count(*) FROM mentions GROUP BY 1 ORDER BY 2 DESC")
        types = q("SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC LIMIT 12")
        found = q("SELECT doc_id, char_start, char_end, event_type FROM mentions")
        con.close()
    print(f"articles {summary.read} (skipped {summary.failed})  words {words:,}")
    print(f"wall time {wall:.1f} s  ({words / wall:,.0f} words/s, workers={args.workers})")
    print(f"events {n_events}  mentions {n_mentions}  mentions/event {n_mentions / max(n_events, 1):.2f}")
    print(f"merged events (>1 mention) {merged}  reported by >1 article {multi_source}")
    print("date methods: " + ", ".join(f"{m} {c}" for m, c in methods))
    print("top event types: " + ", ".join(f"{t} {c}" for t, c in types))
    # sentence-level agreement with the police-action labels
    by_doc: dict[str, list[tuple[int, int, str]]] = {}
    for doc, s, e, t in found:
        by_doc.setdefault(str(doc), []).append((s, e, t))
    for label, etypes in LABEL_TYPES.items():
        tp = fp = fn = 0
        for r in records:
            ms = by_doc.get(str(r["doc_id"]), [])
            for sent in r["sentences"]:
                a, b = sent["span"]
                pred = any(t in etypes and s < b and a < e for s, e, t in ms)
                gold = label in sent["labels"]
                tp += pred and gold
                fp += pred and not gold
                fn += gold and not pred
        p = tp / (tp + fp) if tp + fp else 0.0
        rcl = tp / (tp + fn) if tp + fn else 0.0
        print(f"sentences labelled {label}: precision {100 * p:.1f}  recall {100 * rcl:.1f}  (tp {tp}, fp {fp}, fn {fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
