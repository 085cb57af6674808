"""Tests for dateline.dating: which time expression dates an event, and how."""

from __future__ import annotations

import json
import sys
import types
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.dating import DateAssignment, anchor_file, anchor_record, date_event
from dateline.intervals import value_to_interval
from dateline.models import DATE_METHODS, Timex

DCT = date(2023, 6, 24)  # a Saturday


def tx(text: str, doc: str, value: str, *, type_: str = "DATE", anchor: str | None = None, nth: int = 0) -> Timex:
    """A hand-built Timex for the ``nth`` occurrence of ``text`` in ``doc``."""
    start = -1
    for _ in range(nth + 1):
        start = doc.index(text, start + 1)
    iv = value_to_interval(value, DCT)
    return Timex(
        start=start, end=start + len(text), text=text, type=type_, value=value,
        date_start=iv.date_start if iv else None, date_end=iv.date_end if iv else None,
        granularity=iv.granularity if iv else None, anchor=anchor,
        time_start=iv.time_start if iv else None, time_end=iv.time_end if iv else None,
    )


def span(doc: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = doc.index(word, start + 1)
    return start, start + len(word)


def test_explicit_date_in_same_clause_wins() -> None:
    doc = ("The company said on Friday that the plant, which opened in March 2019, "
           "was sold on 12 May 2023 to a rival.")
    timexes = [
        tx("Friday", doc, "2023-06-23"),
        tx("March 2019", doc, "2019-03"),
        tx("12 May 2023", doc, "2023-05-12", anchor="absolute"),
    ]
    a = date_event(doc, DCT, *span(doc, "sold"), timexes)
    assert (a.date_start, a.date_end, a.granularity) == (date(2023, 5, 12), date(2023, 5, 12), "day")
    assert a.method == "explicit_date"
    assert a.time_text == "12 May 2023"
    opened = date_event(doc, DCT, *span(doc, "opened"), timexes)
    assert (opened.date_start, opened.date_end, opened.granularity) == (date(2019, 3, 1), date(2019, 3, 31), "month")
    said = date_event(doc, DCT, *span(doc, "said"), timexes)
    assert said.date_start == date(2023, 6, 23)


def test_on_saturday_in_a_saturday_article_is_that_day() -> None:
    doc = "The president spoke with his ally on Saturday, the palace said."
    a = date_event(doc, DCT, *span(doc, "spoke"), [tx("Saturday", doc, "2023-06-24")])
    assert (a.date_start, a.date_end) == (DCT, DCT)
    assert a.method == "relative_to_publication"
    assert a.time_text == "Saturday"


def test_narrative_anchor_after_a_dated_sentence() -> None:
    doc = ("Troops crossed the border on 3 March 2022. Later, officials met in a village. "
           "That evening the talks collapsed.")
    timexes = [
        tx("3 March 2022", doc, "2022-03-03", anchor="absolute"),
        tx("That evening", doc, "2022-03-03TEV", anchor="narrative"),
    ]
    met = date_event(doc, DCT, *span(doc, "met"), timexes)
    assert (met.date_start, met.date_end) == (date(2022, 3, 3), date(2022, 3, 3))
    assert met.method == "narrative_anchor"
    collapsed = date_event(doc, DCT, *span(doc, "collapsed"), timexes)
    assert collapsed.method == "narrative_anchor"
    assert collapsed.date_start == date(2022, 3, 3)
    assert collapsed.time_start == datetime(2022, 3, 3, 18)


def test_past_narration_continues_from_the_previous_sentence_date() -> None:
    doc = "Rebels seized the city on 24 May 2023. Residents fled to the hills. The army says it will return."
    timexes = [tx("24 May 2023", doc, "2023-05-24", anchor="absolute")]
    fled = date_event(doc, DCT, *span(doc, "fled"), timexes)
    assert (fled.date_start, fled.method) == (date(2023, 5, 24), "narrative_anchor")
    says = date_event(doc, DCT, *span(doc, "says"), timexes)  # present tense, two sentences on
    assert (says.date_start, says.method) == (DCT, "publication_fallback")
    reported = "Rebels seized the city on 24 May 2023. A spokesman said the town was calm."
    said = date_event(reported, DCT, *span(reported, "said"), [tx("24 May 2023", reported, "2023-05-24")])
    assert said.method == "publication_fallback"


def test_later_in_mid_sentence_continues_the_story_day() -> None:
    doc = "The president called his ally this morning. The palace later stated that he also spoke with the premier."
    timexes = [tx("this morning", doc, "2023-06-24TMO", anchor="publication")]
    called = date_event(doc, DCT, *span(doc, "called"), timexes)
    assert (called.granularity, called.time_start) == ("part-of-day", datetime(2023, 6, 24, 6))
    for word in ("stated", "spoke"):
        a = date_event(doc, DCT, *span(doc, word), timexes)
        assert (a.date_start, a.date_end, a.granularity, a.method) == (DCT, DCT, "day", "narrative_anchor")
        assert a.time_start is None  # later than the morning: the same day, not the morning


def test_publication_fallback_has_lower_confidence() -> None:
    doc = "Border guards opened the gates. The mayor praised them on 2 June 2023."
    timexes = [tx("2 June 2023", doc, "2023-06-02", anchor="absolute")]
    fallback = date_event(doc, DCT, *span(doc, "opened"), timexes)
    assert fallback.method == "publication_fallback"
    assert (fallback.date_start, fallback.date_end, fallback.granularity) == (DCT, DCT, "day")
    explicit = date_event(doc, DCT, *span(doc, "praised"), timexes)
    assert explicit.method == "explicit_date"
    assert fallback.confidence < explicit.confidence


def test_datetime_dct_is_reduced_to_its_day() -> None:
    doc = "Border guards opened the gates."
    a = date_event(doc, datetime(2023, 6, 24, 9, 30), *span(doc, "opened"), [])
    assert (a.date_start, a.date_end) == (DCT, DCT)


def test_no_dct_and_no_timex_is_undated() -> None:
    doc = "Border guards opened the gates."
    a = date_event(doc, None, *span(doc, "opened"), [])
    assert a.method == "undated"
    assert (a.date_start, a.date_end, a.granularity) == (None, None, None)


def test_last_year_gives_the_year_interval() -> None:
    doc = "Militia fighters captured the town last year, the ministry says."
    a = date_event(doc, DCT, *span(doc, "captured"), [tx("last year", doc, "2022")])
    assert (a.date_start, a.date_end, a.granularity) == (date(2022, 1, 1), date(2022, 12, 31), "year")
    assert a.method == "relative_to_publication"


def test_past_event_is_not_put_in_the_future() -> None:
    doc = "The minister resigned after the vote, and the party will meet next week."
    timexes = [tx("next week", doc, "2023-W26")]
    resigned = date_event(doc, DCT, *span(doc, "resigned"), timexes)
    assert resigned.method == "publication_fallback"
    meet = date_event(doc, DCT, *span(doc, "meet"), timexes)
    assert meet.granularity == "week" and meet.date_start > DCT


def test_weekday_resolved_in_the_wrong_direction_follows_the_event_tense() -> None:
    doc = "Rebels attacked the base on Friday. The council will vote on Tuesday."
    timexes = [
        tx("Friday", doc, "2023-06-30", anchor="publication"),  # the tagger guessed next Friday
        tx("Tuesday", doc, "2023-06-20", anchor="publication"),  # ... and last Tuesday
    ]
    attacked = date_event(doc, DCT, *span(doc, "attacked"), timexes)
    assert (attacked.date_start, attacked.date_end) == (date(2023, 6, 23), date(2023, 6, 23))
    vote = date_event(doc, DCT, *span(doc, "vote"), timexes)
    assert vote.date_start == date(2023, 6, 27)
    absolute = [tx("Friday", doc, "2023-06-30", anchor="absolute")]
    assert date_event(doc, DCT, *span(doc, "attacked"), absolute).method == "publication_fallback"


def test_time_of_day_is_joined_to_the_day_beside_it() -> None:
    doc = "The store was robbed at 10 p.m. Wednesday, police said."
    timexes = [
        tx("10 p.m.", doc, "2023-06-24T22:00", type_="TIME", anchor="publication"),
        tx("Wednesday", doc, "2023-06-21", anchor="publication"),
    ]
    a = date_event(doc, DCT, *span(doc, "robbed"), timexes)
    assert (a.date_start, a.date_end) == (date(2023, 6, 21), date(2023, 6, 21))
    assert a.time_start == datetime(2023, 6, 21, 22)
    assert a.time_text == "10 p.m. Wednesday"


def test_present_perfect_and_present_attitudes_are_not_put_in_the_future() -> None:
    doc = "The minister has invited the envoys to a summit on 12 July 2023. The merger is expected to close in December."
    timexes = [tx("12 July 2023", doc, "2023-07-12", anchor="absolute"), tx("December", doc, "2023-12")]
    assert date_event(doc, DCT, *span(doc, "invited"), timexes).method == "publication_fallback"
    assert date_event(doc, DCT, *span(doc, "summit"), timexes).date_start == date(2023, 7, 12)
    assert date_event(doc, DCT, *span(doc, "expected"), timexes).method == "publication_fallback"
    close = date_event(doc, DCT, *span(doc, "close"), timexes)
    assert (close.date_start, close.granularity) == (date(2023, 12, 1), "month")


def test_reporting_verb_is_not_dated_by_its_complement() -> None:
    doc = "The agency said the ceasefire collapsed in 2019 after two weeks."
    timexes = [tx("2019", doc, "2019")]
    assert date_event(doc, DCT, *span(doc, "collapsed"), timexes).date_start == date(2019, 1, 1)
    said = date_event(doc, DCT, *span(doc, "said"), timexes)
    assert said.method == "publication_fallback"


def test_time_expressions_in_other_sentences_do_not_date_unrelated_events() -> None:
    doc = "Prices rose in 1998. Analysts expect a recovery."
    a = date_event(doc, DCT, *span(doc, "expect"), [tx("1998", doc, "1998")])
    assert a.method == "publication_fallback"


def test_given_sentence_span_is_used() -> None:
    doc = "Talks ended on 5 May 2023 in Geneva and the envoy is at home"
    timexes = [tx("5 May 2023", doc, "2023-05-05")]
    ended = date_event(doc, DCT, *span(doc, "ended"), timexes)
    assert ended.date_start == date(2023, 5, 5)
    clause = (doc.index("the envoy"), len(doc))
    assert date_event(doc, DCT, *span(doc, "ended"), timexes, sentence=(0, clause[0] - 5)).date_start == date(2023, 5, 5)
    home = date_event(doc, DCT, *span(doc, "home"), timexes, sentence=clause)
    assert home.method == "publication_fallback"


_FUZZ_DOC = ("On Friday, rebels seized the town. Later, officials said they would meet next week; "
             "the 1995 accord, which expired in March, was not renewed. He says it ended.")
_FUZZ_TIMEXES = [
    tx("Friday", _FUZZ_DOC, "2023-06-30", anchor="publication"),
    tx("next week", _FUZZ_DOC, "2023-W26", anchor="publication"),
    tx("1995", _FUZZ_DOC, "1995", anchor="absolute"),
    tx("March", _FUZZ_DOC, "2023-03", anchor="publication"),
]


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(_FUZZ_DOC)), st.integers(0, 12), st.sampled_from([DCT, None]))
def test_any_span_gets_a_consistent_assignment(start: int, length: int, dct: date | None) -> None:
    end = min(len(_FUZZ_DOC), start + length)
    a = date_event(_FUZZ_DOC, dct, start, end, _FUZZ_TIMEXES)
    assert a.method in DATE_METHODS
    assert (a.date_start is None) == (a.date_end is None) == (a.method == "undated")
    if a.date_start is not None:
        assert a.date_start <= a.date_end
    if a.method == "publication_fallback":
        assert (a.date_start, a.time_text) == (dct, None)
    assert 0.0 <= a.confidence <= 1.0


