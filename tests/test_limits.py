"""Limits: oversized, enormous, deeply nested and sneaky content gets a clear problem in bounded time."""

from __future__ import annotations

import itertools
import os
import time
import tracemalloc

import pytest
from conftest import PNG, build, check, program, tree

from catalog import build as driver
from catalog.writing import full, outputs, update


def _timed_check(root):
    """check() with its time, failing if it needed more than 64 MB of Python memory at any moment."""
    tracemalloc.start()
    started = time.perf_counter()
    result = check(root)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    return result, seconds


def test_a_file_over_the_size_limit_and_a_million_character_body(write_catalog):
    root = write_catalog({"content/programs/huge-body.md": program(body="あ" * 1_000_000)})
    result, seconds = _timed_check(root)
    assert result.problems == ["content/programs/huge-body.md:1: ファイルが大きすぎます (2929 KB、上限 256 KB)。説明を短くしてください"]
    assert seconds < 5


def test_ten_thousand_list_items(write_catalog):
    items = ", ".join(f"item{n}" for n in range(10_000))
    root = write_catalog({"content/programs/many-items.md": program(provided=f"[{items}]")})
    result, seconds = _timed_check(root)
    assert result.problems == ["content/programs/many-items.md:10: 入れ子が深すぎるか、項目が多すぎます"]
    assert seconds < 5


def test_deeply_nested_yaml_and_markdown(write_catalog):
    nested_yaml = "[" * 200 + "]" * 200
    deep_markdown = "\n".join("  " * depth + "- level" for depth in range(300))
    root = write_catalog({"content/programs/deep-yaml.md": program(provided=nested_yaml)})
    result, seconds = _timed_check(root)
    assert [p.split(": ", 1)[0] for p in result.problems] == ["content/programs/deep-yaml.md:10"]
    assert "入れ子が深すぎる" in result.problems[0]
    assert seconds < 5
    os.remove(root / "content" / "programs" / "deep-yaml.md")
    # Not under tracemalloc: the body's conversion has a CPU-time budget, which tracing would eat.
    (root / "content" / "programs" / "deep-markdown.md").write_text(program(body=deep_markdown), encoding="utf-8")
    started = time.perf_counter()
    assert build(root, "--no-search").code == 0
    assert time.perf_counter() - started < 20


def test_yaml_alias_bomb(write_catalog):
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 10)}]\n" for n in range(8)) + "---\n"
    root = write_catalog({"content/programs/alias-bomb.md": bomb})
    result, seconds = _timed_check(root)
    assert result.code == 1 and all("エイリアス" in p for p in result.problems)
    assert seconds < 5


