"""The facts at a glance (glance.py), the rhythm of a commitment (recurrence.py), resized pictures
(pictures.py), owners in Japanese order (ordering.py) and the name_kana rule."""

from __future__ import annotations

import datetime as dt
import io
import urllib.parse
from pathlib import Path

import pytest
from PIL import Image

from catalog.content.documents import load_document
from catalog.content.model import DateRange, Location, Owner, Program, State
from catalog.content.schema import validate_owner
from catalog.messages import Messages
from catalog.site import glance, ordering, pictures
from catalog.site.recurrence import format_recurrence, read_recurrence, short_commitment

JA, EN = Messages("ja"), Messages("en")


# ------------------------------------------------------------------ recurrence

@pytest.mark.parametrize("commitment, ja, en", [
    ("毎週木曜日の15時〜19時のうち、月1回から", "毎週木曜 15:00〜19:00", "Every Thu 15:00–19:00"),
    ("毎週火・金曜 10時半〜12時", "毎週火・金曜 10:30〜12:00", "Every Tue/Fri 10:30–12:00"),
    ("毎月第２土曜日 ９：３０〜１２：００", "毎月第2土曜 9:30〜12:00", "2nd Sat of the month 9:30–12:00"),
    ("毎週土曜日の午前中", "毎週土曜", "Every Sat"),
    ("毎日、朝6時から7時まで", "毎日 6:00〜7:00", "Every day 6:00–7:00"),
    ("Every Tuesday and every Thursday, 18:00-20:00", "毎週火・木曜 18:00〜20:00", "Every Tue/Thu 18:00–20:00"),
])
def test_a_regular_rhythm_is_read_from_the_commitment(commitment, ja, en):
    found = read_recurrence(commitment)
    assert (format_recurrence(found, "ja"), format_recurrence(found, "en")) == (ja, en)


@pytest.mark.parametrize("commitment", [
    None, "", "週2時間×3か月（現地での撮影は月1回程度）", "週1回以上、朝6時20分から30分程度", "月2回、1回1時間程度×1年",
    "About 10 hours in total, December 2026 to February 2027", "2泊3日",
])
def test_no_rhythm_is_guessed_where_the_text_gives_none(commitment):
    assert read_recurrence(commitment) is None


def test_a_commitment_is_shortened_to_its_first_clause_for_cards():
    assert short_commitment("週2時間×3か月（月1回のオンライン定例あり）") == "週2時間×3か月"
    assert short_commitment("月2回、1回1時間程度×1年") == "月2回"
    assert short_commitment("About 10 hours in total, December 2026 to February 2027") == "About 10 hours in total"
    assert short_commitment("あ" * 30) == "あ" * 23 + "…"


# ------------------------------------------------------------------ cost, days left, address, weekend

@pytest.mark.parametrize("cost, expected", [
    ("無料", (0, 0)),
    ("無料（現地までの交通費は各自負担、宿泊は1泊1,000円）", (0, 0)),
    ("Free", (0, 0)),
    ("参加費500円（保険料と豚汁代）", (500, 500)),
    ("宿泊費1泊3,000円（町の補助後の金額）", (3000, 3000)),
    ("会場参加は材料費2,000円、オンライン視聴は無料", (0, 2000)),
    ("参加費１，５００円", (1500, 1500)),
    ("¥800", (800, 800)),
    ("1万円", (10000, 10000)),
])
def test_cost_is_read_as_free_an_amount_or_a_range(cost, expected):
    read = glance.read_cost(cost)
    assert (read.low, read.high) == expected


@pytest.mark.parametrize("cost", [None, "", "実費", "未定"])
def test_cost_without_an_amount_is_not_guessed(cost):
    assert glance.read_cost(cost) is None


def _program(**fields) -> Program:
    values = dict(id="p", title="t", owner="o", summary="s", type="volunteer", categories=("recovery",),
                  format="online", signup_url="https://forms.example.org/", posted=dt.date(2026, 11, 1))
    values.update(fields)
    return Program(**values)


