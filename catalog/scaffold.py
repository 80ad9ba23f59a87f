"""`new program` / `new owner`: a correct skeleton file, with the optional fields shown as comments.

The text is built here (pure) and validated in memory with the same rules as
the build before the command writes anything.
"""

from __future__ import annotations

import datetime as dt
import json

# The values `new` takes as options (--title …) or asks for (interview.py); the rest are comments in the file.
PROGRAM_FIELDS = ("title", "owner", "summary", "type", "categories", "format", "prefecture", "signup_url", "start", "deadline")
OWNER_FIELDS = ("name", "kind", "prefecture", "maintainers")
# The bodies a skeleton starts with, to be replaced by the owner's own text (check warns while one is left).
PROGRAM_BODY = {"ja": "ここに、どんな活動か、当日の流れ、持ち物などを書いてください。",
                "en": "Describe the activity, the day's schedule and what to bring."}
OWNER_BODY = {"ja": "ここに団体の紹介を書いてください。", "en": "Introduce your organisation here."}
PLACEHOLDERS = (*PROGRAM_BODY.values(), *OWNER_BODY.values())
# The example values of CONTRIBUTING's template ("ひな形"), for people who copy it in the browser: one left
# unchanged is somebody else's program (or a sign-up form that does not exist), so check warns.
TEMPLATE_EXAMPLE = {"title": "能登の古材レスキュー 仕分けボランティア",
                    "summary": "解体された家から救い出した古材を、長さと状態ごとに仕分けます。",
                    "signup_url": "https://forms.example.jp/apply"}


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
    if values.get("start"):
        lines += ["dates:", f"  - start: {values['start']}", "    # end: " + values["start"]]
    if values.get("deadline"):
        lines += [f"deadline: {values['deadline']}"]
    lines += [
        f"signup_url: {values['signup_url']}",
        f"posted: {today.isoformat()}",
        "# " + ("以下は任意の項目です。使うときは先頭の # と空白を消してください。" if ja else
                "Optional fields: remove the leading '# ' to use one."),
        "# skills: [it-support, sns]",
        *([] if values.get("start") else ["# dates:", "#   - start: 2026-12-05T10:00", "#     end: 2026-12-05T12:00"]),
        *([] if values.get("deadline") else ["# deadline: 2026-12-01"]),
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
        PROGRAM_BODY["ja" if ja else "en"],
        "",
    ]
    return "\n".join(lines)


def owner_skeleton(values: dict[str, str], language: str = "ja") -> str:
    ja = language != "en"
    return "\n".join([
        "---",
        f"name: {_quote(values['name'])}",
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
        OWNER_BODY["ja" if ja else "en"],
        "",
    ])
