"""Render: Catalog + templates -> {output path: bytes or a file to copy}. Pure: reads templates, writes nothing.

One template per kind of page (templates/*.html), partials start with `_`.
Every page gets a small explicit context: `site`, `page`, and the thing it shows.
Links are relative to the page, so the site works under any sub-path and from
any static server; only the 404 page, served at any depth, uses base_path.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import re
import urllib.parse
import zoneinfo
from collections.abc import Callable, Iterator
from typing import NamedTuple
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import cache, exports, when
from . import messages as message_catalog
from .japan import PREFECTURES, PREFECTURES_BY_NAME
from .markup import make_converter, plain_text, render_markdown
from .model import Catalog, DateRange, Owner, Program, State

PAGE_SIZE = 20
HOME_NEWEST = 8
HOME_CLOSING_SOON = 12  # the rest are one link away (the search, soonest deadline first): the home page stays small
FEED_ENTRIES = 50  # the newest; a feed tells what is new, and 10,000 entries made a 4 MB file
RELATED_LIMIT = 6
FORMATS = ("onsite", "online", "hybrid")

class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in a dict (the fragments of a long-running process): compiling them
    again was a third of serve's rebuild after a one-line edit. Jinja checks each template's checksum."""

    def __init__(self, store: dict):
        self.store = store

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class DuplicateOutput(Exception):
    """Two pages want one path (Pelican's writer refuses this too)."""


@dataclass(frozen=True)
class Listing:
    """One page of a list of programs: all, a type, a category, a prefecture, a skill, a format, the archive."""

    kind: str
    key: str
    title: str
    base: str  # the first page's folder, e.g. "categories/recovery/"
    programs: tuple[Program, ...]  # every program of the listing
    number: int = 1
    description: str = ""

    @property
    def pages(self) -> int:
        return max(1, math.ceil(len(self.programs) / PAGE_SIZE))

    @property
    def items(self) -> tuple[Program, ...]:
        return self.programs[(self.number - 1) * PAGE_SIZE:self.number * PAGE_SIZE]

    @property
    def page_numbers(self) -> list[int | None]:
        """The first, the last and two either side of this one; None marks a gap (10,000 programs make 500 pages)."""
        wanted = {1, self.pages} | set(range(max(1, self.number - 2), min(self.pages, self.number + 2) + 1))
        numbers: list[int | None] = []
        for number in sorted(wanted):
            if numbers and number - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(number)
        return numbers

    def page_url(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}page/{number}/"


@dataclass(frozen=True)
class Facet:
    """A vocabulary to browse by (types, categories, prefectures, skills, formats) with its terms and counts."""

    kind: str  # "types", ...: the URL folder
    title: str
    terms: tuple[tuple[str, str, int], ...]  # (id, label, open programs)


@dataclass(frozen=True)
class PageInfo:
    path: str  # the output file, e.g. "programs/x/index.html"
    url: str  # relative to base_url, e.g. "programs/x/"
    title: str
    description: str
    noindex: bool = False
    absolute_links: bool = False  # the 404 page is served at whatever path was missing
    feeds: tuple[tuple[str, str], ...] = ()  # (title, path) of Atom feeds about this page
    calendar: str | None = None  # path of an iCalendar file about this page
    image: str | None = None  # absolute URL of the picture shared with links to this page
    og_type: str = "website"


_CARD_PAGE = PageInfo("", "", "", "")  # the page cards are rendered for: see Renderer.rendered_card


@dataclass(frozen=True)
class Feed:
    path: str  # e.g. "categories/recovery/feed.xml"
    page: str  # the HTML page it follows, e.g. "categories/recovery/"
    title: str
    all_programs: tuple[Program, ...]  # newest first

    @property
    def id(self) -> str:
        return self.page

    @property
    def programs(self) -> tuple[Program, ...]:
        """The entries: the newest FEED_ENTRIES."""
        return self.all_programs[:FEED_ENTRIES]


# Cards are rendered once with links marked like this (a NUL cannot come from content: load refuses it).
_ROOT_MARK = "\x00root\x00/"


