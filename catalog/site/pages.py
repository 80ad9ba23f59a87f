"""What the pages show, before any template: the page's own facts (PageInfo), the lists of programs
(Listing, Feed), the vocabularies to browse by (Facet), and what every template may read about the
catalog as a whole (SiteView). Plain data, made from the model; site/routes.py decides where each goes.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from catalog.content import when
from catalog.content.japan import PREFECTURES, PREFECTURES_BY_NAME, REGIONS
from catalog.content.fields import FORMATS
from catalog.content.model import Catalog, Program, State, skill_slug
from catalog.content.markup import plain_text, render_markdown
from catalog.site import glance

PAGE_SIZE = 20
FEED_ID_DATE = "2026"  # in every feed's tag URI; changing it would make every feed a new one to readers
FEED_ENTRIES = 50  # the newest: a feed tells what is new, and a feed of every program would be megabytes

Groups = dict[tuple[str, str], tuple[Program, ...]]  # (vocabulary, term) -> programs, order kept


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
        """The first, the last and two either side of this one; None marks a gap (long lists have hundreds of pages)."""
        wanted = {1, self.pages} | set(range(max(1, self.number - 2), min(self.pages, self.number + 2) + 1))
        numbers: list[int | None] = []
        previous: int | None = None
        for number in sorted(wanted):
            if previous is not None and number - previous > 1:
                numbers.append(None)
            numbers.append(number)
            previous = number
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
class Feed:
    path: str  # e.g. "categories/recovery/feed.xml"
    page: str  # the HTML page it follows, e.g. "categories/recovery/"
    title: str
    all_programs: tuple[Program, ...]  # newest first

    @property
    def programs(self) -> tuple[Program, ...]:
        """The entries: the newest FEED_ENTRIES."""
        return self.all_programs[:FEED_ENTRIES]


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
        """Closed programs have their own search bundle (see search/pagefind.bundles)."""
        listed = self.catalog.listed
        return bool(listed) and len(listed) < len(self.catalog.programs)


def grouped(programs: tuple[Program, ...]) -> Groups:
    """Programs by (vocabulary, term), order kept, in one pass over the programs (not one per term)."""
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


def used_prefectures(catalog: Catalog):
    """Prefectures that have programs, closed ones included (so a page does not vanish when they close)."""
    used = {p.location.prefecture for p in catalog.programs if p.location is not None}
    return [p for p in PREFECTURES if p.ja in used]


def skill_ids(catalog: Catalog) -> list[str]:
    if catalog.config.skills is not None:
        return [s.id for s in catalog.config.skills]
    return sorted({s for p in catalog.programs for s in p.skills})


def facets(catalog: Catalog, labels, groups: Groups) -> tuple[Facet, ...]:
    """The vocabularies with their counts of listed programs; `groups` is grouped(catalog.listed)."""
    counts = {(kind, PREFECTURES_BY_NAME[term].slug if kind == "prefectures" else term): len(members)
              for (kind, term), members in groups.items()}
    lang, text = labels.language, labels.text
    config = catalog.config

    def terms(kind, items):
        return tuple((term, label, counts.get((kind, term), 0)) for term, label in items)

    return (
        Facet("types", text("browse_types"), terms("types", ((t.id, t.label(lang)) for t in config.types))),
        Facet("categories", text("browse_categories"), terms("categories", ((c.id, c.label(lang)) for c in config.categories))),
        Facet("prefectures", text("browse_prefectures"), terms("prefectures", ((p.slug, p.label(lang)) for p in used_prefectures(catalog)))),
        Facet("formats", text("browse_formats"), terms("formats", ((f, text(f"format_{f}")) for f in FORMATS))),
        Facet("skills", text("browse_skills"), tuple((skill_slug(s), labels.skill_label(s), counts.get(("skills", s), 0))
                                                     for s in skill_ids(catalog))),
    )


def listings(catalog: Catalog, labels, groups: Groups, by_month: dict[str, tuple[Program, ...]]) -> list[Listing]:
    """Every list of programs the site has a page for (each maybe several pages long); `by_month`:
    when.programs_by_month of the listed programs."""
    text, language = labels.text, labels.language
    result = [Listing("all", "", text("all_programs"), "all/", catalog.listed, description=text("all_programs_description")),
              Listing("archive", "", text("archive"), "archive/", tuple(p for p in catalog.programs if p.state is State.CLOSED),
                      description=text("archive_description"))]
    for kind, terms in (("types", catalog.config.types), ("categories", catalog.config.categories)):
        result += [Listing(kind, t.id, t.label(language), f"{kind}/{t.id}/", groups.get((kind, t.id), ())) for t in terms]
    result += [Listing("prefectures", p.slug, p.label(language), f"prefectures/{p.slug}/", groups.get(("prefectures", p.ja), ()))
               for p in used_prefectures(catalog)]
    result += [Listing("skills", s, labels.skill_label(s), f"skills/{skill_slug(s)}/", groups.get(("skills", s), ()))
               for s in skill_ids(catalog)]
    result += [Listing("formats", f, text(f"format_{f}"), f"formats/{f}/", groups.get(("formats", f), ())) for f in FORMATS]
    result.append(weekend_listing(catalog, labels))
    for month, programs in by_month.items():  # reachable without the search page's script
        title = labels.month_title(month)
        result.append(Listing("months", month, title, f"months/{month}/", programs, description=text("month_description", title=title)))
    return result


@dataclass(frozen=True)
class SearchChoices:
    """The search page's filters that are not browsing vocabularies: languages, weekdays, months."""

    languages: tuple[tuple[str, str, int], ...]  # (code, name, listed programs using it)
    weekdays: tuple[tuple[str, str], ...]  # (id, label)
    months: tuple[tuple[str, str, int], ...]  # (YYYY-MM, title, listed programs): the month listings
    day_horizon: int


