"""One build at a time per output folder, and nothing left behind by one that was interrupted.

A build writes beside site/ (a `.site.new-PID` staging tree, `.site.index-PID` search bundles,
`.site.old-PID` during a swap), into a scratch folder `.site.tmp-PID` (the files an update renames into
site/) and into the cache (`.NAME.PID` before a rename). A `kill -9`, a crash or a full disk leaves
them there: the next build removes them first. It can, because it holds the folder's lock
(`.cache/build/lock-<hash of the folder>`, flock: released by the kernel when its process dies, however it dies), so no other
build is using them.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from catalog.cache import folder_of as cache_folder
from catalog.keys import digest


def lock_path(target: Path) -> Path:
    return cache_folder(target) / f"lock-{digest(str(target.resolve()))[:16]}"


def scratch_path(target: Path) -> Path:
    """Where an update writes each new file before renaming it into place (same filesystem as the site)."""
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


@contextlib.contextmanager
def build_lock(target: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold the output folder's lock; when another build holds it, call `waiting` once and wait."""
    lock_path(target).parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock_path(target), os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _ours(name: str, site: str) -> bool:
    return re.fullmatch(rf"\.{re.escape(site)}\.(?:new|old|index|tmp)-\d+", name) is not None


def remove_leftovers(target: Path) -> list[Path]:
    """Remove what interrupted builds left (call with the lock held); returns what was removed."""
    removed: list[Path] = []
    candidates: list[Path] = []
    if target.parent.is_dir():
        candidates += [p for p in target.parent.iterdir() if _ours(p.name, target.name)]
    if target.is_dir():  # the search bundles' own swap, inside the site (writing/swap.swap_folders)
        candidates += [p for p in target.iterdir() if re.fullmatch(r"\.pagefind[\w-]*\.(?:new|old)-\d+", p.name)]
    folder = cache_folder(target)
    if folder.is_dir():  # cache files cut short before their rename (catalog/cache.py, save)
        candidates += [p for p in folder.iterdir() if re.fullmatch(r"\..+\.\d+", p.name) and not p.is_dir()]
    for path in candidates:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed
