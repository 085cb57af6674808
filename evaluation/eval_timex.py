"""Evaluate the temporal tagger (``dateline.timex``) on the TimeML dev set.

Runs ``tag_file`` over ``../shared/corpora/timeml-dev.jsonl`` (TimeBank + AQUAINT
news with gold TIMEX3), scores the output with the shared TempEval-3 scorer
``../shared/tools/timex_eval.py`` in a subprocess and prints its figures, plus the
headline numbers the acceptance criteria name (value F1, relaxed/strict span F1,
type accuracy, DATE/TIME-only value F1). Exits 0 with "skipped" when ../shared is absent.

    .venv/bin/python evaluation/eval_timex.py [--errors N] [--gold PATH] [--narratives]

``--narratives`` scores the project's own held-out-style check set instead
(``tests/data/timex_narratives.jsonl``: war/history narratives and news in UK, future-tense
and holiday styles, hand-annotated by TimeML/TempEval-3 conventions).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))


def _filter_types(src: Path, dst: Path, types: set[str]) -> None:
    """Copy a JSONL timex file keeping only timexes of the given TIMEX3 types."""
    with open(src, encoding="utf-8") as fi, open(dst, "w", encoding="utf-8") as fo:
        for line in fi:
            if not line.strip():
                continue
            d = json.loads(line)
            d["timexes"] = [t for t in d.get("timexes", []) if (t.get("type") or "DATE") in types]
            fo.write(json.dumps(d) + "\n")


def _score(scorer: Path, gold: Path, system: Path, errors: int = 0) -> dict:
    args = [sys.executable, str(scorer), str(gold), str(system), "--json"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    res = json.loads(out)
    if errors:
        subprocess.run([sys.executable, str(scorer), str(gold), str(system), "--errors", str(errors)], check=True)
    return res


_ERR_LINE = re.compile(r"^\s+(?P<doc>\S+): gold=(?P<gt>None|'.*?'|\".*?\") (?P<gv>None|'.*?')  sys=(?P<st>None|'.*?'|\".*?\") (?P<sv>None|'.*?')$")


def _shape(value: str) -> str:
    """A value's shape, digits masked: ``1998-W12`` -> ``9999-W99``."""
    return re.sub(r"\d", "9", value.strip("'"))


def _error_classes(scorer: Path, gold: Path, system: Path, top: int) -> None:
    """Group the scorer's error list into classes and print the largest, each with an example."""
    err = subprocess.run([sys.executable, str(scorer), str(gold), str(system), "--errors", "100000"],
                         capture_output=True, text=True, check=True).stderr
    classes: dict[str, list[str]] = {}
    kind = ""
    for line in err.splitlines():
        if line.startswith("-- "):
            kind = line.split()[1]
            continue
        m = _ERR_LINE.match(line)
        if not m:
            continue
        if kind == "WRONG_VALUE":
            key = f"WRONG_VALUE gold {_shape(m['gv'])} -> sys {_shape(m['sv'])}"
        elif kind == "MISSED":
            key = f"MISSED gold value {_shape(m['gv'])}"
        else:
            key = f"SPURIOUS sys {m['st'].lower()} {_shape(m['sv'])}"
        classes.setdefault(key, []).append(line.strip())
    print(f"largest error classes (of {sum(len(v) for v in classes.values())} errors):")
    for key, lines in sorted(classes.items(), key=lambda kv: -len(kv[1]))[:top]:
        print(f"  {len(lines):4d}  {key}   e.g. {lines[0]}")


def _lowered(src: Path, dst: Path) -> Path:
    """A copy of a gold JSONL file with every text lower-cased (offsets kept: only
    documents whose length lower-casing keeps are written)."""
    with open(src, encoding="utf-8") as fi, open(dst, "w", encoding="utf-8") as fo:
        for line in fi:
            if not line.strip():
                continue
            d = json.loads(line)
            if len(d["text"].lower()) != len(d["text"]):
                continue
            d["text"] = d["text"].lower()
            for t in d.get("timexes", []):
                if t.get("text"):
                    t["text"] = t["text"].lower()
            fo.write(json.dumps(d) + "\n")
    return dst


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=None, help="gold JSONL (default: ../shared/corpora/timeml-dev.jsonl)")
    ap.add_argument("--out", default=None, help="system output JSONL (default: evaluation/out/timex-<set>.sys.jsonl)")
    ap.add_argument("--narratives", action="store_true", help="score tests/data/timex_narratives.jsonl")
    ap.add_argument("--errors", type=int, default=0, help="print N error examples per kind (scorer)")
    ap.add_argument("--classes", type=int, default=0, help="print the N largest error classes with an example")
    ap.add_argument("--lower", action="store_true",
                    help="score the same documents lower-cased (text without capitals, as in some news archives)")
    args = ap.parse_args()
    default_gold = ROOT / "tests" / "data" / "timex_narratives.jsonl" if args.narratives else SHARED / "corpora" / "timeml-dev.jsonl"
    gold, scorer = Path(args.gold or default_gold), SHARED / "tools" / "timex_eval.py"
    if args.out is None:
        args.out = str(ROOT / "evaluation" / "out" / f"timex-{'narratives' if args.narratives else 'dev'}.sys.jsonl")
    if not gold.exists() or not scorer.exists():
        print("skipped: ../shared not found")
        return 0
    from dateline.timex import tag_file

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if args.lower:
        out = out.with_name(out.name.replace(".sys.", ".lower.sys."))
        gold = _lowered(gold, out.with_name(out.name.replace(".sys.", ".gold.")))
    t0 = time.perf_counter()
    n = tag_file(gold, out)
    dt = time.perf_counter() - t0
    print(f"tagged {n} docs in {dt:.2f}s -> {out}")
    res = _score(scorer, gold, out, args.errors)
    allr = res["all"]
    # DATE/TIME-only value F1, computed here by filtering gold and system to DATE/TIME
    g2, s2 = out.with_suffix(".gold-dt.jsonl"), out.with_suffix(".sys-dt.jsonl")
    _filter_types(gold, g2, {"DATE", "TIME"})
    _filter_types(out, s2, {"DATE", "TIME"})
    dtr = _score(scorer, g2, s2)["all"]
    print(f"gold={allr['gold']} system={allr['system']}")
    print(f"value F1            {100 * allr['value']['f']:6.2f}   (HeidelTime 2.2.1: 77.37, search_dates: 26.87)")
    print(f"relaxed span F1     {100 * allr['relaxed']['f']:6.2f}   (P {100 * allr['relaxed']['p']:.2f} R {100 * allr['relaxed']['r']:.2f})")
    print(f"strict span F1      {100 * allr['strict']['f']:6.2f}")
    print(f"type accuracy       {100 * allr['type_accuracy']:6.2f}   (type F1 {100 * allr['type']['f']:.2f})")
    print(f"value accuracy      {100 * allr['value_accuracy']:6.2f}")
    print(f"DATE/TIME value F1  {100 * dtr['value']['f']:6.2f}   (gold {dtr['gold']}, system {dtr['system']})")
    print("per gold type:", json.dumps({k: {kk: round(vv, 3) for kk, vv in v.items()} for k, v in allr["per_gold_type"].items()}))
    if args.classes:
        _error_classes(scorer, gold, out, args.classes)
    if not args.narratives and args.gold is None and not args.lower:
        ok = allr["value"]["f"] >= 0.80 and allr["relaxed"]["f"] >= 0.92
        print("ACCEPTANCE (value F1 >= 80, relaxed span F1 >= 92):", "PASS" if ok else "FAIL")
    return 0


if __name__ == "__main__":
    sys.exit(main())
