"""A program's regular rhythm, read from its free-text `commitment`: 「毎週木曜日の15時〜19時」 -> every Thursday, 15:00-19:00.

Owners describe ongoing programs in words rather than `dates`; a card that says 「随時」 for a
program held every Thursday hides the one fact a visitor plans around. Only patterns that are
unambiguous are read; anything else gives None and the text is shown as the owner wrote it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WEEKDAYS_JA = "月火水木金土日"
_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_WEEKLY_JA = re.compile(r"毎週\s*([月火水木金土日](?:\s*[・、,と]\s*[月火水木金土日])*)曜")
_MONTHLY_JA = re.compile(r"毎月\s*第\s*([1-5])\s*([月火水木金土日])曜")
_DAILY_JA = re.compile(r"毎日")
_WEEKLY_EN = re.compile(r"\bevery\s+(" + "|".join(_WEEKDAYS_EN) + r")s?\b", re.IGNORECASE)
_DAILY_EN = re.compile(r"\bevery\s+day\b|\bdaily\b", re.IGNORECASE)
# 15時〜19時, 15時30分〜19時, 15:00〜19:00, 9:30-11:00, 15時から19時まで
_HOUR = r"(\d{1,2})(?:\s*時\s*(?:(\d{1,2})\s*分|(半))?|:(\d{2}))"
_TIME_RANGE = re.compile(_HOUR + r"\s*(?:〜|~|-|–|から)\s*" + _HOUR)


@dataclass(frozen=True)
class Recurrence:
    """When a program recurs: weekly on some weekdays, monthly on the nth weekday, or daily."""

    kind: str  # "weekly", "monthly" or "daily"
    weekdays: tuple[int, ...] = ()  # 0 = Monday
    nth: int | None = None  # monthly: the 1st..5th weekday of the month
    start: str | None = None  # "15:00"
    end: str | None = None  # "19:00"


def read_recurrence(commitment: str | None) -> Recurrence | None:
    if not commitment:
        return None
    text = unicodedata.normalize("NFKC", commitment)  # full-width digits and colons
    start, end = _times(text)
    if match := _WEEKLY_JA.search(text):
        days = tuple(dict.fromkeys(_WEEKDAYS_JA.index(c) for c in match.group(1) if c in _WEEKDAYS_JA))
        return Recurrence("weekly", days, start=start, end=end)
    if match := _MONTHLY_JA.search(text):
        return Recurrence("monthly", (_WEEKDAYS_JA.index(match.group(2)),), nth=int(match.group(1)), start=start, end=end)
    if matches := _WEEKLY_EN.findall(text):
        days = tuple(dict.fromkeys(_WEEKDAYS_EN.index(m.lower()) for m in matches))
        return Recurrence("weekly", days, start=start, end=end)
    if _DAILY_JA.search(text) or _DAILY_EN.search(text):
        return Recurrence("daily", start=start, end=end)
    return None


def _times(text: str) -> tuple[str | None, str | None]:
    match = _TIME_RANGE.search(text)
    if match is None:
        return None, None
    groups = match.groups()
    start, end = _clock(groups[:4]), _clock(groups[4:])
    if start is None or end is None:
        return None, None
    return start, end


def _clock(parts: tuple[str | None, ...]) -> str | None:
    hour, minute, half, colon_minute = parts
    if hour is None:  # the pattern always has the hour
        return None
    minutes = int(minute or colon_minute or (30 if half else 0))
    if int(hour) > 24 or minutes > 59:
        return None
    return f"{int(hour)}:{minutes:02d}"


def format_recurrence(recurrence: Recurrence, language: str) -> str:
    """「毎週木曜 15:00〜19:00」 / "Every Thu 15:00–19:00"."""
    if language == "en":
        names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        days = "/".join(names[d] for d in recurrence.weekdays)
        ordinal = {1: "1st", 2: "2nd", 3: "3rd"}.get(recurrence.nth or 0, f"{recurrence.nth}th")
        text = {"weekly": f"Every {days}", "monthly": f"{ordinal} {days} of the month", "daily": "Every day"}[recurrence.kind]
        separator = "–"
    else:
        days = "・".join(_WEEKDAYS_JA[d] for d in recurrence.weekdays)
        text = {"weekly": f"毎週{days}曜", "monthly": f"毎月第{recurrence.nth}{days}曜", "daily": "毎日"}[recurrence.kind]
        separator = "〜"
    if recurrence.start:
        text += f" {recurrence.start}{separator}{recurrence.end}"
    return text


def short_commitment(commitment: str, limit: int = 24) -> str:
    """The first clause of a commitment, for a card: 「週2時間×3か月（月1回の定例あり）」 -> 「週2時間×3か月」."""
    head = re.split(r"[（(、,。;；]", commitment, maxsplit=1)[0].strip() or commitment.strip()
    return head if len(head) <= limit else head[: limit - 1] + "…"
