"""The dashboards in a real browser (Debian chromium via playwright): they draw, stay offline, run no payload.

Fails on any JavaScript error, a plot with no trace drawn, a request that is not
file:// or data:, a cloud button in the mode bar, or an injected script having run
(the payloads in the test data would set ``window.__pwned`` and ``document.title``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline import dashboards
from test_dashboards import _payload, make_db

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run"]
PLOTS = {"timeline.html": "timeline", "network.html": "network", "day.html": "day"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    con = make_db(tmp / "story.duckdb")
    try:
        dashboards.build(con, tmp / "out", title="Story <img src=x onerror=\"window.__pwned=3\">")
    finally:
        con.close()
    return tmp / "out"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield b
        b.close()


class PageLog:
    """Everything a page did that a dashboard must not do."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file://", "data:", "blob:"))]


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    log = PageLog(page)
    page.goto(path.as_uri())
    return page, log


def assert_clean(page, log: PageLog) -> None:
    assert log.errors == []
    assert log.foreign_requests() == []
    assert page.evaluate("window.__pwned") is None
    assert page.title() != "pwned"
    # the only scripts in the body are the ones drawing each plot; no data became an element
    assert page.evaluate("document.querySelectorAll('main script').length") == \
        page.evaluate("document.querySelectorAll('main .plot').length")
    assert page.evaluate("document.querySelectorAll('main img, .hoverlayer img').length") == 0


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_plot_pages_draw_offline_without_errors(browser, pages, name):
    page, log = open_page(browser, pages / name)
    div = PLOTS[name]
    page.wait_for_function(f"document.getElementById('{div}') && document.getElementById('{div}')._fullLayout",
                           timeout=20_000)
    drawn = page.evaluate(
        f"""() => {{const d = document.getElementById('{div}');
        const svgMarks = d.querySelectorAll('path.point, g.points path, .bars path, .scatterlayer .js-line').length;
        const withData = d._fullData.filter(t => (t.x || []).some(v => v !== null)).length;
        return [svgMarks, withData];}}""")
    assert drawn[0] > 0 and drawn[1] > 0, drawn
    titles = page.evaluate("[...document.querySelectorAll('.modebar-btn')].map(b => b.getAttribute('data-title'))")
    assert titles and not [t for t in titles if "share" in t.lower() or "cloud" in t.lower() or "studio" in t.lower()]
    assert_clean(page, log)
    page.close()


def test_index_page_is_clean(browser, pages):
    page, log = open_page(browser, pages / "index.html")
    page.wait_for_load_state("load")
    assert page.title().endswith('window.__pwned=3">')  # the story title is shown as text
    assert page.evaluate("document.querySelectorAll('main table tr').length") > 2
    links = page.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert {"timeline.html", "network.html", "day.html"} <= set(links)
    assert "<img src=x" in page.evaluate("document.querySelector('main').innerText")  # shown as text
    assert_clean(page, log)
    page.close()


def test_payload_hover_shows_text_and_runs_nothing(browser, pages):
    page, log = open_page(browser, pages / "timeline.html")
    page.wait_for_function("document.getElementById('timeline') && document.getElementById('timeline')._fullLayout")
    page.click("text=All dates")  # show every date, then hover the payload event
    found = page.evaluate(
        """() => {const d = document.getElementById('timeline');
        for (let i = 0; i < d._fullData.length; i++) {
          const t = d._fullData[i]; const h = t.hovertext || [];
          for (let j = 0; j < h.length; j++) if (h[j] && h[j].includes('They met'))
            { Plotly.Fx.hover(d, [{curveNumber: i, pointNumber: j}]); return true; } }
        return false;}""")
    assert found
    page.wait_for_selector(".hoverlayer .hovertext", timeout=5_000)
    shown = page.evaluate("document.querySelector('.hoverlayer').textContent")
    assert "<script>window.__pwned=1" in shown  # the payload is displayed as text ...
    assert page.evaluate("document.querySelectorAll('.hoverlayer script, .hoverlayer img').length") == 0
    assert_clean(page, log)  # ... and never ran
    page.close()


