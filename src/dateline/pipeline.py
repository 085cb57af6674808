"""The pipeline, in order: ingest -> clean -> timex -> events -> tables -> store -> dashboards.

``process_article`` is the per-article stage: a plain function of one article (and the
actor knowledge) with no I/O, so it can run in worker processes or on a cluster.
``run`` drives a whole run: it reads inputs, skips articles already stored unchanged
(content hash), processes the rest, and writes everything in one transaction, then
rebuilds the merged events and (optionally) the dashboards.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable, Sequence

from . import clean as clean_stage
from . import store, tables
from .ingest import Problem, iter_articles
from .models import Article

#: Where `dateline run` writes the DuckDB file when --db is not given.
DEFAULT_DB = Path("data/processed/dateline.duckdb")


@dataclass
class RunSummary:
    db: Path
    read: int = 0
    skipped_unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    processed: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    date_range: tuple[date | None, date | None] = (None, None)
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return sum(1 for p in self.problems if p.fatal)


def load_actors(actor_files: Sequence[Path] = ()):
    from .actors import ActorIndex

    return ActorIndex.load([Path(p) for p in actor_files])


def find_actor_files(inputs: Iterable[str | Path]) -> list[Path]:
    """Story knowledge beside the inputs: an ``actors.csv`` in an input folder or its parent."""
    found: list[Path] = []
    for raw in inputs:
        p = Path(raw)
        folder = p if p.is_dir() else p.parent
        for cand in (folder / "actors.csv", folder.parent / "actors.csv"):
            if cand.is_file() and cand.resolve() not in {f.resolve() for f in found}:
                found.append(cand)
    return found


def process_article(article: Article, actors) -> tables.ArticleResult:
    """clean -> timex -> events for one article (pure: no I/O)."""
    from . import events, timex

    segments = clean_stage.clean(article)
    spans = clean_stage.kept_spans(segments)
    tx = timex.tag(article.text, article.published, spans=spans)
    mentions = events.extract(article, segments, tx, actors)
    return tables.ArticleResult(article, segments, tx, mentions)


def run(inputs: Sequence[str | Path], *, db: str | Path = DEFAULT_DB, published: datetime | None = None,
        dashboards: str | Path | None = None, actor_files: Sequence[str | Path] = (),
        on_problem: Callable[[Problem], None] | None = None,
        progress: Callable[[int, int], None] | None = None, title: str | None = None) -> RunSummary:
    """Run the whole pipeline over files/folders into the DuckDB file ``db``."""
    t0 = time.perf_counter()
    summary = RunSummary(db=Path(db))
    files = [Path(f) for f in actor_files] or find_actor_files(inputs)
    actors = load_actors(files)
    con = store.connect(db)
    try:
        known = store.stored_hashes(con)
        todo: list[Article] = []
        for item in iter_articles(inputs, published):
            if isinstance(item, Problem):
                summary.problems.append(item)
                if on_problem:
                    on_problem(item)
                continue
            summary.read += 1
            if known.get(item.doc_id) == item.content_hash:
                summary.skipped_unchanged += 1
                continue
            todo.append(item)
        results = []
        for i, art in enumerate(todo, 1):
            results.append(process_article(art, actors))
            if progress:
                progress(i, len(todo))
        summary.processed = len(results)
        frames = tables.build_frames(results)
        with store.transaction(con):
            store.replace_documents(con, frames)
            store.upsert_actors(con, tables.actor_frame(actors.records()))
            if results or not known:
                events, assign = tables.merge_events(store.all_mentions(con))
                store.replace_events(con, events, assign)
        summary.counts = store.counts(con)
        summary.date_range = con.execute(
            "SELECT min(date_start), max(date_end) FROM events WHERE date_start IS NOT NULL").fetchone()
        if dashboards is not None:
            from . import dashboards as dash

            summary.files.extend(dash.build(con, dashboards, title=title))
    finally:
        con.close()
    summary.files.insert(0, Path(db))
    summary.seconds = time.perf_counter() - t0
    return summary
