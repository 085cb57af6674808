#!/usr/bin/env python3
"""Peak memory of ``dateline run`` on a large JSONL feed, against reading the same file with json.loads.

    .venv/bin/python benchmarks/bench_memory.py                  # 20 MB feed (~2-5 min on one core)
    .venv/bin/python benchmarks/bench_memory.py --size-mb 20 80 -j 2  # does the peak grow with the feed?
    .venv/bin/python benchmarks/bench_memory.py --size-mb 1024 -j 2 --trace 30  # the issue's 1 GB case (~40 min)

Generates a feed of synthetic news articles (generic sentence templates, invented names,
dates spread over two years, ~3 kB each), then runs, each in its own subprocess:

* baseline: the same Python reading the feed line by line with ``json.loads``;
* ``dateline run --db <tmp> <feed>`` (streamed in batches, one transaction).

Peak RSS of each is the kernel's high-water mark (VmHWM) of that process, polled from
/proc while it runs, plus that of its process-pool workers (``-j``). Printed: sizes, wall times, peak RSS,
and the ratio of the two peaks. Memory is bounded when the peak does not grow with the
feed size: run it at two sizes and compare (tests/test_robustness.py does so, small).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

_SYL = ["ka", "lo", "mir", "sen", "ta", "vor", "el", "dan", "ri", "os", "ben", "ha", "zu", "lin", "mar", "tov"]
_VERBS = [("met", "{a} met {b} in {place} {when}."), ("called", "{a} called {b} {when} to discuss the {topic}."),
          ("accused", "{a} accused {b} of blocking the {topic} {when}."),
          ("visited", "{a} visited {place} {when} and met {b}."),
          ("signed", "{a} and {b} signed an agreement on the {topic} {when}."),
          ("said", "{a} said {when} that talks with {b} on the {topic} would continue."),
          ("threatened", "{a} threatened to sue {b} over the {topic} {when}.")]
_FILLER = ["Officials did not comment further.", "The talks are expected to continue next month.",
           "Residents said they were waiting for more details.", "Analysts said the outcome remained unclear.",
           "The statement was published on the ministry's website.", "Neither side gave further details."]
_TOPICS = ["port expansion", "grain deal", "water rights", "rail contract", "border crossing", "budget"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _name(rng: random.Random) -> str:
    word = lambda: "".join(rng.choice(_SYL) for _ in range(rng.randint(2, 3))).capitalize()  # noqa: E731
    return f"{word()} {word()}"


def _article(rng: random.Random, i: int, people: list[str], places: list[str]) -> dict:
    pub = f"20{rng.randint(22, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    sentences = []
    # two people no earlier article named: distinct actors grow with the feed, as in real news
    fresh = [_name(rng) + f" {_name(rng).split()[0]}" for _ in range(2)]
    while sum(map(len, sentences)) < 2800:
        _, tpl = rng.choice(_VERBS)
        when = rng.choice([f"on {rng.choice(_WEEKDAYS)}", "last week", "this morning", "yesterday",
                           f"on {rng.randint(1, 28)} {rng.choice(['March', 'June', 'October'])}", "earlier"])
        a, b = rng.sample(people, 2) if rng.random() < 0.7 else (rng.choice(fresh), rng.choice(people))
        sentences.append(tpl.format(a=a, b=b, place=rng.choice(places), when=when, topic=rng.choice(_TOPICS)))
        sentences.append(rng.choice(_FILLER))
    return {"doc_id": f"bench-{i}", "published": pub, "title": f"Report {i}", "source": "Bench Wire",
            "text": "\n\n".join(" ".join(sentences[k:k + 4]) for k in range(0, len(sentences), 4))}


def generate(path: Path, size_mb: float, seed: int = 8) -> Path:
    """Write a JSONL feed of about ``size_mb`` MB of synthetic articles (deterministic for a seed)."""
    rng = random.Random(seed)
    people = [_name(rng) for _ in range(300)]
    places = [_name(rng).split()[0] for _ in range(60)]
    target, written, i = size_mb * 2**20, 0, 0
    with path.open("w", encoding="utf-8") as fh:
        while written < target:
            line = json.dumps(_article(rng, i, people, places)) + "\n"
            fh.write(line)
            written += len(line.encode())
            i += 1
    return path


def _status_kb(pid: int, key: str = "VmHWM") -> int:
    """A /proc status figure of one live process in kB (0 once it is gone): VmHWM, the kernel's
    high-water RSS, or VmRSS, the current one."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


