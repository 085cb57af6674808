"""Synthetic merged events with the real ``events`` schema, generated vectorised (numpy).

Used by ``bench_storage.py`` (and usable by any benchmark needing millions of events
fast). The data is shaped like dateline's own output rather than uniform noise: a few
hundred actors with a Zipf-like frequency (a story has a few main actors), ten event
types each with its own CAMEO/PLOVER codes, dates clustered around story days, mostly
day-level granularity, hour times on a minority of rows, and unique 16-hex ``event_id``
values (as ``tables.merge_events`` makes them: random-looking, incompressible).
Nothing here is about a particular story; actor names are generic.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pyarrow as pa

from dateline import tables

#: (event_type, cameo_code, plover_type, plover_mode, share)
TYPES = (
    ("statement", "010", None, None, 0.28),
    ("phone_call", "041", "CONSULT", "phone", 0.12),
    ("meeting", "043", "CONSULT", "meet", 0.08),
    ("visit", "042", "CONSULT", "visit", 0.05),
    ("accuse", "112", "ACCUSE", None, 0.10),
    ("attack", "190", "ASSAULT", "firearms", 0.10),
    ("threaten", "138", "THREATEN", None, 0.05),
    ("agree", "057", "AGREE", None, 0.05),
    ("mobilize", "150", "MOBILIZE", None, 0.05),
    ("protest", "140", "PROTEST", "demonstrate", 0.12),
)
GRANS = (("day", 0, 0.62), ("hour", 0, 0.12), ("part-of-day", 0, 0.04), ("week", 6, 0.04),
         ("month", 30, 0.08), ("year", 364, 0.06), (None, None, 0.04))
METHODS = ("explicit_date", "relative_to_publication", "narrative_anchor", "publication_fallback")
MODALITIES = ("asserted", "asserted", "asserted", "asserted", "reported_denial", "negated", "planned", "possible")
LOCATIONS = (None, None, None, None, "Capital", "North", "South", "Border region")
N_ACTORS = 300
EPOCH = np.datetime64("2000-01-01", "D")


def actor_names(n: int = N_ACTORS) -> list[str]:
    return [f"Actor {i:03d}" for i in range(n)]


def _pick(rng: np.random.Generator, values, n: int, p=None) -> pa.Array:
    """Arrow string array of ``values[i]`` for random i: built as dictionary then decoded."""
    idx = rng.choice(len(values), n, p=p)
    return pa.DictionaryArray.from_arrays(pa.array(idx, pa.int32()), pa.array(values, pa.string())).cast(pa.string())


def _take(values, idx: np.ndarray) -> pa.Array:
    return pa.DictionaryArray.from_arrays(pa.array(idx, pa.int32()), pa.array(values)).dictionary_decode()


def synthetic_events(n: int, seed: int = 7) -> pl.DataFrame:
    """``n`` merged events with exactly ``tables.EVENTS`` as schema."""
    rng = np.random.default_rng(seed)
    zipf = 1.0 / np.arange(1, N_ACTORS + 1)
    zipf /= zipf.sum()
    names = actor_names()
    ti = rng.choice(len(TYPES), n, p=[t[4] for t in TYPES])
    src = rng.choice(N_ACTORS, n, p=zipf)
    tgt = rng.choice(N_ACTORS + 1, n, p=np.append(zipf * 0.7, 0.3))  # 30 % no target
    # story days: events cluster on ~n/2000 busy days spread over 25 years
    days = rng.integers(0, 9000, max(1, n // 2000))
    start = days[rng.integers(0, len(days), n)] + rng.integers(0, 4, n)
    gi = rng.choice(len(GRANS), n, p=[g[2] for g in GRANS])
    span = np.array([g[1] if g[1] is not None else 0 for g in GRANS])[gi]
    undated = np.array([g[1] is None for g in GRANS])[gi]
    d0 = EPOCH + start.astype("timedelta64[D]")
    d1 = d0 + span.astype("timedelta64[D]")
    hour = np.array([g[0] in ("hour", "part-of-day") for g in GRANS])[gi]
    h0 = d0.astype("datetime64[us]") + (rng.integers(6, 22, n) * 3600 * 10**6).astype("timedelta64[us]")
    h1 = h0 + np.where(np.array([g[0] == "hour" for g in GRANS])[gi], 1, 6).astype("timedelta64[h]")
    ids = pa.FixedSizeBinaryArray.from_buffers(pa.binary(8), n, [None, pa.py_buffer(rng.bytes(8 * n))])
    n_mentions = np.minimum(rng.geometric(0.55, n), 40).astype(np.int32)
    conf_levels = np.round(1 - (1 - 0.55) ** np.arange(1, 41), 4)
    frame = pl.DataFrame({
        "event_id": pl.from_arrow(ids.cast(pa.binary())).bin.encode("hex"),
        "event_type": pl.from_arrow(_take([t[0] for t in TYPES], ti)),
        "cameo_code": pl.from_arrow(_take([t[1] for t in TYPES], ti)),
        "plover_type": pl.from_arrow(_take([t[2] for t in TYPES], ti)),
        "plover_mode": pl.from_arrow(_take([t[3] for t in TYPES], ti)),
        "source_actor": pl.from_arrow(_take(names, src)),
        "target_actor": pl.from_arrow(_take(names + [None], tgt)),
        "date_start": pl.Series(np.where(undated, np.datetime64("NaT"), d0)),
        "date_end": pl.Series(np.where(undated, np.datetime64("NaT"), d1)),
        "granularity": pl.from_arrow(_take([g[0] for g in GRANS], gi)),
        "time_start": pl.Series(np.where(hour, h0, np.datetime64("NaT"))),
        "time_end": pl.Series(np.where(hour, h1, np.datetime64("NaT"))),
        "location": pl.from_arrow(_pick(rng, LOCATIONS, n)),
        "n_mentions": pl.Series(n_mentions),
        "n_sources": pl.Series(np.minimum(n_mentions, rng.integers(1, 6, n)).astype(np.int32)),
        "confidence": pl.Series(conf_levels[n_mentions - 1]),
        "date_method": pl.from_arrow(_pick(rng, METHODS, n, p=[0.35, 0.4, 0.15, 0.1])),
        "modality": pl.from_arrow(_pick(rng, MODALITIES, n)),
        "date_conflict": pl.Series(rng.random(n) < 0.02),
        "origin": pl.repeat("text", n, eager=True),
    })
    return frame.cast(tables.EVENTS)  # type: ignore[arg-type]
