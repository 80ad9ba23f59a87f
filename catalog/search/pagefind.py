"""Index: the index documents -> Pagefind bundles (site/pagefind/, site/pagefind-closed/), through
the Pagefind CLI of the pagefind[bin] wheel.

The bundles are built beside the site; the driver (catalog/build.py) decides where they go. The
bundle Pagefind writes is then made deterministic (pagefind_canon.py), and the sort orders go into
files of their own (write_sorts).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

from catalog.content.model import Catalog, Program, State
from catalog.problems import SearchIndexError
from catalog.search import pagefind_canon


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
    under documents/<bundle>/ (search/documents.py). The bundles are indexed at the same time.

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
    for process in running.values():
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
        remove_unused_files(site / name)


# What Pagefind writes for its own interfaces: the Default, Modular and Component UIs, the result
# highlighter, and the web worker (search.js passes noWorker). The search page loads none of them.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "pagefind-worker.js")


def remove_unused_files(bundle: Path) -> None:
    """Leave only what search.js and pagefind.js load."""
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)


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
    the metadata every search downloads (README, "Search in Japanese"). The search page
    fetches one of these files only when a visitor sorts, or lists programs without a query. The keys
    are the ranks of the days (since 1970) among the distinct days of that order: the page only compares
    them, and small numbers compress better than days (6.6 KB instead of 8 KB of a sorted first search
    on 10,000 programs); ties keep the page order, which is the order of the addresses.
    """
    by_url = {f"/programs/{p.id}/": p for p in programs}
    pages = [by_url[url] for url in urls]
    epoch = dt.date(1970, 1, 1)
    keys = {
        "deadline": [(dt.date.fromisoformat(p.deadline_sort_key) - epoch).days for p in pages],  # soonest first, ongoing last
        "newest": [(epoch - p.posted).days for p in pages],  # negated: every order is ascending
    }
    for name, values in keys.items():  # one file an order: only the chosen one is fetched
        rank = {day: n for n, day in enumerate(sorted(set(values)))}
        ranks = [rank[day] for day in values]
        (bundle / f"sort-{name}-{folder}.json").write_text(json.dumps(ranks, separators=(",", ":")), encoding="utf-8")


BUNDLES = ("pagefind", "pagefind-closed")


def index_beside(catalog: Catalog, site: Path, documents: Path) -> Path:
    """Build the bundles for a built site in a folder beside it (Pagefind has no incremental mode); the driver swaps them in (writing/swap.swap_folders)."""
    fresh = site.with_name(f".{site.name}.index-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    try:
        write_index(catalog, fresh, documents)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return fresh
