"""docs/content.md is the field table, written out; every field the model holds is in the table."""

from __future__ import annotations

import dataclasses
import os

from conftest import REPO

from catalog.content import fields
from catalog.content.model import Location, Owner, Program, SiteConfig
from catalog.content.reference import reference_page, type_of

PAGE = REPO / "docs" / "content.md"


def test_docs_content_md_is_the_field_table_written_out():
    """UPDATE_DOCS=1 pytest tests/content/test_reference.py writes it again (review the diff)."""
    expected = reference_page()
    if os.environ.get("UPDATE_DOCS"):
        PAGE.write_text(expected, encoding="utf-8")
    assert PAGE.read_text(encoding="utf-8") == expected, (
        "docs/content.md is out of date: run UPDATE_DOCS=1 pytest tests/content/test_reference.py")


def test_every_field_of_the_model_is_in_the_table_and_the_page():
    page = PAGE.read_text(encoding="utf-8")
    for model, table in ((SiteConfig, fields.SITE_FIELDS), (Owner, fields.OWNER_FIELDS), (Program, fields.PROGRAM_FIELDS),
                         (Location, fields.LOCATION_FIELDS)):
        written = {f.name for f in dataclasses.fields(model)} - {"id", "body", "path", "digest", "listing_digest", "lines",
                                                                  "body_line", "state", "stale", "content_language"}
        named = {f.name for f in table}
        # image and logo hold their alternative text in the model; the files keep them as two fields
        assert written ^ named <= {"logo_alt", "image_alt"}, model.__name__
        assert all(f"| `{name}` |" in page for name in named)


def test_types_are_said_in_words_with_their_limits():
    by_name = fields.by_name(fields.PROGRAM_FIELDS)
    assert type_of(by_name["title"]) == "text, ≤ 80 characters"
    assert type_of(by_name["categories"]) == "list of `categories` ids from site.yaml, 1 to 5"
    assert type_of(by_name["format"]) == "`onsite`, `online` or `hybrid`"
    assert type_of(by_name["capacity"]) == "integer, 1 to 1,000,000"


def test_the_published_schema_and_csv_take_their_limits_from_the_table():
    from catalog.site.exports import CSV_COLUMNS, PROGRAMS_SCHEMA

    program = PROGRAMS_SCHEMA["$defs"]["program"]["properties"]
    by_name = fields.by_name(fields.PROGRAM_FIELDS)
    assert program["title"]["maxLength"] == by_name["title"].max_length
    assert (program["categories"]["minItems"], program["categories"]["maxItems"]) == (by_name["categories"].minimum,
                                                                                      by_name["categories"].maximum)
    assert program["format"]["enum"] == list(fields.FORMATS)
    assert CSV_COLUMNS[:4] == ["id", "url", "state", "title"] and "owner_name" in CSV_COLUMNS and "draft" not in CSV_COLUMNS
