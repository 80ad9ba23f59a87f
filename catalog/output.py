"""Write: the site's Outputs -> files, either a full build beside site/ swapped in at once, or an
update of site/ in place that writes only the files whose key changed.

Full build: everything is written (and indexed) in a staging folder beside the target, and only a
complete tree replaces it. On Linux the two folders are exchanged in one system call (renameat2
RENAME_EXCHANGE); elsewhere two renames leave a window of microseconds without site/. The per-program
files, most of the work, are shared out between two processes (os.fork: the model is inherited, not
copied or pickled).

Update: the manifest of the last build says which key each file had. Files whose key changed are
rendered into memory first (a template error leaves site/ as it was), then written one by one, each
atomically (temporary file + rename), and only when their bytes differ; files no longer produced are
removed. Used when a built site and its manifest exist and few files changed.
"""

from __future__ import annotations

import ctypes
import errno
import ctypes.util
import os
import shutil
import threading
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import safe_files
from .render import DuplicateOutput, Output

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
# More changed files than this and a full build (two processes, written beside the site) is faster
# than rendering them one by one into memory, and keeps memory small.
UPDATE_LIMIT = 2_000
_CHUNK = 50  # programs whose files a process takes at a time


class BuildFailed(Exception):
    """Rendering failed (in this process or another); the message says where, as the command prints it."""


def describe(error: BaseException) -> str:
    """A rendering error as one line, in no language (the command line puts it in the site's): a template's
    with its file and line, any other by its type."""
    if isinstance(error, jinja2.TemplateError):
        where = f"{error.filename}:{error.lineno}: " if getattr(error, "lineno", None) else ""
        return f"{where}{error.message}"
    return f"{type(error).__name__}: {error}"


@dataclass
class Manifest:
    """What the last build wrote: every file's key, and the folder it wrote them to."""

    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    common: str = ""  # render.common_key of the build: when it changes, every file is rebuilt
    folder: tuple[int, int] | None = None  # device and inode of site/: a replaced or deleted site/ is rebuilt whole
    index: str = ""  # the key of the catalog the search bundles were built from ("" for none)
    content: str = ""  # render.content_key of the build: when it, `index` and the folder are the same, nothing changed

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


def staging_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.new-{os.getpid()}")


def _check_unique(outputs: Sequence[Output]) -> None:
    """Refuses a second file at one path, as Pelican's writer does: two things claiming one URL is a bug
    to stop at, never a page to overwrite silently."""
    seen: set[str] = set()
    for output in outputs:
        if output.address in seen:
            raise DuplicateOutput(output.path)
        seen.add(output.address)


def _store(destination: Path, content: bytes | Path) -> None:
    if isinstance(content, Path):  # an image or an asset, checked to be no link; never follow one made since
        with os.fdopen(safe_files.open_no_follow(content), "rb") as source, open(destination, "wb") as target:
            shutil.copyfileobj(source, target)
    else:
        destination.write_bytes(content)


Folders = dict[str, Path]  # Output.folder -> where it is written ("" is the site)


def _write_each(outputs: Iterable[Output], folders: Folders, made: set[Path]) -> None:
    for output in outputs:
        destination = folders[output.folder] / output.path
        parent = destination.parent
        if parent not in made:
            parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        _store(destination, output.make())


def write_full(outputs: Sequence[Output], folder: Path, processes: int = 2, index: Path | None = None,
               between: Callable[[], None] | None = None) -> Manifest:
    """Write every output under `folder`, and index documents under `index`. Either folder may hold an
    earlier build's files (the spare site, the cached documents): they are written over in place, and
    whatever else is there removed first (see _clear_except). Creating 28,000 files in new inodes took
    twice the kernel time of writing over old ones, and three times more right after deleting a tree
    of them: ext4 steps over every recently freed inode.

    Index documents come first; `between` is called once all of them are written and before most pages
    are: the build starts Pagefind there, so that it indexes on its own core while the pages are written.
    """
    _check_unique(outputs)
    folders = {"": folder}
    if index is not None:
        folders["index"] = index
    for name, path in folders.items():
        if path.is_symlink():
            path.unlink()
        if path.is_dir():
            _clear_except(path, {o.path for o in outputs if o.folder == name})
        else:
            path.mkdir(parents=True)
    chunks = _program_chunks(outputs)
    rest = [o for o in outputs if not o.program]
    made: set[Path] = set(folders.values())
    between = between or (lambda: None)
    if processes < 2 or len(chunks) < 4 or threading.active_count() > 1 or not hasattr(os, "fork"):
        # Forking a process that runs other threads (serve's HTTP server) can inherit a held lock;
        # Windows has no fork.
        _write_each((o for documents, _ in chunks for o in documents), folders, made)
        between()
        _write_each(rest, folders, made)
        _write_each((o for _, files in chunks for o in files), folders, made)
    else:
        _write_shared(chunks, rest, folders, made, between)
    return Manifest({o.address: o.key for o in outputs})


def _clear_except(folder: Path, kept: set[str], prefix: str = "") -> bool:
    """Make a folder an earlier build left safe to write over: remove every entry that is not a regular
    file at a path in `kept` (relative paths), or is a link of any kind (a write must never reach
    outside through a symbolic link, nor into another name through a hard one), and the folders left
    empty (a folder where a file must go empties: no kept path lies under a kept path). Returns whether
    `folder` is empty now."""
    empty = True
    with os.scandir(folder) as entries:
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if _clear_except(Path(entry.path), kept, name + "/"):
                    os.rmdir(entry.path)
                else:
                    empty = False
            elif name in kept and entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_nlink == 1:
                empty = False
            else:
                os.unlink(entry.path)
    return empty


