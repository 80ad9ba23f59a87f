"""Make Pagefind's bundle byte-identical between builds of the same content.

Pagefind 1.5.2 writes its filter files, and the list of filters in its metadata
file, in hash-map order, which changes from run to run (upstream issue #638:
fragments became stable in 1.3, "filter/metadata indexes" did not). Our
promise is that the same content and date give the same site/, so after
indexing we rewrite those files in sorted order, name them by their own
content hash, and point the metadata and entry file at the new names. The
browser decodes the same structures; only their order and names change.

The files are gzip("pagefind_dcd" + CBOR). The CBOR here uses unsigned
integers, text strings, byte strings and arrays; the small codec below covers
exactly those and fails loudly on anything else, so a future Pagefind format
change breaks the build (and its tests) instead of the search page.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class UnsupportedFormat(Exception):
    pass


def _decode(data: bytes, at: int = 0):
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        length = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        length = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise UnsupportedFormat(f"CBOR additional info {info}")
    if major == 0:
        return length, at
    if major == 1:
        return -1 - length, at
    if major == 2:
        return bytes(data[at:at + length]), at + length
    if major == 3:
        return data[at:at + length].decode("utf-8"), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise UnsupportedFormat(f"CBOR major type {major}")


def _head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | info]) + length.to_bytes(size, "big")
    raise UnsupportedFormat("integer too large")


def _encode(value) -> bytes:
    if isinstance(value, bool):
        raise UnsupportedFormat("boolean")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    raise UnsupportedFormat(type(value).__name__)


def read(path: Path):
    """A bundle file's value. cbor2 (C) decodes the index chunks, which renumbering reads whole, several
    times faster than _decode; the codec here stays the reference the tests compare it with."""
    import cbor2

    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise UnsupportedFormat(f"{path.name}: no Pagefind signature")
    try:
        return cbor2.loads(raw[len(SIGNATURE):])
    except cbor2.CBORDecodeError as error:
        raise UnsupportedFormat(f"{path.name}: {error}") from None


def _write(value, level: int = 9) -> tuple[bytes, str]:
    import cbor2

    payload = SIGNATURE + cbor2.dumps(value)  # the shortest head for every item, as _encode writes
    return gzip.compress(payload, compresslevel=level, mtime=0), hashlib.sha256(payload).hexdigest()


# Index chunks are most of the bundle's bytes and all of them are rewritten when pages are renumbered:
# they keep the level Pagefind itself writes them with (zlib's default), so renumbering leaves their
# size as Pagefind made it and costs a fraction of level 9's time.
CHUNK_LEVEL = 6


def canonicalize(bundle: Path) -> tuple[str, list[str]]:
    """Rewrite bundle/ (site/pagefind) so that its bytes depend only on its content; number its pages.

    Returns the fragments' folder and the URL of each page, by page number (see _number_fragments).
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    urls: list[str] = []
    folder = ""
    for _, details in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{details['hash']}.pf_meta"
        meta = read(meta_path)
        if not (isinstance(meta, list) and len(meta) == 6 and isinstance(meta[3], list) and isinstance(meta[1], list)):
            raise UnsupportedFormat("unexpected metadata layout")
        prefix = details["hash"].split("_")[0]
        _renumber_pages(bundle, meta, prefix)
        folder, numbered = _number_fragments(bundle, meta[1])
        urls += numbered
        renamed = {}
        for name, old_hash in meta[3]:
            filter_path = bundle / "filter" / f"{old_hash}.pf_filter"
            filter_name, values = read(filter_path)
            data, digest = _write([filter_name, sorted(values, key=lambda pair: pair[0])])
            new_hash = f"{prefix}_{digest[:7]}"
            filter_path.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            renamed[name] = new_hash
        meta[3] = sorted([name, renamed[name]] for name, _ in meta[3])
        meta[4] = sorted(meta[4], key=lambda sort: sort[0])
        data, digest = _write(meta)
        new_meta_hash = f"{prefix}_{digest[:10]}"
        meta_path.unlink()
        (bundle / f"pagefind.{new_meta_hash}.pf_meta").write_bytes(data)
        details["hash"] = new_meta_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return folder, urls


