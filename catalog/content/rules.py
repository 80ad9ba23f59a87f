"""The value rules of validation: each turns one YAML value into what the model holds, or reports why
it cannot, `(value, report, field, ...) -> parsed | INVALID`.

`report(line, key, **args)` adds a problem in the site's language (messages.PROBLEMS[key]); a rule
reports every problem it sees and answers INVALID, so one run shows every mistake in every file.
Which rule a field has, and its limits, is the field table's (content/fields.py).
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
import urllib.parse
import zoneinfo
from collections.abc import Callable, Collection, Iterable
from typing import Final, Protocol, TypeVar

from catalog.content import hosts
from catalog.content.documents import Scalar, Sequence, Value
from catalog.content.japan import PREFECTURES_BY_NAME, corporate_number_is_valid, suggest_prefecture


class Invalid(enum.Enum):
    """A rule's answer when it reported a problem. An enum of one member, not a bare object(), so that
    the type checker knows that `value is INVALID` leaves, when false, only what the rule reads."""

    INVALID = "invalid"


INVALID: Final = Invalid.INVALID
T = TypeVar("T")


class Report(Protocol):
    """Adds a problem on a line of the file: messages.PROBLEMS[key], formatted with the arguments."""

    def __call__(self, line: int, key: str, /, suggestion: str | None = None, where: str | None = None, **args: object) -> None: ...


LOGO_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".svg"}
PROGRAM_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp"}
LOGO_MAX_BYTES = 1024 * 1024
IMAGE_MAX_BYTES = 2 * 1024 * 1024
TEXT_MAX = 2000  # any other one-value text field; longer belongs in the body
INTEGER_MAX = 1_000_000

GITHUB_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
VOCABULARY_ID = re.compile(r"^[a-z0-9-]{1,64}$")
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$")
# What authors type instead of ISO dates, so the message can show the fix.
LOOSE_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:[T\s]\s*(\d{1,2})\s*[:：時]\s*(\d{2})\s*分?)?\s*$")
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９－：／", "0123456789-:/")
LANGUAGE_NAMES = {"日本語": "ja", "英語": "en", "中国語": "zh", "韓国語": "ko", "やさしい日本語": "ja",
                  "japanese": "ja", "english": "en", "chinese": "zh", "korean": "ko", "jp": "ja"}
# Field names in Japanese that authors write by mistake, and the field they meant.
JAPANESE_FIELD_NAMES = {
    "タイトル": "title", "題名": "title", "名前": "name", "名称": "name", "団体名": "name",
    "概要": "summary", "要約": "summary", "主催": "owner", "種類": "type", "種別": "type",
    "分野": "categories", "カテゴリ": "categories", "カテゴリー": "categories", "スキル": "skills",
    "形式": "format", "場所": "location", "会場": "location", "日程": "dates", "日時": "dates",
    "締切": "deadline", "締め切り": "deadline", "申込": "signup_url", "申し込み": "signup_url",
    "定員": "capacity", "参加費": "cost", "費用": "cost", "対象": "audience", "状態": "status",
    "掲載日": "posted", "更新日": "updated", "画像": "image", "都道府県": "prefecture",
    "市町村": "municipality", "ウェブサイト": "website", "メール": "contact_email", "法人番号": "corporate_number",
}


def suggestion(word: str, choices: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not matches:
        matches = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def scalar(value: Value, report: Report, field: str) -> Scalar | Invalid:
    if isinstance(value, Scalar):
        return value
    kind = "list" if isinstance(value, Sequence) else "map"
    report(value.line, "expected_text", field=field, kind=kind)
    return INVALID


# Characters that change how a one-line value looks without being seen: bidirectional overrides and
# isolates (a title that reads backwards, "Trojan Source"), marks, and zero-width spaces and joiners. A
# zero-width joiner stays allowed right after an emoji or a variation selector: it makes 👨‍👩‍👧 one picture.
INVISIBLE = re.compile(r"[\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u180e]"
                       r"|(?<![\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F])\u200d")


def text(value: Value, report: Report, field: str, max_length: int = TEXT_MAX, one_line: bool = False) -> str | Invalid:
    if (node := scalar(value, report, field)) is INVALID:
        return INVALID
    content = node.text.strip()
    if one_line:
        content = " ".join(content.split())
        invisible = INVISIBLE.search(content)
        if invisible:
            report(node.line, "invisible_character", field=field, code=f"U+{ord(invisible.group()):04X}")
            return INVALID
    if not content or node.is_null:
        report(node.line, "empty", field=field)
        return INVALID
    if len(content) > max_length:
        report(node.line, "too_long", field=field, length=len(content), limit=max_length)
        return INVALID
    return content


def choice(value: Value, report: Report, field: str, allowed: Collection[str]) -> str | Invalid:
    if (node := scalar(value, report, field)) is INVALID:
        return INVALID
    word = node.text.strip()
    if word in allowed:
        return word
    if not word:
        report(node.line, "empty", field=field)
        return INVALID
    report(node.line, "not_allowed", field=field, value=word, allowed=", ".join(allowed), suggestion=suggestion(word, allowed))
    return INVALID


def date(value: Value, report: Report, field: str) -> dt.date | Invalid:
    return _date_or_datetime(value, report, field, allow_time=False)


def date_or_datetime(value: Value, report: Report, field: str) -> dt.date | dt.datetime | Invalid:
    return _date_or_datetime(value, report, field, allow_time=True)


def _filled(value: Value, report: Report, field: str) -> str | Invalid:
    """The value's text, stripped; INVALID (and reported) unless it is one value that is not empty."""
    if (node := scalar(value, report, field)) is INVALID:
        return INVALID
    word = node.text.strip()
    if not word or node.is_null:
        report(node.line, "empty", field=field)
        return INVALID
    return word


