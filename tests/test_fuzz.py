"""Issue 8, fuzzing: random and adversarial input never raises, and timex keeps its time cap.

Hypothesis drives ingest (bytes of any kind under every extension, arbitrary JSON lines,
publication dates), timex (long digit runs, repeated weekday names, mixed scripts,
control characters, lone surrogates) and a whole ``pipeline.run`` over a fuzzed JSONL
feed, where every line must end up either stored or reported: nothing lost, nothing raised.
"""

from __future__ import annotations

import json
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline import ingest, pipeline, timex
from dateline.ingest import Problem
from dateline.models import Article

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DCT = date(2023, 6, 24)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TIME_WORDS = WEEKDAYS + ["last", "next", "this", "on", "the", "week", "ago", "June", "2023", "24", "-", "/", ",",
                         "morning", "night", "days", "before", "after", "later", "earlier", "3", "1999", "12:30"]
SCRIPTS = st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Z", "Cc"])

#: adversarial texts: long digit runs, repeated weekday names, time words in any order, mixed scripts
adversarial = st.one_of(
    st.text(alphabet="0123456789", min_size=1, max_size=20_000),
    st.text(alphabet="0123456789/-.:, ", min_size=1, max_size=5_000),
    st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=3_000).map(" ".join),
    st.lists(st.sampled_from(TIME_WORDS), min_size=1, max_size=500).map(" ".join),
    st.text(alphabet=SCRIPTS, max_size=2_000),
    st.lists(st.one_of(st.sampled_from(TIME_WORDS), st.text(alphabet=SCRIPTS, max_size=6),
                       st.sampled_from(["\ud800", "\x00", "\u202e", "\ufeff", "\u0301", "١٢", "二〇二三年"])),
             max_size=300).map(" ".join),
)


def _check_timexes(text: str, found) -> None:
    for t in found:
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


@FUZZ
@given(adversarial)
def test_timex_never_raises_and_keeps_offsets(text):
    found = timex.tag(text, DCT)
    _check_timexes(text, found)


@FUZZ
@given(adversarial)
def test_timex_still_finds_a_date_after_junk(junk):
    """An internal error would make ``tag`` return nothing: a plain date after the junk must be found."""
    text = junk + "\n\nThe talks were held on 24 June 2023.\n"
    t0 = time.monotonic()
    found = timex.tag(text, DCT)
    if time.monotonic() - t0 < 1.5:  # (not cut short by the time cap)
        tail = len(junk)
        assert any(t.start >= tail and t.date_start == date(2023, 6, 24) for t in found), found


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["weekdays", "dates", "mixed", "relative"]), st.integers(150_000, 300_000))
def test_timex_time_cap_on_huge_adversarial_text(kind, n):
    unit = {"weekdays": "Monday Tuesday last Friday next Sunday, ",
            "dates": "June 2023 24 June 3 May 1999 12/06/2023 ",
            "mixed": "Путин 星期一 الاثنين Monday ١٢٣ 3 days ago ",
            "relative": "3 days ago the week before last, later that night, "}[kind]
    text = (unit * (n // len(unit) + 1))[:n]
    t0 = time.process_time()  # CPU time: a loaded machine must not make this flaky
    found = timex.tag(text, DCT, time_cap=0.5)
    spent = time.process_time() - t0
    assert spent < 0.5 + 1.0, f"{kind}: {spent:.2f} s CPU with a 0.5 s cap"
    _check_timexes(text, found)


@FUZZ
@given(st.binary(max_size=4_000))
def test_decode_any_bytes(data):
    text, problem = ingest.decode(data)
    assert (text is None) != (problem is None) or (text is None and problem is None and not data)
    if text is not None:
        assert text.strip()


@FUZZ
@given(st.sampled_from([".txt", ".md", ".html", ".jsonl"]),
       st.one_of(st.binary(max_size=3_000),
                 st.text(max_size=2_000).map(lambda s: s.encode("utf-8", "surrogatepass")),
                 st.text(max_size=500).map(lambda s: ("---\n" + s + "\n---\nThe mayor visited.\n").encode(
                     "utf-8", "surrogatepass")),
                 st.builds(lambda prefix, rest: prefix + rest,
                           st.sampled_from([b"\x89PNG", b"\x1f\x8b", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf",
                                            b"<html>", b"---\n", b"{"]), st.binary(max_size=500))))
def test_any_file_gives_articles_or_problems_naming_it(ext, data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{ext}"
        path.write_bytes(data)
        for item in ingest.iter_articles([path], datetime(2023, 6, 24, tzinfo=timezone.utc)):
            assert isinstance(item, (Article, Problem))
            if isinstance(item, Problem):
                assert item.path.startswith(str(path)) and item.cause and "\n" not in item.cause
            else:
                assert item.text.strip() and len(item.text) <= ingest.MAX_ARTICLE_CHARS
                item.text.encode("utf-8")  # storable


@FUZZ
@given(st.one_of(st.none(), st.text(max_size=80), st.integers(), st.floats(allow_nan=True), st.booleans(),
                 st.lists(st.integers(), max_size=3), st.dates().map(str), st.datetimes().map(str)))
def test_parse_published_raises_only_value_error(value):
    try:
        got = ingest.parse_published(value)
    except ValueError as exc:
        assert str(exc)
    else:
        assert got is None or isinstance(got, datetime)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
records = st.fixed_dictionaries(
    {},
    optional={"text": st.one_of(st.text(max_size=400), json_values,
                                st.lists(st.sampled_from(TIME_WORDS + ["The", "mayor", "met", "governor", "."]),
                                         max_size=60).map(" ".join)),
              "dct": st.one_of(st.sampled_from(["2023-06-24", "2023-06-24T10:00:00+03:00", "1850-01-01",
                                                "2999-01-01", "24 June 2023", "soon"]), json_values),
              "title": json_values, "source": json_values, "url": json_values, "doc_id": st.just(None)},
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(records.map(json.dumps), st.text(max_size=60).filter(lambda s: "\n" not in s
                                                                                 and "\r" not in s)),
                min_size=1, max_size=12))
def test_fuzzed_feed_every_line_stored_or_reported(lines):
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        feed.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        db = Path(tmp) / "x.duckdb"
        summary = pipeline.run([feed], db=db, actor_files=[])
        con = duckdb.connect(str(db), read_only=True)
        stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        con.close()
    non_blank = sum(1 for ln in lines if ln.encode("utf-8", "surrogatepass").strip())
    if non_blank == 0:  # a feed of blank lines is one problem: the file is empty
        assert stored == 0 and [p.cause.split(" (")[0] for p in summary.problems] == ["empty file"]
    else:
        assert stored + summary.failed == non_blank, (stored, [str(p) for p in summary.problems])
