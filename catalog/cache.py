"""The build cache: one object holding what earlier builds worked out, in typed stores, so that a
rebuild redoes only what changed. A command reads it from .cache/build/ beside the output folder
(ROOT/.cache/build/ for ROOT/site) and saves it after the build; serve keeps it in memory between
rebuilds and saves it when it stops.

The stores, each owned by the stage that fills it:
- content (content/read.ContentMemo): every content file as loaded and validated, by path, with the hash
  of its bytes; on disk in 16 shards, and a build saves only the shards whose entries changed.
- manifest (writing/outputs.Manifest): the key of every file of the site last written to this folder.
- templates: the compiled templates (Jinja bytecode, checked by Jinja against each template's source);
  in memory only.
- fragments (site/fragments.Fragments): pieces many files share; in memory only.

On disk: JSON files, each written atomically. The folder is inside the checkout, where a pull request
can put files, so the cache is plain data (JSON, read back into a fixed list of frozen dataclasses:
nothing in it can run, unlike a pickle or Jinja's marshalled bytecode, which is why compiled templates
are kept in memory only), and a cache file that git tracks is not read at all (tracked_cache_files).
Every file carries `code_version()`, a hash of the builder's own source, so a new version of the
builder never trusts what an older one cached. A cache that cannot be read is ignored: the build
starts clean. Deleting the folder, or `--clean`, forces a full build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from catalog.content.model import DateRange, Image, Location, Owner, Program, State
from catalog.content.read import CONTENT_SHARDS, ContentMemo, Validated
from catalog.keys import code_version, digest
from catalog.messages import Messages
from catalog.problems import Problem
from catalog.site.fragments import Fragments
from catalog.writing.outputs import Manifest

# What the content cache may hold: nothing else is rebuilt from its files.
CONTENT_CLASSES = (Validated, Owner, Program, Image, Location, DateRange, Problem, State)


@dataclass
class BuildCache:
    content: ContentMemo = field(default_factory=ContentMemo)
    manifest: Manifest | None = None
    templates: dict[str, bytes] = field(default_factory=dict)
    fragments: Fragments = field(default_factory=Fragments)
    saved_manifest: Manifest | None = None  # as on disk: an unchanged manifest is not written again
    tracked: list[str] = field(default_factory=list)  # cache files git tracks: not read, nothing written

    @classmethod
    def read(cls, target: Path, clean: bool = False) -> BuildCache:
        """The cache of the site at `target`; an empty one with `clean`, or when git tracks any of its files."""
        if clean:
            return cls()
        tracked = tracked_cache_files(target)
        if tracked:
            return cls(tracked=tracked)
        content: dict = {}
        for shard in range(CONTENT_SHARDS):
            entries = load(content_path(target, shard), CONTENT_CLASSES)
            if isinstance(entries, dict) and all(isinstance(v, Validated) for v in entries.values()):
                content.update(entries)
        manifest = load(manifest_path(target), (Manifest,)) if target.is_dir() else None
        manifest = manifest if isinstance(manifest, Manifest) else None
        return cls(ContentMemo(content), manifest, saved_manifest=manifest)

    def save_content(self, target: Path, messages: Messages = Messages()) -> None:
        if self.tracked:  # never write over files of the repository
            return
        for shard, entries in sorted(self.content.shards(self.content.dirty).items()):
            _quietly(save, content_path(target, shard), entries, messages)
        self.content.dirty.clear()

    def save(self, target: Path, content: bool = True, messages: Messages = Messages()) -> None:
        if self.tracked:
            return
        if content:
            self.save_content(target, messages)
        if self.manifest != self.saved_manifest or self.manifest is None:
            _quietly(save, manifest_path(target), self.manifest, messages)
            self.saved_manifest = self.manifest  # builds make new manifests, never change a saved one


def _quietly(write, path: Path, value, messages: Messages) -> None:
    """A cache that cannot be written (a read-only checkout) makes the next build slower, not wrong."""
    try:
        write(path, value)
    except OSError as error:
        print(messages.cli("cache_not_written", error=error), file=sys.stderr)


def _encode(value):
    """A cached value as JSON data: tuples as arrays, dicts as objects, dataclasses, dates, paths and
    enums as objects tagged with "~"."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        if "~" in value or not all(isinstance(key, str) for key in value):
            raise TypeError("cache maps have text keys")
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, dt.datetime):
        return {"~": "datetime", "v": value.isoformat()}
    if isinstance(value, dt.date):
        return {"~": "date", "v": value.isoformat()}
    if isinstance(value, PurePath):
        return {"~": "path", "v": str(value)}
    if isinstance(value, enum.Enum):
        return {"~": type(value).__name__, "v": value.value}
    if dataclasses.is_dataclass(value):  # fields by position: a quarter of the reading time of named ones
        # ignore: mypy takes a class for unhashable (python/mypy#11470); every class is hashable
        return {"~": type(value).__name__, "f": [_encode(getattr(value, name)) for name in _fields(type(value))]}  # type: ignore[arg-type]
    raise TypeError(f"not cacheable: {type(value).__name__}")


