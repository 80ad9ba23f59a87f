"""Model: the validated catalog as small frozen dataclasses, and the state derived from the build date.

The dataclasses read like the content contract (docs/content.md): one attribute per contract field,
in the contract's order, with the contract's defaults.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from catalog.content.accessibility import HandCheck
from catalog.messages import pick

M = TypeVar("M")  # a model dataclass


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary in site.yaml (a type, category or skill)."""

    id: str
    ja: str
    en: str

    def label(self, language: str) -> str:
        return pick((self.ja, self.en), language)


def skill_slug(skill: str) -> str:
    """A skill's name in URLs and search filters. Vocabulary ids are URL-safe already; free-text skills
    (no `skills` in site.yaml) get a stable ASCII name."""
    if re.fullmatch(r"[a-z0-9-]{1,64}", skill):
        return skill
    return "s-" + hashlib.sha1(skill.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]


@dataclass(frozen=True)
class SiteConfig:
    title: str
    description: str
    base_url: str  # https, always ending in "/"
    language: str = "ja"  # "ja" or "en": the interface and the messages to authors
    timezone: str = "Asia/Tokyo"
    closing_soon_days: int = 7
    stale_after_days: int = 180
    maintainers: tuple[str, ...] = ()
    types: tuple[Term, ...] = ()
    categories: tuple[Term, ...] = ()
    skills: tuple[Term, ...] | None = None  # None: skills are free text

    @property
    def base_path(self) -> str:
        """The path part of base_url, e.g. "/catalog/" (for the 404 page, served at any depth)."""
        rest = self.base_url.split("://", 1)[1]
        return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


@dataclass(frozen=True)
class Image:
    source: Path  # the file next to the content file
    name: str  # its file name, which the site serves under the page's folder
    alt: str


@dataclass(frozen=True)
class Owner:
    id: str  # the file's stem; the page is owners/ID/
    name: str
    kind: str  # municipality, social-welfare-council, npo, company, school, community, other
    prefecture: str  # one of the 47, in Japanese
    maintainers: tuple[str, ...]  # GitHub logins
    name_kana: str | None = None  # how the name is read, in kana
    municipality: str | None = None
    website: str | None = None
    contact_email: str | None = None
    corporate_number: str | None = None  # 法人番号, 13 digits, check digit verified
    logo: Image | None = None
    body: str = ""  # the introduction, Markdown
    path: str = ""  # the content file, for messages
    body_line: int = 1  # where the body starts in the file
    digest: str = ""  # a hash of the content file and its logo: what pages showing this owner depend on
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)  # field -> line, for messages


@dataclass(frozen=True)
class Location:
    prefecture: str
    municipality: str | None = None
    venue: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class DateRange:
    """One occurrence. Dates are local dates; date-times are naive local times of the site's zone."""

    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None = None

    @property
    def first_day(self) -> dt.date:
        return _day(self.start)

    @property
    def last_day(self) -> dt.date:
        return _day(self.end if self.end is not None else self.start)


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


class State(enum.Enum):
    """What a visitor is told; derived from `status`, the dates and the build date."""

    OPEN = "open"
    CLOSING_SOON = "closing-soon"
    FULL = "full"
    CLOSED = "closed"

    @property
    def accepts_signups(self) -> bool:
        return self in (State.OPEN, State.CLOSING_SOON)


@dataclass(frozen=True)
class Program:
    id: str  # the file's stem; the page is programs/ID/
    title: str  # ≤ 80 characters
    owner: str  # an owner id
    summary: str  # ≤ 140 characters
    type: str  # a types id
    categories: tuple[str, ...]  # 1 to 5 categories ids
    format: str  # onsite, online or hybrid
    signup_url: str  # https; `{id}` already replaced
    posted: dt.date
    skills: tuple[str, ...] = ()
    location: Location | None = None  # required unless online
    dates: tuple[DateRange, ...] = ()  # empty: ongoing (随時)
    deadline: dt.date | None = None
    signup_label: str | None = None
    status: str = "open"  # open, full, closed, cancelled: as the owner set it
    capacity: int | None = None
    commitment: str | None = None
    cost: str | None = None
    provided: tuple[str, ...] = ()
    audience: str | None = None
    min_age: int | None = None
    languages: tuple[str, ...] = ("ja",)
    accessibility: str | None = None
    access: str | None = None
    image: Image | None = None
    updated: dt.date | None = None
    draft: bool = False
    body: str = ""  # the description, Markdown
    path: str = ""  # the content file, for messages
    body_line: int = 1
    digest: str = ""  # a hash of the content file and its image: what pages showing this program depend on
    listing_digest: str = ""  # the same without the body: what cards, feeds and calendars depend on
    # Derived by derive_state() from the build date; never written by owners.
    state: State = State.OPEN
    stale: bool = False
    content_language: str = "ja"  # the language the owner wrote in (for lang attributes)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)  # field -> line, for messages

    @property
    def ongoing(self) -> bool:
        return not self.dates and self.deadline is None

    @property
    def last_changed(self) -> dt.date:
        return self.updated or self.posted

    @property
    def deadline_sort_key(self) -> str:
        """Soonest first, programs without a deadline last (ISO text sorts as dates)."""
        if self.deadline is not None:
            return self.deadline.isoformat()
        if self.dates:
            return self.dates[0].first_day.isoformat()
        return "9999-12-31"