def test_date_assignment_rejects_unknown_methods() -> None:
    with pytest.raises(ValueError):
        DateAssignment(None, None, None, "guessed", None)
    assert {"explicit_date", "undated"} <= set(DATE_METHODS)


def _task_record() -> dict:
    doc = "Rebels seized the city on 24 June 2023. Residents say they are afraid."
    s, e = span(doc, "seized")
    s2, e2 = span(doc, "say")
    gold = {"date_start": "1999-01-01", "date_end": "1999-01-01", "granularity": "day"}
    return {
        "doc_id": "d1", "dct": "2023-06-25", "text": doc,
        "events": [
            {"id": "d1#e1", "start": s, "end": e, "text": "seized", "gold": gold},
            {"id": "d1#e2", "start": s2, "end": e2, "text": "say", "gold": gold},
        ],
    }


def test_anchor_record_dates_events_and_drops_gold() -> None:
    rec = _task_record()
    doc = rec["text"]
    out = anchor_record(rec, [tx("24 June 2023", doc, "2023-06-24", anchor="absolute")])
    e1, e2 = out["events"]
    assert "gold" not in e1
    assert (e1["date_start"], e1["date_end"], e1["granularity"], e1["date_method"]) == (
        "2023-06-24", "2023-06-24", "day", "explicit_date")
    assert (e2["date_start"], e2["date_method"]) == ("2023-06-25", "publication_fallback")
    assert rec["events"][0]["gold"]["date_start"] == "1999-01-01"  # the input is not modified


