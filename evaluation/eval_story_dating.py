#!/usr/bin/env python3
"""Score event dating alone on a story, one trigger at a time, independently of extraction.

``eval_story.py`` only counts the dating of events the extractor found with the right type
and actors, so a dating fix on a missed event does not show there. This script dates hand-
picked triggers directly: each item of the dating gold (``data/<story>/dating_gold.json``,
written by reading the articles: ``{file, evidence, trigger, date_start, date_end}``) names
a trigger word inside an evidence phrase; the article goes through ingest -> clean -> timex
exactly as in the pipeline, and ``dating.date_event`` dates the trigger in its kept sentence.
An item is *dated* when the predicted interval lies inside the gold interval.

    .venv/bin/python evaluation/eval_story_dating.py [--gold G.json] [--articles DIR] [--errors]
                                                     [--set TUNABLE=VALUE ...]

``--set`` overrides a tunable of ``dateline.dating`` as in ``eval_anchor.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline import clean, dating, ingest, timex  # noqa: E402
from dateline import sentences as _sentences  # noqa: E402
from dateline.models import Article  # noqa: E402
from eval_anchor import set_tunables  # noqa: E402


def _load(folder: Path, name: str) -> Article:
    items = [a for a in ingest.read_articles(folder / name) if isinstance(a, Article)]
    if not items:
        raise SystemExit(f"cannot read article {name}")
    return items[0]


def _kept_sentence(text: str, kept: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence holding ``pos``, clipped to its kept segment (as ``events.extract`` does)."""
    spans = _sentences.split(text)
    a, b = spans[_sentences.sentence_of(spans, pos)] if spans else (0, len(text))
    for k0, k1 in kept:
        if k0 <= pos < k1:
            a, b = max(a, k0), min(b, k1)
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def score(articles: Path, gold: list[dict]) -> tuple[int, int, list[str], Counter]:
    cache: dict[str, tuple[Article, list, list]] = {}
    ok = 0
    errors: list[str] = []
    methods: Counter = Counter()
    for g in gold:
        if g["file"] not in cache:
            art = _load(articles, g["file"])
            kept = clean.kept_spans(clean.clean(art))
            cache[g["file"]] = (art, kept, timex.tag(art.text, art.published, spans=kept))
        art, kept, tx = cache[g["file"]]
        at = art.text.find(g["evidence"])
        if at < 0:
            raise SystemExit(f"evidence not found in {g['file']}: {g['evidence']!r}")
        ts = art.text.index(g["trigger"], at)
        te = ts + len(g["trigger"])
        a = dating.date_event(art.text, art.published, ts, te, tx, sentence=_kept_sentence(art.text, kept, ts))
        s = a.date_start.isoformat() if a.date_start else None
        e = a.date_end.isoformat() if a.date_end else None
        good = bool(s and e) and g["date_start"] <= s <= e <= g["date_end"]
        ok += good
        methods[(a.method, good)] += 1
        if not good:
            errors.append(f"{g['file'][:2]} {g['trigger']!r} in {g['evidence']!r}: "
                          f"gold {g['date_start']}..{g['date_end']} got {s}..{e} {a.method} {a.time_text!r}")
    return ok, len(gold), errors, methods


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=ROOT / "data/wagner_mutiny/articles")
    ap.add_argument("--gold", type=Path, default=ROOT / "data/wagner_mutiny/dating_gold.json")
    ap.add_argument("--errors", action="store_true", help="print every wrongly dated trigger")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="override a dateline.dating tunable for this run (repeatable)")
    args = ap.parse_args(argv)
    set_tunables(args.set)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    ok, n, errors, methods = score(args.articles, gold)
    if args.errors:
        for line in errors:
            print(line)
    for (method, good), k in sorted(methods.items()):
        print(f"  {method:26s} {'ok   ' if good else 'wrong'} {k}")
    print(f"triggers dated inside gold interval {ok}/{n} = {100 * ok / n:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
