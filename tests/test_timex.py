"""Tests for the temporal tagger ``dateline.timex``: one block per expression family.

The publication date of the seed story (Saturday 2023-06-24) is the anchor unless a
test says otherwise; the texts below are invented sentences, not the seed article.
"""

from __future__ import annotations

import json
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.timex import tag, tag_file

DCT = date(2023, 6, 24)  # a Saturday
SHARED = Path(__file__).resolve().parents[2] / "shared"


def one(text: str, phrase: str, dct: date | datetime | None = DCT):
    """The timex whose text is ``phrase`` (fails when absent)."""
    found = [t for t in tag(text, dct) if t.text == phrase]
    assert found, f"{phrase!r} not tagged in {text!r}: {[t.text for t in tag(text, dct)]}"
    return found[0]


def texts(text: str, dct: date | None = DCT) -> list[str]:
    return [t.text for t in tag(text, dct)]


# ---------------------------------------------------------------- weekdays


def test_weekday_equal_to_publication_weekday_is_publication_day():
    t = one("The group's leader spoke on Saturday with the president.", "Saturday")
    assert (t.type, t.value) == ("DATE", "2023-06-24")
    assert t.date_start == t.date_end == date(2023, 6, 24)
    assert t.granularity == "day" and t.anchor == "publication"


def test_past_weekday_is_most_recent_before_publication():
    assert one("Officials said on Tuesday that talks failed.", "Tuesday").value == "2023-06-20"


def test_future_weekday_is_next_one():
    assert one("The ministers will meet on Tuesday in Minsk.", "Tuesday").value == "2023-06-27"


def test_late_on_friday():
    t = one("The convoy set off late on Friday.", "late on Friday")
    assert t.value in ("2023-06-23", "2023-06-23TNI")
    assert t.date_start == date(2023, 6, 23)


def test_last_and_next_weekday():
    assert one("He resigned last Saturday.", "last Saturday").value == "2023-06-17"
    assert one("They vote next Monday.", "next Monday").value == "2023-06-26"


def test_weekday_with_part_of_day():
    t = one("Troops moved on Friday night.", "Friday night")
    assert (t.type, t.value) == ("TIME", "2023-06-23TNI")


# ---------------------------------------------------------------- days and parts of day


def test_this_morning_is_part_of_day():
    t = one("State media reported this morning that the call took place.", "this morning")
    assert (t.type, t.value) == ("TIME", "2023-06-24TMO")
    assert t.granularity == "part-of-day"
    assert t.time_start == datetime(2023, 6, 24, 6, 0)


def test_yesterday_today_tomorrow_tonight():
    assert one("It rained yesterday.", "yesterday").value == "2023-06-23"
    assert one("It rains today.", "today").value == "2023-06-24"
    assert one("It will rain tomorrow.", "tomorrow").value == "2023-06-25"
    assert one("He speaks tonight.", "tonight").value == "2023-06-24TNI"
    assert one("Shots were heard last night.", "last night").value == "2023-06-23TNI"


def test_dct_with_hour_is_accepted():
    assert one("It rained yesterday.", "yesterday", datetime(2023, 6, 24, 18, 30)).value == "2023-06-23"


# ---------------------------------------------------------------- relative units


def test_last_year_is_a_year():
    t = one("The group fought in the east last year.", "last year")
    assert (t.type, t.value) == ("DATE", "2022")
    assert (t.date_start, t.date_end, t.granularity) == (date(2022, 1, 1), date(2022, 12, 31), "year")


def test_this_next_week_month_quarter():
    assert one("Prices rose this week.", "this week").value == "2023-W25"
    assert one("Prices rose last month.", "last month").value == "2023-05"
    assert one("Sales will rise next quarter.", "next quarter").value == "2023-Q3"
    assert one("Sales rose earlier this year.", "earlier this year").value == "2023"


def test_ago():
    t = one("The plant closed a year ago.", "a year ago")
    assert (t.value, t.granularity) == ("2022", "year")
    assert one("He left three days ago.", "three days ago").value == "2023-06-21"
    assert one("He left five months ago.", "five months ago").value == "2023-01"


