"""JIS X 8341-3 / WCAG 2.2 A and AA, measured in Chromium on the catalog this repository publishes.

The checks an accessibility tester makes by hand, as tests: axe-core, the Nu HTML Checker, language
of parts, reflow at 320 px (and 200 % text), text spacing, focus visible and not obscured on every
Tab stop, no keyboard trap, target size, non-text contrast, status messages. Each test names the
success criteria it decides (`@pytest.mark.a11y`); `pytest --a11y-results FILE` writes what passed,
and `build.py --a11y-results FILE` turns that into the site's accessibility page.

The catalog tested is content/ as built here, or the site already built at A11Y_SITE (the publish
workflow tests the very pages it publishes). The pages are a sample per kind of page, as JIS X
8341-3's sampling method allows; the language-of-parts walk covers every program.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from catalog.content import accessibility

from a11y_results import record_axe, record_page
from conftest import REPO, build, serve

AXE = REPO / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
VNU = REPO / ".cache" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (kind of page, path): one or two of each kind the generator makes, from the sample catalog.
PAGES = [
    ("home", ""),
    ("program", "programs/noto-kozai-sorting/"),  # Japanese, with a picture
    ("program", "programs/satohama-guide-translation/"),  # English, inside the Japanese site
    ("program", "programs/wajima-saigai-volunteer/"),  # closed
    ("flyer", "programs/satohama-guide-translation/flyer/"),
    ("owner", "owners/noto-kozai-rescue/"),  # with a logo
    ("owners", "owners/"),
    ("listing", "all/"),
    ("listing", "categories/recovery/"),
    ("facet", "categories/"),
    ("search", "search/?q=%E5%8F%A4%E6%9D%90"),  # 古材
    ("accessibility", "accessibility/"),
    ("not-found", "404.html"),
]
SCREEN_PAGES = [page for page in PAGES if page[0] != "flyer"]  # the flyer is a sheet of A4 paper (test_browser)


def test_the_page_kinds_sampled_are_the_ones_the_accessibility_page_names():
    assert {kind for kind, _ in PAGES} == set(accessibility.PAGE_KINDS)


def _needs(path: Path, what: str) -> None:
    if not path.is_file():
        reason = f"{what} is not installed (see .ci/run)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The site as published (A11Y_SITE, or content/ built here), served under its base path: the
    404 page's links are absolute, as GitHub Pages serves it at any depth."""
    served = tmp_path_factory.mktemp("published")
    given = os.environ.get("A11Y_SITE")
    site = Path(given).resolve() if given else served / "built"
    if not given:
        result = build(REPO, "--out", str(site))
        assert result.code == 0, result.err
    canonical = re.search(r'<link rel="canonical" href="https?://[^/"]+(/[^"]*)"', (site / "index.html").read_text(encoding="utf-8"))
    base_path = canonical.group(1).strip("/")
    if base_path:
        (served / base_path).parent.mkdir(parents=True, exist_ok=True)
        (served / base_path).symlink_to(site, target_is_directory=True)
    url, server = serve(served if base_path else site)
    yield site, f"{url}{base_path}/" if base_path else url
    server.shutdown()


@pytest.fixture(scope="module")
def english_interface(tmp_path_factory):
    """The same catalog with an English interface: Japanese programs inside English pages."""
    root = tmp_path_factory.mktemp("english-interface")
    shutil.copytree(REPO / "content", root / "content")
    settings = root / "content" / "site.yaml"
    settings.write_text(re.sub(r"(?m)^language: ja$", "language: en", settings.read_text(encoding="utf-8")), encoding="utf-8")
    assert build(root, "--out", str(root / "served" / "site")).code == 0
    url, server = serve(root / "served")
    yield f"{url}site/"
    server.shutdown()


def _open(chromium, url: str, width: int = 390, height: int = 844, bypass_csp: bool = False):
    context = chromium.new_context(viewport={"width": width, "height": height}, bypass_csp=bypass_csp)
    page = context.new_page()
    page.goto(url)
    if "search/?q=" in url:
        page.locator("#results .result").first.wait_for()
    return context, page


# ------------------------------------------------------------------ axe-core and the Nu HTML Checker