def test_hover_carries_every_field_built_in_the_page(browser, pages):
    """The page builds each marker's hover from its event table: evidence, article, source, time
    expression, reporter, how it was dated; all of it escaped text."""
    page, log = open_page(browser, pages / "timeline.html")
    page.wait_for_function("document.getElementById('timeline') && document.getElementById('timeline')._fullLayout")
    texts = page.evaluate("document.getElementById('timeline')._fullData.flatMap(t => t.hovertext || [])"
                          ".filter(h => h && h.includes('Alpha called Bravo'))")
    assert len(texts) == 1
    hover = texts[0]
    for part in ("<b>Alpha → Bravo</b>", "<b>evidence:</b> Alpha called Bravo on Saturday.",
                 "<b>time expression:</b> “on Saturday”", "<b>reported by:</b> Reporter &lt;i&gt;X&lt;/i&gt;",
                 "<b>article:</b> Talks resume &lt;img src=x onerror=", "— Wire One", "<b>mentions:</b> 3 in 1",
                 "<b>dated by:</b> resolved relative to the publication date", "phone_call · CONSULT"):
        assert part in hover, (part, hover)
    weak = page.evaluate("document.getElementById('timeline')._fullData.flatMap(t => t.hovertext || [])"
                         ".filter(h => h && h.includes('Charlie attacked'))")
    assert len(weak) == 1 and "publication date used" in weak[0]
    assert_clean(page, log)
    page.close()


def test_day_listing_is_text(browser, pages):
    """The day page's table is filled from the page data with textContent: payloads show as text."""
    page, log = open_page(browser, pages / "day.html")
    page.wait_for_function("document.querySelectorAll('#day-listing tbody tr').length > 0", timeout=20_000)
    rows = page.evaluate("[...document.querySelectorAll('#day-listing tbody tr')]"
                         ".map(r => [...r.cells].map(c => c.textContent))")
    assert len(rows) == 5 and [r[1] for r in rows[:2]] == ["Alpha → Bravo", "Charlie → Alpha"]  # by start
    payload_row = next(r for r in rows if r[4].startswith("They met"))
    assert "<script>window.__pwned=1" in payload_row[4] and payload_row[5] == "Second report"
    assert page.evaluate("document.querySelectorAll('#day-listing script, #day-listing img').length") == 0
    assert_clean(page, log)
    page.close()


def test_timeline_filters_and_range_buttons(browser, pages):
    page, log = open_page(browser, pages / "timeline.html")
    page.wait_for_function("document.getElementById('timeline') && document.getElementById('timeline')._fullLayout")
    layout = "document.getElementById('timeline')._fullLayout"
    n_all = page.evaluate(f"{layout}.yaxis.categoryarray.length")
    page.select_option("#actor-filter", "Charlie")
    lanes = page.evaluate(f"{layout}.yaxis.categoryarray")
    assert 0 < len(lanes) < n_all and all("Charlie" in lane.split(" → ") for lane in lanes)
    page.select_option("#actor-filter", "")
    assert page.evaluate(f"{layout}.yaxis.categoryarray.length") == n_all
    page.select_option("#type-filter", "THREATEN")
    shown = page.evaluate("document.getElementById('timeline')._fullData"
                          ".filter(t => t.visible === true && t.legendgroup.charAt(0) !== '_').map(t => t.name)")
    assert set(shown) == {"THREATEN"}  # its markers and their interval lines
    page.click("text=Busiest day")
    rng = page.evaluate(f"{layout}.xaxis.range")
    assert rng[0].startswith("2023-06-24") and rng[1].startswith("2023-06-25")
    assert_clean(page, log)
    page.close()


