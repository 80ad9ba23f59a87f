"""`new program` / `new owner`: a correct skeleton file, with the optional fields shown as comments.

The text is built here (pure) and validated in memory with the same rules as
the build before the command writes anything.
"""

from __future__ import annotations

import datetime as dt
import json

# (field, required, prompt ja, prompt en). Required ones are asked for; the rest are comments in the file.
PROGRAM_FIELDS = [
    ("title", True, "タイトル (80 文字まで)", "Title (up to 80 characters)"),
    ("owner", True, "団体の ID (content/owners/ のファイル名)", "Owner id (a file name in content/owners/)"),
    ("summary", True, "概要 (140 文字まで)", "Summary (up to 140 characters)"),
    ("type", True, "種類", "Type"),
    ("categories", True, "分野 (カンマ区切り、1〜5 個)", "Causes (comma-separated, 1 to 5)"),
    ("format", True, "参加形式 (onsite, online, hybrid)", "Format (onsite, online, hybrid)"),
    ("prefecture", False, "都道府県 (現地・ハイブリッドのとき)", "Prefecture (for onsite or hybrid)"),
    ("signup_url", True, "申し込みフォームの URL (https://)", "Sign-up form URL (https://)"),
]
OWNER_FIELDS = [
    ("name", True, "団体名", "Name"),
    ("kind", True, "団体の種類", "Kind"),
    ("prefecture", True, "都道府県 (例: 石川県)", "Prefecture (e.g. 石川県)"),
    ("maintainers", True, "担当者の GitHub ユーザー名 (カンマ区切り)", "Maintainers' GitHub logins (comma-separated)"),
]


def _quote(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is valid YAML and escapes everything needed."""
    return json.dumps(text, ensure_ascii=False)


def _list(text: str) -> str:
    items = [item.strip() for item in text.replace("、", ",").split(",") if item.strip()]
    return "[" + ", ".join(items) + "]"


def program_skeleton(values: dict[str, str], today: dt.date, language: str = "ja") -> str:
    ja = language != "en"
    lines = [
        "---",
        f"title: {_quote(values['title'])}",
        f"owner: {values['owner']}",
        f"summary: {_quote(values['summary'])}",
        f"type: {values['type']}",
        f"categories: {_list(values['categories'])}",
        f"format: {values['format']}",
    ]
    if values.get("prefecture"):
        lines += ["location:", f"  prefecture: {values['prefecture']}",
                  "  # municipality: 輪島市", "  # venue: 会場の名前", "  # address: 番地など"]
    lines += [
        f"signup_url: {values['signup_url']}",
        f"posted: {today.isoformat()}",
        "# " + ("以下は任意の項目です。使うときは先頭の # と空白を消してください。" if ja else
                "Optional fields: remove the leading '# ' to use one."),
        "# skills: [it-support, sns]",
        "# dates:",
        "#   - start: 2026-12-05T10:00",
        "#     end: 2026-12-05T12:00",
        "# deadline: 2026-12-01",
        "# signup_label: " + ("申し込む" if ja else "Sign up"),
        "# status: open",
        "# capacity: 10",
        "# commitment: " + ("週2時間×3か月" if ja else "2 hours a week for 3 months"),
        "# cost: " + ("無料" if ja else "Free"),
        "# provided: [" + ("昼食, 軍手" if ja else "lunch, gloves") + "]",
        "# audience: " + ("初めての方も歓迎" if ja else "Beginners welcome"),
        "# min_age: 18",
        "# languages: [ja]",
        "# accessibility: " + ("会場は段差がありません" if ja else "Step-free venue"),
        "# access: " + ("最寄りのバス停から徒歩5分" if ja else "5 minutes' walk from the bus stop"),
        "# image: photo.jpg",
        "# image_alt: " + ("写真の説明" if ja else "What the photo shows"),
        "# updated: " + today.isoformat(),
        "# draft: true",
        "---",
        "## " + ("活動の内容" if ja else "What you will do"),
        "",
        "" if not ja else "ここに、どんな活動か、当日の流れ、持ち物などを書いてください。",
        "",
    ]
    if not ja:
        lines[-2] = "Describe the activity, the day's schedule and what to bring."
    return "\n".join(lines)


def owner_skeleton(values: dict[str, str], language: str = "ja") -> str:
    ja = language != "en"
    return "\n".join([
        "---",
        f"name: {_quote(values['name'])}",
        "# name_kana: みなとまちづくりきょうぎかい",
        f"kind: {values['kind']}",
        f"prefecture: {values['prefecture']}",
        "# municipality: 輪島市",
        "# website: https://example.org/",
        "# contact_email: info@example.org",
        "# corporate_number: \"1234567890123\"",
        "# logo: logo.png",
        "# logo_alt: " + ("ロゴの説明" if ja else "What the logo shows"),
        f"maintainers: {_list(values['maintainers'])}",
        "---",
        "ここに団体の紹介を書いてください。" if ja else "Introduce your organisation here.",
        "",
    ])