@functools.cache
def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _tuples(value):
    return tuple([_tuples(item) if type(item) is list else item for item in value]) if type(value) is list else value


def _decoder(classes: tuple[type, ...]):
    """json's object hook: rebuilds only the dataclasses and enums named in `classes` (with exactly
    their fields, no constructor run), dates and paths; anything else makes the file unreadable."""
    by_name = {cls.__name__: cls for cls in classes}

    def hook(data: dict):
        tag = data.get("~")
        if tag is None:
            return {key: _tuples(item) if type(item) is list else item for key, item in data.items()}
        if tag == "date":
            return dt.date.fromisoformat(data["v"])
        if tag == "datetime":
            return dt.datetime.fromisoformat(data["v"])
        if tag == "path":
            return Path(data["v"])
        cls = by_name.get(tag)
        if cls is None:
            raise ValueError(f"unknown type in cache: {tag}")
        if issubclass(cls, enum.Enum):
            return cls(data["v"])
        names = _fields(cls)  # type: ignore[arg-type]  # a class is hashable (python/mypy#11470)
        values = data["f"]
        if len(data) != 2 or len(values) != len(names):
            raise ValueError(f"wrong fields for {tag}")
        instance = object.__new__(cls)
        instance.__dict__.update(zip(names, [_tuples(value) if type(value) is list else value for value in values], strict=True))
        return instance

    return hook


def load(path: Path, classes: tuple[type, ...]) -> object | None:
    """A cached value, or None when there is none or it cannot be read (an older format, a broken file)."""
    try:
        with open(path, "rb") as stream:
            data = json.loads(stream.read(), object_hook=_decoder(classes))
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("version") != code_version():
        return None
    return data.get("value")


def save(path: Path, value: object) -> None:
    """Write atomically: a build that dies half-way leaves the previous cache, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps({"version": code_version(), "value": _encode(value)}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8", "surrogatepass")
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        with open(temporary, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)  # a full disk leaves no half-written file behind
        raise


def tracked_cache_files(target: Path) -> list[str]:
    """Files of the cache folder that git tracks (a pull request added them): never to be trusted. Empty
    outside a git checkout or without git."""
    folder = folder_of(target)
    if not folder.is_dir():
        return []
    try:
        listed = subprocess.run(["git", "-C", str(folder), "ls-files", "-z", "--", "."], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    if listed.returncode != 0:
        return []
    return sorted(name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name)


def folder_of(target: Path) -> Path:
    """.cache/build/ beside the output folder."""
    return target.resolve().parent / ".cache" / "build"


def _named(target: Path) -> str:
    """A name for things kept per output folder (two folders beside each other keep their own)."""
    return digest(str(target.resolve()))[:16]


def manifest_path(target: Path) -> Path:
    return folder_of(target) / f"site-{_named(target)}.json"


def content_path(target: Path, shard: int) -> Path:
    """One shard of the validated content files. Each entry stands on its own (its file's signature, hash
    and validation context), so shards saved by different builds never combine into a wrong answer."""
    return folder_of(target) / f"content-{shard:02d}.json"


def spare_path(target: Path) -> Path:
    """The site a full build replaced, kept for the next full build to write over (writing/full.py):
    a second copy of the site on disk. Safe to delete."""
    return folder_of(target) / f"spare-{_named(target)}"


def index_documents_path(target: Path) -> Path:
    """Where the documents Pagefind reads are kept between builds (one per program, rewritten when it changes)."""
    return folder_of(target) / f"index-{_named(target)}"
