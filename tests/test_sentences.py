"""Tests for dateline.sentences: abbreviation-aware sentence spans."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dateline.sentences import sentence_of, split


def texts(doc: str) -> list[str]:
    return [doc[a:b] for a, b in split(doc)]


def test_titles_initials_and_months_do_not_end_sentences() -> None:
    doc = "Mr. Brown met Gen. J. R. Smith on Jan. 5 in Moscow. He left on Friday."
    assert texts(doc) == ["Mr. Brown met Gen. J. R. Smith on Jan. 5 in Moscow.", "He left on Friday."]


def test_acronyms_end_a_sentence_unless_a_name_follows() -> None:
    doc = "Troops of the U.S. Army arrived in the U.S. The talks resumed at 10 p.m. Wednesday in Geneva."
    assert texts(doc) == [
        "Troops of the U.S. Army arrived in the U.S.",
        "The talks resumed at 10 p.m. Wednesday in Geneva.",
    ]


def test_quotes_question_marks_blank_lines_and_headlines() -> None:
    doc = 'He said "It is over." Really? Yes!\n\nA headline without a period\nNext line, and\nits end.'
    assert texts(doc) == ['He said "It is over."', "Really?", "Yes!", "A headline without a period",
                          "Next line, and\nits end."]


def test_lower_cased_text_is_split_too() -> None:
    doc = "lucknow: the vhp gave a call for a bandh. mr. singh said it would be peaceful. it was not."
    assert texts(doc) == ["lucknow: the vhp gave a call for a bandh.", "mr. singh said it would be peaceful.",
                          "it was not."]


def test_company_suffixes_end_a_sentence_only_before_a_sentence_starter() -> None:
    doc = "Shares rose at Acme Inc. The company said Acme Inc. Chairman Jo Brown left."
    assert texts(doc) == ["Shares rose at Acme Inc.", "The company said Acme Inc. Chairman Jo Brown left."]


def test_decimals_and_lower_case_continuations_do_not_split() -> None:
    doc = "Shares fell 3.5 percent to $12.25 a share. prices rose, e.g. in Asia."
    assert texts(doc) == ["Shares fell 3.5 percent to $12.25 a share. prices rose, e.g. in Asia."]


def test_sentence_of_finds_the_containing_sentence() -> None:
    doc = "One. Two three. Four."
    spans = split(doc)
    assert [sentence_of(spans, doc.index(w)) for w in ("One", "three", "Four")] == [0, 1, 2]


@given(st.text(alphabet="ab .?!\nMrJ", max_size=80))
def test_spans_are_ordered_trimmed_and_inside_the_text(doc: str) -> None:
    spans = split(doc)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(doc)
        assert not doc[a].isspace() and not doc[b - 1].isspace()
        last = b
    covered = "".join(doc[a:b] for a, b in spans)
    assert covered.replace(" ", "").replace("\n", "") == doc.replace(" ", "").replace("\n", "")


def _split_by_scanning(text: str) -> list[tuple[int, int]]:
    """The reference: every boundary ``finditer`` finds (``split`` tries only positions at
    end punctuation or a line break)."""
    from dateline import sentences as s

    boundary = s._CASED_BOUNDARY if s.is_cased(text) else s._UNCASED_BOUNDARY
    spans, start = [], 0
    for m in boundary.finditer(text):
        if m.group("punct") is None:
            cut, nxt = m.start(), m.end()
        else:
            if m.group("punct") == "." and s._is_abbreviation(text, m.start("punct"), m.end()):
                continue
            cut, nxt = m.start("space"), m.end()
        span = s._trim(text, start, cut)
        if span:
            spans.append(span)
        start = nxt
    span = s._trim(text, start, len(text))
    if span:
        spans.append(span)
    return spans


@given(st.lists(st.sampled_from(["Mr.", "U.S.", "He", "said", "it", "ended", ".", "!", "?", "...", ":", ",",
                                 " ", "  ", "\t", "\n", "\r\n", " \n", "\n\n", '"', "”", ")", "Inc.", "the",
                                 "3", "p.m.", "J.", "Óscar"]), max_size=40).map("".join))
def test_split_finds_the_boundaries_a_full_scan_finds(doc: str) -> None:
    assert split(doc) == _split_by_scanning(doc)
    assert split(doc.lower()) == _split_by_scanning(doc.lower())


def test_a_headline_break_after_trailing_spaces_is_found() -> None:
    assert texts("Floods hit the north   \nThe army was sent in.") == ["Floods hit the north", "The army was sent in."]
