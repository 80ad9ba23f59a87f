"""A full build: every Output written into a folder beside site/ (writing/swap.py then swaps it in).

The per-program files, most of the work, are shared by this process and a forked child
(catalog/workers.py): index documents first, then the pages, so that the build can start Pagefind on
the documents while the pages are written.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from catalog import workers
from catalog.writing.outputs import Folders, Manifest, Output, check_unique, store

_CHUNK = 50  # programs whose files a process takes at a time
_MINIMUM_CHUNKS = 4  # fewer: one process writes everything

Chunk = tuple[list[Output], list[Output]]  # of _CHUNK programs: their index documents, their other files


def write_full(outputs: Sequence[Output], folder: Path, processes: int = 2, index: Path | None = None,
               between: Callable[[], None] | None = None) -> Manifest:
    """Write every output under `folder`, and index documents under `index`. Either folder may hold an
    earlier build's files (the spare site, the cached documents): they are written over in place, and
    whatever else is there removed first (see _clear_except). Writing over old files is faster than
    creating new ones: ext4 steps over every recently freed inode (docs/performance.md).

    Index documents come first; `between` is called once all of them are written and before most pages
    are: the build starts Pagefind there, so that it indexes on its own core while the pages are written.
    """
    check_unique(outputs)
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
    if processes < 2 or not workers.can_share(len(chunks), _MINIMUM_CHUNKS):
        _write_each((o for documents, _ in chunks for o in documents), folders, made)
        between()
        _write_each(rest, folders, made)
        _write_each((o for _, files in chunks for o in files), folders, made)
    else:
        _write_shared(chunks, rest, folders, made, between)
    return Manifest({o.address: o.key for o in outputs})


def _write_each(outputs: Iterable[Output], folders: Folders, made: set[Path]) -> None:
    for output in outputs:
        destination = folders[output.folder] / output.path
        parent = destination.parent
        if parent not in made:
            parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        store(destination, output.make())


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
    context = multiprocessing.get_context("fork")
    documents_counter = context.Value("l", 0)
    claimed = context.Array("b", len(chunks))  # second round: 1 once a process took the chunk

    def child(ready: Callable[[], None]) -> None:
        mine = _take_documents(chunks, documents_counter, folders, made)
        ready()
        _take_files(chunks, mine, claimed, folders, made)

    partner = workers.Partner(child)
    try:
        mine = _take_documents(chunks, documents_counter, folders, made)
        if partner.wait_ready():  # else the child failed: its result says why
            between()
            _write_each(rest, folders, made)
            _take_files(chunks, mine, claimed, folders, made)
    except BaseException:
        with documents_counter.get_lock(), claimed.get_lock():  # stop the child soon
            documents_counter.value = len(chunks)
            claimed[:] = [1] * len(chunks)
        partner.abandon()
        raise
    partner.result()


def _take_documents(chunks: list[Chunk], counter, folders: Folders, made: set[Path]) -> list[int]:
    """The first round: index documents, a chunk at a time; returns the chunks this process took."""
    taken: list[int] = []
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
