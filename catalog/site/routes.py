"""The site's routes: every page, feed, calendar, data file and asset, each as an Output with the key of
everything its bytes depend on, declared here beside the route. Nothing is rendered here: the writer
calls `make` for the files it needs (a rebuild only those whose key changed).

What every file depends on (the builder, the templates, the settings, the build date) is `common_key`;
a route's key adds what its page shows: the program's `digest` (its file and image) for its own page,
a program's `listing_digest` and its owner's name for a card in a list, `repr` of the page's facts.
tests/site/test_keys.py renders the sample catalog, records what each template reads, and fails when
a template reads something its route's key does not cover: a template that starts reading more needs
its key here extended.

To add a kind of page: a template in templates/, a function below that yields its Outputs, and a line
in site_outputs.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from dataclasses import replace
from functools import partial
from pathlib import Path

from markupsafe import Markup

from catalog import keys
from catalog.content import accessibility, when
from catalog.content.model import Catalog, Owner, Program, State
from catalog.site import calendar, exports, ordering, pictures
from catalog.site.environment import Labels, Renderer
from catalog.site.fragments import Fragments
from catalog.site.pages import (PageInfo, SiteView, dated, facets, feeds, first_line, grouped, listings, months_facet,
                                regions, search_choices, weekend_listing)
from catalog.writing.outputs import Output

HOME_NEWEST = 8
HOME_CLOSING_SOON = 12  # the rest are one link away (the search, soonest deadline first): the home page stays small
RELATED_LIMIT = 6

Sitemap = list[tuple[str, "dt.date | None"]]


def common_key(catalog: Catalog, templates: Path) -> str:
    """What every file depends on: the builder, the templates, the settings and the day (states, deadlines)."""
    return keys.digest(keys.code_version(), templates_digest(templates), repr(catalog.config), catalog.today.isoformat())


def content_key(catalog: Catalog, common: str) -> str:
    """What the whole site depends on: `common` and every program and owner as written (their digests
    cover their files' bytes and the images they name). The same key, the same site."""
    return keys.digest(common, *(p.digest for p in catalog.programs), *(o.digest for o in catalog.owners), repr(catalog.hand_checks))


def templates_digest(templates: Path) -> str:
    """Every template and asset, by name and bytes."""
    files = sorted(p for p in templates.rglob("*") if p.is_file())
    return keys.digest(*(part for f in files for part in (f.relative_to(templates).as_posix(), f.read_bytes())))


def site_outputs(catalog: Catalog, templates: Path, compiled: dict[str, bytes] | None = None,
                 fragments: Fragments | None = None, a11y_run: accessibility.AutomatedRun | None = None) -> list[Output]:
    """Every file of the site, as Outputs (not yet made), in the order of the sitemap. `compiled` and
    `fragments` are the build cache's stores (catalog/cache.py), kept from one build to the next.
    `a11y_run` is the accessibility tests' run on this site (build.py --a11y-results), for its page."""
    compiled = {} if compiled is None else compiled
    fragments = Fragments() if fragments is None else fragments
    fragments.renew(common_key(catalog, templates))
    routes = _Routes(catalog, templates, compiled, fragments, a11y_run)
    return [*routes.feeds_and_calendars(), *routes.home(), *routes.programs(), *routes.owners(),
            *routes.listings(), *routes.facet_pages(), *routes.search_and_missing(), *routes.accessibility(),
            *routes.data_files(),
            *routes.assets()]


class _Routes:
    """What the routes share: the renderer, the lists of programs, and the sitemap they fill."""

    def __init__(self, catalog: Catalog, templates: Path, compiled: dict[str, bytes], fragments: Fragments,
                 a11y_run: accessibility.AutomatedRun | None = None):
        self.catalog, self.templates, self.fragments, self.a11y_run = catalog, templates, fragments, a11y_run
        labels = Labels(catalog)
        self.groups = grouped(catalog.listed)
        self.by_month = when.programs_by_month(catalog.listed)
        self.choices = search_choices(catalog, labels, self.by_month)
        self.facets = facets(catalog, labels, self.groups)
        self.site = SiteView(catalog, self.facets)
        self.renderer = Renderer(catalog, templates, compiled, fragments, self.site)
        self.text = labels.text
        self.labels = labels
        self.sitemap: Sitemap = []
        self.open_of = {o.id: [p for p in catalog.programs_of(o.id) if p.state is not State.CLOSED] for o in catalog.owners}
        self.feeds = feeds(catalog, labels, self.groups, self.open_of)
        self.feed_of = {feed.page: ((feed.title, feed.path),) for feed in self.feeds}
        self.calendars = {"": "calendar.ics", **{feed.page: feed.page + "calendar.ics" for feed in self.feeds[1:]}}
        # A card shows a program without its description, and its owner's name. Keyed by id(): the same
        # program objects fill every list.
        owner_name = {o.id: o.name for o in catalog.owners}
        self.card_key_of = {id(p): p.listing_digest + owner_name[p.owner] for p in catalog.programs}

    def cards(self, programs) -> list[str]:
        """The key of a list of cards."""
        return [self.card_key_of[id(p)] for p in programs]

    def page(self, template: str, info: PageInfo, key: tuple[str, ...], **context: object) -> Output:
        """An HTML page (or feed) at info.path, made from `template` with `context`; `key` is what it shows."""
        return Output(info.path, key, partial(self.renderer.page, template, info, **context))

    def feeds_and_calendars(self):
        """Atom feeds of open programs, and iCalendar files of the same lists' dated programs."""
        for feed in self.feeds:
            updated = max((p.last_changed for p in feed.programs), default=dt.date(2000, 1, 1))
            info = PageInfo(feed.path, feed.page, feed.title, "")
            yield self.page("feed.xml", info, (repr(info), *self.cards(feed.programs)), feed=feed, updated=updated)
        whole = dated(self.catalog.listed)
        yield Output("calendar.ics", ("calendar.ics", *(p.listing_digest for p in whole)),
                     partial(self.calendar, whole, self.catalog.config.title))
        for feed in self.feeds[1:]:
            path, programs = self.calendars[feed.page], dated(feed.all_programs)
            yield Output(path, (path, feed.title, *(p.listing_digest for p in programs)), partial(self.calendar, programs, feed.title))

    def calendar(self, programs: list[Program], name: str) -> bytes:
        return calendar.calendar(self.catalog, programs, name, self.fragments.events)

    def home(self):
        catalog, config = self.catalog, self.catalog.config
        closing_soon = sorted((p for p in catalog.listed if p.state is State.CLOSING_SOON), key=lambda p: (p.deadline, p.id))
        newest = catalog.listed[:HOME_NEWEST]
        info = PageInfo("index.html", "", config.title, config.description, feeds=self.feed_of[""], calendar="calendar.ics")
        weekend_count = len(weekend_listing(catalog, self.labels).programs)
        key = (repr(info), str(len(closing_soon)), str(len(catalog.listed)), repr(self.facets), f"weekend {weekend_count}",
               *self.cards(closing_soon[:HOME_CLOSING_SOON]), *self.cards(newest))
        yield self.page("home.html", info, key, closing_soon=closing_soon, home_closing_soon=HOME_CLOSING_SOON,
                        newest=newest, listed_count=len(catalog.listed), weekend_count=weekend_count,
                        regions=regions(self.facets, self.labels))
        self.sitemap.append(("", None))

    def programs(self):
        """Each program's page, picture, calendar and flyer: the loop a rebuild runs once per program, so
        its keys are plain tuples and nothing is rendered here."""
        catalog = self.catalog
        related_of = {owner_id: [(p, p.listing_digest) for p in programs[:RELATED_LIMIT + 1]]
                      for owner_id, programs in self.open_of.items()}
        program_page, flyer, calendar = self.program_page, self.flyer, self.calendar
        for program in catalog.programs:
            owner = catalog.owners_by_id[program.owner]
            url = f"programs/{program.id}/"
            digest, owner_digest = program.digest, owner.digest
            related = [(p, d) for p, d in related_of[owner.id] if p is not program][:RELATED_LIMIT]
            yield Output(url + "index.html", ("page", digest, owner_digest, *(d for _, d in related)),
                         partial(program_page, program, owner, [p for p, _ in related]), program.id)
            self.sitemap.append((url, program.last_changed))
            if program.image is not None:
                # Keyed without the description (listing_digest covers the picture's bytes): a body edit copies no picture.
                yield Output(url + program.image.name, ("image", program.listing_digest), partial(Path, program.image.source))
                for variant in (self.renderer.picture_of(program) or pictures.Picture(0, 0, ())).variants:
                    yield Output(url + variant.name, ("image", program.listing_digest, repr(variant)),
                                 partial(pictures.make, program.image.source, variant), program.id)
            if program.dates and program.state is not State.CLOSED:
                yield Output(url + "calendar.ics", ("calendar", digest), partial(calendar, [program], program.title), program.id)
            yield Output(url + "flyer/index.html", ("flyer", digest, owner_digest), partial(flyer, program, owner), program.id)

    def program_page(self, program: Program, owner: Owner, related: list[Program]) -> bytes:
        config, url = self.catalog.config, f"programs/{program.id}/"
        image = f"{config.base_url}{url}{urllib.parse.quote(program.image.name)}" if program.image else None
        own_calendar = url + "calendar.ics" if program.dates and program.state is not State.CLOSED else None
        info = PageInfo(url + "index.html", url, program.title, program.summary, image=image, og_type="article",
                        calendar=own_calendar, feeds=self.feed_of[f"owners/{owner.id}/"])
        body = Markup(self.fragments.take_body(program))  # made with the index document, when there is one
        return self.renderer.page("program.html", info, program=program, owner=owner, related=related, body=body,
                                  json_ld=Markup(exports.json_ld(self.catalog, program, owner, image)))

    def flyer(self, program: Program, owner: Owner) -> bytes:
        url = f"programs/{program.id}/flyer/"
        info = PageInfo(url + "index.html", url, self.text("flyer") + ": " + program.title, program.summary, noindex=True)
        qr = Markup(exports.qr_svg(program.signup_url, self.text("flyer_qr_title")))
        return self.renderer.page("flyer.html", info, program=program, owner=owner, qr=qr)

    def owners(self):
        catalog, config = self.catalog, self.catalog.config
        info = PageInfo("owners/index.html", "owners/", self.text("owners"), self.text("owners_description"))
        open_counts = ",".join(str(len(self.open_of[o.id])) for o in catalog.owners)
        yield self.page("owners.html", info, (repr(info), open_counts, *(o.digest for o in catalog.owners)),
                        owners=[(o, len(self.open_of[o.id])) for o in ordering.japanese_order(catalog.owners)])
        self.sitemap.append(("owners/", None))
        for owner in catalog.owners:
            url = f"owners/{owner.id}/"
            open_first = self.open_of[owner.id] + [p for p in catalog.programs_of(owner.id) if p.state is State.CLOSED]
            logo = f"{config.base_url}{url}{urllib.parse.quote(owner.logo.name)}" if owner.logo else None
            # The page's description comes from the introduction (Markdown): only made when the page is.
            owner_info = partial(PageInfo, url + "index.html", url, owner.name, feeds=self.feed_of[url], calendar=self.calendars[url], image=logo)
            yield Output(url + "index.html", (repr(owner_info), owner.digest, *(p.listing_digest for p in open_first)),
                         partial(self.owner_page, owner_info, owner, open_first))
            self.sitemap.append((url, None))
            if owner.logo is not None:
                yield Output(url + owner.logo.name, ("logo", owner.digest), partial(Path, owner.logo.source))

    def owner_page(self, info, owner: Owner, programs: list[Program]) -> bytes:
        page = info(description=first_line(owner.body) or owner.name)
        return self.renderer.page("owner.html", page, owner=owner, programs=programs, body=self.renderer.markdown(owner.body))

    def listings(self):
        text = self.text
        for listing in listings(self.catalog, self.labels, self.groups, self.by_month):
            for number in range(1, listing.pages + 1):
                page_listing = replace(listing, number=number)
                url = page_listing.page_url(number)
                title = listing.title if number == 1 else text("page_title", title=listing.title, number=number)
                description = listing.description or text("listing_description", title=listing.title)
                info = PageInfo(url + "index.html", url, title, description, feeds=self.feed_of.get(listing.base, ()),
                                calendar=self.calendars.get(listing.base))
                key = (repr(info), f"pages {listing.pages}", f"programs {len(listing.programs)}", *self.cards(page_listing.items))
                yield self.page("listing.html", info, key, listing=page_listing)
                self.sitemap.append((url, None))

    def facet_pages(self):
        months = months_facet(self.choices, self.labels)
        for facet in (*self.facets, *((months,) if months.terms else ())):
            url = f"{facet.kind}/"
            info = PageInfo(url + "index.html", url, facet.title, self.text("facet_description", title=facet.title))
            yield self.page("facet.html", info, (repr(info), repr(facet)), facet=facet)
            self.sitemap.append((url, None))

    def search_and_missing(self):
        text = self.text
        search = PageInfo("search/index.html", "search/", text("search"), text("search_description"))
        yield self.page("search.html", search, (repr(search), f"archive {self.site.search_archive}", repr(self.facets), repr(self.choices)),
                        choices=self.choices)
        self.sitemap.append(("search/", None))
        # Served by GitHub Pages for any missing path, at any depth: its links use the base path.
        missing = PageInfo("404.html", "404.html", text("not_found"), text("not_found_description"), noindex=True, absolute_links=True)
        yield self.page("404.html", missing, (repr(missing),))

    def accessibility(self):
        """The accessibility policy and this build's test results (content/accessibility.py)."""
        report = accessibility.report(self.a11y_run, self.catalog.hand_checks)
        info = PageInfo("accessibility/index.html", "accessibility/", self.text("a11y_title"), self.text("a11y_description"))
        yield self.page("accessibility.html", info, (repr(info), repr(report)), report=report, standard=accessibility.TARGET_STANDARD,
                        level=accessibility.TARGET_LEVEL, generator=accessibility.generator_version())
        self.sitemap.append(("accessibility/", None))

    def data_files(self):
        """Open data and files for machines; the ones about every program are written last by serve."""
        catalog, fragments = self.catalog, self.fragments
        everything = content_key(catalog, fragments.common)
        yield Output("programs.json", (everything, "programs.json"), partial(exports.programs_json, catalog, fragments), late=True)
        yield Output("programs.schema.json", ("programs.schema.json",), exports.programs_schema)
        yield Output("programs.csv", (everything, "programs.csv"), partial(exports.programs_csv, catalog, fragments), late=True)
        yield Output("owners.json", (everything, "owners.json"), partial(exports.owners_json, catalog), late=True)
        yield Output("sitemap.xml", (everything, "sitemap.xml"), partial(exports.sitemap, catalog, self.sitemap), late=True)
        if exports.has_robots(catalog):
            yield Output("robots.txt", ("robots.txt",), partial(exports.robots, catalog))

    def assets(self):
        assets = self.templates / "assets"
        for source in sorted(assets.rglob("*")):
            if source.is_file():
                make = partial(served_script, source) if source.suffix == ".js" else partial(Path, source)
                yield Output("assets/" + source.relative_to(assets).as_posix(), ("asset", source.as_posix()), make)


def served_script(source: Path) -> bytes:
    """Our script without its comment lines: they explain the rules to maintainers, and were a third
    of what a phone downloads of it for the first search (the search page's byte budget)."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.lstrip().startswith("//")).encode("utf-8")
