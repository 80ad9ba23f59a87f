"""Spelling variants and readings of Japanese words, for the search index (SudachiPy + SudachiDict).

One word is written several ways (障害 / 障がい, 申し込み / 申込み / 申込, 子供 / 子ども / こども),
and visitors on phones often send a reading before converting it (ふくし for 福祉). The browser
has no dictionary, so the index carries the other spellings, beside the words as written (ICU,
segment.py). For every content word of a program (Sudachi's long words, and the short words
inside a compound):

- *other spellings* (other_spellings()): its normalised form (Sudachi's normalized_form: 申込 ->
  申し込み, 障がい -> 障害) and the other spellings of that form the dictionary maps back to it
  (variants(): 申し込み -> 申込み, 申込; 障害 -> 障がい), found by dropping okurigana and writing
  one kanji in kana. They go into the index document as words, in a last, light section that
  excerpts never show (search.py): a visitor's 障がい is then an ordinary word search, which costs
  no extra download. Spellings the program writes itself are left out.
- *reading tokens* (reading_tokens()): its reading (Sudachi's reading_form, katakana: 福祉 ->
  フクシ) as READING_MARK + katakana + READING_MARK (ヽフクシヽ), and, for a word written in kana,
  the same with KANA_MARK at the end (ヽコウエン〻), so that the pages writing the word in kana
  come first. The marks make each one ICU word (the browser's Pagefind cuts queries with
  Intl.Segmenter) that no typed word starts with and that is matched only whole (Pagefind matches
  query words as prefixes: a plain フクシ would also find フクシマ, 福島). The search page
  (templates/assets/search.js) searches a term typed in kana by these tokens alone when they exist.

Sudachi's segmentation is used only for these aliases: the words as written stay ICU's, so
unknown compounds the dictionary would cut wrongly (古材 -> 古 + 材) keep matching as before.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

READING_MARK = "\u30fd"  # ヽ: a katakana letter no word starts with
KANA_MARK = "\u30fe"  # ヾ: ends the token of a word written in kana
# Words a visitor searches for: nouns (with suru-nouns), na-adjectives and a verb's continuative form
# used as a noun (見守り). Conjugated verbs (手伝って: テツダッ), particles, auxiliaries, adverbs,
# pronouns, prefixes and suffixes would only make short kana queries (の, ご, さん) match everything.
NOUN_POS = frozenset({"名詞", "形状詞"})
# Nouns that only hold a sentence together, in kana in every text: a reading of them would match everything.
FORMAL_NOUNS = frozenset({"こと", "もの", "ところ", "とき", "ため", "よう", "ほう", "うち", "まま", "ほか", "なか", "あと", "わけ"})
MIN_READING = 2  # one-kana readings (ト for 都) are shared by too many words to be worth a match
MAX_SPELLINGS_CHARACTERS = 3000  # per program and kind: a long description adds spellings up to here
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")
_JAPANESE = re.compile(r"[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")
_HIRAGANA = re.compile(r"[\u3041-\u3096]")
_WORD = re.compile(r"^[\w\u30fc]+$")  # letters, digits, the long-vowel mark: what Pagefind keeps as one word
_KATAKANA_WORD = re.compile(r"^[\u30a1-\u30fa\u30fc]{2,}$")
_KANA_ONLY = re.compile(r"^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe]+$")
_SMALL_OR_MARK = "ぁぃぅぇぉっゃゅょゎーん"


def fold_kana(text: str) -> str:
    """Hiragana -> katakana (ゝゞ too), so that ふくし and フクシ are one spelling."""
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" or c in "ゝゞ" else c for c in text)


def to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" or c in "ヽヾ" else c for c in text)


def reading_token(kana: str, as_written: bool = False) -> str:
    """ヽフクシヽ for a reading; ヽコウエンヾ for a word written in kana (search.js: readingOf)."""
    folded = fold_kana(unicodedata.normalize("NFKC", kana))
    return READING_MARK + folded + (KANA_MARK if as_written else READING_MARK)


def is_kana(text: str) -> bool:
    return bool(_KANA_ONLY.match(text))


@functools.lru_cache(maxsize=1)
def _tokenizer():
    from sudachipy import Dictionary  # here: a build that indexes nothing never loads the dictionary

    dictionary = Dictionary(dict="core")
    return dictionary.tokenizer() if hasattr(dictionary, "tokenizer") else dictionary.create()


def _morphemes(text: str):
    from sudachipy import SplitMode

    return _tokenizer().tokenize(text, SplitMode.C)


@functools.lru_cache(maxsize=200_000)
def _single_form(candidate: str) -> str | None:
    """The normalised form of a candidate spelling when the dictionary reads it as one word, else None."""
    morphemes = _morphemes(candidate)
    if len(morphemes) != 1 or morphemes[0].is_oov():
        return None
    return morphemes[0].normalized_form()


def _okurigana_drops(word: str) -> list[str]:
    """申し込み -> 申込み, 申し込, 申込: hiragana right after a kanji may be left out."""
    positions = [i for i, c in enumerate(word) if _HIRAGANA.match(c) and i and _KANJI.match(word[i - 1])]
    found = []
    for size in range(1, min(len(positions), 3) + 1):
        for dropped in itertools.combinations(positions, size):
            found.append("".join(c for i, c in enumerate(word) if i not in dropped))
    return found


def _kana_for_kanji(word: str, reading: str) -> list[str]:
    """障害 (ショウガイ) -> 障がい, 障害者 -> 障がい者, 子供 -> 子ども: one kanji, not the first, written in
    kana, for every way the reading may split. Not the first: that is how such words are written;
    the dictionary also knows かん光 or ぼ集, which nobody types and every index would carry."""
    runs = re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]+", word)
    if not runs or len(word) > 6:
        return []
    pattern = "".join("(.+?)" if _KANJI.match(run[0]) else f"({re.escape(fold_kana(run))})" for run in runs)
    match = re.fullmatch(pattern, reading)
    if not match:
        return []
    found = []
    first = True
    for index, (run, sound) in enumerate(zip(runs, match.groups(), strict=True)):
        if not _KANJI.match(run[0]):
            continue
        if len(run) <= 3:
            for cut in itertools.combinations(range(1, len(sound)), len(run) - 1):
                pieces = [sound[a:b] for a, b in zip((0, *cut), (*cut, len(sound)), strict=True)]
                if any(piece[0] in fold_kana(_SMALL_OR_MARK) for piece in pieces[1:]):
                    continue
                for k, kana in enumerate(pieces):
                    if first and k == 0:
                        continue
                    spelled = run[:k] + to_hiragana(kana) + run[k + 1:]
                    found.append("".join(runs[:index]) + spelled + "".join(runs[index + 1:]))
        first = False
    return found


@functools.lru_cache(maxsize=50_000)
def variants(normalized: str, reading: str) -> tuple[str, ...]:
    """Other spellings of a normalised form that the dictionary maps back to it, sorted."""
    if not _KANJI.search(normalized):
        return ()
    candidates = set(_okurigana_drops(normalized)) | set(_kana_for_kanji(normalized, reading))
    for spelled in list(candidates):
        candidates.update(_okurigana_drops(spelled))
    candidates.discard(normalized)
    return tuple(sorted(c for c in candidates if _single_form(c) == normalized))


@functools.lru_cache(maxsize=200_000)
def spellings_of(surface: str, normalized: str, reading: str, with_reading: bool = True) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(other spellings with kanji, reading tokens) of one dictionary word as found in a text;
    `with_reading` False for a compound whose parts give theirs."""
    others = [normalized, *(variants(normalized, reading) if reading else ()), surface]
    kanji = tuple(s for s in dict.fromkeys(others) if s != surface and _KANJI.search(s) and _WORD.match(s))
    tokens = []
    # One-kana readings (ト for 都), and the readings of one kanji alone (県, 市, 駅: ケン, シ, エキ), are
    # shared by too many words to be worth a match; a compound's reading is kept (こうえん: 講演会 too).
    single_kanji = len(surface) == 1 and bool(_KANJI.match(surface))
    if with_reading and len(reading) >= MIN_READING and reading != "キゴウ" and is_kana(reading) and not single_kanji:
        tokens.append(reading_token(reading))
    if is_kana(surface) and len(surface) >= MIN_READING:
        tokens.append(reading_token(surface))
        if _HIRAGANA.search(surface):  # written in hiragana: ranked first for its reading (こうえん before 公園)
            tokens.append(reading_token(surface, as_written=True))
    return kanji, tuple(dict.fromkeys(tokens))