# ---------------------------------------------------------------- explicit dates


def test_explicit_dates_are_absolute():
    t = one("The treaty was signed on June 22, 1941, in Berlin.", "June 22, 1941")
    assert (t.value, t.anchor) == ("1941-06-22", "absolute")
    assert one("It opened on 3 March 2021.", "3 March 2021").value == "2021-03-03"
    assert one("It opened in September 1999.", "September 1999").value == "1999-09"
    assert one("The deadline will be Nov. 9, it said.", "Nov. 9").value == "2023-11-09"
    assert one("The firm was founded in 1987.", "1987").value == "1987"


def test_month_without_year_takes_publication_year_by_tense():
    assert one("Output fell in April.", "April").value == "2023-04"
    assert one("Output fell in October.", "October").value == "2022-10"
    assert one("The summit will be held in January.", "January").value == "2024-01"


def test_may_and_march_as_verbs_are_not_months():
    found = texts("We may march on, and the troops march; it may rain.")
    assert not any(t.lower() in ("may", "march", "we") for t in found)
    assert one("The vote was held in May.", "May").value == "2023-05"


def test_numbers_money_and_percent_are_not_dates():
    assert texts("Shares rose 50% to $27 after 2000 people bought 1,999 units.") == []


def test_decades_centuries_quarters_seasons():
    assert one("Prices peaked in the 1990s.", "the 1990s").value == "199"
    assert one("A temple of the 11th century stands.", "the 11th century").value == "10"
    assert one("Profit rose in the second quarter.", "the second quarter").value == "2023-Q2"
    assert one("Profit fell in the fourth quarter.", "the fourth quarter").value == "2022-Q4"
    assert one("Third-quarter profit will rise.", "Third-quarter").value == "2023-Q3"
    assert one("Prices fell in the first quarter of 1990.", "the first quarter of 1990").value == "1990-Q1"
    assert one("The offensive began last summer.", "last summer").value == "2022-SU"
    assert one("It happened in the summer of 1942.", "the summer of 1942").value == "1942-SU"


def test_week_value():
    t = one("Shares fell last week.", "last week")
    assert t.value == "2023-W24" and t.granularity == "week"


# ---------------------------------------------------------------- reference words


def test_present_past_future_refs():
    assert one("Prices are now lower.", "now").value == "PRESENT_REF"
    assert one("Prices recently fell.", "recently").value == "PAST_REF"
    assert one("Attacks rose in recent years.", "recent years").value == "PAST_REF"
    assert one("Talks may resume in the future.", "the future").value == "FUTURE_REF"


# ---------------------------------------------------------------- durations and sets


def test_durations():
    t = one("Stocks fell in the past three months.", "the past three months")
    assert (t.type, t.value, t.date_start) == ("DURATION", "P3M", None)
    assert one("The talks lasted two hours.", "two hours").value == "PT2H"
    assert one("They fought for three days.", "three days").value == "P3D"
    assert one("It signed a five-year deal.", "five-year").value == "P5Y"
    assert one("They waited for a few days.", "a few days").value == "PXD"


def test_sets():
    assert (one("The ferry sails every Saturday.", "every Saturday").value) == "XXXX-WXX-6"
    t = one("The board meets each week.", "each week")
    assert (t.type, t.value) == ("SET", "P1W")
    assert one("Dividends are paid quarterly.", "quarterly").type == "SET"
    assert one("The paper appears daily.", "daily").value == "P1D"


def test_times():
    t = one("The blast came at 10 p.m. Wednesday, police said.", "10 p.m. Wednesday")
    assert (t.type, t.value) == ("TIME", "2023-06-21T22:00")
    assert t.time_start == datetime(2023, 6, 21, 22, 0)


# ---------------------------------------------------------------- narrative clock


def test_narrative_year_then_month():
    t = one("In 1942 the army reached the Volga. In June it crossed the river.", "June")
    assert (t.value, t.anchor) == ("1942-06", "narrative")


def test_two_days_later_after_established_date():
    t = one("The siege began on 3 March 1943. Two days later the town fell.", "Two days later")
    assert (t.value, t.anchor) == ("1943-03-05", "narrative")


