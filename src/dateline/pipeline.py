"""The pipeline, in order: ingest -> clean -> timex -> events -> tables -> store -> dashboards.

``process_article`` is the per-article stage: a plain function of one article (and the
actor knowledge) with no I/O, so it can run in worker processes or on a cluster.
``run`` drives a whole run: it reads inputs, skips articles already stored unchanged
(content hash), processes the rest, and writes everything in one transaction, then
rebuilds the merged events and (optionally) the dashboards.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from . import clean as clean_stage
from . import store, tables
from .ingest import Problem, UnchangedFile, iter_articles
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


def fingerprint(actor_files: Sequence[Path]) -> str:
    """A hash of what decides the rows: dateline's code and resources, and the actor files.

    An article whose content hash is unchanged is skipped on a re-run only while this is
    the same too; after an upgrade or an edit of actors.csv every input is redone.
    """
    package = Path(__file__).resolve().parent
    paths = [p for p in sorted(package.rglob("*")) if p.suffix in (".py", ".csv", ".txt", ".json", ".jsonl")
             and p.is_file()] + [Path(p) for p in actor_files]
    stats = tuple((str(p), st.st_mtime_ns, st.st_size) for p in paths for st in [p.stat()])
    if _FINGERPRINT and _FINGERPRINT[0] == stats:  # same files, unchanged since: same hash
        return _FINGERPRINT[1]
    h = hashlib.sha256()
    for path in paths[:len(paths) - len(actor_files)]:
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    for path in actor_files:
        h.update(Path(path).read_bytes())
    _FINGERPRINT[:] = [stats, h.hexdigest()[:20]]
    return _FINGERPRINT[1]


_FINGERPRINT: list = []  # [file stats, hash] of the last fingerprint (one process re-running)


def process_article(article: Article, actors) -> tables.ArticleResult:
    """clean -> timex -> events for one article (pure: no I/O)."""
    from . import events, timex

    segments = clean_stage.clean(article)
    spans = clean_stage.kept_spans(segments)
    tx = timex.tag(article.text, article.published, spans=spans)
    mentions = events.extract(article, segments, tx, actors)
    named = actors.records_for(n for m in mentions for n in (m.source_actor, m.target_actor))
    return tables.ArticleResult(article, segments, tx, mentions, actors=named)


def process_or_problem(article: Article, actors) -> tables.ArticleResult | Problem:
    """``process_article``, but a bug tripped by one odd article skips that article, not the run."""
    try:
        return process_article(article, actors)
    except Exception as exc:  # noqa: BLE001 - any stage bug; the run goes on without this article
        what = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}".rstrip(": ")
        who = "" if article.doc_id in article.path else f"{article.doc_id}: "
        return Problem(article.path, f"{who}could not be processed ({what}); skipped, please report this bug")


class InputCache:
    """The input files a run may skip unparsed (``ingest.InputFiles``), from the ``inputs`` table.

    A file is skipped when its bytes hash as when it was stored, the same code and actor
    knowledge built the file's rows (``fingerprint``), the default publication date is the
    same, and every article it gave is still stored. Files read with any problem are not
    recorded, so their problems are shown again on the next run.
    """

    def __init__(self, rows: dict[str, tuple[str, list[str]]], stored: dict[str, str]):
        self.rows, self.stored = rows, stored
        self.new: dict[str, tuple[str, str, list[str]]] = {}  # resolved path -> (as given, digest, ids)
        self.failed: list[str] = []

    @staticmethod
    def _key(path: Path) -> str:
        return str(path.resolve())

    def lookup(self, path: Path, digest: str) -> list[str] | None:
        row = self.rows.get(self._key(path))
        if row is None or row[0] != digest or not all(d in self.stored for d in row[1]):
            return None
        return row[1]

    def record(self, path: Path, digest: str, doc_ids: list[str]) -> None:
        self.new[self._key(path)] = (str(path), digest, doc_ids)

    def fail(self, where: str) -> None:
        """An article of this place (``file`` or ``file:line``) could not be processed."""
        self.failed.append(where)

    def rows_to_save(self, published: str, built_by: str) -> list[tuple[str, str, str, str, list[str]]]:
        bad = tuple(self.failed)
        return [(key, digest, published, built_by, ids) for key, (given, digest, ids) in self.new.items()
                if not any(f == given or f.startswith(given + ":") for f in bad)]


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --------------------------------------------------------------------- worker processes
_WORKER_ACTORS = None


def _init_worker(actor_files: list[str]) -> None:
    global _WORKER_ACTORS
    _WORKER_ACTORS = load_actors([Path(p) for p in actor_files])  # once per worker


def _process_in_worker(article: Article) -> tables.ArticleResult | Problem:
    return process_or_problem(article, _WORKER_ACTORS)


class LocalEngine:
    """Runs the per-article stage in this process (``workers=1``) or in a process pool."""

    def __init__(self, actor_files: Sequence[Path], workers: int = 1):
        self.workers = max(1, workers)
        self.actors = load_actors(actor_files)
        self.pool = None
        if self.workers > 1:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(self.workers, initializer=_init_worker,
                                            initargs=([str(p) for p in actor_files],))

    def map(self, articles: list[Article]) -> list[tables.ArticleResult | Problem]:
        """One result per article, in order; a ``Problem`` for an article a stage failed on."""
        if self.pool is None:
            return [process_or_problem(a, self.actors) for a in articles]
        chunk = max(1, len(articles) // (self.workers * 4))
        return list(self.pool.map(_process_in_worker, articles, chunksize=chunk))

    def submit(self, articles: list[Article]) -> Callable[[], list[tables.ArticleResult | Problem]]:
        """Start ``map`` on a batch; the returned function waits for its results. With a pool,
        the workers go on with this batch while the caller writes the previous one."""
        if self.pool is None:
            return lambda: self.map(articles)
        chunk = max(1, len(articles) // (self.workers * 4))
        running = self.pool.map(_process_in_worker, articles, chunksize=chunk)  # submitted now
        return lambda: list(running)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _one_ahead(stage, batches: Iterable[list[Article]]) -> Iterator[list[tables.ArticleResult | Problem]]:
    """Each batch's results, in order, with the next batch submitted before they are handed on."""
    pending = None
    for batch in batches:
        nxt = stage.submit(batch)
        if pending is not None:
            yield pending()
        pending = nxt
    if pending is not None:
        yield pending()


