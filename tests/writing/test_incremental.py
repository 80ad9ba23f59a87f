"""Rebuilds with the build cache: after any edit, site/ must be byte-identical to a clean build.

Each test builds the golden catalog, edits one kind of input, rebuilds (in place, from the cache), and
compares every file with a clean build of the edited content into another folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO, TEMPLATES, TODAY, build, program, tree

from catalog import build as driver
from catalog import cache, cli, commands
from catalog.cache import BuildCache
from catalog.content import read as pipeline

GOLDEN = REPO / "tests" / "golden" / "content"


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(GOLDEN, root / "content")
    shutil.copytree(TEMPLATES, root / "templates")
    return root


def build_here(root: Path, *extra: str):
    return build(root, "--templates", str(root / "templates"), *extra)


def assert_same_as_clean(root: Path, *extra: str, whole: bool = False) -> str:
    """Rebuild (in place, or `whole` when templates, settings or the day changed), build clean elsewhere,
    compare every byte; returns the rebuild's report line."""
    rebuilt = build_here(root, *extra)
    assert rebuilt.code == 0, rebuilt.err
    assert ("サイトを作りました" if whole else "サイトを更新しました (") in rebuilt.out, rebuilt.out
    clean = root.parent / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    assert build_here(root, "--out", str(clean), "--clean", *extra).code == 0
    assert tree(root / "site") == tree(clean)
    return rebuilt.out


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def new_picture(path: Path) -> None:
    """Another picture under the same name, of another shape: cards and pages must show its new size."""
    from PIL import Image

    Image.new("RGB", (700, 300), (10, 120, 60)).save(path)


EDITS = {
    "program body": lambda root: edit(root / "content/programs/timber-sorting.md", "\n---\n", "\n---\n追記: 軍手を持ってきてください。\n\n"),
    "program title": lambda root: edit(root / "content/programs/zoom-lesson.md", "title: 保育士さん向け", "title: 保育士向け"),
    "program state": lambda root: edit(root / "content/programs/timber-sorting.md", "deadline: 2026-12-01", "deadline: 2026-11-22"),
    "program moves owner": lambda root: edit(root / "content/programs/zoom-lesson.md", "owner: kawasaki-council", "owner: noto-wood"),
    "program draft": lambda root: edit(root / "content/programs/zoom-lesson.md", "\n---\n", "\ndraft: true\n---\n"),
    "owner name": lambda root: edit(root / "content/owners/noto-wood.md", "name: ", "name: 新しい名前 "),
    "program picture bytes": lambda root: new_picture(root / "content/programs/timber-sorting.png"),
    "owner logo bytes": lambda root: edit(root / "content/owners/noto-wood.svg", "</svg>", "<!-- new --></svg>"),
    "template": lambda root: edit(root / "templates/_card.html", '<dl class="card-facts">', '<dl class="card-facts" data-v="2">'),
    "asset": lambda root: edit(root / "templates/assets/style.css", "}", "}\n/* edited */", ),
    "site.yaml": lambda root: edit(root / "content/site.yaml", "title: ", "title: 新 "),
    "program deleted": lambda root: (root / "content/programs/full-event.md").unlink(),
    "program added": lambda root: (root / "content/programs/new-one.md").write_text(
        program(owner="noto-wood", title="新しい募集", posted="2026-11-20"), encoding="utf-8"),
}


# What every file depends on (site/routes.common_key): a change rebuilds the whole site.
EVERYWHERE = {"template", "asset", "site.yaml"}


@pytest.mark.parametrize("what", EDITS)
def test_a_rebuild_after_an_edit_is_byte_identical_to_a_clean_build(project, what):
    assert build_here(project, "--no-search").code == 0
    EDITS[what](project)
    assert_same_as_clean(project, "--no-search", whole=what in EVERYWHERE)


def test_with_search_the_index_is_rebuilt_and_identical_too(project):
    assert build_here(project).code == 0
    first = tree(project / "site")
    assert any(path.startswith("pagefind/") for path in first)
    EDITS["program title"](project)
    assert_same_as_clean(project)
    assert tree(project / "site") != first


