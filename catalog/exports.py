"""Machine-readable outputs: open data (JSON, CSV), iCalendar, JSON-LD, sitemap, robots.txt, QR codes.

Pure functions from the model to bytes; render.py decides where they go. Every
value comes from the content, never from the clock, so rebuilds of unchanged
content give unchanged files.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import urllib.parse

from . import qr
from .model import Catalog, Owner, Program, State

CSV_COLUMNS = [
    "id", "url", "state", "title", "owner", "owner_name", "summary", "type", "categories", "skills", "format",
    "prefecture", "municipality", "venue", "address", "dates", "deadline", "signup_url", "signup_label", "status",
    "capacity", "commitment", "cost", "provided", "audience", "min_age", "languages", "accessibility", "access",
    "image", "posted", "updated",
]


def _iso(value) -> str | None:
    if value is None:
        return None
    return value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, dt.datetime) else value.isoformat()


def program_url(catalog: Catalog, program: Program) -> str:
    return f"{catalog.config.base_url}programs/{program.id}/"


def program_record(catalog: Catalog, program: Program) -> dict:
    """Every contract field of a built program, its derived state and its URLs (the open-data form)."""
    location = program.location
    return {
        "id": program.id,
        "url": program_url(catalog, program),
        "state": program.state.value,
        "title": program.title,
        "owner": program.owner,
        "summary": program.summary,
        "type": program.type,
        "categories": list(program.categories),
        "skills": list(program.skills),
        "format": program.format,
        "location": None if location is None else {
            "prefecture": location.prefecture, "municipality": location.municipality,
            "venue": location.venue, "address": location.address,
        },
        "dates": [{"start": _iso(d.start), "end": _iso(d.end)} for d in program.dates],
        "deadline": _iso(program.deadline),
        "signup_url": program.signup_url,
        "signup_label": program.signup_label,
        "status": program.status,
        "capacity": program.capacity,
        "commitment": program.commitment,
        "cost": program.cost,
        "provided": list(program.provided),
        "audience": program.audience,
        "min_age": program.min_age,
        "languages": list(program.languages),
        "accessibility": program.accessibility,
        "access": program.access,
        "image": None if program.image is None else f"{program_url(catalog, program)}{urllib.parse.quote(program.image.name)}",
        "image_alt": None if program.image is None else program.image.alt,
        "posted": _iso(program.posted),
        "updated": _iso(program.updated),
        "description": program.body,
    }


def owner_record(catalog: Catalog, owner: Owner) -> dict:
    return {
        "id": owner.id,
        "url": f"{catalog.config.base_url}owners/{owner.id}/",
        "name": owner.name,
        "name_kana": owner.name_kana,
        "kind": owner.kind,
        "prefecture": owner.prefecture,
        "municipality": owner.municipality,
        "website": owner.website,
        "contact_email": owner.contact_email,
        "corporate_number": owner.corporate_number,
        "logo": None if owner.logo is None else f"{catalog.config.base_url}owners/{owner.id}/{urllib.parse.quote(owner.logo.name)}",
        "logo_alt": None if owner.logo is None else owner.logo.alt,
        "maintainers": list(owner.maintainers),
        "programs": [p.id for p in catalog.programs_of(owner.id)],
        "introduction": owner.body,
    }


def _json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def programs_json(catalog: Catalog, memo: dict | None = None) -> bytes:
    """One program per line: json's C encoder (indent= makes it fall back to Python, 2 s for 10,000
    programs), a file that diffs line by line, and lines a rebuild can reuse (`memo`, see render.Fragments)."""
    memo = {} if memo is None else memo
    head = json.dumps({"$schema": f"{catalog.config.base_url}programs.schema.json", "catalog": catalog.config.title,
                       "build_date": catalog.today.isoformat()}, ensure_ascii=False)
    lines = []
    for program in sorted(catalog.programs, key=lambda p: p.id):
        key = ("json", program.id, program.digest, catalog.owners_by_id[program.owner].digest)
        line = memo.get(key)
        if line is None:
            line = memo[key] = json.dumps(_record(catalog, program, memo), ensure_ascii=False)
        lines.append(line)
    return (head[:-1] + ', "programs": [\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


def owners_json(catalog: Catalog) -> bytes:
    return _json({"catalog": catalog.config.title, "owners": [owner_record(catalog, o) for o in catalog.owners]})


def programs_csv(catalog: Catalog, memo: dict | None = None) -> bytes:
    """UTF-8 with a byte-order mark: Excel in Japan then opens it as UTF-8, not Shift_JIS."""
    memo = {} if memo is None else memo
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    rows = [buffer.getvalue()]
    for program in sorted(catalog.programs, key=lambda p: p.id):
        key = ("csv", program.id, program.digest, catalog.owners_by_id[program.owner].digest)
        row = memo.get(key)
        if row is None:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(_csv_values(catalog, program, _record(catalog, program, memo)))
            row = memo[key] = buffer.getvalue()
        rows.append(row)
    return ("\ufeff" + "".join(rows)).encode("utf-8")


def _record(catalog: Catalog, program: Program, memo: dict) -> dict:
    """program_record, made once for programs.json and programs.csv (popped by whichever comes second)."""
    key = ("record", program.id, program.digest, catalog.owners_by_id[program.owner].digest)
    record = memo.pop(key, None)
    if record is None:
        record = memo[key] = program_record(catalog, program)
    return record


def _csv_values(catalog: Catalog, program: Program, record: dict) -> list:
    location = record["location"] or {}
    row = {
        **record,
        "owner_name": catalog.owners_by_id[program.owner].name,
        "prefecture": location.get("prefecture"), "municipality": location.get("municipality"),
        "venue": location.get("venue"), "address": location.get("address"),
        "dates": "; ".join(d["start"] + (f"/{d['end']}" if d["end"] else "") for d in record["dates"]),
    }
    return ["; ".join(v) if isinstance(v, list) else ("" if v is None else v) for v in (row[column] for column in CSV_COLUMNS)]


PROGRAMS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "programs.json",
    "description": "Every built program of the catalog, with the fields of the content contract, its state on the build date and its URLs.",
    "type": "object",
    "required": ["catalog", "build_date", "programs"],
    "properties": {
        "$schema": {"type": "string"},
        "catalog": {"type": "string", "description": "the catalog's title"},
        "build_date": {"type": "string", "format": "date", "description": "the date states were derived for"},
        "programs": {"type": "array", "items": {"$ref": "#/$defs/program"}},
    },
    "$defs": {
        "text": {"type": ["string", "null"]},
        "date": {"type": ["string", "null"], "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
        "dateOrDateTime": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2})?$",
                           "description": "a date, or a local date-time in the catalog's time zone"},
        "program": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "url", "state", "title", "owner", "summary", "type", "categories", "skills", "format",
                         "location", "dates", "deadline", "signup_url", "signup_label", "status", "capacity", "commitment",
                         "cost", "provided", "audience", "min_age", "languages", "accessibility", "access", "image",
                         "image_alt", "posted", "updated", "description"],
            "properties": {
                "id": {"type": "string", "pattern": "^[a-z0-9-]{3,64}$", "description": "permanent; the page is programs/ID/"},
                "url": {"type": "string", "format": "uri", "description": "the program's page"},
                "state": {"enum": ["open", "closing-soon", "full", "closed"], "description": "derived from status, deadline, dates and the build date"},
                "title": {"type": "string", "maxLength": 80},
                "owner": {"type": "string", "description": "an id in owners.json"},
                "summary": {"type": "string", "maxLength": 140},
                "type": {"type": "string", "description": "a types id of the catalog"},
                "categories": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 5},
                "skills": {"type": "array", "items": {"type": "string"}},
                "format": {"enum": ["onsite", "online", "hybrid"]},
                "location": {"oneOf": [{"type": "null"}, {
                    "type": "object", "additionalProperties": False, "required": ["prefecture", "municipality", "venue", "address"],
                    "properties": {"prefecture": {"type": "string"}, "municipality": {"$ref": "#/$defs/text"},
                                   "venue": {"$ref": "#/$defs/text"}, "address": {"$ref": "#/$defs/text"}}}]},
                "dates": {"type": "array", "description": "empty: ongoing", "items": {
                    "type": "object", "additionalProperties": False, "required": ["start", "end"],
                    "properties": {"start": {"$ref": "#/$defs/dateOrDateTime"},
                                   "end": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/dateOrDateTime"}]}}}},
                "deadline": {"$ref": "#/$defs/date", "description": "last day to apply"},
                "signup_url": {"type": "string", "pattern": "^https://"},
                "signup_label": {"$ref": "#/$defs/text"},
                "status": {"enum": ["open", "full", "closed", "cancelled"], "description": "as the owner set it"},
                "capacity": {"type": ["integer", "null"], "minimum": 1},
                "commitment": {"$ref": "#/$defs/text"},
                "cost": {"$ref": "#/$defs/text"},
                "provided": {"type": "array", "items": {"type": "string"}},
                "audience": {"$ref": "#/$defs/text"},
                "min_age": {"type": ["integer", "null"], "minimum": 0},
                "languages": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                "accessibility": {"$ref": "#/$defs/text"},
                "access": {"$ref": "#/$defs/text"},
                "image": {"type": ["string", "null"], "description": "absolute URL of the image"},
                "image_alt": {"$ref": "#/$defs/text"},
                "posted": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
                "updated": {"$ref": "#/$defs/date"},
                "description": {"type": "string", "description": "the Markdown body"},
            },
        },
    },
}


def programs_schema() -> bytes:
    return _json(PROGRAMS_SCHEMA)


# ------------------------------------------------------------------ iCalendar


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545: lines of at most 75 octets, continued with a space, never splitting a UTF-8 character."""
    if len(line.encode("utf-8")) <= 75:
        return line
    out, start, size = [], 0, 0
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