def test_next_day_and_that_evening_follow_narrative():
    text = "The envoy arrived on 10 May 1940. The next day he met the king. That evening he left."
    assert one(text, "The next day").value == "1940-05-11"
    t = one(text, "That evening")
    assert (t.type, t.value, t.anchor) == ("TIME", "1940-05-11TEV", "narrative")


def test_later_is_anchored_on_narrative_time():
    text = "The mutiny started on 23 June 2023. Later, the Kremlin said the talks ended."
    t = one(text, "Later")
    assert (t.value, t.anchor) == ("2023-06-23", "narrative")


def test_the_next_day_without_established_date_uses_publication():
    assert one("The next day he left.", "The next day").value == "2023-06-25"


def test_spans_restrict_tagging():
    text = "He spoke on Saturday. Albanese married on Saturday."
    got = tag(text, DCT, spans=[(0, 21)])
    assert [(t.start, t.text) for t in got] == [(12, "Saturday")]


def test_no_dct():
    t = one("He left in 1999.", "1999", None)
    assert t.value == "1999"
    assert all(x.value for x in tag("He spoke on Tuesday, yesterday.", None))


def test_offsets_index_text_and_sorted():
    text = "Yesterday, and on 5 May 2020, and now."
    got = tag(text, DCT)
    assert [t.start for t in got] == sorted(t.start for t in got)
    assert all(text[t.start:t.end] == t.text for t in got)


# ---------------------------------------------------------------- robustness


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(
    st.text(max_size=40),
    st.sampled_from(["Monday", "Friday Friday Friday", "May", "march", "1" * 300, "12/31/", "'90s",
                     "the next", "in 1942", "Пятница", "星期五", "٢٠٢٣", " ", "\n", "last", "a year ago",
                     "2023-06-24", "10 p.m.", "Q3", "quarterly", "the 1990s"]),
    st.from_regex(r"\d{5,40}", fullmatch=True)), max_size=60))
def test_random_text_never_raises_and_respects_cap(parts):
    text = " ".join(parts)
    t0 = time.monotonic()
    got = tag(text, DCT, time_cap=0.5)
    assert time.monotonic() - t0 < 0.5 + 0.5
    for t in got:
        assert text[t.start:t.end] == t.text and t.type in ("DATE", "TIME", "DURATION", "SET")


def test_time_cap_stops_work_on_huge_text():
    text = "On Friday the 1990s and May 5, 2001 and three days later. " * 20000
    t0 = time.monotonic()
    tag(text, DCT, time_cap=0.2)
    assert time.monotonic() - t0 < 0.2 + 0.6


def test_tag_file_roundtrip(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"doc_id": "a", "dct": "2023-06-24", "text": "He spoke on Saturday.",
                               "timexes": [{"start": 0, "end": 1, "text": "H", "type": "DATE", "value": "x"}]}) + "\n")
    out = tmp_path / "out.jsonl"
    assert tag_file(src, out) == 1
    rec = json.loads(out.read_text())
    assert rec["timexes"] == [{"start": 12, "end": 20, "text": "Saturday", "type": "DATE", "value": "2023-06-24",
                               "date_start": "2023-06-24", "date_end": "2023-06-24", "granularity": "day",
                               "anchor": "publication"}]


@pytest.mark.shared
def test_dev_corpus_tags_every_doc(tmp_path):
    gold = SHARED / "corpora" / "timeml-dev.jsonl"
    if not gold.exists():
        pytest.skip("../shared not found")
    assert tag_file(gold, tmp_path / "sys.jsonl") == 256


# ---------------------------------------------------------------- more families


def test_story_weekdays_follow_the_narrative_clock():
    text = "On 22 June 1941 the invasion began. On Tuesday the tanks reached the river. The previous Friday, talks had failed."
    t = one(text, "Tuesday")
    assert (t.value, t.anchor) == ("1941-06-24", "narrative")
    assert one(text, "The previous Friday").value == "1941-06-20"


def test_news_weekdays_stay_on_publication_date_after_far_dates():
    text = "The notes mature March 4, 2011. The company said Friday it sold them."
    assert one(text, "Friday").value == "2023-06-23"


