"""Validate stage: one rule at a time, through the same functions the build uses."""

import dataclasses
import datetime as dt
import types
import typing
from pathlib import Path

import pytest
from conftest import PNG, SITE_YAML, program

from catalog.content.documents import Scalar, load_document, parse_yaml
from catalog.content.fields import Field
from catalog.content.japan import corporate_number_is_valid, suggest_prefecture
from catalog.content.read import read_catalog
from catalog.content.schema import rule_for, validate_owner, validate_program, validate_site
from catalog.messages import Messages

JA, EN = Messages("ja"), Messages("en")


def site(messages=JA, text=SITE_YAML):
    front, problems = parse_yaml(text, "content/site.yaml", 0, messages)
    config, problems = validate_site(front, messages)
    assert problems == []
    return config


def validate(text: str, messages=JA, folder: Path = Path("content/programs"), name="x"):
    document, problems = load_document(text.encode(), f"content/programs/{name}.md", folder / f"{name}.md", messages)
    assert problems == [], problems
    return validate_program(document, site(messages), messages)


def messages_of(text: str, **kwargs) -> list[tuple[int, str]]:
    result, problems = validate(text, **kwargs)
    assert result is None
    return sorted((p.line, p.message) for p in problems)


def test_a_valid_program_reads_like_the_contract():
    result, problems = validate(program(
        dates="\n  - start: 2026-12-05T10:00\n    end: 2026-12-05T12:00",
        deadline="2026-12-01", capacity="01234", commitment="8:30から", skills="[it-support]",
        signup_url="https://forms.example.org/a?p={id}", languages="[ja, en]", min_age="18", draft="false",
    ))
    assert problems == []
    assert result.capacity == 1234  # not octal
    assert result.commitment == "8:30から"  # not sexagesimal
    assert result.signup_url == "https://forms.example.org/a?p=x"
    assert result.dates[0].start == dt.datetime(2026, 12, 5, 10, 0)
    assert result.deadline == dt.date(2026, 12, 1)
    assert result.languages == ("ja", "en")
    assert result.status == "open" and result.draft is False


def test_no_and_on_stay_text():
    result, _ = validate(program(title="NO", summary="on"))
    assert (result.title, result.summary) == ("NO", "on")


def test_unknown_field_suggests_the_nearest_and_japanese_names():
    assert messages_of(program(summary=None, sumary="x")) == [
        (2, "必須の項目 'summary' がありません"),
        (9, "未知の項目 'sumary' です。'summary' のことですか?"),
    ]
    assert (10, "未知の項目 '締切' です。'deadline' のことですか?") in messages_of(program(締切="2026-12-01"))


def test_messages_follow_the_site_language():
    assert messages_of(program(type="volunter"), messages=EN) == [
        (5, "'volunter' is not allowed in 'type'; use one of volunteer, probono; did you mean 'volunteer'?")
    ]


