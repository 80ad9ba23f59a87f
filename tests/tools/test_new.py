"""`new program` / `new owner`: correct skeletons that pass check, never overwriting, asking when interactive."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time

from conftest import REPO, check, run_cli

PROGRAM_OPTIONS = ["--title", "新しい募集: 古材の仕分け", "--owner", "test-owner", "--summary", "古材を仕分けます。",
                   "--type", "volunteer", "--categories", "recovery, digital", "--format", "onsite",
                   "--prefecture", "石川県", "--signup-url", "https://forms.example.org/new"]


def test_new_program_from_options_passes_check(write_catalog):
    root = write_catalog()
    result = run_cli("new", "program", "kozai-new", "--root", str(root), "--today", "2026-11-21", *PROGRAM_OPTIONS)
    assert result.code == 0, result.err
    text = (root / "content" / "programs" / "kozai-new.md").read_text()
    assert 'title: "新しい募集: 古材の仕分け"' in text and "posted: 2026-11-21" in text and "# deadline: 2026-12-01" in text
    assert check(root).code == 0


def test_new_owner_passes_check_and_refuses_to_overwrite(write_catalog):
    root = write_catalog()
    options = ["--root", str(root), "--name", "能登の団体", "--kind", "npo", "--prefecture", "石川県", "--maintainers", "a-b, c-d"]
    assert run_cli("new", "owner", "noto-group", *options).code == 0
    assert "maintainers: [a-b, c-d]" in (root / "content" / "owners" / "noto-group.md").read_text()
    assert check(root).code == 0
    again = run_cli("new", "owner", "noto-group", *options)
    assert again.code == 1 and "上書きはしません" in again.err


def test_new_reports_wrong_values_and_writes_nothing(write_catalog):
    root = write_catalog()
    options = [o if o != "石川県" else "石川" for o in PROGRAM_OPTIONS]
    options[options.index("test-owner")] = "nobody"
    result = run_cli("new", "program", "wrong-one", "--root", str(root), *options)
    assert result.code == 1
    assert "'location.prefecture' の '石川' は都道府県名ではありません" in result.err
    assert "owner 'nobody' は content/owners/ にありません" in result.err
    assert not (root / "content" / "programs" / "wrong-one.md").exists()
    assert run_cli("new", "program", "Bad_Id", "--root", str(root), *PROGRAM_OPTIONS).code == 2


def test_new_without_a_terminal_names_the_missing_option(write_catalog):
    root = write_catalog()
    result = run_cli("new", "program", "half-done", "--root", str(root), "--title", "途中")
    assert result.code == 2 and "--owner が必要です" in result.err


def test_new_asks_for_missing_values_in_a_terminal(write_catalog):
    root = write_catalog()
    answers = ["テストの募集", "test-owner", "概要です。", "volunteer", "recovery", "online", "", "https://forms.example.org/t"]
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "new", "program", "asked-one", "--root", str(root)],
                               stdin=follower, stdout=follower, stderr=follower, cwd=REPO)
    os.close(follower)
    output = b""
    for answer in answers:
        deadline = time.time() + 20
        while not output.rstrip().endswith(b":") and time.time() < deadline:
            output += os.read(leader, 4096)
        os.write(leader, answer.encode() + b"\n")
        output = b""
    assert process.wait(timeout=30) == 0
    os.close(leader)
    assert check(root).code == 0
    assert 'title: "テストの募集"' in (root / "content" / "programs" / "asked-one.md").read_text()