def _date_or_datetime(value: Value, report: Report, field: str, allow_time: bool) -> dt.date | Invalid:
    if (word := _filled(value, report, field)) is INVALID:
        return INVALID
    node = value
    match = DATE.match(word) or (DATETIME.match(word) if allow_time else None)
    if match is None:
        loose = LOOSE_DATE.match(word.translate(FULLWIDTH_DIGITS))
        suggestion: str | None = None
        if loose:
            y, mo, d, h, mi = loose.groups()
            suggestion = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
            if h is not None and allow_time:
                suggestion += f"T{int(h):02d}:{int(mi):02d}"
        key = "bad_datetime" if allow_time else "bad_date"
        report(node.line, key, field=field, value=word, suggestion=suggestion)
        return INVALID
    numbers = [int(part) for part in match.groups()]
    try:
        if len(numbers) == 3:
            return dt.date(*numbers)
        year, month, day, hour, minute = numbers
        return dt.datetime(year, month, day, hour, minute)
    except ValueError:
        report(node.line, "impossible_date", field=field, value=word)
        return INVALID


def integer(value: Value, report: Report, field: str, minimum: int = 0, maximum: int = INTEGER_MAX) -> int | Invalid:
    if (node := scalar(value, report, field)) is INVALID:
        return INVALID
    word = node.text.strip().translate(FULLWIDTH_DIGITS)
    if not re.fullmatch(r"[0-9]{1,9}", word):
        report(node.line, "not_integer", field=field, value=node.text.strip())
        return INVALID
    number = int(word)
    if number < minimum or number > maximum:
        report(node.line, "out_of_range", field=field, value=number, minimum=minimum, maximum=maximum)
        return INVALID
    return number


def boolean(value: Value, report: Report, field: str) -> bool | Invalid:
    if (node := scalar(value, report, field)) is INVALID:
        return INVALID
    word = node.text.strip()
    if not node.quoted and word in ("true", "false"):
        return word == "true"
    report(node.line, "not_boolean", field=field, value=word)
    return INVALID


# Longer addresses are cut by some browsers and servers, and a sign-up URL must also fit the flyer's
# QR code (at most 2,331 bytes at its error-correction level). In UTF-8 bytes.
URL_MAX = 2000
_NOT_IN_URLS = re.compile(r'[\s\x00-\x1f<>"`\\]')  # \s is str.isspace()


def https_url(value: Value, report: Report, field: str, program_id: str | None = None) -> str | Invalid:
    if (url := _filled(value, report, field)) is INVALID:
        return INVALID
    node = value
    checked = url.replace("{id}", program_id) if program_id is not None else url
    try:
        parts = urllib.parse.urlsplit(checked)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts is not None and parts.scheme.lower() == "http":
        report(node.line, "not_https", field=field, value=url, suggestion="https" + url[4:])
        return INVALID
    problem = hosts.host_problem(host) if parts is not None and parts.scheme == "https" and host else None
    if problem is not None:
        report(node.line, problem, field=field, value=url)
        return INVALID
    if (
        parts is None
        or parts.scheme != "https"
        or not host
        or "." not in host
        or parts.username is not None
        or _NOT_IN_URLS.search(checked)
    ):
        report(node.line, "bad_url", field=field, value=url)
        return INVALID
    size = len(checked.encode("utf-8"))
    if size > URL_MAX:
        if checked.isascii():
            report(node.line, "too_long", field=field, length=len(checked), limit=URL_MAX)
        else:  # a character of Japanese is 3 bytes, in the QR code and in the address browsers send
            report(node.line, "url_too_long", field=field, length=size, limit=URL_MAX)
        return INVALID
    return checked


