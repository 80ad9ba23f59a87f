"""Spelling variants and readings for the search index (catalog/readings.py, SudachiPy + SudachiDict)."""

from __future__ import annotations

import pytest

from catalog.search.readings import fold_kana, reading_token, spellings, variants
from catalog.search.segment import words


def test_kana_folds_to_katakana():
    assert fold_kana("ふくし ぼらんてぃあ ゝ") == "フクシ ボランティア ヽ"
    assert fold_kana("福祉 Zoom カタカナ") == "福祉 Zoom カタカナ"


def test_a_reading_token_is_one_word_matched_only_whole():
    assert reading_token("ふくし") == reading_token("フクシ") == "\u30fdフクシ\u30fd"
    assert reading_token("こうえん", as_written=True) == "\u30fdコウエン\u30fe"
    assert not reading_token("フクシマ").startswith(reading_token("フクシ"))  # Pagefind matches prefixes
    assert reading_token("ﾎﾞﾗﾝﾃｨｱ") == reading_token("ボランティア")  # half-width katakana as the browser's NFKC gives it
    assert words(reading_token("ボランティア")) == [reading_token("ボランティア")]  # one word to ICU, as to Intl.Segmenter


@pytest.mark.parametrize("normalized, reading, expected", [
    ("申し込み", "モウシコミ", {"申込み", "申込"}),
    ("障害", "ショウガイ", {"障がい"}),
    ("取り組み", "トリクミ", {"取組", "取組み"}),
    ("引っ越し", "ヒッコシ", {"引越し", "引越"}),
    ("子供", "コドモ", {"子ども"}),
    ("打ち合わせ", "ウチアワセ", {"打合せ", "打ち合せ"}),
])
def test_variants_are_the_spellings_the_dictionary_maps_back(normalized, reading, expected):
    found = set(variants(normalized, reading))
    assert expected <= found
    assert normalized not in found


def test_the_first_kanji_is_never_written_in_kana():
    assert "かん光" not in variants("観光", "カンコウ") and "ぼ集" not in variants("募集", "ボシュウ")


def test_words_without_kanji_have_no_variants():
    assert variants("ボランティア", "ボランティア") == ()


def _of(text: str):
    return spellings(text, " ".join(words(text)))


def test_other_spellings_and_readings_of_content_words():
    found = _of("障がい者の申込を受け付けます。片付けを手伝ってください。こうえんで遊ぶ。")
    for spelled in ("障害", "障害者", "申し込み", "申込み"):
        assert spelled in found.other, spelled
    assert "手伝う" not in found.other  # a conjugated verb adds nothing
    tokens = found.readings.split()
    for reading in ("ショウガイ", "モウシコミ", "ウケツケ", "コウエン"):
        assert reading_token(reading) in tokens, reading
    assert reading_token("こうえん", as_written=True) in tokens  # written in kana
    assert reading_token("ショウガイ", as_written=True) not in tokens  # written in kanji
    assert reading_token("テツダッ") not in tokens and reading_token("クダサイ") not in tokens  # conjugations, particles
    assert reading_token("ノ") not in tokens and len(tokens) == len(set(tokens))


def test_spellings_the_program_writes_are_left_to_the_words_as_written():
    found = _of("申込は障害のある方も歓迎です。")
    assert "障害" not in found.other and "申込" not in found.other
    assert "障がい" in found.other and "申し込み" in found.other


def test_compounds_add_their_short_words():
    found = _of("防災講演会と視覚障害")
    assert "障がい" in found.other
    for reading in ("コウエン", "シカク", "ショウガイ"):
        assert reading_token(reading) in found.readings.split(), reading
    assert reading_token("コウエンカイ") not in found.readings.split()  # a compound's reading is its parts'
    assert "障がい者" in _of("障害者の支援").other  # its other spellings stay


def test_one_kana_and_one_kanji_readings_and_latin_words_add_nothing():
    found = _of("東京都 Zoom")
    assert reading_token("ト") not in found.readings.split()
    tokens = _of("石川県の駅").readings.split()
    assert reading_token("イシカワ") in tokens
    assert reading_token("ケン") not in tokens and reading_token("エキ") not in tokens  # one kanji alone: too ambiguous
    assert "zoom" not in found.readings.lower()


def test_a_long_line_is_read_in_pieces_and_a_long_text_keeps_within_the_limit(monkeypatch):
    from catalog.search import readings

    line = "".join(f"{word}の活動、" for word in ("福祉", "観光", "防災", "環境", "教育", "農業", "漁業", "林業") * 400)  # no 。
    assert reading_token("リンギョウ") in spellings(line).readings.split()  # Sudachi refuses 49 KB at once
    monkeypatch.setattr(readings, "MAX_SPELLINGS_CHARACTERS", 40)
    found = spellings("福祉と観光と防災と環境と教育と農業と漁業と林業の活動。")
    assert 30 < len(found.readings) <= 40 and reading_token("リンギョウ") not in found.readings.split()
