"""Reading the repository without following symbolic links.

A committed link (`content/programs/.d -> /`) would make the build copy a file from outside the
repository into the published site. Every link under content/ and templates/ is reported as a problem,
and the files the build reads are opened component by component with O_NOFOLLOW, so that a link made
after the check is not followed either.
"""

from __future__ import annotations

import os
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def links_under(root: Path, folder: str) -> list[str]:
    """Every symbolic link at or under root/folder (files and folders alike), as paths relative to root;
    links to folders are not entered."""
    found: list[str] = []
    top = root / folder
    if top.is_symlink():
        return [folder]

    def walk(path: str, shown: str) -> None:
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    name = f"{shown}/{entry.name}"
                    if entry.is_symlink():
                        found.append(name)
                    elif entry.is_dir(follow_symlinks=False):
                        walk(entry.path, name)
        except (FileNotFoundError, NotADirectoryError):
            return

    walk(str(top), folder)
    return sorted(found)


def open_no_follow(path: Path, base: Path | None = None) -> int:
    """A read-only descriptor for `path`; no component below `base` (default: its folder) may be a link.
    Raises OSError (ELOOP, ENOTDIR) when one is."""
    path = Path(os.path.abspath(path))
    base = Path(os.path.abspath(base)) if base is not None else path.parent
    parts = path.relative_to(base).parts
    descriptor = os.open(base, os.O_RDONLY | _DIRECTORY)
    try:
        for part in parts[:-1]:
            following = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = following
        return os.open(parts[-1], os.O_RDONLY | _NOFOLLOW, dir_fd=descriptor)
    finally:
        os.close(descriptor)


def read_no_follow(path: Path, base: Path | None = None) -> bytes:
    with os.fdopen(open_no_follow(path, base), "rb") as stream:
        return stream.read()
