"""The sample catalog in content/ stays valid and covers what a town starting from it should see."""

from __future__ import annotations

from conftest import REPO, check

from catalog.content.model import State
from catalog.content.read import read_catalog as load


def test_sample_catalog_is_valid_and_covers_every_case():
    assert check(REPO).code == 0
    catalog = load(REPO, "2026-11-21").catalog
    config = catalog.config
    assert len(catalog.owners) >= 6 and len({o.kind for o in catalog.owners}) >= 6
    assert len(catalog.programs) >= 24
    assert {p.type for p in catalog.programs} == {t.id for t in config.types}
    assert len({c for p in catalog.programs for c in p.categories}) >= len(config.categories) * 3 // 4
    assert {p.format for p in catalog.programs} == {"onsite", "online", "hybrid"}
    assert any(p.dates for p in catalog.programs) and any(p.ongoing for p in catalog.programs)
    assert {p.state for p in catalog.programs} == set(State)
    assert any(p.status == "cancelled" for p in catalog.programs)
    assert [p.id for p in catalog.programs if p.content_language == "en"] == ["satohama-guide-translation"]
    assert any(p.image for p in catalog.programs) and any(o.logo for o in catalog.owners)
