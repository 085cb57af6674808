"""Issue 8, nothing injected: hostile article text stays text, in SQL and in every dashboard.

The project's own test articles are rewritten with ``<script>``, ``onerror=`` and
``</script>`` payloads in their titles, sources, sentences and in an actor's name, and run
through the real ``dateline run --dashboards``. The payloads must be stored verbatim
(they reach the pages) and, in headless Chromium, show as text while no script runs.
SQL side: values go as parameters (a doc_id that is SQL round-trips, an export folder
with a quote works) and ``dateline query`` refuses any name that is not a file in queries/.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import duckdb
import frontmatter
import pytest
from typer.testing import CliRunner

from conftest import GENERAL, ROOT, write
from test_dashboards import _payload
from dateline.cli import app
from test_dashboards_browser import CHROMIUM, PageLog, browser  # noqa: F401 - the shared chromium fixture

runner = CliRunner()
PAYLOADS = (
    "<script>window.__pwned=1;document.title='pwned'</script>",
    "<img src=x onerror=\"window.__pwned=2;document.title='pwned'\">",
    "</script><script>window.__pwned=3</script>",
    "<svg onload=\"window.__pwned=4\"></svg>",
)
ACTOR_PAYLOAD = " <img src=y onerror=\"window.__pwned=5\">"
PLOTS = {"timeline.html": "timeline", "network.html": "network", "day.html": "day"}


def poison_article(src: Path, dst: Path) -> None:
    """Payloads in the title, source, and before the full stop of every sentence of ``src``."""
    post = frontmatter.load(src)
    post["title"] = f"{post['title']} {PAYLOADS[0]}"
    post["source"] = f"{post.get('source', 'Wire')} {PAYLOADS[1]}"
    count = iter(range(10**6))
    post.content = re.sub(r"(\w)\.(\s)", lambda m: f"{m[1]} {PAYLOADS[next(count) % len(PAYLOADS)]}.{m[2]}",
                          post.content)
    dst.write_text(frontmatter.dumps(post) + "\n", encoding="utf-8")


def poison_actors(src: Path, dst: Path) -> str:
    """The first person of ``src`` gets a payload in its canonical name; returns that name."""
    rows = list(csv.DictReader(src.open(encoding="utf-8")))
    person = next(r for r in rows if r["kind"] == "person")
    person["name"] += ACTOR_PAYLOAD
    with dst.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return person["name"]


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("inject")
    (tmp / "in").mkdir()
    for p in sorted(GENERAL.glob("*.md")):
        poison_article(p, tmp / "in" / p.name)
    actor = poison_actors(GENERAL / "actors.csv", tmp / "actors_payload.csv")
    db, dash = tmp / "x.duckdb", tmp / "dash"
    r = runner.invoke(app, ["run", "-q", "--db", str(db), "--dashboards", str(dash), "--actors",
                            str(tmp / "actors_payload.csv"), "--title", "Story " + PAYLOADS[2], str(tmp / "in")])
    assert r.exit_code == 0, r.output
    return {"db": db, "dash": dash, "actor": actor}


def test_payloads_are_stored_verbatim(poisoned):
    """The payloads really reach the data the dashboards are drawn from."""
    con = duckdb.connect(str(poisoned["db"]), read_only=True)
    try:
        titles = [t for (t,) in con.execute("SELECT title FROM documents").fetchall()]
        sentences = " ".join(s for (s,) in con.execute("SELECT sentence FROM mentions").fetchall())
        actor_events = con.execute("SELECT count(*) FROM events WHERE ? IN (source_actor, target_actor)",
                                   [poisoned["actor"]]).fetchone()[0]
    finally:
        con.close()
    assert titles and all(t.endswith(PAYLOADS[0]) for t in titles)
    assert all(p in sentences for p in PAYLOADS)
    assert actor_events > 0


def test_pages_escape_payloads_in_their_source(poisoned):
    pages = sorted(poisoned["dash"].glob("*.html"))
    assert {p.name for p in pages} >= {"index.html", *PLOTS}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for payload in PAYLOADS + (ACTOR_PAYLOAD.strip(),):
            assert payload not in html, (page.name, payload)
        assert "window.__pwned" in html  # present, but only as escaped data
        if page.name in PLOTS:  # the plot's data travels deflated: decode it and check it too
            data = json.dumps(_payload(html, PLOTS[page.name]), ensure_ascii=False)
            for payload in PAYLOADS + (ACTOR_PAYLOAD.strip(),):
                assert payload not in data, (page.name, payload)
            assert "<script" not in data and "<img" not in data and "<svg" not in data, page.name
            assert "&lt;img src=y onerror=" in data, page.name  # the actor payload is there, escaped
            if page.name != "network.html":  # (no article text on the network)
                assert "&lt;script&gt;window.__pwned=1" in data, page.name


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium")
@pytest.mark.parametrize("name", ["index.html", *sorted(PLOTS)])
def test_no_payload_runs_in_chromium(browser, poisoned, name):  # noqa: F811 - fixture imported above
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    log = PageLog(page)
    page.goto((poisoned["dash"] / name).as_uri())
    page.wait_for_load_state("load")
    shown = ""
    if name in PLOTS:
        div = PLOTS[name]
        page.wait_for_function(f"document.getElementById('{div}') && document.getElementById('{div}')._fullLayout",
                               timeout=20_000)
        # hover every point whose hover text carries a payload: plotly renders hover text as HTML
        hovered = page.evaluate(
            """(div) => {const d = document.getElementById(div); let n = 0, shown = '';
            d._fullData.forEach((t, i) => {
              const h = [].concat(t.hovertext || [], t.text || []);
              h.forEach((s, j) => { if (typeof s === 'string' && s.includes('pwned') && n < 20) {
                n++; try { Plotly.Fx.hover(d, [{curveNumber: i, pointNumber: j}]); } catch (e) {}
                const hl = document.querySelector('.hoverlayer'); if (hl) shown += hl.textContent; } });
            }); return [n, shown];}""", div)
        assert hovered[0] > 0, f"no payload reached {name}"
        shown = hovered[1]
        assert page.evaluate("document.querySelectorAll('.hoverlayer script, .hoverlayer img, "
                             ".hoverlayer svg svg').length") == 0
    text = page.evaluate("document.body.innerText") + shown
    assert "window.__pwned" in text  # the payload is shown, as text ...
    page.wait_for_timeout(300)  # let any onerror / onload handler fire
    assert page.evaluate("window.__pwned") is None  # ... and none ran
    assert page.title() != "pwned" and "window.__pwned=3" in page.title()
    assert page.evaluate("document.querySelectorAll('body img, body svg[onload], main iframe').length") == 0
    assert log.errors == [] and [u for u in log.requests if not u.startswith(("file:", "data:", "blob:"))] == []
    page.close()


# ---------------------------------------------------------------------------- SQL side

SQL_ID = "x'); DROP TABLE documents; --"


def test_sql_in_values_is_data(tmp_path):
    feed = write(tmp_path / "feed.jsonl", "\n".join(json.dumps(r) for r in [
        {"doc_id": SQL_ID, "dct": "2024-03-14", "title": "'; DELETE FROM events; --",
         "source": "Robert'); DROP TABLE students;--", "text": "The mayor visited the port on Monday."},
        {"doc_id": "plain", "dct": "2024-03-14", "text": "The governor met the mayor on Tuesday."},
    ]) + "\n")
    db = tmp_path / "x.duckdb"
    assert runner.invoke(app, ["run", "-q", "--db", str(db), str(feed)]).exit_code == 0
    assert runner.invoke(app, ["run", "-q", "--db", str(db), str(feed)]).exit_code == 0  # the re-run path too
    con = duckdb.connect(str(db), read_only=True)
    rows = dict(con.execute("SELECT doc_id, source FROM documents").fetchall())
    tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    con.close()
    assert rows == {SQL_ID: "Robert'); DROP TABLE students;--", "plain": None}
    assert {"documents", "events", "mentions", "timexes", "actors"} <= tables
    odd = tmp_path / "out'; DROP TABLE events; --"
    r = runner.invoke(app, ["export", "--db", str(db), "--csv", str(odd)])
    assert r.exit_code == 0, r.output
    assert SQL_ID in (odd / "documents.csv").read_text()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    con.close()


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("q") / "x.duckdb"
    assert runner.invoke(app, ["run", "-q", "--db", str(db), str(GENERAL)]).exit_code == 0
    return db


@pytest.mark.parametrize("name", [
    "../queries/timeline", "timeline.sql", "timeline; DROP TABLE events", "SELECT * FROM documents",
    "/etc/passwd", str(ROOT / "queries" / "timeline.sql"), "..", "timeline\n", "TIMELINE ",
    "outside",
])
def test_query_refuses_names_not_in_queries(small_db, tmp_path, monkeypatch, name):
    write(tmp_path / "outside.sql", "DROP TABLE events")  # a .sql file in the working folder, not in queries/
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATELINE_QUERIES", str(ROOT / "queries"))
    r = runner.invoke(app, ["query", name, "--db", str(small_db)])
    assert r.exit_code == 2, (name, r.output)
    assert r.stderr.startswith(f"dateline: unknown query {name!r}; choose one of: ") and r.stderr.count("\n") == 1
    con = duckdb.connect(str(small_db), read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] > 0
    con.close()
