"""Index: Catalog -> site/pagefind/, through the Pagefind CLI (the pagefind[bin] wheel).

Pagefind is given one small document per program instead of the visible pages
(made by render.render_site beside each page and kept in the build cache, in
folders that mirror the site's URLs): it holds only what visitors search (title,
summary, description, organiser, place, labels), already split into words (see
segment.py), plus the filters and the metadata the results list shows; the sort
orders go into files of their own (write_sorts). The pages stay normal Japanese.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import pagefind_canon, readings, when
from .japan import PREFECTURES_BY_NAME
from .markup import plain_text, render_markdown
from .messages import UI
from .model import Catalog, Program, State
from .render import skill_slug
from .segment import REAL_SPACE, inner_words, is_cjk, segment


class SearchIndexError(Exception):
    """Pagefind failed; the message is its output."""


@dataclass(frozen=True)
class IndexDocument:
    url: str  # "programs/ID/"
    html: str


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def _label(pair: tuple[str, str], language: str) -> str:
    return pair[1] if language == "en" else pair[0]


def _end_sentence(text: str) -> str:
    """Pagefind joins blocks with ". " when a block does not end in punctuation; in Japanese that reads wrong."""
    text = text.strip()
    if not text or text[-1] in "。．！？.!?":
        return text
    return text + ("。" if is_cjk(text[-1]) else ".")


# A word in every document, for listing programs without a query. Pagefind's own query-less search
# (search(null)) asks for every word that starts with "": all 151 index chunks of 10,000 programs, 4 MB.
# Searching this word loads one chunk. search.js has the same word (EVERY_PROGRAM).
EVERY_PROGRAM = "allprograms0"
# Starts the description (after the title), the facts after it (organiser, place, labels…) and the
# other spellings after them: a symbol, which Pagefind keeps in the text it returns but never indexes,
# so that the search page can take its excerpt from the description and no phrase runs across two
# parts. search.js: SECTION.
SECTION = "\u3013"


def index_document(program: Program, catalog: Catalog, converter=None, body_html: str | None = None) -> IndexDocument:
    """What Pagefind reads for one program (pure, for tests); `body_html` when the page already rendered it."""
    config = catalog.config
    language = config.language
    owner = catalog.owners_by_id[program.owner]
    types = {t.id: t for t in config.types}
    categories = {c.id: c for c in config.categories}
    skills = {s.id: s for s in (config.skills or ())}

    place = []
    if program.location is not None:
        location = program.location
        place = [location.prefecture, location.municipality or "", location.venue or "", location.address or ""]
    labels = [types[program.type].label(language), _label(UI[f"format_{program.format}"], language)]
    labels += [categories[c].label(language) for c in program.categories]
    labels += [skills[s].label(language) if s in skills else s for s in program.skills]
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

    filters = [("type", program.type), ("format", program.format), ("state", program.state.value)]
    filters += [("category", c) for c in program.categories]
    filters += [("skill", skill_slug(s)) for s in program.skills]
    if program.location is not None:
        filters.append(("prefecture", PREFECTURES_BY_NAME[program.location.prefecture].slug))
    filters += [("language", code) for code in dict.fromkeys(program.languages)]
    filters += when.date_filters(program, catalog.today)
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


def pagefind_executable() -> Path:
    """The standard binary of the pagefind[bin] wheel, named explicitly.

    `python -m pagefind` prefers the extended binary when one is installed (the
    relevance benchmark installs it to compare); the extended binary would
    segment our already-split Japanese a second time, so the build never uses it.
    """
    try:
        import pagefind_bin
    except ImportError as error:
        raise SearchIndexError("the pagefind[bin] package is not installed") from error
    binary = Path(pagefind_bin.__file__).parent / "pagefind"
    if not binary.is_file():
        raise SearchIndexError(f"no Pagefind binary at {binary}")
    return binary


def _start_pagefind(documents: Path, bundle: Path) -> subprocess.Popen:
    command = [str(pagefind_executable()), "--site", str(documents), "--output-path", str(bundle), "--quiet"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def bundles(catalog: Catalog) -> dict[str, tuple[Program, ...]]:
    """Which programs go into which Pagefind bundle under site/.

    Listed programs (open, closing soon, full) form the main bundle that every
    search loads; closed ones, which only accumulate, go into pagefind-closed/,
    which the search page merges only when a visitor asks for closed programs.
    A catalog with nothing listed puts everything into the main bundle.
    """
    listed = catalog.listed
    closed = tuple(p for p in catalog.programs if p.state is State.CLOSED)
    if not listed:
        return {"pagefind": closed} if closed else {}
    return {"pagefind": listed, **({"pagefind-closed": closed} if closed else {})}


def write_index(catalog: Catalog, site: Path, documents: Path) -> None:
    """Build site/pagefind/ (and site/pagefind-closed/) from the index documents the render wrote
    under documents/<bundle>/ (render.render_site, with_index). The bundles are indexed at the same time.

    Pagefind refuses to build an empty index; a catalog without programs has no
    index, and the search page says that nothing is listed yet.
    """
    running = start_index(catalog, site, documents)
    try:
        finish_index(catalog, site, running)
    except BaseException:
        stop_index(running)
        raise


def start_index(catalog: Catalog, site: Path, documents: Path) -> dict[str, subprocess.Popen]:
    """Start Pagefind on each bundle's documents (a full build does this while it writes the pages)."""
    return {name: _start_pagefind(documents / name, site / name) for name in bundles(catalog)}