def test_anchor_file_tags_each_document_once(tmp_path, monkeypatch) -> None:
    calls: list[str] = []

    def fake_tag(text: str, dct: date | None) -> list[Timex]:
        calls.append(text)
        return [tx("24 June 2023", text, "2023-06-24", anchor="absolute")]

    fake = types.ModuleType("dateline.timex")
    fake.tag = fake_tag  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dateline.timex", fake)
    import dateline

    monkeypatch.setattr(dateline, "timex", fake, raising=False)
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps(_task_record()) + "\n\n", encoding="utf-8")
    assert anchor_file(src, dst) == 2
    assert len(calls) == 1
    [rec] = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [e["date_start"] for e in rec["events"]] == ["2023-06-24", "2023-06-25"]
    assert all(e["date_method"] in DATE_METHODS for e in rec["events"])


def test_integration_with_the_tagger() -> None:
    timex = pytest.importorskip("dateline.timex", reason="dateline.timex not written yet")
    doc = "The president spoke with the premier on Saturday. The palace said the two leaders met in 2022."
    timexes = timex.tag(doc, DCT)
    spoke = date_event(doc, DCT, *span(doc, "spoke"), timexes)
    assert (spoke.date_start, spoke.date_end) == (DCT, DCT)
    assert spoke.method in ("relative_to_publication", "explicit_date")
    met = date_event(doc, DCT, *span(doc, "met"), timexes)
    assert (met.date_start, met.date_end, met.granularity) == (date(2022, 1, 1), date(2022, 12, 31), "year")


