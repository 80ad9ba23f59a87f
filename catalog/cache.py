"""The build cache: what earlier builds worked out, kept in .cache/build/ beside the output folder
(ROOT/.cache/build/ for ROOT/site) so that a rebuild redoes only what changed.

Pickles, each written atomically:
- `content-NN.pickle` (16 shards by path): every content file as loaded and validated (pipeline.Validated),
  keyed by its path and the hash of its bytes; an unchanged file (same size, time and inode) is not even
  read again. A build saves only the shards whose entries changed.
- `site-<hash of the output folder>.pickle`: the manifest of the site last written there, the key of
  every file (writer.Manifest).
Every key includes `code_version()`, a hash of this package's own source, so a new version of the builder
never trusts what an older one cached. A cache that cannot be read is ignored: the build starts clean.
Deleting the folder, or `--clean`, forces a full build.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import zlib
from pathlib import Path

_FORMAT = 1  # bump when a pickled class changes shape without a code change here (it cannot: see code_version)


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
    return digest(str(_FORMAT), *(part for p in sorted(package.rglob("*.py")) for part in (p.relative_to(package).as_posix(), p.read_bytes())))


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


def manifest_path(target: Path) -> Path:
    target = target.resolve()
    return target.parent / ".cache" / "build" / f"site-{digest(str(target))[:16]}.pickle"


CONTENT_SHARDS = 16


def content_shard(display: str) -> int:
    """Which of the content cache's files holds a content file's entry (stable across runs, unlike hash())."""
    return zlib.crc32(display.encode("utf-8", "surrogatepass")) % CONTENT_SHARDS


def content_path(target: Path, shard: int) -> Path:
    """One shard of the validated content files. Each entry stands on its own (its file's signature, hash
    and validation context), so shards saved by different builds never combine into a wrong answer."""
    return target.resolve().parent / ".cache" / "build" / f"content-{shard:02d}.pickle"


def templates_path(target: Path) -> Path:
    """Compiled templates (Jinja bytecode, checked by Jinja against each template's source)."""
    return target.resolve().parent / ".cache" / "build" / "templates.pickle"


def spare_path(target: Path) -> Path:
    """The site a full build replaced, kept for the next full build to write over (output.write_full):
    a second copy of the site on disk, for a full rebuild with half the kernel time. Safe to delete."""
    target = target.resolve()
    return target.parent / ".cache" / "build" / f"spare-{digest(str(target))[:16]}"


def index_documents_path(target: Path) -> Path:
    """Where the documents Pagefind reads are kept between builds (one per program, rewritten when it changes)."""
    target = target.resolve()
    return target.parent / ".cache" / "build" / f"index-{digest(str(target))[:16]}"
