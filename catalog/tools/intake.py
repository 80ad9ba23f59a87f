"""Programs proposed through a GitHub issue form: the form itself, and the issue body -> a program file.

The form (.github/ISSUE_TEMPLATE/new-program.yml) is generated from site.yaml
so its choices always match the vocabularies, and `check` fails when it is out
of date. GitHub renders a submitted form as `### Label` sections; `parse_issue`
reads them back by the same labels. Issue text is untrusted: every value is
written as a quoted YAML scalar or a checked word, and the file is validated by
the build's own rules before it is written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import yaml

from pathlib import Path

from catalog.content import documents
from catalog.content.japan import PREFECTURES
from catalog.content.model import SiteConfig
from catalog.messages import Messages
from catalog.tools.scaffold import validate_new_file

FORM_PATH = ".github/ISSUE_TEMPLATE/new-program.yml"
NO_RESPONSE = "_No response_"
MAX_BODY = 20_000  # characters; the program file limit is larger, but a form is not the place for a book


@dataclass(frozen=True)
class FormField:
    key: str  # our name for it; also the form element's id
    label: str  # what the issue shows as `### label`
    kind: str  # input, textarea, dropdown, multi
    required: bool = False
    description: str = ""


FIELDS: tuple[FormField, ...] = (
    FormField("id", "ファイル名 (ID)", "input", True, "半角英小文字・数字・ハイフンで 3〜64 文字。ページのアドレスになります (例: noto-kozai-sorting)"),
    FormField("title", "タイトル", "input", True, "80 文字まで"),
    FormField("owner", "団体の ID", "input", True, "content/owners/ にある団体のファイル名 (例: noto-kozai-rescue)"),
    FormField("summary", "概要", "textarea", True, "一覧に表示される説明。140 文字まで"),
    FormField("type", "種類", "dropdown", True),
    FormField("categories", "分野", "multi", True, "1〜5 個"),
    FormField("skills", "活かせるスキル", "multi"),
    FormField("format", "参加形式", "dropdown", True),
    FormField("prefecture", "都道府県", "dropdown", False, "現地・ハイブリッドのときは必須"),
    FormField("municipality", "市区町村", "input"),
    FormField("venue", "会場", "input"),
    FormField("address", "住所", "input"),
    FormField("dates", "日程", "textarea", False, "1 行に 1 回。例: 2026-12-05 / 2026-12-05T10:00 〜 2026-12-05T12:00。随時なら空欄"),
    FormField("deadline", "申し込み締切", "input", False, "例: 2026-12-01"),
    FormField("signup_url", "申し込みフォームの URL", "input", True, "https:// で始まる URL"),
    FormField("signup_label", "申し込みボタンの文言", "input", False, "空欄なら「申し込む」"),
    FormField("capacity", "定員", "input", False, "数字だけ"),
    FormField("commitment", "活動量", "input", False, "例: 週2時間×3か月"),
    FormField("cost", "参加費", "input", False, "例: 無料、500円"),
    FormField("provided", "用意されるもの", "textarea", False, "1 行に 1 つ (例: 昼食)"),
    FormField("audience", "こんな方に", "input"),
    FormField("min_age", "年齢制限 (何歳以上)", "input", False, "数字だけ"),
    FormField("accessibility", "アクセシビリティ", "textarea", False, "段差、車いす、字幕など"),
    FormField("access", "アクセス", "textarea", False, "最寄り駅・バス停、駐車場、送迎"),
    FormField("body", "くわしい内容", "textarea", True, "活動の内容、当日の流れ、持ち物など。Markdown が使えます"),
)
BY_LABEL = {f.label: f for f in FIELDS}
LOCATION_KEYS = ("prefecture", "municipality", "venue", "address")


def _options(field: FormField, config: SiteConfig) -> list[str]:
    """Dropdown choices are `id — label`, so the issue text carries the id."""
    if field.key == "type":
        return [f"{t.id} — {t.ja}" for t in config.types]
    if field.key == "categories":
        return [f"{c.id} — {c.ja}" for c in config.categories]
    if field.key == "skills":
        return [f"{s.id} — {s.ja}" for s in (config.skills or ())]
    if field.key == "format":
        return ["onsite — 現地", "online — オンライン", "hybrid — 現地・オンライン"]
    if field.key == "prefecture":
        return [p.ja for p in PREFECTURES]
    return []


def issue_form(config: SiteConfig) -> str:
    """The issue form YAML (generated; `python build.py generate` writes it)."""
    body: list[dict] = [{"type": "markdown", "attributes": {"value": (
        "プログラムの掲載を依頼するフォームです。担当者が内容を確認し、`intake` ラベルを付けると"
        "掲載用のプルリクエストが自動で作られます。画像はこのフォームでは受け付けていません"
        " (CONTRIBUTING.md の「ブラウザーで追加する」を参照)。")}}]
    for field in FIELDS:
        if field.key == "skills" and config.skills is None:
            element = {"type": "input", "id": field.key, "attributes": {"label": field.label, "description": "カンマ区切り"}}
        elif field.kind in ("dropdown", "multi"):
            element = {"type": "dropdown", "id": field.key,
                       "attributes": {"label": field.label, "options": _options(field, config), "multiple": field.kind == "multi"}}
        else:
            element = {"type": field.kind, "id": field.key, "attributes": {"label": field.label}}
        if field.description:
            element["attributes"]["description"] = field.description
        element["validations"] = {"required": field.required}
        body.append(element)
    form = {"name": "プログラムの掲載依頼", "description": "新しいプログラムを掲載してもらう",
            "title": "[掲載依頼] ", "labels": ["掲載依頼"], "body": body}
    header = "# Generated by `python build.py generate` from content/site.yaml. Do not edit.\n"
    return header + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=1000)


def parse_issue(body: str) -> tuple[dict[str, str], list[str]]:
    """`### Label` sections -> {key: text}, plus the labels we did not recognise."""
    values: dict[str, str] = {}
    unknown: list[str] = []
    current: str | None = None
    lines: list[str] = []

    def close() -> None:
        if current is None:
            return
        text = "\n".join(lines).strip()
        if text and text != NO_RESPONSE:
            values[current] = text

    for line in body.replace("\r\n", "\n").split("\n"):
        heading = re.match(r"^###\s+(.+?)\s*$", line)
        if heading and heading.group(1) in BY_LABEL:
            close()
            current, lines = BY_LABEL[heading.group(1)].key, []
        elif heading and current != "body":
            close()
            current, lines = None, []
            unknown.append(heading.group(1))
        elif current is not None:
            lines.append(line)
    close()
    return values, unknown


def _scalar(text: str) -> str:
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _word(text: str) -> str:
    """A choice: the id before ' — ', and nothing that could break out of a YAML word."""
    word = text.split(" — ")[0].strip()
    return _scalar(word)


def _ids(text: str) -> list[str]:
    return [_word(part) for part in re.split(r",\s*(?=[a-z0-9-]+ — )|\n|,", text) if part.strip()]


def _date_line(line: str) -> tuple[str, str | None]:
    parts = [p.strip() for p in re.split(r"\s*(?:〜|~|～|/)\s*", line.strip()) if p.strip()]
    start = parts[0] if parts else ""
    end = parts[1] if len(parts) > 1 else None
    return start, end


def _iso_time(text: str) -> str:
    """People write 2026-12-05 10:00; the contract's date-time is 2026-12-05T10:00."""
    return re.sub(r"^(\d{4}-\d{2}-\d{2}) (\d{1,2}:\d{2})$", r"\1T\2", text.strip())