def test_story_months_seasons_and_day_before():
    text = "On 5 June 1944 the fleet sailed. By the end of July the breakout came. The following winter was cold."
    assert one(text, "the end of July").value == "1944-07"
    assert one(text, "The following winter").value == "1944-WI"
    text2 = "The landing came on 6 June 1944. The day before, the general had decided."
    assert one(text2, "The day before").value == "1944-06-05"


def test_clock_times_need_context():
    assert one("The attack began at 06:30 on Friday.", "06:30 on Friday").value == "2023-06-23T06:30"
    assert "2:30" not in texts("The final score was 2:30 in overtime.")


def test_holidays_and_spoken_years():
    assert one("Stores were busy on Thanksgiving Day.", "Thanksgiving Day", date(1999, 11, 30)).value == "1999-11-25"
    assert one("Sales fell in nineteen ninety-six.", "nineteen ninety-six").value == "1996"
    assert one("Plans for the year two thousand failed.", "the year two thousand").value == "2000"
    assert "two thousand" not in " ".join(texts("Some two thousand troops arrived."))


def test_vague_offsets_and_fractions():
    assert one("A few days later he left.", "A few days").value == "PXD"
    assert one("It took 2 1/2 years.", "2 1/2 years").value == "P2Y6M"
    assert one("It lasted a minute and a half.", "a minute and a half").value == "PT1M30S"
    assert one("It grew over the next couple of years.", "the next couple of years").value == "P2Y"


def test_ages_and_fractions_are_not_durations():
    assert texts("A 52-year-old man and his 6-month-old son, aged 30 years old, owned three-quarters of it.") == []


def test_fiscal_and_financial_quarters():
    dct = date(1989, 11, 2)
    text = "Profit rose in the third quarter. A year earlier, it fell. The year-ago quarter was weak."
    assert one(text, "the third quarter", dct).value == "1989-Q3"
    assert one(text, "A year earlier", dct).value == "1988-Q3"
    assert one(text, "The year-ago quarter", dct).value == "1988-Q3"
    assert one("Results for fiscal 1990's first quarter were late.", "fiscal 1990's first quarter", dct).value == "1990-Q1"
    assert one("Sales in the latest quarter rose.", "the latest quarter", dct).value == "1989-Q3"


def test_offsets_stay_aligned_with_characters_that_lowercase_to_two():
    text = "İİİ On Friday, İstanbul fell, on 5 May 2020."
    got = tag(text, DCT)
    assert [(t.text, t.value) for t in got] == [("Friday", "2023-06-23"), ("5 May 2020", "2020-05-05")]
    assert all(text[t.start:t.end] == t.text for t in got)


def test_overlapping_spans_do_not_duplicate():
    text = "He spoke on Saturday and left on Sunday."
    got = tag(text, DCT, spans=[(0, 25), (10, 40)])
    assert [t.text for t in got] == ["Saturday", "Sunday"]


def test_ordinal_day_words_and_weekday_consistent_year():
    dct = date(1999, 2, 10)
    assert one("It happened on the fifth of November.", "the fifth of November", dct).value == "1998-11-05"
    # Oct. 25 was a Sunday in 1998, not in 1999: the weekday picks the year
    assert one("Voting ended Sunday, Oct. 25, officials said.", "Sunday, Oct. 25", dct).value == "1998-10-25"
    assert "March" not in texts("The first March was hot.", dct)


def test_span_conventions():
    assert texts("The Feb. 23 meeting was delayed.") == ["Feb. 23"]
    assert texts("Stocks hit a five year low.") == ["five year"]
    assert texts("The talks could last over a week.") == ["over a week"]
    assert texts("It fell last June.") == ["last June"]


def test_day_phrases_after_a_story_month_keep_the_month():
    text = "In 1942 the army advanced. In June it reached the river. Two days later it crossed. The next day it rested."
    t = one(text, "Two days later")
    assert (t.value, t.granularity, t.anchor) == ("1942-06", "month", "narrative")
    assert one(text, "The next day").value == "1942-06"
    # a publication-relative coarse date does not become a story clock
    assert one("Last year the group fought. The next day it rested.", "The next day").value == "2023-06-25"


