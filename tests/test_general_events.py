"""The event coder on three invented articles it was not written for (merger, storm, court).

Each gold event of ``tests/data/general/gold.json`` must be found: a mention whose
sentence contains the evidence text, with the gold event type, actors and dates. Extra
mentions are allowed.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import frontmatter
import pytest

from conftest import GENERAL
from dateline import clean, events, timex
from dateline.actors import ActorIndex
from dateline.models import Article

GOLD = GENERAL / "gold.json"


def _gold() -> list[dict]:
    if not GOLD.is_file():
        return []
    return json.loads(GOLD.read_text(encoding="utf-8"))


_CACHE: dict[str, list] = {}


def _mentions(name: str):
    if name not in _CACHE:
        post = frontmatter.loads((GENERAL / name).read_text(encoding="utf-8"))
        pub = post["published"]
        pub = pub if isinstance(pub, datetime) else datetime.fromisoformat(str(pub))
        art = Article(name, name, post.content, pub)
        segs = clean.clean(art)
        tx = timex.tag(art.text, pub, spans=clean.kept_spans(segs))
        _CACHE[name] = events.extract(art, segs, tx, ActorIndex.load([GENERAL / "actors.csv"]))
    return _CACHE[name]


@pytest.mark.parametrize("g", _gold(), ids=lambda g: f"{g['file']}:{g['event_type']}")
def test_gold_event_found(g):
    ms = _mentions(g["file"])
    cands = [m for m in ms if g["evidence"] in m.sentence and m.event_type == g["event_type"]]
    assert cands, [(m.event_type, m.trigger, m.source_actor, m.target_actor) for m in ms if g["evidence"] in m.sentence]
    want = (g["source_actor"], g["target_actor"], date.fromisoformat(g["date_start"]), date.fromisoformat(g["date_end"]))
    got = [(m.source_actor, m.target_actor, m.date_start, m.date_end) for m in cands]
    assert want in got, got


def test_gold_present():
    if not GOLD.is_file():
        pytest.skip("tests/data/general not written yet")
    assert len(_gold()) >= 3
