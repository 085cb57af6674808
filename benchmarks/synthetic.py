"""Synthetic merged events with the real ``events`` schema, generated vectorised (numpy).

Used by ``bench_storage.py`` (and usable by any benchmark needing millions of events
fast). The data is shaped like dateline's own output rather than uniform noise: a few
hundred actors with a Zipf-like frequency (a story has a few main actors), ten event
types each with its own CAMEO/PLOVER codes, dates clustered around story days, mostly
day-level granularity (coarser dates are the calendar week, month or year, as the time
tagger writes them; 0.4 % are ranges), hour times on a minority of rows, and unique 16-hex ``event_id``
values (as ``tables.merge_events`` makes them: random-looking, incompressible).
Nothing here is about a particular story; actor names are generic.

Low-cardinality string columns are Polars ``Enum`` (1-2 bytes a row) rather than
``String`` (a 16-byte view a row): 10 million events then take ~0.6 GB instead of ~3.5 GB.
DuckDB reads them as Arrow dictionaries into the same VARCHAR columns.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pyarrow as pa

from dateline import tables

#: (event_type, cameo_code, plover_type, plover_mode, share)
TYPES = (
    ("statement", "010", None, None, 0.20),
    ("demand", "100", "DEMAND", None, 0.06),
    ("request", "020", "REQUEST", None, 0.05),
    ("accuse", "112", "ACCUSE", "allege", 0.07),
    ("criticize", "111", "ACCUSE", "disapprove", 0.05),
    ("phone_call", "041", "CONSULT", "phone", 0.06),
    ("meeting", "043", "CONSULT", "meet", 0.05),
    ("visit", "042", "CONSULT", "visit", 0.04),
    ("agree", "057", "AGREE", None, 0.04),
    ("concede", "080", "CONCEDE", None, 0.03),
    ("rule", "115", "ACCUSE", "ban", 0.03),
    ("attack", "190", "ASSAULT", "firearms", 0.06),
    ("arrest", "173", "COERCE", "arrest", 0.06),
    ("threaten", "138", "THREATEN", None, 0.04),
    ("mobilize", "150", "MOBILIZE", None, 0.03),
    ("protest", "140", "PROTEST", "demo", 0.06),
    ("riot", "145", "PROTEST", "riot", 0.03),
    ("announce", "010", None, None, 0.04),
)
#: (granularity, days spanned - 1, share): day-level dominates in dateline's output
GRANS = (("day", 0, 0.84), ("hour", 0, 0.02), ("part-of-day", 0, 0.03), ("week", 6, 0.01),
         ("month", 30, 0.03), ("year", 364, 0.05), (None, None, 0.02))
METHODS = ("explicit_date", "relative_to_publication", "narrative_anchor", "publication_fallback")
MODALITIES = ("asserted", "planned", "negated", "possible", "reported_denial")
LOCATIONS = (None, "Capital", "North", "South", "Border region")
#: confidences one mention gets (events.py assigns a few fixed levels)
MENTION_CONF = np.array([0.55, 0.6, 0.65, 0.7, 0.8])
N_ACTORS = 300
EPOCH = np.datetime64("2000-01-01", "D")


def actor_names(n: int = N_ACTORS) -> list[str]:
    return [f"Actor {i:03d}" for i in range(n)]


#: rows per chunk for the per-row draws: bounds the temporaries (float64 uniforms, int64
#: indices) to a few MB whatever ``n`` is
CHUNK = 1 << 20


def _choice(rng: np.random.Generator, k: int, n: int, p=None, dtype=np.int16) -> np.ndarray:
    """Like ``rng.choice(k, n, p=p)`` but fast and lean for large n (inverse CDF on uniforms,
    drawn in chunks, result in a small integer type)."""
    if p is None:
        return rng.integers(0, k, n).astype(dtype)
    cdf = np.cumsum(p)
    cdf = cdf / cdf[-1]
    out = np.empty(n, dtype)
    for i in range(0, n, CHUNK):
        m = min(CHUNK, n - i)
        out[i:i + m] = np.minimum(np.searchsorted(cdf, rng.random(m)), k - 1)
    return out


def _enum(values, idx: np.ndarray) -> pl.Series:
    """``values[idx]`` as a Polars ``Enum`` (``None`` in ``values`` gives null rows).

    An Enum of up to 255 categories is one byte a row (two up to 65535), and reaches DuckDB
    as an Arrow dictionary: read into the same VARCHAR columns.
    """
    cats = sorted({v for v in values if v is not None})  # Enum order = string order (sorts agree)
    return pl.Series(list(values), dtype=pl.Enum(cats)).gather(pl.Series(idx))


def _pick(rng: np.random.Generator, values, n: int, p=None) -> pl.Series:
    return _enum(values, _choice(rng, len(values), n, p, np.uint8))


def _hex_ids(raw: np.ndarray) -> pl.Series:
    """16-char lower-case hex strings of 8-byte values (rows of a ``uint8`` (n, 8) array)."""
    digits = np.frombuffer(b"0123456789abcdef", np.uint8)
    parts = []
    for i in range(0, len(raw), CHUNK):
        b = raw[i:i + CHUNK]
        text = np.empty((len(b), 16), np.uint8)
        text[:, 0::2], text[:, 1::2] = digits[b >> 4], digits[b & 15]
        offsets = np.arange(0, text.size + 1, 16, dtype=np.int32)
        arr = pa.StringArray.from_buffers(len(b), pa.py_buffer(offsets), pa.py_buffer(text))
        parts.append(pl.Series(arr))
        del text, offsets, arr
    return pl.concat(parts, rechunk=True) if parts else pl.Series([], dtype=pl.String)


def _masked(values: np.ndarray, valid: np.ndarray, dtype: pl.DataType) -> pl.Series:
    """``values`` as ``dtype`` (Date: days, Datetime: microseconds), null where not ``valid``."""
    s = pl.Series(pa.array(values, mask=~valid))
    return s.cast(dtype)


#: share of dated events whose interval is no calendar period: a range of a few days
#: (dateline's own output: 0.4 %, ``store.EVENTS_DDL``)
IRREGULAR = 0.004


def _calendar(start: np.ndarray, gi: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(start, end) day numbers as dateline writes intervals: the calendar week (Monday to
    Sunday), month or year a coarse date names ("last month": 1 - 31 May), and a few ranges."""
    gran = np.array([g[0] for g in GRANS])[gi]
    day = (start + (EPOCH - np.datetime64("1970-01-01", "D")).astype(int)).astype("datetime64[D]")
    week = gran == "week"
    start = np.where(week, start - ((day.astype(int) + 3) % 7), start)  # 1970-01-01 was a Thursday
    month, year = gran == "month", gran == "year"
    first_m = day.astype("datetime64[M]").astype("datetime64[D]")
    first_y = day.astype("datetime64[Y]").astype("datetime64[D]")
    last_m = (day.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    last_y = (day.astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1
    shift = (day - start.astype("timedelta64[D]")).astype(int)  # day number -> days since 1970
    start = np.where(month, (first_m.astype(int) - shift), np.where(year, first_y.astype(int) - shift, start))
    end = np.where(week, start + 6, start)
    end = np.where(month, last_m.astype(int) - shift, np.where(year, last_y.astype(int) - shift, end))
    odd = (gran == "day") & (rng.random(len(start)) < IRREGULAR / 0.84)
    end = np.where(odd, start + rng.integers(1, 8, len(start)), end)
    return start.astype(np.int32), end.astype(np.int32)


def synthetic_events(n: int, seed: int = 7) -> pl.DataFrame:
    """``n`` merged events with exactly ``tables.EVENTS`` as schema, in ``merge_events`` order.

    Memory stays close to the frame itself (~60 bytes an event): draws are made in chunks
    into small integer types, the rows are ordered by one packed key plus the id, and each
    column is built once.
    """
    rng = np.random.default_rng(seed)
    zipf = 1.0 / np.arange(1, N_ACTORS + 1)
    zipf /= zipf.sum()
    names = actor_names()
    ti = _choice(rng, len(TYPES), n, [t[4] for t in TYPES], np.uint8)
    src = _choice(rng, N_ACTORS, n, zipf)
    tgt = _choice(rng, N_ACTORS + 1, n, np.append(zipf * 0.7, 0.3))  # 30 % no target (index N_ACTORS)
    tgt[tgt == src] = N_ACTORS
    # story days: events cluster on ~n/2000 busy days spread over 25 years
    days = rng.integers(0, 9000, max(1, n // 2000)).astype(np.int32)
    start = days[rng.integers(0, len(days), n)]  # (int32)
    start += rng.integers(0, 4, n).astype(np.int32)
    gi = _choice(rng, len(GRANS), n, [g[2] for g in GRANS], np.uint8)
    start, end = _calendar(start, gi, rng)
    undated = np.array([g[1] is None for g in GRANS])[gi]
    timed = np.array([g[0] in ("hour", "part-of-day") for g in GRANS])[gi]
    hour = rng.integers(6, 22, n).astype(np.uint8)
    hour[~timed] = 31  # no time: sorts last within a day (nulls_last)
    raw_ids = np.frombuffer(rng.bytes(8 * n), np.uint8).reshape(n, 8)
    type_rank = np.argsort(np.argsort([t[0] for t in TYPES]))  # order of the type names
    # tables.EVENT_ORDER: source_actor, date_start, time_start, event_type, target_actor
    # (nulls last) packed in one integer, then event_id (hex order = big-endian order)
    key = src.astype(np.uint64) << np.uint64(38)
    key |= np.where(undated, (1 << 15) - 1, start).astype(np.uint64) << np.uint64(23)
    key |= hour.astype(np.uint64) << np.uint64(18)
    key |= type_rank.astype(np.uint64)[ti] << np.uint64(10)
    key |= tgt.astype(np.uint64)
    order = np.lexsort((raw_ids.view(">u8").ravel(), key)) if n else np.arange(0)
    del key
    ti, src, tgt, start, end, gi, undated, timed, hour = (a[order] for a in (ti, src, tgt, start, end, gi, undated,
                                                                             timed, hour))
    event_id = _hex_ids(raw_ids[order])
    del raw_ids, order
    hour_us = hour.astype(np.int64) * 3600 * 10**6
    t0 = start.astype(np.int64) * 86_400 * 10**6 + hour_us
    t1 = t0 + np.where(np.array([g[0] == "hour" for g in GRANS])[gi], 1, 6) * 3600 * 10**6
    del hour_us
    n_mentions = np.minimum(rng.geometric(0.8, n), 40).astype(np.int32)
    base = MENTION_CONF[rng.integers(0, len(MENTION_CONF), n)]
    confidence = np.round(1 - (1 - base) ** n_mentions, 4)  # noisy-or of n equal mentions
    del base
    epoch = int((EPOCH - np.datetime64("1970-01-01", "D")).astype(int))
    types = [t[0] for t in TYPES]
    frame = pl.DataFrame({
        "event_id": event_id,
        "event_type": _enum(types, ti),
        "cameo_code": _enum([t[1] for t in TYPES], ti),
        "plover_type": _enum([t[2] for t in TYPES], ti),
        "plover_mode": _enum([t[3] for t in TYPES], ti),
        "source_actor": _enum(names, src),
        "target_actor": _enum(names + [None], tgt),
        "date_start": _masked(start + epoch, ~undated, pl.Date),
        "date_end": _masked(end + epoch, ~undated, pl.Date),
        "granularity": _enum([g[0] for g in GRANS], gi),
        "time_start": _masked(t0 + epoch * 86_400 * 10**6, timed, pl.Datetime("us")),
        "time_end": _masked(t1 + epoch * 86_400 * 10**6, timed, pl.Datetime("us")),
        "location": _pick(rng, LOCATIONS, n, p=[0.9, 0.03, 0.03, 0.02, 0.02]),
        "n_mentions": pl.Series(n_mentions),
        "n_sources": pl.Series(np.minimum(n_mentions, rng.integers(1, 6, n).astype(np.int32))),
        "confidence": pl.Series(confidence),
        "date_method": _pick(rng, METHODS, n, p=[0.1, 0.35, 0.1, 0.45]),
        "modality": _pick(rng, MODALITIES, n, p=[0.82, 0.1, 0.05, 0.02, 0.01]),
        "date_conflict": pl.Series(rng.random(n) < 0.02),
        "origin": pl.repeat("text", n, eager=True, dtype=pl.Enum(["text"])),
    })
    # the store's types, except that low-cardinality strings stay Enum in memory
    return frame.cast({c: t for c, t in tables.EVENTS.items() if not isinstance(frame[c].dtype, pl.Enum)})
