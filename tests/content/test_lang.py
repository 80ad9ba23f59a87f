"""Language of parts: the language a text is written in, from its script (catalog/content/lang.py), and the
`lang` attributes the pages, cards, flyers and feeds carry."""

from __future__ import annotations

import pytest
from conftest import build, program

from catalog.content.lang import latin_language, text_language


@pytest.mark.parametrize("text,expected", [
    ("くわしい内容", "ja"),
    ("Apply to translate", "en"),
    ("Free", "en"),
    ("週2時間×3か月", "ja"),
    ("Zoom ミーティングの使い方", "ja"),  # a few Latin words in Japanese text
    ("Translate the walking guide of 里浜 into English", "en"),  # a Japanese name in English text
    ("NPO法人", "ja"),
    ("2026-12-01", None),  # no letters: read in the surrounding language
    ("¥500 / 「・」", None),
    ("", None),
    (None, None),
])
def test_text_language(text, expected):
    assert text_language(text) == expected


def test_latin_letters_are_the_programs_latin_script_language():
    assert text_language("Traduzir o guia", latin_language(("ja", "pt"))) == "pt"
    assert latin_language(("ja", "ko")) == "en"
    assert latin_language(("ja",)) == "en"


ENGLISH_PROGRAM = program(
    title="Translate our guide", summary="Help us translate a short guide.", format="onsite",
    location="{prefecture: 石川県, municipality: 輪島市, venue: 輪島市文化会館}", cost="Free", commitment="週2時間",
    signup_label="Apply", audience="Fluent English speakers", languages="[en, ja]",
    body="We need two translators.",
)


def test_an_english_program_in_a_japanese_catalog_marks_each_part(write_catalog):
    root = write_catalog({"content/programs/english.md": ENGLISH_PROGRAM})
    assert build(root).code == 0
    page = (root / "site" / "programs" / "english" / "index.html").read_text()
    assert '<h1 id="program-title" lang="en">Translate our guide</h1>' in page
    assert 'rel="noopener noreferrer" lang="en" data-signup>Apply</a>' in page
    assert '<dd lang="en">Free</dd>' in page
    assert '<dd>週2時間</dd>' in page  # Japanese text in a Japanese page needs nothing
    assert '<dd lang="en">Fluent English speakers</dd>' in page
    # The description is English; its heading is part of the interface.
    assert '<section class="body" aria-labelledby="body-heading" lang="en">\n<h2 id="body-heading" lang="ja">' in page
    flyer = (root / "site" / "programs" / "english" / "flyer" / "index.html").read_text()
    assert '<dd lang="en">Free</dd>' in flyer
    feed = (root / "site" / "feed.xml").read_text()
    assert '<entry xml:lang="en">' in feed


def test_japanese_parts_inside_an_english_interface(write_catalog):
    from conftest import SITE_YAML

    root = write_catalog({"content/programs/japanese.md": program(format="onsite", location="{prefecture: 石川県, municipality: 輪島市, venue: 輪島市文化会館}")},
                         site_yaml=SITE_YAML + "language: en\n")
    assert build(root).code == 0
    page = (root / "site" / "programs" / "japanese" / "index.html").read_text()
    assert '<h1 id="program-title" lang="ja">テストのプログラム</h1>' in page
    assert '<span class="venue" lang="ja">輪島市文化会館</span><br>' in page
    assert 'Ishikawa <span lang="ja">輪島市</span>' in page
    assert '<a class="site-title" href="../../" lang="ja">テストカタログ</a>' in page  # the catalog's own name, as its maintainers wrote it
    assert '>Other programs by <span lang="ja">テスト団体</span><' in page or "related-heading" not in page
    listing = (root / "site" / "all" / "index.html").read_text()
    assert '<dd lang="ja">テスト団体</dd>' in listing
    assert '<entry xml:lang="ja">' in (root / "site" / "feed.xml").read_text()


def test_a_description_that_mixes_languages_marks_each_block(write_catalog):
    body = "日本語の説明です。\n\n## In English\n\nWe sort old timber.\n\n- 軍手を持参\n- Bring water\n"
    root = write_catalog({"content/programs/mixed.md": program(body=body)})
    assert build(root).code == 0
    page = (root / "site" / "programs" / "mixed" / "index.html").read_text()
    section = page.split('<section class="body"')[1].split("</section>")[0]
    assert section.startswith(' aria-labelledby="body-heading">')  # mostly Japanese, as the page
    assert "<p>日本語の説明です。</p>" in section
    assert '<h3 lang="en">In English</h3>' in section and '<p lang="en">We sort old timber.</p>' in section
    assert "<li>軍手を持参</li>" in section and '<li lang="en">Bring water</li>' in section


def test_mark_languages_leaves_text_of_the_surrounding_language_alone():
    from catalog.content.lang import mark_languages

    html = '<p>Zoom で参加できます。</p>\n<p lang="en">Already marked</p>\n<p>10:00–12:00</p>'
    assert mark_languages(html, "ja") == html
    assert mark_languages("<p>English <em>only</em></p>\n<p>日本語</p>", "en") == "<p>English <em>only</em></p>\n<p lang=\"ja\">日本語</p>"
