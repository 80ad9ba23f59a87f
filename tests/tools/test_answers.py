"""`new`'s answers read as people type them (catalog/answers.py, catalog/interview.py), without a terminal."""

from __future__ import annotations

import datetime as dt

import pytest

from catalog.messages import Messages
from catalog.tools import answers, interview
from catalog.tools.answers import Choice, Reading

JA, EN = Messages("ja"), Messages("en")
TODAY = dt.date(2026, 11, 21)
TYPES = [Choice("volunteer", "ボランティア"), Choice("probono", "プロボノ")]
CATEGORIES = [Choice("recovery", "復興支援"), Choice("children", "子ども・子育て"), Choice("digital", "IT・DX")]
OWNERS = [Choice("noto-kozai-rescue", "能登古材レスキュー実行委員会"), Choice("kawasaki-shakyo", "川崎市社会福祉協議会"),
          Choice("kawasaki-npo", "川崎のNPO")]


@pytest.mark.parametrize("answer, suggestion", [
    ("12月5日", "2026-12-05"), ("12月5日(土)", "2026-12-05"), ("１２月５日", "2026-12-05"),
    ("3月1日", "2027-03-01"),  # already past this year: the next one
    ("令和8年12月5日", "2026-12-05"), ("R8.12.5", "2026-12-05"), ("令和元年5月1日", "2019-05-01"),
    ("2026/12/5", "2026-12-05"), ("2026年12月5日", "2026-12-05"), ("2026-12-5", "2026-12-05"),
])
def test_japanese_dates_get_the_iso_date_as_the_fix(answer, suggestion):
    reading = answers.read_date(answer, "deadline", TODAY, JA)
    assert reading.value is None and reading.suggestion == suggestion
    assert reading.problem == f"'deadline' の日付 '{answer}' は YYYY-MM-DD の形で書いてください (例: 2026-12-05)。'{suggestion}' のことですか?"


def test_dates_that_are_right_or_impossible():
    assert answers.read_date("2026-12-05", "deadline", TODAY, JA) == Reading(value="2026-12-05")
    assert answers.read_date("2026-02-30", "deadline", TODAY, JA).problem == "'deadline' の '2026-02-30' は存在しない日付です"
    assert answers.read_date("2月30日", "deadline", TODAY, JA).suggestion is None
    assert answers.read_deadline("2026-12-10", "2026-12-05", TODAY, JA).problem == \
        "締切 2026-12-10 が最初の開始日 2026-12-05 より後になっています"


def test_urls_without_a_scheme_or_with_http_get_the_https_address():
    assert answers.read_url("forms.example.org/a?x=1", "signup_url", JA).suggestion == "https://forms.example.org/a?x=1"
    assert answers.read_url("http://forms.example.org/a", "signup_url", JA).suggestion == "https://forms.example.org/a"
    assert answers.read_url("https://forms.example.org/a", "signup_url", JA) == Reading(value="https://forms.example.org/a")
    assert answers.read_url("申し込み", "signup_url", JA).problem == "'signup_url' の '申し込み' は正しい https の URL ではありません"


@pytest.mark.parametrize("answer, value", [
    ("1", "volunteer"), ("２", "probono"), ("probono", "probono"), ("プロボノ", "probono"), ("Probono", "probono"),
])
def test_a_choice_by_number_id_or_label(answer, value):
    assert answers.read_choice(answer, TYPES, "type", JA) == Reading(value=value)


def test_a_wrong_choice_lists_the_labels_and_suggests_the_nearest():
    reading = answers.read_choice("volunter", TYPES, "type", JA)
    assert reading.problem == "'type' に 'volunter' は使えません。使えるのは ボランティア (volunteer)、プロボノ (probono) です。'volunteer' のことですか?"
    assert reading.suggestion == "volunteer"
    assert answers.read_choice("volunter", TYPES, "type", EN).problem == \
        "'volunter' is not allowed in 'type'; use one of ボランティア (volunteer), プロボノ (probono); did you mean 'volunteer'?"