Chunk = tuple[list[Output], list[Output]]  # of _CHUNK programs: their index documents, their other files


def _program_chunks(outputs: Sequence[Output]) -> list[Chunk]:
    chunks: list[Chunk] = []
    chunk_of: dict[str, Chunk] = {}
    for output in outputs:
        if not output.program:
            continue
        chunk = chunk_of.get(output.program)
        if chunk is None:
            if len(chunk_of) % _CHUNK == 0:
                chunks.append(([], []))
            chunk = chunk_of[output.program] = chunks[-1]
        (chunk[0] if output.folder == "index" else chunk[1]).append(output)
    return chunks


def _write_shared(chunks: list[Chunk], rest: list[Output], folders: Folders, made: set[Path], between) -> None:
    """This process and one child share the per-program files, in two rounds: index documents, then the
    rest. In each round both take chunks until none is left (a counter in shared memory); in the second,
    each first takes the chunks whose documents it made, which rendered their Markdown bodies already.
    This process calls `between` when the child says its documents are done, and writes `rest` (home,
    lists, feeds...) before its second round, so the two finish together however the work is spread."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    documents_counter = context.Value("l", 0)
    claimed = context.Array("b", len(chunks))  # second round: 1 once a process took the chunk
    report_reader, report_writer = os.pipe()
    ready_reader, ready_writer = os.pipe()
    child = os.fork()
    if child == 0:  # the child: write chunks, report failure through the pipe, never return
        os.close(report_reader)
        os.close(ready_reader)
        status = 0
        try:
            mine = _take_documents(chunks, documents_counter, folders, made)
            os.write(ready_writer, b"1")
            os.close(ready_writer)
            _take_files(chunks, mine, claimed, folders, made)
        except BaseException as error:  # noqa: BLE001 - everything must reach the parent
            status = 1
            os.write(report_writer, describe(error).encode("utf-8", "replace") + b"\n" + traceback.format_exc().encode("utf-8", "replace"))
        finally:
            os.close(report_writer)
            os._exit(status)
    os.close(report_writer)
    os.close(ready_writer)
    failure: BaseException | None = None
    try:
        mine = _take_documents(chunks, documents_counter, folders, made)
        if os.read(ready_reader, 1) == b"1":  # nothing (end of file): the child failed, its report says why
            between()
            _write_each(rest, folders, made)
            _take_files(chunks, mine, claimed, folders, made)
    except BaseException as error:  # noqa: BLE001 - the child is waited for first
        failure = error
        with documents_counter.get_lock(), claimed.get_lock():  # stop the child soon
            documents_counter.value = len(chunks)
            claimed[:] = [1] * len(chunks)
    os.close(ready_reader)
    with os.fdopen(report_reader, "rb") as stream:
        report = stream.read()
    _, status = os.waitpid(child, 0)
    if failure is not None:
        raise failure
    if status != 0:
        raise BuildFailed(report.decode("utf-8", "replace").splitlines()[0] if report else f"a build process failed ({status})")


def _take_documents(chunks: list[Chunk], counter, folders: Folders, made: set[Path]) -> list[int]:
    """The first round: index documents, a chunk at a time; returns the chunks this process took."""
    taken = []
    while True:
        with counter.get_lock():
            number = counter.value
            counter.value = number + 1
        if number >= len(chunks):
            return taken
        _write_each(chunks[number][0], folders, made)
        taken.append(number)


def _take_files(chunks: list[Chunk], mine: list[int], claimed, folders: Folders, made: set[Path]) -> None:
    """The second round: the other per-program files, this process's chunks first, then any left."""
    for number in [*mine, *range(len(chunks))]:
        with claimed.get_lock():
            if claimed[number]:
                continue
            claimed[number] = 1
        _write_each(chunks[number][1], folders, made)


@dataclass
class Update:
    """The files an update will write and remove; everything already rendered."""

    changed: list[tuple[str, Path, bytes | Path]]  # Output.folder, destination, content
    removed: list[tuple[str, Path, Path]]  # Output.folder, its root, the file
    manifest: Manifest
    later: list[Output] = field(default_factory=list)  # late outputs not rendered yet (see plan_update)

    def split(self, folder: str) -> tuple["Update", "Update"]:
        """(the part of this update in `folder`, the rest)."""
        def part(inside: bool) -> Update:
            return Update([c for c in self.changed if (c[0] == folder) == inside],
                          [r for r in self.removed if (r[0] == folder) == inside], self.manifest,
                          [o for o in self.later if (o.folder == folder) == inside])

        return part(True), part(False)

    def rendered_later(self, folders: Folders) -> "Update":
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
    # Each output's address once: this runs over all 38,000 outputs on every rebuild.
    keys = {o.address if o.folder else o.path: o.key for o in outputs}
    if len(keys) != len(outputs):
        _check_unique(outputs)
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

    In two steps, so that a full disk leaves site/ as it was: every new file is first written beside the
    one it replaces; only when all are written are they renamed into place (renames need no space).
    """
    ready: list[tuple[Path, Path]] = []
    if scratch is not None:  # one folder beside the site: what a killed build leaves is found in one place
        scratch.mkdir(exist_ok=True)
    try:
        for number, (_, destination, content) in enumerate(update.changed):
            if isinstance(content, bytes) and destination.is_file() and destination.stat().st_size == len(content) \
                    and destination.read_bytes() == content:
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            temporary = scratch / str(number) if scratch is not None else destination.with_name(f".{destination.name}.new-{os.getpid()}")
            ready.append((temporary, destination))
            _store(temporary, content)
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
    `spare` for the next full build to write over (see write_full)."""
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


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