@pytest.mark.parametrize("field, value, expected", [
    ("signup_url", "http://forms.example.org/a", "'signup_url' は https:// で始まる URL にしてください。'https://forms.example.org/a' のことですか?"),
    ("signup_url", "javascript:alert(1)", "'signup_url' の 'javascript:alert(1)' は正しい https の URL ではありません"),
    ("signup_url", "https://user:pw@forms.example.org/", "'signup_url' の 'https://user:pw@forms.example.org/' は正しい https の URL ではありません"),
    ("signup_url", "https://forms.example.org/?q=" + "a" * 1972, "'signup_url' が長すぎます (2001 文字、上限 2000 文字)"),
    ("signup_url", "https://forms.example.org/" + "あ" * 700, "'signup_url' が長すぎます (UTF-8 で 2126 バイト、上限 2000 バイト)"),
    ("signup_url", "https://localhost/", "'signup_url' の 'https://localhost/' は公開されていないアドレス (IP アドレス、localhost、社内用の名前) です。だれでも開ける https の URL を書いてください"),
    ("posted", "2026-02-30", "'posted' の '2026-02-30' は存在しない日付です"),
    ("posted", "2026年12月5日", "'posted' の日付 '2026年12月5日' は YYYY-MM-DD の形で書いてください (例: 2026-12-05)。'2026-12-05' のことですか?"),
    ("posted", "2026-12-05T10:00", "'posted' の日付 '2026-12-05T10:00' は YYYY-MM-DD の形で書いてください (例: 2026-12-05)。'2026-12-05' のことですか?"),
    ("categories", "[recovery, digital, recovery]", "'categories' に 'recovery' が重複しています"),
    ("categories", "[a, b, c, d, e, f]", "'categories' は 5 個までです (6 個あります)"),
    ("title", "'" + "あ" * 81 + "'", "'title' が長すぎます (81 文字、上限 80 文字)"),
    ("summary", "[a, b]", "'summary' には文字を 1 つ書いてください (list になっています)"),
    ("capacity", "0", "'capacity' は 1 以上 1000000 以下にしてください (0 になっています)"),
    ("min_age", "十八", "'min_age' には数字だけを書いてください ('十八' になっています)"),
    ("draft", "yes", "'draft' には true か false を書いてください ('yes' になっています)"),
    ("draft", '"true"', "'draft' には true か false を書いてください ('true' になっています)"),
    ("languages", "[英語]", "'languages' の '英語' は言語コードではありません (例: ja, en)。'en' のことですか?"),
    ("status", "opne", "'status' に 'opne' は使えません。使えるのは open, full, closed, cancelled です。'open' のことですか?"),
    ("skills", "[cooking]", "'skills' に 'cooking' は使えません。使えるのは it-support です"),
])
def test_field_rules(field, value, expected):
    found = messages_of(program(**{field: value}))
    assert [m for _, m in found] == [expected]


def test_rules_between_fields():
    found = messages_of(program(
        format="onsite",
        dates="\n  - start: 2026-12-05\n  - start: 2026-12-10\n    end: 2026-12-09",
        deadline="2026-12-20", updated="2026-10-01",
    ))
    assert found == [
        (7, "format が onsite のときは location (少なくとも prefecture) を書いてください"),
        (13, "終了 2026-12-09 が開始 2026-12-10 より前になっています"),
        (15, "updated 2026-10-01 が posted 2026-11-01 より前になっています"),
    ]
    found = messages_of(program(dates="\n  - start: 2026-12-05", deadline="2026-12-20", updated="2026-10-01"))
    assert [m for _, m in found] == [
        "締切 2026-12-20 が最初の開始日 2026-12-05 より後になっています",
        "updated 2026-10-01 が posted 2026-11-01 より前になっています",
    ]


def test_location_prefecture_must_be_one_of_the_47_with_a_suggestion():
    found = messages_of(program(format="hybrid", location="\n  prefecture: 東京\n  town: x"))
    assert found == [
        (11, "'location.prefecture' の '東京' は都道府県名ではありません (「石川県」のように書いてください)。'東京都' のことですか?"),
        (12, "未知の項目 'location.town' です"),
    ]


def test_prefecture_suggestions():
    assert suggest_prefecture("東京") == "東京都"
    assert suggest_prefecture("Ishikawa") == "石川県"
    assert suggest_prefecture("大阪") == "大阪府"
    assert suggest_prefecture("北海") is None or suggest_prefecture("北海") == "北海道"
    assert suggest_prefecture("ロンドン") is None


def test_corporate_number_check_digit():
    assert corporate_number_is_valid("8000012010038")  # a real public number: Digital Agency's format
    assert corporate_number_is_valid("7000012050002")
    assert not corporate_number_is_valid("1234567890123")
    assert not corporate_number_is_valid("800001201003")


