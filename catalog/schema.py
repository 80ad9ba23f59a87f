"""Validate: Documents -> SiteConfig / Owner / Program, or Problems.

Each field rule is a small function `(value, report, ...) -> parsed | INVALID`.
A rule reports every problem it sees through `report(line, key, **args)`;
the driver collects them all, so one run shows every mistake in every file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import urllib.parse
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import accessibility, lang
from .accessibility import HandCheck
from .documents import Document, Entry, Mapping, Scalar, Sequence, Value
from .japan import PREFECTURES_BY_NAME, corporate_number_is_valid, suggest_prefecture
from .messages import Messages
from .model import DateRange, Image, Location, Owner, Program, SiteConfig, Term
from .problems import Problem

INVALID = object()  # a rule's answer when it reported a problem
Report = Callable[..., None]

OWNER_KINDS = ("municipality", "social-welfare-council", "npo", "company", "school", "community", "other")
FORMATS = ("onsite", "online", "hybrid")
STATUSES = ("open", "full", "closed", "cancelled")
LANGUAGES = ("ja", "en")
LOGO_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".svg"}
PROGRAM_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp"}
LOGO_MAX_BYTES = 1024 * 1024
IMAGE_MAX_BYTES = 2 * 1024 * 1024
TITLE_MAX = 80
SUMMARY_MAX = 140
TEXT_MAX = 2000  # any other one-value text field; longer belongs in the body

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


# ---------------------------------------------------------------- value rules


def _suggestion(word: str, choices) -> str | None:
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not matches:
        matches = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def scalar(value: Value, report: Report, field: str) -> Scalar | object:
    if isinstance(value, Scalar):
        return value
    kind = "list" if isinstance(value, Sequence) else "map"
    report(value.line, "expected_text", field=field, kind=kind)
    return INVALID


def text(value: Value, report: Report, field: str, max_length: int = TEXT_MAX, one_line: bool = False) -> str | object:
    node = scalar(value, report, field)
    if node is INVALID:
        return INVALID
    content = node.text.strip()
    if one_line:
        content = " ".join(content.split())
    if not content or node.is_null:
        report(node.line, "empty", field=field)
        return INVALID
    if len(content) > max_length:
        report(node.line, "too_long", field=field, length=len(content), limit=max_length)
        return INVALID
    return content


def choice(value: Value, report: Report, field: str, allowed) -> str | object:
    node = scalar(value, report, field)
    if node is INVALID:
        return INVALID
    word = node.text.strip()
    if word in allowed:
        return word
    if not word:
        report(node.line, "empty", field=field)
        return INVALID
    report(node.line, "not_allowed", field=field, value=word, allowed=", ".join(allowed), suggestion=_suggestion(word, allowed))
    return INVALID


def date(value: Value, report: Report, field: str) -> dt.date | object:
    return _date_or_datetime(value, report, field, allow_time=False)


def date_or_datetime(value: Value, report: Report, field: str) -> dt.date | dt.datetime | object:
    return _date_or_datetime(value, report, field, allow_time=True)


def _date_or_datetime(value: Value, report: Report, field: str, allow_time: bool):
    node = scalar(value, report, field)
    if node is INVALID:
        return INVALID
    word = node.text.strip()
    if not word or node.is_null:
        report(node.line, "empty", field=field)
        return INVALID
    match = DATE.match(word) or (DATETIME.match(word) if allow_time else None)
    if match is None:
        loose = LOOSE_DATE.match(word.translate(FULLWIDTH_DIGITS))
        suggestion = None
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
        return dt.datetime(*numbers)
    except ValueError:
        report(node.line, "impossible_date", field=field, value=word)
        return INVALID


def integer(value: Value, report: Report, field: str, minimum: int = 0, maximum: int = 1_000_000) -> int | object:
    node = scalar(value, report, field)
    if node is INVALID:
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


def boolean(value: Value, report: Report, field: str) -> bool | object:
    node = scalar(value, report, field)
    if node is INVALID:
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


def https_url(value: Value, report: Report, field: str, program_id: str | None = None) -> str | object:
    node = scalar(value, report, field)
    if node is INVALID:
        return INVALID
    url = node.text.strip()
    if not url or node.is_null:
        report(node.line, "empty", field=field)
        return INVALID
    checked = url.replace("{id}", program_id) if program_id is not None else url
    try:
        parts = urllib.parse.urlsplit(checked)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts is not None and parts.scheme.lower() == "http":
        report(node.line, "not_https", field=field, value=url, suggestion="https" + url[4:])
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


def email(value: Value, report: Report, field: str) -> str | object:
    word = text(value, report, field, max_length=254)
    if word is INVALID:
        return INVALID
    if not EMAIL.match(word):
        fixed = word.replace("＠", "@").replace("　", "").replace(" ", "")
        report(value.line, "bad_email", field=field, value=word, suggestion=fixed if EMAIL.match(fixed) else None)
        return INVALID
    return word


def prefecture(value: Value, report: Report, field: str) -> str | object:
    word = text(value, report, field, max_length=10)
    if word is INVALID:
        return INVALID
    if word in PREFECTURES_BY_NAME:
        return word
    report(value.line, "bad_prefecture", field=field, value=word, suggestion=suggest_prefecture(word))
    return INVALID


def corporate_number(value: Value, report: Report, field: str) -> str | object:
    node = scalar(value, report, field)
    if node is INVALID:
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


def github_login(value: Value, report: Report, field: str) -> str | object:
    node = scalar(value, report, field)
    if node is INVALID:
        return INVALID
    word = node.text.strip()
    if GITHUB_LOGIN.match(word):
        return word
    stripped = word.lstrip("@")
    report(node.line, "bad_login", field=field, value=word, suggestion=stripped if GITHUB_LOGIN.match(stripped) else None)
    return INVALID


def language_code(value: Value, report: Report, field: str) -> str | object:
    node = scalar(value, report, field)
    if node is INVALID:
        return INVALID
    word = node.text.strip()
    if LANGUAGE_CODE.match(word):
        return word
    report(node.line, "bad_language", field=field, value=word, suggestion=LANGUAGE_NAMES.get(word.lower()))
    return INVALID


def listing(value: Value, report: Report, field: str, item_rule, minimum: int = 0, maximum: int = 100, unique: bool = True):
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
    parsed, seen, ok = [], set(), True
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


def image(value: Value, report: Report, field: str, document: Document, suffixes, max_bytes: int) -> Image | object:
    """A picture next to the content file: exists, stays inside its folder, is what its name says, is small enough."""
    name = text(value, report, field, max_length=200)
    if name is INVALID:
        return INVALID
    folder = document.source.parent
    target = folder / name
    if "://" in name or name.startswith(("/", "\\")) or ".." in Path(name).parts or "\\" in name:
        report(value.line, "image_outside", field=field, value=name)
        return INVALID
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        report(value.line, "image_type", field=field, value=name, allowed=", ".join(sorted(suffixes)))
        return INVALID
    if target.is_symlink():
        report(value.line, "image_symlink", field=field, value=name)
        return INVALID
    if not target.is_file():
        nearby = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in suffixes and not p.is_symlink()) if folder.is_dir() else []
        report(value.line, "image_missing", field=field, value=name, suggestion=_suggestion(name, nearby))
        return INVALID
    size = target.stat().st_size
    if size > max_bytes:
        report(value.line, "image_too_large", field=field, value=name, size=size // 1024, limit=max_bytes // 1024)
        return INVALID
    head = target.read_bytes()[:512] if suffix != ".svg" else target.read_bytes()
    if not _looks_like(suffix, head):
        report(value.line, "image_not_image", field=field, value=name)
        return INVALID
    if suffix == ".svg" and _svg_is_active(head):
        report(value.line, "svg_active", field=field, value=name)
        return INVALID
    return Image(source=target, name=Path(name).name, alt="")


def _looks_like(suffix: str, head: bytes) -> bool:
    if suffix == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if suffix == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    return b"<svg" in head[:4096]


def _svg_is_active(svg: bytes) -> bool:
    """An SVG opened on its own runs scripts on our origin: refuse anything that could act or fetch."""
    lowered = svg.lower()
    return bool(
        re.search(rb"<\s*script|<\s*foreignobject|<!entity|\son[a-z]+\s*=|javascript:|\bdata:|<\s*(?:iframe|embed|object)\b"
            rb"|(?:href|src)\s*=\s*[\"']?\s*(?:https?:|//)|@import|url\s*\(\s*[\"']?\s*(?:https?:|//)",
            lowered,)
    )


# ---------------------------------------------------------------- documents


@dataclass
class FieldSpec:
    rule: Callable[..., object]
    required: bool = False


class _Checker:
    """Collects one document's problems; the known/unknown/required field walk is shared by all kinds."""

    def __init__(self, path: str, messages: Messages):
        self.path = path
        self.messages = messages
        self.problems: list[Problem] = []

    def report(self, line: int, message: str, /, **args: object) -> None:
        self.problems.append(Problem(self.path, line, self.messages.problem(message, **args)))

    def fields(self, mapping: Mapping, known, required, where: str | None = None) -> dict[str, Entry]:
        """Reports unknown and missing fields; returns the entries that are present and not null."""
        present: dict[str, Entry] = {}
        for key, entry in mapping.entries.items():
            if key not in known:
                suggestion = JAPANESE_FIELD_NAMES.get(key) if JAPANESE_FIELD_NAMES.get(key) in known else _suggestion(key, known)
                self.report(entry.key_line, "unknown_field", field=key, suggestion=suggestion, where=where)
                continue
            if isinstance(entry.value, Scalar) and entry.value.is_null:
                if key in required:
                    self.report(entry.key_line, "empty", field=key)
                continue
            present[key] = entry
        for key in required:
            if key not in mapping.entries:
                self.report(mapping.line, "missing_field", field=key, where=where)
        return present


