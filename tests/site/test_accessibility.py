"""Accessibility in Chromium: axe-core on every kind of page in Japanese and English, and a keyboard-only walk."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import REPO, build, serve

AXE = REPO / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", "programs/timber-sorting/", "programs/past-cleanup/", "owners/noto-wood/", "categories/recovery/",
         "all/", "search/?q=%E5%8F%A4%E6%9D%90", "404.html"]


@pytest.fixture(scope="module")
def english_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("english")
    shutil.copytree(REPO / "tests" / "golden" / "content", root / "content")
    site_yaml = root / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("language: ja", "language: en"))
    out = root / "served" / "sub" / "catalog"
    assert build(root, "--out", str(out)).code == 0
    url, server = serve(root / "served")
    yield url + "sub/catalog/"
    server.shutdown()


def _axe_source() -> str:
    if not AXE.is_file():
        reason = "axe-core is not installed (see .ci/run)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE.read_text()


def _violations(chromium, base: str, path: str, source: str) -> list[str]:
    # axe is injected by the test; the page's CSP rightly forbids scripts it did not list.
    context = chromium.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + path)
    if "search/" in path:
        page.locator("#results .result").first.wait_for()
    page.evaluate(source)
    violations = page.evaluate("async () => (await axe.run(document)).violations.map(v => `${v.id}: ${v.nodes.length} × ${v.help}`)")
    context.close()
    return violations


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations_in_japanese(chromium, golden_site, path):
    assert _violations(chromium, golden_site, path, _axe_source()) == []


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations_in_english(chromium, english_site, path):
    assert _violations(chromium, english_site, path, _axe_source()) == []


def test_axe_would_notice_a_violation(chromium, golden_site, tmp_path):
    context = chromium.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(golden_site)
    page.evaluate("document.querySelector('main').append(document.createElement('img')); document.documentElement.removeAttribute('lang')")
    page.evaluate(_axe_source())
    ids = page.evaluate("async () => (await axe.run(document)).violations.map(v => v.id)")
    context.close()
    assert "image-alt" in ids and "html-has-lang" in ids


def test_keyboard_only_from_home_to_a_sign_up_link(chromium, golden_site):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(golden_site)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "本文へ移動"
    page.keyboard.press("Enter")  # the skip link moves focus to the main content
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href') || ''").endswith("programs/timber-sorting/"):
            break
    else:
        pytest.fail("no program link reached by Tab")
    focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none"  # a visible focus indicator
    page.keyboard.press("Enter")
    page.wait_for_url("**/programs/timber-sorting/")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "申し込む":
            break
    else:
        pytest.fail("the sign-up link was not reached by Tab")
    assert page.evaluate("document.activeElement.href") == "https://forms.example.org/apply?program=timber-sorting"
    context.close()