def test_past_event_in_this_week_ends_at_publication():
    from datetime import date as _d

    from dateline.dating import date_event
    from dateline.models import Timex as _T

    text = "Earlier this week, the minister visited the port."
    t = _T(0, 17, "Earlier this week", "DATE", "2023-W26", _d(2023, 6, 26), _d(2023, 7, 2), "week", "publication")
    a = date_event(text, _d(2023, 6, 28), text.index("visited"), text.index("visited") + 7, [t])
    assert (a.date_start, a.date_end, a.granularity) == (_d(2023, 6, 26), _d(2023, 6, 28), "week")


# --------------------------------------------------------------------------- narrative clock rules
# A retrospective piece: published Wednesday 28 June 2023, narrating the weekend before.
RETRO_DCT = date(2023, 6, 28)


def test_offset_cue_the_tagger_left_undated_moves_the_story_clock() -> None:
    doc = ("That evening, the rebel chief said his men would turn back. "
           "The spokesman said hours later that the chief would go abroad.")
    timexes = [tx("That evening", doc, "2023-06-24TEV", type_="TIME", anchor="narrative")]
    said = date_event(doc, RETRO_DCT, *span(doc, "said", 1), timexes)
    assert (said.date_start, said.date_end, said.granularity) == (date(2023, 6, 24), date(2023, 6, 24), "day")
    assert (said.method, said.time_text) == ("narrative_anchor", "hours later")
    assert said.time_start is None  # hours after the evening: that day, not the evening


def test_counted_offset_after_a_story_event_adds_days_to_the_clock() -> None:
    doc = ("His men turned back on Saturday.\n\n"
           "Two days after the mutiny, the ministry released footage of the minister. "
           "It was not clear when it was filmed.\n\n"
           "The palace did not immediately respond.")
    timexes = [tx("Saturday", doc, "2023-06-24", anchor="publication"),
               tx("Two days", doc, "P2D", type_="DURATION")]
    dct = date(2023, 6, 26)
    released = date_event(doc, dct, *span(doc, "released"), timexes)
    assert (released.date_start, released.date_end, released.method) == (date(2023, 6, 26),) * 2 + ("narrative_anchor",)
    assert released.time_text == "Two days after"
    # the story's clock is now the publication day: a later paragraph is today's news, not Saturday's
    respond = date_event(doc, dct, *span(doc, "respond"), timexes)
    assert (respond.date_start, respond.method) == (dct, "publication_fallback")


