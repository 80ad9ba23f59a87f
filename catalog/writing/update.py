"""An update of site/ in place: only the files whose key changed since the last build are made, and
only those whose bytes differ are written, each atomically; files no longer produced are removed.

Used when a built site and its manifest exist and few files changed. Everything is rendered into memory
before the first write (a template error leaves site/ as it was), and written in two steps so that a
full disk leaves it as it was too.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from catalog.writing.outputs import Folders, Manifest, Output, check_unique, folder_identity, store

# More changed files than this and a full build (two processes, written beside the site) is faster
# than rendering them one by one into memory, and keeps memory small.
UPDATE_LIMIT = 2_000


@dataclass
class Update:
    """The files an update will write and remove; everything already rendered."""

    changed: list[tuple[str, Path, bytes | Path]]  # Output.folder, destination, content
    removed: list[tuple[str, Path, Path]]  # Output.folder, its root, the file
    manifest: Manifest
    later: list[Output] = field(default_factory=list)  # late outputs not rendered yet (see plan_update)

    def split(self, folder: str) -> tuple[Update, Update]:
        """(the part of this update in `folder`, the rest)."""
        def part(inside: bool) -> Update:
            return Update([c for c in self.changed if (c[0] == folder) == inside],
                          [r for r in self.removed if (r[0] == folder) == inside], self.manifest,
                          [o for o in self.later if (o.folder == folder) == inside])

        return part(True), part(False)

    def rendered_later(self, folders: Folders) -> Update:
        """The late outputs, rendered: apply after the pages."""
        return Update([(o.folder, folders[o.folder] / o.path, o.make()) for o in self.later], [], self.manifest)


def plan_update(outputs: Sequence[Output], folders: Folders, previous: Manifest, common: str,
                defer_late: bool = False) -> Update | None:
    """Render the outputs whose key changed since `previous`; None when a full build is the better way
    (no usable manifest, site/ replaced since, other templates, settings or day, or too many changes).
    With `defer_late`, late outputs are left for Update.rendered_later."""
    if previous.folder is None or previous.folder != folder_identity(folders[""]) or previous.common != common:
        return None
    if any(not folder.is_dir() for folder in folders.values()):
        return None
    # Each output's address once: this loop runs over every output on every rebuild.
    keys = {o.address if o.folder else o.path: o.key for o in outputs}
    if len(keys) != len(outputs):
        check_unique(outputs)
    previous_key = previous.keys.get
    stale = [o for o in outputs if previous_key(o.address if o.folder else o.path) != o.key]
    if len(stale) > UPDATE_LIMIT:
        return None
    stale.sort(key=lambda o: o.folder != "index")  # index documents first: they render the bodies pages reuse
    later = [o for o in stale if defer_late and o.late]
    changed = [(o.folder, folders[o.folder] / o.path, o.make()) for o in stale if not (defer_late and o.late)]
    removed = []
    for address in sorted(a for a in previous.keys if a not in keys):
        prefix, colon, rest = address.partition(":")
        folder, path = (prefix, rest) if colon and prefix in folders else ("", address)
        removed.append((folder, folders[folder], folders[folder] / path))
    return Update(changed, removed, Manifest(keys, common, previous.folder, previous.index), later)


def apply_update(update: Update, scratch: Path | None = None) -> int:
    """Write the changed files whose bytes differ, remove the files no longer built; returns how many were written.

    In two steps, so that a full disk leaves site/ as it was: every new file is first written into
    `scratch` (one folder beside the site: what a killed build leaves is found in one place), or beside
    the one it replaces; only when all are written are they renamed into place (renames need no space).
    """
    ready: list[tuple[Path, Path]] = []
    if scratch is not None:
        scratch.mkdir(exist_ok=True)
    try:
        for number, (_, destination, content) in enumerate(update.changed):
            if isinstance(content, bytes) and destination.is_file() and destination.stat().st_size == len(content) \
                    and destination.read_bytes() == content:
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            temporary = scratch / str(number) if scratch is not None else destination.with_name(f".{destination.name}.new-{os.getpid()}")
            ready.append((temporary, destination))
            store(temporary, content)
        for temporary, destination in ready:
            _rename(temporary, destination)
    except BaseException:
        for temporary, _ in ready:
            temporary.unlink(missing_ok=True)
        raise
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    for _, folder, destination in update.removed:
        destination.unlink(missing_ok=True)
        parent = destination.parent
        # Folders left empty go too (programs/x/ of a deleted program), up to the first that is not.
        while parent != folder and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return len(ready)


def _rename(source: Path, destination: Path) -> None:
    try:
        os.replace(source, destination)
    except OSError as error:
        if error.errno != errno.EXDEV:  # the scratch folder on another filesystem than the index documents
            raise
        shutil.move(source, destination)