def calendar(catalog: Catalog, programs: list[Program], name: str, memo: dict | None = None) -> bytes:
    """One event per date range, plus one all-day event on each application deadline.

    A program's events are the same in every calendar it is in: `memo` (see render.Fragments) keeps them.
    """
    memo = {} if memo is None else memo
    config = catalog.config
    host = urllib.parse.urlsplit(config.base_url).hostname
    tz = config.timezone
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//chiiki-catalog//programs//JA", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_ics_text(name)}", f"X-WR-TIMEZONE:{tz}"]
    if any(isinstance(d.start, dt.datetime) or isinstance(d.end, dt.datetime) for p in programs for d in p.dates):
        lines += _vtimezone(tz)
    head = "\r\n".join(_fold(line) for line in lines) + "\r\n"
    events = []
    for program in sorted(programs, key=lambda p: p.id):
        key = ("ics", program.id, program.listing_digest)
        text = memo.get(key)
        if text is None:
            text = memo[key] = "".join(_fold(line) + "\r\n" for line in _events(catalog, program, host, tz))
        events.append(text)
    return (head + "".join(events) + "END:VCALENDAR\r\n").encode("utf-8")


def _events(catalog: Catalog, program: Program, host: str | None, tz: str) -> list[str]:
    lines: list[str] = []
    url = program_url(catalog, program)
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
    offset = dt.datetime(2026, 1, 1, tzinfo=__import__("zoneinfo").ZoneInfo(tz)).utcoffset()
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


