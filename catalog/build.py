"""The build, stage by stage. Read `build` first: each line is one stage.

    read      content/ -> Catalog: files loaded, validated, modelled (content/)
    keys      what the site depends on; unchanged since the last build: nothing to do (site/routes.py)
    render    Catalog -> every file of the site as an Output: path, key, how to make it (site/, search/)
    write     Outputs -> site/: all of them beside it and swapped in, or only the changed ones (writing/)
    index     the index documents -> Pagefind bundles in site/ (search/)

Everything is gathered and checked before anything is written: content problems stop the build
before render; any failure after that leaves site/ as it was (or, in an update, says what was done).
Every failure is a BuildError, which the command line prints; nothing here prints.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import jinja2

from catalog import cache as build_cache
from catalog import keys, leftovers, safe_files
from catalog.cache import BuildCache
from catalog.content.accessibility import AutomatedRun
from catalog.content.model import Catalog
from catalog.content.read import read_catalog
from catalog.messages import Messages
from catalog.problems import BuildError, ContentProblems, Problem, RenderFailed
from catalog.search import pagefind
from catalog.search.documents import index_outputs
from catalog.site.routes import common_key, content_key, site_outputs
from catalog.writing import swap
from catalog.writing.full import write_full
from catalog.writing.outputs import Manifest, Output, folder_identity
from catalog.writing.update import Update, apply_update, plan_update

Say = Callable[[str], None]
T = TypeVar("T")


@dataclass(frozen=True)
class BuildOptions:
    root: Path  # the project: content/ (and templates/) below it
    target: Path  # the site folder, resolved
    templates: Path
    today: str | None = None  # YYYY-MM-DD; else SOURCE_DATE_EPOCH, else today in the site's time zone
    base_url: str | None = None  # instead of site.yaml's
    search: bool = True  # build the Pagefind bundles
    pages_first: bool = False  # serve: write the pages first, then the data files and the search index
    a11y_run: AutomatedRun | None = None  # the accessibility tests' results, for the accessibility page


@dataclass(frozen=True)
class Built:
    catalog: Catalog
    messages: Messages
    how: str  # "unchanged", "built" (whole, swapped in) or "updated" (in place)
    written: int  # files written
    files: int  # files of the site


def build(options: BuildOptions, cache: BuildCache, say: Say) -> Built:
    """Validate content/ and make options.target the site it describes. `cache` is read and updated
    (the caller saves it); `say` gets progress lines (serve's "pages written")."""
    started = time.perf_counter()
    catalog, messages = _read(options, cache)                         # read: load, validate, model; templates
    site = _site_keys(catalog, options)                               # keys: what the site depends on
    previous = cache.manifest
    if previous is not None and _unchanged(previous, site, options.target):  # nothing changed since it was written
        if options.pages_first:
            say(messages.cli("pages_written", count=0, seconds=f"{time.perf_counter() - started:.2f}"))
        return Built(catalog, messages, "unchanged", 0, previous.files)
    outputs = _render(catalog, options, cache)                        # render: every file with its key, not yet made
    try:
        update = _plan(outputs, options, cache.manifest, site)        # write: only the files whose key changed, or
        if update is None:
            manifest, written = _write_whole(outputs, catalog, options), len(outputs)  # everything, swapped in; index
        else:
            manifest, written = _write_update(update, catalog, options, site, started, say)  # changes; index
    except (jinja2.TemplateError, OSError, BuildError, _AfterPages) as error:
        cache.manifest = None  # whatever was half-done, the next build starts clean
        raise _failure(error, messages) from error
    cache.manifest = _stamped(manifest, site, options.target)
    return Built(catalog, messages, "built" if update is None else "updated", written, manifest.files)


def describe(error: BaseException, messages: Messages = Messages()) -> str:
    """A failure as one line for the terminal, in the site's language: templates with file and line,
    others by type (a failure in the writer's other process comes as the line it described)."""
    if isinstance(error, jinja2.TemplateError):
        # Only syntax errors know their file and line; jinja2's others are about a value at run time.
        where = f"{error.filename}:{error.lineno}: " if isinstance(error, jinja2.TemplateSyntaxError) and error.lineno else ""
        return messages.cli("template_error", detail=f"{where}{error.message}")
    if isinstance(error, RenderFailed):
        return str(error)
    return messages.cli("build_error", detail=f"{type(error).__name__}: {error}")


class _AfterPages(Exception):
    """A failure once an update had written pages: the site is updated, its search index is not."""

    def __init__(self, error: BaseException):
        super().__init__(str(error))
        self.error = error


def _failure(error: BaseException, messages: Messages) -> RenderFailed:
    if isinstance(error, _AfterPages):
        return RenderFailed(f"{describe(error.error, messages)}\n{messages.cli('index_not_updated')}")
    return RenderFailed(f"{describe(error, messages)}\n{messages.cli('site_unchanged')}")


def collecting_later(run: Callable[[], T]) -> T:
    """Run with the cyclic garbage collector off, and collect after (a kept speed-up: docs/performance.md).
    A build makes many small objects and few cycles; the collector kept rescanning the model."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return run()
    finally:
        if collecting:
            gc.enable()


def _read(options: BuildOptions, cache: BuildCache) -> tuple[Catalog, Messages]:
    result = read_catalog(options.root, options.today, options.base_url, cache.content)
    catalog = result.checked()
    # A linked template or asset could publish any file of the machine.
    links = safe_files.links_under(options.templates.parent, options.templates.name)
    if links:
        problems = [Problem(link, 1, result.messages.problem("symlink")) for link in links]
        raise ContentProblems(problems, result.messages.count(len(problems)))
    return catalog, result.messages


@dataclass(frozen=True)
class _SiteKeys:
    common: str  # what every file depends on
    content: str  # what the whole site depends on
    index: str  # what the search bundles depend on ("" without search)


def _site_keys(catalog: Catalog, options: BuildOptions) -> _SiteKeys:
    common = common_key(catalog, options.templates)
    # The bundles depend on the content as the pages do, but not on the templates.
    index = content_key(catalog, keys.digest(keys.code_version(), repr(catalog.config), catalog.today.isoformat())) \
        if options.search else ""
    # The accessibility page shows the test run: another run, another site (only that page's key differs).
    return _SiteKeys(common, keys.digest(content_key(catalog, common), repr(options.a11y_run)), index)


def _unchanged(previous: Manifest, site: _SiteKeys, target: Path) -> bool:
    return (previous.common, previous.content, previous.index, previous.folder) == (site.common, site.content, site.index, folder_identity(target))


def _stamped(manifest: Manifest, site: _SiteKeys, target: Path) -> Manifest:
    manifest.common, manifest.content, manifest.index = site.common, site.content, site.index
    manifest.folder = folder_identity(target)
    return manifest


def _render(catalog: Catalog, options: BuildOptions, cache: BuildCache) -> list[Output]:
    outputs = site_outputs(catalog, options.templates, cache.templates, cache.fragments, options.a11y_run)
    return outputs + index_outputs(catalog, cache.fragments) if options.search else outputs


def _folders(options: BuildOptions) -> dict[str, Path]:
    documents = build_cache.index_documents_path(options.target)
    return {"": options.target, "index": documents} if options.search else {"": options.target}


def _plan(outputs: list[Output], options: BuildOptions, previous: Manifest | None, site: _SiteKeys) -> Update | None:
    if previous is None:
        return None
    return plan_update(outputs, _folders(options), previous, site.common, defer_late=options.pages_first)


def _write_whole(outputs: list[Output], catalog: Catalog, options: BuildOptions) -> Manifest:
    """Everything into a folder beside the site (the spare tree a previous build left, if any), indexed
    by Pagefind while the pages are written, then swapped in at once."""
    target = options.target
    staging, spare = swap.staging_path(target), build_cache.spare_path(target)
    documents = build_cache.index_documents_path(target) if options.search else None
    swap.take_spare(spare, staging)
    indexing: dict = {}
    try:
        start = (lambda: indexing.update(pagefind.start_index(catalog, staging, documents))) if documents else None
        manifest = write_full(outputs, staging, index=documents, between=start)
        if documents is not None:
            pagefind.finish_index(catalog, staging, indexing)
        swap.swap_in(staging, target, spare)
    except BaseException:
        pagefind.stop_index(indexing)
        swap.set_aside(staging, spare)
        raise
    return manifest


def _write_update(update: Update, catalog: Catalog, options: BuildOptions, site: _SiteKeys, started: float,
                  say: Say) -> tuple[Manifest, int]:
    """The changed files in place; the search bundles built beside the site when the catalog changed,
    before any page is written (a failure leaves site/ as it was), or after them for serve."""
    target, folders = options.target, _folders(options)
    reindex = options.search and update.manifest.index != site.index
    index_part, pages = update.split("index")
    scratch = leftovers.scratch_path(target)
    apply_update(index_part, scratch)  # the documents Pagefind reads, in the cache
    fresh = pagefind.index_beside(catalog, target, folders["index"]) if reindex and not options.pages_first else None
    try:
        written = apply_update(pages, scratch)
        if options.pages_first:  # serve: the pages now; data files and the search index follow
            seconds = f"{time.perf_counter() - started:.2f}"
            say(Messages(catalog.config.language).cli("pages_written", count=written, seconds=seconds))
            written += apply_update(pages.rendered_later(folders), scratch)
        if not options.search:
            swap.remove_folders(target, pagefind.BUNDLES)
        if reindex and options.pages_first:
            fresh = pagefind.index_beside(catalog, target, folders["index"])
        if fresh is not None:
            swap.swap_folders(fresh, target, pagefind.BUNDLES)
    except (jinja2.TemplateError, OSError, BuildError) as error:
        if fresh is not None:
            swap.discard(fresh)
        raise _AfterPages(error) from error
    return update.manifest, written
