"""The rule for an image a content file names (an owner's logo, a program's picture): the file is found
next to the content file, stays inside its folder through no link, has an allowed type and size, and
holds what its name says (images.py decides that from the bytes)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from catalog import safe_files
from catalog.content import images, rules
from catalog.content.documents import Document, Value
from catalog.content.model import Image
from catalog.content.rules import Report


def image_file(value: Value, report: Report, field: str, document: Document, suffixes: Collection[str], max_bytes: int) -> Image | rules.Invalid:
    """A picture next to the content file: exists, stays inside its folder, is what its name says, is small enough."""
    name = rules.text(value, report, field, max_length=200)
    if name is rules.INVALID:
        return rules.INVALID
    folder = document.source.parent
    target = folder / name
    if "://" in name or name.startswith(("/", "\\")) or ".." in Path(name).parts or "\\" in name:
        report(value.line, "image_outside", field=field, value=name)
        return rules.INVALID
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        report(value.line, "image_type", field=field, value=name, allowed=", ".join(sorted(suffixes)))
        return rules.INVALID
    parts = Path(name).parts
    if any((folder / Path(*parts[:depth])).is_symlink() for depth in range(1, len(parts) + 1)):
        report(value.line, "image_symlink", field=field, value=name)
        return rules.INVALID
    if not target.is_file():
        nearby = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in suffixes and not p.is_symlink()) if folder.is_dir() else []
        report(value.line, "image_missing", field=field, value=name, suggestion=rules.suggestion(name, nearby))
        return rules.INVALID
    size = target.stat().st_size
    if size > max_bytes:
        report(value.line, "image_too_large", field=field, value=name, size=size // 1024, limit=max_bytes // 1024)
        return rules.INVALID
    try:
        data = safe_files.read_no_follow(target, folder)
    except OSError:  # became a link, or went away, since the look above
        report(value.line, "image_symlink", field=field, value=name)
        return rules.INVALID
    if suffix == ".svg":
        problem = images.svg_problem(data)
        if problem is not None:
            report(value.line, "svg_active", field=field, value=name, element=problem.what, svg_line=problem.line)
            return rules.INVALID
    elif not images.raster_is_valid(data, suffix):
        report(value.line, "image_not_image", field=field, value=name)
        return rules.INVALID
    return Image(source=target, name=Path(name).name, alt="")