def test_day_select_switches_day_and_lanes(browser, pages):
    page, log = open_page(browser, pages / "day.html")
    page.wait_for_function("document.getElementById('day') && document.getElementById('day')._fullLayout")
    layout = "document.getElementById('day')._fullLayout"
    options = page.evaluate("[...document.querySelectorAll('#day-filter option')].map(o => o.value)")
    assert options == ["2023-06-24", "2023-06-25"]  # the days with events timed within the day
    assert page.evaluate("document.getElementById('day-filter').value") == "2023-06-24"  # the busiest
    assert page.evaluate(f"{layout}.yaxis.categoryarray") == ["Charlie → Alpha", "Bravo → Charlie", "Alpha → Bravo"]  # timed first
    page.select_option("#day-filter", "2023-06-25")
    rng = page.evaluate(f"{layout}.xaxis.range")
    assert rng[0].startswith("2023-06-25 00:00") and rng[1].startswith("2023-06-26 00:00")
    assert page.evaluate(f"{layout}.yaxis.categoryarray") == ["Bravo → Alpha", "Alpha → Charlie"]
    shapes = page.evaluate(f"{layout}.shapes.map(s => [s.x0, s.x1])")
    assert shapes[0] == ["2023-06-25 00:00", "2023-06-25 06:00"] and shapes[-1][1] == "2023-06-26 00:00"
    assert "Sun 25 Jun 2023" in page.evaluate(f"{layout}.title.text")
    assert_clean(page, log)
    page.close()


def test_to_png_screenshots_pages(pages, tmp_path):
    pngs = dashboards.to_png([pages / "index.html", pages / "timeline.html"], tmp_path)
    assert [p.name for p in pngs] == ["index.png", "timeline.png"]
    for png in pngs:
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_webgl_timeline_draws_without_errors(browser, tmp_path):
    from test_dashboards import make_many

    con = make_many(tmp_path / "many.duckdb", 1_500)
    dashboards.build(con, tmp_path / "out")
    con.close()
    page, log = open_page(browser, tmp_path / "out" / "timeline.html")
    page.wait_for_function("document.getElementById('timeline') && document.getElementById('timeline')._fullLayout",
                           timeout=30_000)
    n_gl = page.evaluate("document.getElementById('timeline')._fullData.filter(t => t.type === 'scattergl').length")
    assert n_gl > 0 and page.evaluate("document.querySelectorAll('#timeline canvas').length") > 0
    log.errors = [e for e in log.errors if "GL Driver Message" not in e]  # software-GL performance notes
    assert_clean(page, log)
    page.close()


def test_word_coded_evidence_decodes_in_the_page(browser, tmp_path, monkeypatch):
    """Evidence sent word by word (a word table + one character per word) reads back exactly, in
    the hover and in the day listing, still escaped text."""
    from dateline import dashboards_html

    monkeypatch.setattr(dashboards_html, "WORD_CODE_MIN_REPEAT", 0)  # code every page's evidence
    monkeypatch.setattr(dashboards_html, "WORD_CODE_MIN_ROWS", 0)
    con = make_db(tmp_path / "w.duckdb")
    dashboards.build(con, tmp_path / "out", title="Words")
    con.close()
    assert '"w":' in json.dumps(_payload((tmp_path / "out" / "timeline.html").read_text(), "timeline")["E"])
    page, log = open_page(browser, tmp_path / "out" / "timeline.html")
    page.wait_for_function("document.getElementById('timeline') && document.getElementById('timeline')._fullLayout")
    texts = page.evaluate("document.getElementById('timeline')._fullData.flatMap(t => t.hovertext || [])"
                          ".filter(h => h && h.includes('They met'))")
    assert len(texts) == 1 and "<b>evidence:</b> They met" in texts[0], texts
    assert "&lt;script&gt;window" in texts[0] and "<script" not in texts[0] and "<img" not in texts[0]
    assert "and &lt;img src=x onerror=alert(1)&gt; on 25 June." in texts[0].replace("<br>", " ")
    assert "Alpha called Bravo on Saturday." in " ".join(page.evaluate(
        "document.getElementById('timeline')._fullData.flatMap(t => t.hovertext || []).filter(h => h)"))
    assert_clean(page, log)
    page.close()
    page, log = open_page(browser, tmp_path / "out" / "day.html")
    page.wait_for_function("document.getElementById('day') && document.getElementById('day')._fullLayout")
    cells = page.evaluate("[...document.querySelectorAll('#day-listing td.ev')].map(c => c.textContent)")
    assert "Bravo met Charlie at 8am." in cells and any(c.startswith("They met <script>") for c in cells)
    assert_clean(page, log)
    page.close()