def test_offsets_counted_from_an_event_of_their_own_are_not_the_story_clock() -> None:
    doc = ("The doctor was shot on 23 October 2022. Police said he was killed soon after being captured. "
           "A jogger saw the car ten days before the murder. The couple was attacked shortly after they returned.")
    timexes = [tx("23 October 2022", doc, "2022-10-23", anchor="absolute")]
    for word in ("killed", "saw", "attacked"):
        a = date_event(doc, RETRO_DCT, *span(doc, word), timexes)
        assert a.time_text is None or "after" not in a.time_text and "before" not in a.time_text, word
    saw = date_event(doc, RETRO_DCT, *span(doc, "saw"), timexes)
    assert saw.date_start != date(2022, 10, 13)  # not ten days before the last date told


def test_offset_landing_after_publication_is_dropped() -> None:
    doc = "The talks opened on 27 June 2023. Five days later the envoys signed a deal."
    timexes = [tx("27 June 2023", doc, "2023-06-27", anchor="absolute")]
    signed = date_event(doc, RETRO_DCT, *span(doc, "signed"), timexes)
    assert signed.date_start != date(2023, 7, 2)
    assert signed.time_text != "Five days later"
    one = "The talks opened on 27 June 2023. One day later the envoys signed a deal."
    opened = [tx("27 June 2023", one, "2023-06-27", anchor="absolute")]
    signed = date_event(one, RETRO_DCT, *span(one, "signed"), opened)
    assert (signed.date_start, signed.time_text) == (date(2023, 6, 28), "One day later")


def test_retrospective_narration_carries_the_date_across_paragraphs() -> None:
    doc = ("Throughout Saturday, the president held phone calls with foreign leaders.\n\n"
           "Also read: what next for the group?\n\n"
           "As the columns marched north, the neighbour negotiated with the rebel chief.")
    timexes = [tx("Saturday", doc, "2023-06-24", anchor="publication")]
    for word in ("marched", "negotiated"):
        a = date_event(doc, RETRO_DCT, *span(doc, word), timexes)
        assert (a.date_start, a.date_end, a.method) == (date(2023, 6, 24), date(2023, 6, 24), "narrative_anchor"), word
        assert a.time_text == "Saturday"


def test_narration_across_paragraphs_stops_at_todays_news_and_at_distance() -> None:
    today = ("The president held phone calls on Wednesday.\n\n"
             "Markets were calm. The columns marched north.")
    a = date_event(today, RETRO_DCT, *span(today, "marched"), [tx("Wednesday", today, "2023-06-28")])
    assert a.method == "publication_fallback"  # the clock is the publication day: nothing to carry
    far = ("The president held phone calls on Saturday.\n\nMarkets were calm. Banks opened. "
           "Traders waited.\n\nThe columns marched north.")
    b = date_event(far, RETRO_DCT, *span(far, "marched"), [tx("Saturday", far, "2023-06-24")])
    assert b.method == "publication_fallback"  # four sentences back: too far
    near = "The president held phone calls on Saturday.\n\nMarkets were calm. The columns marched north."
    c = date_event(near, RETRO_DCT, *span(near, "marched"), [tx("Saturday", near, "2023-06-24")])
    assert (c.date_start, c.method) == (date(2023, 6, 24), "narrative_anchor")


def test_far_narration_needs_a_sentence_without_time_expressions_and_no_reporting_verb() -> None:
    doc = ("The rebels seized the town on Saturday.\n\n"
           "Markets were calm. Grain exports fell from 2019 levels. The governor said the town was calm.")
    timexes = [tx("Saturday", doc, "2023-06-24"), tx("2019", doc, "2019")]
    fell = date_event(doc, RETRO_DCT, *span(doc, "fell"), timexes)
    assert fell.method == "publication_fallback"  # its own sentence has a (non-dating) time expression
    governor = date_event(doc, RETRO_DCT, *span(doc, "said"), timexes)
    assert governor.method == "publication_fallback"  # a report: its time is the article's
    reported = ("The governor said on Saturday the town was calm.\n\n"
                "Residents were afraid. The mayor said the roads were open.")
    mayor = date_event(reported, RETRO_DCT, *span(reported, "said", 1), [tx("Saturday", reported, "2023-06-24")])
    assert mayor.method == "publication_fallback"  # measured: no gain on TimeBank from carrying reports


