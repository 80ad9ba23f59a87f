"""The whole build: golden output, the broken catalog's exact messages, no loss, determinism."""

from __future__ import annotations

import difflib
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO, TEMPLATES, build, check, program, run_cli, tree

from catalog.search import pagefind as search

GOLDEN = REPO / "tests" / "golden"
BROKEN = REPO / "tests" / "broken"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def test_golden_catalog_matches_expected_output_file_by_file(tmp_path):
    out = tmp_path / "site"
    result = build(GOLDEN, "--out", str(out))
    assert result.code == 0, result.err
    built = {path: data for path, data in tree(out).items() if not path.startswith("pagefind/")}
    expected_dir = GOLDEN / "expected"
    if UPDATE:
        shutil.rmtree(expected_dir, ignore_errors=True)
        for path, data in built.items():
            (expected_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / path).write_bytes(data)
    expected = tree(expected_dir)
    assert sorted(built) == sorted(expected), "files added or missing; run UPDATE_GOLDEN=1 pytest and review the diff"
    for path in sorted(expected):
        if built[path] != expected[path]:
            diff = difflib.unified_diff(expected[path].decode(errors="replace").splitlines(),
                                        built[path].decode(errors="replace").splitlines(),
                                        f"expected/{path}", f"built/{path}", lineterm="", n=2)
            pytest.fail("\n".join(list(diff)[:80]))
    assert (out / "pagefind" / "pagefind.js").is_file()


def test_broken_catalog_gives_exactly_the_expected_messages(tmp_path):
    site = tmp_path / "site"
    result = build(BROKEN, "--out", str(site))
    expected_file = BROKEN / "expected.txt"
    if UPDATE:
        expected_file.write_text(result.err, encoding="utf-8")
    assert result.code == 1
    assert result.err.splitlines() == expected_file.read_text(encoding="utf-8").splitlines()
    assert "Traceback" not in result.err
    assert not site.exists()


def test_check_prints_the_same_problems_as_build(tmp_path):
    checked = check(BROKEN).err.splitlines()
    built = build(BROKEN, "--out", str(tmp_path / "site")).err.splitlines()
    assert checked[:-1] == built[:-1]
    assert checked[-1] == "73 件の問題があります" and built[-1] == "73 件の問題があります。サイトは更新していません"


def test_problems_in_english_when_the_site_is_english(write_catalog):
    from conftest import SITE_YAML

    root = write_catalog({"content/programs/typo.md": program(sumary="x")}, site_yaml=SITE_YAML + "language: en\n")
    result = check(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        "content/programs/typo.md:10: unknown field 'sumary'; did you mean 'summary'?",
        "1 problem(s) found",
    ]


def test_a_failed_build_leaves_the_previous_site_byte_identical(write_catalog):
    root = write_catalog({"content/programs/good.md": program()})
    assert build(root).code == 0
    before = tree(root / "site")
    (root / "content" / "programs" / "bad.md").write_text(program(type="nope"), encoding="utf-8")
    result = build(root)
    assert result.code == 1 and "'type' に 'nope' は使えません" in result.err
    assert tree(root / "site") == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


def test_a_template_error_leaves_the_previous_site(write_catalog, tmp_path):
    root = write_catalog({"content/programs/good.md": program()})
    assert build(root).code == 0
    before = tree(root / "site")
    broken = tmp_path / "templates"
    shutil.copytree(TEMPLATES, broken)
    (broken / "program.html").write_text("{% extends '_base.html' %}{% block main %}{{ program.no_such_field }}{% endblock %}")
    result = run_cli("build", "--root", str(root), "--templates", str(broken), "--today", "2026-11-21")
    assert result.code == 1
    assert "テンプレートの誤り" in result.err and "Traceback" not in result.err
    assert tree(root / "site") == before


def test_a_template_that_fails_in_python_names_its_line_and_leaves_the_previous_site(write_catalog, tmp_path):
    """Not only Jinja's own errors: a filter given a number where a list was meant raises TypeError."""
    root = write_catalog({"content/programs/good.md": program()})
    assert build(root).code == 0
    before = tree(root / "site")
    broken = tmp_path / "templates"
    shutil.copytree(TEMPLATES, broken)
    (broken / "program.html").write_text("{% extends '_base.html' %}\n{% block main %}\n{{ 3|rejectattr('x')|list }}{% endblock %}")
    result = run_cli("build", "--root", str(root), "--templates", str(broken), "--today", "2026-11-21")
    assert result.code == 1 and "Traceback" not in result.err
    assert f"{broken / 'program.html'}:3: template error: TypeError: 'int' object is not iterable" in result.err
    assert tree(root / "site") == before


def test_a_search_index_failure_leaves_the_previous_site(write_catalog, monkeypatch):
    root = write_catalog({"content/programs/good.md": program()})
    assert build(root).code == 0
    before = tree(root / "site")

    def broken_index(catalog, site, running):
        (site / "pagefind").mkdir(exist_ok=True)
        raise search.SearchIndexError("pagefind crashed")

    monkeypatch.setattr(search, "finish_index", broken_index)
    result = build(root, "--clean")  # a full build, beside the site
    assert result.code == 1 and "pagefind crashed" in result.err
    assert tree(root / "site") == before
    (root / "content/programs/good.md").write_text(program(title="新しい題名"), encoding="utf-8")
    result = build(root)  # an update in place: the index is built before any page is written
    assert result.code == 1 and "pagefind crashed" in result.err and "サイトは変更していません" in result.err
    assert tree(root / "site") == before


