"""Keys: short, stable hashes of what a result depends on.

A rebuild compares keys to decide what to redo: a content file by the hash of its bytes, an output
file by the key of everything it is made from (site/routes.py), any cached result by the version of
the code that made it.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import TypeGuard


def digest(*parts: str | bytes) -> str:
    """A short, stable hash of some text or bytes (blake2b, 128 bits); parts are separated, so ("ab", "c")
    and ("a", "bc") differ."""
    if _all_text(parts):  # one encode for the common case of text parts
        data = "\x1f".join(parts).encode("utf-8", "surrogatepass") + b"\x1f"
    else:
        data = b"".join((part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part) + b"\x1f" for part in parts)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _all_text(parts: tuple[str | bytes, ...]) -> TypeGuard[tuple[str, ...]]:
    return all(isinstance(part, str) for part in parts)


@functools.cache
def code_version() -> str:
    """A hash of the builder's own Python source, every module by path and bytes: cached work is only
    reused by the code that made it."""
    package = Path(__file__).resolve().parent
    return digest(*(part for p in sorted(package.rglob("*.py")) for part in (p.relative_to(package).as_posix(), p.read_bytes())))
