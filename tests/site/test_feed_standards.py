"""Every feed and calendar of the built sample catalog, against its standard: RFC 4287 (Atom) and RFC 5545/7986.

The checks are written out from the RFCs' rules, not taken from the templates, and every file is also
read by the parsers subscribers use (feedparser, icalendar).
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
import xml.etree.ElementTree as ET

import feedparser
import icalendar
import pytest

from conftest import REPO, build

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
TAG_URI = re.compile(r"tag:[A-Za-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:\S+")  # RFC 4151: authority, date, specific


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "site"
    result = build(REPO, "--out", str(out), "--no-search")
    assert result.code == 0, result.err
    return out


def _absolute_iri(value: str) -> bool:
    scheme, _, rest = value.partition(":")
    if not SCHEME.fullmatch(scheme) or not rest or any(c.isspace() for c in value):
        return False
    if scheme == "tag":
        return TAG_URI.fullmatch(value) is not None
    parts = urllib.parse.urlsplit(value)
    return bool(parts.netloc) if scheme in ("http", "https") else True


def _date_problem(element: ET.Element | None, where: str) -> list[str]:
    if element is None or element.text is None:
        return [f"{where}: missing"]
    if not RFC3339.fullmatch(element.text):
        return [f"{where}: {element.text!r} is not an RFC 3339 date-time"]
    try:
        dt.datetime.fromisoformat(element.text.replace("Z", "+00:00"))
    except ValueError:
        return [f"{where}: {element.text!r} is not a real date"]
    return []


def _one(parent: ET.Element, name: str, where: str, required: bool = True) -> list[str]:
    count = len(parent.findall(ATOM + name))
    if count > 1 or (required and count == 0):
        return [f"{where}: {count} atom:{name} elements, {'exactly' if required else 'at most'} one allowed"]
    return []


def _links(parent: ET.Element, where: str) -> list[str]:
    problems = []
    alternates = {}
    for link in parent.findall(ATOM + "link"):
        href = link.get("href")
        if not href or not _absolute_iri(href):
            problems.append(f"{where}: link href {href!r} is not an absolute IRI")
        if link.get("rel", "alternate") == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            alternates[key] = alternates.get(key, 0) + 1
    problems += [f"{where}: {count} alternate links of type {key[0]}" for key, count in alternates.items() if count > 1]
    return problems


def rfc4287_problems(data: bytes) -> list[str]:
    """What in an Atom document breaks RFC 4287's rules (sections 4.1.1 and 4.1.2), and our own: absolute links."""
    root = ET.fromstring(data)
    if root.tag != ATOM + "feed":
        return [f"the root is {root.tag}, not atom:feed"]
    problems = []
    for name in ("id", "title", "updated"):
        problems += _one(root, name, "feed")
    for name in ("subtitle", "icon", "logo", "rights", "generator"):
        problems += _one(root, name, "feed", required=False)
    feed_id = root.find(ATOM + "id")
    if feed_id is not None and not _absolute_iri(feed_id.text or ""):
        problems.append(f"feed: id {feed_id.text!r} is not an absolute IRI")
    problems += _date_problem(root.find(ATOM + "updated"), "feed updated")
    problems += _links(root, "feed")
    if not any(link.get("rel") == "self" for link in root.findall(ATOM + "link")):
        problems.append("feed: no rel=self link")
    feed_has_author = root.find(ATOM + "author") is not None
    ids = []
    for number, entry in enumerate(root.findall(ATOM + "entry"), start=1):
        where = f"entry {number}"
        for name in ("id", "title", "updated"):
            problems += _one(entry, name, where)
        for name in ("published", "summary", "content", "rights", "source"):
            problems += _one(entry, name, where, required=False)
        entry_id = entry.findtext(ATOM + "id") or ""
        ids.append(entry_id)
        if not _absolute_iri(entry_id):
            problems.append(f"{where}: id {entry_id!r} is not an absolute IRI")
        problems += _date_problem(entry.find(ATOM + "updated"), f"{where} updated")
        if entry.find(ATOM + "published") is not None:
            problems += _date_problem(entry.find(ATOM + "published"), f"{where} published")
        problems += _links(entry, where)
        alternates = [link for link in entry.findall(ATOM + "link") if link.get("rel", "alternate") == "alternate"]
        if len(alternates) != 1:
            problems.append(f"{where}: {len(alternates)} alternate links, one wanted")
        if not feed_has_author and entry.find(ATOM + "author") is None:
            problems.append(f"{where}: no author, and the feed has none")
        for author in entry.findall(ATOM + "author") + root.findall(ATOM + "author"):
            problems += _one(author, "name", f"{where} author")
        for category in entry.findall(ATOM + "category"):
            if not category.get("term"):
                problems.append(f"{where}: a category without a term")
        if entry.find(ATOM + "content") is None and entry.find(ATOM + "summary") is None:
            problems.append(f"{where}: neither content nor summary")
    problems += [f"entry id {i!r} appears {ids.count(i)} times" for i in sorted(set(ids)) if ids.count(i) > 1]
    return problems


