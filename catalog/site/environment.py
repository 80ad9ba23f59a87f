"""The templates' environment: Jinja set up once per build (autoescape, StrictUndefined), and what the
templates may call: words of the interface (`'key'|t`), labels of vocabulary terms, dates, links
relative to the page, and a program's card (rendered once, reused on every page that lists it).

Links are relative to the page, so the site works under any sub-path and from any static server; only
the 404 page, served at any depth, uses base_path.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
import zoneinfo
from functools import partial
from pathlib import Path

import jinja2
from markupsafe import Markup

from catalog import messages
from catalog.content import hosts
from catalog.content.japan import PREFECTURES_BY_NAME
from catalog.content import when
from catalog.content.model import Catalog, DateRange, Program, State, skill_slug
from catalog.problems import RenderFailed
from catalog.site import glance, pictures, recurrence
from catalog.site.fragments import Fragments
from catalog.content.markup import render_markdown
from catalog.site.languages import PartLanguages
from catalog.site.pages import FEED_ID_DATE, Feed, PageInfo, SiteView

CARD_PAGE = PageInfo("", "", "", "")  # the page cards are rendered for: see Renderer.rendered_card
# Cards are rendered once with links marked like this; each page puts its own way to the root in
# their place. A NUL cannot come from content: load refuses control characters.
ROOT_MARK = "\x00root\x00/"


def _template_line(error: BaseException) -> str:
    """`file:line: ` of the innermost template line on the error's way (Jinja gives template frames their
    file and line), or nothing when no template is on it."""
    where, trace = "", error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if not filename.endswith(".py") and not filename.startswith("<"):
            where = f"{filename}:{trace.tb_lineno}: "
        trace = trace.tb_next
    return where


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in a dict of the build cache (catalog/cache.py), in memory only: serve
    reuses them between rebuilds. Jinja checks each one against its template's source."""

    def __init__(self, store: dict[str, bytes]):
        self.store = store

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def relative(from_url: str, target: str) -> str:
    """A link from page `from_url` (a folder URL relative to the base) to `target` (also relative to the base)."""
    return ("../" * from_url.count("/") + target) or "./"


class Labels:
    """Words in the site's language: the interface (messages.UI), vocabulary terms, states, dates."""

    def __init__(self, catalog: Catalog):
        self.config = catalog.config
        self.language = catalog.config.language
        self.types = {t.id: t for t in catalog.config.types}
        self.categories = {c.id: c for c in catalog.config.categories}
        self.skills = {s.id: s for s in (catalog.config.skills or ())}
        self.today = catalog.today

    def text(self, key: str, **args: object) -> str:
        pattern = messages.pick(messages.UI[key], self.language)
        if any(isinstance(value, Markup) for value in args.values()):
            return Markup.escape(pattern).format(**args)  # a name in its own language (lang_span) stays markup
        return pattern.format(**args)

    def raw_text(self, key: str) -> str:
        """A message with its {placeholders} left in, for the search page's script to fill."""
        return messages.pick(messages.UI[key], self.language)

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
        """'2026-12' -> 2026年12月のプログラム / Programs in December 2026."""
        return when.month_label(month, self.text("month_names").split(","), self.raw_text("month_title"))

    def language_name(self, code: str) -> str:
        return messages.pick(messages.LANGUAGE_NAMES.get(code, (code, code)), self.language)

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

    def format_date_range(self, when: DateRange, short: bool = False) -> Markup:
        """`short`: no year for dates in the build's year (the top of a program page, where every line counts)."""
        start, end = when.start, when.end
        separator = self.text("date_range_separator")
        this_year = short and when.first_day.year == when.last_day.year == self.today.year
        start_html = _time(start, self.format_date(start, with_year=not this_year))
        if end is None:
            return start_html
        if when.first_day == when.last_day and isinstance(end, dt.datetime):
            return start_html + Markup(separator) + _time(end, f"{end.hour}:{end:%M}")
        same_year = when.first_day.year == when.last_day.year
        with_year = not this_year and (not same_year or self.language == "en")
        return start_html + Markup(separator) + _time(end, self.format_date(end, with_year=with_year))