# ---------------------------------------------------------------- held-out-style rules (issue 4)


def test_dawn_nightfall_and_overnight_are_parts_of_day():
    text = "On 28 February residents said shelling had continued overnight and resumed at dawn."
    got = {t.text: t.value for t in tag(text, date(2022, 3, 20))}
    assert got["overnight"] == "2022-02-27TNI"  # the night that ended on the day named
    assert got["dawn"] == "2022-02-28TMO"
    assert one("Services were suspended overnight.", "overnight").value == "2023-06-23TNI"
    assert "overnight" not in texts("The overnight rate rose.")


def test_bare_month_follows_tense_over_distance():
    dct = date(2023, 3, 8)
    assert one("Negotiators hope to sign a deal in December.", "December", dct).value == "2023-12"
    assert one("A ceasefire agreed in December collapsed.", "December", dct).value == "2022-12"


def test_year_earlier_after_a_day_in_the_same_sentence_is_that_day():
    dct = date(2022, 11, 28)
    assert one("Sales on Saturday rose 2 percent from a year earlier.", "a year earlier", dct).value == "2021-11-26"
    assert one("A year ago, shelves were empty.", "A year ago", dct).value == "2021"


def test_story_year_carries_to_later_day_and_month():
    text = "The invasion had been planned for 5 June 1944. On 6 June, at dawn, troops landed. By the end of the month they held Cherbourg."
    dct = date(2024, 6, 6)
    assert one(text, "6 June", dct).value == "1944-06-06"
    assert one(text, "dawn", dct).value == "1944-06-06TMO"
    assert one(text, "the end of the month", dct).value == "1944-06"
    # an adjectival far date is background, not a story clock
    news = "They were charged in the Dec. 21, 1988, bombing. Libya agreed in April to hand them over."
    assert one(news, "April", date(1999, 6, 7)).value == "1999-04"


def test_more_holidays_and_spoken_years():
    assert one("Shoppers crowded stores on Black Friday.", "Black Friday", date(2022, 11, 28)).value == "2022-11-25"
    assert one("Churches were full at Easter.", "Easter", date(2024, 4, 10)).value == "2024-03-31"
    assert one("Parades marked Memorial Day.", "Memorial Day").value == "2023-05-29"
    assert one("The firm was founded in twenty twenty-one.", "twenty twenty-one").value == "2021"
    assert texts("Some twenty five people came.") == []


def test_military_clock_with_zone_and_day_month_after_clock():
    t = one("The statement came at around 3 p.m. local time (1200 GMT).", "1200 GMT", date(2023, 6, 26))
    assert (t.type, t.value) == ("TIME", "2023-06-26T12:00")
    assert one("It expired at midnight on 4 August.", "midnight on 4 August", date(1914, 8, 10)).value == "1914-08-04T24:00"


def test_following_weekend_and_past_decade():
    text = "Shoppers spent heavily on Thanksgiving Day and the following weekend."
    assert one(text, "the following weekend", date(2022, 11, 28)).value == "2022-W47-WE"
    t = one("Wages have barely grown for the past decade.", "the past decade")
    assert (t.type, t.value) == ("DURATION", "P10Y")
    assert one("The siege could last months.", "months").value == "PXM"


def test_weekday_direction_from_scheduled_present_and_reported_future():
    dct = date(2023, 6, 21)  # a Wednesday
    assert one("The summit opens on Monday.", "Monday", dct).value == "2023-06-26"
    assert one("The summit opened on Monday.", "Monday", dct).value == "2023-06-19"
    assert one("The minister said he would visit on Tuesday.", "Tuesday", dct).value == "2023-06-27"
    assert one("They said they would fight Wednesday's ruling.", "Wednesday", dct).value == "2023-06-21"
    assert one("Results are due Thursday.", "Thursday", dct).value == "2023-06-22"


def test_future_quarter_said_late_in_the_year_is_next_year():
    dct = date(2023, 11, 27)
    assert one("It expects traffic to recover in the first quarter.", "the first quarter", dct).value == "2024-Q1"
    assert one("Third-quarter profit is expected to rise.", "Third-quarter", dct).value == "2023-Q3"


