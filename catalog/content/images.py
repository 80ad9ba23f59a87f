"""Owners' pictures are data, never active content: what an image file may hold.

An SVG opened on its own (its address on the site) is a document of the site's origin: a script or an
event handler in it runs there. So an SVG is parsed as XML by defusedxml (no DTD, no entities, no
external references: nothing to expand or fetch), its character references decoded by the parser, and
accepted only when every element, attribute and value is in a list of static drawing (shapes, text,
gradients, clips, masks, simple filters). A raster image is decoded by Pillow in full: a file that
only starts like a PNG is not one.
"""

from __future__ import annotations

import io
import re
import xml.sax
from dataclasses import dataclass

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# Editors' bookkeeping that browsers ignore: any element or attribute of these is inert.
INERT_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/Graphs/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
}
ELEMENTS = {
    "svg", "g", "defs", "title", "desc", "metadata", "style", "symbol", "use", "switch",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
    "filter", "feGaussianBlur", "feOffset", "feBlend", "feColorMatrix", "feFlood", "feComposite",
    "feMerge", "feMergeNode", "feDropShadow", "feMorphology", "feComponentTransfer", "feFuncR",
    "feFuncG", "feFuncB", "feFuncA",
}
ATTRIBUTES = {
    "id", "class", "style", "transform", "d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
    "fx", "fy", "fr", "width", "height", "viewBox", "preserveAspectRatio", "points", "pathLength", "version",
    "baseProfile", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity",
    "opacity", "clip-path", "clip-rule", "mask", "filter", "color", "display", "visibility", "overflow",
    "font-family", "font-size", "font-weight", "font-style", "font-variant", "font-stretch", "text-anchor",
    "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing",
    "writing-mode", "text-decoration", "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset",
    "gradientUnits", "gradientTransform", "spreadMethod", "offset", "stop-color", "stop-opacity",
    "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits",
    "maskContentUnits", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient",
    "marker-start", "marker-mid", "marker-end", "filterUnits", "primitiveUnits", "stdDeviation", "in",
    "in2", "result", "mode", "values", "type", "operator", "k1", "k2", "k3", "k4", "radius", "flood-color",
    "flood-opacity", "tableValues", "slope", "intercept", "amplitude", "exponent", "vector-effect",
    "shape-rendering", "text-rendering", "image-rendering", "color-interpolation",
    "color-interpolation-filters", "paint-order", "mix-blend-mode", "isolation", "enable-background",
    "role", "aria-label", "aria-hidden", "aria-labelledby", "focusable", "data-name", "requiredFeatures",
    "systemLanguage", "space", "lang", "href", "media",
}
# References stay inside the drawing: href="#shape", fill="url(#gradient)". Anything else could fetch
# (url(https://...)), run (javascript:) or hide a scheme behind CSS escapes.
_LOCAL_HREF = re.compile(r"^#[A-Za-z_][\w.:-]*$")
_URL = re.compile(r"url\s*\(", re.IGNORECASE)
_LOCAL_URL = re.compile(r"""url\(\s*(['"]?)#[A-Za-z_][\w.:-]*\1\s*\)""")
_CSS_ACTIVE = re.compile(r"@import|\\|expression\s*\(|javascript:|behavior\s*:|-moz-binding|&#|<", re.IGNORECASE)


@dataclass(frozen=True)
class SvgProblem:
    line: int  # in the SVG file
    what: str  # the element (and attribute) refused, as written: `<script>`, `<a href>`, `<rect style>`


class _Refused(Exception):
    def __init__(self, problem: SvgProblem):
        self.problem = problem


def _name(uri: str | None, local: str, prefixes: dict[str, str]) -> str:
    prefix = next((p for p, u in prefixes.items() if u == uri and p), None) if uri else None
    return f"{prefix}:{local}" if prefix else local


def _css_is_active(css: str) -> bool:
    return bool(_CSS_ACTIVE.search(css)) or len(_URL.findall(css)) != len(_LOCAL_URL.findall(css))