def test_images_must_exist_next_to_the_file_be_what_they_say_and_have_alt(tmp_path):
    folder = tmp_path / "content" / "programs"
    folder.mkdir(parents=True)
    (folder / "photo.png").write_bytes(PNG)
    (folder / "fake.jpg").write_bytes(b"not a jpeg")
    ok, problems = validate(program(image="photo.png", image_alt="写真"), folder=folder)
    assert problems == [] and ok.image.name == "photo.png" and ok.image.alt == "写真"
    assert [m for _, m in messages_of(program(image="photo.png"), folder=folder)] == [
        "'image' には、画像の内容を説明する 'image_alt' も書いてください"]
    assert [m for _, m in messages_of(program(image="phto.png", image_alt="x"), folder=folder)] == [
        "'image' の画像 'phto.png' が見つかりません。このファイルと同じフォルダーに置いてください。'photo.png' のことですか?"]
    assert [m for _, m in messages_of(program(image="fake.jpg", image_alt="x"), folder=folder)] == [
        "'image' の 'fake.jpg' は名前の形式の画像として読めません (壊れているか、別の形式です)"]
    # Decoded, not sniffed: the right first bytes and nothing after them, or a PNG named .webp.
    (folder / "header-only.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    (folder / "png.webp").write_bytes(PNG)
    for name in ("header-only.png", "png.webp"):
        assert [m for _, m in messages_of(program(image=name, image_alt="x"), folder=folder)] == [
            f"'image' の '{name}' は名前の形式の画像として読めません (壊れているか、別の形式です)"]
    assert [m for _, m in messages_of(program(image="../../secret.png", image_alt="x"), folder=folder)] == [
        "'image' の '../../secret.png' は、このファイルと同じフォルダーの画像のファイル名にしてください"]
    assert [m for _, m in messages_of(program(image="photo.gif", image_alt="x"), folder=folder)] == [
        "'image' の 'photo.gif' は使えない形式です。使えるのは .jpeg, .jpg, .png, .webp です"]


def test_svg_logo_with_script_is_refused(tmp_path):
    folder = tmp_path / "content" / "owners"
    folder.mkdir(parents=True)
    (folder / "evil.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    (folder / "fine.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs><rect fill="url(#g)"/></svg>')
    text = "---\nname: 団体\nkind: npo\nprefecture: 石川県\nlogo: {}\nlogo_alt: ロゴ\nmaintainers: [a-b]\n---\n"
    for name, ok in (("evil.svg", False), ("fine.svg", True)):
        document, _ = load_document(text.format(name).encode(), "content/owners/o.md", folder / "o.md", JA)
        owner, problems = validate_owner(document, JA)
        assert (owner is not None) == ok, problems


def test_owner_rules():
    text = ("---\nname: 団体\nkind: nonprofit\nprefecture: 石川県\nwebsite: http://a.example.org\n"
            "contact_email: a@@example\ncorporate_number: '8000-0120-1003-8'\nmaintainers: ['@someone']\n---\n")
    document, _ = load_document(text.encode(), "content/owners/o.md", Path("content/owners/o.md"), JA)
    owner, problems = validate_owner(document, JA)
    assert owner is None
    assert [p.line for p in problems] == [3, 5, 6, 7, 8]
    assert problems[3].message == "'corporate_number' は区切りなしの半角数字 13 桁で書いてください。'8000012010038' のことですか?"


def test_an_owner_name_in_kana():
    text = "---\nname: 能登の団体\nname_kana: {}\nkind: npo\nprefecture: 石川県\nmaintainers: [a-b]\n---\n"
    for kana, ok in (("のとのだんたい", True), ("ノト ノ ダンタイ", True), ("Noto", False), ("能登", False)):
        document, _ = load_document(text.format(kana).encode(), "content/owners/o.md", Path("content/owners/o.md"), JA)
        owner, problems = validate_owner(document, JA)
        assert (owner is not None) == ok, problems
        if ok:
            assert owner.name_kana == kana
        else:
            assert [(p.line, p.message) for p in problems] == [(3, f"'name_kana' はひらがなかカタカナで書いてください ('{kana}')")]


def test_site_yaml_rules():
    text = SITE_YAML.replace("https://example.org/catalog/", "http://example.org/") + "language: fr\ntimezone: Asia/Tokio\nclosing_soon_days: soon\n"
    front, _ = parse_yaml(text, "content/site.yaml", 0, JA)
    config, problems = validate_site(front, JA)
    assert config is None
    assert [p.message.split("。")[0] for p in problems] == [
        "'base_url' は https:// で始まる URL にしてください",
        "'language' に 'fr' は使えません",
        "'timezone' の 'Asia/Tokio' はタイムゾーン名ではありません (例: Asia/Tokyo)",
        "'closing_soon_days' には数字だけを書いてください ('soon' になっています)",
    ]


def test_site_defaults_and_base_url_slash():
    config = site(text=SITE_YAML.replace("https://example.org/catalog/", "https://example.org/catalog"))
    assert config.base_url == "https://example.org/catalog/"
    assert config.base_path == "/catalog/"
    assert (config.language, config.timezone, config.closing_soon_days, config.stale_after_days) == ("ja", "Asia/Tokyo", 7, 180)


REPO = Path(__file__).resolve().parents[2]


def _holds(value: object, hint: object) -> bool:
    """Whether `value` is what the annotation `hint` says (the annotations the models use)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return any(_holds(value, arg) for arg in args)
    if hint is type(None):
        return value is None
    if origin is tuple:  # tuple[X, ...]
        return isinstance(value, tuple) and all(_holds(item, args[0]) for item in value)
    if origin is dict:
        return isinstance(value, dict) and all(_holds(k, args[0]) and _holds(v, args[1]) for k, v in value.items())
    if hint in (int, dt.date):  # not a bool for a number, nor a date-time for a date
        return type(value) is hint
    assert isinstance(hint, type), hint
    return isinstance(value, hint) and (not dataclasses.is_dataclass(value) or not _misfits(value))


def _misfits(instance: object) -> list[str]:
    hints = typing.get_type_hints(type(instance))
    return [f"{type(instance).__name__}.{f.name} = {getattr(instance, f.name)!r}" for f in dataclasses.fields(instance)
            if not _holds(getattr(instance, f.name), hints[f.name])]


@pytest.mark.parametrize("root", [REPO, REPO / "tests" / "golden"], ids=["sample", "golden"])
def test_every_attribute_of_the_models_made_is_what_its_annotation_says(root):
    # The field table's rules decide each value's type, and the models are made from them by name
    # (schema._made), which the type checker cannot follow: this checks what it cannot.
    catalog = read_catalog(root, "2026-11-21").catalog
    assert catalog is not None and catalog.programs and catalog.owners
    assert _misfits(catalog) == []
    assert _holds(catalog, type(catalog))
    for instance in (catalog.config, *catalog.owners, *catalog.programs, *catalog.hand_checks):
        assert _misfits(instance) == []


def _read(rule, text: str) -> tuple[object, list[tuple[str, dict]]]:
    reported: list[tuple[str, dict]] = []
    value = rule(Scalar(text, 1, False), lambda line, key, **args: reported.append((key, args)), "x")
    return value, reported


def test_a_limit_the_field_table_leaves_out_is_the_rules_own_default():
    # A row without max_length (or without minimum and maximum) once passed None as the limit, and the
    # first value read failed with a TypeError instead of being checked.
    text_rule = rule_for(Field("x", "text", ("x", "x"), ("x", "x")))
    assert _read(text_rule, "あ" * 2000) == ("あ" * 2000, [])
    assert _read(text_rule, "あ" * 2001)[1] == [("too_long", {"field": "x", "length": 2001, "limit": 2000})]
    kana_rule = rule_for(Field("x", "kana", ("x", "x"), ("x", "x")))
    assert _read(kana_rule, "あ" * 2001)[1] == [("too_long", {"field": "x", "length": 2001, "limit": 2000})]
    integer_rule = rule_for(Field("x", "integer", ("x", "x"), ("x", "x")))
    assert _read(integer_rule, "1000000") == (1_000_000, [])
    assert _read(integer_rule, "1000001")[1] == [("out_of_range", {"field": "x", "value": 1_000_001, "minimum": 0, "maximum": 1_000_000})]
