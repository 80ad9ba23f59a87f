"""Markdown bodies -> safe HTML.

Two layers, because either alone has failed somewhere: Python-Markdown's raw-HTML
handling is switched off (so `<script>` in a body arrives as visible text), and
the result goes through nh3 (Ammonia) with an allowlist of tags, attributes and
URL schemes, which also removes `javascript:`/`data:` links written in
Markdown syntax and anything an extension might let through.
"""

from __future__ import annotations

import contextlib
import functools
import re
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from catalog.problems import BuildError

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "s", "del", "code", "pre",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "table", "thead", "tbody", "tr", "th", "td",
    "abbr", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"align"},
    "td": {"align"},
    "abbr": {"title"},
    "ol": {"start"},
}
URL_SCHEMES = {"https", "http", "mailto"}
_HEADING = re.compile(r"<(/?)h([1-6])>")
_IMAGE = re.compile(r'<img\b[^>]*?\balt="([^"]*)"[^>]*>')
_DEAD_LINK = re.compile(r"<a\b(?![^>]*\bhref=)[^>]*>(.*?)</a>", re.DOTALL)


_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)


def _safe_link(tag: str, attribute: str, value: str) -> str | None:
    """Links in bodies go out (https, http, mailto) or to a #fragment.

    Ammonia reads schemes as browsers do; we also refuse links that only look
    safe once blanks are removed, and relative links, which would point into
    this site from wherever the page happens to be and break.
    """
    if attribute == "href":
        squeezed = re.sub(r"[\x00-\x20\x7f]", "", value)
        scheme = _SCHEME.match(squeezed)
        if scheme is None:
            return value if value.startswith("#") else None
        if scheme.group(1).lower() not in URL_SCHEMES:
            return None
    return value


# The inline patterns left registered, and the characters any of them needs in a text to match:
# code `, escape \\, links/images/references [, autolinks <, entities &, emphasis * and _, a hard
# break (two spaces before a newline), and the inline processor's own placeholders (\x02).
INLINE_PATTERNS = ("backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
                   "short_image_ref", "autolink", "automail", "linebreak", "entity", "em_strong")
_INLINE_SYNTAX = re.compile(r"[`\\\[<&*_\x02]|  \n")


class _PlainTextIsDone(Treeprocessor):
    """Marks texts without any inline syntax as finished, so the inline processor skips them.

    Python-Markdown tries each of its 13 inline patterns on every text of a document (a paragraph,
    a list item, a table cell): 250 tries for a typical body, 40% of the conversion, nearly all on
    Japanese prose that has no `*`, `[` or `<` at all. Such a text comes out of those tries
    unchanged, so marking it atomic gives the same HTML (a test converts with and without this).
    """

    def run(self, root):
        for element in root.iter():
            text, tail = element.text, element.tail
            if text and not isinstance(text, AtomicString) and not _INLINE_SYNTAX.search(text):
                element.text = AtomicString(text)
            if tail and not isinstance(tail, AtomicString) and not _INLINE_SYNTAX.search(tail):
                element.tail = AtomicString(tail)


def make_converter(skip_plain_text: bool = True) -> markdown.Markdown:
    """One converter per process, reset between documents (building it costs more than converting)."""
    converter = markdown.Markdown(extensions=["tables", "sane_lists", "fenced_code"], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    if skip_plain_text:
        # _INLINE_SYNTAX was written for exactly these patterns; another extension needs it revisited.
        registered = converter.inlinePatterns
        if len(registered) != len(INLINE_PATTERNS) or not all(name in registered for name in INLINE_PATTERNS):
            raise RuntimeError("Markdown's inline patterns are not the ones _INLINE_SYNTAX was written for")
        converter.treeprocessors.register(_PlainTextIsDone(converter), "plain_text_is_done", 21)  # before "inline" (20)
    return converter


def _shift_headings(html: str) -> str:
    """The page's title is the only h1, so a body's `#` becomes h2 and everything below moves down one."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}>", html)


@functools.cache
def _cleaner() -> nh3.Cleaner:
    """One sanitizer for the process: nh3.clean() converts the allowlists into Rust sets on every call."""
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_safe_link,
        strip_comments=True,
    )


class MarkdownTooComplex(BuildError):
    """A body whose conversion took longer than its budget, or nested deeper than the converter can go."""


# What a body may cost when it is validated (see body_is_too_complex); rendering later has more room,
# so that a body accepted on one run is never refused on the next by a slower moment of the machine.
VALIDATION_BUDGET_SECONDS = 1.0
RENDER_BUDGET_SECONDS = 5.0
# Python-Markdown's slow cases all need many of these characters: unmatched brackets make every `[`
# scan to the end of its paragraph, and each emphasis, code, escape and rule marker is tried by
# pattern after pattern. A body with fewer of them converts in a fraction of the budget.
_MARKUP = re.compile(r"[\[\]()*_`\\<>&!=#|~-]")
_MARKUP_SCREEN = 1000
_DEEP = re.compile(r"^(?:[ \t]{48}|(?:[ \t]*>){12})", re.MULTILINE)


@contextlib.contextmanager
def _time_budget(seconds: float):
    """Raise MarkdownTooComplex in this thread after `seconds` of CPU time (not wall time: a busy machine
    must not refuse a body). Only the main thread receives signals; elsewhere there is no budget."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise MarkdownTooComplex(seconds)

    previous = signal.signal(signal.SIGVTALRM, expired)
    # Fired again every 50 ms until the conversion stops: a library's `except Exception` may swallow one.
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds, 0.05)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


# Frames a conversion may use above its caller's: nested lists and quotes recurse (about three frames a
# level), and how deep a body may nest must not depend on how deep the caller happened to be.
CONVERSION_STACK = 2000


@contextlib.contextmanager
def _stack_room(frames: int) -> Iterator[None]:
    depth = 0
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + frames)
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


def body_is_too_complex(text: str, converter: markdown.Markdown | None = None) -> bool:
    """Whether a body would take more than VALIDATION_BUDGET_SECONDS to convert: tried, under that budget,
    only when it has enough markup characters or nesting to be slow at all."""
    if len(_MARKUP.findall(text)) < _MARKUP_SCREEN and not _DEEP.search(text):
        return False
    try:
        render_markdown(text, converter, VALIDATION_BUDGET_SECONDS)
    except MarkdownTooComplex:
        return True
    return False


def render_markdown(text: str, converter: markdown.Markdown | None = None, budget: float = RENDER_BUDGET_SECONDS) -> str:
    converter = converter or make_converter()
    converter.reset()
    # Pictures belong in the `image` field, which is checked and copied; an image
    # in the body would be a request to anywhere, so it is replaced by its text.
    try:
        with _time_budget(budget), _stack_room(CONVERSION_STACK):
            converted = converter.convert(text)
    except RecursionError:
        raise MarkdownTooComplex(budget) from None
    html = _IMAGE.sub(lambda m: m.group(1), _shift_headings(converted))
    cleaned = _cleaner().clean(html)
    # A link whose address was refused keeps its words and stops being a link (an <a> with rel but
    # no href is invalid HTML, and a dead control for keyboard and screen-reader users).
    return _DEAD_LINK.sub(r"\1", cleaned)


def plain_text(html: str) -> str:
    """Sanitized HTML -> its text, for the search index."""
    text = re.sub(r"<(?:br|/p|/li|/h[2-6]|/td|/th|/tr|/dt|/dd|/blockquote|/pre)\b[^>]*>", "\n", html)
    text = re.sub(r"<[^>]+>", " ", text)
    import html as html_module

    return html_module.unescape(re.sub(r"[ \t]+", " ", text)).strip()