def _accepted_text(value: Value, report: Report, field: str, max_length: int, accepted: Callable[[str], object],
                   problem: str, suggest: Callable[[str], str | None]) -> str | Invalid:
    """Text that `accepted` takes; `suggest` offers the fix for text it does not."""
    word = text(value, report, field, max_length=max_length)
    if word is INVALID:
        return INVALID
    if accepted(word):
        return word
    report(value.line, problem, field=field, value=word, suggestion=suggest(word))
    return INVALID


def email(value: Value, report: Report, field: str) -> str | Invalid:
    def fixed(word: str) -> str | None:
        candidate = word.replace("＠", "@").replace("　", "").replace(" ", "")
        return candidate if EMAIL.match(candidate) else None

    return _accepted_text(value, report, field, 254, EMAIL.match, "bad_email", fixed)


def prefecture(value: Value, report: Report, field: str) -> str | Invalid:
    return _accepted_text(value, report, field, 10, PREFECTURES_BY_NAME.__contains__, "bad_prefecture", suggest_prefecture)


def corporate_number(value: Value, report: Report, field: str) -> str | Invalid:
    if (node := scalar(value, report, field)) is INVALID:
        return INVALID
    word = node.text.strip()
    digits = word.translate(FULLWIDTH_DIGITS).replace("-", "").replace(" ", "")
    if not (len(digits) == 13 and digits.isascii() and digits.isdigit()):
        report(node.line, "corporate_number_length", field=field, value=word)
        return INVALID
    if not corporate_number_is_valid(digits):
        report(node.line, "corporate_number_check", field=field, value=word)
        return INVALID
    if digits != word:
        report(node.line, "corporate_number_format", field=field, value=word, suggestion=digits)
        return INVALID
    return digits


def _word_matching(value: Value, report: Report, field: str, pattern: re.Pattern[str], problem: str,
                   suggest: Callable[[str], str | None]) -> str | Invalid:
    """One word that must match `pattern`; `suggest` offers the fix for one that does not."""
    if (node := scalar(value, report, field)) is INVALID:
        return INVALID
    word = node.text.strip()
    if pattern.match(word):
        return word
    report(node.line, problem, field=field, value=word, suggestion=suggest(word))
    return INVALID


def github_login(value: Value, report: Report, field: str) -> str | Invalid:
    def without_at(word: str) -> str | None:
        return word.lstrip("@") if GITHUB_LOGIN.match(word.lstrip("@")) else None

    return _word_matching(value, report, field, GITHUB_LOGIN, "bad_login", without_at)


def language_code(value: Value, report: Report, field: str) -> str | Invalid:
    return _word_matching(value, report, field, LANGUAGE_CODE, "bad_language", lambda word: LANGUAGE_NAMES.get(word.lower()))


def listing(value: Value, report: Report, field: str, item_rule: Callable[[Value, Report, str], T | Invalid],
            minimum: int = 0, maximum: int = 100, unique: bool = True) -> tuple[T, ...] | Invalid:
    """A YAML list whose items each pass `item_rule`.

    A single value where a list is expected is reported with the list spelling
    as the fix, rather than accepted, so that every file reads the same way.
    """
    if isinstance(value, Scalar) and value.is_null:
        items: tuple[Value, ...] = ()
    elif isinstance(value, Sequence):
        items = value.items
    else:
        example = value.text.strip() if isinstance(value, Scalar) else "…"
        report(value.line, "expected_list", field=field, example=example)
        return INVALID
    if len(items) < minimum:
        report(value.line, "too_few", field=field, minimum=minimum)
        return INVALID
    if len(items) > maximum:
        report(value.line, "too_many", field=field, maximum=maximum, count=len(items))
        return INVALID
    parsed: list[T] = []
    seen: set[T] = set()
    ok = True
    for item in items:
        result = item_rule(item, report, field)
        if result is INVALID:
            ok = False
            continue
        if unique and result in seen:
            report(item.line, "duplicate_item", field=field, value=result)
            ok = False
            continue
        seen.add(result)
        parsed.append(result)
    return tuple(parsed) if ok else INVALID


def timezone(value: Value, report: Report, field: str) -> str | Invalid:
    word = text(value, report, field, max_length=64)
    if word is INVALID:
        return INVALID
    try:
        zoneinfo.ZoneInfo(word)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        report(value.line, "bad_timezone", field=field, value=word)
        return INVALID
    return word


_KANA = re.compile(r"^[\u3041-\u309f\u30a0-\u30ff\u3000\s・ー]+$")


def kana(value: Value, report: Report, field: str, max_length: int = TEXT_MAX) -> str | Invalid:
    """Text written in hiragana or katakana (spaces, ・ and ー allowed): how a name is read."""
    word = text(value, report, field, max_length, one_line=True)
    if word is INVALID:
        return INVALID
    if not _KANA.match(word):
        report(value.line, "not_kana", field=field, value=word)
        return INVALID
    return word
