"""The built site in a real browser: Playwright driving Debian's Chromium.

Skips with one line when no Chromium is installed; under CI (CI=true) a missing
browser is a failure, so the browser tests can never silently stop running.
"""

from __future__ import annotations

import io
import re
import urllib.parse

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the chromium fixture (conftest.py) skips with the reason
    expect = None

from conftest import REPO

GOLDEN = REPO / "tests" / "golden"
@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="ja-JP")
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: message.type in ("error", "warning") and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def test_find_a_program_by_a_japanese_word_and_reach_its_sign_up_form(page, golden_site):
    page.goto(golden_site)
    page.get_by_label("キーワードで探す").fill("古材")
    page.get_by_label("キーワードで探す").press("Enter")
    page.wait_for_url("**/search/?q=*")
    first = page.locator("#results .result").first
    first.wait_for()
    assert "件見つかりました" in page.locator("#search-status").inner_text()
    assert "能登の古材レスキュー" in first.inner_text()
    assert " " not in first.locator(".result-excerpt").inner_text().split("。")[1]  # excerpts read as normal Japanese
    first.get_by_role("link").click()
    page.wait_for_url("**/programs/timber-sorting/")
    signup = page.get_by_role("link", name="申し込む")
    assert signup.get_attribute("href") == "https://forms.example.org/apply?program=timber-sorting"
    assert page.errors == []


def test_search_words_inside_sentences_and_table_cells(page, golden_site):
    for query, expected in [("軍手", "timber-sorting"), ("ミーティング", "zoom-lesson"), ("translators", "translation-online")]:
        page.goto(golden_site + "search/?q=" + urllib.parse.quote(query))
        page.locator("#results .result").first.wait_for()
        hrefs = page.locator("#results .result a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert any(expected in href for href in hrefs), (query, hrefs)
    assert page.errors == []


def test_a_word_found_nowhere_says_so(page, golden_site):
    page.goto(golden_site + "search/?q=" + urllib.parse.quote("古材 宇宙船"))
    expect(page.locator("#search-status")).to_contain_text("「宇宙船」を含むプログラムはありません")
    expect(page.locator("#results .result")).to_have_count(0)


def test_facets_live_in_the_url_and_back_restores_them(page, golden_site):
    page.goto(golden_site + "search/")
    results = page.locator("#results .result")
    expect(results).to_have_count(4)  # open, closing soon and full; the two closed ones are hidden
    expect(page.locator("#search-status")).to_have_text("4 件のプログラム")
    page.locator("summary", has_text="条件でしぼりこむ").click()
    page.get_by_role("checkbox", name="プロボノ").check()
    page.wait_for_url("**types=probono*")
    expect(results).to_have_count(2)
    page.get_by_role("checkbox", name="イベント・交流").check()  # OR inside one facet
    expect(results).to_have_count(3)
    page.get_by_role("checkbox", name=re.compile(r"^オンライン \(")).check()  # AND across facets
    expect(results).to_have_count(1)
    page.get_by_label("受付終了したものも表示").check()
    page.wait_for_url("**closed=1*")
    page.go_back()
    page.wait_for_url(lambda url: "closed=1" not in url and "types=probono" in url)
    expect(results).to_have_count(1)
    expect(page.get_by_role("checkbox", name="プロボノ")).to_be_checked()
    page.go_back()
    page.go_back()
    expect(results).to_have_count(2)
    assert page.errors == []


def test_pages_work_without_javascript_and_fit_a_360px_screen(chromium, golden_site):
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ["", "programs/timber-sorting/", "owners/noto-wood/", "all/", "search/", "categories/recovery/"]:
        page.goto(golden_site + path)
        assert page.locator("h1").count() == 1
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways at 360 px"
    page.goto(golden_site + "search/")
    assert "JavaScript が必要です" in page.locator("main").inner_text()
    context.close()


def test_no_console_errors_or_csp_violations_on_any_kind_of_page(page, golden_site):
    for path in ["", "programs/timber-sorting/", "programs/past-cleanup/", "owners/noto-wood/", "owners/",
                 "all/", "archive/", "types/", "search/?q=%E5%8F%A4%E6%9D%90", "404.html"]:
        page.goto(golden_site + path)
        page.wait_for_load_state("networkidle")
    assert page.errors == []


def _result_ids(page):
    hrefs = page.locator("#results .result a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [href.rstrip("/").rsplit("/", 1)[1] for href in hrefs]


def test_sort_by_deadline_and_newest_from_the_url_and_the_select(page, golden_site):
    page.goto(golden_site + "search/?sort=deadline")
    expect(page.locator("#results .result")).to_have_count(4)
    # Soonest deadline first (the full event has only a date, so its date counts), ongoing last.
    assert _result_ids(page) == ["zoom-lesson", "timber-sorting", "full-event", "translation-online"]
    page.get_by_label("並べ替え").select_option("newest")
    page.wait_for_url("**sort=newest*")
    # The first result is the same in both orders: wait for the second to change (the order's file is fetched).
    expect(page.locator("#results .result a").nth(1)).to_have_attribute("href", re.compile("full-event"))
    assert _result_ids(page) == ["zoom-lesson", "full-event", "timber-sorting", "translation-online"]
    page.go_back()
    expect(page.get_by_label("並べ替え")).to_have_value("deadline")


def test_keyboard_only_search_reaches_a_sign_up_link(page, golden_site):
    page.goto(golden_site + "search/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # site title
    for _ in range(10):
        if page.evaluate("document.activeElement.id") == "q":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("軍手")
    page.keyboard.press("Enter")
    expect(page.locator("#search-status")).to_contain_text("1 件見つかりました")
    page.locator("#results .result a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/programs/timber-sorting/")
    assert page.get_by_role("link", name="申し込む").is_visible()


def test_flyer_prints_on_one_page_and_its_qr_code_opens_the_sign_up_form(chromium, golden_site):
    import pypdf
    import zxingcpp
    from PIL import Image

    context = chromium.new_context(device_scale_factor=3)
    page = context.new_page()
    page.goto(golden_site + "programs/timber-sorting/")
    page.get_by_role("link", name="チラシを印刷する (A4)").click()
    page.wait_for_url("**/programs/timber-sorting/flyer/")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    # Without a Japanese font, Chromium prints every Japanese character as a glyph with no text (\x00).
    assert "\x00" not in text, "the PDF has no Japanese text: install a Japanese font (apt-get install fonts-noto-cjk)"
    assert "能登の古材レスキュー仕分けボランティア" in "".join(text.split())  # the program's title, in Japanese
    image = Image.open(io.BytesIO(page.locator(".flyer-qr svg").screenshot()))
    assert [code.text for code in zxingcpp.read_barcodes(image)] == ["https://forms.example.org/apply?program=timber-sorting"]
    context.close()
