"""The build cache: what earlier builds worked out, kept in .cache/build/ beside the output folder
(ROOT/.cache/build/ for ROOT/site) so that a rebuild redoes only what changed.

JSON files, each written atomically:
- `content-NN.json` (16 shards by path): every content file as loaded and validated (pipeline.Validated),
  keyed by its path and the hash of its bytes; an unchanged file (same size, time and inode) is not even
  read again. A build saves only the shards whose entries changed.
- `site-<hash of the output folder>.json`: the manifest of the site last written there, the key of
  every file (output.Manifest).
The folder is inside the checkout, where a pull request can put files: so the cache is plain data
(JSON, read back into a fixed list of frozen dataclasses: nothing in it can run, unlike a pickle or
Jinja's marshalled bytecode, which is why compiled templates are not kept on disk), and a cache file
that git tracks is not read at all (see tracked_cache_files). Every key includes `code_version()`, a hash
of this package's own source, so a new version of the builder never trusts what an older one cached.
A cache that cannot be read is ignored: the build starts clean. Deleting the folder, or `--clean`,
forces a full build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import json
import os
import subprocess
import zlib
from pathlib import Path, PurePath

_FORMAT = 2  # bump when the file format changes without a code change here (it cannot: see code_version)


def digest(*parts: str | bytes) -> str:
    """A short, stable hash of some text or bytes (blake2b, 128 bits); parts are separated, so ("ab", "c")
    and ("a", "bc") differ."""
    if all(isinstance(part, str) for part in parts):  # one update: 38,000 keys per build
        data = "\x1f".join(parts).encode("utf-8", "surrogatepass") + b"\x1f"
    else:
        data = b"".join((part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part) + b"\x1f" for part in parts)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@functools.cache
def code_version() -> str:
    """A hash of the builder's own Python source: cached work is only reused by the code that made it."""
    package = Path(__file__).resolve().parent
    return digest(str(_FORMAT), *(p.read_bytes() for p in sorted(package.glob("*.py"))))


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
        return {"~": type(value).__name__, "f": [_encode(getattr(value, name)) for name in _fields(type(value))]}
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
        names = _fields(cls)
        values = data["f"]
        if len(data) != 2 or len(values) != len(names):
            raise ValueError(f"wrong fields for {tag}")
        instance = object.__new__(cls)
        instance.__dict__.update(zip(names, [_tuples(value) if type(value) is list else value for value in values]))
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


def cache_folder(target: Path) -> Path:
    return target.resolve().parent / ".cache" / "build"


def tracked_cache_files(target: Path) -> list[str]:
    """Files of the cache folder that git tracks (a pull request added them): never to be trusted. Empty
    outside a git checkout or without git."""
    folder = cache_folder(target)
    if not folder.is_dir():
        return []
    try:
        listed = subprocess.run(["git", "-C", str(folder), "ls-files", "-z", "--", "."], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return []
    if listed.returncode != 0:
        return []
    return sorted(name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name)


def manifest_path(target: Path) -> Path:
    target = target.resolve()
    return target.parent / ".cache" / "build" / f"site-{digest(str(target))[:16]}.json"


CONTENT_SHARDS = 16


def content_shard(display: str) -> int:
    """Which of the content cache's files holds a content file's entry (stable across runs, unlike hash())."""
    return zlib.crc32(display.encode("utf-8", "surrogatepass")) % CONTENT_SHARDS


def content_path(target: Path, shard: int) -> Path:
    """One shard of the validated content files. Each entry stands on its own (its file's signature, hash
    and validation context), so shards saved by different builds never combine into a wrong answer."""
    return target.resolve().parent / ".cache" / "build" / f"content-{shard:02d}.json"


def spare_path(target: Path) -> Path:
    """The site a full build replaced, kept for the next full build to write over (output.write_full):
    a second copy of the site on disk, for a full rebuild with half the kernel time. Safe to delete."""
    target = target.resolve()
    return target.parent / ".cache" / "build" / f"spare-{digest(str(target))[:16]}"


def index_documents_path(target: Path) -> Path:
    """Where the documents Pagefind reads are kept between builds (one per program, rewritten when it changes)."""
    target = target.resolve()
    return target.parent / ".cache" / "build" / f"index-{digest(str(target))[:16]}"
