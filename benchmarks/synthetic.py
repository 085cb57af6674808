"""Synthetic merged events with the real ``events`` schema, generated vectorised (numpy).

Used by ``bench_storage.py`` (and usable by any benchmark needing millions of events
fast). The data is shaped like dateline's own output rather than uniform noise: a few
hundred actors with a Zipf-like frequency (a story has a few main actors), ten event
types each with its own CAMEO/PLOVER codes, dates clustered around story days, mostly
day-level granularity, hour times on a minority of rows, and unique 16-hex ``event_id``
values (as ``tables.merge_events`` makes them: random-looking, incompressible).
Nothing here is about a particular story; actor names are generic.

Low-cardinality string columns are Polars ``Categorical`` (4 bytes a row) rather than
``String`` (a 16-byte view a row): 10 million events then take ~1.3 GB instead of ~3.5 GB.
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


def _choice(rng: np.random.Generator, k: int, n: int, p=None) -> np.ndarray:
    """Like ``rng.choice(k, n, p=p)`` but fast for large n (inverse CDF on uniforms)."""
    if p is None:
        return rng.integers(0, k, n, dtype=np.int32)
    cdf = np.cumsum(p)
    return np.minimum(np.searchsorted(cdf / cdf[-1], rng.random(n)), k - 1).astype(np.int32)


def _pick(rng: np.random.Generator, values, n: int, p=None) -> pl.Series:
    """Categorical series of ``values[i]`` for random i."""
    return _take(values, _choice(rng, len(values), n, p))


def _take(values, idx: np.ndarray) -> pl.Series:
    """``values[idx]`` as a Categorical series (dictionary-encoded: 4 bytes a row)."""
    arr = pa.DictionaryArray.from_arrays(pa.array(idx, pa.int32()), pa.array(values, pa.string()))
    return pl.Series(arr)


def _order(n: int, *keys: np.ndarray) -> np.ndarray:
    """Row permutation sorting by ``keys`` (first key most significant), like ``np.lexsort``."""
    return np.lexsort(tuple(reversed(keys))) if n else np.arange(0)


def synthetic_events(n: int, seed: int = 7) -> pl.DataFrame:
    """``n`` merged events with exactly ``tables.EVENTS`` as schema, in ``merge_events`` order."""
    rng = np.random.default_rng(seed)
    zipf = 1.0 / np.arange(1, N_ACTORS + 1)
    zipf /= zipf.sum()
    names = actor_names()
    ti = _choice(rng, len(TYPES), n, [t[4] for t in TYPES])
    src = _choice(rng, N_ACTORS, n, zipf)
    tgt = _choice(rng, N_ACTORS + 1, n, np.append(zipf * 0.7, 0.3))  # 30 % no target (index N_ACTORS)
    tgt = np.where(tgt == src, N_ACTORS, tgt)
    # story days: events cluster on ~n/2000 busy days spread over 25 years
    days = rng.integers(0, 9000, max(1, n // 2000))
    start = days[rng.integers(0, len(days), n)] + rng.integers(0, 4, n)
    gi = _choice(rng, len(GRANS), n, [g[2] for g in GRANS])
    undated = np.array([g[1] is None for g in GRANS])[gi]
    start = np.where(undated, np.iinfo(np.int64).max, start)  # undated sort last (nulls_last)
    timed = np.array([g[0] in ("hour", "part-of-day") for g in GRANS])[gi]
    hour = np.where(timed, rng.integers(6, 22, n), 99)  # 99: no time (sorts last within a day)
    raw_ids = rng.bytes(8 * n)
    id_key = np.frombuffer(raw_ids, dtype=">u8")  # hex order of the id = big-endian order
    type_rank = np.argsort(np.argsort([t[0] for t in TYPES]))  # order of the type names
    order = _order(n, src, start, hour, type_rank[ti], tgt, id_key)  # tables.EVENT_ORDER
    ti, src, tgt, start, gi, undated, timed, hour = (a[order] for a in (ti, src, tgt, start, gi, undated, timed, hour))
    ids = np.frombuffer(raw_ids, dtype="V8")[order].tobytes()
    span = np.array([g[1] if g[1] is not None else 0 for g in GRANS])[gi]
    d0 = EPOCH + np.where(undated, 0, start).astype("timedelta64[D]")
    d1 = d0 + span.astype("timedelta64[D]")
    h0 = d0.astype("datetime64[us]") + (np.minimum(hour, 23) * 3600 * 10**6).astype("timedelta64[us]")
    h1 = h0 + np.where(np.array([g[0] == "hour" for g in GRANS])[gi], 1, 6).astype("timedelta64[h]")
    n_mentions = np.minimum(rng.geometric(0.8, n), 40).astype(np.int32)
    base = MENTION_CONF[rng.integers(0, len(MENTION_CONF), n)]
    confidence = np.round(1 - (1 - base) ** n_mentions, 4)  # noisy-or of n equal mentions
    id_arr = pa.FixedSizeBinaryArray.from_buffers(pa.binary(8), n, [None, pa.py_buffer(ids)])
    frame = pl.DataFrame({
        "event_id": pl.from_arrow(id_arr.cast(pa.binary())).bin.encode("hex"),
        "event_type": (_take([t[0] for t in TYPES], ti)),
        "cameo_code": (_take([t[1] for t in TYPES], ti)),
        "plover_type": (_take([t[2] for t in TYPES], ti)),
        "plover_mode": (_take([t[3] for t in TYPES], ti)),
        "source_actor": (_take(names, src)),
        "target_actor": (_take(names + [None], tgt)),
        "date_start": pl.Series(np.where(undated, np.datetime64("NaT"), d0)),
        "date_end": pl.Series(np.where(undated, np.datetime64("NaT"), d1)),
        "granularity": (_take([g[0] for g in GRANS], gi)),
        "time_start": pl.Series(np.where(timed, h0, np.datetime64("NaT"))),
        "time_end": pl.Series(np.where(timed, h1, np.datetime64("NaT"))),
        "location": (_pick(rng, LOCATIONS, n, p=[0.9, 0.03, 0.03, 0.02, 0.02])),
        "n_mentions": pl.Series(n_mentions),
        "n_sources": pl.Series(np.minimum(n_mentions, rng.integers(1, 6, n)).astype(np.int32)),
        "confidence": pl.Series(confidence),
        "date_method": (_pick(rng, METHODS, n, p=[0.1, 0.35, 0.1, 0.45])),
        "modality": (_pick(rng, MODALITIES, n, p=[0.82, 0.1, 0.05, 0.02, 0.01])),
        "date_conflict": pl.Series(rng.random(n) < 0.02),
        "origin": pl.repeat("text", n, eager=True, dtype=pl.Categorical),
    })
    # the store's types, except that low-cardinality strings stay Categorical in memory
    return frame.cast({c: t for c, t in tables.EVENTS.items() if frame[c].dtype != pl.Categorical})
