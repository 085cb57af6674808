"""Score dateline's event coder against human-coded event sentences.

1. PLOVER (``../shared/corpora/events-plover-gsr-dev.jsonl``, one gold event per
   sentence): *coverage* = share of sentences where dateline finds an event with a
   PLOVER type; *type accuracy* = share of those where the main event's type is the gold
   type; *actor accuracy* = source / target right (canonical name close to the gold
   text, or the actor's country equal to the gold country code).
   The gold uses PLOVER 0.5b1 names; dateline writes the later PLOVER names of the
   CAMEO->PLOVER reference table. The version crosswalk (DEMAND->REQUEST,
   DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT: the later version merged these) is
   applied to the gold; the strict (no crosswalk) figure is printed too.
2. CAMEO (``events-petr2-gsr-dev.jsonl``): agreement of the CAMEO root code (first two
   digits) of the main event with any gold event of the sentence, and coverage.
3. The bundled story's gold events (``data/wagner_mutiny/gold.json``, written by the
   project, not held out): found with the gold type, and with type, actors and dates.

No publication date is passed (the corpora have none usable). The main event of a
sentence is the mention with the highest salience (not embedded, verbal, with actors).

    .venv/bin/python evaluation/eval_plover.py [--errors N]

The PLOVER scores are printed a second time for the same sentences lower-cased.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT / "src"))

from dateline import events  # noqa: E402
from dateline.actors import ActorIndex  # noqa: E402
from dateline.models import Article, Mention, Segment  # noqa: E402

CROSSWALK = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def run(text: str, idx: ActorIndex, doc_id: str) -> list[Mention]:
    art = Article(doc_id, doc_id, text, None)
    return events.extract(art, [Segment(0, len(text))], [], idx)


def main_event(ms: list[Mention], need_plover: bool = True) -> Mention | None:
    cands = [m for m in ms if (m.plover_type if need_plover else m.cameo_code)]
    if not cands:
        return None
    return max(cands, key=lambda m: (m.extra.get("salience", 0.0), -m.trigger_start))


def actor_ok(pred: str | None, gold: list[dict], idx: ActorIndex) -> bool:
    if not gold:
        return pred is None
    if pred is None:
        return False
    a = idx.actor(pred)
    country = a.country if a else None
    for g in gold:
        text = (g.get("text") or "").lower()
        code = (g.get("code") or "")[:3]
        if country and code and country == code:
            return True
        if text and (fuzz.token_set_ratio(pred.lower(), text) >= 80 or fuzz.partial_ratio(pred.lower(), text) >= 90):
            return True
    return False


def eval_plover(path: Path, errors: int, lower: bool = False) -> dict:
    """PLOVER scores; ``lower=True`` codes the lower-cased sentences (robustness to text
    without capitals, as in some news archives), gold unchanged."""
    idx = ActorIndex.load([])
    n = found = right = strict = any_right = src_ok = tgt_ok = both_ok = 0
    confusion: Counter = Counter()
    misses: list[str] = []
    words = 0
    t0 = time.perf_counter()
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        gold = rec["events"][0]
        gtype = gold["event_type"]
        n += 1
        words += len(rec["text"].split())
        ms = run(rec["text"].lower() if lower else rec["text"], idx, rec["id"])
        m = main_event(ms)
        if m is None:
            misses.append(f"MISS {gtype}: {rec['text'][:150]}")
            continue
        found += 1
        ok = CROSSWALK.get(gtype, gtype) == m.plover_type
        right += ok
        strict += gtype == m.plover_type
        any_right += any(CROSSWALK.get(gtype, gtype) == x.plover_type for x in ms)
        if not ok:
            confusion[(gtype, m.plover_type)] += 1
            misses.append(f"WRONG {gtype}->{m.plover_type} [{m.trigger}]: {rec['text'][:150]}")
        s = actor_ok(m.source_actor, gold["source"], idx)
        if not gold["target"] and len(gold["source"]) >= 2:
            # compound/reciprocal actor ("A and B agreed"): dateline writes the dyad A -> B
            t = m.target_actor is None or actor_ok(m.target_actor, gold["source"], idx)
        else:
            t = actor_ok(m.target_actor, gold["target"], idx)
        if ok and not (s and t):
            misses.append(f"ACTOR {m.source_actor} -> {m.target_actor} | gold {[g['text'] for g in gold['source']]} -> "
                          f"{[g['text'] for g in gold['target']]} [{m.trigger}]: {rec['text'][:110]}")
        src_ok += s
        tgt_ok += t
        both_ok += s and t
    secs = time.perf_counter() - t0
    res = {
        "sentences": n, "coverage": found / n, "type_accuracy": right / max(found, 1),
        "type_accuracy_strict_names": strict / max(found, 1), "any_event_has_gold_type": any_right / max(found, 1),
        "source_accuracy": src_ok / max(found, 1), "target_accuracy": tgt_ok / max(found, 1),
        "source_and_target_accuracy": both_ok / max(found, 1), "words_per_second": words / secs,
    }
    if errors:
        print("confusions (gold -> dateline):", confusion.most_common(12))
        for e in misses[:errors]:
            print("  ", e)
    return res


def eval_cameo(path: Path, errors: int) -> dict:
    idx = ActorIndex.load([])
    n = found = right = 0
    misses: list[str] = []
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        codes = [e["event_code"] for e in rec["events"] if e.get("event_code")]
        if rec.get("noevent") or not codes:
            continue
        n += 1
        m = main_event(run(rec["text"], idx, rec["id"]), need_plover=False)
        if m is None:
            misses.append(f"MISS {codes}: {rec['text'][:140]}")
            continue
        found += 1
        ok = any(c[:2] == m.cameo_code[:2] for c in codes)
        right += ok
        if not ok:
            misses.append(f"WRONG {codes}->{m.cameo_code} [{m.trigger}]: {rec['text'][:140]}")
    if errors:
        for e in misses[:errors]:
            print("  ", e)
    return {"sentences": n, "coverage": found / max(n, 1), "root_agreement": right / max(found, 1)}


def eval_story(root: Path) -> dict:
    """Bundled story gold (``data/<story>/gold.json``): events found with type, actors and dates."""
    from datetime import datetime

    import frontmatter

    from dateline import clean, timex

    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    idx = ActorIndex.load([root / "actors.csv"])
    cache: dict[str, list[Mention]] = {}
    exact = typed = 0
    for g in gold:
        f = g["file"]
        if f not in cache:
            post = frontmatter.loads((root / "articles" / f).read_text(encoding="utf-8"))
            pub = post["published"]
            pub = pub if isinstance(pub, datetime) else datetime.fromisoformat(str(pub))
            art = Article(f, f, post.content, pub)
            segs = clean.clean(art)
            tx = timex.tag(art.text, pub, spans=clean.kept_spans(segs))
            cache[f] = events.extract(art, segs, tx, idx)
        cands = [m for m in cache[f] if g["evidence"] in m.sentence and m.event_type == g["event_type"]]
        typed += bool(cands)
        exact += any(m.source_actor == g["source_actor"] and m.target_actor == g["target_actor"]
                     and str(m.date_start) == g["date_start"] and str(m.date_end) == g["date_end"] for m in cands)
    return {"events": len(gold), "exact": exact, "type_found": typed}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors")
    args = ap.parse_args()
    plover, petr = SHARED / "events-plover-gsr-dev.jsonl", SHARED / "events-petr2-gsr-dev.jsonl"
    if not plover.is_file():
        print("skipped: ../shared not found")
        return 0
    p = eval_plover(plover, args.errors)
    print(f"PLOVER GSR dev: {p['sentences']} sentences")
    print(f"  coverage (an event found)         {p['coverage']:.1%}")
    print(f"  PLOVER type accuracy (crosswalk)  {p['type_accuracy']:.1%}   [strict names {p['type_accuracy_strict_names']:.1%}; any event right {p['any_event_has_gold_type']:.1%}]")
    print(f"  actor accuracy: source {p['source_accuracy']:.1%}  target {p['target_accuracy']:.1%}  both {p['source_and_target_accuracy']:.1%}")
    print(f"  speed {p['words_per_second']:.0f} words/s (events only, cold start included)")
    ok = p["type_accuracy"] >= 0.75 and p["coverage"] >= 0.60
    print(f"  ACCEPTANCE (>=75% type accuracy at >=60% coverage): {'PASS' if ok else 'FAIL'}")
    lo = eval_plover(plover, 0, lower=True)
    print(f"  same sentences lower-cased: coverage {lo['coverage']:.1%}  type accuracy {lo['type_accuracy']:.1%}  "
          f"actor accuracy: source {lo['source_accuracy']:.1%}  target {lo['target_accuracy']:.1%}  both {lo['source_and_target_accuracy']:.1%}")
    story = ROOT / "data" / "wagner_mutiny"
    if (story / "gold.json").is_file():
        st = eval_story(story)
        print(f"Story gold ({story.relative_to(ROOT)}): {st['events']} events")
        print(f"  type found {st['type_found']}/{st['events']}   type+actors+dates exact {st['exact']}/{st['events']}")
    if petr.is_file():
        c = eval_cameo(petr, args.errors)
        print(f"PETRARCH-2 GSR dev: {c['sentences']} sentences with a gold code")
        print(f"  coverage {c['coverage']:.1%}   CAMEO root agreement {c['root_agreement']:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
