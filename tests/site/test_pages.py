"""Pages a visitor wants to use (issue 18): the facts and the sign-up button in the first screen,
the phone's sign-up bar, words that never break, pictures, share links, following a skill, indexes
that never lead to an empty list, the flyer on one full A4 page, the page-size budget.

Browser tests drive Debian's Chromium at a phone's 360 px and a desktop's 1280 px, in Japanese (the
golden catalog) and English (the same catalog with `language: en`).
"""

from __future__ import annotations

import html.parser
import io
import re
import shutil
import urllib.parse

import feedparser
import icalendar
import pytest

from conftest import REPO, SITE_YAML, build, program, serve

GOLDEN = REPO / "tests" / "golden"
PHONE, DESKTOP = (360, 740), (1280, 800)
PROGRAM = "programs/timber-sorting/"
EVERY_KIND = ["", PROGRAM, "programs/past-cleanup/", "programs/translation-online/", "owners/noto-wood/", "owners/",
              "all/", "archive/", "categories/recovery/", "skills/physical/", "types/", "skills/", "search/", "404.html"]


@pytest.fixture(scope="module")
def built_golden(tmp_path_factory):
    out = tmp_path_factory.mktemp("pages") / "site"
    assert build(GOLDEN, "--out", str(out)).code == 0
    return out


@pytest.fixture(scope="module")
def sites(tmp_path_factory, golden_site):
    """{"ja": the served golden site, "en": the same catalog in English}."""
    root = tmp_path_factory.mktemp("english-pages")
    shutil.copytree(GOLDEN / "content", root / "content")
    site_yaml = root / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("language: ja", "language: en"))
    out = root / "served" / "sub" / "catalog"
    assert build(root, "--out", str(out)).code == 0
    url, server = serve(root / "served")
    yield {"ja": golden_site, "en": url + "sub/catalog/"}
    server.shutdown()


@pytest.fixture
def open_page(chromium):
    contexts = []

    def open_(url: str, size=PHONE, **options):
        context = chromium.new_context(viewport={"width": size[0], "height": size[1]}, **options)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("console", lambda message: message.type in ("error", "warning") and page.errors.append(message.text))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return page

    yield open_
    for context in contexts:
        context.close()


def _box(page, selector):
    return page.locator(selector).first.evaluate("e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }")


def _bar_shown(page) -> bool:
    return page.evaluate("""() => { const bar = document.querySelector('[data-sticky-signup]');
        return !!bar && bar.getClientRects().length > 0 && getComputedStyle(bar).visibility === 'visible'; }""")


# ------------------------------------------------------------------ the first screen

@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_the_facts_and_the_sign_up_button_are_in_the_first_screen(open_page, sites, language, size):
    page = open_page(sites[language] + PROGRAM, size)
    facts = page.locator(".glance-facts").inner_text()
    for word in {"ja": ("日程", "場所", "参加費", "締切", "あと 10 日", "石川県輪島市河井町1-1"),
                 "en": ("Dates", "Place", "Cost", "Deadline", "10 days left", "石川県輪島市河井町1-1")}[language]:
        assert word in facts
    assert _box(page, ".glance-facts")["bottom"] <= size[1]
    button = _box(page, ".signup [data-signup]")
    assert 0 <= button["top"] and button["bottom"] <= size[1], button  # the page's own button, not only the bar's
    assert not _bar_shown(page)  # nothing covers it
    assert page.errors == []


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample-pages") / "site"
    assert build(REPO, "--out", str(out), "--no-search").code == 0
    url, server = serve(out)
    yield out, url
    server.shutdown()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_every_open_sample_program_has_its_facts_and_button_in_the_first_screen(chromium, sample_site, size):
    out, url = sample_site
    context = chromium.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    late = []
    for folder in sorted((out / "programs").iterdir()):
        page.goto(f"{url}programs/{folder.name}/")
        bottoms = page.evaluate("""() => { const button = document.querySelector('.signup [data-signup]');
            return button && [document.querySelector('.glance-facts').getBoundingClientRect().bottom, button.getBoundingClientRect().bottom]; }""")
        if bottoms and max(bottoms) > size[1]:
            late.append((folder.name, bottoms))
    context.close()
    assert late == []


def test_the_picture_sits_beside_the_facts_on_a_desktop_and_after_the_button_on_a_phone(open_page, golden_site):
    page = open_page(golden_site + PROGRAM, DESKTOP)
    picture, facts = _box(page, ".program-image"), _box(page, ".glance-facts")
    assert picture["left"] >= facts["right"] and picture["top"] < facts["bottom"]
    page = open_page(golden_site + PROGRAM, PHONE)
    assert _box(page, ".program-image")["top"] >= _box(page, ".signup [data-signup]")["bottom"]