class _Checker(xml.sax.handler.ContentHandler):
    def __init__(self):
        super().__init__()
        self.locator = None
        self.prefixes: dict[str, str] = {}
        self.stack: list[str] = []
        self.style_text: list[str] = []

    def setDocumentLocator(self, locator):
        self.locator = locator

    def refuse(self, what: str) -> None:
        raise _Refused(SvgProblem(self.locator.getLineNumber() if self.locator else 1, what))

    def startPrefixMapping(self, prefix, uri):
        self.prefixes[prefix or ""] = uri

    def startElementNS(self, name, qname, attributes):
        uri, local = name
        shown = _name(uri, local, self.prefixes)
        if not self.stack and (uri, local) != (SVG, "svg"):
            self.refuse(f"<{shown}>")
        inert = uri in INERT_NAMESPACES  # an XHTML <script> runs wherever it stands, even in <metadata>
        if not inert and (uri != SVG or local not in ELEMENTS):
            self.refuse(f"<{shown}>")
        for (attribute_uri, attribute), value in attributes.items():
            where = f"<{shown} {_name(attribute_uri, attribute, self.prefixes)}>"
            if attribute.lower().startswith("on"):
                self.refuse(where)
            if attribute_uri in INERT_NAMESPACES or (inert and attribute_uri is None):
                continue  # read by editors, never by a browser
            if attribute_uri not in (None, XLINK, XML) or attribute not in ATTRIBUTES:
                self.refuse(where)
            if attribute == "href" and not _LOCAL_HREF.match(value.strip()):
                self.refuse(where)
            if _css_is_active(value) if attribute == "style" else (_URL.search(value) and not _LOCAL_URL.fullmatch(value.strip())):
                self.refuse(where)
        self.stack.append(local)

    def endElementNS(self, name, qname):
        if self.stack.pop() == "style" and _css_is_active("".join(self.style_text)):
            self.refuse("<style>")
        self.style_text = []

    def characters(self, content):
        if self.stack and self.stack[-1] == "style":
            self.style_text.append(content)

    def processingInstruction(self, target, data):
        self.refuse(f"<?{target}?>")


def svg_problem(data: bytes) -> SvgProblem | None:
    """None when the SVG is a static drawing, else the first thing in it that is not (with its line)."""
    import defusedxml.sax  # loaded only when a catalog has SVG logos

    checker = _Checker()
    parser = defusedxml.sax.make_parser()
    parser.forbid_dtd = True  # no DOCTYPE at all: no entity of any kind, internal or external
    parser.forbid_entities = True
    parser.forbid_external = True
    parser.setFeature(xml.sax.handler.feature_namespaces, True)
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    parser.setContentHandler(checker)
    try:
        parser.parse(io.BytesIO(data))
    except _Refused as refused:
        return refused.problem
    except xml.sax.SAXParseException as error:
        return SvgProblem(error.getLineNumber() or 1, "XML")
    except Exception as error:  # noqa: BLE001 - untrusted bytes: any parser failure is the file's problem. defusedxml's DTDForbidden, EntitiesForbidden ...: a DOCTYPE or entity
        line = getattr(checker.locator, "getLineNumber", lambda: 1)() or 1
        return SvgProblem(line, "<!DOCTYPE>" if "DTD" in type(error).__name__ else type(error).__name__)
    return None


# Larger than any logo or photo needs; a small file that claims more is a decompression bomb.
MAX_PIXELS = 40_000_000
_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}


def raster_is_valid(data: bytes, suffix: str) -> bool:
    """Whether the bytes decode in full as the format the file's name says (png, jpg, webp)."""
    from PIL import Image  # loaded only when a catalog has pictures

    try:
        with Image.open(io.BytesIO(data), formats=[_FORMATS[suffix]]) as picture:
            width, height = picture.size
            if width * height > MAX_PIXELS:
                return False
            picture.load()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken or hostile file
        return False
    return True