def test_full_rebuilds_write_over_the_site_before_last_and_equal_clean_builds(project):
    assert build_here(project).code == 0
    first = (project / "site/index.html").stat().st_ino
    EDITS["template"](project)
    assert_same_as_clean(project, whole=True)  # the first site is set aside...
    assert (project / "site/index.html").stat().st_ino != first
    EDITS["site.yaml"](project)
    assert_same_as_clean(project, whole=True)  # ...and written over by the next full build
    assert (project / "site/index.html").stat().st_ino == first
    assert cache.spare_path(project / "site").is_dir()  # now holding the second


def test_a_body_edit_writes_only_the_files_that_show_the_body(project):
    assert build_here(project, "--no-search").code == 0
    before = tree(project / "site")
    EDITS["program body"](project)
    report = assert_same_as_clean(project, "--no-search")
    changed = {path for path, data in tree(project / "site").items() if before.get(path) != data}
    # The page, and the open data that carries bodies; nothing else (cards, feeds and CSV show summaries).
    assert changed == {"programs/timber-sorting/index.html", "programs.json"}
    assert "サイトを更新しました (2 ファイルを書き込み)" in report


def test_nothing_changed_writes_nothing(project):
    assert build_here(project, "--no-search").code == 0
    stamps = {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*") if p.is_file()}
    result = build_here(project, "--no-search")
    assert "サイトを更新しました (0 ファイルを書き込み)" in result.out
    assert stamps == {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*") if p.is_file()}


def test_another_build_date_and_a_deleted_site_are_handled(project):
    assert build_here(project, "--no-search").code == 0
    assert_same_as_clean(project, "--no-search", "--today", "2026-11-26", whole=True)  # deadlines passed, states changed
    shutil.rmtree(project / "site")
    assert "サイトを作りました" in build_here(project, "--no-search").out  # no site: a full build, whatever the cache says


def test_a_file_deleted_by_hand_is_noticed_only_by_a_clean_build(project):
    """The manifest trusts site/ (like make): --clean is the way to repair a site edited by hand."""
    assert build_here(project, "--no-search").code == 0
    (project / "site/owners/index.html").unlink()
    build_here(project, "--no-search")
    assert not (project / "site/owners/index.html").exists()
    assert build_here(project, "--no-search", "--clean").code == 0
    assert (project / "site/owners/index.html").exists()


def test_a_broken_cache_is_ignored(project):
    assert build_here(project, "--no-search").code == 0
    for cached in (project / ".cache/build").iterdir():
        cached.write_bytes(b"not a pickle")
    EDITS["program title"](project)
    result = build_here(project, "--no-search")
    assert result.code == 0 and "サイトを作りました" in result.out


def test_a_content_problem_after_a_good_build_changes_nothing(project):
    assert build_here(project, "--no-search").code == 0
    before = tree(project / "site")
    edit(project / "content/programs/zoom-lesson.md", "format: ", "formt: ")
    result = build_here(project, "--no-search")
    assert result.code == 1 and "formt" in result.err
    assert tree(project / "site") == before
    edit(project / "content/programs/zoom-lesson.md", "formt: ", "format: ")
    assert_same_as_clean(project, "--no-search")


def test_a_long_running_process_keeps_the_cache_in_memory(project):
    """serve's path: one BuildMemo across builds, fragments (cards, calendar events) reused."""
    args = cli._parser().parse_args(["build", "--root", str(project), "--templates", str(project / "templates"),
                                     "--today", TODAY, "--no-search"])
    memo = BuildCache()
    assert commands.run_build(args, memo, pages_first=True) == 0
    assert memo.fragments.cards and memo.fragments.events and memo.content
    for what in ("owner name", "program title", "program deleted"):
        EDITS[what](project)
        assert commands.run_build(args, memo, pages_first=True) == 0
        clean = project.parent / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        assert build_here(project, "--out", str(clean), "--clean", "--no-search").code == 0
        assert tree(project / "site") == tree(clean), what


def test_when_nothing_any_file_depends_on_changed_no_output_is_even_listed(project, monkeypatch, capsys):
    def build_in_process(*extra: str) -> str:
        args = cli._parser().parse_args(["build", "--root", str(project), "--templates", str(project / "templates"), *extra])
        assert commands.run_build(args, memo) == 0
        return capsys.readouterr().out

    memo = BuildCache()
    build_in_process("--today", TODAY, "--no-search")
    listed, site_outputs = [], driver.site_outputs
    monkeypatch.setattr(driver, "site_outputs", lambda *a, **k: listed.append(1) or site_outputs(*a, **k))
    assert "サイトを更新しました (0 ファイルを書き込み)" in build_in_process("--today", TODAY, "--no-search")
    assert listed == []
    # The search index wanted, another day, an edit: each one a reason to look at every output.
    build_in_process("--today", TODAY)
    build_in_process("--today", "2026-11-22", "--no-search")
    EDITS["program body"](project)
    build_in_process("--today", TODAY, "--no-search")
    assert len(listed) == 3


def test_a_build_that_changes_nothing_rewrites_no_cache_file(project):
    for path in (project / "content").rglob("*"):  # not edited in the last seconds (see pipeline._RACY_NS)
        os.utime(path, (1_700_000_000, 1_700_000_000))
    assert build_here(project, "--no-search").code == 0
    cached = {p: p.stat().st_mtime_ns for p in (project / ".cache/build").glob("*.json")}
    names = sorted(p.name for p in cached)
    assert names[-1:] == [name for name in names if not name.startswith("content-")]  # the manifest
    assert len(names) > 4  # and the validated content files, in shards
    assert "サイトを更新しました (0 ファイルを書き込み)" in build_here(project, "--no-search").out
    assert cached == {p: p.stat().st_mtime_ns for p in (project / ".cache/build").glob("*.json")}


def test_a_one_file_edit_rewrites_one_shard_of_the_content_cache(project):
    for path in (project / "content").rglob("*"):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    assert build_here(project, "--no-search").code == 0
    shards = {p: p.stat().st_mtime_ns for p in (project / ".cache/build").glob("content-*.json")}
    edited = project / "content/programs/timber-sorting.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n追記\n", encoding="utf-8")
    assert "サイトを更新しました (2 ファイルを書き込み)" in build_here(project, "--no-search").out  # its page, programs.json
    rewritten = [p.name for p, time in shards.items() if p.stat().st_mtime_ns != time]
    assert rewritten == [f"content-{pipeline.content_shard('content/programs/timber-sorting.md'):02d}.json"]
    # and the next build takes the edited file's entry from that shard
    assert "サイトを更新しました (0 ファイルを書き込み)" in build_here(project, "--no-search").out


def test_a_program_added_at_the_end_of_a_long_list_updates_the_count_on_its_first_page(write_catalog):
    """The first page of a list shows how many programs the list has, though its cards stay the same."""
    root = write_catalog({f"content/programs/p-{n:02d}.md": program(title=f"募集 {n}", posted=f"2026-10-{n + 1:02d}")
                          for n in range(21)})
    shutil.copytree(TEMPLATES, root / "templates")
    assert build_here(root, "--no-search", "--today", TODAY).code == 0
    (root / "content/programs/p-older.md").write_text(program(title="古い募集", posted="2026-09-01"), encoding="utf-8")
    rebuilt = build_here(root, "--no-search", "--today", TODAY)
    assert "サイトを更新しました (" in rebuilt.out
    assert build(root, "--out", str(root.parent / "clean"), "--clean", "--no-search", "--today", TODAY).code == 0
    assert tree(root / "site") == tree(root.parent / "clean")
def test_a_renamed_file_and_two_swapped_names_rebuild_as_a_clean_build(project):
    """The keys cover ids and paths, not only bytes: the same bytes under another name are another page."""
    assert build_here(project).code == 0
    programs = project / "content" / "programs"
    (programs / "zoom-lesson.md").rename(programs / "zoom-lesson-renamed.md")
    assert_same_as_clean(project)
    assert (project / "site" / "programs" / "zoom-lesson-renamed" / "index.html").is_file()
    assert not (project / "site" / "programs" / "zoom-lesson").exists()
    (programs / "timber-sorting.md").rename(programs / "swap.tmp")
    (programs / "translation-online.md").rename(programs / "timber-sorting.md")
    (programs / "swap.tmp").rename(programs / "translation-online.md")
    assert_same_as_clean(project)