def _read(checker: _Checker, present: dict[str, Entry], name: str, rule, *args, within: str | None = None, **kwargs):
    """Apply `rule` to field `name` if present; `within` names the enclosing field in messages (dates.start)."""
    if name not in present:
        return None
    return rule(present[name].value, checker.report, f"{within}.{name}" if within else name, *args, **kwargs)


def validate_site(front: Mapping, messages: Messages, path: str = "content/site.yaml") -> tuple[SiteConfig | None, list[Problem]]:
    checker = _Checker(path, messages)
    known = ("title", "description", "base_url", "language", "timezone", "closing_soon_days",
             "stale_after_days", "maintainers", "types", "categories", "skills")
    required = ("title", "description", "base_url", "maintainers", "types", "categories")
    present = checker.fields(front, known, required)
    values = {
        "title": _read(checker, present, "title", text, 120, True),
        "description": _read(checker, present, "description", text, 300, True),
        "base_url": _read(checker, present, "base_url", https_url),
        "language": _read(checker, present, "language", choice, LANGUAGES),
        "timezone": _read(checker, present, "timezone", _timezone),
        "closing_soon_days": _read(checker, present, "closing_soon_days", integer, 0, 365),
        "stale_after_days": _read(checker, present, "stale_after_days", integer, 1, 3650),
        "maintainers": _read(checker, present, "maintainers", listing, github_login, 1),
        "types": _read(checker, present, "types", _vocabulary, checker),
        "categories": _read(checker, present, "categories", _vocabulary, checker),
        "skills": _read(checker, present, "skills", _vocabulary, checker),
    }
    if checker.problems or any(values[k] is INVALID for k in values):
        return None, checker.problems
    base_url = values["base_url"]
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    if "?" in base_url or "#" in base_url:
        checker.report(present["base_url"].value.line, "bad_url", field="base_url", value=base_url)
        return None, checker.problems
    config = SiteConfig(
        title=values["title"],
        description=values["description"],
        base_url=base_url,
        language=values["language"] or "ja",
        timezone=values["timezone"] or "Asia/Tokyo",
        closing_soon_days=7 if values["closing_soon_days"] is None else values["closing_soon_days"],
        stale_after_days=values["stale_after_days"] or 180,
        maintainers=values["maintainers"],
        types=values["types"],
        categories=values["categories"],
        skills=values["skills"],
    )
    return config, []


