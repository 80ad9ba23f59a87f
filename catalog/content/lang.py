"""The language a piece of content is written in, decided from its script (WCAG 3.1.2, language of parts).

The contract has no field for the language of each text an owner writes, and catalogs mix: an
English program in a Japanese catalog, a Japanese venue name in an English one. A screen reader
picks its voice from the nearest `lang`, so each field gets the language its own text is written
in. Kana and kanji mean Japanese; Latin letters mean the program's Latin-script language (from its
`languages` field, English when it names none). Japanese text often holds a few Latin words (Zoom,
NPO, IT), and English text a Japanese name: a Japanese letter carries about a word's worth of
text, so Japanese wins unless Latin letters outnumber Japanese ones four to one.

The search page (templates/assets/search.js, `textLanguage`) applies the same rule to excerpts.
"""

from __future__ import annotations

import re

# Hiragana, katakana (with the prolonged sound mark), kanji and half-width katakana: letters only,
# not CJK punctuation such as 「・」 or full-width digits, which every language's voice reads.
JAPANESE_LETTER = re.compile(r"[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
                             r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u3005\u3006]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\uff21-\uff3a\uff41-\uff5a]")
LATIN_TO_JAPANESE = 4  # Latin letters per Japanese letter at which a text counts as Latin-script
NOT_LATIN_SCRIPT = frozenset({"ja", "zh", "ko", "th", "ar", "he", "ru", "uk", "hi", "ne", "my", "km", "bn", "fa"})


def text_language(text: str | None, latin: str = "en") -> str | None:
    """"ja", `latin` (the language Latin letters stand for), or None when the text has no letters
    (numbers, prices, punctuation: read the same in the surrounding language)."""
    if not text:
        return None
    japanese = len(JAPANESE_LETTER.findall(text))
    latin_letters = len(LATIN_LETTER.findall(text))
    if japanese and japanese * LATIN_TO_JAPANESE >= latin_letters:
        return "ja"
    if latin_letters:
        return latin
    return None


def latin_language(languages: tuple[str, ...]) -> str:
    """The language a program's Latin-letter text is in: the first Latin-script one it lists, else English."""
    for code in languages:
        if code not in NOT_LATIN_SCRIPT:
            return code
    return "en"


# ------------------------------------------------------------------ a description that mixes languages

# The blocks Markdown makes that hold text, outermost first (a list item, not the paragraph inside it).
# The body is the sanitizer's output (nh3: well-formed, attributes quoted), so a pattern finds them;
# an HTML parser took a millisecond per description, seconds per 10,000 programs.
_TEXT_BLOCK = re.compile(r"<(p|li|h[1-6]|td|th|dt|dd|figcaption|blockquote)((?:\s[^>]*)?)>(.*?)</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def mark_languages(html: str, around: str | None, latin: str = "en") -> str:
    """`html` (sanitized Markdown) with a `lang` on each text block whose language is not `around`,
    the language of the element it sits in: a Japanese description with an English paragraph."""
    pieces, done = [], 0
    other_script = LATIN_LETTER if around == "ja" else JAPANESE_LETTER
    for block in _TEXT_BLOCK.finditer(html):
        text = _TAG.sub("", block.group(3))
        if around is not None and not other_script.search(text):
            continue  # only letters of the surrounding language (or none): most blocks, decided without counting
        written = text_language(text, latin)
        if written is None or written == around or "lang=" in block.group(2):
            continue
        position = block.end(2)  # just before the start tag's '>'
        pieces += [html[done:position], f' lang="{written}"']
        done = position
    return "".join(pieces) + html[done:]
