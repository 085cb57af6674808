"""ingest: formats, publication dates, and one clear problem per bad input."""

from __future__ import annotations

import gzip
import json
from datetime import datetime, timedelta, timezone

from conftest import STORY, write

from dateline.ingest import Problem, decode, iter_articles, parse_published
from dateline.models import Article

PUB = datetime(2023, 6, 24, tzinfo=timezone.utc)


def _split(items):
    arts = [i for i in items if isinstance(i, Article)]
    probs = [i for i in items if isinstance(i, Problem)]
    return arts, probs


def test_front_matter_article(tmp_path):
    p = write(tmp_path / "a.md", "---\ntitle: Storm hits\npublished: 2024-10-09T08:00:00-04:00\n"
                                  "source: Coast Wire\nurl: https://example.org/x\n---\nA storm hit the town last week.\n")
    (art,), probs = _split(list(iter_articles([p])))
    assert not probs
    assert art.title == "Storm hits" and art.source == "Coast Wire" and art.url == "https://example.org/x"
    assert art.published.isoformat() == "2024-10-09T08:00:00-04:00"
    assert art.text.startswith("A storm hit") and art.doc_id == "a"
    assert len(art.content_hash) == 20


def test_plain_text_uses_published_option(tmp_path):
    p = write(tmp_path / "b.txt", "Officials met on Monday.\n")
    (art,), _ = _split(list(iter_articles([p], PUB)))
    assert art.published == PUB


def test_no_publication_date_is_a_problem(tmp_path):
    p = write(tmp_path / "c.txt", "Officials met on Monday.\n")
    arts, (prob,) = _split(list(iter_articles([p])))
    assert not arts and "c.txt" in str(prob) and "no publication date" in prob.cause


def test_bad_inputs_each_give_one_problem_and_others_go_on(tmp_path):
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "blank.txt", "   \n\t\n")
    write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    write(tmp_path / "zipped.md", gzip.compress(b"hello"))
    write(tmp_path / "badyaml.md", "---\ntitle: [unclosed\n---\nText.\n")
    write(tmp_path / "baddate.md", "---\npublished: not a date at all zz\n---\nText.\n")
    write(tmp_path / "future.md", f"---\npublished: {(datetime.now() + timedelta(days=400)).date()}\n---\nText.\n")
    write(tmp_path / "old.md", "---\npublished: 1850-01-01\n---\nText.\n")
    write(tmp_path / "good.txt", "A real article about a visit on Monday.\n")
    arts, probs = _split(list(iter_articles([tmp_path], PUB)))
    assert [a.doc_id for a in arts] == ["good"]
    causes = {p.path.split("/")[-1]: p.cause for p in probs}
    assert causes["empty.txt"] == "empty file"
    assert "whitespace" in causes["blank.txt"]
    assert "PNG" in causes["image.txt"]
    assert "gzip" in causes["zipped.md"]
    assert "front matter" in causes["badyaml.md"]
    assert "published" in causes["baddate.md"]
    assert "future" in causes["future.md"]
    assert "before 1900" in causes["old.md"]


def test_encodings(tmp_path):
    text = "Le président a parlé lundi."
    write(tmp_path / "u16.txt", text.encode("utf-16"))
    write(tmp_path / "latin1.txt", text.encode("latin-1"))
    arts, probs = _split(list(iter_articles([tmp_path], PUB)))
    assert not probs
    assert sorted(a.text.strip() for a in arts) == [text, text]


def test_decode_rejects_binary_garbage():
    assert decode(bytes(range(256)) * 4)[0] is None