def test_a_future_deadline_does_not_date_a_past_event() -> None:
    doc = "The agency decided the boy should go home by 14 July, its head told reporters."
    timexes = [tx("14 July", doc, "2023-07-14", anchor="publication")]
    decided = date_event(doc, RETRO_DCT, *span(doc, "decided"), timexes)
    assert decided.date_start == RETRO_DCT and decided.method == "publication_fallback"
    go = date_event(doc, RETRO_DCT, *span(doc, "go"), timexes)  # the planned event keeps its deadline
    assert (go.date_start, go.date_end) == (date(2023, 7, 14), date(2023, 7, 14))
    ordered = "The fighters were ordered to sign contracts by 1 July."
    t2 = [tx("1 July", ordered, "2023-07-01", anchor="publication")]
    assert date_event(ordered, RETRO_DCT, *span(ordered, "ordered"), t2).date_start == RETRO_DCT
    assert date_event(ordered, RETRO_DCT, *span(ordered, "sign"), t2).date_start == date(2023, 7, 1)


def test_repeating_or_quoting_is_a_report_of_its_own_time() -> None:
    doc = ("He described his calls with the rebel chief on Saturday. "
           "The agency quoted him as saying the camps were closed. "
           "He repeated his accusation that the army had struck the camps last Friday.")
    timexes = [tx("Saturday", doc, "2023-06-24"), tx("last Friday", doc, "2023-06-23", anchor="publication")]
    quoted = date_event(doc, RETRO_DCT, *span(doc, "quoted"), timexes)
    assert (quoted.date_start, quoted.method) == (RETRO_DCT, "publication_fallback")
    repeated = date_event(doc, RETRO_DCT, *span(doc, "repeated"), timexes)
    assert (repeated.date_start, repeated.method) == (RETRO_DCT, "publication_fallback")
    struck = date_event(doc, RETRO_DCT, *span(doc, "struck"), timexes)
    assert struck.date_start == date(2023, 6, 23)


def test_far_narration_does_not_date_reported_speech() -> None:
    doc = ("The rebels seized the town on Saturday.\n\n"
           "Markets were calm. The palace said the president was kept informed.")
    timexes = [tx("Saturday", doc, "2023-06-24")]
    informed = date_event(doc, RETRO_DCT, *span(doc, "informed"), timexes)
    assert (informed.date_start, informed.method) == (RETRO_DCT, "publication_fallback")
    told = doc.replace("The palace said the president was kept informed", "The president was kept informed")
    kept = date_event(told, RETRO_DCT, *span(told, "informed"), [tx("Saturday", told, "2023-06-24")])
    assert (kept.date_start, kept.method) == (date(2023, 6, 24), "narrative_anchor")


def test_shortly_after_a_story_event_is_that_day() -> None:
    doc = ("The president addressed the nation on Monday evening. He thanked the army. "
           "He met his generals shortly after the address.")
    timexes = [tx("Monday evening", doc, "2023-06-26TEV", type_="TIME", anchor="publication")]
    met = date_event(doc, RETRO_DCT, *span(doc, "met"), timexes)
    assert (met.date_start, met.date_end, met.granularity) == (date(2023, 6, 26), date(2023, 6, 26), "day")
    assert (met.method, met.time_text) == ("narrative_anchor", "shortly after")


def test_words_before_keeps_only_the_last_words_when_asked():
    from dateline.dating import _tokenize, _words_before

    text = "On Friday , the army said it attacked"
    toks = _tokenize(text, 0, len(text))
    pos = text.index("attacked")
    assert _words_before(toks, pos) == ["on", "friday", ",", "the", "army", "said", "it"]
    assert _words_before(toks, pos, 3) == ["army", "said", "it"]
    assert _words_before(toks, 2, 3) == ["on"]
    assert _words_before(toks, 0, 1) == []