def _write(con, stage, batches: Iterable[list[Article]], known: dict[str, str], built_by: str,
           summary: RunSummary, report: Callable[[Problem], None],
           progress: Callable[[int, int | None], None] | None, *, in_transaction: bool,
           stored: set[str] | None = None, inputs: Callable[[], list] | None = None,
           stored_fingerprint: str | None = None) -> None:
    """Process ``batches`` with ``stage`` into ``con``, then actors, fingerprint and merged events.

    ``in_transaction``: the caller holds one transaction for everything; otherwise each batch
    commits on its own (into a staged copy of the file). ``stored``: the doc_ids the file
    holds (grown as batches land): a batch of none of them is inserted without deletes.
    ``inputs``: gives the input-file rows to record once every batch is in (``InputCache``).
    ``stored_fingerprint``: the fingerprint the file held when the run began (an unchanged
    one is not written again, and no input row can be another code's).
    """
    tx = (lambda c: contextlib.nullcontext(c)) if in_transaction else store.transaction
    stored = set() if stored is None else stored
    batched = 0  # articles whose actors rows were added with their batch
    for done in _one_ahead(stage, batches):
        results = []
        for r in done:
            if isinstance(r, Problem):
                report(r)
            else:
                results.append(r)
        ids = [r.article.doc_id for r in results]
        new = stored.isdisjoint(ids)
        with tx(con):
            # without known rows every event is merged again below: no touched groups to track
            store.replace_documents(con, tables.build_frames(results), new=new, track=bool(known))
            store.add_actors(con, tables.named_actor_frame(results))  # from every worker
        stored.update(ids)
        batched += len(results)
        summary.processed += len(results)
        if progress:
            progress(summary.processed, None)
    with tx(con):
        store.upsert_actors(con, tables.actor_frame(stage.actors.records()))
        store.set_meta(con, "fingerprint", built_by, old=stored_fingerprint)
        store.save_inputs(con, inputs() if inputs else [], built_by, same_code=stored_fingerprint == built_by)
        if not known or batched < summary.processed:  # a full run, or rows loaded another way (Ray)
            store.add_missing_actors(con)
    if not known:  # a new file, or rows built by other code: merge everything
        con.execute("DELETE FROM events WHERE origin = 'text'")
        store.merge_groups(con, store.text_mention_groups(con))  # whole merge keys per group
    elif summary.processed:  # only the merge groups the new/changed articles touch
        store.remerge_touched(con)