def program_file(values: dict[str, str], today: dt.date) -> str:
    """The program file for the form's values (quoted, so text can never become YAML structure)."""
    lines = ["---"]
    for key in ("title", "owner", "summary"):
        if key in values:
            lines.append(f"{key}: {_scalar(values[key])}")
    if "type" in values:
        lines.append(f"type: {_word(values['type'])}")
    for key in ("categories", "skills"):
        if key in values:
            lines.append(f"{key}: [{', '.join(_ids(values[key]))}]")
    if "format" in values:
        lines.append(f"format: {_word(values['format'])}")
    if any(k in values for k in LOCATION_KEYS):
        lines.append("location:")
        lines += [f"  {k}: {_scalar(values[k])}" for k in LOCATION_KEYS if k in values]
    if "dates" in values:
        lines.append("dates:")
        for line in values["dates"].splitlines():
            if line.strip():
                start, end = _date_line(line)
                lines.append(f"  - start: {_scalar(_iso_time(start))}")
                if end:
                    lines.append(f"    end: {_scalar(_iso_time(end))}")
    for key in ("deadline", "signup_url", "signup_label", "capacity", "commitment", "cost"):
        if key in values:
            lines.append(f"{key}: {_scalar(values[key])}")
    if "provided" in values:
        items = [_scalar(item.lstrip("-・* ").strip()) for item in values["provided"].splitlines() if item.strip()]
        lines.append(f"provided: [{', '.join(items)}]")
    for key in ("audience", "min_age", "accessibility", "access"):
        if key in values:
            lines.append(f"{key}: {_scalar(values[key])}")
    lines.append(f"posted: {today.isoformat()}")
    lines.append("---")
    body = values.get("body", "")[:MAX_BODY]
    return "\n".join(lines) + "\n" + body.rstrip() + "\n"