@pytest.mark.parametrize("deadline, state, expected", [
    (dt.date(2026, 11, 21), State.CLOSING_SOON, 0),
    (dt.date(2026, 11, 24), State.CLOSING_SOON, 3),
    (dt.date(2026, 12, 5), State.OPEN, 14),
    (dt.date(2026, 12, 6), State.OPEN, None),
    (dt.date(2026, 11, 24), State.FULL, None),  # nothing to hurry for
    (None, State.OPEN, None),
])
def test_days_left_within_two_weeks_of_the_deadline(deadline, state, expected):
    assert glance.days_left(_program(deadline=deadline, state=state), dt.date(2026, 11, 21)) == expected


@pytest.mark.parametrize("location, written", [
    (Location("石川県", "輪島市", None, "石川県輪島市河井町（詳細は参加者にお知らせします）"), "石川県輪島市河井町（詳細は参加者にお知らせします）"),
    (Location("石川県", "輪島市", None, "輪島市河井町1-1"), "石川県輪島市河井町1-1"),
    (Location("石川県", "輪島市", None, "河井町1-1"), "石川県輪島市河井町1-1"),
    (Location("石川県", "輪島市"), "石川県輪島市"),
    (Location("北海道"), "北海道"),
])
def test_an_address_is_written_once(location, written):
    assert glance.full_address(location) == written


def test_the_map_link_searches_the_address_without_its_notes():
    url = glance.map_url(Location("石川県", "輪島市", "古材ストックヤード", "石川県輪島市河井町（詳細は後日）"))
    parts = urllib.parse.urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.google.com", "/maps/search/")
    assert urllib.parse.parse_qs(parts.query) == {"api": ["1"], "query": ["石川県輪島市河井町"]}
    venue_only = glance.map_url(Location("石川県", "輪島市", "輪島朝市（本町通り）"))
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(venue_only).query)["query"] == ["石川県輪島市 輪島朝市"]


@pytest.mark.parametrize("today, weekend", [
    (dt.date(2026, 11, 18), (dt.date(2026, 11, 21), dt.date(2026, 11, 22))),  # a Wednesday
    (dt.date(2026, 11, 21), (dt.date(2026, 11, 21), dt.date(2026, 11, 22))),  # a Saturday
    (dt.date(2026, 11, 22), (dt.date(2026, 11, 22), dt.date(2026, 11, 22))),  # a Sunday: that day
])
def test_this_weekend(today, weekend):
    assert glance.this_weekend(today) == weekend


def test_a_program_happens_this_weekend_when_any_date_overlaps_it():
    saturday, sunday = dt.date(2026, 11, 21), dt.date(2026, 11, 22)
    multi_day = _program(dates=(DateRange(dt.date(2026, 11, 20), dt.date(2026, 11, 21)),))
    later = _program(dates=(DateRange(dt.datetime(2026, 11, 28, 10, 0)),))
    assert glance.happens_between(multi_day, saturday, sunday)
    assert not glance.happens_between(later, saturday, sunday)
    assert not glance.happens_between(_program(), saturday, sunday)


# ------------------------------------------------------------------ pictures

def _save(path: Path, size, mode="RGB", format="JPEG", **options) -> Path:
    Image.new(mode, size, (200, 100, 50, 128)[: len(mode)] if mode != "P" else 1).save(path, format, **options)
    return path


def test_a_photo_becomes_three_widths_of_webp_and_jpeg(tmp_path):
    source = _save(tmp_path / "photo.jpg", (2000, 1000))
    picture = pictures.plan(source, "photo")
    assert [(v.name, v.width, v.height) for v in picture.variants] == [
        ("photo-320.webp", 320, 160), ("photo-320.jpg", 320, 160), ("photo-640.webp", 640, 320),
        ("photo-640.jpg", 640, 320), ("photo-960.webp", 960, 480), ("photo-960.jpg", 960, 480)]
    assert picture.srcset("webp") == "photo-320.webp 320w, photo-640.webp 640w, photo-960.webp 960w"
    assert picture.fallback().name == "photo-640.jpg"
    for variant in picture.variants:
        made = pictures.make(source, variant)
        with Image.open(io.BytesIO(made)) as image:
            assert (image.format.lower(), image.size) == (variant.format, (variant.width, variant.height))
        assert made == pictures.make(source, variant)  # the same bytes every build