MAX_PIECE = 4000  # characters: Sudachi refuses an input over 49,149 bytes


def _pieces(text: str):
    """The text's sentences, none longer than MAX_PIECE (a long line without 。 is cut where it must be)."""
    for sentence in re.split(r"(?<=[。．！？!?\n])", text):
        for start in range(0, len(sentence), MAX_PIECE):
            piece = sentence[start:start + MAX_PIECE]
            if piece.strip():
                yield piece


@functools.lru_cache(maxsize=100_000)
def _words(piece: str) -> tuple[tuple[str, str, str, bool], ...]:
    """(surface, normalised form, reading) of the dictionary's long words (split mode C) of a sentence
    and, inside a compound, of its short words (mode A): 視覚障害 is also 視覚 + 障害, 講演会 also
    講演 + 会, so that 障害 and こうえん reach them. Kept per sentence: programs share many
    (what to bring, how to sign up, the organiser's name)."""
    from sudachipy import SplitMode

    found = []
    for long_word in _morphemes(piece):
        parts = long_word.split(SplitMode.A) if len(long_word.surface()) > 2 else ()
        for morpheme in [long_word, *(parts if len(parts) > 1 else ())]:
            compound = len(parts) > 1 and morpheme is long_word
            pos = morpheme.part_of_speech()
            if morpheme.is_oov():
                if _KATAKANA_WORD.match(morpheme.surface()):  # an unknown loanword is read as written
                    found.append((morpheme.surface(), morpheme.surface(), morpheme.surface(), True))
                continue
            if not _JAPANESE.search(morpheme.surface()):
                continue
            if morpheme.surface() in FORMAL_NOUNS or pos[1] == "助動詞語幹":
                continue
            # A verb's plain continuative form is also a noun (手伝い, 取り組み); not that of a verb
            # that leans on another (し, い, でき, 見).
            if pos[0] in NOUN_POS:
                # A compound's reading is left to its parts' (講演会: こうえん finds it; nobody types こうえんかい).
                found.append((morpheme.surface(), morpheme.normalized_form(), morpheme.reading_form(), not compound))
            elif pos[0] == "動詞" and pos[1] == "一般" and pos[5] == "連用形-一般":
                # As the noun it is: its own spellings (取り組み: 取組, 取組み), not the verb's (取り組む).
                found.append((morpheme.surface(), morpheme.surface(), morpheme.reading_form(), True))

    return tuple(found)


