"""clean: page noise is marked (never deleted), story text is kept."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.clean import classify_line, clean, kept_spans
from dateline.models import Article


def _art(text: str) -> Article:
    return Article(doc_id="x", path="x", text=text, published=datetime(2024, 1, 1))


def test_links_and_teasers_dropped_story_kept():
    text = (
        "The minister visited the port on Monday.\n"
        "Also read: Unrelated headline about markets\n"
        "READ MORE: Another story\n"
        "\u201cWe will rebuild,\u201d she said.\n"
        "A new study finds that coffee drinkers sleep less and…\n"
        "Local club unveils stadium plans...\n"
    )
    segs = clean(_art(text))
    dropped = {text[s.start:s.end]: s.reason for s in segs if not s.keep}
    kept = [text[s.start:s.end] for s in segs if s.keep]
    assert kept == ["The minister visited the port on Monday.", "\u201cWe will rebuild,\u201d she said."]
    assert dropped["Also read: Unrelated headline about markets"] == "link"
    assert dropped["A new study finds that coffee drinkers sleep less and…"] == "teaser"
    # offsets index the original text
    assert all(text[s.start:s.end].strip() == text[s.start:s.end] for s in segs)


def test_open_quotation_trailing_off_is_story_text():
    assert classify_line("He said: \u201cWe will see what happens…") is None
    assert classify_line("Photo: Reuters") == "link"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_segments_always_index_text(text):
    segs = clean(_art(text))
    for s in segs:
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start:s.end].strip()
    assert all(a[1] <= b[0] for a, b in zip(kept_spans(segs), kept_spans(segs)[1:]))
