"""Our QR encoder against segno's, module for module (the flyer test decodes the result with a reader)."""

import random

import pytest
import segno
from segno import consts

from catalog.site import qr

LEVEL_CONSTANTS = {"M": consts.ERROR_LEVEL_M, "Q": consts.ERROR_LEVEL_Q, "H": consts.ERROR_LEVEL_H}
URL_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%ABCXYZ"


def segno_rows(text: str) -> list[str]:
    code = segno.make(text, error="m", micro=False, mask=qr.MASK)
    return ["".join("1" if module else "0" for module in row) for row in code.matrix]


def url_of_length(length: int, rng: random.Random) -> str:
    """(Below 9 characters, a start of one: the error level is raised to H only for such short data.)"""
    return ("https://" + "".join(rng.choice(URL_CHARACTERS) for _ in range(length)))[:length]


@pytest.mark.parametrize("level", ["M", "Q", "H"])
def test_block_tables_match_segnos(level):
    for version in range(1, 41):
        blocks = consts.ECC[version][LEVEL_CONSTANTS[level]]
        assert qr.BLOCKS[level][version] == sum(block.num_blocks for block in blocks)
        assert {block.num_total - block.num_data for block in blocks} == {qr.ECC_PER_BLOCK[level][version]}
        assert qr._data_capacity_bits(version, level) == consts.SYMBOL_CAPACITY[version][LEVEL_CONSTANTS[level]]


def test_codes_match_segnos_for_every_version():
    rng = random.Random(3)
    lengths = list(range(1, 300)) + list(range(300, 2001, 17))
    # and lengths whose data and terminator fill a version exactly (no room for padding)
    for version in range(1, 41):
        for level in qr.LEVELS:
            fill = (qr._data_capacity_bits(version, level) - 4 - (8 if version < 10 else 16) - 4) // 8
            lengths.append(fill)
    seen = set()
    for length in sorted(set(lengths)):
        url = url_of_length(length, rng)
        assert qr.qr_rows(url) == segno_rows(url), length
        seen.add(qr._version_and_level(len(url)))
    assert {version for version, _ in seen} == set(range(1, 41))
    assert {level for _, level in seen} == {"M", "Q", "H"}


@pytest.mark.parametrize("url", [
    "HTTPS://FORMS.EXAMPLE.ORG/APPLY/42",  # segno's alphanumeric mode
    "https://forms.example.org/申し込み?id=1",  # not ASCII
    "https://forms.example.org/apply?program=timber-sorting",
])
def test_other_urls_are_segnos_too(url):
    assert qr.qr_rows(url) == segno_rows(url)


def dark_modules_drawn(path: str) -> set[tuple[int, int]]:
    """Replays an SVG path of M/m moves and h strokes (1 unit = 1 module, strokes through the middle
    of a row): the modules it paints, in QR coordinates (the quiet zone taken off)."""
    import re

    from catalog.site.exports import QR_BORDER

    x = y = 0.0
    painted = set()
    for command, numbers in re.findall(r"([Mmh])([-0-9. ]+)", path):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            painted |= {(int(x) + i - QR_BORDER, int(y - 0.5) - QR_BORDER) for i in range(int(values[0]))}
            x += values[0]
    return painted


def test_the_flyers_svg_path_paints_exactly_the_dark_modules():
    from catalog.site import exports

    rng = random.Random(5)
    for length in (12, 60, 300, 1200):
        rows = qr.qr_rows(url_of_length(length, rng))
        dark = {(x, y) for y, row in enumerate(rows) for x, module in enumerate(row) if module == "1"}
        assert dark_modules_drawn(exports._qr_path(rows)) == dark
