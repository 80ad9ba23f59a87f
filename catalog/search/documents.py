"""The documents Pagefind reads: one small HTML document per program instead of the visible pages.

A document holds only what visitors search (title, summary, description, organiser, place, labels),
already split into words (segment.py), plus the filters and the metadata the results list shows. The
documents are Outputs in the folder "index" (kept in the build cache, in folders that mirror the site's
URLs under each bundle's name), made by the same process and just before the program's page, which
takes the description it rendered (Fragments.keep_body / take_body).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from functools import partial

from catalog.content import when
from catalog.content.japan import PREFECTURES_BY_NAME
from catalog.content.markup import plain_text, render_markdown
from catalog.content.model import Catalog, Program, SiteConfig, skill_slug
from catalog.messages import UI, pick
from catalog.search import readings
from catalog.search.pagefind import bundles
from catalog.search.segment import REAL_SPACE, inner_words, is_cjk, segment
from catalog.site.fragments import Fragments
from catalog.writing.outputs import Output


def index_outputs(catalog: Catalog, fragments: Fragments) -> list[Output]:
    """Every program's index document, under the name of the bundle it belongs to, keyed like its page."""
    outputs = []
    for name, programs in bundles(catalog).items():
        for program in programs:
            owner = catalog.owners_by_id[program.owner]
            outputs.append(Output(f"{name}/programs/{program.id}/index.html", ("index", program.digest, owner.digest),
                                  partial(_document_bytes, program, catalog, fragments), program.id, "index"))
    return outputs


def _document_bytes(program: Program, catalog: Catalog, fragments: Fragments) -> bytes:
    return index_document(program, catalog, body_html=fragments.keep_body(program)).html.encode("utf-8")


@dataclass(frozen=True)
class IndexDocument:
    url: str  # "programs/ID/"
    html: str


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def _end_sentence(text: str) -> str:
    """Pagefind joins blocks with ". " when a block does not end in punctuation; in Japanese that reads wrong."""
    text = text.strip()
    if not text or text[-1] in "。．！？.!?":
        return text
    return text + ("。" if is_cjk(text[-1]) else ".")


# A word in every document, for listing programs without a query. Pagefind's own query-less search
# (search(null)) asks for every word that starts with "", which loads every index chunk; searching this
# word loads one. search.js has the same word (EVERY_PROGRAM).
EVERY_PROGRAM = "allprograms0"
# Starts the description (after the title), the facts after it (organiser, place, labels…) and the
# other spellings after them: a symbol, which Pagefind keeps in the text it returns but never indexes,
# so that the search page can take its excerpt from the description and no phrase runs across two
# parts. search.js: SECTION.
SECTION = "\u3013"


def index_document(program: Program, catalog: Catalog, converter=None, body_html: str | None = None) -> IndexDocument:
    """What Pagefind reads for one program (pure, for tests); `body_html` when the page already rendered it."""
    language = catalog.config.language
    owner = catalog.owners_by_id[program.owner]
    place = []
    if program.location is not None:
        location = program.location
        place = [location.prefecture, location.municipality or "", location.venue or "", location.address or ""]
    labels = _labels(program, catalog.config)
    body = plain_text(body_html if body_html is not None else render_markdown(program.body, converter))
    facts = [
        owner.name,
        " ".join(part for part in place if part),
        " ".join(labels),
        " ".join(x for x in (program.access, program.audience, program.commitment, program.cost) if x),
        " ".join(program.provided),
    ]
    # (tag, text, starts a section): the title; the summary and description; the facts
    sections = [[("h1", program.title)], [("p", program.summary), *(("p", line) for line in body.splitlines())],
                [("p", fact) for fact in facts]]
    searchable = []
    for number, section in enumerate(sections):
        texts = [(tag, text.replace(SECTION, "")) for tag, text in section if text.strip()]
        searchable += [(tag, text, number > 0 and n == 0) for n, (tag, text) in enumerate(texts)]
    segmented = [(tag, (SECTION + " " if first else "") + segment(_end_sentence(text))) for tag, text, first in searchable]
    parts = [f"<{tag}>{html.escape(text)}</{tag}>" for tag, text in segmented]
    inner = inner_words(" ".join(text for _, text in segmented), segmented=True)  # ICU once per text
    written = readings.spellings("\n".join(text for _, text, _ in searchable),
                                 " ".join(" ".join(text for _, text in segmented).replace(REAL_SPACE, "").split()))
    if written.other:
        # Other spellings of the program's words (申込 -> 申し込み, 申込み; 障がい -> 障害): found by a visitor's
        # spelling as words, weighed lightly so that pages writing it come first, never shown (search.js).
        # 。 between them: no phrase runs from one into the next.
        parts.append(f'<p data-pagefind-weight="0.1">{html.escape(SECTION + " " + " 。 ".join(segment(s) for s in written.other) + " 。")}</p>')

    filters = _filters(program, catalog.today)
    # Pagefind 1.5 makes every metadata value searchable: only what a visitor may search goes here
    # (state and format are read from the result's filters; the deadline is one token no word starts like).
    # The title and the organiser as written (full-width punctuation, real spaces): the results list
    # shows them; their words are searched in the text above, so the whole-line tokens add nothing.
    meta = [
        ("title", program.title),
        ("owner", owner.name),
        ("deadline", "d" + program.deadline.strftime("%Y%m%d") if program.deadline else ""),
        ("prefecture", PREFECTURES_BY_NAME[program.location.prefecture].label(language) if program.location else ""),
        ("inner", inner),
        ("alias", written.readings),  # readings (readings.py): ヽフクシヽ, matched only whole
        ("all", EVERY_PROGRAM),
    ]
    tags = [f'<span data-pagefind-filter="{_attr(k)}:{_attr(v)}"></span>' for k, v in filters]
    tags += [f'<span data-pagefind-meta="{_attr(k)}:{_attr(v)}"></span>' for k, v in meta if v]
    document = (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>{html.escape(program.title)}</title></head>'
        f"<body><main data-pagefind-body>{''.join(parts)}{''.join(tags)}</main></body></html>\n"
    )
    return IndexDocument(f"programs/{program.id}/", document)


def _labels(program: Program, config: SiteConfig) -> list[str]:
    """The words of the program's type, format, categories and skills, as the site labels them."""
    language = config.language
    types = {t.id: t for t in config.types}
    categories = {c.id: c for c in config.categories}
    skills = {s.id: s for s in (config.skills or ())}
    labels = [types[program.type].label(language), pick(UI[f"format_{program.format}"], language)]
    labels += [categories[c].label(language) for c in program.categories]
    labels += [skills[s].label(language) if s in skills else s for s in program.skills]
    return labels


def _filters(program: Program, today: dt.date) -> list[tuple[str, str]]:
    """The search page's filters this program is found by: vocabularies, place, languages and dates."""
    filters = [("type", program.type), ("format", program.format), ("state", program.state.value)]
    filters += [("category", c) for c in program.categories]
    filters += [("skill", skill_slug(s)) for s in program.skills]
    if program.location is not None:
        filters.append(("prefecture", PREFECTURES_BY_NAME[program.location.prefecture].slug))
    filters += [("language", code) for code in dict.fromkeys(program.languages)]
    filters += when.date_filters(program, today)
    return filters