def _timezone(value: Value, report: Report, field: str):
    word = text(value, report, field, max_length=64)
    if word is INVALID:
        return INVALID
    try:
        zoneinfo.ZoneInfo(word)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        report(value.line, "bad_timezone", field=field, value=word)
        return INVALID
    return word


def _vocabulary(value: Value, report: Report, field: str, checker: _Checker):
    if not isinstance(value, Mapping) or not value.entries:
        report(value.line, "expected_vocabulary", field=field)
        return INVALID
    terms, ok = [], True
    for term_id, entry in value.entries.items():
        if not VOCABULARY_ID.match(term_id):
            report(entry.key_line, "bad_vocabulary_id", field=field, value=term_id)
            ok = False
            continue
        if not isinstance(entry.value, Mapping):
            report(entry.key_line, "expected_labels", field=f"{field}.{term_id}")
            ok = False
            continue
        labels = checker.fields(entry.value, ("ja", "en"), ("ja", "en"), where=f"{field}.{term_id}")
        ja = _read(checker, labels, "ja", text, 60, True, within=f"{field}.{term_id}")
        en = _read(checker, labels, "en", text, 60, True, within=f"{field}.{term_id}")
        if ja in (None, INVALID) or en in (None, INVALID):
            ok = False
            continue
        terms.append(Term(term_id, ja, en))
    return tuple(terms) if ok else INVALID