def _relative(from_url: str, target: str) -> str:
    """A link from page `from_url` (a folder URL relative to the base) to `target` (also relative to the base)."""
    depth = from_url.count("/")
    prefix = "../" * depth
    return (prefix + target) or "./"


class Renderer:
    def __init__(self, catalog: Catalog, templates: Path, fragments: dict | None = None):
        self.catalog = catalog
        self.config = catalog.config
        self.language = catalog.config.language
        self.types = {t.id: t for t in catalog.config.types}
        self.categories = {c.id: c for c in catalog.config.categories}
        self.skills = {s.id: s for s in (catalog.config.skills or ())}
        self.fragments = {} if fragments is None else fragments  # see render_site
        self._card_template = None
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            bytecode_cache=_CompiledTemplates(self.fragments.setdefault("templates", {})),
            autoescape=jinja2.select_autoescape(["html", "xml"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.offset = dt.datetime(2026, 1, 1, tzinfo=zoneinfo.ZoneInfo(self.config.timezone)).strftime("%z")
        self.env.globals.update(
            entry_id=self.entry_id,
            t=self.text,
            t_raw=self.raw_text,
            url=self.url,
            rendered_card=self.rendered_card,
            absolute_url=self.absolute_url,
            lang_attr=self.lang_attr,
            State=State,
        )
        self.env.filters.update(
            # 'key'|t and 'path/'|url in templates: Jinja calls a filter directly, a global through
            # Context.call with checks on every call (a sixth of a program page); t() and url() stay
            # globals for templates written that way.
            t=self.text,
            url=self.url,
            date=self.format_date,
            date_range=self.format_date_range,
            type_label=lambda i: self.types[i].label(self.language),
            category_label=lambda i: self.categories[i].label(self.language),
            skill_label=self.skill_label,
            prefecture_label=self.prefecture_label,
            format_label=lambda f: self.text(f"format_{f}"),
            kind_label=lambda k: self.text(f"kind_{k}"),
            state_label=self.state_label,
            language_name=self.language_name,
            state_class=lambda s: s.value,
            feed_time=lambda day: f"{day.isoformat()}T00:00:00{self.offset[:3]}:{self.offset[3:]}",
        )

    @functools.cached_property
    def converter(self):
        """Made on first use, and kept in `fragments` for the next build (serve): building one takes
        longer than converting a body."""
        converter = self.fragments.get("converter")
        if converter is None:
            converter = self.fragments["converter"] = make_converter()
        return converter

    # ---------------------------------------------------------- template helpers

    def text(self, key: str, **args: object) -> str:
        ja, en = message_catalog.UI[key]
        return (en if self.language == "en" else ja).format(**args)

    def entry_id(self, program: Program) -> str:
        """A feed entry's permanent id: a tag URI from the site's host and the program's id and first date."""
        host = urllib.parse.urlsplit(self.config.base_url).hostname
        return f"tag:{host},{program.posted.isoformat()}:programs/{program.id}"

    def raw_text(self, key: str) -> str:
        """A message with its {placeholders} left in, for the search page's script to fill."""
        ja, en = message_catalog.UI[key]
        return en if self.language == "en" else ja

    @jinja2.pass_context
    def url(self, context, target: str) -> str:
        page = context["page"]
        if page is _CARD_PAGE:
            return _ROOT_MARK + target
        if page.absolute_links:
            return self.config.base_path + target
        return _relative(page.url, target)

    def absolute_url(self, target: str) -> str:
        return self.config.base_url + target

    def lang_attr(self, program: Program) -> Markup:
        if program.content_language != self.language:
            return Markup(f' lang="{program.content_language}"')
        return Markup("")

    def skill_label(self, skill: str) -> str:
        term = self.skills.get(skill)
        return term.label(self.language) if term else skill

    def prefecture_label(self, name: str) -> str:
        return PREFECTURES_BY_NAME[name].label(self.language)

    def state_label(self, program: Program) -> str:
        if program.state is State.CLOSED and program.status == "cancelled":
            return self.text("state_cancelled")
        return self.text("state_" + program.state.value.replace("-", "_"))

    def month_title(self, month: str) -> str:
        return when.month_label(month, self.text("month_names").split(","), self.raw_text("month_title"))

    def language_name(self, code: str) -> str:
        return message_catalog.LANGUAGE_NAMES.get(code, (code, code))[1 if self.language == "en" else 0]

    def format_date(self, value: dt.date | dt.datetime, with_year: bool = True) -> str:
        day = value.date() if isinstance(value, dt.datetime) else value
        weekday = self.text("weekdays").split(",")[day.weekday()]
        if self.language == "en":
            text = f"{weekday} {day.day} {day:%b}" + (f" {day.year}" if with_year else "")
        else:
            text = (f"{day.year}年" if with_year else "") + f"{day.month}月{day.day}日({weekday})"
        if isinstance(value, dt.datetime):
            text += f" {value.hour}:{value:%M}"
        return text

    def format_date_range(self, when: DateRange) -> Markup:
        start, end = when.start, when.end
        separator = "–" if self.language == "en" else "〜"
        start_html = self._time(start, self.format_date(start))
        if end is None:
            return start_html
        if when.first_day == when.last_day and isinstance(end, dt.datetime):
            return start_html + Markup(separator) + self._time(end, f"{end.hour}:{end:%M}")
        same_year = when.first_day.year == when.last_day.year
        return start_html + Markup(separator) + self._time(end, self.format_date(end, with_year=not same_year or self.language == "en"))

    @staticmethod
    def _time(value: dt.date | dt.datetime, label: str) -> Markup:
        machine = value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, dt.datetime) else value.isoformat()
        return Markup('<time datetime="{}">{}</time>').format(machine, label)

    # ---------------------------------------------------------------- pages

    def markdown(self, text: str) -> Markup:
        return Markup(render_markdown(text, self.converter))

    def page(self, template: str, page: PageInfo, **context: object) -> bytes:
        site = SiteView(self.catalog, self.facets())
        html = self.env.get_template(template).render(site=site, page=page, **context)
        return html.encode("utf-8")

    def program_page(self, program: Program, owner: Owner, related: list[Program], feeds: tuple[tuple[str, str], ...]) -> bytes:
        url = f"programs/{program.id}/"
        image = f"{self.config.base_url}{url}{urllib.parse.quote(program.image.name)}" if program.image else None
        own_calendar = url + "calendar.ics" if program.dates and program.state is not State.CLOSED else None
        info = PageInfo(url + "index.html", url, program.title, program.summary, image=image, og_type="article",
                        calendar=own_calendar, feeds=feeds)
        # Rendered already when the index document was made, just before (by this process).
        body = Markup(self.fragments.pop(("body", program.id, program.digest), None) or render_markdown(program.body, self.converter))
        return self.page("program.html", info, program=program, owner=owner, related=related, body=body,
                         json_ld=Markup(exports.json_ld(self.catalog, program, owner, image)))

    def index_document(self, program: Program) -> bytes:
        from .search import index_document

        body = self.fragments[("body", program.id, program.digest)] = render_markdown(program.body, self.converter)  # for the page, next
        return index_document(program, self.catalog, self.converter, body).html.encode("utf-8")

    def flyer(self, program: Program, owner: Owner) -> bytes:
        url = f"programs/{program.id}/flyer/"
        info = PageInfo(url + "index.html", url, self.text("flyer") + ": " + program.title, program.summary, noindex=True)
        qr = Markup(exports.qr_svg(program.signup_url, self.text("flyer_qr_title")))
        return self.page("flyer.html", info, program=program, owner=owner, qr=qr)

    def owner_page(self, info: Callable[..., PageInfo], owner: Owner, programs: list[Program]) -> bytes:
        page = info(description=_first_line(owner.body) or owner.name)
        return self.page("owner.html", page, owner=owner, programs=programs, body=self.markdown(owner.body))

    def calendar(self, programs: list[Program], name: str) -> bytes:
        return exports.calendar(self.catalog, programs, name, self.fragments)

    @jinja2.pass_context
    def rendered_card(self, context, program: Program, heading: str = "h3") -> Markup:
        """A program's card (templates/_card.html), rendered once per build and reused on every page.

        Cards are most of the HTML of listings and program pages (10,000 programs: 120,000 cards). The
        card is rendered with links marked as relative to the site's root, and each page puts its own
        way to the root in their place.
        """
        key = ("card", program.id, program.listing_digest, self.catalog.owners_by_id[program.owner].name, heading)
        cached = self.fragments.get(key)
        if cached is None:
            cached = self.fragments[key] = str(self._card_module().card(program, heading))
        page = context["page"]
        prefix = self.config.base_path if page.absolute_links else "../" * page.url.count("/")
        return Markup(cached.replace(_ROOT_MARK, prefix))

    def _card_module(self):
        if self._card_template is None:
            view = SiteView(self.catalog, self.facets())
            self._card_template = self.env.get_template("_card.html").make_module({"site": view, "page": _CARD_PAGE})
        return self._card_template

    def facets(self) -> tuple[Facet, ...]:
        return self._facets

    def prepare(self, groups: dict[tuple[str, str], tuple[Program, ...]]) -> None:
        """The facets with their counts of listed programs; `groups` is _grouped(catalog.listed)."""
        counts = {(kind, PREFECTURES_BY_NAME[term].slug if kind == "prefectures" else term): len(members)
                  for (kind, term), members in groups.items()}
        lang = self.language
        used = {p.location.prefecture for p in self.catalog.programs if p.location is not None}
        self._facets = (
            Facet("types", self.text("browse_types"), tuple((t.id, t.label(lang), counts.get(("types", t.id), 0)) for t in self.config.types)),
            Facet("categories", self.text("browse_categories"), tuple((c.id, c.label(lang), counts.get(("categories", c.id), 0)) for c in self.config.categories)),
            Facet("prefectures", self.text("browse_prefectures"), tuple((p.slug, p.label(lang), counts.get(("prefectures", p.slug), 0)) for p in PREFECTURES if p.ja in used)),
            Facet("formats", self.text("browse_formats"), tuple((f, self.text(f"format_{f}"), counts.get(("formats", f), 0)) for f in FORMATS)),
            Facet("skills", self.text("browse_skills"), tuple((skill_slug(s), self.skill_label(s), counts.get(("skills", s), 0)) for s in self._skill_ids())),
        )

    def _skill_ids(self) -> list[str]:
        if self.config.skills is not None:
            return [s.id for s in self.config.skills]
        return sorted({s for p in self.catalog.programs for s in p.skills})


@dataclass(frozen=True)
class SiteView:
    """What every template may read about the catalog as a whole."""

    catalog: Catalog
    facets: tuple[Facet, ...]

    @property
    def config(self):
        return self.catalog.config

    @property
    def language(self) -> str:
        return self.catalog.config.language

    @property
    def today(self) -> dt.date:
        return self.catalog.today

    @property
    def search_archive(self) -> bool:
        """Closed programs have their own search bundle (see search.bundles)."""
        listed = self.catalog.listed
        return bool(listed) and len(listed) < len(self.catalog.programs)


def _grouped(programs: tuple[Program, ...]) -> dict[tuple[str, str], tuple[Program, ...]]:
    """Programs by (vocabulary, term), order kept: one pass, where a scan per term made 10,000 programs
    times 200 terms."""
    groups: dict[tuple[str, str], list[Program]] = {}
    for program in programs:
        keys = [("types", program.type), ("formats", program.format)]
        keys += [("categories", c) for c in dict.fromkeys(program.categories)]
        keys += [("skills", s) for s in dict.fromkeys(program.skills)]
        if program.location is not None:
            keys.append(("prefectures", program.location.prefecture))
        for key in keys:
            groups.setdefault(key, []).append(program)
    return {key: tuple(members) for key, members in groups.items()}


def _listings_for(catalog: Catalog, renderer: Renderer, groups) -> list[Listing]:
    listed = catalog.listed
    text = renderer.text
    result = [Listing("all", "", text("all_programs"), "all/", listed, description=text("all_programs_description"))]
    closed = tuple(p for p in catalog.programs if p.state is State.CLOSED)
    result.append(Listing("archive", "", text("archive"), "archive/", closed, description=text("archive_description")))
    for term in catalog.config.types:
        result.append(Listing("types", term.id, term.label(renderer.language), f"types/{term.id}/",
                              groups.get(("types", term.id), ())))
    for term in catalog.config.categories:
        result.append(Listing("categories", term.id, term.label(renderer.language), f"categories/{term.id}/",
                              groups.get(("categories", term.id), ())))
    # Only prefectures that have programs (closed ones included, so a page does not vanish when they close).
    used = {p.location.prefecture for p in catalog.programs if p.location is not None}
    for prefecture in (p for p in PREFECTURES if p.ja in used):
        result.append(Listing("prefectures", prefecture.slug, prefecture.label(renderer.language), f"prefectures/{prefecture.slug}/",
                              groups.get(("prefectures", prefecture.ja), ())))
    for skill in renderer._skill_ids():
        result.append(Listing("skills", skill, renderer.skill_label(skill), f"skills/{skill_slug(skill)}/",
                              groups.get(("skills", skill), ())))
    for form in FORMATS:
        result.append(Listing("formats", form, text(f"format_{form}"), f"formats/{form}/",
                              groups.get(("formats", form), ())))
    for month, programs in when.programs_by_month(listed).items():  # reachable without the search page's script
        title = renderer.month_title(month)
        result.append(Listing("months", month, title, f"months/{month}/", programs,
                              description=text("month_description", title=title)))
    return result


@dataclass(frozen=True)
class SearchChoices:
    """The search page's filters that are not browsing vocabularies: languages, weekdays, months."""

    languages: tuple[tuple[str, str, int], ...]  # (code, name, listed programs using it)
    weekdays: tuple[tuple[str, str], ...]  # (id, label)
    months: tuple[tuple[str, str], ...]  # (YYYY-MM, title): the month listings
    day_horizon: int


def _search_choices(catalog: Catalog, renderer: Renderer) -> SearchChoices:
    used: dict[str, int] = {}
    for program in catalog.listed:
        for code in dict.fromkeys(program.languages):
            used[code] = used.get(code, 0) + 1
    # The site's own language first, then by use.
    codes = sorted(used, key=lambda code: (code != renderer.language, -used[code], code))
    labels = renderer.text("weekdays").split(",")
    months = tuple((month, renderer.month_title(month)) for month in when.programs_by_month(catalog.listed))
    return SearchChoices(tuple((code, renderer.language_name(code), used[code]) for code in codes),
                         tuple(zip(when.WEEKDAYS, labels)), months, when.DAY_HORIZON)


def _feeds(catalog: Catalog, renderer: Renderer, groups, open_of: dict[str, list[Program]]) -> list[Feed]:
    """Atom feeds of open programs: the whole catalog, and per owner, category and prefecture."""
    text, language = renderer.text, renderer.language
    listed = catalog.listed
    feeds = [Feed("feed.xml", "", text("feed_all", site=catalog.config.title), listed)]
    for owner in catalog.owners:
        feeds.append(Feed(f"owners/{owner.id}/feed.xml", f"owners/{owner.id}/", text("feed_of", title=owner.name),
                          tuple(open_of[owner.id])))
    for term in catalog.config.categories:
        feeds.append(Feed(f"categories/{term.id}/feed.xml", f"categories/{term.id}/", text("feed_of", title=term.label(language)),
                          groups.get(("categories", term.id), ())))
    used = {p.location.prefecture for p in catalog.programs if p.location is not None}
    for prefecture in (p for p in PREFECTURES if p.ja in used):
        feeds.append(Feed(f"prefectures/{prefecture.slug}/feed.xml", f"prefectures/{prefecture.slug}/",
                          text("feed_of", title=prefecture.label(language)),
                          groups.get(("prefectures", prefecture.ja), ())))
    return feeds


def _dated(programs) -> list[Program]:
    return [p for p in programs if p.dates or p.deadline]


class Output(NamedTuple):
    """One file of the site: where it goes, a key of everything its bytes depend on, and how to make them.

    Keys are computed before anything is rendered, so that a rebuild renders only the files whose key
    changed (output.plan_update). A key must cover every input of `make`: the byte-identity tests in
    tests/test_incremental.py edit each kind of input and compare with a clean build. Templates can
    reach the whole catalog through `site`; the keys cover what the shipped templates read, and a
    template that reads more (say, a count of all programs in _base.html) needs its key extended here.
    A named tuple: 38,000 of them are made for every build, most only to compare their keys.
    """

    path: str
    key: tuple[str, ...]  # with the manifest's `common` (render.common_key), what the bytes depend on
    make: Callable[[], "bytes | Path"]
    program: str = ""  # the program a per-program file belongs to: the bulk of a full build, shared by two processes
    folder: str = ""  # "" for site/; "index" for the documents Pagefind reads (kept in the build cache)
    late: bool = False  # data files (programs.json, ...): serve writes them after the pages, like the index

    @property
    def address(self) -> str:
        """The output's name in the manifest: unique across folders."""
        return f"{self.folder}:{self.path}" if self.folder else self.path


def common_key(catalog: Catalog, templates: Path) -> str:
    """What every file depends on: the builder, the templates, the settings and the day (states, deadlines)."""
    return cache.digest(cache.code_version(), templates_digest(templates), repr(catalog.config), catalog.today.isoformat())


def content_key(catalog: Catalog, common: str) -> str:
    """What the whole site depends on: `common` and every program and owner as written (their digests
    cover their files' bytes and the images they name). The same key, the same site."""
    return cache.digest(common, *(p.digest for p in catalog.programs), *(o.digest for o in catalog.owners))


def templates_digest(templates: Path) -> str:
    """Every template and asset, by name and bytes."""
    files = sorted(p for p in templates.rglob("*") if p.is_file())
    return cache.digest(*(part for f in files for part in (f.relative_to(templates).as_posix(), f.read_bytes())))


def render_site(catalog: Catalog, templates: Path, fragments: dict | None = None, with_index: bool = False) -> Iterator[Output]:
    """Every page, asset, image, feed, calendar and data file of the site, as Outputs (not yet rendered).

    Nothing is rendered here: the writer calls `make` for the files it needs, and stores each one as it
    comes (10,000 programs make 28,000 files; holding them all took more than 500 MB).

    `fragments` keeps pieces that many files share (cards, a program's calendar events, its line of
    programs.json and of programs.csv) from one build to the next in a long-running process (serve);
    they are keyed by the program's and owner's digests and dropped when anything else changes.

    `with_index` adds the documents Pagefind reads, one per program (folder "index"): made beside the
    program's page, from the same rendered body, by the same process.
    """
    from . import search  # here: search imports skill_slug from this module
    config = catalog.config
    common = common_key(catalog, templates)
    fragments = {} if fragments is None else fragments
    if fragments.get("common") != common:
        # Kept: compiled templates (Jinja checks each against its template's source) and the Markdown
        # converter (reset before every document; nothing in it depends on the catalog).
        kept = {name: fragments[name] for name in ("templates", "converter") if name in fragments}
        fragments.clear()
        fragments.update(kept, common=common)
    renderer = Renderer(catalog, templates, fragments)
    groups = _grouped(catalog.listed)
    renderer.prepare(groups)
    text = renderer.text
    page = renderer.page
    sitemap: list[tuple[str, dt.date | None]] = []
    everything = content_key(catalog, common)
    # Keys are tuples, not hashes (38,000 per build); what all files share is the manifest's `common`.

    # Cards and feed entries show a program without its description, and its owner's name; keyed by
    # id(): the same program objects fill every list, and 3,000 lists of 10,000 programs are keyed per build.
    owner_name_of = {o.id: o.name for o in catalog.owners}
    card_key_of = {id(p): p.listing_digest + owner_name_of[p.owner] for p in catalog.programs}

    def with_owners(programs) -> list[str]:
        return [card_key_of[id(p)] for p in programs]

    open_of_all = {owner.id: [p for p in catalog.programs_of(owner.id) if p.state is not State.CLOSED] for owner in catalog.owners}
    feeds = _feeds(catalog, renderer, groups, open_of_all)
    feed_of = {feed.page: ((feed.title, feed.path),) for feed in feeds}
    for feed in feeds:
        updated = max((p.last_changed for p in feed.programs), default=dt.date(2000, 1, 1))
        info = PageInfo(feed.path, feed.page, feed.title, "")
        yield Output(feed.path, (repr(info), *with_owners(feed.programs)),
                     partial(page, "feed.xml", info, feed=feed, updated=updated))
    # Calendars follow the same pages as the feeds, for programs with dates or a deadline.
    calendars = {"": "calendar.ics"}
    whole = _dated(catalog.listed)
    yield Output("calendar.ics", ("calendar.ics", *(p.listing_digest for p in whole)), partial(renderer.calendar, whole, config.title))
    for feed in feeds[1:]:
        path = feed.page + "calendar.ics"
        calendars[feed.page] = path
        dated = _dated(feed.all_programs)
        yield Output(path, (path, feed.title, *(p.listing_digest for p in dated)), partial(renderer.calendar, dated, feed.title))

    closing_soon = sorted((p for p in catalog.listed if p.state is State.CLOSING_SOON), key=lambda p: (p.deadline, p.id))
    newest = catalog.listed[:HOME_NEWEST]
    home = PageInfo("index.html", "", config.title, config.description, feeds=feed_of[""], calendar="calendar.ics")
    yield Output(home.path, (repr(home), str(len(closing_soon)), str(len(catalog.listed)), repr(renderer.facets()),
                                *with_owners(closing_soon[:HOME_CLOSING_SOON]), *with_owners(newest)),
                 partial(page, "home.html", home, closing_soon=closing_soon, home_closing_soon=HOME_CLOSING_SOON,
                         newest=newest, listed_count=len(catalog.listed)))
    sitemap.append(("", None))

    bundle_of = {p.id: name for name, programs in search.bundles(catalog).items() for p in programs} if with_index else {}
    open_of = {owner_id: programs[:RELATED_LIMIT + 1] for owner_id, programs in open_of_all.items()}
    # The loop that runs 10,000 times on every rebuild: tuple keys, positional fields, nothing rendered.
    related_of = {owner_id: [(p, p.listing_digest) for p in programs] for owner_id, programs in open_of.items()}
    program_page, flyer, calendar, index_document = renderer.program_page, renderer.flyer, renderer.calendar, renderer.index_document
    for program in catalog.programs:
        owner = catalog.owners_by_id[program.owner]
        url = f"programs/{program.id}/"
        digest, owner_digest = program.digest, owner.digest
        # Everything on the page follows from the program, its owner and its related programs (and `common`).
        related = [(p, d) for p, d in related_of[owner.id] if p is not program][:RELATED_LIMIT]
        yield Output(url + "index.html", ("page", digest, owner_digest, *(d for _, d in related)),
                     partial(program_page, program, owner, [p for p, _ in related], feed_of[f"owners/{owner.id}/"]), program.id)
        sitemap.append((url, program.last_changed))
        if program.image is not None:
            yield Output(url + program.image.name, ("image", digest), partial(Path, program.image.source))
        if program.dates and program.state is not State.CLOSED:
            yield Output(url + "calendar.ics", ("calendar", digest), partial(calendar, [program], program.title), program.id)
        yield Output(url + "flyer/index.html", ("flyer", digest, owner_digest), partial(flyer, program, owner), program.id)
        bundle = bundle_of.get(program.id)
        if bundle is not None:
            yield Output(f"{bundle}/{url}index.html", ("index", digest, owner_digest), partial(index_document, program), program.id, "index")

    owners_info = PageInfo("owners/index.html", "owners/", text("owners"), text("owners_description"))
    open_counts = ",".join(str(len(open_of_all[o.id])) for o in catalog.owners)
    yield Output(owners_info.path, (repr(owners_info), open_counts, *(o.digest for o in catalog.owners)),
                 partial(page, "owners.html", owners_info, owners=[(o, catalog.programs_of(o.id)) for o in catalog.owners]))
    sitemap.append(("owners/", None))
    for owner in catalog.owners:
        url = f"owners/{owner.id}/"
        programs = catalog.programs_of(owner.id)
        open_first = open_of_all[owner.id] + [p for p in programs if p.state is State.CLOSED]  # each newest first
        logo = f"{config.base_url}{url}{urllib.parse.quote(owner.logo.name)}" if owner.logo else None
        # The page's description comes from the introduction (Markdown): only made when the page is.
        info = partial(PageInfo, url + "index.html", url, owner.name, feeds=feed_of[url], calendar=calendars[url], image=logo)
        yield Output(url + "index.html", (repr(info), owner.digest, *(p.listing_digest for p in open_first)),
                     partial(renderer.owner_page, info, owner, open_first))
        sitemap.append((url, None))
        if owner.logo is not None:
            yield Output(url + owner.logo.name, ("logo", owner.digest), partial(Path, owner.logo.source))

    for listing in _listings_for(catalog, renderer, groups):
        for number in range(1, listing.pages + 1):
            page_listing = replace(listing, number=number)
            url = page_listing.page_url(number)
            title = listing.title if number == 1 else text("page_title", title=listing.title, number=number)
            description = listing.description or text("listing_description", title=listing.title)
            info = PageInfo(url + "index.html", url, title, description, feeds=feed_of.get(listing.base, ()),
                            calendar=calendars.get(listing.base))
            yield Output(info.path, (repr(info), str(listing.pages), *with_owners(page_listing.items)),
                         partial(page, "listing.html", info, listing=page_listing))
            sitemap.append((url, None))

    choices = _search_choices(catalog, renderer)
    months = Facet("months", text("browse_months"),
                   tuple((month, title, len(programs)) for (month, title), programs
                         in zip(choices.months, when.programs_by_month(catalog.listed).values())))
    for facet in (*renderer.facets(), *((months,) if months.terms else ())):
        url = f"{facet.kind}/"
        info = PageInfo(url + "index.html", url, facet.title, text("facet_description", title=facet.title))
        yield Output(info.path, (repr(info), repr(facet)), partial(page, "facet.html", info, facet=facet))
        sitemap.append((url, None))

    site_view = SiteView(catalog, renderer.facets())
    search = PageInfo("search/index.html", "search/", text("search"), text("search_description"))
    yield Output(search.path, (repr(search), str(site_view.search_archive), repr(renderer.facets()), repr(choices)),
                 partial(page, "search.html", search, choices=choices))
    sitemap.append(("search/", None))

    # Served by GitHub Pages for any missing path, at any depth: its links use the base path.
    missing = PageInfo("404.html", "404.html", text("not_found"), text("not_found_description"), noindex=True, absolute_links=True)
    yield Output(missing.path, (repr(missing),), partial(page, "404.html", missing))

    yield Output("programs.json", (everything, "programs.json"), partial(exports.programs_json, catalog, fragments), late=True)
    yield Output("programs.schema.json", ("programs.schema.json",), exports.programs_schema)
    yield Output("programs.csv", (everything, "programs.csv"), partial(exports.programs_csv, catalog, fragments), late=True)
    yield Output("owners.json", (everything, "owners.json"), partial(exports.owners_json, catalog), late=True)
    yield Output("sitemap.xml", (everything, "sitemap.xml"), partial(exports.sitemap, catalog, sitemap), late=True)
    if exports.robots(catalog) is not None:
        yield Output("robots.txt", ("robots.txt",), partial(exports.robots, catalog))

    assets = templates / "assets"
    for source in sorted(assets.rglob("*")):
        if source.is_file():
            make = partial(served_script, source) if source.suffix == ".js" else partial(Path, source)
            yield Output("assets/" + source.relative_to(assets).as_posix(), ("asset", source.as_posix()), make)


def served_script(source: Path) -> bytes:
    """Our script without its comment lines: they explain the rules to maintainers, and were a third
    of what a phone downloads of it for the first search (the search page's byte budget)."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.lstrip().startswith("//")).encode("utf-8")


def _first_line(markdown_text: str) -> str:
    for line in plain_text(render_markdown(markdown_text)).splitlines():
        if line.strip():
            return line.strip()[:140]
    return ""


def skill_slug(skill: str) -> str:
    """Vocabulary ids are URL-safe already; free-text skills (no `skills` in site.yaml) get a stable ASCII name."""
    if re.fullmatch(r"[a-z0-9-]{1,64}", skill):
        return skill
    return "s-" + hashlib.sha1(skill.encode("utf-8")).hexdigest()[:10]