@pytest.mark.parametrize("kind,path", PAGES)
def test_axe_finds_no_violation(chromium, published, request, kind, path):
    _needs(AXE, "axe-core")
    record_page(request, kind, path)
    # axe is injected by the test; the page's CSP rightly forbids scripts it did not list.
    context, page = _open(chromium, published[1] + path, bypass_csp=True)
    page.evaluate(AXE.read_text())
    results = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
        const slim = rules => rules.map(rule => ({id: rule.id, tags: rule.tags, nodes: rule.nodes.length, help: rule.help}));
        return {passes: slim(r.passes), violations: slim(r.violations), incomplete: slim(r.incomplete)};
    }""")
    context.close()
    record_axe(request, results)
    assert [f"{v['id']}: {v['nodes']} × {v['help']}" for v in results["violations"]] == []


@pytest.mark.a11y("vnu", ["4.1.1", "1.3.1"])
def test_every_published_page_is_valid_html(published, request, tmp_path):
    _needs(VNU, "the Nu HTML Checker (vnu-jar)")
    if shutil.which("java") is None:
        pytest.skip("the Nu HTML Checker needs java")
    for kind, path in PAGES:
        record_page(request, kind, path)
    control = tmp_path / "control.html"
    control.write_text("<!doctype html><html lang=ja><title>x</title><p><div></span>")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", "--skip-non-html",
                             str(published[0]), str(control)], capture_output=True, text=True)
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors and all(str(control) in line for line in errors), "\n".join(errors[:20])


# ------------------------------------------------------------------ language of parts (3.1.2)

# What a text node's script says about the `lang` it needs: Japanese letters (not punctuation), or
# Latin words. Acronyms (NPO, CSV, QR, A4), URLs and e-mail addresses are read letter by letter in
# either language; a few product names are the same words in both; code (test and rule ids) is no language.
JAPANESE_LETTER = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc\u3400-\u4dbf\u4e00-\u9fff\u3005]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
NEUTRAL = re.compile(r"https?://\S+|[\w.+-]+@[\w.-]+|\b[A-Z0-9][A-Z0-9.&-]{0,5}\b|\b(?:Zoom|Google|LINE|Instagram|Wi-Fi|axe-core|chiiki-catalog)\b")

LANGUAGE_WALK = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const element = node.parentElement;
    if (element.closest("script, style, template, noscript, [hidden], code")) continue;
    const text = node.textContent.trim();
    if (text) found.push([text, element.closest("[lang]").lang]);
  }
  for (const image of document.querySelectorAll("img[alt]")) found.push([image.alt, image.closest("[lang]").lang]);
  return found;
}"""


def script_language(text: str) -> str | None:
    """ja, en, or None (nothing to decide: numbers, punctuation, acronyms, addresses)."""
    letters = NEUTRAL.sub(" ", text)
    japanese = len(JAPANESE_LETTER.findall(letters))
    latin = len(LATIN_LETTER.findall(letters))
    if japanese and japanese * 4 >= latin:
        return "ja"
    return "en" if latin else None


def test_script_language_decides_like_a_reader():
    assert script_language("くわしい内容") == "ja"
    assert script_language("Apply to translate") == "en"
    assert script_language("Zoom ミーティングの使い方") == "ja"
    assert script_language("オープンデータ (CSV)") == "ja"
    assert script_language("JSON") is None
    assert script_language("2026年11月21日") == "ja"
    assert script_language("https://forms.example.jp/a") is None


def _wrong_language(page) -> list[str]:
    return [f"{near!r} holds {text[:60]!r}" for text, near in page.evaluate(LANGUAGE_WALK)
            if script_language(text) not in (None, near)]


def _program_paths(site: Path) -> list[str]:
    programs = sorted(p.parent.name for p in (site / "programs").glob("*/index.html"))
    return [path for id in programs for path in (f"programs/{id}/", f"programs/{id}/flyer/")]


@pytest.mark.a11y("language-of-parts", ["3.1.1", "3.1.2"])
@pytest.mark.parametrize("interface", ["ja", "en"])
def test_every_text_sits_in_the_language_it_is_written_in(chromium, published, english_interface, request, interface):
    """Every program page and flyer, and a page of every other kind, in a Japanese and an English
    interface: each text node's nearest `lang` is the language of its script."""
    base = published[1] if interface == "ja" else english_interface
    paths = _program_paths(published[0]) + [path for kind, path in PAGES if kind not in ("program", "flyer")]
    paths.append("search/?q=guide")  # an English result and its excerpt in the Japanese interface
    for kind, path in PAGES:
        record_page(request, kind, path)
    context = chromium.new_context()
    page = context.new_page()
    wrong = []
    for path in paths:
        page.goto(base + path)
        if "search/?q=" in path:
            page.locator("#results .result").first.wait_for()
        wrong += [f"{path}: {problem}" for problem in _wrong_language(page)]
    context.close()
    assert wrong == []


