"""Every command's --help and argparse's usage errors in the site's language."""

from __future__ import annotations

import pytest
from conftest import SITE_YAML, run_cli


@pytest.mark.parametrize("command", ["build", "check", "generate", "serve", "links", "signup-links", "intake", "new"])
def test_help_in_japanese_and_english(write_catalog, command):
    ja = write_catalog()
    japanese = run_cli(command, "--help", "--root", str(ja))
    assert japanese.code == 0 and japanese.out.startswith("使い方: build.py")
    assert "オプション:" in japanese.out and "この説明を表示して終わります" in japanese.out
    assert "usage" not in japanese.out and "show this help" not in japanese.out
    (ja / "content" / "site.yaml").write_text(SITE_YAML + "language: en\n", encoding="utf-8")
    english = run_cli(command, "--root", str(ja), "--help")
    assert english.code == 0 and english.out.startswith("usage: build.py") and "options:" in english.out


def test_usage_errors_in_the_sites_language(write_catalog):
    root = write_catalog()
    wrong = run_cli("new", "progam", "x", "--root", str(root))
    assert wrong.code == 2
    assert wrong.err.splitlines()[-1] == "build.py new: 使い方の誤りです: program|owner に 'progam' は使えません (使えるのは 'program', 'owner')"
    date = run_cli("check", "--root", str(root), "--today", "12月5日")
    assert date.err.splitlines()[-1] == "build.py check: 使い方の誤りです: --today: 日付ではありません: 12月5日 (YYYY-MM-DD の形で)"
    missing = run_cli("new", "--root", str(root))
    assert missing.err.splitlines()[-1] == "build.py new: 使い方の誤りです: 次の引数が必要です: program|owner, id"
