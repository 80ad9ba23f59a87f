"""Pieces that many files of the site share, made once per build and kept from one build to the next
in a long-running process (serve): one typed store each.

Each piece is keyed by the digests of the program (and owner) it shows, so an edit makes only its own
pieces again; everything else (templates, settings, the build date) is `common`, and when that
changes every piece is dropped (`renew`). Nothing here is kept on disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import markdown

from catalog.content.model import Program
from catalog.content.markup import make_converter, render_markdown


@dataclass
class Fragments:
    common: str = ""  # site/routes.common_key of the build the pieces below were made for
    converter: markdown.Markdown | None = None  # reset before every document; nothing in it depends on the catalog
    # (program id, digest) -> the description as HTML: made for the index document, taken by the page.
    bodies: dict[tuple[str, str], str] = field(default_factory=dict)
    # (program id, listing digest, owner name, heading) -> the card (_card.html) with root-relative links marked.
    cards: dict[tuple[str, str, str, str], str] = field(default_factory=dict)
    # (program id, listing digest) -> the program's iCalendar events, the same in every calendar it is in.
    events: dict[tuple[str, str], str] = field(default_factory=dict)
    # (program id, digest, owner digest) -> its line of programs.json / row of programs.csv.
    json_lines: dict[tuple[str, str, str], str] = field(default_factory=dict)
    csv_rows: dict[tuple[str, str, str], str] = field(default_factory=dict)
    # (program id, digest, owner digest) -> program_record, made once for both files (taken by the second).
    records: dict[tuple[str, str, str], dict] = field(default_factory=dict)

    def renew(self, common: str) -> None:
        """Drop every piece made for other templates, settings or day."""
        if self.common != common:
            self.bodies.clear()
            self.cards.clear()
            self.events.clear()
            self.json_lines.clear()
            self.csv_rows.clear()
            self.records.clear()
            self.common = common

    def markdown(self) -> markdown.Markdown:
        """The Markdown converter, made on first use: making one takes longer than converting a body."""
        if self.converter is None:
            self.converter = make_converter()
        return self.converter

    def keep_body(self, program: Program) -> str:
        """The description as HTML, kept for the program's page (index documents are made first)."""
        body = self.bodies[(program.id, program.digest)] = render_markdown(program.body, self.markdown())
        return body

    def take_body(self, program: Program) -> str:
        """The description as HTML: the one kept by keep_body (dropped: it is needed once), or made now."""
        body = self.bodies.pop((program.id, program.digest), None)
        return body if body is not None else render_markdown(program.body, self.markdown())