def test_undated_table_and_actor_options_are_filled_as_text(browser, pages):
    """The undated events' table and the actor <select> come from the plot's data: shown as text."""
    page, log = open_page(browser, pages / "timeline.html")
    page.wait_for_function("document.querySelectorAll('#undated tbody tr').length > 0", timeout=20_000)
    rows = page.evaluate("[...document.querySelectorAll('#undated tbody tr')]"
                         ".map(r => [...r.cells].map(c => c.textContent))")
    assert rows == [["Delta <b>&</b>", "statement", "ACCUSE", "undated", "", "Delta once said something.",
                     "Reporter <i>X</i>", "Second report", "Paper Two"]]
    head = page.evaluate("[...document.querySelectorAll('#undated th')].map(c => c.textContent)")
    assert head[0] == "actors" and head[5] == "evidence"
    options = page.evaluate("[...document.querySelectorAll('#actor-filter option')].map(o => [o.value, o.textContent])")
    assert options == [["", "All actors"], ["Alpha", "Alpha"], ["Bravo", "Bravo"], ["Charlie", "Charlie"]]
    assert page.evaluate("document.querySelectorAll('#undated b, #undated script, #undated img').length") == 0
    assert_clean(page, log)
    page.close()


def test_pages_rebuild_what_python_decodes(browser, tmp_path, monkeypatch):
    """Edge cases of the page tables (short or open hours, seconds, a year before 1000, unknown
    actors, word-coded odd sentences, no mention): the page script rebuilds the same traces, sizes
    and lanes as the Python decoding the other tests check, and every hover says ``when`` as
    enrich writes it."""
    import re
    from html import unescape

    import polars as pl

    from dateline import dashboards_day, dashboards_html
    from dateline.dashboards_data import load_events
    from dateline.dashboards_html import esc
    from test_dashboards import _figure, make_edge_db

    monkeypatch.setattr(dashboards_html, "WORD_CODE_MIN_REPEAT", 0)
    monkeypatch.setattr(dashboards_html, "WORD_CODE_MIN_ROWS", 0)
    con = make_edge_db(tmp_path / "edge.duckdb")
    dashboards.build(con, tmp_path / "out", title="Edges")
    events = load_events(con)
    con.close()
    whens = {esc(w) for w in events.filter(pl.col("dated"))["when"].to_list()}
    listed = dashboards_day.listing_order(dashboards_day.select(events)[0])
    listed = [[esc(w), lane] for w, lane in listed.select("when", "ylane").iter_rows()]
    seen: set[str] = set()
    for name, div in (("timeline.html", "timeline"), ("day.html", "day")):
        html_text = (tmp_path / "out" / name).read_text()
        assert '"w":' in json.dumps(_payload(html_text, div)["E"])
        expected, layout = _figure(html_text, div)
        page, log = open_page(browser, tmp_path / "out" / name)
        page.wait_for_function(f"document.getElementById('{div}') && document.getElementById('{div}')._fullLayout",
                               timeout=20_000)
        got = page.evaluate(f"""() => {{const d = document.getElementById('{div}');
            return [d.data.map(t => [t.x || null, t.y || null, t.base || null,
                                     t.marker && t.marker.size !== undefined ? t.marker.size : null,
                                     t.hovertext || null]), d.layout.yaxis.categoryarray];}}""")
        assert got[1] == layout["yaxis"]["categoryarray"]
        assert len(got[0]) == len(expected)
        for (x, y, base, size, hover), trace in zip(got[0], expected):
            assert (x, y, base) == (trace.get("x"), trace.get("y"), trace.get("base")), trace.get("name")
            assert size == trace.get("marker", {}).get("size"), trace.get("name")
            for h, fields in zip(hover or [], trace.get("hovertext") or []):
                if h and "<b>when:</b>" in h:
                    when = re.search(r"<b>when:</b> (.*?)(?:<br>|$)", h)[1]
                    assert when in whens and when in fields.split(" | "), (when, fields)
                    seen.add(when)
        if name == "day.html":  # the listing, sorted in the page as listing_order() sorts it in Python
            rows = page.evaluate("[...document.querySelectorAll('#day-listing tbody tr')]"
                                 ".map(r => [r.cells[0].textContent, r.cells[1].textContent])")
            assert rows == [[unescape(w), unescape(lane)] for w, lane in listed]
        assert_clean(page, log)
        page.close()
    assert seen == whens  # every dated event's hover, on one page or the other
    assert {"01 Jan 0999 – 31 Dec 0999 (year)", "Sat 24 Jun 2023 08:00–08:10 (hour)",
            "Sat 24 Jun 2023 09:00 (hour)", "Sat 24 Jun 2023 10:15–11:00 (hour)",
            "19 Jun 2023 – 25 Jun 2023 (&lt;b&gt;week&lt;/b&gt;)"} <= seen


