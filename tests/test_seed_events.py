"""Acceptance of the event coder on the user's seed article (issue 5).

Builds the Article from ../shared (skipped when absent), published Saturday 2023-06-24,
and runs the real stages: clean (page noise), timex, events. Run twice: with the story
actor file written for this test, and with no actor file at all (names discovered).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from dateline import clean, events, timex
from dateline.actors import ActorIndex
from dateline.models import Article, Segment

FINE = ("hour", "part-of-day", "day")


def _segments(article: Article) -> list[Segment]:
    try:
        return clean.clean(article)
    except Exception:  # pragma: no cover - the cleaner is the lead's; fall back to lines
        segs, pos = [], 0
        for line in article.text.split("\n"):
            s = line.strip()
            if s:
                noise = s.startswith("Also read:") or s.endswith("…")
                segs.append(Segment(pos, pos + len(line), keep=not noise))
            pos += len(line) + 1
        return segs


def _mentions(actor_files: list[Path]):
    if not SEED.is_file():
        pytest.skip("../shared not found")
    art = Article("seed", str(SEED), SEED.read_text(encoding="utf-8"), datetime(2023, 6, 24))
    segs = _segments(art)
    tx = timex.tag(art.text, art.published, spans=[(s.start, s.end) for s in segs if s.keep])
    return art, segs, events.extract(art, segs, tx, ActorIndex.load(actor_files))


@pytest.fixture(scope="module", params=["story-csv", "no-csv"])
def seed(request):
    files = [ROOT / "tests" / "data" / "seed_actors.csv"] if request.param == "story-csv" else []
    return _mentions(files)


def _calls(ms, other):
    return [m for m in ms if m.event_type == "phone_call" and {m.source_actor, m.target_actor} == {"Vladimir Putin", other}]


@pytest.mark.parametrize("other", ["Alexander Lukashenko", "Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"])
def test_phone_calls(seed, other):
    _, _, ms = seed
    calls = _calls(ms, other)
    assert calls, [(m.event_type, m.source_actor, m.target_actor) for m in ms]
    for m in calls:
        assert (m.cameo_code, m.plover_type, m.plover_mode) == ("041", "CONSULT", "phone")
        assert m.date_start == m.date_end == date(2023, 6, 24)
        assert m.granularity in FINE


@pytest.mark.parametrize("other,reporter", [("Alexander Lukashenko", ("belarus",)),
                                            ("Kassym-Jomart Tokayev", ("kremlin", "peskov")),
                                            ("Shavkat Mirziyoyev", ("kremlin", "peskov"))])
def test_reporters(seed, other, reporter):
    _, _, ms = seed
    reps = [(m.reported_by or "").lower() for m in _calls(ms, other)]
    assert any(k in r for r in reps for k in reporter), reps


def test_tokayev_statement_and_putin_thanks(seed):
    _, _, ms = seed
    day = date(2023, 6, 24)
    assert any(m.event_type == "statement" and m.source_actor == "Kassym-Jomart Tokayev"
               and m.target_actor == "Vladimir Putin" and m.date_start == day for m in ms)
    assert any(m.event_type == "thank" and m.source_actor == "Vladimir Putin"
               and m.target_actor == "Kassym-Jomart Tokayev" and m.date_start == day for m in ms)


def test_offensive_last_year(seed):
    _, _, ms = seed
    hits = [m for m in ms if m.event_type == "offensive" and "last year" in m.sentence]
    assert hits
    for m in hits:
        assert (m.date_start, m.date_end, m.granularity) == (date(2022, 1, 1), date(2022, 12, 31), "year")


def test_no_mention_from_page_noise(seed):
    art, segs, ms = seed
    noise = [(s.start, s.end) for s in segs if not s.keep]
    assert noise  # the seed has "Also read:" lines and teasers
    for m in ms:
        assert not any(m.char_start < e and s < m.char_end for s, e in noise), m.sentence
        assert art.text[m.char_start:m.char_end] == m.sentence
        assert art.text[m.trigger_start:m.trigger_end] == m.trigger
    assert not any("Albanese" in m.sentence for m in ms)