@functools.lru_cache(maxsize=200_000)
def _as_words(spelling: str) -> str:
    from catalog.search.segment import words

    return " " + " ".join(words(spelling))


@dataclass(frozen=True)
class Spellings:
    """What the index adds to a program's words as written (see the module's description)."""

    other: tuple[str, ...]  # other spellings with kanji, in order of first appearance
    readings: str  # reading tokens, space-separated


def spellings(text: str, words_of_text: str = "") -> Spellings:
    """The other spellings and reading tokens of a text, each once, in order of first appearance.

    `words_of_text`: the text's words as the index holds them, space-separated (segment.words); an
    other spelling found there as written is left out. Each kind is kept to MAX_SPELLINGS_CHARACTERS:
    a description long enough to reach it has said its words already.
    """
    held = " " + words_of_text + " "
    other: dict[str, None] = {}
    tokens: dict[str, None] = {}
    sizes = [0, 0]
    seen: set[tuple[str, str, str, bool]] = set()
    for piece in _pieces(unicodedata.normalize("NFKC", text)):
        for word in _words(piece):
            if word in seen:
                continue
            seen.add(word)
            kanji, readings = spellings_of(*word)
            for kind, found, items in ((0, other, kanji), (1, tokens, readings)):
                for item in items:
                    if item in found or (kind == 0 and _as_words(item) + " " in held):
                        continue
                    if sizes[kind] + len(item) + 1 <= MAX_SPELLINGS_CHARACTERS:
                        found[item] = None
                        sizes[kind] += len(item) + 1
    return Spellings(tuple(other), " ".join(tokens))