@given(st.lists(st.sampled_from(["later", "Later", "LATER", "after", "afterwards", "Afterward", "earlier",
                                 "before", "collateral", "slater", "before-hand", "İstanbul", "K", "x", " ",
                                 ",", "'", "2"]), max_size=25).map("".join), st.integers(0, 5))
def test_direction_words_are_those_a_full_scan_finds(doc: str, cut: int) -> None:
    from dateline.dating import _OFFSET_DIRECTION, _directions

    s0, s1 = min(cut, len(doc)), max(len(doc) - cut, min(cut, len(doc)))
    assert [m.span() for m in _directions(doc, s0, s1)] == [m.span() for m in _OFFSET_DIRECTION.finditer(doc, s0, s1)]


def date_with(doc: str, word: str, dct: date, *marks: tuple[str, str]) -> DateAssignment:
    """``date_event`` for ``word`` of ``doc`` with hand-built time expressions (text, value),
    each resolved against the publication date."""
    return date_event(doc, dct, *span(doc, word), [tx(t, doc, v, anchor="publication") for t, v in marks])


def test_a_past_perfect_flashback_does_not_move_the_narrative_clock():
    doc = ("The two presidents signed the accord on Wednesday, ending a dispute that had flared in the spring. "
           "They met for two hours before the signing.")
    marks = (("Wednesday", "2024-10-16"), ("the spring", "2024-SP"))
    met = date_with(doc, "met", date(2024, 10, 17), *marks)
    assert (met.date_start, met.method) == (date(2024, 10, 16), "narrative_anchor")


def test_a_past_perfect_date_does_not_date_the_simple_past_verb_of_its_sentence():
    doc = "Ozel criticised the inspections, saying many blocks had been cleared as safe in 2023."
    timexes = [tx("2023", doc, "2023", anchor="absolute")]
    crit = date_event(doc, date(2025, 2, 11), *span(doc, "criticised"), timexes)
    assert crit.method == "publication_fallback"
    cleared = date_event(doc, date(2025, 2, 11), *span(doc, "cleared"), timexes)
    assert cleared.granularity == "year"
    # a date opening a "when" clause still dates it
    doc2 = "Jaitley recalled what had happened in Delhi in 1984 when 3,000 people were killed."
    killed = date_event(doc2, date(2002, 3, 7), *span(doc2, "killed"), [tx("1984", doc2, "1984", anchor="absolute")])
    assert killed.granularity == "year"


def test_a_date_after_an_infinitive_is_not_moved_into_the_past_for_the_main_verb():
    inv = date_with("Abiy thanked Ruto and invited him to return in May.", "invited", date(2025, 3, 20),
                    ("May", "2025-05"))
    assert inv.date_start != date(2024, 5, 1)
    assert inv.method == "publication_fallback"


def test_a_coarse_date_holding_the_story_day_does_not_move_the_clock():
    doc = ("The two leaders met in Addis Ababa on Wednesday. Ruto travelled there for the talks, "
           "his second visit this year. The leaders also discussed a railway link.")
    disc = date_with(doc, "discussed", date(2025, 3, 20), ("Wednesday", "2025-03-19"), ("this year", "2025"))
    assert (disc.date_start, disc.granularity, disc.method) == (date(2025, 3, 19), "day", "narrative_anchor")


def test_a_date_in_a_noun_s_that_clause_dates_only_that_clause():
    doc = "Dock workers returned to work, ending a strike that began last week, after the union accepted an offer."
    acc = date_with(doc, "accepted", date(2025, 6, 12), ("last week", "2025-W23"))
    assert acc.method == "publication_fallback"
    began = date_with(doc, "began", date(2025, 6, 12), ("last week", "2025-W23"))
    assert began.granularity == "week"