def test_jsonl_lines_and_broken_lines(tmp_path):
    lines = [
        json.dumps({"doc_id": "d1", "dct": "2023-06-24", "text": "They met on Friday.", "title": "T"}),
        "{broken json",
        json.dumps({"doc_id": "d2", "published": "2023-06-25T10:00:00+03:00"}),
        json.dumps({"doc_id": "d3", "dct": "2023-06-24", "text": 42}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"doc_id": "d4", "text": "No date here."}),
    ]
    p = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    arts, probs = _split(list(iter_articles([p])))
    assert [a.doc_id for a in arts] == ["d1"]
    assert arts[0].published.date().isoformat() == "2023-06-24"
    where = {pr.path.rsplit(":", 1)[1]: pr.cause for pr in probs}
    assert "broken JSON" in where["2"] and "missing `text`" in where["3"]
    assert "not a string" in where["4"] and "not an object" in where["5"]
    assert "no publication date" in where["6"]


def test_html_article(tmp_path):
    body = " ".join(["The mayor visited the flooded district on Monday and promised help."] * 6)
    html = (f"<html><head><title>Flood visit</title></head><body><nav>Home | News</nav>"
            f"<article><h1>Flood visit</h1><p>{body}</p><p>{body}</p></article></body></html>")
    p = write(tmp_path / "page.html", html)
    (art,), probs = _split(list(iter_articles([p], PUB)))
    assert not probs and "mayor visited" in art.text and "Home | News" not in art.text


def test_broken_html_is_a_problem(tmp_path):
    p = write(tmp_path / "broken.html", "<html><div><div><<<>>>")
    arts, (prob,) = _split(list(iter_articles([p], PUB)))
    assert not arts and "broken.html" in str(prob)


def test_missing_path_and_unknown_extension(tmp_path):
    other = write(tmp_path / "x.docx", "zz")
    probs = list(iter_articles([tmp_path / "nope", other]))
    assert [p.cause.split(" (")[0] for p in probs] == ["no such file or folder", "unsupported file type '.docx'"]


def test_bundled_story_reads_cleanly():
    arts, probs = _split(list(iter_articles([STORY / "articles"])))
    assert not probs and len(arts) >= 8
    days = sorted(a.published.date().isoformat() for a in arts)
    assert "2023-06-23" <= days[0] and days[-1] <= "2023-06-28"
    assert all(a.title and a.source and a.published.tzinfo for a in arts)


def test_parse_published_forms():
    assert parse_published("2023-06-24").date().isoformat() == "2023-06-24"
    assert parse_published("2023-06-24T10:00:00Z").tzinfo is not None
    assert parse_published("24 June 2023").date().isoformat() == "2023-06-24"
    assert parse_published(None) is None


class _Files:
    """A minimal ``InputFiles``: remembers what was recorded, knows what it is given."""

    def __init__(self, known=None):
        self.known, self.recorded = dict(known or {}), {}

    def lookup(self, path, digest):
        row = self.known.get(str(path))
        return row[1] if row and row[0] == digest else None

    def record(self, path, digest, ids):
        self.recorded[str(path)] = (digest, ids)


