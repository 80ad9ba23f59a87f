"""docs/content.md, the reference of every field owners and maintainers write, made from the field
table (content/fields.py). tests/content/test_reference.py fails when the committed page differs;
`python -m catalog.content.reference > docs/content.md` (or UPDATE_DOCS=1 pytest) writes it again.
"""

from __future__ import annotations

from catalog.content.fields import DATE_FIELDS, LOCATION_FIELDS, OWNER_FIELDS, PROGRAM_FIELDS, SITE_FIELDS, Field

_ITEMS = {"login": "GitHub logins", "language": "language codes (`ja`, `en`, `zh` …)", "text": "text"}
_KINDS = {
    "url": "https URL", "signup_url": "https URL; `{id}` is replaced by the program id", "email": "e-mail address",
    "prefecture": "one of the 47 prefectures, in Japanese (`石川県`)", "corporate_number": "13 digits (法人番号), check digit verified",
    "image": "path to an image next to the file", "date": "date (`YYYY-MM-DD`)",
    "date_or_datetime": "date or date-time (`YYYY-MM-DDTHH:MM`)", "boolean": "`true` or `false`", "timezone": "IANA time zone name",
    "vocabulary": "map id → {ja, en}", "owner": "an owner id", "location": "map (below)", "dates": "list of {start, end} (below)",
}

INTRO = """\
# The content contract: every field

<!-- Generated from catalog/content/fields.py by `python -m catalog.content.reference > docs/content.md`. Do not edit. -->

This is the format owners write and the build reads. It is a public interface: owners, their pull
requests and tests outside this repository depend on it. It changes only by adding optional fields;
a field is never renamed or repurposed.

Every content file is UTF-8 Markdown with a YAML front-matter block between two `---` lines at the
very top. The file's stem is its id: lowercase ASCII letters, digits and hyphens, 3 to 64 characters
(`noto-kozai-rescue.md` has the id `noto-kozai-rescue`). Ids are permanent: they are the page URLs.

YAML is read so that nothing is silently reinterpreted: `NO`, `no`, `on` stay text where text is
expected, `01234` is not octal, `8:30` is not a number, duplicate keys are an error, an impossible
date such as `2026-02-30` is an error with its line. A date is `YYYY-MM-DD`; a date-time is
`YYYY-MM-DDTHH:MM` (local time of the site's time zone, Asia/Tokyo by default). Unknown fields are
an error (with the nearest known name as a suggestion), so that a typo is never silently dropped.
"""

OUTRO = """\
## A program's state, derived at build time from the build date

- **closed** when `status` is `closed` or `cancelled`, or the deadline has passed, or the last date
  has ended; **full** when `status` is `full`.
- **closing soon** when open and the deadline is within `closing_soon_days`.
- **ongoing** when it has no dates and no deadline.
- **stale** (reported to maintainers, not shown to visitors) when open and neither `updated` nor
  `posted` is within `stale_after_days`.

A closed program keeps its page (links to it must not break) with a clear 受付終了 notice and no live
sign-up button, and leaves the default listings.

## Addresses

Under `base_url`: the home page at `./`, a program at `programs/ID/`, an owner at `owners/ID/`, and
the search page at `search/`, which runs the query given as `?q=…` when opened with one.
"""


def type_of(field: Field) -> str:
    """The field's kind and limits, in words."""
    if field.kind in ("text", "kana"):
        script = "text in kana (hiragana or katakana)" if field.kind == "kana" else "text"
        return f"{script}, ≤ {field.max_length} characters" if field.max_length else script
    if field.kind == "choice":
        return _choices(field)
    if field.kind == "integer":
        return f"integer, {field.minimum} to {field.maximum:,}"
    if field.kind == "list":
        return f"list of {_item(field)}{_count(field)}"
    return _KINDS[field.kind]


def _choices(field: Field) -> str:
    if isinstance(field.choices, str):
        return f"a `{field.choices}` id from site.yaml"
    words = [f"`{word}`" for word in field.choices]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _item(field: Field) -> str:
    if field.item is None:
        raise ValueError(f"{field.name}: a list field without its item's kind")
    said = {
        "choice": f"`{field.choices}` ids from site.yaml",
        "skill": f"`skills` ids from site.yaml (text ≤ {field.item_length} characters when site.yaml has no `skills`)",
        "text": f"text, each ≤ {field.item_length} characters",
    }
    return said.get(field.item) or _ITEMS[field.item]


def _count(field: Field) -> str:
    if field.minimum and field.maximum:
        return f", {field.minimum} to {field.maximum}"
    return f", at most {field.maximum}" if field.maximum else ""


def _required(field: Field) -> str:
    if field.required:
        return "yes"
    if field.required_when:
        return field.required_when[1]
    return f"no, `{field.default}`" if field.default is not None else "no"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(fields: tuple[Field, ...]) -> str:
    rows = ["| field | type | required | meaning | 項目 | 説明 |", "|---|---|---|---|---|---|"]
    rows += [f"| `{f.name}` | {_cell(type_of(f))} | {_cell(_required(f))} | {_cell(f.help[1])} | {_cell(f.label[0])} | {_cell(f.help[0])} |"
             for f in fields]
    return "\n".join(rows) + "\n"


def reference_page() -> str:
    sections = [
        INTRO,
        "## content/site.yaml: the catalog itself (one file, written by the catalog's maintainers)\n\n" + table(SITE_FIELDS),
        "## content/owners/ID.md: an organisation that offers programs\n\n" + table(OWNER_FIELDS)
        + "\nThe Markdown body is the owner's introduction.\n",
        "## content/programs/ID.md: one program\n\n" + table(PROGRAM_FIELDS)
        + "\nThe Markdown body is the program's description. Raw HTML in it is not trusted: scripts, event\n"
          "handlers, iframes, styles and `javascript:`/`data:` links never reach the page.\n",
        "### location\n\n" + table(LOCATION_FIELDS),
        "### dates: each entry\n\n" + table(DATE_FIELDS),
        OUTRO,
    ]
    return "\n".join(sections)


if __name__ == "__main__":
    print(reference_page(), end="")