@pytest.mark.parametrize("doc, background, main, word, dct, marks, moved", [
    # a simple-past "that" clause of a noun running to the sentence's end is background too
    ("The two presidents signed the accord on Wednesday, ending a dispute that flared in the spring. "
     "They met for two hours before the signing.", "a dispute that flared in the spring.",
     "a dispute. The dispute flared in the spring.", "met", date(2024, 10, 17),
     (("Wednesday", "2024-10-16"), ("the spring", "2024-SP")), "season"),
    ("Vucic said on Tuesday that he would never recognise Kosovo, which declared independence in 2008. "
     "Kurti accused Belgrade of stalling.", ", which declared independence in 2008.",
     ". It declared independence in 2008.", "accused", date(2023, 2, 28),
     (("Tuesday", "2023-02-28"), ("2008", "2008")), "year"),
])
def test_a_date_in_a_clause_closing_the_sentence_does_not_move_the_clock(doc, background, main, word, dct, marks,
                                                                           moved):
    kept = date_with(doc, word, dct, *marks)
    assert (kept.date_start, kept.granularity, kept.method) == (date.fromisoformat(marks[0][1]),
                                                                "day", "narrative_anchor")
    assert date_with(doc.replace(background, main), word, dct, *marks).granularity == moved  # a main clause's does


@pytest.mark.parametrize("doc, word, date_text, value, dated", [
    # a would/to event does not take a past date that ends the phrase of a past verb after it
    ("She said the government would seek to renegotiate a bailout agreed with the IMF last year.", "seek",
     "last year", "2022", False),
    ("Saddam appeared to accept a treaty he had rejected in talks following the August 1988 cease-fire.", "accept",
     "August 1988", "1988-08", False),
    ("The businesses to be acquired had revenue of $76 million for the year ended March 31.", "acquired",
     "March 31", "2023-03-31", False),
    # an adjective is no such verb, and a time clause's verb dates the event
    ("He announced a decision to donate carved stone on Wednesday to the receiver.", "donate",
     "Wednesday", "2023-06-21", True),
    ("Institutions were likely to buy the stock as soon as trading opened Monday.", "buy",
     "Monday", "2023-06-19", True),
])
def test_a_past_verb_between_a_would_event_and_a_later_past_date_owns_the_date(doc, word, date_text, value, dated):
    a = date_with(doc, word, DCT, (date_text, value))
    assert (a.method != "publication_fallback") is dated, a


def test_an_event_reported_after_and_does_not_take_the_first_clauses_date():
    doc = ("Modi telephoned Dissanayake on Monday to congratulate him, and China's foreign ministry said Beijing "
           "was ready to deepen cooperation.")
    ready = date_with(doc, "ready", DCT, ("Monday", "2023-06-19"))
    assert ready.method == "publication_fallback"
    # a fronted date still dates the report's content
    doc2 = "On Monday, the ministry said Beijing was ready to deepen cooperation."
    assert date_with(doc2, "ready", DCT, ("Monday", "2023-06-19")).date_start == date(2023, 6, 19)


def test_a_clause_offset_in_months_or_years_dates_its_clause_as_that_month_or_year():
    doc = "The army recaptured the palace on Friday, nearly two years after the rebels seized it."
    seized = date_with(doc, "seized", date(2025, 3, 22), ("Friday", "2025-03-21"))
    assert (seized.date_start, seized.date_end, seized.granularity) == (date(2023, 1, 1), date(2023, 12, 31), "year")
    doc = "The army recaptured the palace on Friday, three months after the rebels seized it."
    seized = date_with(doc, "seized", date(2025, 3, 22), ("Friday", "2025-03-21"))
    assert (seized.date_start, seized.date_end, seized.granularity) == (date(2024, 12, 1), date(2024, 12, 31), "month")


def test_a_date_inside_the_clause_a_come_before_cue_opens_is_not_the_events():
    doc = "The rulings come eight days before a general election on February 8."
    rulings = date_with(doc, "rulings", date(2024, 1, 31), ("February 8", "2024-02-08"))
    assert (rulings.date_start, rulings.method) == (date(2024, 1, 31), "publication_fallback")


def test_now_in_reported_speech_sets_no_story_day() -> None:
    """"said the decree was now void": "now" is the time of its clause; "three hours later"
    runs from the last date the story set (Wednesday 1 a.m.), not from the publication day."""
    from dateline.timex import tag

    doc = ("Shortly after 1 a.m. on Wednesday, the assembly voted to lift the decree. "
           "The speaker said the decree was now void. "
           "About three hours later, the president went back on television.")
    dct = date(2031, 3, 6)  # a Thursday
    a = date_event(doc, dct, *span(doc, "went"), tag(doc, dct))
    assert (a.date_start, a.date_end, a.method) == (date(2031, 3, 5), date(2031, 3, 5), "narrative_anchor")
