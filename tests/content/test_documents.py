"""Load stage: front matter split, YAML read without reinterpretation, lines of everything."""

from pathlib import Path

import pytest

from catalog.content.documents import Mapping, Scalar, Sequence, load_document
from catalog.messages import Messages

JA = Messages("ja")


def load(text: str | bytes):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_document(raw, "content/programs/x.md", Path("content/programs/x.md"), JA)


def test_values_stay_the_text_the_author_typed():
    document, problems = load("---\ntitle: NO\ncode: 01234\ntime: 8:30\nday: 2026-12-01\nratio: 1.10\nflag: on\n---\nbody\n")
    assert problems == []
    texts = {key: entry.value.text for key, entry in document.front.entries.items()}
    assert texts == {"title": "NO", "code": "01234", "time": "8:30", "day": "2026-12-01", "ratio": "1.10", "flag": "on"}


def test_every_key_and_value_knows_its_line():
    document, _ = load("---\ntitle: a\nlocation:\n  prefecture: 石川県\ndates:\n  - start: 2026-12-01\n---\n\nbody\n")
    entries = document.front.entries
    assert entries["title"].key_line == 2
    location = entries["location"].value
    assert isinstance(location, Mapping) and location.entries["prefecture"].value.line == 4
    dates = entries["dates"].value
    assert isinstance(dates, Sequence) and dates.items[0].entries["start"].key_line == 6
    assert document.body_line == 8


def test_quoted_values_are_marked_so_true_stays_text():
    document, _ = load('---\na: "true"\nb: true\nc:\n---\n')
    a, b, c = (document.front.entries[k].value for k in "abc")
    assert isinstance(a, Scalar) and a.quoted and not a.is_null
    assert not b.quoted
    assert c.is_null


def test_duplicate_key_is_reported_at_the_second_with_the_first_line():
    _, problems = load("---\ntitle: a\nsummary: b\ntitle: c\n---\n")
    assert [(p.line, p.message) for p in problems] == [
        (4, "項目 'title' が 2 回書かれています (最初は 2 行目)。どちらか一つにしてください")
    ]


def test_alias_bomb_is_refused_at_the_alias_line():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\n"
    document, problems = load(bomb)
    assert document is None
    assert {p.line for p in problems} == {3, 4}


def test_crlf_and_bom_are_accepted():
    document, problems = load("\ufeff---\r\ntitle: a\r\n---\r\nbody\r\n")
    assert problems == [] and document.front.entries["title"].value.text == "a"


@pytest.mark.parametrize(
    "raw, line, message",
    [
        (b"---\ntitle: ok\n---\n\x93\xfa\x96\x7b\n", 4, "文字コードが UTF-8 ではありません"),
        ("# no front matter\n", 1, "先頭に項目のブロックがありません"),
        ("title: x\nowner: y\n", 1, "項目の前後に --- の行がありません"),
        ("---\ntitle: x\n", 1, "項目のブロックが閉じていません"),
        ("---\ntitle: 時間: 9時\n---\n", 2, "値に「: 」や「#」を含むときは"),
        ("---\n- a\n- b\n---\n", 2, "項目は「名前: 値」の形で"),
        ("---\n---\n", 1, "項目が一つも書かれていません"),
        ("---\ntitle: x\x00\n---\n", 2, "目に見えない制御文字 (U+0000)"),
        ("---\ntitle: ok\n---\nbody \x01 here\n", 4, "目に見えない制御文字 (U+0001)"),
    ],
)
def test_broken_files_give_one_clear_problem(raw, line, message):
    document, problems = load(raw)
    assert document is None
    assert len(problems) == 1
    assert problems[0].line == line
    assert message in problems[0].message


def test_oversized_file_is_refused_before_parsing():
    document, problems = load("---\ntitle: x\n---\n" + "あ" * 200_000)
    assert document is None and "大きすぎます" in problems[0].message