def label_of_line(text: str, line: int) -> str | None:
    """The form label for a line of a generated program file (to report problems in the form's words)."""
    lines = text.split("\n")
    for index in range(min(line, len(lines)) - 1, -1, -1):
        match = re.match(r"^(\s*)(?:- )?([a-z_]+):", lines[index])
        if match:
            key = match.group(2)
            if key in ("start", "end"):
                key = "dates"
            if key == "location":
                key = "prefecture"
            field = next((f for f in FIELDS if f.key == key), None)
            return field.label if field else None
        if lines[index] == "---" and index > 0:
            return BY_LABEL["くわしい内容"].label
    return None


def label_for(message: str) -> str | None:
    """The form label of the field a message names ('location.prefecture' -> 都道府県), if any."""
    match = re.search(r"'([a-z_]+(?:\.[a-z_]+)?)'", message)
    if not match:
        return None
    key = match.group(1).split(".")[-1]
    field = next((f for f in FIELDS if f.key == key), None)
    return field.label if field else None


@dataclass(frozen=True)
class Intake:
    program_id: str
    path: str  # content/programs/ID.md
    text: str  # the file, when `report` is empty
    report: list[str]  # "- **label**: message" lines for the issue, one per problem
    unknown: list[str]  # headings of the issue that are not the form's


def from_issue(body: str, program_id: str | None, root: Path, config: SiteConfig, messages: Messages,
               today: dt.date) -> Intake:
    """An issue form's body -> the program file, validated by the build's rules, with problems reported
    in the form's words (its labels) rather than the file's."""
    values, unknown = parse_issue(body)
    program_id = (program_id or values.get("id", "")).strip()
    path = f"content/programs/{program_id}.md"
    report: list[str] = []
    if not documents.ID_PATTERN.match(program_id):
        report.append(f"- **{FIELDS[0].label}**: {messages.id_problem(program_id[:80] or messages.cli('empty_value'))}")
    elif (root / path).exists():
        report.append(f"- **{FIELDS[0].label}**: {messages.cli('intake_id_exists')}")
    text = program_file(values, today)
    if not report:
        for problem in sorted(validate_new_file("program", text, path, root / path, config, messages, root)):
            label = label_for(problem.message) or label_of_line(text, problem.line) or problem.path
            report.append(f"- **{label}**: {problem.message}")
    return Intake(program_id, path, text, report, unknown)
