"""The YAML mistakes of people who have never heard of YAML: each on its own line, with its fix, and the
rest of the file still checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITE_YAML, check, program
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.content.documents import load_document
from catalog.content.yaml_hints import diagnose
from catalog.messages import Messages

FIELDS = "title: 古材の仕分け\nowner: test-owner\n"


def problems_of(front: str, language: str = "ja") -> list[str]:
    raw = ("---\n" + front + "---\n本文\n").encode()
    _, problems = load_document(raw, "content/programs/x.md", Path("content/programs/x.md"), Messages(language))
    return [str(problem) for problem in problems]


@pytest.mark.parametrize("front, expected", [
    (FIELDS + "deadline：2026-12-20\nsummary: 概要\n",
     "content/programs/x.md:4: 「：」が全角です。項目名の後は半角の「:」と半角の空白にしてください。'deadline: 2026-12-20' のことですか?"),
    ("deadline：2026-12-20\n" + FIELDS,
     "content/programs/x.md:2: 「：」が全角です。項目名の後は半角の「:」と半角の空白にしてください。'deadline: 2026-12-20' のことですか?"),
    (FIELDS + "location:\n\u3000prefecture: 石川県\n",
     "content/programs/x.md:5: 行の始めの空白が全角です。字下げは半角スペースにしてください (全角の空白 1 つを半角スペース 2 つに)。"
     "'prefecture: 石川県' のことですか?"),
    (FIELDS + "location:\n\tprefecture: 石川県\n",
     "content/programs/x.md:5: 行の始めにタブがあります。字下げはタブではなく半角スペースにしてください (タブ 1 つを半角スペース 2 つに)。"
     "'prefecture: 石川県' のことですか?"),
    (FIELDS + "location:\n  prefecture: 石川県\n   municipality: 輪島市\n",
     "content/programs/x.md:6: 字下げが深すぎます (半角スペース 3 個)。5 行目の 'prefecture' と同じ 2 個にしてください。"
     "'municipality: 輪島市' のことですか?"),
    (FIELDS + "location:\n  prefecture: 石川県\n municipality: 輪島市\n",
     "content/programs/x.md:6: 字下げが足りません (半角スペース 1 個)。5 行目の 'prefecture' と同じ 2 個にしてください。"
     "'municipality: 輪島市' のことですか?"),
    (FIELDS + "dates:\n  - start: 2026-12-05\n  end: 2026-12-06\n",
     "content/programs/x.md:6: 字下げが足りません (半角スペース 2 個)。5 行目の 'start' と同じ 4 個にしてください。"
     "'end: 2026-12-06' のことですか?"),
    (FIELDS + "summary: 概要\n  format: online\n",
     "content/programs/x.md:5: 字下げが深すぎます (半角スペース 2 個)。4 行目の 'summary' と同じ 0 個にしてください。"
     "'format: online' のことですか?"),
    (FIELDS + "deadline:2026-12-20\nsummary: 概要\n",
     "content/programs/x.md:4: 「deadline:」の「:」の後に半角の空白を 1 つ入れてください。'deadline: 2026-12-20' のことですか?"),
    ('title: "古材の仕分け\nowner: test-owner\n',
     "content/programs/x.md:2: \" で始めた値が閉じていません。値の終わりにも \" を書いてください。'title: \"古材の仕分け\"' のことですか?"),
    (FIELDS + "categories: [recovery, digital\nformat: online\n",
     "content/programs/x.md:4: 「[」が閉じていません。リストの終わりに「]」を書いてください。'categories: [recovery, digital]' のことですか?"),
    (FIELDS + "categories:\n  - recovery\n  digital\n",
     "content/programs/x.md:6: リストの項目は「- 」(ハイフンと半角の空白) で始めてください。'- digital' のことですか?"),
    (FIELDS + "dates:\n  - start: 2026-12-05\n  start: 2026-12-06\n",
     "content/programs/x.md:6: リストの項目は「- 」(ハイフンと半角の空白) で始めてください。'- start: 2026-12-06' のことですか?"),
    (FIELDS + "categories:\n  - recovery\n  -digital\n",
     "content/programs/x.md:6: リストの「-」の後に半角の空白を 1 つ入れてください。'- digital' のことですか?"),
    ("title: 説明会: 午前の部\nowner: test-owner\n",
     "content/programs/x.md:2: 値に「: 」が含まれています。値全体を \"…\" で囲んでください。'title: \"説明会: 午前の部\"' のことですか?"),
])
def test_each_mistake_is_named_on_its_line_with_its_fix(front, expected):
    assert problems_of(front) == [expected]


def test_the_mistakes_in_english():
    assert problems_of(FIELDS + "deadline：2026-12-20\n", "en") == [
        "content/programs/x.md:4: the colon '：' is full-width: write a half-width ':' and a space after the field's name; "
        "did you mean 'deadline: 2026-12-20'?"]
    assert problems_of(FIELDS + "location:\n  prefecture: 石川県\n   municipality: 輪島市\n", "en") == [
        "content/programs/x.md:6: this line is indented too far (3 spaces): line it up with 'prefecture' on line 5 (2 spaces); "
        "did you mean 'municipality: 輪島市'?"]


def test_several_mistakes_in_one_file_are_all_reported():
    front = "title: 古材\ndeadline：2026-12-20\nlocation:\n\tprefecture: 石川県\n  municipality:輪島市\ncategories: [recovery\n"
    assert [line.split(": ", 1)[0] for line in problems_of(front)] == [
        "content/programs/x.md:3", "content/programs/x.md:5", "content/programs/x.md:6", "content/programs/x.md:7"]


@pytest.mark.parametrize("front", [
    "summary: |\n  時間: 9時\n\t  タブのある行\nformat: online\n",  # a block of text is text
    "categories: [recovery,\n  digital]\n",  # a list over two lines
    'title: "一行目\n  二行目"\n',  # a quoted value over two lines
    "dates:\n- start: 2026-12-05\n  end: 2026-12-05\nformat: online\n",  # a list at its field's indentation
    "dates:\n  - start: 2026-12-05\n    end: 2026-12-05\n  - start: 2026-12-06\n",
    "title: 説明会：午前の部\n",  # a full-width colon inside a value
    "summary: 長い概要の\n  続きの行\n",
    "summary: 長い概要の\n  \u3000全角の空白で始まる続きの行\n",
    "title: a # note: here\n",
])
def test_correct_yaml_has_no_hint(front):
    assert diagnose(front).hints == ()


def test_full_width_spaces_inside_values_are_text():
    assert problems_of(FIELDS + "summary: 一行目\n  \u3000二行目は全角の空白から\naccess: 駅から\u3000徒歩5分\n") == []


def test_the_rest_of_a_file_is_still_checked_after_a_syntax_mistake(write_catalog):
    text = program(deadline="2026-12-20", type="volunter").replace("deadline: ", "deadline：")
    root = write_catalog({"content/programs/mixed.md": text})
    result = check(root)
    assert result.code == 1
    assert result.problems == [
        "content/programs/mixed.md:5: 'type' に 'volunter' は使えません。使えるのは volunteer, probono です。'volunteer' のことですか?",
        "content/programs/mixed.md:10: 「：」が全角です。項目名の後は半角の「:」と半角の空白にしてください。'deadline: 2026-12-20' のことですか?",
    ]


def test_a_mistake_in_site_yaml_is_explained_and_stops_new(write_catalog):
    from conftest import run_cli

    root = write_catalog(site_yaml=SITE_YAML.replace("title: テストカタログ", "title：テストカタログ"))
    result = check(root)
    assert result.code == 1 and "content/site.yaml:1: 「：」が全角です" in result.err
    assert run_cli("new", "program", "some-one", "--root", str(root), "--title", "x").code == 1


def test_a_parser_error_nothing_explains_is_in_the_sites_language_on_its_line():
    (message,) = problems_of(FIELDS + "owner: [a, b]]\n")
    assert message == ("content/programs/x.md:4: 書式の誤りです。この行か、すぐ上の行の「:」、字下げ、引用符 (\" ')、"
                       "括弧 ([ ]) を確かめてください")

_PIECES = st.sampled_from(["title", "location", "dates", "  ", "\t", "\u3000", ":", "：", " ", "- ", "-", '"', "'", "[", "]",
                           "{", "}", "#", "|", ">", "\n", "a", "石川県", "2026-12-05", ",", "  - start: x\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_text_is_diagnosed_without_failing_and_keeps_its_lines(text):
    diagnosis = diagnose(text)
    assert diagnosis.repaired.count("\n") == text.count("\n")
    assert all(0 <= hint.line <= text.count("\n") for hint in diagnosis.hints)
    problems_of(text)  # and loading the file never raises