# ------------------------------------------------------------------ the phone's sign-up bar

def test_the_phone_sign_up_bar_appears_after_scrolling_and_never_covers_the_focus(open_page, golden_site):
    page = open_page(golden_site + PROGRAM, PHONE)
    assert not _bar_shown(page)  # the page's button is on screen
    page.locator("#facts-heading").scroll_into_view_if_needed()
    page.mouse.wheel(0, 400)
    page.wait_for_function("!document.querySelector('[data-sticky-signup]').classList.contains('is-idle')")
    assert _bar_shown(page)
    bar = _box(page, "[data-sticky-signup]")
    assert bar["bottom"] == pytest.approx(PHONE[1], abs=1)
    assert page.locator("[data-sticky-signup] a").get_attribute("href") == "https://forms.example.org/apply?program=timber-sorting"

    page.evaluate("window.scrollTo(0, 0)")
    checked = 0
    for _ in range(80):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => {
            const bar = document.querySelector('[data-sticky-signup]');
            const focused = document.activeElement;
            if (!focused || focused === document.body || bar.contains(focused)) return null;
            if (getComputedStyle(bar).visibility !== 'visible') return {covered: false};
            const a = focused.getBoundingClientRect(), b = bar.getBoundingClientRect();
            return {covered: a.bottom > b.top && a.top < b.bottom, what: focused.outerHTML.slice(0, 80)};
        }""")
        if state is not None:
            checked += 1
            assert not state["covered"], state
    assert checked > 20  # the walk went through the whole page


def test_the_sign_up_bar_is_only_on_phones_and_only_while_sign_ups_are_open(open_page, golden_site):
    page = open_page(golden_site + PROGRAM, DESKTOP)
    page.mouse.wheel(0, 1500)
    assert not _bar_shown(page)
    page = open_page(golden_site + "programs/past-cleanup/", PHONE)
    assert page.locator("[data-sticky-signup]").count() == 0
    assert page.locator("[data-signup]").count() == 0


def test_a_second_sign_up_button_follows_the_description(open_page, golden_site):
    page = open_page(golden_site + PROGRAM, PHONE)
    assert page.evaluate("""() => { const body = document.querySelector('.body');
        const again = document.querySelector('.signup-again [data-signup]');
        return !!again && (body.compareDocumentPosition(again) & Node.DOCUMENT_POSITION_FOLLOWING) > 0; }""")


# ------------------------------------------------------------------ layout: nothing sideways, no word broken

_BROKEN_WORDS = """() => {
    const broken = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const parent = node.parentElement;
        if (!parent || !parent.getClientRects().length || parent.closest('script, style, template')) continue;
        for (const match of node.data.matchAll(/[A-Za-z\\u3040-\\u30ff]{2,}/g)) {
            if (/[\\u3040-\\u30ff]/.test(match[0]) && !parent.closest('button, .button, .term-list, .share-links')) continue;
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
            if (lines.size > 1) broken.push(match[0]);
        }
    }
    for (const control of document.querySelectorAll('button, .button, .term-list a, .share-links a')) {
        if (!control.getClientRects().length) continue;
        if (control.scrollWidth > control.clientWidth + 1) broken.push('overflowing: ' + control.textContent.trim());
    }
    return broken;
}"""

_PLACEHOLDERS_CUT = """() => [...document.querySelectorAll('input[placeholder]')].filter(input => input.getClientRects().length).filter(input => {
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d');
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return context.measureText(input.placeholder).width > room;
}).map(input => input.placeholder)"""


@pytest.mark.parametrize("language", ["ja", "en"])
def test_no_sideways_scrolling_no_word_broken_and_placeholders_fit_at_360px(open_page, sites, language):
    for path in EVERY_KIND:
        page = open_page(sites[language] + path, PHONE)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways at 360 px"
        assert page.evaluate(_BROKEN_WORDS) == [], path
        assert page.evaluate(_PLACEHOLDERS_CUT) == [], path


def test_the_word_check_would_notice_a_broken_word(open_page, sites):
    page = open_page(sites["en"], PHONE)
    page.evaluate("document.body.style.overflowWrap = 'anywhere'; document.querySelector('.search-row input').style.flex = '1 0 19rem'")
    page.evaluate("Object.assign(document.querySelector('.search-row button').style, {flex: '0 1 auto', whiteSpace: 'normal'})")
    assert "Search" in page.evaluate(_BROKEN_WORDS)
    page.evaluate("document.querySelector('#home-q').placeholder = 'e.g. timber, radio exercise, childcare, old houses'")
    assert page.evaluate(_PLACEHOLDERS_CUT) != []


# ------------------------------------------------------------------ pictures

def test_pictures_have_sizes_srcset_webp_and_only_the_first_is_eager(open_page, golden_site):
    for path in ["", PROGRAM, "all/", "categories/recovery/", "owners/noto-wood/"]:
        page = open_page(golden_site + path, DESKTOP)
        pictures = page.evaluate("""() => [...document.querySelectorAll('main img')].map(img => ({
            src: img.getAttribute('src'), width: img.getAttribute('width'), height: img.getAttribute('height'),
            srcset: img.getAttribute('srcset'), loading: img.getAttribute('loading'), alt: img.getAttribute('alt'),
            webp: img.parentElement.tagName === 'PICTURE' ? img.parentElement.querySelector('source[type="image/webp"]').srcset : null}))""")
        assert pictures, path
        assert [p["loading"] for p in pictures] == [None] + ["lazy"] * (len(pictures) - 1), path
        for picture in pictures:
            assert picture["width"] and picture["height"] and picture["alt"], (path, picture)
        programs = [p for p in pictures if "timber-sorting" in p["src"]]
        assert programs, path
        for picture in programs:
            assert re.fullmatch(r"\S+timber-sorting-320\.jpg 320w, \S+timber-sorting-480\.jpg 480w", picture["srcset"])
            assert re.fullmatch(r"\S+timber-sorting-320\.webp 320w, \S+timber-sorting-480\.webp 480w", picture["webp"])
        page.locator("main img").last.scroll_into_view_if_needed()
        page.wait_for_function("[...document.querySelectorAll('main img')].every(img => img.complete && img.naturalWidth > 0)")
        assert page.errors == []


# ------------------------------------------------------------------ sharing

def test_share_links_are_plain_well_formed_links_and_copy_link_copies(chromium, golden_site):
    context = chromium.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    # What the page hands the clipboard, recorded: reading the system clipboard back needs a focused
    # window, which a busy test machine does not always give.
    context.add_init_script("""navigator.clipboard.writeText = async (text) => { window.copied = text; };""")
    page = context.new_page()
    page.goto(golden_site + PROGRAM)
    address = "https://example.org/sub/catalog/programs/timber-sorting/"
    links = dict(page.locator(".share-links a").evaluate_all("links => links.map(a => [a.className, a.href])"))
    line = urllib.parse.urlsplit(links["share-line"])
    assert (line.netloc, line.path, urllib.parse.parse_qs(line.query)) == ("social-plugins.line.me", "/lineit/share", {"url": [address]})
    x = urllib.parse.urlsplit(links["share-x"])
    assert (x.netloc, x.path) == ("x.com", "/intent/post")
    assert urllib.parse.parse_qs(x.query) == {"text": ["能登の古材レスキュー 仕分けボランティア | テスト地域カタログ"], "url": [address]}
    facebook = urllib.parse.urlsplit(links["share-facebook"])
    assert (facebook.netloc, urllib.parse.parse_qs(facebook.query)) == ("www.facebook.com", {"u": [address]})
    mail = urllib.parse.urlsplit(links["share-mail"])
    assert mail.scheme == "mailto" and address in urllib.parse.parse_qs(mail.query)["body"][0]
    assert page.locator("script[src]").evaluate_all("s => s.map(x => new URL(x.src).origin)") == [page.evaluate("location.origin")]

    page.get_by_role("button", name="リンクをコピー").click()
    page.wait_for_function("document.querySelector('.share-status').textContent !== ''")
    assert page.locator(".share-status").inner_text() == "リンクをコピーしました。"
    assert page.evaluate("window.copied") == address
    assert page.locator("[data-share]").is_hidden() == (not page.evaluate("typeof navigator.share === 'function'"))
    context.close()


def test_without_javascript_the_share_links_stay_and_the_script_buttons_do_not_show(open_page, golden_site):
    page = open_page(golden_site + PROGRAM, PHONE, java_script_enabled=False)
    assert page.locator(".share-links a").count() == 4
    assert page.locator(".share-button").evaluate_all("buttons => buttons.every(b => b.hidden)")


# ------------------------------------------------------------------ the home page

def test_home_quick_choices_and_prefectures_lead_to_lists_with_programs_without_javascript(open_page, golden_site):
    page = open_page(golden_site, PHONE, java_script_enabled=False)
    choices = page.locator(".quick-choices a").evaluate_all("links => links.map(a => [a.textContent.trim(), a.href])")
    assert [label.split(" (")[0] for label, _ in choices] == ["オンライン", "プロボノ", "復興支援", "子ども・子育て", "IT・DX"]
    regions = page.locator(".regions a").evaluate_all("links => links.map(a => [a.textContent.trim(), a.href])")
    assert [label for label, _ in regions] == ["神奈川県 (2)", "石川県 (1)"]
    for label, href in choices + regions:
        page.goto(href)
        count = int(re.search(r"\((\d+)\)", label).group(1))
        assert page.locator("article.card").count() == count, label


# ------------------------------------------------------------------ the flyer

def test_the_flyer_fills_one_a4_page_with_picture_access_a_large_qr_code_and_strips(chromium, golden_site):
    import pypdf

    context = chromium.new_context(viewport={"width": 680, "height": 1020})  # the printable area, 180 x 270 mm
    page = context.new_page()
    page.goto(golden_site + PROGRAM + "flyer/")
    page.emulate_media(media="print")
    text = page.locator(".flyer-sheet").inner_text()
    for fact in ("新幹線の金沢駅からバスで2時間", "石川県輪島市河井町1-1", "無料", "info@wood.example.org",
                 "https://example.org/sub/catalog/"):
        assert fact in text
    assert "石川県 輪島市" not in text
    assert page.locator(".flyer-picture").get_attribute("alt") == "積み重ねた古材の図"
    millimetre = 96 / 25.4
    qr = _box(page, ".flyer-qr svg")
    assert qr["right"] - qr["left"] >= 60 * millimetre
    strips = page.locator(".flyer-tabs li")
    assert strips.count() == 4
    assert all("https://example.org/sub/catalog/programs/timber-sorting/" in s for s in strips.all_inner_texts())
    sheet, tabs = _box(page, ".flyer-sheet"), _box(page, ".flyer-tabs")
    assert sheet["bottom"] - tabs["bottom"] < 3 * millimetre  # used to the foot of the page
    assert len(pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True))).pages) == 1
    context.close()


# ------------------------------------------------------------------ following a skill, a type, a format

@pytest.mark.parametrize("folder, title, programs", [
    ("skills/physical/", "力仕事の新着プログラム", ["timber-sorting"]),
    ("types/probono/", "プロボノの新着プログラム", ["zoom-lesson", "translation-online"]),
    ("formats/onsite/", "現地の新着プログラム", ["full-event", "timber-sorting"]),
])
def test_skills_types_and_formats_have_feeds_and_calendars_linked_from_their_pages(built_golden, folder, title, programs):
    feed = feedparser.parse((built_golden / folder / "feed.xml").read_bytes())
    assert not feed.bozo and feed.feed.title == title
    assert [e.link.rstrip("/").rsplit("/", 1)[1] for e in feed.entries] == programs
    calendar = icalendar.Calendar.from_ical((built_golden / folder / "calendar.ics").read_bytes())
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    titles = {entry.title for entry in feed.entries}
    assert summaries and all(any(title in summary for title in titles) for summary in summaries), summaries
    page = (built_golden / folder / "index.html").read_text()
    assert 'rel="alternate" type="application/atom+xml"' in page
    follow = re.search(r'<p class="follow">(.*?)</p>', page, re.S).group(1)
    assert f'href="../../{folder}feed.xml"' in follow and f'href="../../{folder}calendar.ics"' in follow
    assert {"skills": "このスキルの新着を受け取る", "types": "この種類の新着を受け取る", "formats": "この参加形式の新着を受け取る"}[folder.split("/")[0]] in follow


# ------------------------------------------------------------------ indexes never lead to an empty list

class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href", ""))


def test_indexes_and_the_home_page_never_link_to_an_empty_list(built_golden):
    listing = re.compile(r"(types|categories|prefectures|skills|formats)/[^/]+/$|weekend/$")
    checked = 0
    for index in ["index.html", "types/index.html", "categories/index.html", "prefectures/index.html",
                  "skills/index.html", "formats/index.html"]:
        parser = _Links()
        source = built_golden / index
        parser.feed(source.read_text())
        for href in parser.hrefs:
            if href.startswith(("#", "mailto:")) or "://" in href or "?" in href or not href.endswith("/"):
                continue
            target = (source.parent / href).resolve()
            relative = target.relative_to(built_golden.resolve()).as_posix() + "/"
            if listing.search(relative):
                checked += 1
                assert "<article class=\"card" in (target / "index.html").read_text(), (index, href)
    assert checked >= 15
    skills = (built_golden / "skills" / "index.html").read_text()
    assert "力仕事" in skills and "ITツール支援" in skills


def test_a_skill_without_open_programs_is_not_linked_from_the_skills_index(write_catalog):
    root = write_catalog({"content/programs/only.md": program(skills="[it-support]", status="closed")})
    assert build(root).code == 0
    index = (root / "site" / "skills" / "index.html").read_text()
    assert "skills/it-support/" not in index and "いま募集中のプログラムはありません。" in index


# ------------------------------------------------------------------ cards, owners, the weekend

def test_cards_show_cost_skills_the_rhythm_and_days_left(write_catalog):
    root = write_catalog({
        "content/programs/weekly.md": program(title="毎週の活動", commitment="毎週木曜日の15時〜19時のうち、月1回から",
                                              cost="参加費500円（保険料）", skills="[it-support]", deadline="2026-11-24"),
        "content/programs/pro.md": program(title="プロボノ", commitment="週2時間×3か月（月1回の定例あり）", cost="無料"),
    })
    assert build(root).code == 0
    page = (root / "site" / "all" / "index.html").read_text()
    weekly = page[page.index("毎週の活動"):page.index("</article>", page.index("毎週の活動"))]
    assert "<dt>日程</dt><dd>毎週木曜 15:00〜19:00</dd>" in weekly
    assert "<dt>参加費</dt><dd>¥500</dd>" in weekly
    assert "<dt>スキル</dt><dd>ITツール支援</dd>" in weekly
    assert '<strong class="days-left">あと 3 日</strong>' in weekly
    pro = page[page.index(">プロボノ<"):]
    assert "<dt>活動量</dt><dd>週2時間×3か月</dd>" in pro and "<dt>参加費</dt><dd>無料</dd>" in pro
    assert "随時" not in page


def test_the_organisations_page_is_in_japanese_order(write_catalog):
    def owner(name, kana=None):
        return f"---\nname: {name}\n" + (f"name_kana: {kana}\n" if kana else "") + "kind: npo\nprefecture: 石川県\nmaintainers: [a]\n---\n"
    root = write_catalog({
        "content/owners/aaa-last.md": owner("輪島わかば会", "わじまわかばかい"),
        "content/owners/zzz-first.md": owner("朝市応援団", "あさいちおうえんだん"),
        "content/owners/mmm-middle.md": owner("のと里山クラブ"),
    }, owner=False)
    assert build(root).code == 0
    page = (root / "site" / "owners" / "index.html").read_text()
    assert [page.index(name) for name in ("朝市応援団", "のと里山クラブ", "輪島わかば会")] == sorted(
        page.index(name) for name in ("朝市応援団", "のと里山クラブ", "輪島わかば会"))


def test_this_weekend_lists_programs_with_a_date_on_the_coming_weekend(write_catalog):
    root = write_catalog({
        "content/programs/sunday.md": program(title="日曜の清掃", dates="[{start: 2026-11-22T09:00, end: 2026-11-22T11:00}]"),
        "content/programs/later.md": program(title="来週の清掃", dates="[{start: 2026-11-28}]"),
    })
    assert build(root).code == 0  # the build date is Saturday 21 November 2026
    weekend = (root / "site" / "weekend" / "index.html").read_text()
    assert "日曜の清掃" in weekend and "来週の清掃" not in weekend
    assert "今週末、11月21日(土)と11月22日(日)に日程があるプログラムです。" in weekend
    home = (root / "site" / "index.html").read_text()
    assert 'href="weekend/">今週末 <span class="count">(1)</span>' in home


def test_no_weekend_choice_on_the_home_page_when_nothing_happens_then(write_catalog):
    root = write_catalog({"content/programs/later.md": program(dates="[{start: 2026-11-28}]")})
    assert build(root).code == 0
    assert "weekend/" not in (root / "site" / "index.html").read_text()


# ------------------------------------------------------------------ budgets

def test_every_page_of_the_sample_catalog_is_under_200_kb(tmp_path):
    out = tmp_path / "site"
    assert build(REPO, "--out", str(out), "--no-search").code == 0
    sizes = {p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*.html")}
    assert len(sizes) > 100
    assert max(sizes.values()) < 200_000, max(sizes.items(), key=lambda item: item[1])


@pytest.mark.parametrize("language", ["ja", "en"])
def test_no_axe_violations_on_a_desktop_either(chromium, sites, language):
    from test_accessibility import _axe_source

    source = _axe_source()
    context = chromium.new_context(bypass_csp=True, viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    page = context.new_page()
    for path in ["", PROGRAM, "all/", "skills/", "owners/"]:
        page.goto(sites[language] + path)
        page.evaluate(source)
        violations = page.evaluate("async () => (await axe.run(document)).violations.map(v => `${v.id}: ${v.nodes.length} × ${v.help}`)")
        assert violations == [], path
    context.close()
