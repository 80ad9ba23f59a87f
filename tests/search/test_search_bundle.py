"""Only the Pagefind files the search page loads are deployed: no UI bundles, highlighter or worker."""

from __future__ import annotations

import re

from conftest import REPO, TEMPLATES, build

from catalog.search import pagefind as search

SEARCH_JS = (TEMPLATES / "assets" / "search.js").read_text()
LOADED = [
    re.compile(r"pagefind\.js"),  # search.js imports it; it fetches the rest
    re.compile(r"pagefind-entry\.json"),
    re.compile(r"pagefind\.[a-z]+_[0-9a-f]+\.pf_meta"),
    re.compile(r"wasm\.[a-z]+\.pagefind"),
    re.compile(r"sort-(deadline|newest)-[0-9a-f]+\.json"),  # ours: fetched when a visitor sorts
    re.compile(r"(filter|fragment|index)/.+"),
]


def test_a_built_bundle_holds_only_the_files_the_search_page_loads(tmp_path):
    out = tmp_path / "site"
    assert build(REPO / "tests" / "golden", "--out", str(out)).code == 0
    for bundle in ("pagefind", "pagefind-closed"):
        names = [p.relative_to(out / bundle).as_posix() for p in (out / bundle).rglob("*") if p.is_file()]
        assert [name for name in names if not any(pattern.fullmatch(name) for pattern in LOADED)] == [], bundle
        assert "pagefind.js" in names and any(name.endswith(".pf_meta") for name in names)
        assert not set(search.UNUSED_FILES) & set(names)


def test_the_removed_files_are_ones_search_js_never_loads():
    assert all(name not in SEARCH_JS for name in search.UNUSED_FILES)
    # pagefind.js starts pagefind-worker.js unless told not to; both bundles are told so.
    pagefind_options = re.findall(r"\.options\(\{[^}]*\}\)", SEARCH_JS)
    assert len(pagefind_options) == 2 and all("noWorker: true" in call for call in pagefind_options)
    assert re.findall(r'import\(new URL\("([^"]+)"', SEARCH_JS) == ["pagefind.js", "pagefind.js"]
