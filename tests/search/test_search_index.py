"""Index stage: Japanese segmentation, the documents Pagefind reads, and the search page's text clean-up."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import subprocess

import pytest
from conftest import REPO, build, program

from catalog.content.read import read_catalog as check
from catalog.search import pagefind_canon
from catalog.search.documents import index_document
from catalog.search.segment import segment, words

SEARCH_JS = REPO / "templates" / "assets" / "search.js"


@pytest.mark.parametrize("text, expected", [
    ("東京都から新幹線で来る", ["東京", "都", "から", "新幹線", "で", "来る"]),
    ("オンラインミーティング入門", ["オンライン", "ミーティング", "入門"]),
    ("情報セキュリティ講座", ["情報", "セキュリティ", "講座"]),
    ("ZoomとTeamsの使い方", ["Zoom", "と", "Teams", "の", "使い方"]),
    ("English words stay as they are.", ["English", "words", "stay", "as", "they", "are."]),
    ("ＡＢＣ１２３の講座", ["ABC123", "の", "講座"]),  # full-width ASCII folded like the query box does
])
def test_segmentation_matches_what_the_browser_does_with_the_query(text, expected):
    assert words(text) == expected


def test_segmentation_only_adds_spaces_next_to_japanese():
    assert segment("Zoom 講座") == "Zoom\u2e31 講座"  # a written space beside Japanese is marked to be kept
    assert segment("NPO法人 能登古材") == "NPO 法人\u2e31 能登 古 材"
    assert words("NPO法人 能登") == ["NPO", "法人", "能登"]
    assert segment("Hello, world.") == "Hello, world."
    assert segment("ボランティア募集") == "ボランティア 募集"


def test_index_document_holds_text_filters_and_meta(write_catalog):
    root = write_catalog({"content/programs/timber.md": program(
        title="古材の仕分け", format="onsite", location="\n  prefecture: 石川県\n  municipality: 輪島市",
        categories="[recovery, digital]", skills="[it-support]", deadline="2026-12-01",
        body="| 持ち物 |\n|---|\n| 軍手 |\n\n<script>alert(1)</script>")})
    catalog = check(root, "2026-11-21").catalog
    document = index_document(catalog.programs[0], catalog)
    html = document.html
    assert document.url == "programs/timber/"
    assert f"<h1>{segment('古材の仕分け。')}</h1>" in html and " の " in html
    assert "<p>軍手 。</p>" in html  # a table cell is a word of its own
    assert "輪島 市" in html and "テスト 団体" in html  # place and organiser are searchable
    assert "<script" not in html and "&lt;script&gt;" in html
    for tag in ['data-pagefind-filter="type:volunteer"', 'data-pagefind-filter="category:recovery"',
                'data-pagefind-filter="category:digital"', 'data-pagefind-filter="skill:it-support"',
                'data-pagefind-filter="prefecture:ishikawa"', 'data-pagefind-filter="format:onsite"',
                'data-pagefind-filter="state:open"', 'data-pagefind-meta="deadline:d20261201"',
                'data-pagefind-meta="prefecture:石川県"']:
        assert tag in html
    assert "data-pagefind-sort" not in html  # sort orders live in their own file (see below)


def test_index_document_adds_spellings_languages_dates_and_the_title_as_written(write_catalog):
    from catalog.search.readings import reading_token

    root = write_catalog({"content/programs/talk.md": program(
        title='"講演会（申込制） 障がい"', summary="申込は不要です。", dates="\n  - start: 2026-11-28\n    end: 2026-11-29",
        languages="[ja, en]", body="会場は福祉センター。")})
    catalog = check(root, "2026-11-21").catalog
    html = index_document(catalog.programs[0], catalog).html
    assert 'data-pagefind-meta="title:講演会（申込制） 障がい"' in html  # full-width brackets kept
    alias = html.split('data-pagefind-meta="alias:')[1].split('"')[0].split()
    for reading in ("モウシコミ", "ショウガイ", "フクシ", "コウエン"):
        assert reading_token(reading) in alias
    # Other spellings as words, in a light last section (never in an excerpt): 申込 -> 申し込み, 障がい -> 障害
    assert '<p data-pagefind-weight="0.1">\u3013 ' in html
    other = html.split('<p data-pagefind-weight="0.1">')[1].split("</p>")[0]
    assert segment("申し込み") in other and segment("障害") in other and segment("申込") + " 。" not in other
    for tag in ['data-pagefind-filter="language:ja"', 'data-pagefind-filter="language:en"',
                'data-pagefind-filter="day:2026-11-28"', 'data-pagefind-filter="day:2026-11-29"',
                'data-pagefind-filter="month:2026-11"', 'data-pagefind-filter="weekday:sat"', 'data-pagefind-filter="weekday:sun"']:
        assert tag in html
    # The description, the facts and the other spellings each start with the section mark excerpts look for.
    assert html.count("\u3013 ") == 3 and "<p>\u3013 申込 は" in html


def test_the_sort_file_orders_page_numbers_by_deadline_and_by_newest(write_catalog):
    """Fragments are numbered by page; sort-<order>-<folder>.json holds each page's key for that order."""
    root = write_catalog({
        "content/programs/always.md": program(posted="2026-11-10"),
        "content/programs/soon.md": program(deadline="2026-11-25", posted="2026-11-01"),
        "content/programs/later.md": program(deadline="2026-12-20", posted="2026-11-05"),
    })
    assert build(root).code == 0
    bundle = root / "site" / "pagefind"
    [folder] = [p.name for p in (bundle / "fragment").iterdir()]
    pages = sorted((bundle / "fragment" / folder).iterdir(), key=lambda p: int(p.stem, 16))
    assert [p.stem for p in pages] == ["0", "1", "2"]
    ids = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):])["url"].split("/")[2] for p in pages]
    deadline = dict(zip(ids, json.loads((bundle / f"sort-deadline-{folder}.json").read_text()), strict=True))
    newest = dict(zip(ids, json.loads((bundle / f"sort-newest-{folder}.json").read_text()), strict=True))
    days = lambda day: (dt.date.fromisoformat(day) - dt.date(1970, 1, 1)).days  # noqa: E731
    # The ranks of the days among the order's distinct days: only their order matters to the page.
    assert deadline == {"soon": 0, "later": 1, "always": 2} and days("2026-11-25") < days("2026-12-20")
    assert newest == {"always": 0, "later": 1, "soon": 2}
    assert sorted(ids, key=deadline.get) == ["soon", "later", "always"]  # ongoing last
    meta = pagefind_canon.read(next(bundle.glob("*.pf_meta")))
    assert [page[0] for page in meta[1]] == [f"{folder}/0", f"{folder}/1", f"{folder}/2"]
    assert meta[4] == []  # no sort arrays in the metadata every search downloads