def peak_rss_mb(cmd: list[str], timeout: float | None = None, trace: float | None = None) -> tuple[float, float, int]:
    """(peak RSS in MB, wall seconds, exit code) of ``cmd``: its VmHWM plus its worker processes'.

    Polled from /proc (every 20 ms), not ``ru_maxrss``: on Linux a child's ``ru_maxrss`` starts at
    its parent's RSS at fork, so a big parent (pytest) would hide the child's own peak.
    ``trace``: also print, every ``trace`` seconds, the current RSS of the main process and its
    workers and the highest total so far.
    """
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_kb, workers, next_trace, now_peak = 0, {}, 0.0, 0
    while proc.poll() is None:
        for c in _children(proc.pid):
            workers[c] = max(workers.get(c, 0), _status_kb(c))
        peak_kb = max(peak_kb, _status_kb(proc.pid) + sum(workers.values()))
        if trace:
            main_kb = _status_kb(proc.pid, "VmRSS")
            kids = [_status_kb(c, "VmRSS") for c in _children(proc.pid)]
            now_peak = max(now_peak, main_kb + sum(kids))
            if time.monotonic() - t0 >= next_trace:
                next_trace += trace
                print(f"  {time.monotonic() - t0:7.0f} s  rss main {main_kb / 1024:6.0f} MB  workers "
                      f"{' '.join(f'{k / 1024:.0f}' for k in kids) or '-':>9} MB  total {(main_kb + sum(kids)) / 1024:6.0f}"
                      f" MB  highest {now_peak / 1024:6.0f} MB", flush=True)
        if timeout is not None and time.monotonic() - t0 > timeout:
            proc.kill()
            raise TimeoutError(f"{cmd[:3]} took over {timeout:.0f} s")
        time.sleep(0.02)
    return peak_kb / 1024, time.monotonic() - t0, proc.returncode


def baseline_cmd(feed: Path) -> list[str]:
    return [PYTHON, "-c", "import json, sys\nfor line in open(sys.argv[1], 'rb'):\n    json.loads(line)\n", str(feed)]


def dateline_cmd(feed: Path, db: Path, workers: int = 1) -> list[str]:
    return [PYTHON, "-m", "dateline.cli", "run", "-q", "--db", str(db), "-j", str(workers), str(feed)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=float, nargs="+", default=[20.0],
                    help="feed size(s) in MB; two or more sizes print how the peak grows (1024: the 1 GB case)")
    ap.add_argument("-j", "--workers", type=int, default=1)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--dir", type=Path, default=None, help="where to write the feed and DB (default: a temp dir)")
    ap.add_argument("--feed", type=Path, default=None, help="run on this JSONL feed instead of generating one")
    ap.add_argument("--trace", type=float, default=None, metavar="SECONDS",
                    help="print the RSS of the run (main process, workers) every SECONDS")
    ap.add_argument("--memory-limit", default=None, help="DuckDB's cap for the run (DATELINE_MEMORY_LIMIT), "
                                                         "default the store's (1GB)")
    args = ap.parse_args(argv)
    if args.memory_limit:
        os.environ["DATELINE_MEMORY_LIMIT"] = args.memory_limit
    peaks: list[tuple[float, float]] = []
    code = 0
    for size_mb in args.size_mb:
        with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
            feed = args.feed or generate(Path(tmp) / "feed.jsonl", size_mb, args.seed)
            n = sum(1 for _ in feed.open("rb"))
            size = feed.stat().st_size / 2**20
            print(f"feed: {size:.1f} MB, {n:,} articles")
            base_rss, base_s, _ = peak_rss_mb(baseline_cmd(feed))
            print(f"  baseline json.loads line by line: peak RSS {base_rss:,.0f} MB, {base_s:.1f} s")
            db = Path(tmp) / "bench.duckdb"
            rss, wall, code = peak_rss_mb(dateline_cmd(feed, db, args.workers), trace=args.trace)
            print(f"  dateline run -j {args.workers} (DuckDB memory_limit "
                  f"{os.environ.get('DATELINE_MEMORY_LIMIT', 'default')}): peak RSS {rss:,.0f} MB, {wall:.1f} s "
                  f"({size / wall:.2f} MB/s), exit {code}")
            print(f"  ratio dateline / baseline peak RSS: {rss / base_rss:.1f}x")
            peaks.append((size, rss))
            if code:
                break
    if len(peaks) > 1:
        (s0, r0), (s1, r1) = peaks[0], peaks[-1]
        print(f"peak RSS {r0:,.0f} MB at {s0:.0f} MB -> {r1:,.0f} MB at {s1:.0f} MB of input: "
              f"x{r1 / r0:.2f} for x{s1 / s0:.1f} the input ({(r1 - r0) / (s1 - s0):.2f} MB more per MB)")
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
