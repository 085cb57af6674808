"""Golden snapshot of the per-article outputs, to prove speed work changes nothing.

Runs ``process_article`` over the Wagner story articles, ``tests/data/general*``, the
first 150 docs of the India police events dev corpus and the first 100 TimeML dev docs
(each with its dct), and dumps every timex and mention (all fields) as JSON.

    .venv/bin/python benchmarks/golden_outputs.py benchmarks/out/golden.json          # write
    .venv/bin/python benchmarks/golden_outputs.py --check benchmarks/out/golden.json  # compare

``--check`` prints the first differing record per document and exits 1 when anything
differs. Snapshots hold sentences of the ../shared corpora: keep them under
``benchmarks/out/`` (not committed). Corpora under ../shared are skipped when absent.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared" / "corpora"


def _plain(v):
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v


def _record(obj) -> dict:
    return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def _articles():
    from dateline.ingest import iter_articles
    from dateline.models import Article
    from dateline.pipeline import find_actor_files

    sources = [ROOT / "data" / "wagner_mutiny" / "articles"] + sorted((ROOT / "tests" / "data").glob("general*"))
    for src in sources:
        actor_files = find_actor_files([src])
        for a in iter_articles([src]):
            if isinstance(a, Article):
                yield f"{src.relative_to(ROOT)}:{a.doc_id}", a, actor_files
    for name, n in (("story-indiapoliceevents-dev.jsonl", 150), ("timeml-dev.jsonl", 100)):
        path = SHARED / name
        if not path.exists():
            continue
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()][:n]
        for k, line in enumerate(lines):
            d = json.loads(line)
            dct = datetime.fromisoformat(d["dct"][:10]) if d.get("dct") else None
            yield f"{name}:{k}", Article(str(d.get("doc_id", k)), name, d["text"], dct), []


def snapshot() -> dict:
    from dateline.pipeline import load_actors, process_article

    actor_cache: dict[tuple, object] = {}
    out: dict[str, dict] = {}
    for key, art, files in _articles():
        if tuple(files) not in actor_cache:
            actor_cache[tuple(files)] = load_actors(files)
        idx = actor_cache[tuple(files)]
        res = process_article(art, idx)
        out[key] = {"timexes": [_record(t) for t in res.timexes],
                    "mentions": [_record(m) for m in res.mentions]}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?")
    ap.add_argument("--check")
    args = ap.parse_args()
    snap = json.loads(json.dumps(snapshot()))
    if args.check:
        gold = json.loads(Path(args.check).read_text(encoding="utf-8"))
        diffs = 0
        for key in sorted(set(gold) | set(snap)):
            if gold.get(key) != snap.get(key):
                diffs += 1
                g, s = gold.get(key) or {}, snap.get(key) or {}
                for part in ("timexes", "mentions"):
                    gl, sl = g.get(part, []), s.get(part, [])
                    if gl != sl:
                        print(f"{key} {part}: {len(gl)} -> {len(sl)}")
                        for k in range(max(len(gl), len(sl))):
                            a = gl[k] if k < len(gl) else None
                            b = sl[k] if k < len(sl) else None
                            if a != b:
                                if a and b:
                                    print("   ", k, {f: (a[f], b.get(f)) for f in a if a[f] != b.get(f)})
                                else:
                                    print("   ", k, a, "->", b)
                                break
        n = sum(len(v["timexes"]) + len(v["mentions"]) for v in snap.values())
        print(f"{len(snap)} docs, {n} records: {'IDENTICAL' if not diffs else f'{diffs} docs differ'}")
        return 1 if diffs else 0
    Path(args.out).write_text(json.dumps(snap, indent=0, sort_keys=True), encoding="utf-8")
    print(f"wrote {args.out}: {len(snap)} docs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
