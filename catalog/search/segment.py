"""Japanese word segmentation for the search index.

Pagefind's standard binary splits words on whitespace only, so Japanese, written
without spaces, would be indexed as whole runs of text. We split text into words
with ICU's word break iterator, the engine behind the browser's
`Intl.Segmenter(..., {granularity: "word"})` that our search page uses on the
query, so the index and the query agree on what a word is (東京都, 新幹線).

A space is inserted only at a word boundary that touches a CJK character, and
the search page removes exactly such spaces from excerpts (see
templates/assets/search.js, `tidyText`), so visitors read normal Japanese. A space
the author wrote next to Japanese (NPO法人 能登…) is kept: it is marked with
REAL_SPACE on the word before it, which Pagefind drops from the word it indexes
and keeps in the text it returns, and the search page turns back into a space.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Kana, kanji, CJK punctuation and full-width forms: the characters that are written without spaces.
CJK = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
CJK_RUN = re.compile(CJK.pattern + "+")
REAL_SPACE = "\u2e31"  # WORD SEPARATOR MIDDLE DOT: punctuation to Pagefind, never written by owners (see segment)


@functools.lru_cache(maxsize=1)
def _breaker():
    import icu  # here: a rebuild without a changed program never segments, and loading ICU is not free

    return icu.BreakIterator.createWordInstance(icu.Locale("ja"))


def is_cjk(char: str) -> bool:
    return bool(CJK.match(char))


def _cjk_flags(text: str) -> list[bool]:
    """is_cjk of every character, in one regex pass rather than a call per word boundary."""
    flags = [False] * len(text)
    for match in CJK_RUN.finditer(text):
        flags[match.start():match.end()] = [True] * (match.end() - match.start())
    return flags


def segment(text: str) -> str:
    """Text -> the same text with a space at every word boundary next to a CJK character.

    NFKC first, as the browser's query box gives full-width ASCII as typed:
    ＡＢＣ and ABC should be one word in the index.
    """
    text = unicodedata.normalize("NFKC", text).replace(REAL_SPACE, "\u00b7")
    if not CJK.search(text):
        return text
    breaker = _breaker()
    breaker.setText(text)
    cjk = _cjk_flags(text)
    out = []
    start = breaker.first()
    for end in breaker:
        # A boundary inside the text, between two non-space characters, one of them CJK: a space.
        if start and not text[start - 1].isspace() and not text[start].isspace() and (cjk[start - 1] or cjk[start]):
            out.append(" ")
        if start and text[start].isspace() and (cjk[start - 1] or (end < len(text) and cjk[end])):
            out.append(REAL_SPACE)  # a space the author wrote, beside Japanese: kept in excerpts
        out.append(text[start:end])
        start = end
    return "".join(out)


def words(text: str) -> list[str]:
    """The words of a text as the index will see them (for tests and the relevance benchmark)."""
    return [w.replace(REAL_SPACE, "") for w in segment(text).split() if any(ch.isalnum() for ch in w)]


# Kanji only: ICU already splits katakana compounds (オンライン|ミーティング), and their suffixes
# (ランティア, ティア) would only be noise.
_COMPOUND = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{3,}$")
MAX_INNER_CHARACTERS = 2000


def inner_words(text: str, segmented: bool = False) -> str:
    """The ends of long compounds, so that a word inside one is found: 千歳空港 -> 歳空港 空港, 新幹線 -> 幹線.

    ICU keeps dictionary compounds whole (新幹線, 千歳空港), so a visitor
    searching 空港 would miss 新千歳空港. These suffixes go into the index as
    searchable metadata: found by a query, never shown in an excerpt, and they
    do not move the positions that phrase search relies on. Words of one or two
    characters add nothing (東京都 is 東京 + 都, so 京都 still does not match it).
    """
    found: dict[str, None] = {}
    for word in (text if segmented else segment(text)).replace(REAL_SPACE, "").split():
        if _COMPOUND.match(word):
            for start in range(1, len(word) - 1):
                found.setdefault(word[start:], None)
    joined = " ".join(found)
    return joined[:MAX_INNER_CHARACTERS].rsplit(" ", 1)[0] if len(joined) > MAX_INNER_CHARACTERS else joined