def validate_owner(document: Document, messages: Messages) -> tuple[Owner | None, list[Problem]]:
    checker = _Checker(document.path, messages)
    known = ("name", "kind", "prefecture", "municipality", "website", "contact_email",
             "corporate_number", "logo", "logo_alt", "maintainers")
    present = checker.fields(document.front, known, ("name", "kind", "prefecture", "maintainers"))
    logo = _read(checker, present, "logo", image, document, LOGO_SUFFIXES, LOGO_MAX_BYTES)
    logo_alt = _read(checker, present, "logo_alt", text, 200, True)
    _paired(checker, document.front, present, "logo", "logo_alt")
    values = {
        "name": _read(checker, present, "name", text, 120, True),
        "kind": _read(checker, present, "kind", choice, OWNER_KINDS),
        "prefecture": _read(checker, present, "prefecture", prefecture),
        "municipality": _read(checker, present, "municipality", text, 60, True),
        "website": _read(checker, present, "website", https_url),
        "contact_email": _read(checker, present, "contact_email", email),
        "corporate_number": _read(checker, present, "corporate_number", corporate_number),
        "maintainers": _read(checker, present, "maintainers", listing, github_login, 1),
    }
    if checker.problems:
        return None, checker.problems
    owner = Owner(
        id=document.id,
        logo=Image(logo.source, logo.name, logo_alt) if logo else None,
        body=document.body,
        path=document.path,
        lines={key: entry.key_line for key, entry in document.front.entries.items()},
        **values,
    )
    return owner, []


def _paired(checker: _Checker, front: Mapping, present: dict[str, Entry], thing: str, alt: str) -> None:
    """An image needs its alternative text, and alternative text without an image is a leftover."""
    if thing in present and alt not in present:
        checker.report(present[thing].key_line, "alt_missing", field=thing, alt=alt)
    if alt in present and thing not in present:
        checker.report(present[alt].key_line, "alt_without_image", field=alt, image=thing)


PROGRAM_FIELDS = (
    "title", "owner", "summary", "type", "categories", "skills", "format", "location", "dates",
    "deadline", "signup_url", "signup_label", "status", "capacity", "commitment", "cost", "provided",
    "audience", "min_age", "languages", "accessibility", "access", "image", "image_alt", "posted",
    "updated", "draft",
)
PROGRAM_REQUIRED = ("title", "owner", "summary", "type", "categories", "format", "signup_url", "posted")


