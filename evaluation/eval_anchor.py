"""Evaluate event dating (``dateline.dating``) on the anchor task.

Runs ``dateline.dating`` over ``../shared/corpora/anchor-timebank-dev.jsonl`` and scores
the result with the shared scorer (``../shared/tools/anchor_eval.py``, run as a
subprocess so the figure is the official one). Also prints the publication-date (DCT)
baseline measured by the same scorer, and breakdowns of accuracy by gold granularity
and by ``date_method``.

Time expressions come from the system tagger (``dateline.timex.tag``) by default; with
``--gold-timexes`` they come from the gold TIMEX3 annotation of the same documents in
``timeml-dev.jsonl`` (an oracle, to separate dating errors from tagging errors).

    .venv/bin/python evaluation/eval_anchor.py [--gold-timexes] [--errors N] [--out PRED.jsonl]
                                               [--set TUNABLE=VALUE ...]

``--set`` overrides a tunable of ``dateline.dating`` for this run (``--set OFFSET_CUES=False
--set NARRATIVE_MAX_SENTENCES=1``), so each rule can be measured on and off.

Exits 0 with "skipped: ../shared not found" when the shared corpora are absent.
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "corpora" / "anchor-timebank-dev.jsonl"
TIMEML = SHARED / "corpora" / "timeml-dev.jsonl"
SCORER = SHARED / "tools" / "anchor_eval.py"

sys.path.insert(0, str(ROOT / "src"))

from dateline import dating  # noqa: E402
from dateline.dating import anchor_record  # noqa: E402
from dateline.intervals import value_to_interval  # noqa: E402
from dateline.models import Timex  # noqa: E402


def gold_timexes(path: Path) -> dict[str, list[Timex]]:
    """Gold TIMEX3 annotations per doc_id, as ``Timex`` records with intervals."""
    out: dict[str, list[Timex]] = {}
    for line in open(path, encoding="utf-8"):
        rec = json.loads(line)
        dct = date.fromisoformat(rec["dct"][:10]) if rec.get("dct") else None
        items = []
        for t in rec["timexes"]:
            iv = value_to_interval(t["value"], dct) if t["type"] in ("DATE", "TIME") else None
            items.append(
                Timex(
                    start=t["start"], end=t["end"], text=t["text"], type=t["type"], value=t["value"],
                    date_start=iv.date_start if iv else None, date_end=iv.date_end if iv else None,
                    granularity=iv.granularity if iv else None,
                    time_start=iv.time_start if iv else None, time_end=iv.time_end if iv else None,
                )
            )
        out[rec["doc_id"]] = items
    return out


def set_tunables(pairs: list[str]) -> None:
    """Apply ``NAME=VALUE`` overrides (Python literals) to ``dateline.dating``'s tunables."""
    for pair in pairs:
        name, _, value = pair.partition("=")
        if not name.isupper() or not hasattr(dating, name):
            raise SystemExit(f"--set: {name!r} is not a tunable of dateline.dating")
        setattr(dating, name, ast.literal_eval(value))


def run_scorer(pred: Path | None) -> str:
    """The shared scorer's output (``--dct`` baseline when ``pred`` is None)."""
    args = [sys.executable, str(SCORER), str(GOLD), str(pred) if pred else "--dct"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()


def inside(pred: dict, gold: dict) -> bool:
    s, t = pred.get("date_start"), pred.get("date_end")
    return bool(s and t) and gold["date_start"] <= s <= t <= gold["date_end"]


def breakdown(golds: list[dict], preds: dict[str, dict]) -> None:
    """Accuracy by gold granularity and by date_method."""
    by_gran: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_method: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for g in golds:
        for e in g["events"]:
            p = preds.get(e["id"], {})
            ok = inside(p, e["gold"])
            for table, key in ((by_gran, e["gold"]["granularity"]), (by_method, p.get("date_method", "missing"))):
                table[key][0] += ok
                table[key][1] += 1
    for title, table in (("gold granularity", by_gran), ("date_method", by_method)):
        print(f"by {title}:")
        for key, (ok, n) in sorted(table.items(), key=lambda kv: -kv[1][1]):
            print(f"  {key:26s} {ok:5d}/{n:<5d} {100 * ok / n:5.1f}%")


def show_errors(golds: list[dict], preds: dict[str, dict], limit: int) -> None:
    kinds: Counter = Counter()
    shown = 0
    for g in golds:
        dct = g["dct"][:10]
        for e in g["events"]:
            p = preds.get(e["id"], {})
            if inside(p, e["gold"]):
                continue
            gd = e["gold"]
            kind = ("gold=DCT" if gd["date_start"] == gd["date_end"] == dct else "gold=timex") + "/" + p.get("date_method", "?")
            kinds[kind] += 1
            if shown < limit:
                shown += 1
                a = max(0, e["start"] - 160)
                ctx = g["text"][a:e["start"]] + "[[" + e["text"] + "]]" + g["text"][e["end"]:e["end"] + 100]
                print(f"--- {e['id']} dct={dct} gold={gd['date_start']}..{gd['date_end']} "
                      f"pred={p.get('date_start')}..{p.get('date_end')} {p.get('date_method')} {p.get('time_text')!r}")
                print("   ", " ".join(ctx.split()))
    print("error kinds:", dict(kinds.most_common()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold-timexes", action="store_true", help="use gold TIMEX3s (oracle) instead of the tagger")
    ap.add_argument("--errors", type=int, default=0, help="print the first N errors")
    ap.add_argument("--out", type=Path, default=None, help="keep the predictions here")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="override a dateline.dating tunable for this run (repeatable)")
    args = ap.parse_args(argv)
    set_tunables(args.set)
    if not GOLD.exists() or not SCORER.exists():
        print("skipped: ../shared not found")
        return 0

    golds = [json.loads(line) for line in open(GOLD, encoding="utf-8")]
    oracle = gold_timexes(TIMEML) if args.gold_timexes else None
    if oracle is None:
        try:
            import dateline.timex  # noqa: F401
        except ImportError as exc:
            print(f"skipped: the system tagger is not available ({exc}); try --gold-timexes")
            return 0
    t0 = time.perf_counter()
    out_recs = [anchor_record(g, oracle.get(g["doc_id"], []) if oracle is not None else None) for g in golds]
    elapsed = time.perf_counter() - t0
    n_events = sum(len(r["events"]) for r in out_recs)

    out = args.out or Path(tempfile.mkdtemp(prefix="eval_anchor_")) / "pred.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        for r in out_recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    print(f"timexes: {'gold (oracle)' if oracle is not None else 'system (dateline.timex.tag)'}")
    print(f"dated {n_events} events in {elapsed:.2f}s ({n_events / max(elapsed, 1e-9):.0f}/s incl. tagging)")
    print("DCT baseline:", run_scorer(None).replace("\n", " | "))
    print("dateline    :", run_scorer(out).replace("\n", " | "))
    preds = {e["id"]: e for r in out_recs for e in r["events"]}
    breakdown(golds, preds)
    if args.errors:
        show_errors(golds, preds, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
