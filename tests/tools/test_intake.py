"""intake: a 'new program' issue form's body -> a validated program file; the form is generated from site.yaml."""

from __future__ import annotations

import re

import yaml
from conftest import check, run_cli

from catalog.content.read import read_catalog as load
from catalog.tools import github, intake


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
    assert "- **種類**: `'type' に 'ボランティア' は使えません" in text
    assert "- **申し込み締切**: `'deadline' の日付 '12月1日' は YYYY-MM-DD の形で書いてください" in text
    assert "- **申し込みフォームの URL**: `'signup_url' は https:// で始まる URL にしてください" in text
    assert "- **都道府県**: `必須の項目 'location.prefecture' がありません`" in text
    assert not (root / "content" / "programs" / "kozai-intake.md").exists()


def test_hostile_issue_bodies_cannot_escape_or_inject(write_catalog, tmp_path):
    root = write_catalog()
    for hostile in [
        issue(**{"ファイル名 (ID)": "../../.github/workflows/evil"}),
        issue(種類='volunteer\n---\nsignup_url: javascript:alert(1)\n"'),
        issue(タイトル="x\"\nsignup_url: http://evil.example\n#"),
        issue(概要="---\ndraft: true\n---"),
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
    read = intake.parse_issue("### 知らない項目\n\nx\n\n" + issue())
    assert read.values["type"] == "volunteer — ボランティア" and "skills" not in read.values
    assert read.unknown == ("知らない項目",) and read.repeated == ()


def test_text_inside_html_comments_is_ignored(write_catalog):
    """GitHub does not display a comment: what the labelling maintainer read is what is used."""
    root = write_catalog()
    hidden = issue(**{"申し込みフォームの URL": "https://forms.example.org/intake\n\n<!--\n### 申し込みフォームの URL\n\nhttps://phish.example.org/\n-->",
                      "くわしい内容": "見える本文\n<!-- signup_url: https://phish.example.org/ --> です"})
    assert run_intake(root, hidden).code == 0
    text = (root / "content" / "programs" / "kozai-intake.md").read_text()
    assert "phish" not in text and 'signup_url: "https://forms.example.org/intake"' in text
    assert text.endswith("見える本文\n です\n")
    read = intake.parse_issue("### タイトル\n\n見える\n<!-- 閉じていないコメント\n### タイトル\n\n隠れた")
    assert read.values == {"title": "見える"} and read.repeated == ()


def test_a_heading_given_twice_is_an_error(write_catalog, tmp_path):
    root = write_catalog()
    report = tmp_path / "report.md"
    twice = issue(くわしい内容="本文\n\n### 申し込みフォームの URL\n\nhttps://phish.example.org/")
    result = run_intake(root, twice, "--report", str(report))
    assert result.code == 1
    assert report.read_text() == (
        "掲載用のファイルを作れませんでした。次の項目を直してください:\n\n"
        "- **申し込みフォームの URL**: `見出し「申し込みフォームの URL」が 2 回以上あります。"
        "項目ごとに 1 回だけにしてください (本文の中でこの見出しを使わないでください)`\n")
    assert not (root / "content" / "programs" / "kozai-intake.md").exists()


def _outside_code_spans(markdown: str) -> str:
    """What GitHub renders as Markdown: the text with every code span (any fence length) removed."""
    return re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", "", markdown)


def test_values_echoed_in_the_comment_make_no_links_images_or_mentions(write_catalog, tmp_path):
    root = write_catalog()
    report = tmp_path / "report.md"
    payload = "[クリック](https://phish.example.org/) ![x](https://phish.example.org/i.png) @octocat <img src=x onerror=alert(1)> https://phish.example.org ``` `"
    result = run_intake(root, issue(種類=payload, 申し込み締切=payload), "--report", str(report))
    assert result.code == 1
    text = report.read_text()
    assert "phish.example.org" in text and "@octocat" in text  # shown, as text
    rendered = _outside_code_spans(text)
    for active in ("phish", "@", "<img", "](", "!["):
        assert active not in rendered, (active, rendered)
    assert github.literal("a ``` b\nc") == "````a ``` b c````"
    assert github.literal("`x`") == "`` `x` ``"


def test_invalid_and_reserved_ids_get_the_same_messages_as_new(write_catalog, tmp_path):
    root = write_catalog()
    for program_id, expected in (("con", "ファイル名 'con' は Windows で使えない名前です。別の名前にしてください"),
                                 ("Bad_ID", "ファイル名 'Bad_ID' は使えません。半角英小文字・数字・ハイフンで 3〜64 文字にしてください (例: noto-kozai-rescue.md)。'bad-id.md' のことですか?")):
        report = tmp_path / f"{program_id}.md"
        result = run_intake(root, issue(**{"ファイル名 (ID)": program_id}), "--report", str(report))
        assert result.code == 1 and f"- **ファイル名 (ID)**: `{expected}`" in report.read_text()
        new = run_cli("new", "program", program_id, "--root", str(root), "--today", "2026-11-21")
        assert new.code == 2 and new.err == f"content/programs/{program_id}.md:1: {expected}\n"
    assert not list((root / "content" / "programs").glob("*.md"))


def test_only_the_issues_author_is_trusted_to_speak_for_an_owner(write_catalog, tmp_path):
    root = write_catalog()
    report = tmp_path / "report.md"
    stranger = run_intake(root, issue(), "--author", "mallory", "--report", str(report))
    assert stranger.code == 1
    assert report.read_text() == (
        "掲載用のファイルを作れませんでした。次の項目を直してください:\n\n"
        "- **団体の ID**: `mallory さんは団体 'test-owner' の担当者ではないため、この依頼からはプルリクエストを作れません。"
        "'test-owner' の担当者 (owner-admin) に依頼を出してもらうか、担当者に加えてもらうよう頼んでください。"
        "カタログの担当者 (catalog-admin) にも相談できます`\n")
    assert not (root / "content" / "programs" / "kozai-intake.md").exists()
    assert run_intake(root, issue(), "--author", "Owner-Admin").code == 0  # the owner's maintainer (logins ignore case)
    (root / "content" / "programs" / "kozai-intake.md").unlink()
    assert run_intake(root, issue(), "--author", "catalog-admin").code == 0  # a site maintainer


def test_the_report_cannot_start_a_workflow_command(write_catalog, monkeypatch):
    root = write_catalog()
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_intake(root, issue(種類="x\n::add-mask::y"))
    assert result.code == 1
    commands = [line for line in result.err.splitlines() if line.startswith("::")]
    assert len(commands) == 2 and commands[0].startswith("::stop-commands::")