def test_the_language_walk_notices_a_wrong_lang(chromium, published):
    context, page = _open(chromium, published[1] + "programs/satohama-guide-translation/")
    assert _wrong_language(page) == []
    page.evaluate("document.querySelector('h1').removeAttribute('lang')")
    assert _wrong_language(page) == ["'ja' holds \"Pro bono: translate Satohama's walking guide into English (o\""]
    context.close()


# ------------------------------------------------------------------ reflow and text spacing (1.4.4, 1.4.10, 1.4.12)

# Boxes of the visible things a reader sees or uses (text, pictures, controls); two that intersect
# (and are not one inside the other) hide part of each other.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push(`scrolls sideways by ${root.scrollWidth - root.clientWidth} px`);
  const collapsed = e => { const d = e.closest("details:not([open])"); return d && !d.querySelector(":scope > summary").contains(e); };
  const shown = e => {
    const style = getComputedStyle(e);
    return style.visibility !== "hidden" && e.getClientRects().length > 0 && !collapsed(e) &&
      !e.closest(".visually-hidden, .skip-link, [hidden], template, noscript");
  };
  const name = e => `${e.tagName.toLowerCase()} "${(e.textContent || e.getAttribute("alt") || "").trim().slice(0, 30)}"`;
  // What a reader sees: each line box of text (a Range's rects: text flows around floats, element boxes do not), pictures, controls.
  const items = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    if (!node.textContent.trim() || !shown(node.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) if (rect.width > 1 && rect.height > 1) items.push({element: node.parentElement, rect});
  }
  for (const element of document.body.querySelectorAll("img, svg, input, select, button, textarea")) {
    if (!shown(element)) continue;
    const rect = element.getBoundingClientRect();
    if (rect.width > 0 && rect.height > 0) items.push({element, rect});
  }
  for (const {element, rect} of items) {
    if (rect.right > root.clientWidth + 1 || rect.left < -1) problems.push(`${name(element)} runs off the screen`);
  }
  // Text cut off by its own box: an element that hides overflow but has more to show.
  for (const element of document.body.querySelectorAll("*")) {
    if (!shown(element)) continue;
    const style = getComputedStyle(element);
    if (["hidden", "clip"].includes(style.overflowX) || ["hidden", "clip"].includes(style.overflowY)) {
      if (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1) problems.push(`${name(element)} is clipped`);
    }
  }
  // A bar that stays on screen while the page scrolls under it (the phones' sign-up bar) lies over whatever
  // is under it at that moment: that it never hides the focus is the focus test's, not this one's.
  const floating = e => { for (let x = e; x; x = x.parentElement) if (["fixed", "sticky"].includes(getComputedStyle(x).position)) return true; return false; };
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i], b = items[j];
      if (a.element.contains(b.element) || b.element.contains(a.element)) continue;  // a control and its own text
      if (floating(a.element) !== floating(b.element)) continue;
      const overlapX = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
      const overlapY = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
      if (overlapX > 1 && overlapY > 2) problems.push(`${name(a.element)} overlaps ${name(b.element)}`);
    }
  }
  return [...new Set(problems)];
}"""

# WCAG 1.4.12's values, as the bookmarklets testers use inject them.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""


@pytest.mark.a11y("reflow", ["1.4.4", "1.4.10"])
@pytest.mark.parametrize("kind,path", SCREEN_PAGES)
def test_reflow_at_320_px_and_200_percent_text(chromium, published, request, kind, path):
    """320 CSS px is a 1280 px window at 400 %; 640 px is the same window at 200 %."""
    record_page(request, kind, path)
    problems = []
    for width in (320, 640):
        context, page = _open(chromium, published[1] + path, width=width, height=640)
        problems += [f"{width} px: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
        context.close()
    assert problems == []


@pytest.mark.a11y("text-spacing", ["1.4.12"])
@pytest.mark.parametrize("kind,path", SCREEN_PAGES)
def test_text_spacing_clips_and_overlaps_nothing(chromium, published, request, kind, path):
    record_page(request, kind, path)
    problems = []
    for width in (320, 1280):
        context, page = _open(chromium, published[1] + path, width=width, height=800, bypass_csp=True)
        page.add_style_tag(content=TEXT_SPACING)
        problems += [f"{width} px: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
        context.close()
    assert problems == []


def test_the_layout_check_notices_overlap_and_sideways_scrolling(chromium, published):
    context, page = _open(chromium, published[1], width=320, bypass_csp=True)
    assert page.evaluate(LAYOUT_PROBLEMS) == []
    page.add_style_tag(content="h1 { margin-bottom: -3em; } .site-title { white-space: nowrap; font-size: 40px; }")
    problems = page.evaluate(LAYOUT_PROBLEMS)
    assert any("scrolls sideways" in p for p in problems) and any("overlaps" in p for p in problems), problems
    context.close()


# ------------------------------------------------------------------ keyboard focus (2.1.2, 2.4.7, 2.4.11)

FOCUS_STATE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const rect = element.getBoundingClientRect();
  const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  const inView = rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth;
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return {
    name: `${element.tagName.toLowerCase()} "${(element.textContent || element.value || element.id).trim().slice(0, 30)}"`,
    key: element.id || element.outerHTML.slice(0, 120) + Math.round(rect.top + scrollY) + Math.round(rect.left),
    visible: ring || style.boxShadow !== "none",
    obscured: !inView || !(top && (element === top || element.contains(top) || top.contains(element) || element.labels && [...element.labels].some(l => l.contains(top)))),
  };
}"""