def search_choices(catalog: Catalog, labels, by_month: dict[str, tuple[Program, ...]]) -> SearchChoices:
    """`by_month`: when.programs_by_month of the listed programs, as for listings()."""
    used: dict[str, int] = {}
    for program in catalog.listed:
        for code in dict.fromkeys(program.languages):
            used[code] = used.get(code, 0) + 1
    # The site's own language first, then by use.
    codes = sorted(used, key=lambda code: (code != labels.language, -used[code], code))
    months = tuple((month, labels.month_title(month), len(programs)) for month, programs in by_month.items())
    return SearchChoices(tuple((code, labels.language_name(code), used[code]) for code in codes),
                         tuple(zip(when.WEEKDAYS, labels.text("weekdays").split(","))), months, when.DAY_HORIZON)


def months_facet(choices: SearchChoices, labels) -> Facet:
    """The page listing the month listings (months/), like a vocabulary's."""
    return Facet("months", labels.text("browse_months"), choices.months)


def feeds(catalog: Catalog, labels, groups: Groups, open_of: dict[str, list[Program]]) -> list[Feed]:
    """Atom feeds of open programs: the whole catalog, and per owner, category, prefecture, type, skill and format."""
    text, language = labels.text, labels.language
    result = [Feed("feed.xml", "", text("feed_all", site=catalog.config.title), catalog.listed)]
    result += [Feed(f"owners/{o.id}/feed.xml", f"owners/{o.id}/", text("feed_of", title=o.name), tuple(open_of[o.id]))
               for o in catalog.owners]
    result += [Feed(f"categories/{t.id}/feed.xml", f"categories/{t.id}/", text("feed_of", title=t.label(language)),
                    groups.get(("categories", t.id), ())) for t in catalog.config.categories]
    result += [Feed(f"prefectures/{p.slug}/feed.xml", f"prefectures/{p.slug}/", text("feed_of", title=p.label(language)),
                    groups.get(("prefectures", p.ja), ())) for p in used_prefectures(catalog)]
    # "Tell me when someone needs a designer": what a skilled volunteer follows.
    result += [Feed(f"types/{t.id}/feed.xml", f"types/{t.id}/", text("feed_of", title=t.label(language)),
                    groups.get(("types", t.id), ())) for t in catalog.config.types]
    result += [Feed(f"skills/{skill_slug(s)}/feed.xml", f"skills/{skill_slug(s)}/", text("feed_of", title=labels.skill_label(s)),
                    groups.get(("skills", s), ())) for s in skill_ids(catalog)]
    result += [Feed(f"formats/{f}/feed.xml", f"formats/{f}/", text("feed_of", title=text(f"format_{f}")),
                    groups.get(("formats", f), ())) for f in FORMATS]
    return result


def weekend_listing(catalog: Catalog, labels) -> Listing:
    """What happens this weekend (the coming Saturday and Sunday, from the build date): the home page's quick choice."""
    first, last = glance.this_weekend(catalog.today)
    programs = tuple(sorted((p for p in catalog.listed if glance.happens_between(p, first, last)),
                            key=lambda p: (p.dates[0].first_day, p.id)))
    days = labels.format_date(first, with_year=False)
    if last != first:
        days += labels.text("weekend_and") + labels.format_date(last, with_year=False)
    return Listing("weekend", "", labels.text("weekend"), "weekend/", programs,
                   description=labels.text("weekend_description", days=days))


def regions(facets: tuple[Facet, ...], labels) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """The prefectures with open programs, by region (北海道, 東北, 関東…): (region, [(slug, label, count)])."""
    counts = {slug: (label, count) for slug, label, count in next(f for f in facets if f.kind == "prefectures").terms if count}
    result = []
    for name, codes in REGIONS:
        terms = [(p.slug, *counts[p.slug]) for p in PREFECTURES if p.code in codes and p.slug in counts]
        if terms:
            result.append((labels.text(f"region_{name}"), terms))
    return result


def dated(programs) -> list[Program]:
    """The programs a calendar shows: those with dates or a deadline."""
    return [p for p in programs if p.dates or p.deadline]


def first_line(markdown_text: str) -> str:
    """An owner page's description: the first line of its introduction."""
    for line in plain_text(render_markdown(markdown_text)).splitlines():
        if line.strip():
            return line.strip()[:140]
    return ""
