"""The build as a pipeline of plain stages: load, validate, model, render, write, index.

Everything is gathered and checked before anything is written; on any content
problem the run stops before render, reports every problem and leaves site/ as
it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
import zlib
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from catalog import keys, safe_files, workers
from catalog.content import accessibility, documents, markup, rules, schema
from catalog.content.accessibility import HandCheck
from catalog.content.model import Catalog, Owner, Program, build_catalog, changed
from catalog.messages import Messages
from catalog.problems import ContentProblems, Problem


@dataclass
class CheckResult:
    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)
    messages: Messages = field(default_factory=Messages)

    @property
    def ok(self) -> bool:
        return self.catalog is not None and not self.problems

    def checked(self) -> Catalog:
        """The catalog of a read without problems; else ContentProblems with every problem."""
        if self.catalog is None or self.problems:
            raise ContentProblems(self.problems, self.messages.count(len(self.problems)))
        return self.catalog


def build_date(option: str | None, timezone: str, environ: Mapping[str, str] | None = None) -> dt.date:
    """--today, else SOURCE_DATE_EPOCH (reproducible builds), else today in the site's time zone."""
    variables = os.environ if environ is None else environ
    if option:
        return dt.date.fromisoformat(option)
    zone = zoneinfo.ZoneInfo(timezone)
    epoch = variables.get("SOURCE_DATE_EPOCH", "").strip()
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


@dataclass(frozen=True)
class Validated:
    """One content file, loaded and validated: what the build cache keeps of it between builds."""

    signature: tuple[int, int, int] | None  # size, mtime_ns, inode; None when too recent to trust (see _signature)
    digest: str  # of the file's bytes
    context: str  # the builder's code and site.yaml it was validated with
    model: Owner | Program | None
    problems: tuple[Problem, ...]
    owner_ref: tuple[str, int] | None  # a program's `owner` as written, and its line
    reusable: bool  # False when it names an image: then its result also depends on another file


CONTENT_SHARDS = 16


def content_shard(display: str) -> int:
    """Which of the content cache's files holds a content file's entry (stable across runs, unlike hash())."""
    return zlib.crc32(display.encode("utf-8", "surrogatepass")) % CONTENT_SHARDS


