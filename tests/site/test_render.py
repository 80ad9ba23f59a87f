"""Render stage helpers: links, dates, Markdown safety."""

import datetime as dt
import random
from xml.etree import ElementTree

import pytest

from markdown.util import AtomicString

from catalog.content.markup import make_converter, render_markdown
from catalog.content.model import DateRange
from catalog.site.environment import relative as _relative
from catalog.site.pages import Listing

from conftest import REPO
from safety import unsafe_parts


@pytest.mark.parametrize("page, target, link", [
    ("", "programs/a/", "programs/a/"),
    ("", "", "./"),
    ("programs/a/", "", "../../"),
    ("programs/a/", "assets/style.css", "../../assets/style.css"),
    ("types/volunteer/page/2/", "programs/b/", "../../../../programs/b/"),
])
def test_links_are_relative_to_the_page(page, target, link):
    assert _relative(page, target) == link


def test_pagination_window():
    listing = Listing("all", "", "t", "all/", tuple(range(500)), number=250)
    assert listing.pages == 25
    listing = Listing("all", "", "t", "all/", tuple(range(10_000)), number=250)
    assert listing.page_numbers == [1, None, 248, 249, 250, 251, 252, None, 500]
    assert listing.page_url(1) == "all/" and listing.page_url(3) == "all/page/3/"
    assert len(listing.items) == 20


@pytest.mark.parametrize("markdown", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<iframe src='https://evil.example'></iframe>",
    "<a href='https://x' onclick='alert(1)'>x</a>",
    "<style>body{display:none}</style>",
    "<svg onload=alert(1)>",
    "[x](vbscript:msgbox(1))",
    "<div style='background:url(javascript:alert(1))'>x</div>",
])
def test_markdown_cannot_reach_the_page_with_unsafe_html(markdown):
    html = render_markdown(markdown)
    assert unsafe_parts(html) == []
    assert "<img" not in html


def test_the_safety_checker_notices_unsafe_html():
    """The checker above would fail if sanitizing were removed."""
    assert unsafe_parts("<a href='javascript:alert(1)'>x</a><p onclick='x'>y</p><script></script>") == [
        "a[href='javascript:alert(1)']", "p[onclick]", "<script>"]


def test_images_in_bodies_become_their_text():
    html = render_markdown("![作業の様子](https://tracker.example/p.gif)")
    assert "tracker.example" not in html and "作業の様子" in html


def test_markdown_keeps_what_authors_need():
    html = render_markdown("# 見出し\n\n- **軍手**\n- [地図](https://example.org/map)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<h2>見出し</h2>" in html  # the page title is the only h1
    assert "<strong>軍手</strong>" in html
    assert '<a href="https://example.org/map" rel="noopener noreferrer nofollow">地図</a>' in html
    assert "<td>1</td>" in html


def _markdown_soup(rng: random.Random) -> str:
    """Random text made of every piece of Markdown syntax, in prose-sized runs."""
    pieces = ["地域の皆さんと", "volunteer ", "*", "**", "_", "__", "`", "``", "[", "]", "](https://example.org/a)",
              "![", "<", ">", "<https://example.org>", "<a@example.org>", "&amp;", "&#12354;", "&", "\\", "\\*",
              "  \n", "\n", "\n\n", "# ", "## ", "- ", "1. ", "> ", "| a | b |\n|---|---|\n| 1 | 2 |\n",
              "```\ncode\n```\n", "    indented\n", "[x]: https://example.org/ref\n", "[x]", "\t", " ", "。"]
    return "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))


def test_skipping_plain_texts_does_not_change_any_html():
    """The converter skips the inline patterns for texts without inline syntax (a speed-up): the HTML is
    the same as Python-Markdown's own on every sample body and on random syntax soup."""
    fast, slow = make_converter(), make_converter(skip_plain_text=False)
    bodies = [path.read_text(encoding="utf-8").split("\n---\n", 1)[1] for path in sorted(REPO.glob("content/programs/*.md"))]
    rng = random.Random(7)
    bodies += [_markdown_soup(rng) for _ in range(3000)]
    for body in bodies:
        fast.reset()
        slow.reset()
        assert fast.convert(body) == slow.convert(body), body
    # and the shortcut is taken where it should be, and only there
    tree = ElementTree.fromstring("<div><p>地域の皆さんと</p><p>a *b*</p><p>a  \nb</p><p>[x]</p></div>")
    fast.treeprocessors["plain_text_is_done"].run(tree)
    assert [isinstance(p.text, AtomicString) for p in tree] == [True, False, False, False]


def test_dates_in_japanese_and_english(write_catalog):
    from catalog.content.read import read_catalog as check
    from catalog.site.environment import Labels

    root = write_catalog()
    catalog = check(root, "2026-11-21").catalog
    renderer = Labels(catalog)
    assert renderer.format_date(dt.date(2026, 12, 5)) == "2026年12月5日(土)"
    assert renderer.format_date(dt.datetime(2026, 12, 5, 9, 30)) == "2026年12月5日(土) 9:30"
    same_day = DateRange(dt.datetime(2026, 12, 5, 9, 0), dt.datetime(2026, 12, 5, 15, 0))
    assert "〜" in renderer.format_date_range(same_day) and ">15:00</time>" in renderer.format_date_range(same_day)
    span = renderer.format_date_range(DateRange(dt.date(2026, 12, 30), dt.date(2027, 1, 2)))
    assert "2026年12月30日(水)" in span and "2027年1月2日(土)" in span
    english = Labels(catalog.__class__(**{**catalog.__dict__, "config": catalog.config.__class__(**{**catalog.config.__dict__, "language": "en"})}))
    assert english.format_date(dt.date(2026, 12, 5)) == "Sat 5 Dec 2026"
