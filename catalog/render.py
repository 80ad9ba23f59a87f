"""Render: Catalog + templates -> {output path: bytes or a file to copy}. Pure: reads templates, writes nothing.

One template per kind of page (templates/*.html), partials start with `_`.
Every page gets a small explicit context: `site`, `page`, and the thing it shows.
Links are relative to the page, so the site works under any sub-path and from
any static server; only the 404 page, served at any depth, uses base_path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import urllib.parse
import zoneinfo
from dataclasses import dataclass
from collections.abc import Iterator
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import exports
from . import messages as message_catalog
from .japan import PREFECTURES, PREFECTURES_BY_NAME
from .markup import make_converter, plain_text, render_markdown
from .model import Catalog, DateRange, Program, State

PAGE_SIZE = 20
HOME_NEWEST = 8
RELATED_LIMIT = 6
FORMATS = ("onsite", "online", "hybrid")

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


@dataclass(frozen=True)
class Feed:
    path: str  # e.g. "categories/recovery/feed.xml"
    page: str  # the HTML page it follows, e.g. "categories/recovery/"
    title: str
    programs: tuple[Program, ...]  # newest first

    @property
    def id(self) -> str:
        return self.page


def _relative(from_url: str, target: str) -> str:
    """A link from page `from_url` (a folder URL relative to the base) to `target` (also relative to the base)."""
    depth = from_url.count("/")
    prefix = "../" * depth
    return (prefix + target) or "./"


class Renderer:
    def __init__(self, catalog: Catalog, templates: Path):
        self.catalog = catalog
        self.config = catalog.config
        self.language = catalog.config.language
        self.types = {t.id: t for t in catalog.config.types}
        self.categories = {c.id: c for c in catalog.config.categories}
        self.skills = {s.id: s for s in (catalog.config.skills or ())}
        self.converter = make_converter()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
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
            absolute_url=self.absolute_url,
            lang_attr=self.lang_attr,
            State=State,
        )
        self.env.filters.update(
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

    def facets(self) -> tuple[Facet, ...]:
        return self._facets

    def prepare(self) -> None:
        listed = self.catalog.listed
        counts: dict[tuple[str, str], int] = {}
        for program in listed:
            keys = [("types", program.type), ("formats", program.format)]
            keys += [("categories", c) for c in program.categories]
            keys += [("skills", s) for s in program.skills]
            if program.location is not None:
                keys.append(("prefectures", PREFECTURES_BY_NAME[program.location.prefecture].slug))
            for key in keys:
                counts[key] = counts.get(key, 0) + 1
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


def _listings_for(catalog: Catalog, renderer: Renderer) -> list[Listing]:
    listed = catalog.listed
    text = renderer.text
    result = [Listing("all", "", text("all_programs"), "all/", listed, description=text("all_programs_description"))]
    closed = tuple(p for p in catalog.programs if p.state is State.CLOSED)
    result.append(Listing("archive", "", text("archive"), "archive/", closed, description=text("archive_description")))
    for term in catalog.config.types:
        result.append(Listing("types", term.id, term.label(renderer.language), f"types/{term.id}/",
                              tuple(p for p in listed if p.type == term.id)))
    for term in catalog.config.categories:
        result.append(Listing("categories", term.id, term.label(renderer.language), f"categories/{term.id}/",
                              tuple(p for p in listed if term.id in p.categories)))
    # Only prefectures that have programs (closed ones included, so a page does not vanish when they close).
    used = {p.location.prefecture for p in catalog.programs if p.location is not None}
    for prefecture in (p for p in PREFECTURES if p.ja in used):
        result.append(Listing("prefectures", prefecture.slug, prefecture.label(renderer.language), f"prefectures/{prefecture.slug}/",
                              tuple(p for p in listed if p.location and p.location.prefecture == prefecture.ja)))
    for skill in renderer._skill_ids():
        result.append(Listing("skills", skill, renderer.skill_label(skill), f"skills/{skill_slug(skill)}/",
                              tuple(p for p in listed if skill in p.skills)))
    for form in FORMATS:
        result.append(Listing("formats", form, text(f"format_{form}"), f"formats/{form}/",
                              tuple(p for p in listed if p.format == form)))
    return result


def _feeds(catalog: Catalog, renderer: Renderer) -> list[Feed]:
    """Atom feeds of open programs: the whole catalog, and per owner, category and prefecture."""
    text, language = renderer.text, renderer.language
    listed = catalog.listed
    feeds = [Feed("feed.xml", "", text("feed_all", site=catalog.config.title), listed)]
    for owner in catalog.owners:
        feeds.append(Feed(f"owners/{owner.id}/feed.xml", f"owners/{owner.id}/", text("feed_of", title=owner.name),
                          tuple(p for p in listed if p.owner == owner.id)))
    for term in catalog.config.categories:
        feeds.append(Feed(f"categories/{term.id}/feed.xml", f"categories/{term.id}/", text("feed_of", title=term.label(language)),
                          tuple(p for p in listed if term.id in p.categories)))
    used = {p.location.prefecture for p in catalog.programs if p.location is not None}
    for prefecture in (p for p in PREFECTURES if p.ja in used):
        feeds.append(Feed(f"prefectures/{prefecture.slug}/feed.xml", f"prefectures/{prefecture.slug}/",
                          text("feed_of", title=prefecture.label(language)),
                          tuple(p for p in listed if p.location and p.location.prefecture == prefecture.ja)))
    return feeds


def _dated(programs) -> list[Program]:
    return [p for p in programs if p.dates or p.deadline]


def render_site(catalog: Catalog, templates: Path) -> Iterator[tuple[str, "bytes | Path"]]:
    """Every page, asset, image, feed, calendar and data file of the site as (path under site/, content).

    A generator, so that the writer can store each page as it comes: 10,000 programs make 23,000 files,
    and holding them all took more than 500 MB.
    """
    renderer = Renderer(catalog, templates)
    renderer.prepare()
    text = renderer.text
    config = catalog.config
    sitemap: list[tuple[str, dt.date | None]] = []

    feeds = _feeds(catalog, renderer)
    feed_of = {feed.page: ((feed.title, feed.path),) for feed in feeds}
    for feed in feeds:
        updated = max((p.last_changed for p in feed.programs), default=dt.date(2000, 1, 1))
        page = PageInfo(feed.path, feed.page, feed.title, "")
        yield feed.path, renderer.page("feed.xml", page, feed=feed, updated=updated)
    # Calendars follow the same pages as the feeds, for programs with dates or a deadline.
    calendars = {"": "calendar.ics"}
    yield "calendar.ics", exports.calendar(catalog, _dated(catalog.listed), config.title)
    for feed in feeds[1:]:
        path = feed.page + "calendar.ics"
        calendars[feed.page] = path
        yield path, exports.calendar(catalog, _dated(feed.programs), feed.title)

    closing_soon = sorted((p for p in catalog.listed if p.state is State.CLOSING_SOON), key=lambda p: (p.deadline, p.id))
    home = PageInfo("index.html", "", config.title, config.description, feeds=feed_of[""], calendar="calendar.ics")
    yield home.path, renderer.page("home.html", home, closing_soon=closing_soon,
                                          newest=catalog.listed[:HOME_NEWEST], listed_count=len(catalog.listed))
    sitemap.append(("", None))

    for program in catalog.programs:
        owner = catalog.owners_by_id[program.owner]
        url = f"programs/{program.id}/"
        image = f"{config.base_url}{url}{urllib.parse.quote(program.image.name)}" if program.image else None
        own_calendar = url + "calendar.ics" if program.dates and program.state is not State.CLOSED else None
        info = PageInfo(url + "index.html", url, program.title, program.summary, image=image, og_type="article",
                        calendar=own_calendar, feeds=feed_of[f"owners/{owner.id}/"])
        related = [p for p in catalog.programs_of(owner.id) if p.id != program.id and p.state is not State.CLOSED][:RELATED_LIMIT]
        yield info.path, renderer.page("program.html", info, program=program, owner=owner, related=related,
                                              body=renderer.markdown(program.body),
                                              json_ld=Markup(exports.json_ld(catalog, program, owner, image)))
        sitemap.append((url, program.last_changed))
        if program.image is not None:
            yield url + program.image.name, program.image.source
        if own_calendar:
            yield own_calendar, exports.calendar(catalog, [program], program.title)
        flyer = PageInfo(url + "flyer/index.html", url + "flyer/", text("flyer") + ": " + program.title, program.summary, noindex=True)
        yield flyer.path, renderer.page("flyer.html", flyer, program=program, owner=owner,
                                               qr=Markup(exports.qr_svg(program.signup_url, text("flyer_qr_title"))))

    owners_info = PageInfo("owners/index.html", "owners/", text("owners"), text("owners_description"))
    yield owners_info.path, renderer.page("owners.html", owners_info,
                                                 owners=[(o, catalog.programs_of(o.id)) for o in catalog.owners])
    sitemap.append(("owners/", None))
    for owner in catalog.owners:
        url = f"owners/{owner.id}/"
        programs = catalog.programs_of(owner.id)
        open_first = sorted(programs, key=lambda p: (p.state is State.CLOSED, -p.posted.toordinal(), p.id))
        logo = f"{config.base_url}{url}{urllib.parse.quote(owner.logo.name)}" if owner.logo else None
        info = PageInfo(url + "index.html", url, owner.name, _first_line(owner.body) or owner.name,
                        feeds=feed_of[url], calendar=calendars[url], image=logo)
        yield info.path, renderer.page("owner.html", info, owner=owner, programs=open_first,
                                              body=renderer.markdown(owner.body))
        sitemap.append((url, None))
        if owner.logo is not None:
            yield url + owner.logo.name, owner.logo.source

    for listing in _listings_for(catalog, renderer):
        for number in range(1, listing.pages + 1):
            page_listing = Listing(listing.kind, listing.key, listing.title, listing.base, listing.programs, number, listing.description)
            url = page_listing.page_url(number)
            title = listing.title if number == 1 else text("page_title", title=listing.title, number=number)
            description = listing.description or text("listing_description", title=listing.title)
            info = PageInfo(url + "index.html", url, title, description, feeds=feed_of.get(listing.base, ()),
                            calendar=calendars.get(listing.base))
            yield info.path, renderer.page("listing.html", info, listing=page_listing)
            sitemap.append((url, None))

    for facet in renderer.facets():
        url = f"{facet.kind}/"
        info = PageInfo(url + "index.html", url, facet.title, text("facet_description", title=facet.title))
        yield info.path, renderer.page("facet.html", info, facet=facet)
        sitemap.append((url, None))

    search = PageInfo("search/index.html", "search/", text("search"), text("search_description"))
    yield search.path, renderer.page("search.html", search)
    sitemap.append(("search/", None))

    # Served by GitHub Pages for any missing path, at any depth: its links use the base path.
    missing = PageInfo("404.html", "404.html", text("not_found"), text("not_found_description"), noindex=True, absolute_links=True)
    yield missing.path, renderer.page("404.html", missing)

    yield "programs.json", exports.programs_json(catalog)
    yield "programs.schema.json", exports.programs_schema()
    yield "programs.csv", exports.programs_csv(catalog)
    yield "owners.json", exports.owners_json(catalog)
    yield "sitemap.xml", exports.sitemap(catalog, sitemap)
    robots = exports.robots(catalog)
    if robots is not None:
        yield "robots.txt", robots

    assets = templates / "assets"
    for source in sorted(assets.rglob("*")):
        if source.is_file():
            yield "assets/" + source.relative_to(assets).as_posix(), source


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