def _first_image_eager(html: str) -> str:
    """Pictures are written lazy (cards are rendered once for every page); the first of a page is likely
    in the first screen, and a lazy one there arrives late."""
    start = html.find("<img ")
    if start == -1:
        return html
    end = html.find(">", start)
    tag = html[start:end]
    if ' loading="lazy"' not in tag:
        return html
    return html[:start] + tag.replace(' loading="lazy"', "", 1) + html[end:]


def _time(value: dt.date | dt.datetime, label: str) -> Markup:
    machine = value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, dt.datetime) else value.isoformat()
    return Markup('<time datetime="{}">{}</time>').format(machine, label)


class Renderer:
    """The Jinja environment of one build, and the helpers it gives the templates."""

    def __init__(self, catalog: Catalog, templates: Path, compiled: dict[str, bytes], fragments: Fragments, site: SiteView):
        self.catalog = catalog
        self.config = catalog.config
        self.labels = labels = Labels(catalog)
        self.fragments = fragments
        self.site = site
        self._card_template: jinja2.environment.TemplateModule | None = None
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            bytecode_cache=CompiledTemplates(compiled),
            autoescape=jinja2.select_autoescape(["html", "xml"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        offset = dt.datetime(2026, 1, 1, tzinfo=zoneinfo.ZoneInfo(self.config.timezone)).strftime("%z")
        self.env.globals.update(entry_id=self.entry_id, feed_id=self.feed_id, t=labels.text, t_raw=labels.raw_text, url=self.url,
                                rendered_card=self.rendered_card, absolute_url=self.absolute_url,
                                State=State, check_label=self.check_label)
        parts = PartLanguages(labels.language, set(labels.skills))
        self.env.globals.update(lang_attr=parts.lang_attr, interface_lang=parts.interface_lang, skill_lang=parts.skill_lang)
        self.env.filters.update(
            # 'key'|t and 'path/'|url: Jinja calls a filter directly, a global through Context.call with
            # checks on every call; t() and url() stay globals for templates written that way.
            t=labels.text,
            url=self.url,
            lang_span=parts.lang_span,
            mark_languages=parts.mark_languages,
            unquote=urllib.parse.unquote,
            date=labels.format_date,
            display_url=hosts.display_url,
            date_range=labels.format_date_range,
            type_label=lambda i: labels.types[i].label(labels.language),
            category_label=lambda i: labels.categories[i].label(labels.language),
            skill_label=labels.skill_label,
            prefecture_label=labels.prefecture_label,
            format_label=lambda f: labels.text(f"format_{f}"),
            kind_label=lambda k: labels.text(f"kind_{k}"),
            state_label=labels.state_label,
            language_name=labels.language_name,
            state_class=lambda s: s.value,
            feed_time=lambda day: f"{day.isoformat()}T00:00:00{offset[:3]}:{offset[3:]}",
        )
        self._register_glance_helpers()

    def page(self, template: str, page: PageInfo, **context: object) -> bytes:
        """A page: the template with `site`, `page` and the page's own context."""
        try:
            html = self.env.get_template(template).render(site=self.site, page=page, **context)
        except jinja2.TemplateError:
            raise
        except Exception as error:  # e.g. a filter given a number where the template author expected a list
            raise RenderFailed(f"{_template_line(error)}template error: {type(error).__name__}: {error}") from None
        return _first_image_eager(html).encode("utf-8")

    # ------------------------------------------- at a glance: cost, days left, rhythm, place, pictures, sharing

    def _register_glance_helpers(self) -> None:
        labels = self.labels
        self.env.globals.update(days_left=lambda program: glance.days_left(program, self.catalog.today),
                                picture_of=self.picture_of, share_links=self.share_links)
        self.env.filters.update(cost_label=self.cost_label, recurrence_label=self.recurrence_label,
                                short_commitment=recurrence.short_commitment, full_address=glance.full_address,
                                map_url=glance.map_url, skill_slug=skill_slug,
                                date_range_short=partial(labels.format_date_range, short=True))

    def cost_label(self, cost: str | None) -> str:
        """「無料」, 「¥500」, 「無料〜¥2,000」; the owner's words, shortened, when they name no amount."""
        read = glance.read_cost(cost)
        if read is None:
            return recurrence.short_commitment(cost or "", 16)

        def yen(amount: int) -> str:
            return self.labels.text("free") if amount == 0 else f"¥{amount:,}"

        if read.low == read.high:
            return yen(read.low)
        return yen(read.low) + self.labels.text("date_range_separator") + yen(read.high)

    def recurrence_label(self, commitment: str | None) -> str | None:
        found = recurrence.read_recurrence(commitment)
        return recurrence.format_recurrence(found, self.labels.language) if found else None

    def picture_of(self, program: Program) -> pictures.Picture | None:
        """The resized files of a program's picture (read from its header once per build and picture)."""
        if program.image is None:
            return None
        key = (program.id, program.digest)
        if key not in self.fragments.pictures:
            self.fragments.pictures[key] = pictures.plan(program.image.source, Path(program.image.name).stem)
        return self.fragments.pictures[key]

    def share_links(self, program: Program) -> list[tuple[str, str, str]]:
        """(service, label, URL) of plain share links: no script of theirs runs on our page."""
        page = self.absolute_url(f"programs/{program.id}/")
        quote = partial(urllib.parse.quote, safe="")
        text = f"{program.title} | {self.config.title}"
        label = self.labels.text
        return [
            ("line", label("share_line"), f"https://social-plugins.line.me/lineit/share?url={quote(page)}"),
            ("x", label("share_x"), f"https://x.com/intent/post?text={quote(text)}&url={quote(page)}"),
            ("facebook", label("share_facebook"), f"https://www.facebook.com/sharer/sharer.php?u={quote(page)}"),
            ("mail", label("share_mail"), f"mailto:?subject={quote(text)}&body={quote(program.summary + chr(10) + page)}"),
        ]

    def markdown(self, text: str) -> Markup:
        return Markup(render_markdown(text, self.fragments.markdown()))

    def entry_id(self, program: Program) -> str:
        """A feed entry's permanent id: a tag URI from the site's host and the program's id and first date."""
        host = urllib.parse.urlsplit(self.config.base_url).hostname
        return f"tag:{host},{program.posted.isoformat()}:programs/{program.id}"

    def feed_id(self, feed: Feed) -> str:
        """A feed's permanent id (RFC 4287 wants an absolute IRI): a tag URI from the site's address and the feed's path.

        The date is a constant, not the build's or a program's date: an id must never change, and
        the site's first program can be removed. The base path is in it because GitHub Pages serves
        many catalogs under one host.
        """
        parts = urllib.parse.urlsplit(self.config.base_url)
        return f"tag:{parts.hostname},{FEED_ID_DATE}:{parts.path.lstrip('/')}{feed.path}"

    @jinja2.pass_context
    def url(self, context, target: str) -> str:
        page = context["page"]
        if page is CARD_PAGE:
            return ROOT_MARK + target
        if page.absolute_links:
            return self.config.base_path + target
        return relative(page.url, target)

    def absolute_url(self, target: str) -> str:
        return self.config.base_url + target

    def check_label(self, check_id: str) -> Markup | str:
        """An automated accessibility check's name: an axe-core rule by its id, our own tests in words."""
        if check_id.startswith("axe:"):
            return Markup("axe-core <code>{}</code>").format(check_id[4:])
        key = "a11y_check_" + check_id
        return self.labels.text(key) if key in messages.UI else check_id

    @jinja2.pass_context
    def rendered_card(self, context, program: Program, heading: str = "h3") -> Markup:
        """A program's card (templates/_card.html), rendered once per build and reused on every page.

        Cards are most of the HTML of listings and program pages. The card is rendered with links marked
        as relative to the site's root, and each page puts its own way to the root in their place.
        """
        key = (program.id, program.listing_digest, self.catalog.owners_by_id[program.owner].name, heading)
        cached = self.fragments.cards.get(key)
        if cached is None:
            # A template's macros are attributes jinja2 sets on its module when it runs it: no type lists them.
            cached = self.fragments.cards[key] = str(self._card_module().card(program, heading))  # type: ignore[attr-defined]
        page = context["page"]
        prefix = self.config.base_path if page.absolute_links else "../" * page.url.count("/")
        return Markup(cached.replace(ROOT_MARK, prefix))

    def _card_module(self) -> jinja2.environment.TemplateModule:
        if self._card_template is None:
            self._card_template = self.env.get_template("_card.html").make_module({"site": self.site, "page": CARD_PAGE})
        return self._card_template