def finish_index(catalog: Catalog, site: Path, running: dict[str, subprocess.Popen]) -> None:
    """Wait for the bundles started by start_index, then make them deterministic and add the sort files."""
    failures = []
    for name, process in running.items():
        printed, _ = process.communicate()
        if process.returncode != 0:
            failures.append(printed.strip() or f"pagefind exited with {process.returncode}")
    if failures:
        raise SearchIndexError("\n".join(failures))
    groups = bundles(catalog)
    for name in running:
        try:
            folder, urls = pagefind_canon.canonicalize(site / name)
        except (pagefind_canon.UnsupportedFormat, OSError, ValueError, KeyError) as error:
            raise SearchIndexError(f"could not make the search index deterministic: {error}") from error
        write_sorts(site / name, folder, urls, groups[name])


def stop_index(running: dict[str, subprocess.Popen]) -> None:
    """A build that failed after start_index: Pagefind is stopped, not left writing into a removed folder."""
    for process in running.values():
        if process.poll() is None:
            process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()


def write_sorts(bundle: Path, folder: str, urls: list[str], programs: tuple[Program, ...]) -> None:
    """bundle/sort-deadline-<fragments' folder>.json and sort-newest-…: each page's sort key, by page number.

    Pagefind can sort, but its sort arrays (two numbers per page, in no compressible order) sit in
    the metadata every search downloads: 22 KB of a first search on 10,000 programs. The search page
    fetches one of these files only when a visitor sorts, or lists programs without a query. The keys
    are days since 1970 (few distinct values: they compress to half of a list of page numbers);
    ties keep the page order, which is the order of the addresses.
    """
    by_url = {f"/programs/{p.id}/": p for p in programs}
    pages = [by_url[url] for url in urls]
    epoch = dt.date(1970, 1, 1)
    keys = {
        "deadline": [(dt.date.fromisoformat(p.deadline_sort_key) - epoch).days for p in pages],  # soonest first, ongoing last
        "newest": [(epoch - p.posted).days for p in pages],  # negated: every order is ascending
    }
    for name, values in keys.items():  # one file an order: only the chosen one is fetched
        (bundle / f"sort-{name}-{folder}.json").write_text(json.dumps(values, separators=(",", ":")), encoding="utf-8")


BUNDLES = ("pagefind", "pagefind-closed")


def index_beside(catalog: Catalog, site: Path, documents: Path) -> Path:
    """Build the bundles for a built site in a folder beside it (Pagefind has no incremental mode); swap_index puts them in."""
    fresh = site.with_name(f".{site.name}.index-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    try:
        write_index(catalog, fresh, documents)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return fresh


def swap_index(fresh: Path, site: Path) -> None:
    from .output import swap_in

    for name in BUNDLES:
        if (fresh / name).exists():
            swap_in(fresh / name, site / name)
        elif (site / name).exists():
            shutil.rmtree(site / name)
    shutil.rmtree(fresh, ignore_errors=True)


def remove_index(site: Path) -> None:
    for name in BUNDLES:
        shutil.rmtree(site / name, ignore_errors=True)