# ------------------------------------------------------------------ JSON-LD


def _script_json(value: dict) -> str:
    """JSON for a <script type="application/ld+json">: nothing in it can close the element or start markup."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _address(location) -> dict:
    address = {"@type": "PostalAddress", "addressCountry": "JP", "addressRegion": location.prefecture}
    if location.municipality:
        address["addressLocality"] = location.municipality
    if location.address:
        address["streetAddress"] = location.address
    return address


def json_ld(catalog: Catalog, program: Program, owner: Owner, image_url: str | None) -> str:
    """schema.org Event for dated programs, a volunteer JobPosting for ongoing roles; only values that are true."""
    url = program_url(catalog, program)
    organizer = {"@type": "Organization", "name": owner.name, "url": f"{catalog.config.base_url}owners/{owner.id}/"}
    if owner.website:
        organizer["sameAs"] = owner.website
    physical = None
    if program.location is not None:
        physical = {"@type": "Place", "name": program.location.venue or program.location.municipality or program.location.prefecture,
                    "address": _address(program.location)}
    virtual = {"@type": "VirtualLocation", "url": program.signup_url}
    data: dict
    if program.dates:
        mode = {"onsite": "Offline", "online": "Online", "hybrid": "Mixed"}[program.format]
        first, last = program.dates[0], program.dates[-1]
        data = {
            "@context": "https://schema.org", "@type": "Event", "name": program.title, "description": program.summary,
            "url": url, "startDate": _iso(first.start), "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
            "eventStatus": "https://schema.org/EventCancelled" if program.status == "cancelled" else "https://schema.org/EventScheduled",
            "organizer": organizer,
            "location": [x for x in (physical, virtual if program.format != "onsite" else None) if x],
        }
        if last.end is not None or len(program.dates) > 1:
            data["endDate"] = _iso(last.end or last.start)
        offer = {"@type": "Offer", "url": program.signup_url,
                 "availability": "https://schema.org/" + {State.OPEN: "InStock", State.CLOSING_SOON: "LimitedAvailability",
                                                          State.FULL: "SoldOut", State.CLOSED: "Discontinued"}[program.state]}
        if program.deadline is not None:
            offer["validThrough"] = program.deadline.isoformat()
        data["offers"] = offer
    else:
        data = {
            "@context": "https://schema.org", "@type": "JobPosting", "title": program.title, "description": program.summary,
            "url": url, "datePosted": program.posted.isoformat(), "employmentType": "VOLUNTEER",
            "hiringOrganization": organizer, "directApply": False,
        }
        if physical is not None:
            data["jobLocation"] = physical
        if program.format in ("online", "hybrid"):
            data["jobLocationType"] = "TELECOMMUTE"
            data["applicantLocationRequirements"] = {"@type": "Country", "name": "JP"}
        if program.deadline is not None:
            data["validThrough"] = program.deadline.isoformat()
    if image_url:
        data["image"] = image_url
    return _script_json(data)


# ------------------------------------------------------------------ sitemap, robots, QR


def sitemap(catalog: Catalog, urls: list[tuple[str, dt.date | None]]) -> bytes:
    """Absolute URLs; lastmod only where the content says when it changed (programs)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, lastmod in urls:
        escaped = url.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines.append(f"<url><loc>{catalog.config.base_url}{escaped}</loc>" + (f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else "") + "</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(catalog: Catalog) -> bytes | None:
    """Only where the site is the host's root: robots.txt is read from there alone."""
    if catalog.config.base_path != "/":
        return None
    return f"User-agent: *\nAllow: /\n\nSitemap: {catalog.config.base_url}sitemap.xml\n".encode("utf-8")


def qr_svg(url: str, title: str) -> str:
    """The sign-up URL as an SVG QR code (made here: no external service sees the URL)."""
    rows = qr.qr_rows(url)
    size = (len(rows) + 2 * QR_BORDER) * QR_SCALE
    # The viewBox lets the flyer's style draw it at any size (62 mm: scannable from a metre).
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" class="qr">'
            f'<title>{html.escape(title, quote=False)}</title>'
            f'<path transform="scale({QR_SCALE})" stroke="#000" d="{_qr_path(rows)}"/></svg>\n')


QR_SCALE, QR_BORDER = 4, 4
_MODULE_STROKES = str.maketrans({"1": "h1", "0": "m1 0"})


def _qr_path(rows: list[str]) -> str:
    """Each row as strokes: a dark module draws one unit (h1), a light one moves on (m1 0); after the
    row's last dark module, back to the start of the next row. One str.translate per row, in C: the
    path of runs with relative moves (as segno writes it) took 0.16 ms a code in Python, 1.6 s of a
    full build of 10,000 programs, for 1.5 KB less."""
    parts = [f"M{QR_BORDER} {QR_BORDER}.5"]
    for row in rows:
        dark = row.rstrip("0")
        parts.append(dark.translate(_MODULE_STROKES))
        parts.append(f"m-{len(dark)} 1")
    return "".join(parts)