class ContentMemo(dict):
    """Display path -> Validated, for every content file. Saved in shards (content_shard): `dirty`
    holds the shards that changed since the last save, so a one-file edit rewrites one sixteenth of the
    cache, not all of it."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.dirty: set[int] = set()

    def __setitem__(self, key: str, value: Validated) -> None:
        self.dirty.add(content_shard(key))
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.dirty.add(content_shard(key))
        super().__delitem__(key)

    def shards(self, numbers: set[int]) -> dict[int, dict[str, Validated]]:
        """The entries of these shards, by shard (an emptied shard too: saved empty), in one pass."""
        found: dict[int, dict[str, Validated]] = {number: {} for number in numbers}
        for path, validated in self.items():
            entries = found.get(content_shard(path))
            if entries is not None:
                entries[path] = validated
        return found


def read_catalog(root: Path, today: str | None = None, base_url: str | None = None, memo: ContentMemo | None = None) -> CheckResult:
    """Load and validate all content under root/content; build the model when there is no problem.

    With a `memo` (the build cache's content), files whose bytes did not change are not parsed or
    validated again; the memo is updated in place.
    """
    site_front, problems = documents.load_site_config(root, Messages())
    messages = Messages(site_language(site_front))
    if site_front is not None and messages.language != "ja":
        site_front, problems = documents.load_site_config(root, messages)
    config = None
    if site_front is not None:
        config, site_problems = schema.validate_site(site_front, messages)
        problems += site_problems
    # What a file's validation depends on besides its bytes: the rules (this code) and the settings.
    context = keys.digest(keys.code_version(), repr(config), messages.language)

    # A link under content/ could make the build read, and publish, a file from outside the repository.
    problems += [Problem(link, 1, messages.problem("symlink")) for link in safe_files.links_under(root, "content")]
    owner_files, listing_problems = documents.content_files(root, "content/owners", messages)
    problems += listing_problems
    owners: list[Owner] = []
    for found in _validate_files(owner_files, context, memo, lambda d: schema.validate_owner(d, messages), messages):
        problems += found.problems
        if isinstance(found.model, Owner):
            owners.append(found.model)

    program_files, listing_problems = documents.content_files(root, "content/programs", messages)
    problems += listing_problems
    programs: list[Program] = []
    if config is not None:
        owner_ids = {display.rsplit("/", 1)[-1][:-3] for _, display in owner_files}
        validated = _validate_files(program_files, context, memo, schema.program_validator(config, messages), messages)
        for (_, display), found in zip(program_files, validated, strict=True):
            problems += found.problems
            if isinstance(found.model, Program):
                programs.append(found.model)
            problems += _owner_reference(display, found.owner_ref, owner_ids, messages)
    if memo is not None:
        current = {display for _, display in owner_files + program_files}
        for gone in [path for path in memo if path not in current]:
            del memo[gone]

    hand_checks: tuple[HandCheck, ...] = ()
    if config is not None:
        hand_checks, hand_check_problems = _hand_checks(root, messages)
        problems += hand_check_problems
    if problems or config is None:
        return CheckResult(None, sorted(set(problems)), messages)
    if base_url:
        config = _with_base_url(config, base_url)
    date = build_date(today, config.timezone)
    return CheckResult(dataclasses.replace(build_catalog(config, owners, programs, date), hand_checks=hand_checks), [], messages)


def _hand_checks(root: Path, messages: Messages) -> tuple[tuple[HandCheck, ...], list[Problem]]:
    """content/accessibility.yaml, when the maintainers keep one (the accessibility page's checks by hand)."""
    path = accessibility.HAND_CHECKS_FILE
    source = root / path
    if not source.is_file():
        return (), []
    text, problems = documents.decode(source.read_bytes(), path, messages)
    if text is None:
        return (), problems
    front, problems = documents.parse_yaml(text, path, 0, messages)
    if front is None:
        return (), problems
    return schema.validate_hand_checks(front, messages, path)


# A file changed within this many nanoseconds of being read could change again with the same size and
# time stamp (git's "racily clean" problem): such files are compared by their bytes next time.
_RACY_NS = 2_000_000_000


def _signature(stat: os.stat_result) -> tuple[int, int, int] | None:
    if time.time_ns() - stat.st_mtime_ns < _RACY_NS:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def _validate_files(files: list[tuple[os.DirEntry, str]], context: str, memo: ContentMemo | None, validate,
                    messages: Messages) -> list[Validated]:
    """Each file's Validated, in order; the memo is updated. Files that did change (all of them in a
    first build) are read and validated in two processes when there are many."""
    found: dict[str, Validated] = {}
    to_read = []
    for entry, display in files:
        cached = _reusable(memo, display, context)
        if cached is not None and cached.signature is not None and cached.signature == _signature(entry.stat()):
            found[display] = cached
        else:
            to_read.append((entry, display))
    results = workers.map_in_two(lambda file: _validated(*file, context, memo, validate, messages), to_read)
    for (_, display), result in zip(to_read, results, strict=True):
        found[display] = result
        if memo is not None and memo.get(display) != result:  # files naming images are validated every time
            memo[display] = result
    return [found[display] for _, display in files]


def _reusable(memo: ContentMemo | None, display: str, context: str) -> Validated | None:
    cached = memo.get(display) if memo is not None else None
    return cached if cached is not None and cached.reusable and cached.context == context else None


def _validated(entry: os.DirEntry, display: str, context: str, memo: ContentMemo | None, validate, messages: Messages) -> Validated:
    """Load and validate one file whose size or time changed, or take the memo's result when its bytes did not."""
    stat = entry.stat()
    cached = _reusable(memo, display, context)
    raw = safe_files.read_no_follow(Path(entry.path))
    digest = keys.digest(raw)
    if cached is not None and cached.digest == digest:
        return changed(cached, signature=_signature(stat))
    return _validate_bytes(raw, digest, display, Path(entry.path), context, validate, messages, _signature(stat))


def _validate_bytes(raw: bytes, digest: str, display: str, source: Path, context: str, validate, messages: Messages,
                    signature) -> Validated:
    document, problems = documents.load_document(raw, display, source, messages)
    if document is None:
        return Validated(signature, digest, context, None, tuple(problems), None, True)
    model, found = validate(document)
    if markup.body_is_too_complex(document.body):
        found = [*found, Problem(display, document.body_line, messages.problem(
            "body_too_complex", seconds=f"{markup.VALIDATION_BUDGET_SECONDS:g}"))]
        model = None
    uses_files = "image" in document.front.entries or "logo" in document.front.entries
    if model is not None:
        image = getattr(model, "image", None) or getattr(model, "logo", None)
        # Pages copy the image: its bytes are part of what they depend on.
        extra = keys.digest(safe_files.read_no_follow(image.source, source.parent)) if image is not None else ""
        # The path too, not only the bytes: a renamed file, or two files that swapped names, hold the same
        # bytes under another id, and every page keyed by this digest must change with them.
        model = changed(model, digest=keys.digest(digest, extra, display))
        if isinstance(model, Program):
            # Everything but the description: a body edit re-renders the program's own page, not every
            # list, feed and calendar it appears in.
            # Cards show the picture: its bytes count too.
            model = changed(model, listing_digest=keys.digest(repr(changed(model, body="", digest="")), extra))
    owner_ref = None
    entry = document.front.entries.get("owner")
    if entry is not None and isinstance(entry.value, documents.Scalar) and not entry.value.is_null:
        owner_ref = (entry.value.text.strip(), entry.value.line)
    return Validated(signature, digest, context, model, tuple(problems + found), owner_ref, not uses_files)


def _owner_reference(display: str, owner_ref: tuple[str, int] | None, owner_ids: set[str], messages: Messages) -> list[Problem]:
    if owner_ref is None:
        return []
    owner, line = owner_ref
    if owner in owner_ids:
        return []
    suggestion = rules.suggestion(owner, sorted(owner_ids))
    return [Problem(display, line, messages.problem("owner_unknown", value=owner, suggestion=suggestion))]


def _with_base_url(config, base_url: str):
    from dataclasses import replace

    return replace(config, base_url=base_url if base_url.endswith("/") else base_url + "/")
