"""QR codes for sign-up URLs (ISO/IEC 18004), made the way segno makes them, several times faster.

A flyer per program carries its sign-up URL as a QR code, one per program on every full build; segno
places modules one by one and computes Reed-Solomon codes bit by bit (docs/performance.md has the
figures). The common case, a URL in byte mode, is done here with per-version
templates built once: the codewords become one string of bits, masked with one XOR, and each row is
picked out of it by one `itemgetter` call. Anything else (a URL segno would put in alphanumeric mode,
non-ASCII text) goes to segno. The result is segno's matrix, module for module: a test compares the
two for URLs of every length up to version 40, and another decodes the flyer's code with a reader.

Choices are segno's defaults as the flyer calls it: error level M raised to Q or H where the data
still fits the same version, mask pattern 2 (see `site/exports.qr_svg`).
"""

from __future__ import annotations

import functools
import operator
import re


MASK = 2  # (column % 3 == 0)
LEVELS = ("M", "Q", "H")
_LEVEL_BITS = {"L": 1, "M": 0, "Q": 3, "H": 2}
# Per version 1..40 (index 0 unused): error-correction codewords per block, and number of blocks.
ECC_PER_BLOCK = {
    "M": (0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28,
          28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28),
    "Q": (0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30,
          28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30),
    "H": (0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30,
          30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30),
}
BLOCKS = {
    "M": (0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26,
          28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49),
    "Q": (0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35,
          38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68),
    "H": (0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40,
          42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81),
}
_SEGNO_ONLY = re.compile(r"[0-9A-Z $%*+\-./:]*")  # what segno would encode in alphanumeric (or numeric) mode


def qr_rows(text: str) -> list[str]:
    """The QR code's modules, one string of '0' (light) and '1' (dark) per row, quiet zone excluded."""
    if not text.isascii() or _SEGNO_ONLY.fullmatch(text):
        import segno  # here: rarely needed, and importing it would slow every command's start

        code = segno.make(text, error="m", micro=False, mask=MASK)
        return ["".join("1" if module else "0" for module in row) for row in code.matrix]
    data = text.encode("ascii")
    version, level = _version_and_level(len(data))
    codewords = _interleaved(_data_codewords(data, version, level), version, level)
    template = _template(version, level)
    # Data bits in placement order (remainder bits are light), masked in one XOR, then "01" for the
    # template's fixed light and dark modules.
    bits = int.from_bytes(codewords, "big") << template.remainder_bits ^ template.mask
    placed = format(bits, f"0{template.data_modules}b") + "01"
    return ["".join(row(placed)) for row in template.rows]


def _raw_codewords(version: int) -> int:
    """Codewords a version holds: all modules minus function patterns and version/format areas, / 8."""
    modules = (16 * version + 128) * version + 64
    if version >= 2:
        aligns = version // 7 + 2
        modules -= (25 * aligns - 10) * aligns - 55
        if version >= 7:
            modules -= 36
    return modules // 8


def _data_capacity_bits(version: int, level: str) -> int:
    return (_raw_codewords(version) - ECC_PER_BLOCK[level][version] * BLOCKS[level][version]) * 8


def _bits_needed(length: int, version: int) -> int:
    return 4 + (8 if version < 10 else 16) + 8 * length


def _version_and_level(length: int) -> tuple[int, str]:
    for version in range(1, 41):
        if _data_capacity_bits(version, "M") >= _bits_needed(length, version):
            level = "M"
            for better in ("Q", "H"):  # segno's boost_error: the best level that fits this version
                if _data_capacity_bits(version, better) < _bits_needed(length, version):
                    break
                level = better
            return version, level
    raise ValueError("too long for a QR code")


