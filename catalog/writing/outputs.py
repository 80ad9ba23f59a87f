"""The writer's input and its record: an Output is one file of the site still to be made; the Manifest
says what the last build wrote. The site's routes (site/routes.py) and the search index
(search/documents.py) make Outputs; this package writes them and knows no template.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from catalog import safe_files
from catalog.problems import DuplicateOutput

Folders = dict[str, Path]  # Output.folder -> where it is written ("" is the site)


class Output(NamedTuple):
    """One file of the site: where it goes, a key of everything its bytes depend on, and how to make them.

    Keys are computed before anything is rendered, so that a rebuild renders only the files whose key
    changed (writing/update.py). A key must cover every input of `make`: site/routes.py declares each
    page's key beside its route, and tests/site/test_keys.py fails when a template reads more than its
    key covers. A named tuple: a build makes one per file, most only to compare their keys.
    """

    path: str
    key: tuple[str, ...]  # with the manifest's `common`, what the bytes depend on
    make: Callable[[], bytes | Path]
    program: str = ""  # the program a per-program file belongs to: the bulk of a full build, shared by two processes
    folder: str = ""  # "" for site/; "index" for the documents Pagefind reads (kept in the build cache)
    late: bool = False  # data files (programs.json, ...): serve writes them after the pages, like the index

    @property
    def address(self) -> str:
        """The output's name in the manifest: unique across folders."""
        return f"{self.folder}:{self.path}" if self.folder else self.path


@dataclass
class Manifest:
    """What the last build wrote: every file's key, and the keys of what the whole site depended on."""

    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    common: str = ""  # what every file depends on (site/routes.common_key): when it changes, every file is rebuilt
    folder: tuple[int, int] | None = None  # device and inode of site/: a replaced or deleted site/ is rebuilt whole
    index: str = ""  # the key of the catalog the search bundles were built from ("" for none)
    content: str = ""  # site/routes.content_key: when it, `index` and the folder are the same, nothing changed

    @property
    def files(self) -> int:
        """How many files of the site (not index documents) the build made."""
        return sum(1 for address in self.keys if not address.startswith("index:"))


def folder_identity(folder: Path) -> tuple[int, int] | None:
    try:
        stat = folder.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


def check_unique(outputs: Sequence[Output]) -> None:
    """Refuses a second file at one path, as Pelican's writer does: two things claiming one URL is a bug
    to stop at, never a page to overwrite silently."""
    seen: set[str] = set()
    for output in outputs:
        if output.address in seen:
            raise DuplicateOutput(output.path)
        seen.add(output.address)


def store(destination: Path, content: bytes | Path) -> None:
    """Bytes are written; a Path (an image, an asset) is copied."""
    if isinstance(content, Path):  # an image or an asset, checked to be no link; never follow one made since
        with os.fdopen(safe_files.open_no_follow(content), "rb") as source, open(destination, "wb") as target:
            shutil.copyfileobj(source, target)
    else:
        destination.write_bytes(content)
