"""Program pictures resized at build time: a few widths, each as WebP and as a fallback (JPEG, or PNG
when the picture has transparency), so that a phone downloads a 320-pixel picture, not the owner's
2 MB photograph. Pillow reads and writes them; nothing is fetched or run.

`plan` reads the picture (its size and mode, and that it decodes) and says which files there will be;
`make` encodes one of them. Encoding settings are fixed and metadata (EXIF, GPS) is dropped: the same
picture gives the same bytes, and the place a phone photo was taken is not published.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

WIDTHS = (320, 640, 960)  # a card on a phone, a card at 2x or a page on a phone, a page at 2x
MAX_PIXELS = 40_000_000  # larger (a decompression bomb, or a scan): the original is served as it is
_ROTATED = (5, 6, 7, 8)  # EXIF orientations that swap width and height


@dataclass(frozen=True)
class Variant:
    name: str  # file name beside the page, e.g. "picture-640.webp"
    width: int
    height: int
    format: str  # "webp", "jpeg" or "png"

    @property
    def mime(self) -> str:
        return f"image/{self.format}"


@dataclass(frozen=True)
class Picture:
    """A picture's resized files; width and height are the picture's own, upright."""

    width: int
    height: int
    variants: tuple[Variant, ...]

    def of_format(self, format: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.format == format)

    @property
    def fallback_format(self) -> str:
        return next(v.format for v in self.variants if v.format != "webp")

    def fallback(self, at_most: int = 640) -> Variant:
        """The file for browsers without WebP support and for print: the largest fallback up to `at_most` wide."""
        files = self.of_format(self.fallback_format)
        fitting = [v for v in files if v.width <= at_most]
        return fitting[-1] if fitting else files[0]

    def srcset(self, format: str) -> str:
        return ", ".join(f"{v.name} {v.width}w" for v in self.of_format(format))


def plan(source: Path, stem: str) -> Picture | None:
    """The files a picture becomes; None when Pillow cannot read it whole or it is too large (the page
    then shows the original file, as validated)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(source) as image:
            width, height = image.size
            if width * height > MAX_PIXELS or width < 1 or height < 1:
                return None
            if image.getexif().get(0x0112) in _ROTATED:
                width, height = height, width
            transparent = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
            # Decoded once here (at a reduced size where the format allows): a picture cut short by its
            # upload would otherwise fail the build when its files are made.
            image.draft("RGB", (WIDTHS[0], WIDTHS[0]))
            image.load()
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return None
    fallback = "png" if transparent else "jpeg"
    extension = {"png": "png", "jpeg": "jpg"}[fallback]
    widths = [w for w in WIDTHS if w < width] + [min(width, WIDTHS[-1])]
    variants = []
    for target in dict.fromkeys(widths):
        target_height = max(1, round(height * target / width))
        variants.append(Variant(f"{stem}-{target}.webp", target, target_height, "webp"))
        variants.append(Variant(f"{stem}-{target}.{extension}", target, target_height, fallback))
    return Picture(width, height, tuple(variants))


def make(source: Path, variant: Variant) -> bytes:
    """One resized file, upright, without metadata."""
    from PIL import Image, ImageOps

    with Image.open(source) as image:
        if image.format == "JPEG":
            image.draft("RGB", (variant.width, variant.height))  # decode at a reduced size: much faster
        upright = ImageOps.exif_transpose(image)
        keep_alpha = variant.format != "jpeg"
        mode = "RGBA" if keep_alpha and (upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info) else "RGB"
        resized = upright.convert(mode).resize((variant.width, variant.height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if variant.format == "webp":
        resized.save(out, "WEBP", quality=80, method=4)
    elif variant.format == "jpeg":
        resized.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        resized.save(out, "PNG", optimize=True)
    return out.getvalue()
