"""The search page's filters, counts, dates, languages and excerpts in Chromium (see test_browser.py for the rest).

The page's clock is set to the build date's noon in Tokyo: date choices ("this weekend") are worked
out from the visitor's day, never before the build date.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the chromium fixture (conftest.py) skips with the reason
    expect = None

from conftest import TODAY, build, program, serve

NOON_IN_TOKYO = dt.datetime.fromisoformat(f"{TODAY}T12:00:00+09:00")
FOUND = re.compile(r"(\d+) 件")
NO_RESULTS = "条件に合うプログラムは見つかりませんでした。"


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1024, "height": 900}, locale="ja-JP")
    page = context.new_page()
    page.clock.set_fixed_time(NOON_IN_TOKYO)
    page.errors = []
    page.on("console", lambda message: message.type in ("error", "warning") and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def _settled(page):
    expect(page.locator("#search")).to_have_attribute("aria-busy", "false", timeout=15_000)


def _shown(page) -> int:
    status = page.locator("#search-status").inner_text()
    if status == NO_RESULTS:
        return 0
    match = FOUND.search(status)
    assert match, status
    return int(match.group(1))


def _count(label) -> int:
    return int(label.locator("[data-count]").inner_text().strip("()"))


@pytest.mark.parametrize("query", ["", "ボランティア"])
def test_every_count_is_the_number_of_results_ticking_it_shows(page, golden_site, query):
    page.goto(golden_site + "search/" + (f"?q={urllib.parse.quote(query)}" if query else ""))
    _settled(page)
    page.locator("summary", has_text="条件でしぼりこむ").click()
    # The counts start on the details' toggle event, a moment after the click.
    expect(page.locator("fieldset[data-when] [data-count]").first).to_have_text(re.compile(r"\(\d+\)"))
    _settled(page)
    baseline = _shown(page)
    checked = []
    for fieldset in page.locator("fieldset[data-facet], fieldset[data-when]").all():
        for label in fieldset.locator("label:has([data-count])").all():
            box = label.locator("input")
            if box.get_attribute("value") in ("", "range"):  # "any time" is the baseline; a range needs dates
                continue
            wanted = _count(label)
            box.check()
            _settled(page)
            assert _shown(page) == wanted, (fieldset.locator("legend").inner_text(), label.inner_text())
            if box.get_attribute("type") == "radio":
                fieldset.locator('input[value=""]').check()
            else:
                box.uncheck()
            _settled(page)
            assert _shown(page) == baseline
            checked.append(fieldset.locator("legend").inner_text())
    assert set(checked) == {"日程", "種類", "分野", "都道府県", "参加形式", "活かせるスキル", "曜日", "使用言語", "受付状況"}
    assert len(checked) >= 30
    assert page.errors == []


def test_counts_of_every_group_follow_a_ticked_group(page, golden_site):
    """Pagefind counts only filters whose data it loaded: ticking one group once left the others at 0."""
    page.goto(golden_site + "search/?types=volunteer")
    _settled(page)
    counts = {}
    for label in page.locator("fieldset[data-facet] label:has([data-count])").all():
        counts[label.locator("input").get_attribute("name") + ":" + label.locator("input").get_attribute("value")] = _count(label)
    assert counts["types:volunteer"] == 1 and counts["types:probono"] == 2  # other types: OR inside the group
    assert counts["formats:onsite"] == 1 and counts["categories:recovery"] == 1 and counts["languages:ja"] == 1
    assert counts["states:closed"] == 1  # the closed volunteer program, from the closed programs' index


def test_dates_and_weekdays_filter_and_stay_in_the_url(page, golden_site):
    """Built on Saturday 2026-11-21: the zoom lesson is next Saturday, the timber sorting on Saturdays in December,
    the Christmas party on Thursday 24 December; the translation has no dates."""
    results = page.locator("#results .result")
    for choice, expected in [("next-weekend", ["zoom-lesson"]), ("this-weekend", []), ("this-month", ["zoom-lesson"]),
                             ("next-month", ["timber-sorting", "full-event"])]:
        page.goto(golden_site + f"search/?when={choice}")
        _settled(page)
        expect(results).to_have_count(len(expected))
        assert sorted(_ids(page)) == sorted(expected), choice
    page.get_by_role("checkbox", name=re.compile("日程の決まっていない")).check()
    page.wait_for_url("**anytime=1*")
    expect(results).to_have_count(3)
    assert "translation-online" in _ids(page)
    page.goto(golden_site + "search/")
    page.locator("summary", has_text="条件でしぼりこむ").click()
    page.get_by_label("開始日").fill("2026-12-10")
    page.get_by_label("終了日").fill("2026-12-31")
    page.get_by_label("終了日").dispatch_event("change")
    page.wait_for_url(re.compile(r"when=range&from=2026-12-10&to=2026-12-31"))
    _settled(page)
    assert sorted(_ids(page)) == ["full-event", "timber-sorting"]
    page.get_by_role("checkbox", name="木", exact=False).check()
    page.wait_for_url("**weekdays=thu*")
    _settled(page)
    assert _ids(page) == ["full-event"]
    page.go_back()
    _settled(page)
    assert sorted(_ids(page)) == ["full-event", "timber-sorting"]
    assert page.errors == []


def test_the_language_filter_is_offered_first_in_english(chromium, write_catalog):
    root = write_catalog({
        "content/programs/guide.md": program(title="Guide translation", summary="Translate a guide.", languages="[en, ja]"),
        "content/programs/local.md": program(title="地域の清掃", summary="清掃です。"),
    })
    site_yaml = root / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "language: en\n", encoding="utf-8")
    assert build(root).code == 0
    url, server = serve(root / "site")
    context = chromium.new_context(locale="en-US")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(NOON_IN_TOKYO)
        page.goto(url + "search/")
        _settled(page)
        language = page.locator("fieldset.language-filter")
        expect(language).to_be_visible()  # not folded away with the other filters
        assert language.locator("xpath=ancestor::details").count() == 0
        assert [" ".join(text.split()) for text in language.locator("label").all_inner_texts()] == ["English (1)", "Japanese (2)"]
        page.get_by_role("checkbox", name=re.compile("^English")).check()
        page.wait_for_url("**languages=en*")
        expect(page.locator("#results .result")).to_have_count(1)
        assert page.locator("#results .result a").inner_text() == "Guide translation"
    finally:
        context.close()
        server.shutdown()


def _ids(page):
    hrefs = page.locator("#results .result a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [href.rstrip("/").rsplit("/", 1)[1] for href in hrefs]


SNIPPETS_OWNER = "---\nname: NPO法人 能登古材レスキュー\nkind: npo\nprefecture: 石川県\nmaintainers: [tester]\n---\n"


def test_excerpts_read_as_japanese_and_titles_are_shown_as_written(page, write_catalog):
    root = write_catalog({
        "content/owners/test-owner.md": SNIPPETS_OWNER,
        "content/programs/kozai.md": program(
            title="'【募集】古材の仕分け（輪島市）'", summary="家屋の解体で出た古材を、長さごとに仕分けます。", format="onsite",
            location="\n  prefecture: 石川県\n  municipality: 輪島市",
            body="作業は NPO法人 能登古材レスキュー の倉庫で行います。\n\n"
                 "初めての方には、当日の朝に道具の使い方と安全のための注意を担当者がひとつずつ丁寧に説明しますので、"
                 "経験がなくても安心して参加できますし、軍手も貸し出します。"),
    })
    assert build(root).code == 0
    url, server = serve(root / "site")
    try:
        for query, excerpt, marked in [
            ("古材", "家屋の解体で出た古材を、長さごとに仕分けます。", ["古材"]),
            ("倉庫", "作業は NPO法人 能登古材レスキュー の倉庫で行います。", ["倉庫"]),  # the author's spaces kept
            ("輪島", "家屋の解体で出た古材を、長さごとに仕分けます。", []),  # only in the title and place: the summary
            ("軍手", "…経験がなくても安心して参加できますし、軍手も貸し出します。", ["軍手"]),  # a long sentence: from a little before the match
            ("ぐんて", "家屋の解体で出た古材を、長さごとに仕分けます。", []),  # found by its reading: the summary
        ]:
            page.goto(url + "search/?q=" + urllib.parse.quote(query))
            _settled(page)
            result = page.locator("#results .result")
            expect(result).to_have_count(1)
            assert result.locator(".result-excerpt").inner_text() == excerpt, query
            assert result.locator(".result-excerpt mark").all_inner_texts() == marked, query
            assert result.locator("a").inner_text() == "【募集】古材の仕分け（輪島市）"
            assert result.locator(".result-meta").inner_text().startswith("NPO法人 能登古材レスキュー · ")
        assert page.errors == []
    finally:
        server.shutdown()


def test_month_listings_are_reachable_without_javascript(chromium, golden_site):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(golden_site + "search/")
        page.get_by_role("link", name="2026年12月のプログラム").click()
        page.wait_for_url("**/months/2026-12/")
        assert page.locator("h1").inner_text() == "2026年12月のプログラム"
        titles = page.locator("main h2").all_inner_texts()
        assert "能登の古材レスキュー 仕分けボランティア" in titles and "子ども食堂クリスマス会" in titles
        assert "保育士さん向けオンライン会議ツール講座の講師" not in titles  # in November
        page.goto(golden_site + "months/")
        assert page.get_by_role("link", name=re.compile("2026年11月")).count() == 1
    finally:
        context.close()