def test_two_builds_are_byte_identical_including_the_index(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert build(GOLDEN, "--out", str(first)).code == 0
    assert build(GOLDEN, "--out", str(second)).code == 0
    assert tree(first) == tree(second)


def test_build_date_from_source_date_epoch(write_catalog, monkeypatch):
    root = write_catalog({"content/programs/pro.md": program(deadline="2026-11-25")})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18 in Tokyo
    result = run_cli("build", "--root", str(root), "--templates", str(TEMPLATES), "--no-search")
    assert "基準日 2026-11-18" in result.out
    assert "まもなく締切" in (root / "site" / "programs" / "pro" / "index.html").read_text()


def test_sub_path_base_url(write_catalog):
    root = write_catalog({"content/programs/pro.md": program()})
    assert build(root, "--base-url", "https://someone.github.io/repo").code == 0
    page = (root / "site" / "programs" / "pro" / "index.html").read_text()
    assert '<link rel="canonical" href="https://someone.github.io/repo/programs/pro/">' in page
    assert 'href="../../assets/style.css"' in page
    missing = (root / "site" / "404.html").read_text()
    assert 'href="/repo/assets/style.css"' in missing and 'href="/repo/search/"' in missing


def test_empty_catalog_builds(write_catalog):
    root = write_catalog(owner=False)
    result = build(root)
    assert result.code == 0, result.err
    assert "まだプログラムがありません" in (root / "site" / "index.html").read_text()


def test_closed_programs_keep_their_page_without_signup_and_leave_listings(write_catalog):
    root = write_catalog({
        "content/programs/closed-one.md": program(title="終わった募集", status="closed"),
        "content/programs/open-one.md": program(title="募集中の募集"),
    })
    assert build(root, "--no-search").code == 0
    site = root / "site"
    closed = (site / "programs" / "closed-one" / "index.html").read_text()
    assert "受付終了" in closed and "forms.example.org" not in closed
    listing = (site / "all" / "index.html").read_text()
    assert "募集中の募集" in listing and "終わった募集" not in listing
    assert "終わった募集" in (site / "archive" / "index.html").read_text()
    assert "終わった募集" in (site / "owners" / "test-owner" / "index.html").read_text()


def test_long_listings_are_paginated(write_catalog):
    files = {f"content/programs/p-{n:03d}.md": program(title=f"プログラム{n}") for n in range(45)}
    root = write_catalog(files)
    assert build(root, "--no-search").code == 0
    assert (root / "site" / "all" / "page" / "3" / "index.html").is_file()
    assert not (root / "site" / "all" / "page" / "4").exists()
    page2 = (root / "site" / "all" / "page" / "2" / "index.html").read_text()
    assert page2.count('<article class="card">') == 20 and 'rel="prev"' in page2 and 'rel="next"' in page2


def test_drafts_are_not_built(write_catalog):
    root = write_catalog({"content/programs/draft-one.md": program(draft="true")})
    assert build(root, "--no-search").code == 0
    assert not (root / "site" / "programs" / "draft-one").exists()


def test_search_index_has_filters_and_sorts(tmp_path):
    out = tmp_path / "site"
    assert build(GOLDEN, "--out", str(out)).code == 0
    counts = {}
    for bundle in ("pagefind", "pagefind-closed"):
        entry = json.loads((out / bundle / "pagefind-entry.json").read_text())
        assert entry["version"] == "1.5.2"
        counts[bundle] = next(iter(entry["languages"].values()))["page_count"]
    # Listed programs in the bundle every search loads; closed ones only when asked for.
    assert counts == {"pagefind": 4, "pagefind-closed": 2}
    search_page = (out / "search" / "index.html").read_text()
    assert 'data-pagefind="../pagefind/"' in search_page and 'data-archive="../pagefind-closed/"' in search_page


def test_usage_errors_exit_2():
    assert run_cli("build", "--today", "tomorrow").code == 2


def test_no_broken_internal_links_or_fragments(tmp_path):
    from catalog.tools.links import broken_links

    out = tmp_path / "site"
    assert build(GOLDEN, "--out", str(out)).code == 0
    assert broken_links(out, "/sub/catalog/") == []


def test_the_link_checker_notices_broken_links_and_fragments(tmp_path):
    from catalog.tools.links import broken_links

    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">no</a><a href="#top">no id</a><a id="x" href="#x">ok</a>'
                                         '<a href="https://example.org/">external</a><a href="/elsewhere/">outside</a>')
    (tmp_path / "a" / "index.html").write_text('<a href="../index.html#x">ok</a><a href="../../up/">outside</a>')
    assert [str(b) for b in broken_links(tmp_path, "/sub/")] == [
        "a/index.html: broken link ../../up/", "index.html: broken link #top",
        "index.html: broken link /elsewhere/", "index.html: broken link b/"]


def test_the_same_catalog_built_on_tmpfs_and_on_disk_is_byte_identical(tmp_path):
    """Pagefind numbers pages in the order a folder lists its files, which differs between filesystems
    (creation order on tmpfs, hash order on ext4): the bundle is renumbered by address after indexing."""
    import tempfile

    from tests.benchmarks.generate import generate

    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("needs /dev/shm on another filesystem than the test's folder")
    with tempfile.TemporaryDirectory(dir=shm) as memory:
        trees = []
        for root in (tmp_path / "disk", Path(memory) / "memory"):
            generate(root, programs=200, owners=15)
            result = run_cli("build", "--root", str(root), "--templates", str(TEMPLATES), "--today", "2026-11-21")
            assert result.code == 0, result.err
            trees.append(tree(root / "site"))
    assert trees[0].keys() == trees[1].keys() and any(name.startswith("pagefind/index/") for name in trees[0])
    assert trees[0] == trees[1]
