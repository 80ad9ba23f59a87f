"""Spelling variants and readings for the search index (catalog/readings.py, SudachiPy + SudachiDict)."""

from __future__ import annotations

import pytest

from catalog.readings import alias_token, aliases, fold_kana, variants


def test_kana_folds_to_katakana():
    assert fold_kana("ふくし ぼらんてぃあ ゝ") == "フクシ ボランティア ヽ"
    assert fold_kana("福祉 Zoom カタカナ") == "福祉 Zoom カタカナ"


def test_an_alias_token_is_one_word_matched_only_whole():
    # kana: ヽ + katakana + ヽ; no reading is the beginning of another (フクシ, フクシマ)
    assert alias_token("ふくし") == alias_token("フクシ") == "\u30fdフクシ\u30fd"
    assert not alias_token("フクシマ").startswith(alias_token("フクシ"))
    assert alias_token("ﾎﾞﾗﾝﾃｨｱ") == alias_token("ボランティア")  # half-width katakana as the browser's NFKC gives it
    # other spellings: qj + a hash of eight letters and digits (search.js's aliasOf gives the same, test_search_index)
    assert alias_token("申し込み") == alias_token("申シ込ミ") == "qjrp3wgre6"
    tokens = {alias_token(word) for word in ("申し込み", "障害", "障がい", "Zoom")}
    assert len(tokens) == 4 and all(len(t) == 10 and t.isascii() and t.isalnum() and t.startswith("qj") for t in tokens)


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


def test_words_without_kanji_have_no_variants():
    assert variants("ボランティア", "ボランティア") == ()


def test_aliases_hold_normalised_forms_readings_and_variants_of_content_words():
    tokens = aliases("障がい者の申込を受け付けます。片付けを手伝ってください。").split()
    for spelled in ("障害", "ショウガイ", "障害者", "申し込み", "申込み", "モウシコミ"):
        assert alias_token(spelled) in tokens, spelled
    assert alias_token("テツダッ") not in tokens and alias_token("手伝う") in tokens  # a conjugated verb: its dictionary form
    assert alias_token("ウケツケ") in tokens  # a verb's continuative form is also a noun (受付)
    assert alias_token("クダサイ") not in tokens
    assert len(tokens) == len(set(tokens))


def test_compounds_add_their_short_words():
    tokens = aliases("防災講演会と視覚障害").split()
    for spelled in ("講演会", "講演", "コウエン", "視覚障害", "障害", "ショウガイ"):
        assert alias_token(spelled) in tokens, spelled


def test_one_kana_readings_and_latin_words_add_nothing():
    tokens = aliases("東京都 Zoom").split()
    assert alias_token("ト") not in tokens
    assert not any("zoom" in token for token in tokens)


def test_a_long_line_is_read_in_pieces_and_a_long_text_keeps_its_aliases_within_the_limit():
    from catalog.readings import MAX_ALIASES_CHARACTERS

    line = "".join(f"{word}の活動、" for word in ("福祉", "観光", "防災", "環境", "教育", "農業", "漁業", "林業") * 400)  # no 。
    assert alias_token("リンギョウ") in aliases(line).split()  # Sudachi refuses 49 KB at once
    kanji = [chr(c) for c in range(0x4E00, 0x4E00 + 12000)]
    many = "。".join(kanji[n] + kanji[n + 1] for n in range(0, 12000, 2))
    assert MAX_ALIASES_CHARACTERS - 40 < len(aliases(many)) <= MAX_ALIASES_CHARACTERS


def test_a_spelling_with_kanji_written_in_the_text_is_left_to_the_words_as_written():
    from catalog.segment import words

    text = "申込は障害のある方も歓迎です。"
    tokens = aliases(text, " ".join(words(text))).split()
    assert alias_token("障害") not in tokens and alias_token("申込") not in tokens  # written: found as written
    assert alias_token("障がい") in tokens and alias_token("申し込み") in tokens  # other spellings: aliases
    assert alias_token("ショウガイ") in tokens  # kana stays: the page searches kana by its reading only
