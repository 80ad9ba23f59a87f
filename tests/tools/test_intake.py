"""intake: a 'new program' issue form's body -> a validated program file; the form is generated from site.yaml."""

from __future__ import annotations

import yaml

from catalog.tools import intake
from catalog.content.read import read_catalog as load

from conftest import check, run_cli


def issue(**overrides: str) -> str:
    """An issue body as GitHub renders a submitted form: `### label` then the value, `_No response_` when empty."""
    values = {
        "ファイル名 (ID)": "kozai-intake",
        "タイトル": "能登の古材: 仕分け \"第2弾\"",
        "団体の ID": "test-owner",
        "概要": "古材を仕分けます。\n二行目です。",
        "種類": "volunteer — ボランティア",
        "分野": "recovery — 復興支援, digital — IT・DX",
        "活かせるスキル": "_No response_",
        "参加形式": "onsite — 現地",
        "都道府県": "石川県",
        "市区町村": "輪島市",
        "日程": "2026-12-05 10:00 〜 2026-12-05 12:00\n2026-12-12",
        "申し込み締切": "2026-12-01",
        "申し込みフォームの URL": "https://forms.example.org/intake",
        "用意されるもの": "- 軍手\n- 昼食",
        "定員": "10",
        "くわしい内容": "## 作業\n\n古材を運びます。\n\n### 持ち物\n\n軍手",
    }
    values.update(overrides)
    return "\n\n".join(f"### {label}\n\n{value}" for label, value in values.items()) + "\n"


def run_intake(root, body: str, *extra: str):
    path = root / "issue.md"
    path.write_text(body, encoding="utf-8")
    return run_cli("intake", str(path), "--root", str(root), "--today", "2026-11-21", *extra)


def test_a_good_issue_becomes_a_program_that_passes_check(write_catalog, tmp_path):
    root = write_catalog()
    report = tmp_path / "report.md"
    result = run_intake(root, issue(), "--report", str(report), "--id-file", str(tmp_path / "id"))
    assert result.code == 0, result.err
    catalog = load(root, "2026-11-21").catalog
    made = next(p for p in catalog.programs if p.id == "kozai-intake")
    assert made.title == '能登の古材: 仕分け "第2弾"'
    assert made.categories == ("recovery", "digital")
    assert [d.start.isoformat() for d in made.dates] == ["2026-12-05T10:00:00", "2026-12-12"]
    assert made.provided == ("軍手", "昼食") and made.capacity == 10
    assert "### 持ち物" in made.body  # headings inside the description stay in the description
    assert (tmp_path / "id").read_text() == "kozai-intake"
    assert "を作りました" in report.read_text()
    assert check(root).code == 0


def test_wrong_values_are_reported_in_the_forms_words_and_nothing_is_written(write_catalog, tmp_path):
    root = write_catalog()
    report = tmp_path / "report.md"
    result = run_intake(root, issue(**{"種類": "ボランティア", "申し込み締切": "12月1日",
                                       "申し込みフォームの URL": "http://forms.example.org/x", "都道府県": "_No response_"}),
                        "--report", str(report))
    assert result.code == 1
    text = report.read_text()
    assert "- **種類**: 'type' に 'ボランティア' は使えません" in text
    assert "- **申し込み締切**: 'deadline' の日付 '12月1日' は YYYY-MM-DD の形で書いてください" in text
    assert "- **申し込みフォームの URL**: 'signup_url' は https:// で始まる URL にしてください" in text
    assert "- **都道府県**: 必須の項目 'location.prefecture' がありません" in text
    assert not (root / "content" / "programs" / "kozai-intake.md").exists()


def test_hostile_issue_bodies_cannot_escape_or_inject(write_catalog, tmp_path):
    root = write_catalog()
    for hostile in [
        issue(**{"ファイル名 (ID)": "../../.github/workflows/evil"}),
        issue(**{"種類": 'volunteer\n---\nsignup_url: javascript:alert(1)\n"'}),
        issue(**{"タイトル": "x\"\nsignup_url: http://evil.example\n#"}),
        issue(**{"概要": "---\ndraft: true\n---"}),
    ]:
        result = run_intake(root, hostile)
        created = sorted(p.name for p in (root / "content" / "programs").glob("*.md"))
        if result.code == 0:  # quoted text is allowed to be odd, never structure
            text = (root / "content" / "programs" / "kozai-intake.md").read_text()
            front = yaml.safe_load(text.split("---\n")[1])
            assert front["signup_url"] == "https://forms.example.org/intake"
            assert "draft" not in front
            (root / "content" / "programs" / "kozai-intake.md").unlink()
        else:
            assert created == []
    assert not (root / ".github").exists()
    existing = run_intake(root, issue())
    assert existing.code == 0
    again = run_intake(root, issue())
    assert again.code == 1 and "同じ ID のプログラムがすでにあります" in again.err


def test_the_form_is_generated_from_site_yaml_and_parses_back(write_catalog):
    root = write_catalog()
    catalog = load(root, "2026-11-21").catalog
    form = yaml.safe_load(intake.issue_form(catalog.config))
    labels = [element["attributes"]["label"] for element in form["body"] if element["type"] != "markdown"]
    assert labels == [field.label for field in intake.FIELDS]
    types = next(e for e in form["body"] if e.get("id") == "type")["attributes"]["options"]
    assert types == ["volunteer — ボランティア", "probono — プロボノ"]
    required = {e["id"] for e in form["body"] if e.get("validations", {}).get("required")}
    assert required == {"id", "title", "owner", "summary", "type", "categories", "format", "signup_url", "body"}
    values, unknown = intake.parse_issue("### 知らない項目\n\nx\n\n" + issue())
    assert values["type"] == "volunteer — ボランティア" and "skills" not in values and unknown == ["知らない項目"]
