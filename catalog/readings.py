"""Spelling variants and readings of Japanese words, for the search index (SudachiPy + SudachiDict).

One word is written several ways (障害 / 障がい, 申し込み / 申込み / 申込, 子供 / 子ども / こども),
and visitors on phones often send a reading before converting it (ふくし for 福祉). The browser
has no dictionary, so the index carries the other spellings: beside the words as written (ICU,
segment.py), every content word of a program adds *alias tokens* for

- its normalised form (Sudachi's normalized_form: 申込 -> 申し込み, 障がい -> 障害),
- its reading (Sudachi's reading_form, katakana: 福祉 -> フクシ),
- the other spellings of its normalised form that the dictionary itself reads as that form
  (variants(): 申し込み -> 申込み, 申込, 申し込; 障害 -> 障がい), found by dropping okurigana and
  writing one kanji in kana, each candidate kept only when Sudachi maps it back to the same form.

An alias token must be one word to both sides' word splitters (the browser's Pagefind cuts a
Japanese query with Intl.Segmenter, which would take 申シ込ミ apart) and must be matched only whole
(Pagefind matches every query word as a prefix: a plain reading フクシ would also find フクシマ,
福島), and no word a visitor types as written may start like one:
- a spelling in kana (readings, mostly) is READING_MARK + katakana + READING_MARK (ヽフクシヽ):
  one katakana word to ICU, it compresses and sorts like the readings it is;
- any other spelling is ALIAS_PREFIX + 8 letters and digits, a 40-bit hash (FNV-1a) of the spelling
  with hiragana folded to katakana and lowercased.
A spelling with kanji that the program already holds as written adds nothing and is left out
(aliases()): the search page takes the union of the words as written and the alias.

Sudachi's segmentation is used only for these aliases: the words as written stay ICU's, so
unknown compounds the dictionary would cut wrongly (古材 -> 古 + 材) keep matching as before.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

ALIAS_PREFIX = "qj"
READING_MARK = "\u30fd"  # ヽ: a katakana letter no word starts with
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
# Words a visitor searches for: nouns (with suru-nouns) and na-adjectives give all their spellings and
# their reading; verbs and adjectives only their dictionary form (手伝って -> 手伝う), since the reading
# of a conjugated form (テツダッ) is typed by nobody. Particles, auxiliaries, adverbs, pronouns,
# prefixes and suffixes would only make short kana queries (の, ご, さん) match every program.
NOUN_POS = frozenset({"名詞", "形状詞"})
VERB_POS = frozenset({"動詞", "形容詞"})
MIN_READING = 2  # one-kana readings (ト for 都) are shared by too many words to be worth a match
MAX_ALIASES_CHARACTERS = 6000  # per program: a long description adds aliases up to here
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")
_JAPANESE = re.compile(r"[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")
_HIRAGANA = re.compile(r"[\u3041-\u3096]")
_WORD = re.compile(r"^[\w\u30fc]+$")  # letters, digits, the long-vowel mark: what Pagefind keeps as one word
_KANA_ONLY = re.compile(r"^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe]+$")
_SMALL_OR_MARK = "ぁぃぅぇぉっゃゅょゎーん"


def fold_kana(text: str) -> str:
    """Hiragana -> katakana (ゝゞ too), so that ふくし and フクシ are one spelling."""
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" or c in "ゝゞ" else c for c in text)


def to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" or c in "ヽヾ" else c for c in text)


@functools.lru_cache(maxsize=200_000)
def alias_token(spelling: str) -> str:
    """The token a spelling is indexed and searched as (search.js's aliasOf does the same)."""
    folded = fold_kana(unicodedata.normalize("NFKC", spelling)).lower()
    if is_kana(folded):
        return READING_MARK + folded + READING_MARK
    digest = 0xCBF29CE484222325  # FNV-1a, 64 bits, of the folded spelling's UTF-8
    for byte in folded.encode("utf-8"):
        digest = ((digest ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    top = digest >> 24  # 40 bits: eight base-32 characters
    return ALIAS_PREFIX + "".join(_BASE32[(top >> (5 * n)) & 31] for n in range(7, -1, -1))


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
    """障害 (ショウガイ) -> 障がい, しょう害, …: one kanji written in kana, for every way the reading may split."""
    runs = re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]+", word)
    if not runs or len(word) > 6:
        return []
    pattern = "".join(f"({'.' * 1}+?)" if _KANJI.match(run[0]) else f"({re.escape(fold_kana(run))})" for run in runs)
    match = re.fullmatch(pattern, reading)
    if not match:
        return []
    found = []
    for index, (run, sound) in enumerate(zip(runs, match.groups())):
        if not _KANJI.match(run[0]) or len(run) > 3:
            continue
        for cut in itertools.combinations(range(1, len(sound)), len(run) - 1):
            pieces = [sound[a:b] for a, b in zip((0, *cut), (*cut, len(sound)))]
            if any(piece[0] in fold_kana(_SMALL_OR_MARK) for piece in pieces[1:]):
                continue
            for k, kana in enumerate(pieces):
                spelled = run[:k] + to_hiragana(kana) + run[k + 1:]
                found.append("".join(runs[:index]) + spelled + "".join(runs[index + 1:]))
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
def spellings_of(surface: str, normalized: str, reading: str) -> tuple[str, ...]:
    """The other ways to write one dictionary word as found in a text: its normalised form, the
    variants of that form, its reading, and the surface itself when the index would not find it
    from another script (a kana word, or a variant)."""
    spellings = [normalized, *(variants(normalized, reading) if reading else ())]
    if reading != "キゴウ":
        spellings.append(reading)
    if is_kana(surface) or surface != normalized:
        spellings.append(surface)
    # One-kana spellings (ト for 都, し) are shared by too many words to be worth a match.
    return tuple(s for s in dict.fromkeys(spellings) if s and _WORD.match(s) and not (is_kana(s) and len(s) < MIN_READING))


def word_aliases(surface: str, normalized: str, reading: str) -> tuple[str, ...]:
    """The alias tokens of one dictionary word as found in a text (pure apart from the dictionary)."""
    return tuple(dict.fromkeys(alias_token(s) for s in spellings_of(surface, normalized, reading)))


MAX_PIECE = 4000  # characters: Sudachi refuses an input over 49,149 bytes


def _pieces(text: str):
    """The text's sentences, none longer than MAX_PIECE (a long line without 。 is cut where it must be)."""
    for sentence in re.split(r"(?<=[。．！？!?\n])", text):
        for start in range(0, len(sentence), MAX_PIECE):
            piece = sentence[start:start + MAX_PIECE]
            if piece.strip():
                yield piece


@functools.lru_cache(maxsize=100_000)
def _words(piece: str) -> tuple[tuple[str, str, str], ...]:
    """(surface, normalised form, reading) of the dictionary's long words (split mode C) of a sentence
    and, inside a compound, of its short words (mode A): 視覚障害 is also 視覚 + 障害, 講演会 also
    講演 + 会, so that 障害 and こうえん reach them. Kept per sentence: programs share many
    (what to bring, how to sign up, the organiser's name)."""
    from sudachipy import SplitMode

    found = []
    for long_word in _morphemes(piece):
        parts = long_word.split(SplitMode.A) if len(long_word.surface()) > 2 else ()
        for morpheme in [long_word, *(parts if len(parts) > 1 else ())]:
            pos = morpheme.part_of_speech()
            if morpheme.is_oov() or not _JAPANESE.search(morpheme.surface()):
                continue
            # A verb's plain continuative form is also a noun (見守り, 手伝い, 雪かき).
            if pos[0] in NOUN_POS or (pos[0] == "動詞" and pos[5] == "連用形-一般"):
                found.append((morpheme.surface(), morpheme.normalized_form(), morpheme.reading_form()))
            elif pos[0] in VERB_POS and morpheme.normalized_form() != morpheme.surface():
                found.append((morpheme.normalized_form(), morpheme.normalized_form(), ""))  # the dictionary form only
    return tuple(found)


@functools.lru_cache(maxsize=200_000)
def _as_words(spelling: str) -> str:
    from .segment import words

    return " " + " ".join(words(spelling))


def aliases(text: str, words_of_text: str = "") -> str:
    """Every alias token of a text, space-separated, in order of first appearance, each once.

    `words_of_text`: the text's words as the index holds them, space-separated (segment.words); a
    spelling found there as written is left out, since the words as written already find it (the
    search page takes both). Kept to MAX_ALIASES_CHARACTERS: a description long enough to reach it
    has said its words already.
    """
    held = " " + words_of_text + " "
    found: dict[str, None] = {}
    seen: set[tuple[str, str, str]] = set()
    size = 0
    for piece in _pieces(unicodedata.normalize("NFKC", text)):
        for word in _words(piece):
            if word in seen:
                continue
            seen.add(word)
            for spelling in spellings_of(*word):
                if words_of_text and not is_kana(spelling) and _as_words(spelling) + " " in held:
                    continue  # found as written (a kana spelling stays: the page searches kana by reading only)
                token = alias_token(spelling)
                if token not in found:
                    if size + len(token) + 1 > MAX_ALIASES_CHARACTERS:
                        return " ".join(found)
                    found[token] = None
                    size += len(token) + 1
    return " ".join(found)
