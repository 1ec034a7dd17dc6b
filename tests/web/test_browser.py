"""End to end in headless Chromium (Debian's build, driven by Playwright).

Run `scripts/install-browser.sh` first; without /usr/bin/chromium these tests skip.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from wirebrief.config import Settings
from wirebrief.models import Briefing
from wirebrief.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
# Screenshots for the README are refreshed on request (WIREBRIEF_SCREENSHOTS=1), so that a test
# run leaves the working tree clean.
SHOTS = (REPO / "docs" / "screenshots" if os.environ.get("WIREBRIEF_SCREENSHOTS")
         else Path(tempfile.mkdtemp(prefix="wirebrief-shots-")))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's chromium at /usr/bin/chromium "
                              "(run scripts/install-browser.sh)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(create_app(Settings(db=str(store_path))), host="127.0.0.1",
                            port=port, log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.05)
    else:
        pytest.fail("the server did not start")
    yield base
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def pw():  # type: ignore[no-untyped-def]
    playwright_sync = pytest.importorskip("playwright.sync_api",
                                          reason="the playwright package is not installed")
    with playwright_sync.sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def page(pw, server: str, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    context = pw.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM),
        args=ARGS, headless=True, viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    pg = context.new_page()
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_get_a_summary_without_reload(page, server: str,  # type: ignore[no-untyped-def]
                                      briefings: list[Briefing]) -> None:
    b = briefings[0]
    page.goto(f"{server}/articles/{b.id}")
    page.evaluate("window.__marker = 'same page'")
    page.select_option("#summary-length", "2")
    page.click("#get-summary")
    items = page.locator("#summary-output li")
    items.first.wait_for(state="visible", timeout=5000)
    assert items.count() == 2
    assert page.evaluate("window.__marker") == "same page"  # no reload happened
    assert "?summary" not in page.url
    first = items.first
    start = first.get_attribute("data-start")
    first.hover()
    highlighted = page.locator("#article-text span.s.hl-summary")
    highlighted.first.wait_for(timeout=2000)
    assert highlighted.first.get_attribute("data-start") == start
    page.screenshot(path=str(SHOTS / "article.png"), full_page=True)


def test_event_card_highlights_evidence(page, server: str,  # type: ignore[no-untyped-def]
                                        briefings: list[Briefing]) -> None:
    b = briefings[0]
    page.goto(f"{server}/articles/{b.id}")
    future = b.events[2]
    page.click("a.event-card[data-event='2']")
    marked = page.locator("#article-text span.s.hl-evidence")
    marked.first.wait_for(timeout=2000)
    assert marked.count() == 1
    assert marked.first.inner_text() == future.evidence.sentence
    assert page.locator("a.event-card.selected").count() == 1


def test_hostile_article_runs_no_script(page, server: str,  # type: ignore[no-untyped-def]
                                        briefings: list[Briefing]) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.errors.clear()
    page.goto(f"{server}/articles/{briefings[3].id}")
    page.wait_for_load_state("load")
    assert "<script>" in page.locator("h1").inner_text()  # shown as text
    assert page.locator("img").count() == 0
    assert dialogs == []
    assert page.errors == []  # no script errors, no CSP violations, no broken resources


def test_search_from_the_header(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.fill("header input[name=q]", "Iskander")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Iskander")
    assert page.locator("li.article-row").count() == 2
    assert page.locator("li.article-row mark").first.inner_text() == "Iskander"
    page.click("text=Belarusian crews begin Iskander training")
    page.wait_for_url("**/articles/**")
    assert page.locator("h1").inner_text() == "Belarusian crews begin Iskander training"


def test_entity_page_chart(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/entities/country:BLR")
    assert page.locator("figure.chart svg rect").count() >= 2
    page.screenshot(path=str(SHOTS / "entity.png"), full_page=True)


def test_timeline_form_to_chart_and_digest(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server + "/timeline")
    page.fill("input[name=entity]", "Belarus")
    page.fill("input[name=with]", "Russia")
    page.click("form.inline-form button[type=submit]")
    page.wait_for_url("**/timeline?entity=Belarus*")
    assert page.locator("figure.chart svg rect").count() >= 1
    assert page.locator("li.merged-event").count() >= 1
    page.screenshot(path=str(SHOTS / "timeline.png"), full_page=True)
    page.click("text=Digest of this query")
    page.wait_for_url("**/digest?entity=Belarus*")
    assert page.locator("ol.event-list li.merged-event").count() >= 1
    assert not page.errors  # type: ignore[attr-defined]


def test_phone_layout_has_no_horizontal_scroll(page, server: str,  # type: ignore[no-untyped-def]
                                               briefings: list[Briefing]) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    try:
        page.goto(f"{server}/articles/{briefings[0].id}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_reading_without_javascript(pw, server: str,  # type: ignore[no-untyped-def]
                                    briefings: list[Briefing]) -> None:
    browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
    try:
        context = browser.new_context(java_script_enabled=False)
        pg = context.new_page()
        b = briefings[0]
        pg.goto(f"{server}/articles/{b.id}")
        assert b.text.split("\n")[0][:60] in pg.locator("#article-text").inner_text()
        pg.select_option("#summary-length", "1")
        pg.click("#get-summary")  # without JS the form reloads the page with the summary
        pg.wait_for_url("**summary=1**")
        assert pg.locator("#summary-output li").count() == 1
        pg.click("a.event-card[data-event='1']")  # the card is a link to its sentence
        assert pg.url.endswith(f"#s-{b.events[1].evidence.start}")
        color = pg.locator(f"#s-{b.events[1].evidence.start}").evaluate(
            "el => getComputedStyle(el).backgroundColor")
        assert color not in ("rgba(0, 0, 0, 0)", "transparent")  # :target highlights it
    finally:
        browser.close()


@pytest.mark.model
def test_brief_a_pasted_article(page, server: str) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("wirebrief.analyze.weapons", reason="weapon recogniser not installed")
    page.goto(server + "/brief")
    page.fill("input[name=title]", "Pasted report")
    page.fill("textarea[name=text]",
              "Poland received the first K2 tanks from South Korea on Tuesday, the Polish "
              "defence ministry said. More deliveries are planned for next year, officials "
              "in Warsaw said.")
    page.click("button:has-text('Brief it')")
    page.wait_for_selector("h1:has-text('Pasted report')", timeout=30000)
    assert "not saved in the store" in page.content()
    assert page.locator("#summary-output li").count() >= 1
