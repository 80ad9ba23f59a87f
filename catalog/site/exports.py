"""Machine-readable outputs: open data (JSON, CSV, the JSON schema), JSON-LD, sitemap, robots.txt, QR codes.

Pure functions from the model to bytes; site/routes.py decides where they go. Every
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

from catalog.site import qr
from catalog.content.fields import PROGRAM_FIELDS
from catalog.content.model import Catalog, Owner, Program, State
from catalog.site.fragments import Fragments

# Derived columns first, then each contract field's own (content/fields.py).
CSV_COLUMNS = ["id", "url", "state", *(column for field in PROGRAM_FIELDS for column in field.csv)]


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


def programs_json(catalog: Catalog, fragments: Fragments | None = None) -> bytes:
    """One program per line: json's C encoder (indent= makes it fall back to Python), a file that diffs
    line by line, and lines a rebuild can reuse (Fragments.json_lines)."""
    fragments = Fragments() if fragments is None else fragments
    head = json.dumps({"$schema": f"{catalog.config.base_url}programs.schema.json", "catalog": catalog.config.title,
                       "build_date": catalog.today.isoformat()}, ensure_ascii=False)
    lines = []
    for program in sorted(catalog.programs, key=lambda p: p.id):
        key = (program.id, program.digest, catalog.owners_by_id[program.owner].digest)
        line = fragments.json_lines.get(key)
        if line is None:
            line = fragments.json_lines[key] = json.dumps(_record(catalog, program, key, fragments), ensure_ascii=False)
        lines.append(line)
    return (head[:-1] + ', "programs": [\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


def owners_json(catalog: Catalog) -> bytes:
    return _json({"catalog": catalog.config.title, "owners": [owner_record(catalog, o) for o in catalog.owners]})


def programs_csv(catalog: Catalog, fragments: Fragments | None = None) -> bytes:
    """UTF-8 with a byte-order mark: Excel in Japan then opens it as UTF-8, not Shift_JIS."""
    fragments = Fragments() if fragments is None else fragments
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    rows = [buffer.getvalue()]
    for program in sorted(catalog.programs, key=lambda p: p.id):
        key = (program.id, program.digest, catalog.owners_by_id[program.owner].digest)
        row = fragments.csv_rows.get(key)
        if row is None:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(_csv_values(catalog, program, _record(catalog, program, key, fragments)))
            row = fragments.csv_rows[key] = buffer.getvalue()
        rows.append(row)
    return ("\ufeff" + "".join(rows)).encode("utf-8")


def _record(catalog: Catalog, program: Program, key: tuple[str, str, str], fragments: Fragments) -> dict:
    """program_record, made once for programs.json and programs.csv (taken by whichever comes second)."""
    record = fragments.records.pop(key, None)
    if record is None:
        record = fragments.records[key] = program_record(catalog, program)
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
    return [csv_cell("; ".join(v) if isinstance(v, list) else ("" if v is None else v)) for v in (row[column] for column in CSV_COLUMNS)]


# A spreadsheet reads a cell that starts with one of these as a formula (=HYPERLINK(...), +cmd|...,
# @SUM(...)), or, after a tab or carriage return, finds one there: OWASP's rule is a leading quote.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A value as a CSV cell that no spreadsheet runs: text that would start a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _program_schema() -> dict:
    """A program of programs.json: the derived id, URL and state, each contract field's property
    (content/fields.py), and the description."""
    properties = {
        "id": {"type": "string", "pattern": "^[a-z0-9-]{3,64}$", "description": "permanent; the page is programs/ID/"},
        "url": {"type": "string", "format": "uri", "description": "the program's page"},
        "state": {"enum": [state.value for state in State], "description": "derived from status, deadline, dates and the build date"},
        **{field.name: field.json for field in PROGRAM_FIELDS if field.json is not None},
        "description": {"type": "string", "description": "the Markdown body"},
    }
    return {"type": "object", "additionalProperties": False, "required": list(properties), "properties": properties}


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
        "program": _program_schema(),
    },
}


def programs_schema() -> bytes:
    return _json(PROGRAMS_SCHEMA)


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


def has_robots(catalog: Catalog) -> bool:
    """Only where the site is the host's root: robots.txt is read from there alone."""
    return catalog.config.base_path == "/"


def robots(catalog: Catalog) -> bytes:
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
    row's last dark module, back to the start of the next row. One str.translate per row, in C, where
    a path of runs with relative moves (as segno writes it) needs a Python loop per module, for a
    slightly shorter path (docs/performance.md)."""
    parts = [f"M{QR_BORDER} {QR_BORDER}.5"]
    for row in rows:
        dark = row.rstrip("0")
        parts.append(dark.translate(_MODULE_STROKES))
        parts.append(f"m-{len(dark)} 1")
    return "".join(parts)