def test_inflate_reads_any_bytes(browser):
    """The page's decoder (7 bits a character, then DecompressionStream) on data stored without
    compression, so every 7-bit value, the ones sent as two-byte characters too, goes through it."""
    import random
    import zlib

    from dateline.dashboards_html import PAGE_JS, text7

    page = browser.new_page()
    rnd = random.Random(5)
    for n in (0, 1, 2, 6, 7, 8, 13, 100, 5000):
        raw = "".join(chr(rnd.choice([0x20, 0x3C, 0x22, 0x5C, 0x0A, 0x0D, rnd.randrange(0x20, 0x7F),
                                      rnd.randrange(0xA0, 0x3000)])) for _ in range(n))
        blob = text7(zlib.compress(raw.encode("utf-8"), 0))
        assert page.evaluate("(b) => {" + PAGE_JS + "return inflate(b);}", blob) == raw, n
    page.close()


def test_compact_pages_draw_and_list_without_errors(browser, tmp_path, monkeypatch):
    """Above FULL_HOVER_MAX the per-event hover is a data-free template: the pages still draw, and
    the day listing still reads its rows (their text travels for the listed rows only)."""
    monkeypatch.setattr(dashboards, "FULL_HOVER_MAX", 0)
    con = make_db(tmp_path / "c.duckdb")
    dashboards.build(con, tmp_path / "out", title="Compact")
    con.close()
    for name, div in PLOTS.items():
        page, log = open_page(browser, tmp_path / "out" / name)
        page.wait_for_function(f"document.getElementById('{div}') && document.getElementById('{div}')._fullLayout",
                               timeout=20_000)
        if name == "day.html":
            page.wait_for_function("document.querySelectorAll('#day-listing tbody tr').length > 0")
            rows = page.evaluate("[...document.querySelectorAll('#day-listing tbody tr')]"
                                 ".map(r => [...r.cells].map(c => c.textContent))")
            assert len(rows) == 5 and rows[0][:2] == ["Sat 24 Jun 2023 (day)", "Alpha → Bravo"]
            assert rows[1][0] == "Sat 24 Jun 2023 06:00–12:00 (part-of-day)"
        if name == "timeline.html":
            assert page.evaluate("document.querySelectorAll('#undated tbody tr').length") == 1
        assert_clean(page, log)
        page.close()