def run(inputs: Sequence[str | Path], *, db: str | Path = DEFAULT_DB, published: datetime | None = None,
        dashboards: str | Path | None = None, actor_files: Sequence[str | Path] = (),
        on_problem: Callable[[Problem], None] | None = None,
        progress: Callable[[int, int | None], None] | None = None, title: str | None = None,
        workers: int = 1, batch_size: int = 256, engine: str = "local",
        parquet_dir: str | Path | None = None) -> RunSummary:
    """Run the whole pipeline over files/folders into the DuckDB file ``db``.

    A run with at most one batch of new or changed articles (a story, an incremental
    re-run) is one DuckDB transaction on the file itself. A bigger run streams its batches,
    each committed on its own, into a private copy of the file (``store.staged``) that
    replaces ``db`` in one rename at the end: memory stays bounded on huge inputs. Either
    way a run killed at any point leaves ``db`` as it was, or complete.
    ``engine="ray"``: the per-article stage runs on Ray Data (``engine_ray``), which writes
    Parquet (under ``parquet_dir``, default a temp folder) that DuckDB loads; the rest is
    the same.
    """
    if engine not in ("local", "ray"):
        raise ValueError(f"unknown engine {engine!r}; choose local or ray")
    t0 = time.perf_counter()
    summary = RunSummary(db=Path(db))
    files = [Path(f) for f in actor_files] or find_actor_files(inputs)
    built_by = fingerprint(files)
    stage, con = None, None

    cache: InputCache | None = None

    def report(problem: Problem) -> None:
        summary.problems.append(problem)
        if cache is not None:
            cache.fail(problem.path)
        if on_problem:
            on_problem(problem)

    def todo(known: dict[str, str]) -> Iterator[Article]:
        for item in iter_articles(inputs, published, files=cache):
            if isinstance(item, Problem):
                report(item)
                continue
            if isinstance(item, UnchangedFile):
                summary.read += len(item.doc_ids)
                summary.skipped_unchanged += len(item.doc_ids)
                continue
            summary.read += 1
            if known.get(item.doc_id) == item.content_hash:
                summary.skipped_unchanged += 1
                continue
            yield item

    try:
        holder = store.connect(db)  # holds the lock for the whole run (DatabaseBusy for others)
        try:
            known = store.stored_hashes(holder)
            stored = set(known)
            stored_fp = store.get_meta(holder, "fingerprint")
            if stored_fp != built_by:
                known = {}  # other code or actor knowledge built these rows: redo every input article
            default_date = published.isoformat() if published else ""
            cache = InputCache(store.stored_inputs(holder, built_by, default_date), known)

            def input_rows() -> list:
                return cache.rows_to_save(default_date, built_by)
            pending = todo(known)
            head = list(itertools.islice(pending, batch_size + 1))
            if engine == "local" and len(head) <= batch_size:
                # a small run (an incremental re-run, one story): one transaction on the file
                # itself; DuckDB rolls an unfinished transaction back, so a kill leaves it as it was
                stage = LocalEngine(files, workers)
                with store.transaction(holder):
                    _write(holder, stage, [head] if head else [], known, built_by, summary, report,
                           progress, in_transaction=True, stored=stored, inputs=input_rows,
                           stored_fingerprint=stored_fp)
                con, holder = holder, None  # the file is complete: read the summary from it
            else:
                # a big run: batches committed one by one into a private copy, renamed into place
                with store.staged(db, holder) as work:
                    if engine == "ray":
                        from .engine_ray import RayEngine

                        stage = RayEngine(files, workers, parquet_dir)
                        summary.processed += stage.run(itertools.chain(head, pending), work, report)
                        batches: Iterable[list[Article]] = iter(())
                    else:
                        stage = LocalEngine(files, workers)
                        batches = _batches(itertools.chain(head, pending), batch_size)
                    _write(work, stage, batches, known, built_by, summary, report, progress,
                           in_transaction=False, stored=stored, inputs=input_rows,
                           stored_fingerprint=stored_fp)
        finally:
            if holder is not None:
                holder.close()
        if con is None:
            con = store.connect(db)  # the complete file, now in place
        summary.counts, summary.date_range = store.counts_and_dates(con)
        if dashboards is not None:
            from . import dashboards as dash

            summary.files.extend(dash.build(con, dashboards, title=title))
    finally:
        if stage is not None:
            stage.close()
        if con is not None:
            con.close()
    summary.files.insert(0, Path(db))
    summary.seconds = time.perf_counter() - t0
    return summary
