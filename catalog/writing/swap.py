"""Putting a complete tree in place at once: a full build's folder, or fresh search bundles.

On Linux the two folders are exchanged in one system call (renameat2 RENAME_EXCHANGE), so site/
always exists; elsewhere two renames leave a window of microseconds without it. The tree replaced is
kept as the spare, for the next full build to write over (see writing/full.py), or deleted.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def staging_path(target: Path) -> Path:
    """Where a full build writes before the swap: beside the target, on the same file system."""
    return target.with_name(f".{target.name}.new-{os.getpid()}")


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


def swap_in(staging: Path, target: Path, spare: Path | None = None) -> None:
    """Replace `target` with the complete tree at `staging`. The tree it replaces is deleted, or kept at
    `spare` for the next full build to write over."""
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(target)
    if target.exists():
        if _exchange(staging, target):
            set_aside(staging, spare)  # now holds the previous site
            return
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
        staging.rename(target)
        set_aside(old, spare)
    else:
        staging.rename(target)


def swap_folders(fresh: Path, target: Path, names: tuple[str, ...]) -> None:
    """Swap each folder `names` of `fresh` into `target` (removing those `fresh` lacks), then drop `fresh`."""
    for name in names:
        if (fresh / name).exists():
            swap_in(fresh / name, target / name)
        elif (target / name).exists():
            shutil.rmtree(target / name)
    shutil.rmtree(fresh, ignore_errors=True)


def remove_folders(target: Path, names: tuple[str, ...]) -> None:
    for name in names:
        shutil.rmtree(target / name, ignore_errors=True)


def take_spare(spare: Path, staging: Path) -> None:
    """Start a full build in the spare tree a previous one set aside, if there is one (renamed: of two
    builds at once, one gets it)."""
    try:
        spare.rename(staging)
    except OSError:
        pass  # none (or not ours to take): the build writes into a new folder


def set_aside(tree: Path, spare: Path | None) -> None:
    """Keep a tree that is no longer needed as the spare, or delete it (no spare wanted, or one kept already)."""
    if spare is not None and not spare.exists():
        try:
            spare.parent.mkdir(parents=True, exist_ok=True)
            tree.rename(spare)
            return
        except OSError:
            pass
    shutil.rmtree(tree, ignore_errors=True)


def discard(tree: Path) -> None:
    shutil.rmtree(tree, ignore_errors=True)
