"""An independent check of built HTML for anything that could run or fetch: used by tests, never by the build."""

from __future__ import annotations

import re
from html.parser import HTMLParser

DANGEROUS_TAGS = {"script", "iframe", "frame", "object", "embed", "style", "link", "base", "form", "svg", "math", "meta"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"}
SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|[^:]*$)", re.IGNORECASE)


class _Finder(HTMLParser):
    def __init__(self, allow_page_chrome: bool):
        super().__init__(convert_charrefs=True)
        self.allow_page_chrome = allow_page_chrome
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS and not (self.allow_page_chrome and tag in {"script", "link", "meta", "form"}):
            self.found.append(f"<{tag}>")
        for name, given in attrs:
            value = given or ""
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES:
                cleaned = re.sub(r"[\x00-\x20]", "", value)
                if not SAFE_SCHEME.match(cleaned):
                    self.found.append(f"{tag}[{name}={value!r}]")
            if name == "style":
                self.found.append(f"{tag}[style]")


def unsafe_parts(html: str, allow_page_chrome: bool = False) -> list[str]:
    """Elements, handlers and URLs that must never come from content. Page chrome (our own script/link/meta/form) may be allowed."""
    finder = _Finder(allow_page_chrome)
    finder.feed(html)
    finder.close()
    return finder.found
