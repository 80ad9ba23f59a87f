"""Check every internal link and #fragment of a built site, in process (no server).

Links are resolved as a browser would from each page's folder; a folder link
needs its index.html. External links (https:, mailto:) are not fetched here:
that is a scheduled job's work, and must never block a merge.
"""

from __future__ import annotations

import posixpath
import urllib.parse
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action")}


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str  # the page holding the link, relative to the site
    target: str  # the link as written

    def __str__(self) -> str:
        return f"{self.page}: broken link {self.target}"


class _PageScan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES and value is not None:
                self.links.append(value)
            if tag == "form" and name in ("data-pagefind", "data-archive"):
                self.links.append(value + "pagefind.js")  # the search page loads the bundle's script from there
            if tag == "form" and name == "data-root":
                self.links.append(value)


def _scan(path: Path) -> _PageScan:
    scan = _PageScan()
    scan.feed(path.read_text(encoding="utf-8"))
    scan.close()
    return scan


def broken_links(site: Path, base_path: str = "/") -> list[BrokenLink]:
    """Every internal link in site/*.html that leads nowhere. `base_path` resolves root-relative links (the 404 page)."""
    pages = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}
    scans = {name: _scan(path) for name, path in pages.items()}
    broken: list[BrokenLink] = []
    for name, scan in scans.items():
        folder = posixpath.dirname(name)
        for link in scan.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # https:, mailto: and the like are checked by the nightly job
            if parts.path.startswith("/"):
                if not parts.path.startswith(base_path):
                    broken.append(BrokenLink(name, link))
                    continue
                target = parts.path[len(base_path):]
            else:
                target = posixpath.normpath(posixpath.join(folder, urllib.parse.unquote(parts.path))) if parts.path else name
                if target == ".":
                    target = ""
                if target.startswith(".."):
                    broken.append(BrokenLink(name, link))
                    continue
            if parts.path.endswith("/") or target == "" or (site / target).is_dir():
                target = posixpath.join(target, "index.html") if target else "index.html"
            if not (site / target).is_file():
                broken.append(BrokenLink(name, link))
                continue
            if parts.fragment and target.endswith(".html"):
                ids = scans[target].ids if target in scans else _scan(site / target).ids
                if parts.fragment not in ids:
                    broken.append(BrokenLink(name, link))
    return sorted(set(broken))
