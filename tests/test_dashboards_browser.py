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