@pytest.mark.a11y("focus", ["2.1.2", "2.4.7", "2.4.11"])
@pytest.mark.parametrize("kind,path", SCREEN_PAGES)
def test_every_tab_stop_shows_its_focus_unobscured_and_tab_leaves_the_page(chromium, published, request, kind, path):
    record_page(request, kind, path)
    problems = []
    for width in (360, 1280):
        context, page = _open(chromium, published[1] + path, width=width, height=700)
        seen = set()
        for _ in range(400):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE)
            if state is None or state["key"] in seen:
                break  # focus left the page (back to the browser) or came round again: no trap
            seen.add(state["key"])
            if not state["visible"]:
                problems.append(f"{width} px: {state['name']} has no visible focus indicator")
            if state["obscured"]:
                problems.append(f"{width} px: {state['name']} is hidden when focused")
        else:
            problems.append(f"{width} px: Tab never leaves the page (a keyboard trap?)")
        assert len(seen) > 3, f"{path}: only {len(seen)} Tab stops"
        context.close()
    assert problems == []


def test_the_focus_check_notices_a_hidden_indicator_and_a_covered_control(chromium, published):
    context, page = _open(chromium, published[1] + "search/", bypass_csp=True)
    page.add_style_tag(content=":focus-visible { outline: none !important; }")
    page.evaluate("""() => { const cover = document.createElement('div');
        cover.style = 'position:fixed;inset:0;background:#fff;z-index:9'; document.body.append(cover); }""")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the site's title (the skip link, first, is drawn above everything when focused)
    state = page.evaluate(FOCUS_STATE)
    assert state["visible"] is False and state["obscured"] is True
    context.close()


# ------------------------------------------------------------------ target size (2.5.8) and non-text contrast (1.4.11)

TARGETS = """() => {
  const problems = [];
  const collapsed = e => { const d = e.closest("details:not([open])"); return d && !d.querySelector(":scope > summary").contains(e); };
  const targets = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, summary, textarea")]
    .map(e => e.matches("input[type=checkbox], input[type=radio]") && e.closest("label") ? e.closest("label") : e)
    .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden" && !e.closest(".visually-hidden") && !collapsed(e));
  const boxes = targets.map(e => e.getBoundingClientRect());
  const inSentence = e => getComputedStyle(e).display === "inline" &&
    [...e.parentElement.childNodes].some(n => n !== e && n.nodeType === 3 && /\\S/.test(n.textContent));
  targets.forEach((element, i) => {
    const box = boxes[i];
    if (box.width >= 24 && box.height >= 24) return;
    if (inSentence(element) || element.matches(".skip-link")) return;  // the exceptions: inline in text; off-screen until focused
    // The spacing exception: a 24 px circle on the target's centre touches no other target.
    const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
    const near = boxes.some((other, j) => j !== i && !targets[j].contains(element) && !element.contains(targets[j]) &&
      Math.hypot(Math.max(other.left - cx, 0, cx - other.right), Math.max(other.top - cy, 0, cy - other.bottom)) < 12);
    if (near) problems.push(`${element.tagName.toLowerCase()} "${element.textContent.trim().slice(0, 30)}" is ${Math.round(box.width)}×${Math.round(box.height)} px with a target within 12 px`);
  });
  return problems;
}"""