def _renumber_pages(bundle: Path, meta: list, prefix: str) -> None:
    """Number the pages in the order of their addresses, everywhere the bundle names them.

    Pagefind numbers pages in the order it finds their files, which is the order the filesystem lists
    a folder in: creation order on tmpfs, hash order on ext4. So the same documents gave other bundles
    on other disks. Page numbers are in the metadata's page list, in every word of the index chunks
    (as differences from the previous page) and in every filter value; all are rewritten here.
    """
    pages = meta[1]
    urls = [_fragment(bundle, page[0])["url"] for page in pages]
    order = sorted(range(len(pages)), key=lambda number: (urls[number], number))
    new_number = {old: new for new, old in enumerate(order)}
    meta[1] = [pages[old] for old in order]
    chunks = []
    for start, end, old_hash in meta[2]:
        path = bundle / "index" / f"{old_hash}.pf_index"
        chunk = read(path)
        if not (isinstance(chunk, list) and len(chunk) == 1 and isinstance(chunk[0], list)):
            raise UnsupportedFormat("unexpected index chunk layout")
        for word in chunk[0]:
            _renumber_word(word, new_number)
        data, digest = _write(chunk, CHUNK_LEVEL)
        path.unlink()
        new_hash = f"{prefix}_{digest[:7]}"
        (bundle / "index" / f"{new_hash}.pf_index").write_bytes(data)
        chunks.append([start, end, new_hash])
    meta[2] = chunks
    for _, old_hash in meta[3]:
        path = bundle / "filter" / f"{old_hash}.pf_filter"
        filter_name, values = read(path)
        values = [[value, sorted(new_number[number] for number in numbers)] for value, numbers in values]
        path.write_bytes(_write([filter_name, values])[0])  # renamed by its content below
    if meta[4]:  # Pagefind's own sorts (data-pagefind-sort); the site has none, see search.write_sorts
        raise UnsupportedFormat("Pagefind sorts are not renumbered")


def _renumber_word(word, new_number: dict[int, int]) -> None:
    """[text, pages, [variants: [text, pages], ...]]: each page entry is [difference from the previous page
    number, positions, ...]; pages are kept in ascending order of their new numbers."""
    if not (isinstance(word, list) and len(word) >= 2 and isinstance(word[0], str) and isinstance(word[1], list)):
        raise UnsupportedFormat("unexpected index word")
    number, renumbered = 0, []
    for entry in word[1]:
        number += entry[0]
        renumbered.append([new_number[number], *entry[1:]])
    renumbered.sort(key=lambda entry: entry[0])
    previous = 0
    for entry in renumbered:
        entry[0], previous = entry[0] - previous, entry[0]
    word[1] = renumbered
    for variants in word[2:]:
        if not isinstance(variants, list):
            raise UnsupportedFormat("unexpected index word variants")
        for variant in variants:
            _renumber_word(variant, new_number)


def _fragment(bundle: Path, name: str) -> dict:
    raw = gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())
    if not raw.startswith(SIGNATURE):
        raise UnsupportedFormat(f"{name}: no Pagefind signature")
    return json.loads(raw[len(SIGNATURE):])


def _number_fragments(bundle: Path, pages: list) -> tuple[str, list[str]]:
    """Rename each page's fragment to its page number, in a folder named by a hash of all of them.

    The metadata every search downloads lists every page by its fragment's name, and random hashes do
    not compress; numbers in one folder per index do (README, "Search in Japanese"), and tell the search page each result's page number (for sorting, see
    pagefind.write_sorts); the folder's name changes whenever any fragment does, so no browser mixes
    fragments of two builds. pagefind.js only puts the name into the fragment's URL.
    """
    folder_name = hashlib.sha256("".join(page[0] for page in pages).encode("utf-8")).hexdigest()[:10]
    folder = bundle / "fragment" / folder_name
    folder.mkdir()
    urls = []
    for number, page in enumerate(pages):
        if not (isinstance(page, list) and len(page) == 2 and isinstance(page[0], str)):
            raise UnsupportedFormat("unexpected page entry")
        source = bundle / "fragment" / f"{page[0]}.pf_fragment"
        raw = gzip.decompress(source.read_bytes())
        if not raw.startswith(SIGNATURE):
            raise UnsupportedFormat(f"{source.name}: no Pagefind signature")
        urls.append(json.loads(raw[len(SIGNATURE):])["url"])
        source.rename(folder / f"{number:x}.pf_fragment")
        page[0] = f"{folder_name}/{number:x}"
    return folder_name, urls