@dataclass(frozen=True)
class Catalog:
    """Everything a render needs: the validated, cross-checked, state-derived catalog."""

    config: SiteConfig
    owners: tuple[Owner, ...]  # by id
    programs: tuple[Program, ...]  # newest first, then by id; drafts are not here
    today: dt.date
    owners_by_id: dict[str, Owner] = field(default_factory=dict, compare=False)
    drafts: tuple[Program, ...] = ()  # not built, but their files still have owners (CODEOWNERS)
    by_owner: dict[str, tuple[Program, ...]] = field(default_factory=dict, compare=False)  # newest first
    hand_checks: tuple[HandCheck, ...] = ()  # content/accessibility.yaml, for the accessibility page

    def programs_of(self, owner_id: str) -> tuple[Program, ...]:
        # Looked up once per program page: a scan of every program each time would make the build quadratic.
        return self.by_owner.get(owner_id, ())

    def all_programs_of(self, owner_id: str) -> tuple[Program, ...]:
        """Drafts included, by file path."""
        return tuple(sorted((p for p in self.programs + self.drafts if p.owner == owner_id), key=lambda p: p.path))

    @functools.cached_property
    def listed(self) -> tuple[Program, ...]:
        """Programs of the default listings: everything not closed."""
        return tuple(p for p in self.programs if p.state is not State.CLOSED)


def derive_state(program: Program, today: dt.date, closing_soon_days: int, stale_after_days: int) -> Program:
    """The contract's "A program's state" (docs/content.md): closed, full, closing soon, open; and stale."""
    if (
        program.status in ("closed", "cancelled")
        or (program.deadline is not None and program.deadline < today)
        or (program.dates and max(d.last_day for d in program.dates) < today)
    ):
        state = State.CLOSED
    elif program.status == "full":
        state = State.FULL
    elif program.deadline is not None and (program.deadline - today).days <= closing_soon_days:
        state = State.CLOSING_SOON
    else:
        state = State.OPEN
    stale = state.accepts_signups and (today - program.last_changed).days > stale_after_days
    if state is program.state and stale == program.stale:
        return program
    return changed(program, state=state, stale=stale)


def changed(instance: M, **fields: object) -> M:
    """A copy of a frozen model object with some fields changed, none of them checked or derived.

    dataclasses.replace() runs __init__ and its checks for every field; this copies the instance's
    dictionary instead (a kept speed-up, measured in docs/performance.md).
    """
    copy = object.__new__(type(instance))
    copy.__dict__.update(instance.__dict__, **fields)
    return copy


def newest_first(program: Program) -> tuple:
    return (-program.posted.toordinal(), program.id)


def build_catalog(config: SiteConfig, owners: list[Owner], programs: list[Program], today: dt.date) -> Catalog:
    """Sort, derive states, leave drafts out. Cross-references are checked by the caller."""
    derived = [
        derive_state(p, today, config.closing_soon_days, config.stale_after_days)
        for p in programs
        if not p.draft
    ]
    ordered_owners = tuple(sorted(owners, key=lambda o: o.id))
    ordered = tuple(sorted(derived, key=newest_first))
    by_owner: dict[str, list[Program]] = {}
    for program in ordered:
        by_owner.setdefault(program.owner, []).append(program)
    return Catalog(
        config=config,
        owners=ordered_owners,
        programs=ordered,
        by_owner={owner: tuple(programs) for owner, programs in by_owner.items()},
        today=today,
        owners_by_id={o.id: o for o in ordered_owners},
        drafts=tuple(sorted((p for p in programs if p.draft), key=lambda p: p.id)),
    )