def test_a_small_picture_is_not_enlarged_and_transparency_keeps_png(tmp_path):
    source = _save(tmp_path / "logo.png", (500, 250), mode="RGBA", format="PNG")
    picture = pictures.plan(source, "logo")
    assert [(v.name, v.width) for v in picture.variants] == [
        ("logo-320.webp", 320), ("logo-320.png", 320), ("logo-500.webp", 500), ("logo-500.png", 500)]
    with Image.open(io.BytesIO(pictures.make(source, picture.variants[-1]))) as image:
        assert image.mode == "RGBA"


def test_a_rotated_phone_photo_is_made_upright_and_loses_its_metadata(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90°: stored 400 x 300, shown 300 x 400
    exif[0x8825] = {2: (35.0, 0.0, 0.0)}  # a GPS position
    source = _save(tmp_path / "phone.jpg", (400, 300), exif=exif)
    picture = pictures.plan(source, "phone")
    assert (picture.width, picture.height) == (300, 400)
    made = pictures.make(source, picture.fallback())
    with Image.open(io.BytesIO(made)) as image:
        assert image.size == (300, 400)
        assert dict(image.getexif()) == {}


def test_an_unreadable_or_huge_picture_gives_no_variants(tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert pictures.plan(broken, "broken") is None
    huge = tmp_path / "huge.png"
    Image.new("1", (8000, 6000)).save(huge)  # 48 million pixels in a few KB
    assert huge.stat().st_size < 100_000
    assert pictures.plan(huge, "huge") is None
    cut_short = tmp_path / "cut.jpg"
    whole = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(whole, "JPEG")
    cut_short.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])  # an upload that stopped half-way
    assert pictures.plan(cut_short, "cut") is None


# ------------------------------------------------------------------ owners in Japanese order

def _owner(id_: str, name: str, kana: str | None = None) -> Owner:
    return Owner(id=id_, name=name, name_kana=kana, kind="npo", prefecture="石川県", maintainers=("a",))


def test_owners_sort_by_their_reading_then_by_icu_japanese_order():
    owners = [
        _owner("abukuma", "福島県立あぶくま未来高等学校", "ふくしまけんりつあぶくまみらいこうとうがっこう"),
        _owner("chikuma", "千曲あんずの里づくり協議会", "ちくまあんずのさとづくりきょうぎかい"),
        _owner("kaban", "かばん工房やまのは"),
        _owner("sakura", "株式会社さくらシステムズ", "さくらしすてむず"),
        _owner("half-width", "ｱｵｿﾞﾗ会", "ｱｵｿﾞﾗｶｲ"),
        _owner("katakana", "ノートの会"),
    ]
    assert [o.id for o in ordering.japanese_order(owners)] == ["half-width", "kaban", "sakura", "chikuma", "katakana", "abukuma"]


def test_name_kana_must_be_kana(tmp_path):
    text = "---\nname: 能登古材の会\nname_kana: 能登こざいのかい\nkind: npo\nprefecture: 石川県\nmaintainers: [someone]\n---\n"
    document, _ = load_document(text.encode(), "content/owners/o.md", tmp_path / "o.md", JA)
    owner, problems = validate_owner(document, JA)
    assert owner is None
    assert [(p.line, p.message) for p in problems] == [
        (3, "'name_kana' はひらがなかカタカナで書いてください ('能登こざいのかい')")]
    document, _ = load_document(text.replace("能登こざいのかい", "のと こざいの カイ").encode(), "content/owners/o.md", tmp_path / "o.md", EN)
    owner, problems = validate_owner(document, EN)
    assert problems == [] and owner.name_kana == "のと こざいの カイ"
