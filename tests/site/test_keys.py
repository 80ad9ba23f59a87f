"""Keys that cannot be forgotten: every template reads only what its route's key covers.

A rebuild renders only the files whose key changed (site/routes.py declares each key beside its
route). Here the sample catalog's pages are rendered with Jinja's attribute lookups recorded, and each
thing a template read is checked against the key of the file it was read for: a program's fields
need its digest in the key (its listing digest, for everything but the description), an owner's its
digest (or its name, for the name a card shows), the site's facets and archive flag their values.
A template that starts reading more fails here until its route's key says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jinja2
import pytest

from catalog.content.model import Catalog, Owner, Program
from catalog.content.read import read_catalog
from catalog.site.pages import Facet, Feed, Listing, SiteView
from catalog.site.routes import site_outputs

from conftest import REPO, TEMPLATES, TODAY


@dataclass
class Reads:
    seen: list[tuple[object, str]] = field(default_factory=list)
    recording: bool = False


@pytest.fixture
def reads(monkeypatch) -> Reads:
    recorded = Reads()
    getattr_, getitem = jinja2.Environment.getattr, jinja2.Environment.getitem

    def recording_getattr(environment, obj, attribute):
        if recorded.recording:
            recorded.seen.append((obj, attribute))
        return getattr_(environment, obj, attribute)

    def recording_getitem(environment, obj, argument):
        if recorded.recording and isinstance(argument, str):
            recorded.seen.append((obj, argument))
        return getitem(environment, obj, argument)

    monkeypatch.setattr(jinja2.Environment, "getattr", recording_getattr)
    monkeypatch.setattr(jinja2.Environment, "getitem", recording_getitem)
    return recorded


def uncovered(obj: object, name: str, key: tuple[str, ...]) -> bool:
    """Whether reading `name` of `obj` is something `key` does not cover."""
    joined = "\x1f".join(key)
    if isinstance(obj, Program):
        return not (obj.digest in joined or (name != "body" and obj.listing_digest in joined))
    if isinstance(obj, Owner):
        return not (obj.digest in joined or (name == "name" and obj.name in joined))
    if isinstance(obj, SiteView):  # config, language and today are in every key (common_key)
        return (name == "facets" and repr(obj.facets) not in key) or \
            (name == "search_archive" and f"archive {obj.search_archive}" not in key)
    if isinstance(obj, Catalog):  # only to find a card's owner, whose name is then checked
        return name != "owners_by_id"
    if isinstance(obj, Listing):  # its title and place are the page's facts; its items are cards
        return (name == "programs" and f"programs {len(obj.programs)}" not in key) or \
            (name == "pages" and f"pages {obj.pages}" not in key)
    if isinstance(obj, Feed):  # its title and place are the page's facts; its entries are checked as programs
        return name == "all_programs"
    if isinstance(obj, Facet):
        return repr(obj) not in joined
    return False  # values reached through the above: dates, places, images, terms, the page's facts


def test_every_template_reads_only_what_its_key_covers(reads, tmp_path):
    catalog = read_catalog(REPO, TODAY).catalog
    outputs = [o for o in site_outputs(catalog, TEMPLATES) if o.path.endswith((".html", ".xml")) and o.path != "sitemap.xml"]
    assert len(outputs) > 50
    problems = []
    for output in outputs:
        reads.seen.clear()
        reads.recording = True
        output.make()
        reads.recording = False
        assert reads.seen or output.path == "404.html", output.path
        problems += sorted({f"{output.path}: {type(obj).__name__}.{name}" for obj, name in reads.seen
                            if uncovered(obj, name, output.key)})
    assert problems == []


def test_a_read_the_key_does_not_cover_is_found(reads, tmp_path):
    """The check itself: a key without the program's digest does not cover its title."""
    catalog = read_catalog(REPO, TODAY).catalog
    program = catalog.programs[0]
    assert uncovered(program, "title", ("page",))
    assert not uncovered(program, "title", ("page", program.digest))
    assert uncovered(program, "body", ("card", program.listing_digest))
    owner = catalog.owners_by_id[program.owner]
    assert uncovered(owner, "website", ("card", program.listing_digest + owner.name))
    assert not uncovered(owner, "name", ("card", program.listing_digest + owner.name))
    listing = Listing("all", "", "all", "all/", catalog.programs)
    assert uncovered(listing, "programs", ("pages 1",))
