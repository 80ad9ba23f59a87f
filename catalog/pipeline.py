"""The build as a pipeline of plain stages: load, validate, model, render, write, index.

Everything is gathered and checked before anything is written; on any content
problem the run stops before render, reports every problem and leaves site/ as
it was.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from . import documents, schema
from .messages import Messages
from .model import Catalog, Owner, Program, build_catalog
from .problems import Problem


@dataclass
class CheckResult:
    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)
    messages: Messages = field(default_factory=Messages)

    @property
    def ok(self) -> bool:
        return self.catalog is not None and not self.problems


def build_date(option: str | None, timezone: str, environ: dict[str, str] | None = None) -> dt.date:
    """--today, else SOURCE_DATE_EPOCH (reproducible builds), else today in the site's time zone."""
    environ = os.environ if environ is None else environ
    if option:
        return dt.date.fromisoformat(option)
    zone = zoneinfo.ZoneInfo(timezone)
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=zone).date()
    return dt.datetime.now(tz=zone).date()


def site_language(front: documents.Mapping | None) -> str:
    """Messages about site.yaml itself should already be in its language, when that much can be read."""
    if front is not None:
        entry = front.entries.get("language")
        if entry is not None and isinstance(entry.value, documents.Scalar) and entry.value.text.strip() == "en":
            return "en"
    return "ja"


def check(root: Path, today: str | None = None, base_url: str | None = None) -> CheckResult:
    """Load and validate all content under root/content; build the model when there is no problem."""
    site_front, problems = documents.load_site_config(root, Messages())
    messages = Messages(site_language(site_front))
    if site_front is not None and messages.language != "ja":
        site_front, problems = documents.load_site_config(root, messages)
    config = None
    if site_front is not None:
        config, site_problems = schema.validate_site(site_front, messages)
        problems += site_problems
    if config is not None and base_url:
        config = _with_base_url(config, base_url)

    owners_loaded = documents.load_folder(root, "content/owners", messages)
    programs_loaded = documents.load_folder(root, "content/programs", messages)
    problems += owners_loaded.problems + programs_loaded.problems

    owners: list[Owner] = []
    for document in owners_loaded.documents:
        owner, found = schema.validate_owner(document, messages)
        problems += found
        if owner is not None:
            owners.append(owner)

    programs: list[Program] = []
    if config is not None:
        owner_ids = {d.id for d in owners_loaded.documents}
        for document in programs_loaded.documents:
            program, found = schema.validate_program(document, config, messages)
            problems += found
            if program is not None:
                programs.append(program)
            problems += _owner_reference(document, owner_ids, messages)

    if problems or config is None:
        return CheckResult(None, sorted(set(problems)), messages)
    date = build_date(today, config.timezone)
    return CheckResult(build_catalog(config, owners, programs, date), [], messages)


def _owner_reference(document: documents.Document, owner_ids: set[str], messages: Messages) -> list[Problem]:
    entry = document.front.entries.get("owner")
    if entry is None or not isinstance(entry.value, documents.Scalar) or entry.value.is_null:
        return []
    owner = entry.value.text.strip()
    if owner in owner_ids:
        return []
    suggestion = schema._suggestion(owner, sorted(owner_ids))
    return [Problem(document.path, entry.value.line, messages.problem("owner_unknown", value=owner, suggestion=suggestion))]


def _with_base_url(config, base_url: str):
    from dataclasses import replace

    return replace(config, base_url=base_url if base_url.endswith("/") else base_url + "/")