def _data_codewords(data: bytes, version: int, level: str) -> bytes:
    capacity = _data_capacity_bits(version, level)
    count_bits = 8 if version < 10 else 16
    value = (0b0100 << count_bits | len(data)) << 8 * len(data) | int.from_bytes(data, "big")
    length = _bits_needed(len(data), version)
    # Byte mode leaves 4 bits to the next byte boundary, taken by the terminator (4 zero bits; there is
    # always room, capacities being whole bytes). segno then adds 8 - length % 8 zero bits "up to the
    # boundary", which at a boundary is a whole zero byte. Readers stop at the terminator either way;
    # doing the same keeps the two encoders' codes identical.
    filler = 4 + 8 if length + 4 + 8 <= capacity else 4
    value <<= filler
    length += filler
    pad = bytes((0xEC, 0x11) * capacity)[: (capacity - length) // 8]
    return value.to_bytes(length // 8, "big") + pad


_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
for _power in range(255, 512):
    _EXP[_power] = _EXP[_power - 255]


def _multiply(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


@functools.lru_cache(maxsize=None)
def _divisor_products(degree: int) -> tuple[int, ...]:
    """For each byte value f, f times the Reed-Solomon generator polynomial of this degree, its
    coefficients packed into one integer (big-endian bytes), so that a division step is one XOR."""
    divisor = [0] * (degree - 1) + [1]
    root = 1
    for _ in range(degree):
        for j in range(degree):
            divisor[j] = _multiply(divisor[j], root)
            if j + 1 < degree:
                divisor[j] ^= divisor[j + 1]
        root = _multiply(root, 2)
    return tuple(int.from_bytes(bytes(_multiply(coefficient, factor) for coefficient in divisor), "big")
                 for factor in range(256))


def _error_correction(data: bytes, degree: int) -> bytes:
    """The remainder of the data polynomial divided by the generator: the block's error correction
    codewords. The remainder is one integer of `degree` bytes, shifted and XORed whole, rather than a
    list of bytes."""
    products = _divisor_products(degree)
    shift, mask = 8 * (degree - 1), (1 << 8 * degree) - 1
    remainder = 0
    for byte in data:
        remainder = ((remainder << 8) & mask) ^ products[byte ^ (remainder >> shift)]
    return remainder.to_bytes(degree, "big")


def _interleaved(data: bytes, version: int, level: str) -> bytes:
    blocks, degree = BLOCKS[level][version], ECC_PER_BLOCK[level][version]
    raw = _raw_codewords(version)
    short_blocks, short_length = blocks - raw % blocks, raw // blocks - degree
    data_blocks, ecc_blocks, start = [], [], 0
    for index in range(blocks):
        length = short_length + (index >= short_blocks)
        block = data[start:start + length]
        start += length
        data_blocks.append(block)
        ecc_blocks.append(_error_correction(block, degree))
    out = bytearray()
    for i in range(short_length + 1):
        out.extend(block[i] for block in data_blocks if i < len(block))
    for i in range(degree):
        out.extend(block[i] for block in ecc_blocks)
    return bytes(out)


class _Template:
    """A version's fixed modules and, for each row, where each module's value comes from."""

    def __init__(self, version: int, level: str):
        size = version * 4 + 17
        fixed = _function_patterns(version, level)
        # Data modules in placement order: two-column strips from the right, up and down in turn.
        order: dict[tuple[int, int], int] = {}
        mask = 0
        right = size - 1
        while right >= 1:
            if right == 6:
                right = 5
            upward = (right + 1) & 2 == 0
            for vertical in range(size):
                y = size - 1 - vertical if upward else vertical
                for x in (right, right - 1):
                    if fixed[y][x] is None:
                        order[x, y] = len(order)
                        mask = mask << 1 | (x % 3 == 0)
            right -= 2
        self.data_modules = len(order)
        self.remainder_bits = self.data_modules - _raw_codewords(version) * 8
        self.mask = mask
        light, dark = self.data_modules, self.data_modules + 1
        self.rows = [operator.itemgetter(*[order[x, y] if fixed[y][x] is None else (dark if fixed[y][x] else light)
                                           for x in range(size)]) for y in range(size)]


def _function_patterns(version: int, level: str) -> list[list[int | None]]:
    """The modules every code of this version and level has: finders, timing, alignment, format and
    version information (1 dark, 0 light); None where data goes."""
    size = version * 4 + 17
    fixed: list[list[int | None]] = [[None] * size for _ in range(size)]

    def put(x: int, y: int, dark: int) -> None:  # 1 or True: dark; a bit of the format or version information
        fixed[y][x] = int(dark)

    for i in range(size):  # timing patterns
        put(6, i, i % 2 == 0)
        put(i, 6, i % 2 == 0)
    for cx, cy in ((3, 3), (size - 4, 3), (3, size - 4)):  # finders with their separators
        for dy in range(-4, 5):
            for dx in range(-4, 5):
                if 0 <= cx + dx < size and 0 <= cy + dy < size:
                    put(cx + dx, cy + dy, max(abs(dx), abs(dy)) not in (2, 4))
    centers = _alignment_centers(version)
    for i, cx in enumerate(centers):
        for j, cy in enumerate(centers):
            if (i, j) not in ((0, 0), (0, len(centers) - 1), (len(centers) - 1, 0)):
                for dy in range(-2, 3):
                    for dx in range(-2, 3):
                        put(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1)
    format_bits = _format_bits(level)
    for i in range(6):
        put(8, i, format_bits >> i & 1)
    put(8, 7, format_bits >> 6 & 1)
    put(8, 8, format_bits >> 7 & 1)
    put(7, 8, format_bits >> 8 & 1)
    for i in range(9, 15):
        put(14 - i, 8, format_bits >> i & 1)
    for i in range(8):
        put(size - 1 - i, 8, format_bits >> i & 1)
    for i in range(8, 15):
        put(8, size - 15 + i, format_bits >> i & 1)
    put(8, size - 8, True)  # the dark module
    if version >= 7:
        version_bits = _version_bits(version)
        for i in range(18):
            a, b = size - 11 + i % 3, i // 3
            put(a, b, version_bits >> i & 1)
            put(b, a, version_bits >> i & 1)
    return fixed


@functools.lru_cache(maxsize=None)
def _template(version: int, level: str) -> _Template:
    return _Template(version, level)


def _alignment_centers(version: int) -> list[int]:
    if version == 1:
        return []
    count = version // 7 + 2
    step = (version * 8 + count * 3 + 5) // (count * 4 - 4) * 2
    size = version * 4 + 17
    return [6] + sorted(size - 7 - i * step for i in range(count - 1))


def _format_bits(level: str) -> int:
    data = _LEVEL_BITS[level] << 3 | MASK
    remainder = data
    for _ in range(10):
        remainder = remainder << 1 ^ (remainder >> 9) * 0x537
    return (data << 10 | remainder) ^ 0x5412


def _version_bits(version: int) -> int:
    remainder = version
    for _ in range(12):
        remainder = remainder << 1 ^ (remainder >> 11) * 0x1F25
    return version << 12 | remainder