def test_uk_clocks_and_two_day_offsets():
    dct = date(2023, 6, 21)
    assert one("At 3.15am the guns opened fire.", "3.15am", dct).value == "2023-06-21T03:15"
    assert texts("Shares rose 3.15 points.", dct) == []
    assert one("He left the day before yesterday.", "the day before yesterday", dct).value == "2023-06-19"
    # the clock's day with weekday and date: the year whose 4 July is a Thursday
    assert one("Polls open at 7am on Thursday 4 July.", "7am on Thursday 4 July", dct).value == "2024-07-04T07:00"


def _value_f1(gold_docs: list[dict]) -> tuple[float, float]:
    """(relaxed span F1, value F1) with one-to-one overlap matching, as TempEval-3 scores them."""
    n_gold = n_sys = relaxed = value_ok = 0
    for d in gold_docs:
        sys_t = tag(d["text"], date.fromisoformat(d["dct"]))
        gold = d["timexes"]
        n_gold, n_sys = n_gold + len(gold), n_sys + len(sys_t)
        used: set[int] = set()
        for g in gold:
            best, best_ov = None, 0
            for j, s in enumerate(sys_t):
                ov = min(g["end"], s.end) - max(g["start"], s.start)
                if j not in used and ov > best_ov:
                    best, best_ov = j, ov
            if best is not None:
                used.add(best)
                relaxed += 1
                value_ok += sys_t[best].value == g["value"]
    return 2 * relaxed / (n_gold + n_sys), 2 * value_ok / (n_gold + n_sys)


def test_narrative_check_set_stays_above_floor():
    """The hand-annotated held-out-style set (war narratives, UK/future/holiday news).

    11 docs, 103 timexes; the last three ("blind-*") were written after the first round of
    rules. Measured 97.1 value F1 / 100 relaxed span F1 after the issue-4 rules (78.2 / 94.4
    before); the floor leaves room for honest trade-offs, not for a lost rule family.
    """
    path = Path(__file__).parent / "data" / "timex_narratives.jsonl"
    docs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(docs) >= 8
    relaxed, value = _value_f1(docs)
    assert relaxed >= 0.95, relaxed
    assert value >= 0.90, value


def test_a_text_without_capitals_has_weekdays_and_months():
    pub = datetime(2002, 3, 2)  # a Saturday
    got = {t.text: t.value for t in tag("new delhi: police on thursday arrested 12 people, and the trial "
                                        "begins on march 15. it was adjourned in february.", pub)}
    assert got == {"thursday": "2002-02-28", "march 15": "2002-03-15", "february": "2002-02"}
    assert tag("police may march on the city if talks fail.", pub) == []  # verbs stay verbs
    # in a text with capitals a lower-case name is no date ("the may queen")
    assert [t.text for t in tag("On Thursday the may queen was crowned. Police arrested him on friday.", pub)] == [
        "Thursday"]


def test_a_relative_clause_date_or_a_deadline_ahead_does_not_move_the_narrative_clock():
    text = ("Leaders met on Wednesday. Trump, who arrived on Sunday evening, praised them. "
            "A day earlier, Zelenskiy had met Rutte.")
    got = {t.text: t.value for t in tag(text, date(2025, 6, 26))}
    assert got["A day earlier"] == "2025-06-24"  # from Wednesday, not from the arrival on Sunday
    text = "Leaders agreed on Wednesday to raise spending by 2035. The previous day, Spain won an exemption."
    got = {t.text: t.value for t in tag(text, date(2025, 6, 26))}
    assert got["The previous day"] == "2025-06-24"  # not the year 2035


def test_weekday_after_would_and_a_long_object_is_the_coming_one():
    """"said it would put the motion to a vote on Saturday": the future, however long the
    object between "would" and the day (not the Saturday before publication)."""
    dct = date(2031, 3, 6)  # a Thursday
    t = one("The Unity Party said it would put the impeachment motion to a vote on Saturday.", "Saturday", dct)
    assert t.value == "2031-03-08"
