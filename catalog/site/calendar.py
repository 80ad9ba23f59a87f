"""iCalendar files (RFC 5545): a program's dates and its deadline as events, for one program or a list.

Every value comes from the content, never from the clock (DTSTAMP is the program's last change), so
rebuilds of unchanged content give unchanged files.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
import zoneinfo

from catalog.content.model import Catalog, Program


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545: lines of at most 75 octets, continued with a space, never splitting a UTF-8 character."""
    if len(line.encode("utf-8")) <= 75:
        return line
    out: list[str] = []
    start, size = 0, 0
    for index, char in enumerate(line):
        width = len(char.encode("utf-8"))
        if size + width > (75 if not out else 74):  # continuation lines start with a space
            out.append(line[start:index])
            start, size = index, 0
        size += width
    out.append(line[start:])
    return "\r\n ".join(out)


def _ics_when(value: dt.date | dt.datetime, name: str) -> str:
    if isinstance(value, dt.datetime):
        return f"{name};TZID={{tz}}:{value:%Y%m%dT%H%M%S}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def calendar(catalog: Catalog, programs: list[Program], name: str, events: dict[tuple[str, str], str] | None = None) -> bytes:
    """One event per date range, plus one all-day event on each application deadline.

    A program's events are the same in every calendar it is in: `events` (Fragments.events) keeps them.
    """
    events = {} if events is None else events
    config = catalog.config
    host = urllib.parse.urlsplit(config.base_url).hostname
    tz = config.timezone
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//chiiki-catalog//programs//JA", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_ics_text(name)}", f"X-WR-TIMEZONE:{tz}",
             # How often a subscribed calendar is fetched again: daily, as the nightly build closes
             # programs (RFC 7986, and the older name that Apple's and Microsoft's calendars read).
             "REFRESH-INTERVAL;VALUE=DURATION:P1D", "X-PUBLISHED-TTL:P1D"]
    if any(isinstance(d.start, dt.datetime) or isinstance(d.end, dt.datetime) for p in programs for d in p.dates):
        lines += _vtimezone(tz)
    head = "\r\n".join(_fold(line) for line in lines) + "\r\n"
    texts = []
    for program in sorted(programs, key=lambda p: p.id):
        key = (program.id, program.listing_digest)
        text = events.get(key)
        if text is None:
            text = events[key] = "".join(_fold(line) + "\r\n" for line in _events(catalog, program, host, tz))
        texts.append(text)
    return (head + "".join(texts) + "END:VCALENDAR\r\n").encode("utf-8")


def _events(catalog: Catalog, program: Program, host: str | None, tz: str) -> list[str]:
    lines: list[str] = []
    url = f"{catalog.config.base_url}programs/{program.id}/"
    stamp = f"DTSTAMP:{program.last_changed:%Y%m%d}T000000Z"  # the content's date: unchanged content, unchanged file
    place = _place(program)
    description = _ics_text(f"{program.summary}\n{url}\n申し込み / Sign up: {program.signup_url}")
    status = "CANCELLED" if program.status == "cancelled" else "CONFIRMED"
    for number, when in enumerate(program.dates, start=1):
        end = when.end
        if end is None:
            end = when.start + (dt.timedelta(days=1) if not isinstance(when.start, dt.datetime) else dt.timedelta(hours=1))
        elif not isinstance(end, dt.datetime):
            end = end + dt.timedelta(days=1)  # DTEND of an all-day event is exclusive
        start = when.start
        if isinstance(start, dt.datetime) != isinstance(end, dt.datetime):  # a date start with a time end, or back
            start = start if isinstance(start, dt.datetime) else dt.datetime(start.year, start.month, start.day)
            end = end if isinstance(end, dt.datetime) else dt.datetime(end.year, end.month, end.day)
        lines += ["BEGIN:VEVENT", f"UID:{program.id}-{number}@{host}", stamp,
                  _ics_when(start, "DTSTART").replace("{tz}", tz), _ics_when(end, "DTEND").replace("{tz}", tz),
                  f"SUMMARY:{_ics_text(program.title)}", f"DESCRIPTION:{description}", f"URL:{url}",
                  f"STATUS:{status}"]
        if place:
            lines.append(f"LOCATION:{_ics_text(place)}")
        lines.append("END:VEVENT")
    if program.deadline is not None:
        lines += ["BEGIN:VEVENT", f"UID:{program.id}-deadline@{host}", stamp,
                  f"DTSTART;VALUE=DATE:{program.deadline:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{program.deadline + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_ics_text('申し込み締切 / Deadline: ' + program.title)}",
                  f"DESCRIPTION:{description}", f"URL:{url}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def _vtimezone(tz: str) -> list[str]:
    """The zone's offset as a fixed STANDARD rule (no daylight saving in Japan; others get today's rule)."""
    offset = dt.datetime(2026, 1, 1, tzinfo=zoneinfo.ZoneInfo(tz)).utcoffset()
    if offset is None:  # an aware date-time always has one
        raise ValueError(f"no UTC offset for {tz}")
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    text = f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    return ["BEGIN:VTIMEZONE", f"TZID:{tz}", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            f"TZOFFSETFROM:{text}", f"TZOFFSETTO:{text}", "END:STANDARD", "END:VTIMEZONE"]


def _place(program: Program) -> str:
    if program.location is None:
        return ""
    location = program.location
    return " ".join(x for x in (location.venue, location.prefecture, location.municipality, location.address) if x)
