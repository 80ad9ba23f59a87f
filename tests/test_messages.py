"""The message catalog: complete in both languages, and the one place that picks the language."""

from __future__ import annotations

import re

from conftest import REPO, SITE_YAML, build, program, tree

from catalog.messages import CLI, HELP, PROBLEMS, UI, WARNINGS, pick


def test_every_interface_key_used_by_a_template_exists_in_ja_and_en():
    used = set()
    for template in (REPO / "templates").glob("*.html"):
        text = template.read_text()
        used |= set(re.findall(r"'([a-z_-]+)'\|t\b", text)) | set(re.findall(r"\bt_raw\('([a-z_-]+)'", text))
    assert len(used) > 80  # the pattern still finds the keys the templates use
    missing = sorted(key for key in used if key not in UI and not key.endswith('_'))
    assert missing == []
    for key, (ja, en) in {**UI, **PROBLEMS, **CLI, **HELP, **WARNINGS}.items():
        assert ja.strip() and en.strip(), key
        assert set(re.findall(r"\{(\w+)\}", ja)) == set(re.findall(r"\{(\w+)\}", en)), key


def test_an_english_site_has_english_chrome_and_marks_japanese_content(write_catalog):
    root = write_catalog({"content/programs/japanese.md": program()}, site_yaml=SITE_YAML + "language: en\n")
    assert build(root, "--no-search").code == 0
    page = (root / "site" / "programs" / "japanese" / "index.html").read_text()
    assert '<html lang="en">' in page
    assert "Sign up" in page and "At a glance" in page
    assert '<h1 id="program-title" lang="ja">テストのプログラム</h1>' in page
    for path, data in tree(root / "site").items():
        if path.endswith(".html"):
            assert "申し込む" not in data.decode(), path


def test_one_function_picks_the_language():
    assert pick(("日本語", "English"), "ja") == "日本語" and pick(("日本語", "English"), "en") == "English"
    assert pick(("日本語", "English"), "fr") == "日本語"  # Japanese-first: anything but English is Japanese
    inline = re.compile(r"""["'][^"']*["']\s+if\s+[\w.]*language\s*[!=]=\s*["'](?:ja|en)["']\s+else""")
    found = [f"{path.relative_to(REPO)}:{number}" for path in sorted((REPO / "catalog").rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if inline.search(line)]
    assert found == []


def test_the_build_log_is_in_the_sites_language(write_catalog):
    root = write_catalog({"content/programs/one.md": program()})
    assert build(root, "--no-search").out.startswith("サイトを作りました: プログラム 1 件、団体 1 件、")
    (root / "content" / "site.yaml").write_text(SITE_YAML + "language: en\n", encoding="utf-8")
    assert build(root, "--no-search").out.startswith("built 1 programs, 1 owners, ")  # another language: every page
