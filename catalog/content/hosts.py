"""Host names in the URLs owners give (sign-up forms, websites): public names only, readable as written.

A sign-up link is followed by visitors and fetched by the nightly link check (signup_links.py), so a
link to an address inside a network (an IP literal, localhost, a single-label or private name) reaches
something it should not. An internationalised name is shown in its Unicode form, and refused when a
label mixes scripts: `аpple.com` with a Cyrillic а looks like the Latin one.
"""

from __future__ import annotations

import ipaddress
import re
import urllib.parse

# Names that resolve only inside a network (RFC 6761, 6762, 8375, ICANN's .internal) or by habit (.lan, .corp ...).
INTERNAL_SUFFIXES = ("localhost", "local", "internal", "intranet", "lan", "home", "corp", "localdomain",
                     "home.arpa", "private", "invalid")
# WHATWG URL parsing reads a host whose last label is a number (decimal, octal, 0x hex) as an IPv4 address:
# https://2130706433/ and https://0x7f.1/ are 127.0.0.1 in every browser.
_NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")
# Scripts that Japanese writes together; Latin may join them (ＪＲ東日本, 東京ガス.jp is normal).
_JAPANESE = {"Han", "Hiragana", "Katakana", "Latin"}


def host_problem(host: str) -> str | None:
    """None for a public host name, else the message key saying why not (`url_internal_host`, `url_mixed_scripts`)."""
    name = host.lower().rstrip(".")
    if not name or ":" in name:  # an IPv6 literal
        return "url_internal_host"
    labels = name.split(".")
    try:
        ipaddress.ip_address(name)
        return "url_internal_host"
    except ValueError:
        pass
    if len(labels) < 2 or _NUMERIC_LABEL.match(labels[-1]) or any(not label for label in labels):
        return "url_internal_host"
    if any(name == suffix or name.endswith("." + suffix) for suffix in INTERNAL_SUFFIXES):
        return "url_internal_host"
    unicode_labels = _unicode_labels(labels)
    if unicode_labels is None:
        return "url_internal_host"
    if any(_mixes_scripts(label) for label in unicode_labels):
        return "url_mixed_scripts"
    return None


def _unicode_labels(labels: list[str]) -> list[str] | None:
    """Each label as people read it (xn-- decoded); None when a label is not valid punycode."""
    found = []
    for label in labels:
        if not label.startswith("xn--"):
            found.append(label)
            continue
        try:
            found.append(label[4:].encode("ascii").decode("punycode"))
        except (UnicodeError, ValueError):
            return None
    return found


def _mixes_scripts(label: str) -> bool:
    if label.isascii():
        return False
    import icu  # loaded only for the rare non-ASCII host

    scripts = set()
    for character in label:
        script = icu.Script.getScript(character).getName()
        if script not in ("Common", "Inherited"):
            scripts.add(script)
    return len(scripts) > 1 and not scripts <= _JAPANESE


def display_url(url: str) -> str:
    """The URL with an internationalised host in Unicode (xn--...): what a visitor can read and compare."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return url
    if "xn--" not in host:
        return url
    labels = _unicode_labels(host.split("."))
    if labels is None:
        return url
    netloc = parts.netloc.lower().replace(host, ".".join(labels), 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