def test_unchanged_files_are_not_parsed_again(tmp_path):
    from dateline.ingest import UnchangedFile, iter_articles

    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"doc_id": "a", "published": "2023-06-24", "text": "The mayor spoke on Monday."}\n'
                    '{"doc_id": "b", "published": "2023-06-24", "text": "Talks ended on Friday."}\n')
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"doc_id": "c", "published": "2023-06-24", "text": "Fine."}\n{not json\n')
    files = _Files()
    first = list(iter_articles([tmp_path], files=files))
    assert sorted(a.doc_id for a in first if hasattr(a, "doc_id")) == ["a", "b", "c"]
    assert list(files.recorded) == [str(feed)]  # the file with a broken line is not recorded
    again = list(iter_articles([tmp_path], files=_Files(files.recorded)))
    skipped = [x for x in again if isinstance(x, UnchangedFile)]
    assert [(s.path, s.doc_ids) for s in skipped] == [(str(feed), ["a", "b"])]
    assert any("broken.jsonl" in str(x) for x in again if not isinstance(x, UnchangedFile))  # shown again
    feed.write_text(feed.read_text().replace("Monday", "Tuesday"))  # same size, new bytes: parsed
    third = list(iter_articles([tmp_path], files=_Files(files.recorded)))
    assert not any(isinstance(x, UnchangedFile) for x in third)


def test_incremental_run_skips_unchanged_files_and_redoes_edited_ones(tmp_path):
    import shutil

    from conftest import GENERAL

    from dateline import pipeline, store

    folder = tmp_path / "in"
    shutil.copytree(GENERAL, folder)
    db = tmp_path / "x.duckdb"
    first = pipeline.run([folder], db=db)
    calls = []
    real = pipeline.iter_articles

    def spy(*a, **k):
        for item in real(*a, **k):
            calls.append(type(item).__name__)
            yield item

    pipeline.iter_articles = spy
    try:
        second = pipeline.run([folder], db=db)
        assert second.read == first.read and second.skipped_unchanged == first.processed
        assert "Article" not in calls and "UnchangedFile" in calls  # nothing parsed
        edited = next(p for p in sorted(folder.iterdir()) if p.suffix in (".md", ".txt"))
        edited.write_text(edited.read_text(encoding="utf-8").replace("  ", " ") + "\nMore text.\n", encoding="utf-8")
        third = pipeline.run([folder], db=db)
        assert third.processed == 1
        con = store.connect(db)
        # a document deleted by hand is read again even though its file did not change
        con.execute("DELETE FROM documents WHERE doc_id = (SELECT min(doc_id) FROM documents)")
        con.close()
        fourth = pipeline.run([folder], db=db)
        assert fourth.processed == 1
    finally:
        pipeline.iter_articles = real


def test_plain_header_lines_give_title_and_publication(tmp_path):
    from dateline.ingest import read_articles

    p = tmp_path / "quake.txt"
    p.write_text("Title: Aftershocks hamper rescue work\nPublished: 2025-02-11 18:05\n\n"
                 "Rescue teams pulled two survivors from the rubble on Tuesday.\n", encoding="utf-8")
    (art,) = list(read_articles(p))
    assert art.title == "Aftershocks hamper rescue work"
    assert art.published.date().isoformat() == "2025-02-11"
    assert art.text.startswith("Rescue teams")
    q = tmp_path / "plain.txt"
    q.write_text("Date: a line of the story itself\nthat goes on.\n", encoding="utf-8")
    (art2,) = [a for a in read_articles(q, None) if hasattr(a, "text")] or [None]
    assert art2 is None or art2.text.startswith("Date:")


def test_a_bad_published_header_line_is_one_clear_problem(tmp_path):
    from dateline.ingest import Problem, read_articles

    p = tmp_path / "bad.txt"
    p.write_bytes(b"Title: X\r\nPublished: not a date\r\n\r\nBody text.\r\n")
    (item,) = list(read_articles(p))
    assert isinstance(item, Problem) and "bad `published` header line" in str(item) and "bad.txt" in str(item)


def test_html_publication_time_keeps_its_hour_and_offset(tmp_path):
    """A page's "article:published_time" with a time and an offset gives that instant (not
    midnight); a page that gives a day only gives that day."""
    body = " ".join(["The mayor visited the flooded district on Monday and promised help."] * 6)

    def page(meta: str) -> str:
        return (f"<html><head><title>Flood visit</title>{meta}</head><body><article><h1>Flood visit</h1>"
                f"<p>{body}</p><p>{body}</p></article></body></html>")

    timed = write(tmp_path / "timed.html", page('<meta property="article:published_time" content="2023-10-10T14:20:00+03:00">'))
    dated = write(tmp_path / "dated.html", page('<meta name="date" content="2023-10-10">'))
    (a,), _ = _split(list(iter_articles([timed], None)))
    (b,), _ = _split(list(iter_articles([dated], None)))
    assert a.published.utcoffset() is not None and a.published.isoformat() == "2023-10-10T14:20:00+03:00", a.published
    assert (b.published.date().isoformat(), b.published.hour, b.published.minute) == ("2023-10-10", 0, 0), b.published
