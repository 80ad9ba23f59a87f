"""Feeds, calendars, open data, structured data, sitemap: parsed by real parsers and compared with the model."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zoneinfo

import feedparser
import icalendar
import jsonschema
import pytest

from catalog.content.model import State
from catalog.content.read import read_catalog as load

from conftest import REPO, build

GOLDEN = REPO / "tests" / "golden"
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports") / "site"
    assert build(GOLDEN, "--out", str(out)).code == 0
    return out, load(GOLDEN, "2026-11-21").catalog


def test_atom_feeds_list_open_programs_newest_first_with_stable_ids(built):
    site, catalog = built
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    listed = [p for p in catalog.programs if p.state is not State.CLOSED]
    assert [e.link for e in feed.entries] == [f"https://example.org/sub/catalog/programs/{p.id}/" for p in listed]
    assert [e.id for e in feed.entries][0] == "tag:example.org,2026-11-01:programs/zoom-lesson"
    timber = next(e for e in feed.entries if e.link.endswith("/timber-sorting/"))
    assert timber.updated == "2026-11-01T00:00:00+09:00" and timber.published == "2026-10-01T00:00:00+09:00"
    assert feed.feed.updated == "2026-11-01T00:00:00+09:00"  # from the content, not the build time
    owner = feedparser.parse((site / "owners" / "noto-wood" / "feed.xml").read_bytes())
    assert {e.link.rsplit("/", 2)[1] for e in owner.entries} == {"timber-sorting", "translation-online"}
    category = feedparser.parse((site / "categories" / "children" / "feed.xml").read_bytes())
    assert {e.link.rsplit("/", 2)[1] for e in category.entries} == {"zoom-lesson", "full-event"}
    prefecture = feedparser.parse((site / "prefectures" / "ishikawa" / "feed.xml").read_bytes())
    assert [e.link.rsplit("/", 2)[1] for e in prefecture.entries] == ["timber-sorting"]  # past-cleanup is closed
    page = (site / "prefectures" / "ishikawa" / "index.html").read_text()
    assert '<link rel="alternate" type="application/atom+xml" title="石川県の新着プログラム" href="../../prefectures/ishikawa/feed.xml">' in page
    assert '<a href="../../prefectures/ishikawa/feed.xml">フィード (Atom)</a>' in page


def test_calendars_have_one_event_per_date_range_and_deadline(built):
    site, catalog = built
    cal = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert sorted(events) == [
        "full-event-1@example.org", "timber-sorting-1@example.org", "timber-sorting-2@example.org",
        "timber-sorting-deadline@example.org", "zoom-lesson-1@example.org", "zoom-lesson-deadline@example.org"]
    timed = events["timber-sorting-1@example.org"]
    assert timed["DTSTART"].dt == dt.datetime(2026, 12, 5, 9, 0, tzinfo=TOKYO)
    assert timed["DTEND"].dt == dt.datetime(2026, 12, 5, 15, 0, tzinfo=TOKYO)
    all_day = events["timber-sorting-2@example.org"]
    assert all_day["DTSTART"].dt == dt.date(2026, 12, 12) and all_day["DTEND"].dt == dt.date(2026, 12, 13)
    assert events["timber-sorting-deadline@example.org"]["DTSTART"].dt == dt.date(2026, 12, 1)
    assert events["timber-sorting-1@example.org"]["DTSTAMP"].dt == dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
    description = str(timed["DESCRIPTION"])
    assert "https://example.org/sub/catalog/programs/timber-sorting/" in description
    assert "https://forms.example.org/apply?program=timber-sorting" in description
    assert str(timed["URL"]) == "https://example.org/sub/catalog/programs/timber-sorting/"
    raw = (site / "calendar.ics").read_bytes()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    own = icalendar.Calendar.from_ical((site / "programs" / "timber-sorting" / "calendar.ics").read_bytes())
    assert len(list(own.walk("VEVENT"))) == 3
    assert 'href="calendar.ics"' not in (site / "programs" / "translation-online" / "index.html").read_text()
    assert '<a href="../../programs/timber-sorting/calendar.ics">カレンダーに追加 (iCalendar)</a>' in (
        site / "programs" / "timber-sorting" / "index.html").read_text()


def test_open_data_matches_its_schema_and_the_model(built):
    site, catalog = built
    data = json.loads((site / "programs.json").read_text())
    jsonschema.validate(data, json.loads((site / "programs.schema.json").read_text()))
    by_id = {p["id"]: p for p in data["programs"]}
    assert sorted(by_id) == sorted(p.id for p in catalog.programs)  # every built program, closed ones too
    assert by_id["past-cleanup"]["state"] == "closed" and by_id["zoom-lesson"]["state"] == "closing-soon"
    assert by_id["timber-sorting"]["dates"] == [{"start": "2026-12-05T09:00", "end": "2026-12-05T15:00"},
                                                {"start": "2026-12-12", "end": None}]
    assert by_id["timber-sorting"]["signup_url"] == "https://forms.example.org/apply?program=timber-sorting"
    raw = (site / "programs.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == sorted(by_id)
    assert next(r for r in rows if r["id"] == "timber-sorting")["provided"] == "軍手; 昼食"
    owners = json.loads((site / "owners.json").read_text())["owners"]
    assert [o["id"] for o in owners] == ["kawasaki-council", "noto-wood"]


def _json_ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_structured_data_carries_only_true_values(built):
    site, _ = built
    event = _json_ld((site / "programs" / "timber-sorting" / "index.html").read_text())
    assert event["@type"] == "Event" and event["startDate"] == "2026-12-05T09:00" and event["endDate"] == "2026-12-12"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"][0]["address"] == {"@type": "PostalAddress", "addressCountry": "JP", "addressRegion": "石川県",
                                               "addressLocality": "輪島市", "streetAddress": "河井町1-1"}
    assert event["offers"] == {"@type": "Offer", "url": "https://forms.example.org/apply?program=timber-sorting",
                               "availability": "https://schema.org/InStock", "validThrough": "2026-12-01"}
    assert "price" not in json.dumps(event)  # cost is free text: no invented price
    role = _json_ld((site / "programs" / "translation-online" / "index.html").read_text())
    assert role["@type"] == "JobPosting" and role["employmentType"] == "VOLUNTEER"
    assert role["jobLocationType"] == "TELECOMMUTE" and "jobLocation" not in role and "validThrough" not in role
    cancelled = _json_ld((site / "programs" / "cancelled-talk" / "index.html").read_text())
    assert cancelled["@type"] == "JobPosting"


def test_share_cards_sitemap_and_robots(built, write_catalog):
    site, catalog = built
    page = (site / "programs" / "zoom-lesson" / "index.html").read_text()
    assert '<meta property="og:url" content="https://example.org/sub/catalog/programs/zoom-lesson/">' in page
    assert '<meta property="og:image" content="https://example.org/sub/catalog/assets/og-default.png">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    sitemap = (site / "sitemap.xml").read_text()
    assert "<url><loc>https://example.org/sub/catalog/programs/timber-sorting/</loc><lastmod>2026-11-01</lastmod></url>" in sitemap
    assert "<url><loc>https://example.org/sub/catalog/</loc></url>" in sitemap
    assert all(loc.startswith("https://example.org/sub/catalog/") for loc in re.findall(r"<loc>(.*?)</loc>", sitemap))
    assert not (site / "robots.txt").exists()  # not at the host's root: a robots.txt here would never be read
    root = write_catalog()
    assert build(root, "--no-search", "--base-url", "https://catalog.example.jp/").code == 0
    assert (root / "site" / "robots.txt").read_text() == "User-agent: *\nAllow: /\n\nSitemap: https://catalog.example.jp/sitemap.xml\n"
