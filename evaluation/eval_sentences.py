"""Evaluate the sentence splitter (``dateline.sentences.split``) against gold sentence spans.

Gold: ``../shared/corpora/story-indiapoliceevents-dev.jsonl`` (news articles with their
``sentences[].span``; much of that text is lower-cased, which a capital-letter rule alone
would not split). A boundary is a sentence end offset; predicted and gold ends are
compared after skipping whitespace, and the script prints boundary precision, recall,
F1 and the share of gold sentences reproduced exactly, plus the speed.

    .venv/bin/python evaluation/eval_sentences.py [--errors N]

Exits 0 with "skipped: ../shared not found" when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "corpora" / "story-indiapoliceevents-dev.jsonl"
sys.path.insert(0, str(ROOT / "src"))

from dateline.sentences import split  # noqa: E402


def _norm(text: str, i: int) -> int:
    """Offset ``i`` moved back over whitespace (so "end" and "end " compare equal)."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=0, help="print N missed/extra boundaries")
    args = ap.parse_args(argv)
    if not GOLD.exists():
        print("skipped: ../shared not found")
        return 0
    docs = [json.loads(line) for line in open(GOLD, encoding="utf-8")]
    tp = fp = fn = exact = n_gold = 0
    shown = 0
    t0 = time.perf_counter()
    preds = [split(d["text"]) for d in docs]
    elapsed = time.perf_counter() - t0
    for d, pred in zip(docs, preds):
        text = d["text"]
        gold_spans = [tuple(s["span"]) for s in d["sentences"]]
        g_ends = {_norm(text, e) for _, e in gold_spans[:-1]}
        p_ends = {_norm(text, e) for _, e in pred[:-1]}
        tp += len(g_ends & p_ends)
        fp += len(p_ends - g_ends)
        fn += len(g_ends - p_ends)
        pset = {(s, _norm(text, e)) for s, e in pred}
        exact += sum((s, _norm(text, e)) in pset for s, e in gold_spans)
        n_gold += len(gold_spans)
        for kind, ends in (("missed", g_ends - p_ends), ("extra", p_ends - g_ends)):
            for e in sorted(ends):
                if shown < args.errors:
                    shown += 1
                    print(f"{kind:6s} {d['doc_id']}: {text[max(0, e - 60):e]!r} || {text[e:e + 40]!r}")
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    f = 2 * p * r / max(p + r, 1e-9)
    chars = sum(len(d["text"]) for d in docs)
    print(f"docs {len(docs)}  gold sentences {n_gold}")
    print(f"boundaries: precision {100 * p:.1f}  recall {100 * r:.1f}  F1 {100 * f:.1f}")
    print(f"gold sentences reproduced exactly: {100 * exact / max(n_gold, 1):.1f}%")
    print(f"speed: {chars / max(elapsed, 1e-9) / 1e6:.1f} M chars/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