def test_symlinks_are_not_followed_out_of_content(write_catalog, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(program(title="外の秘密"))
    (tmp_path / "secret.png").write_bytes(PNG)
    root = write_catalog({"content/programs/photo-user.md": program(image="linked.png", image_alt="写真")})
    (root / "content" / "programs" / "linked-secret.md").symlink_to(secret)
    (root / "content" / "programs" / "linked.png").symlink_to(tmp_path / "secret.png")
    result = check(root)
    assert result.problems == [
        "content/programs/linked-secret.md:1: シンボリックリンクは読み込みません。ファイルそのものを置いてください",
        "content/programs/linked.png:1: シンボリックリンクは読み込みません。ファイルそのものを置いてください",
        "content/programs/photo-user.md:10: 'image' の 'linked.png' はシンボリックリンクです。画像ファイルそのものを置いてください",
    ]


def test_a_linked_folder_is_not_followed_to_an_image_outside(write_catalog, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(PNG)
    root = write_catalog({"content/programs/photo-user.md": program(image=".d/secret.png", image_alt="写真")})
    (root / "content" / "programs" / ".d").symlink_to(outside, target_is_directory=True)
    result = build(root)
    assert result.code == 1 and not (root / "site").exists()
    assert result.problems == [
        "content/programs/.d:1: シンボリックリンクは読み込みません。ファイルそのものを置いてください",
        "content/programs/photo-user.md:10: 'image' の '.d/secret.png' はシンボリックリンクです。画像ファイルそのものを置いてください",
    ]


def test_a_linked_template_or_asset_is_refused(write_catalog, tmp_path):
    import shutil

    from conftest import TEMPLATES, TODAY, run_cli

    (tmp_path / "secret.css").write_text("secret")
    root = write_catalog({"content/programs/a-b-c.md": program()})
    shutil.copytree(TEMPLATES, root / "templates")
    (root / "templates" / "assets" / "x.css").symlink_to(tmp_path / "secret.css")
    result = run_cli("build", "--root", str(root), "--today", TODAY)
    assert result.code == 1 and not (root / "site").exists()
    assert "templates/assets/x.css:1: シンボリックリンクは読み込みません。ファイルそのものを置いてください" in result.err


def test_reading_never_follows_a_link_in_any_component(tmp_path):
    from catalog import safe_files

    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.png").write_bytes(PNG)
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "d").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "base" / "f.png").symlink_to(tmp_path / "real" / "a.png")
    assert safe_files.read_no_follow(tmp_path / "real" / "a.png") == PNG
    for path in (tmp_path / "base" / "d" / "a.png", tmp_path / "base" / "f.png"):
        with pytest.raises(OSError):
            safe_files.read_no_follow(path, tmp_path / "base")


@pytest.mark.parametrize("name, message", [
    ("..md", "ファイル名 '.' は使えません"),
    ("a..b.md", "ファイル名 'a..b' は使えません"),
    ("con.md", "ファイル名 'con' は Windows で使えない名前です"),
    ("lpt1.md", "ファイル名 'lpt1' は Windows で使えない名前です"),
    ("Program.MD", "拡張子は小文字の .md にしてください"),
])
def test_odd_and_reserved_file_names(write_catalog, name, message):
    root = write_catalog({f"content/programs/{name}": program()})
    result = check(root)
    if name == "..md":  # a dot file: not content at all, so nothing to report and nothing read
        assert result.code == 0
        return
    assert result.code == 1 and message in result.problems[0]


def test_disk_full_while_writing_leaves_the_previous_site(write_catalog, monkeypatch):
    root = write_catalog({"content/programs/good-one.md": program()})
    assert build(root, "--no-search").code == 0
    before = tree(root / "site")
    real_store = outputs.store
    stored = itertools.count()

    def fill_disk(destination, content):
        if next(stored) == 3:
            raise OSError(28, "No space left on device")
        real_store(destination, content)

    monkeypatch.setattr(full, "store", fill_disk)
    monkeypatch.setattr(update, "store", fill_disk)
    result = build(root, "--no-search", "--clean")  # a full build beside the site
    assert result.code == 1 and "No space left on device" in result.err
    assert tree(root / "site") == before
    assert sorted(p.name for p in root.iterdir()) == [".cache", "content", "site"]

    # An update in place: every new file is written before any is renamed over an old one.
    assert build(root, "--no-search").code == 0
    (root / "content/programs/good-one.md").write_text(program(title="題名を変えました"), encoding="utf-8")
    stored = itertools.count()
    result = build(root, "--no-search")
    assert result.code == 1 and "No space left on device" in result.err
    assert tree(root / "site") == before
    assert not list((root / "site").rglob(".*"))


def test_an_interrupted_build_leaves_no_half_site(write_catalog, monkeypatch):
    root = write_catalog({"content/programs/good-one.md": program()})
    assert build(root, "--no-search").code == 0
    before = tree(root / "site")

    def interrupted(pages, folder, **options):
        folder.mkdir()
        (folder / "index.html").write_bytes(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(driver, "write_full", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(root, "--no-search", "--clean")
    assert tree(root / "site") == before
    assert sorted(p.name for p in root.iterdir()) == [".cache", "content", "site"]