def test_several_choices_by_labels_numbers_and_ids():
    assert answers.read_choices("子ども・子育て、3", CATEGORIES, "categories", 1, 5, JA) == Reading(value="children, digital")
    assert answers.read_choices("recovery digital", CATEGORIES, "categories", 1, 5, JA) == Reading(value="recovery, digital")
    assert answers.read_choices("子ども", CATEGORIES, "categories", 1, 5, JA).problem.startswith("'categories' に '子ども' は使えません")
    assert answers.read_choices("1,2,3", CATEGORIES, "categories", 1, 2, JA).problem == "'categories' は 2 個までです (3 個あります)"


def test_an_organisation_by_its_name_a_part_of_it_or_its_id():
    assert answers.read_owner("能登古材レスキュー実行委員会", OWNERS, JA) == Reading(value="noto-kozai-rescue")
    assert answers.read_owner("能登古材", OWNERS, JA) == Reading(value="noto-kozai-rescue")
    assert answers.read_owner("kawasaki-npo", OWNERS, JA) == Reading(value="kawasaki-npo")
    assert answers.read_owner("川崎", OWNERS, JA).problem == (
        "'川崎' を名前に含む団体が複数あります: 川崎市社会福祉協議会 (kawasaki-shakyo)、川崎のNPO (kawasaki-npo)。番号か ID で答えてください")
    assert answers.read_owner("noto-kozai", OWNERS, JA).suggestion == "noto-kozai-rescue"


def test_logins_lose_their_at_sign_and_bad_ones_are_named():
    assert answers.read_logins("@alice, bob", JA) == Reading(value="alice, bob")
    assert answers.read_logins("alice, -bad-", JA).problem == "'maintainers' の '-bad-' は GitHub のユーザー名の形ではありません"


def test_the_interview_asks_again_until_right_and_enter_takes_the_suggestion():
    questions = [interview.Question("type", "種類", lambda a, v: answers.read_choice(a, TYPES, "type", JA), choices=tuple(TYPES)),
                 interview.Question("deadline", "締切", lambda a, v: answers.read_date(a, "deadline", TODAY, JA), required=False)]
    typed = iter(["ぼらんてぃあ", "2", "12月5日", ""])
    prompts, said = [], []
    values, problems = interview.interview(questions, {}, lambda p: prompts.append(p) or next(typed), said.append, JA, True)
    assert values == {"type": "probono", "deadline": "2026-12-05"} and problems == []
    assert prompts == ["種類: ", "種類: ", "締切 (なければ Enter): ", "締切 (なければ Enter) [2026-12-05]: "]
    assert said[:3] == ["次から選んでください:", "  1. ボランティア (volunteer)", "  2. プロボノ (probono)"]


def test_without_a_terminal_missing_values_are_named_and_nothing_is_asked():
    questions = [interview.Question("type", "種類", lambda a, v: answers.read_choice(a, TYPES, "type", JA))]
    values, problems = interview.interview(questions, {}, lambda p: pytest.fail("asked"), print, JA, False)
    assert values == {} and problems == ["--type が必要です"]


def test_a_wrong_option_is_asked_again_in_a_terminal_and_a_label_option_becomes_its_id():
    questions = [interview.Question("type", "種類", lambda a, v: answers.read_choice(a, TYPES, "type", JA)),
                 interview.Question("format", "形式", lambda a, v: answers.read_choice(a, [Choice("online", "オンライン")],
                                                                                   "format", JA))]
    said = []
    values, _ = interview.interview(questions, {"type": "volunter", "format": "オンライン"}, lambda p: "1", said.append, JA, True)
    assert values == {"type": "volunteer", "format": "online"}
    assert said[0].startswith("--type: 'type' に 'volunter' は使えません")


def test_the_resume_command_quotes_what_was_answered():
    assert interview.resume_command("program", "a-b", {"title": "説明会: 午前", "owner": "x"}) == \
        "python build.py new program a-b --title '説明会: 午前' --owner x"