def validate_program(document: Document, config: SiteConfig, messages: Messages) -> tuple[Program | None, list[Problem]]:
    checker = _Checker(document.path, messages)
    present = checker.fields(document.front, PROGRAM_FIELDS, PROGRAM_REQUIRED)
    r = checker.report
    type_ids = [t.id for t in config.types]
    category_ids = [c.id for c in config.categories]
    if config.skills is None:
        skill_rule = lambda v, rep, f: text(v, rep, f, 40, True)  # noqa: E731 - free text when site.yaml has no list
    else:
        skill_ids = [s.id for s in config.skills]
        skill_rule = lambda v, rep, f: choice(v, rep, f, skill_ids)  # noqa: E731
    values = {
        "title": _read(checker, present, "title", text, TITLE_MAX, True),
        "owner": _read(checker, present, "owner", text, 64, True),
        "summary": _read(checker, present, "summary", text, SUMMARY_MAX, True),
        "type": _read(checker, present, "type", choice, type_ids),
        "categories": _read(checker, present, "categories", listing, lambda v, rep, f: choice(v, rep, f, category_ids), 1, 5),
        "skills": _read(checker, present, "skills", listing, skill_rule, 0, 20),
        "format": _read(checker, present, "format", choice, FORMATS),
        "location": _read(checker, present, "location", _location, checker),
        "dates": _read(checker, present, "dates", _dates, checker),
        "deadline": _read(checker, present, "deadline", date),
        "signup_url": _read(checker, present, "signup_url", https_url, document.id),
        "signup_label": _read(checker, present, "signup_label", text, 30, True),
        "status": _read(checker, present, "status", choice, STATUSES),
        "capacity": _read(checker, present, "capacity", integer, 1),
        "commitment": _read(checker, present, "commitment", text, 200, True),
        "cost": _read(checker, present, "cost", text, 200, True),
        "provided": _read(checker, present, "provided", listing, lambda v, rep, f: text(v, rep, f, 60, True), 0, 30),
        "audience": _read(checker, present, "audience", text, 300, True),
        "min_age": _read(checker, present, "min_age", integer, 0, 120),
        "languages": _read(checker, present, "languages", listing, language_code, 1, 10),
        "accessibility": _read(checker, present, "accessibility", text, 500, True),
        "access": _read(checker, present, "access", text, 500, True),
        "posted": _read(checker, present, "posted", date),
        "updated": _read(checker, present, "updated", date),
        "draft": _read(checker, present, "draft", boolean),
    }
    picture = _read(checker, present, "image", image, document, PROGRAM_IMAGE_SUFFIXES, IMAGE_MAX_BYTES)
    picture_alt = _read(checker, present, "image_alt", text, 200, True)
    _paired(checker, document.front, present, "image", "image_alt")

    # Rules between fields, only where both sides are valid.
    if values["format"] in ("onsite", "hybrid") and "location" not in present and "format" in present:
        r(present["format"].value.line, "location_required", format=values["format"])
    dates, deadline = values["dates"], values["deadline"]
    if dates not in (None, INVALID) and deadline not in (None, INVALID) and dates:
        first = min(d.first_day for d in dates)
        if deadline > first:
            r(present["deadline"].value.line, "deadline_after_start", deadline=deadline.isoformat(), start=first.isoformat())
    posted, updated = values["posted"], values["updated"]
    if posted not in (None, INVALID) and updated not in (None, INVALID) and updated < posted:
        r(present["updated"].value.line, "updated_before_posted", updated=updated.isoformat(), posted=posted.isoformat())

    if checker.problems:
        return None, checker.problems
    optional = {k: v for k, v in values.items() if v is not None}
    program = Program(
        id=document.id,
        image=Image(picture.source, picture.name, picture_alt) if picture else None,
        body=document.body,
        path=document.path,
        body_line=document.body_line,
        content_language=content_language(values["title"], values["summary"], languages=values.get("languages") or ("ja",)),
        lines={key: entry.key_line for key, entry in document.front.entries.items()},
        **optional,
    )
    return program, []


