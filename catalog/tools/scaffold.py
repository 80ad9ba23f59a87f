"""`new program` / `new owner`: a correct skeleton file, with the optional fields shown as comments.

The text is built here (pure) and validated in memory with the same rules as
the build before the command writes anything.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from catalog.content import documents, schema
from catalog.content.fields import LOCATION_FIELDS, OWNER_FIELDS, PROGRAM_FIELDS, Field
from catalog.content.model import SiteConfig
from catalog.messages import SKELETON, Messages, pick
from catalog.problems import Problem


def _prompts(fields: tuple[Field, ...]) -> list[tuple[str, bool, str, str]]:
    """(field, required, prompt ja, prompt en) of the values `new` asks for: the table's fields with a
    prompt (a location's prefecture is asked for, not required: online programs have none)."""
    asked = []
    for field in fields:
        if field.prompt:
            asked.append((field.name, field.required, *field.prompt))
        if field.name == "location":
            asked += [(sub.name, False, *sub.prompt) for sub in LOCATION_FIELDS if sub.prompt]
    return asked


PROGRAM_PROMPTS = _prompts(PROGRAM_FIELDS)
OWNER_PROMPTS = _prompts(OWNER_FIELDS)
# What `new` takes as options (--title …) or asks for (tools/interview.py): the prompted fields, and a
# program's first date and deadline, which people know when they start and which take a date the
# Japanese way (12月5日) the longest to get right.
PROGRAM_OPTIONS = (*(name for name, *_ in PROGRAM_PROMPTS), "start", "deadline")
OWNER_OPTIONS = tuple(name for name, *_ in OWNER_PROMPTS)
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


def _value(field: Field, value: str) -> str:
    """A value given for `new`, as YAML: text quoted, lists in brackets, words as they are."""
    if field.kind in ("text", "kana"):
        return _quote(value)
    return _list(value) if field.kind == "list" else value


def _commented(field: Field, language: str, today: dt.date | None = None, indent: str = "") -> list[str]:
    """An optional field as a comment, with the table's example value ({today}: the date of `new`)."""
    if field.example is None:
        return []
    example = pick(field.example, language)
    example = example.replace("{today}", today.isoformat()) if today else example
    written = f"{field.name}:{example}" if example.startswith("\n") else f"{field.name}: {example}"
    return [f"{indent}# {line}" for line in written.split("\n")]


def program_skeleton(values: dict[str, str], today: dt.date, language: str = "ja") -> str:
    """Required fields with the values given (posted: today), then every optional one as a comment."""
    lines = ["---"]
    for field in PROGRAM_FIELDS:
        if field.name == "posted":
            lines.append(f"posted: {today.isoformat()}")
        elif field.required:
            lines.append(f"{field.name}: {_value(field, values[field.name])}")
        elif field.name == "location" and values.get("prefecture"):
            lines += ["location:", f"  prefecture: {values['prefecture']}"]
            lines += [line for sub in LOCATION_FIELDS if sub.example for line in _commented(sub, language, today, "  ")]
    if values.get("start"):
        lines += ["dates:", f"  - start: {values['start']}", f"    # end: {values['start']}"]
    if values.get("deadline"):
        lines.append(f"deadline: {values['deadline']}")
    lines.append("# " + pick(SKELETON["optional"], language))
    given = {"dates"} if values.get("start") else set()
    given |= {"deadline"} if values.get("deadline") else set()
    lines += [line for field in PROGRAM_FIELDS if not field.required and field.example and field.name not in given
              for line in _commented(field, language, today)]
    lines += ["---", "## " + pick(SKELETON["program_heading"], language), "", pick(SKELETON["program_body"], language), ""]
    return "\n".join(lines)


def owner_skeleton(values: dict[str, str], language: str = "ja") -> str:
    """Every field in the table's order: required ones with the values given, optional ones as comments."""
    lines = ["---"]
    for field in OWNER_FIELDS:
        if field.required:
            lines.append(f"{field.name}: {_value(field, values[field.name])}")
        elif field.example:
            lines += _commented(field, language)
    lines += ["---", pick(SKELETON["owner_body"], language), ""]
    return "\n".join(lines)


def skeleton(what: str, values: dict[str, str], today: dt.date, language: str) -> str:
    return program_skeleton(values, today, language) if what == "program" else owner_skeleton(values, language)


def validate_new_file(what: str, text: str, path: str, target: Path, config: SiteConfig, messages: Messages,
                      root: Path) -> list[Problem]:
    """A file about to be written, checked in memory with the build's own rules (its owner must exist)."""
    document, problems = documents.load_document(text.encode("utf-8"), path, target, messages)
    if document is None:
        return problems
    if what == "owner":
        return schema.validate_owner(document, messages)[1]
    problems = schema.validate_program(document, config, messages)[1]
    owner = document.front.entries.get("owner")
    if (owner is not None and isinstance(owner.value, documents.Scalar)
            and not (root / "content" / "owners" / f"{owner.value.text.strip()}.md").is_file()):
        problems.append(Problem(path, owner.value.line, messages.problem("owner_unknown", value=owner.value.text.strip())))
    return problems