NODE_TIDY = """
import {tidyText, segmentQuery, readingOf, excerptOf} from %s;
const cases = JSON.parse(process.argv[2]);
console.log(JSON.stringify({
  tidy: cases.tidy.map((t) => tidyText(t)),
  query: cases.query.map((q) => segmentQuery(q, "ja")),
  alias: cases.alias.map((q) => readingOf(q)),
  excerpt: cases.excerpt.map(([content, locations]) => excerptOf(content, locations, 40)),
}));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_search_page_cleans_excerpts_and_splits_queries_like_the_build(tmp_path):
    script = tmp_path / "run.mjs"
    script.write_text(NODE_TIDY % json.dumps(SEARCH_JS.as_uri()))
    cases = {
        "tidy": ["能登 の <mark>古材</mark> レスキュー 。", "Zoom と Teams の 使い方", "English words stay.",
                 "<mark>東京</mark> <mark>都</mark> から"],
        "query": ["東京都", "新千歳空港", "オンラインミーティング", "ＺＯＯＭ 講座", "  "],
        "alias": ["ふくし", "申込み", "ﾎﾞﾗﾝﾃｨｱ", "Zoom", "の"],
        "excerpt": [
            # the match in the description: its sentence, not the title's or the facts'
            ["古材 の 仕分け 。 \u3013 輪島 で 解体 さ れる 家 。 古材 を 運び ます 。 \u3013 NPO 法人\u2e31 能登 。", [0, 12]],
            # the match only in the facts (or another spelling): the summary, nothing marked
            ["古材 の 仕分け 。 \u3013 輪島 で 解体 さ れる 家 。 古材 を 運び ます 。 \u3013 NPO 法人\u2e31 能登 。", [18]],
            # a long sentence: from a few words before the match, cut at the length; no leading punctuation
            ["題 。 \u3013 、 " + "とても " * 30 + "長い 文 の 中 の 古材 で す 。 \u3013 団体", [39]],
        ],
    }
    result = subprocess.run(["node", str(script), json.dumps(cases)], capture_output=True, text=True, check=True)
    output = json.loads(result.stdout)
    assert output["tidy"] == ["能登の<mark>古材</mark>レスキュー。", "ZoomとTeamsの使い方", "English words stay.",
                              "<mark>東京</mark><mark>都</mark>から"]
    from catalog.search.readings import reading_token

    assert output["alias"] == [{"any": reading_token("ふくし"), "written": reading_token("ふくし", as_written=True)}, None,
                               {"any": reading_token("ボランティア"), "written": reading_token("ボランティア", as_written=True)}, None, None]
    assert output["excerpt"][0] == "<mark>古材</mark>を運びます。"
    assert output["excerpt"][1] == "輪島で解体される家。"
    assert output["excerpt"][2].startswith("…とても") and "<mark>古材</mark>" in output["excerpt"][2]
    assert output["query"][0] == words("東京都")
    assert output["query"][1] == words("新千歳空港")
    assert output["query"][2] == words("オンラインミーティング")
    assert output["query"][3] == ["ZOOM", "講座"]
    assert output["query"][4] == []


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_relevance_benchmark_finds_everything_and_nothing_forbidden():
    """The relevance benchmark's query set, through the built index and the search page's own rules."""
    from tests.benchmarks.relevance import evaluate, report

    (ours,) = evaluate(REPO, plain=False, previous="")
    assert (ours.recall, ours.precision, ours.forbidden_hits, ours.top1) == (1.0, 1.0, 0, ours.queries), report([ours])
    assert ours.queries >= 82  # 52 on exact words, 30 and more on spellings, readings and widths


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_a_missing_word_is_missing_even_when_a_shorter_word_exists(tmp_path):
    """Pagefind matches かばん for かばんや when no word starts with かばんや; wordExists must not be fooled."""
    from conftest import build

    from tests.benchmarks.relevance import run_queries

    out = tmp_path / "site"
    assert build(REPO, "--out", str(out)).code == 0
    answers = run_queries({"ours": (out, "ours")}, [{"q": "かばんや"}, {"q": "かばん"}, {"q": "棚田い"}, {"q": "新千歳空港 古材"}])
    assert answers["ours"][0] == [] and answers["ours"][2] == [] and answers["ours"][3] == []
    assert "/programs/yamanoha-sales-plan/" in answers["ours"][1]
