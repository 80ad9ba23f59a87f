"""Write: the rendered mapping -> a staging folder beside site/, then an atomic swap.

Visitors and later stages never see half a site: everything is written (and
indexed) beside the target, and only a complete tree replaces it. On Linux the
two folders are exchanged in one system call (renameat2 RENAME_EXCHANGE);
elsewhere two renames leave a window of microseconds without site/.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

from collections.abc import Iterable

from .render import DuplicateOutput

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def staging_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.new-{os.getpid()}")


def write_tree(pages: Iterable[tuple[str, "bytes | Path"]], folder: Path) -> int:
    """Write every (path, content) under `folder`, which must not exist yet; returns how many files.

    Refuses a second file at one path, as Pelican's writer does: two things
    claiming one URL is a bug to stop at, never a page to overwrite silently.
    """
    folder.mkdir(parents=True)
    made: set[Path] = {folder}
    written: set[str] = set()
    for relative, content in pages:
        if relative in written:
            raise DuplicateOutput(relative)
        written.add(relative)
        destination = folder / relative
        parent = destination.parent
        if parent not in made:
            parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        if isinstance(content, Path):
            shutil.copyfile(content, destination)
        else:
            destination.write_bytes(content)
    return len(written)


def _exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def swap_in(staging: Path, target: Path) -> None:
    """Replace `target` with the complete tree at `staging`."""
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(target)
    if target.exists():
        if _exchange(staging, target):
            shutil.rmtree(staging)  # now holds the previous site
            return
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
        staging.rename(target)
        shutil.rmtree(old)
    else:
        staging.rename(target)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