# The colours of what identifies a control or a state, against what is behind it.
CONTRAST = """() => {
  const rgb = text => { const m = text.match(/[\\d.]+/g).map(Number); return m.length > 3 && m[3] === 0 ? null : m.slice(0, 3); };
  const luminance = ([r, g, b]) => { const c = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b); };
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const behind = element => { for (let e = element.parentElement; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c) return c; } return [255, 255, 255]; };
  const found = [];
  const name = e => `${e.tagName.toLowerCase()}${e.className ? "." + String(e.className).split(" ")[0] : ""}`;
  for (const element of document.querySelectorAll("input[type=search], select, input[type=checkbox], .badge, .button, button")) {
    if (!element.getClientRects().length) continue;
    const style = getComputedStyle(element);
    const around = behind(element);
    const border = parseFloat(style.borderTopWidth) > 0 && style.borderTopStyle !== "none" ? rgb(style.borderTopColor) : null;
    const fill = rgb(style.backgroundColor);
    const best = Math.max(border ? ratio(border, around) : 0, fill ? ratio(fill, around) : 0,
      element.type === "checkbox" ? 3 : 0);  // Chromium draws checkboxes itself: #767676 on white, 4.5:1
    found.push([name(element), Math.round(best * 100) / 100]);
  }
  return found;
}"""


@pytest.mark.a11y("target-size", ["2.5.8"])
@pytest.mark.parametrize("kind,path", SCREEN_PAGES)
def test_targets_are_24_px_or_spaced(chromium, published, request, kind, path):
    record_page(request, kind, path)
    problems = []
    for width in (360, 1280):
        context, page = _open(chromium, published[1] + path, width=width)
        problems += [f"{width} px: {p}" for p in page.evaluate(TARGETS)]
        context.close()
    assert problems == []


@pytest.mark.a11y("non-text-contrast", ["1.4.11"])
@pytest.mark.parametrize("kind,path", [p for p in SCREEN_PAGES if p[0] in ("home", "program", "search", "listing")])
def test_focus_ring_inputs_and_badges_contrast_3_to_1(chromium, published, request, kind, path):
    record_page(request, kind, path)
    context, page = _open(chromium, published[1] + path)
    low = [f"{name} {value}:1" for name, value in page.evaluate(CONTRAST) if value < 3]
    # The focus ring against the page and against the header and footer panels it also sits on.
    for selector in ("main a[href]", ".site-header a[href]", ".site-footer a[href]"):
        link = page.locator(selector).first
        link.focus()
        ring = page.evaluate("""([selector]) => {
            const rgb = t => t.match(/[\\d.]+/g).slice(0, 3).map(Number);
            const lum = ([r, g, b]) => { const c = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b); };
            const e = document.activeElement; let bg = [255, 255, 255];
            for (let p = e; p; p = p.parentElement) { const c = getComputedStyle(p).backgroundColor; if (!c.endsWith(", 0)") && c !== "transparent") { bg = rgb(c); break; } }
            const [x, y] = [lum(rgb(getComputedStyle(e).outlineColor)), lum(bg)].sort((a, b) => b - a);
            return Math.round((x + 0.05) / (y + 0.05) * 100) / 100;
        }""", [selector])
        if ring < 3:
            low.append(f"focus ring in {selector} {ring}:1")
    context.close()
    assert low == []


# ------------------------------------------------------------------ status messages (4.1.3)


@pytest.mark.a11y("status-messages", ["4.1.3"])
def test_search_results_are_announced_as_a_status(chromium, published, request):
    record_page(request, "search", "search/?q=%E5%8F%A4%E6%9D%90")
    context, page = _open(chromium, published[1] + "search/?q=%E5%8F%A4%E6%9D%90")
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status"
    assert re.search(r"\d+ 件", status.inner_text())
    assert page.evaluate("document.activeElement === document.body || document.activeElement.id === 'q'")  # focus stays put
    context.close()