def _location(value: Value, report: Report, field: str, checker: _Checker):
    if not isinstance(value, Mapping):
        report(value.line, "expected_map", field=field, example="prefecture: 石川県")
        return INVALID
    present = checker.fields(value, ("prefecture", "municipality", "venue", "address"), ("prefecture",), where=field)
    parts = {
        "prefecture": _read(checker, present, "prefecture", prefecture, within=field),
        "municipality": _read(checker, present, "municipality", text, 60, True, within=field),
        "venue": _read(checker, present, "venue", text, 120, True, within=field),
        "address": _read(checker, present, "address", text, 200, True, within=field),
    }
    if any(v is INVALID for v in parts.values()) or parts["prefecture"] is None:
        return INVALID
    return Location(**parts)


def _dates(value: Value, report: Report, field: str, checker: _Checker):
    if not isinstance(value, Sequence):
        report(value.line, "expected_dates", field=field)
        return INVALID
    if len(value.items) > 366:
        report(value.line, "too_many", field=field, maximum=366, count=len(value.items))
        return INVALID
    ranges, ok = [], True
    for item in value.items:
        if not isinstance(item, Mapping):
            report(item.line, "expected_dates", field=field)
            ok = False
            continue
        present = checker.fields(item, ("start", "end"), ("start",), where=field)
        start = _read(checker, present, "start", date_or_datetime, within=field)
        end = _read(checker, present, "end", date_or_datetime, within=field)
        if start in (None, INVALID) or end is INVALID:
            ok = False
            continue
        if end is not None and _comparable(end) < _comparable(start):
            report(present["end"].value.line, "end_before_start", start=present["start"].value.text.strip(), end=present["end"].value.text.strip())
            ok = False
            continue
        ranges.append(DateRange(start, end))
    return tuple(sorted(ranges, key=lambda d: _comparable(d.start))) if ok else INVALID


def _comparable(value: dt.date | dt.datetime) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)


def content_language(*texts: str, languages: tuple[str, ...] = ("ja",)) -> str:
    """The language a program is written in, from its title and summary (see catalog/lang.py): the
    contract has no field for it, and its pages and cards carry it as their `lang`."""
    return lang.text_language(" ".join(t or "" for t in texts), lang.latin_language(languages)) or "ja"


# ------------------------------------------------------------------ content/accessibility.yaml


def validate_hand_checks(front: Mapping, messages: Messages, path: str = accessibility.HAND_CHECKS_FILE) -> tuple[tuple[HandCheck, ...], list[Problem]]:
    """The maintainers' record of success criteria checked by hand (catalog/accessibility.py)."""
    checker = _Checker(path, messages)
    present = checker.fields(front, ("checks",), ("checks",))
    if "checks" not in present:
        return (), checker.problems
    value = present["checks"].value
    if not isinstance(value, Sequence):
        checker.report(value.line, "expected_list", field="checks", example="…")
        return (), checker.problems
    found = []
    for item in value.items:
        if not isinstance(item, Mapping):
            checker.report(item.line, "front_matter_not_mapping")
            continue
        fields = checker.fields(item, ("criterion", "date", "by", "result", "note"), ("criterion", "date", "by", "result"),
                                where="checks")
        criterion = _read(checker, fields, "criterion", _criterion)
        when = _read(checker, fields, "date", date)
        by = _read(checker, fields, "by", text, 100, True)
        result = _read(checker, fields, "result", choice, ("passed", "failed"))
        note = _read(checker, fields, "note", text, 500)
        if INVALID in (criterion, when, by, result, note) or None in (criterion, when, by, result):
            continue
        found.append(HandCheck(criterion, when, by, result, note, item.line))
    return tuple(found), checker.problems


def _criterion(value: Value, report: Report, field: str) -> str | object:
    node = scalar(value, report, field)
    if node is INVALID:
        return INVALID
    word = node.text.strip()
    if word in accessibility.CRITERIA_BY_ID:
        return word
    report(node.line, "unknown_criterion", value=word, suggestion=_suggestion(word, tuple(accessibility.CRITERIA_BY_ID)))
    return INVALID
