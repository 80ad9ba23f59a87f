"""The facts a visitor decides on, in the short form cards and the top of a program page show them:
cost (無料 / ¥…), days left before a deadline, the address written once, a map link, this weekend.

Pure functions of the model and the build date; wording lives in the message catalog.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass

from catalog.content.model import Location, Program

DAYS_LEFT_SHOWN = 14  # 「あと N 日」 from two weeks before a deadline

_YEN = re.compile(r"(?:¥|￥)\s*(\d[\d,]*)|(\d[\d,]*(?:\.\d+)?)\s*(万)?\s*円|(\d[\d,]*)\s*yen\b", re.IGNORECASE)
_FREE = re.compile(r"無料|\bfree\b|\bno charge\b", re.IGNORECASE)
_NOTE = re.compile(r"[（(][^）)]*[）)]")  # parenthetical notes: 「（詳細は参加者にお知らせします）」


@dataclass(frozen=True)
class Cost:
    """What a participant pays, as far as the owner's text says: free, an amount or a range, else None."""

    low: int  # yen; 0 when the text says free
    high: int


def read_cost(cost: str | None) -> Cost | None:
    """「無料（交通費は各自負担）」 -> free; 「参加費500円（保険料）」 -> ¥500; 「会場は2,000円、オンラインは無料」 -> ¥0-2,000.

    Notes in parentheses are left out: 「無料（宿泊は1泊1,000円）」 is free to take part.
    """
    if not cost:
        return None
    text = _NOTE.sub("", unicodedata.normalize("NFKC", cost))
    amounts = []
    for match in _YEN.finditer(text):
        plain, number, man, english = match.groups()
        digits = (plain or number or english).replace(",", "")
        value = float(digits) * (10000 if man else 1)
        amounts.append(int(value))
    if _FREE.search(text) or text.strip() in ("0", "0円"):
        amounts.append(0)
    if not amounts:
        return None
    return Cost(min(amounts), max(amounts))


def days_left(program: Program, today: dt.date) -> int | None:
    """Days until the deadline when it is at most DAYS_LEFT_SHOWN away and the program still takes sign-ups."""
    if program.deadline is None or not program.state.accepts_signups:
        return None
    days = (program.deadline - today).days
    return days if 0 <= days <= DAYS_LEFT_SHOWN else None


def full_address(location: Location) -> str:
    """Prefecture, municipality and address written once, Japanese style (no spaces): owners often
    write the whole address in `address` (「石川県輪島市河井町」) and the prefecture and city again."""
    address = (location.address or "").strip()
    prefecture, municipality = location.prefecture, (location.municipality or "").strip()
    if address.startswith(prefecture):
        return address
    if municipality and address.startswith(municipality):
        return prefecture + address
    return prefecture + municipality + address


def map_url(location: Location) -> str:
    """A search for the place on a map: an ordinary external link (no embedded map, no script).
    Notes in parentheses are left out of the query; the venue helps when there is no street address."""
    query = _NOTE.sub("", full_address(location)).strip()
    if location.venue and not location.address:
        query += " " + _NOTE.sub("", location.venue).strip()
    return "https://www.google.com/maps/search/?api=1&query=" + urllib.parse.quote(query, safe="")


def this_weekend(today: dt.date) -> tuple[dt.date, dt.date]:
    """The coming Saturday and Sunday; on a Sunday, that Sunday."""
    if today.weekday() == 6:
        return today, today
    saturday = today + dt.timedelta(days=5 - today.weekday())
    return saturday, saturday + dt.timedelta(days=1)


def happens_between(program: Program, first: dt.date, last: dt.date) -> bool:
    return any(when.first_day <= last and when.last_day >= first for when in program.dates)
