"""The build cache: one object holding what earlier builds worked out, in typed stores, so that a
rebuild redoes only what changed. A command reads it from .cache/build/ beside the output folder
(ROOT/.cache/build/ for ROOT/site) and saves it after the build; serve keeps it in memory between
rebuilds and saves it when it stops.

The stores, each owned by the stage that fills it:
- content (content/read.ContentMemo): every content file as loaded and validated, by path, with the hash
  of its bytes; on disk in 16 shards, and a build saves only the shards whose entries changed.
- manifest (writing/outputs.Manifest): the key of every file of the site last written to this folder.
- templates: the compiled templates (Jinja bytecode, checked by Jinja against each template's source).
- fragments (site/fragments.Fragments): pieces many files share; in memory only.

On disk every file is written atomically and carries `code_version()`, a hash of the builder's own
source, so a new version of the builder never trusts what an older one cached. A cache that cannot be
read is ignored: the build starts clean. Deleting the folder, or `--clean`, forces a full build.
"""

from __future__ import annotations

import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path

from catalog.content.read import CONTENT_SHARDS, ContentMemo
from catalog.keys import code_version, digest
from catalog.messages import log
from catalog.site.fragments import Fragments
from catalog.writing.outputs import Manifest


@dataclass
class BuildCache:
    content: ContentMemo = field(default_factory=ContentMemo)
    manifest: Manifest | None = None
    templates: dict[str, bytes] = field(default_factory=dict)
    fragments: Fragments = field(default_factory=Fragments)
    # As on disk, so that what did not change is not written again.
    saved_manifest: Manifest | None = None
    saved_templates: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def read(cls, target: Path, clean: bool = False) -> "BuildCache":
        """The cache of the site at `target`; an empty one with `clean`."""
        if clean:
            return cls()
        content: dict = {}
        for shard in range(CONTENT_SHARDS):
            entries = load(content_path(target, shard))
            content.update(entries if isinstance(entries, dict) else {})
        manifest = load(manifest_path(target)) if target.is_dir() else None
        manifest = manifest if isinstance(manifest, Manifest) else None
        templates = load(templates_path(target))
        templates = dict(templates) if isinstance(templates, dict) else {}
        return cls(ContentMemo(content), manifest, templates, Fragments(), manifest, dict(templates))

    def save_content(self, target: Path) -> None:
        for shard, entries in sorted(self.content.shards(self.content.dirty).items()):
            _quietly(save, content_path(target, shard), entries)
        self.content.dirty.clear()

    def save(self, target: Path, content: bool = True) -> None:
        if content:
            self.save_content(target)
        if self.manifest != self.saved_manifest or self.manifest is None:
            _quietly(save, manifest_path(target), self.manifest)
            self.saved_manifest = self.manifest  # builds make new manifests, never change a saved one
        if self.templates != self.saved_templates:
            _quietly(save, templates_path(target), self.templates)
            self.saved_templates = dict(self.templates)


def _quietly(write, path: Path, value) -> None:
    """A cache that cannot be written (a read-only checkout) makes the next build slower, not wrong."""
    try:
        write(path, value)
    except OSError as error:
        print(log("cache_not_written", error=error), file=sys.stderr)


def load(path: Path) -> object | None:
    """A cached object, or None when there is none or it cannot be read (an older format, a broken file)."""
    try:
        with open(path, "rb") as stream:
            version, value = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError, IndexError):
        return None
    return value if version == code_version() else None


def save(path: Path, value: object) -> None:
    """Write atomically: a build that dies half-way leaves the previous cache, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with open(temporary, "wb") as stream:
        pickle.dump((code_version(), value), stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def folder(target: Path) -> Path:
    """.cache/build/ beside the output folder."""
    return target.resolve().parent / ".cache" / "build"


def _named(target: Path) -> str:
    """A name for things kept per output folder (two folders beside each other keep their own)."""
    return digest(str(target.resolve()))[:16]


def manifest_path(target: Path) -> Path:
    return folder(target) / f"site-{_named(target)}.pickle"


def content_path(target: Path, shard: int) -> Path:
    """One shard of the validated content files. Each entry stands on its own (its file's signature, hash
    and validation context), so shards saved by different builds never combine into a wrong answer."""
    return folder(target) / f"content-{shard:02d}.pickle"


def templates_path(target: Path) -> Path:
    return folder(target) / "templates.pickle"


def spare_path(target: Path) -> Path:
    """The site a full build replaced, kept for the next full build to write over (writing/full.py):
    a second copy of the site on disk. Safe to delete."""
    return folder(target) / f"spare-{_named(target)}"


def index_documents_path(target: Path) -> Path:
    """Where the documents Pagefind reads are kept between builds (one per program, rewritten when it changes)."""
    return folder(target) / f"index-{_named(target)}"
