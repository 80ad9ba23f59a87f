"""Owners in Japanese order: by their reading (`name_kana`) where the owner gave one, else by ICU's
Japanese collation of the name (kana by the gojūon, kanji after kana in the order of JIS X 0208,
which follows the common reading of most kanji but cannot know how a name is read)."""

from __future__ import annotations

import functools
import unicodedata

from catalog.content.model import Owner


@functools.cache
def _collator():
    import icu  # here: a build that sorts nothing does not load ICU

    collator = icu.Collator.createInstance(icu.Locale("ja_JP"))
    return collator


def reading(owner: Owner) -> str:
    """What an owner is sorted by: the reading when given (NFKC: half-width kana become full-width), else the name."""
    return unicodedata.normalize("NFKC", owner.name_kana or owner.name)


def japanese_order(owners) -> list[Owner]:
    """Owners sorted as a Japanese reader looks for them: あ行 first, then か行…; ties by id (stable output)."""
    key = _collator().getSortKey
    return sorted(owners, key=lambda owner: (key(reading(owner)), owner.id))