def test_every_feed_of_the_sample_follows_rfc_4287_and_parses_cleanly(sample_site):
    feeds = sorted(sample_site.rglob("feed.xml"))
    assert len(feeds) > 20  # the whole catalog, and per owner, category and prefecture
    ids = set()
    for path in feeds:
        data = path.read_bytes()
        where = path.relative_to(sample_site).as_posix()
        assert rfc4287_problems(data) == [], where
        parsed = feedparser.parse(data)
        assert not parsed.bozo, f"{where}: {parsed.bozo_exception}"
        assert parsed.feed.id == f"tag:example.github.io,2026:catalog/{where}"
        ids.add(parsed.feed.id)
    assert len(ids) == len(feeds)


@pytest.mark.parametrize("mistake, expected", [
    ("<id>tag:example.github.io,2026:catalog/feed.xml</id>", "feed: 0 atom:id elements, exactly one allowed"),
    ("tag:example.github.io,2026:catalog/feed.xml", "feed: id 'categories/x/' is not an absolute IRI"),
    ("<updated>2026-11-21T00:00:00+09:00</updated>", "feed: 0 atom:updated elements, exactly one allowed"),
    ("2026-11-21T00:00:00+09:00", "feed updated: '2026-11-21 00:00' is not an RFC 3339 date-time"),
])
def test_the_rfc_check_finds_each_kind_of_mistake(mistake, expected):
    good = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:example.github.io,2026:catalog/feed.xml</id><title>t</title>
<link rel="self" href="https://example.github.io/catalog/feed.xml"/><updated>2026-11-21T00:00:00+09:00</updated>
<author><name>a</name></author>
<entry><id>tag:example.github.io,2026-11-01:programs/x</id><title>x</title><summary>s</summary>
<link rel="alternate" type="text/html" href="https://example.github.io/catalog/programs/x/"/>
<updated>2026-11-01T00:00:00+09:00</updated></entry></feed>"""
    assert rfc4287_problems(good.encode()) == []
    replacement = {"<id>tag:example.github.io,2026:catalog/feed.xml</id>": "", "<updated>2026-11-21T00:00:00+09:00</updated>": "",
                   "tag:example.github.io,2026:catalog/feed.xml": "categories/x/",
                   "2026-11-21T00:00:00+09:00": "2026-11-21 00:00"}[mistake]
    assert expected in rfc4287_problems(good.replace(mistake, replacement, 1).encode())


def test_an_entry_with_two_alternate_links_is_reported():
    entry = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>tag:a.example,2026:f</id><title>t</title>
<link rel="self" href="https://a.example/f"/><updated>2026-11-21T00:00:00Z</updated><author><name>a</name></author>
<entry><id>tag:a.example,2026:e</id><title>x</title><summary>s</summary><updated>2026-11-21T00:00:00Z</updated>
<link href="https://a.example/1"/><link rel="alternate" href="https://a.example/2"/></entry></feed>"""
    problems = rfc4287_problems(entry.encode())
    assert "entry 1: 2 alternate links, one wanted" in problems


def test_every_calendar_of_the_sample_parses_and_says_its_name_and_how_often_to_refresh(sample_site):
    calendars = sorted(sample_site.rglob("calendar.ics"))
    assert len(calendars) > 10
    for path in calendars:
        where = path.relative_to(sample_site).as_posix()
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"], where
        assert str(calendar["X-WR-CALNAME"]), where
        assert calendar["REFRESH-INTERVAL"].dt == dt.timedelta(days=1), where
        assert str(calendar["X-PUBLISHED-TTL"]) == "P1D", where
        assert b"REFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in path.read_bytes()
        for event in calendar.walk("VEVENT"):  # RFC 5545 3.6.1: UID and DTSTAMP required, DTSTART here
            assert event.get("UID") and event.get("DTSTAMP") and event.get("DTSTART"), (where, event.get("UID"))
