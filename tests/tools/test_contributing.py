"""CONTRIBUTING's commands for people working on their own computer, run as written (Japanese and English),
in a copy of the sample catalog, after the README's set-up (its `.venv`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from test_new import Terminal


def _block_after(text: str, heading: str) -> list[str]:
    """The commands of the first ```sh block after `heading`, without their comments."""
    block = text.split(heading, 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [re.sub(r"\s+#.*$", "", line).strip() for line in block.splitlines() if line.strip()]


COMMANDS = {
    "ja": _block_after((REPO / "CONTRIBUTING.md").read_text(encoding="utf-8"), "## 手元のパソコンで作業する人へ"),
    "en": _block_after((REPO / "CONTRIBUTING.md").read_text(encoding="utf-8"), "**On your own computer**"),
}


def test_both_languages_give_the_same_commands():
    assert COMMANDS["ja"] == COMMANDS["en"] == [
        ". .venv/bin/activate", "python build.py new program ID", "python build.py check", "python build.py serve",
        "python build.py generate"]


@pytest.fixture
def project(tmp_path):
    """The repository's catalog, and the README's environment as `.venv` (this test's own interpreter's)."""
    if sys.prefix == sys.base_prefix:
        pytest.skip("not running in a virtual environment (the README's set-up makes .venv)")
    for folder in ("content", "templates", ".github"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(REPO / "build.py", tmp_path / "build.py")
    (tmp_path / ".venv").symlink_to(sys.prefix)
    return tmp_path


def _shell(project: Path, command: str) -> list[str]:
    """The command as a person types it, after activating the environment, with a PATH that has no other Python
    package of ours (the check that it is the environment that makes `python build.py` work)."""
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    return ["env", "-i", *[f"{key}={value}" for key, value in env.items()], "bash", "-c", f"{COMMANDS['ja'][0]} && {command}"]


def test_check_and_generate_work_as_written(project):
    for command in ("python build.py check", "python build.py generate"):
        assert command in COMMANDS["ja"]
        done = subprocess.run(_shell(project, command), cwd=project, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "ModuleNotFoundError" not in done.stderr
    assert "問題はありません" in subprocess.run(_shell(project, "python build.py check"), cwd=project, capture_output=True,
                                            text=True, timeout=120).stdout


def test_new_and_serve_work_as_written(project):
    term = Terminal(command=_shell(project, COMMANDS["ja"][1].replace("ID", "my-program")), cwd=project)
    for prompt, answer in [("タイトル", "手元で作ったプログラム"), ("団体", "1"), ("概要", "手元で作りました。"), ("種類", "1"),
                           ("分野", "1"), ("参加形式", "オンライン"), ("申し込みフォームの URL", "https://forms.example.org/x"),
                           ("最初の日程", ""), ("申し込みの締切", "")]:
        term.expect(prompt)
        term.expect(": ")
        term.type(answer)
    term.expect("書きました: content/programs/my-program.md")
    assert term.finish() == 0

    # As written, but on a free port: 8000 may be taken on a shared machine.
    serve = subprocess.Popen(_shell(project, COMMANDS["ja"][3] + " --port 0"), cwd=project, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    try:
        line = ""
        while "で表示しています" not in line:
            line = serve.stdout.readline()
            assert line, "serve stopped"
        assert re.search(r"http://127\.0\.0\.1:\d+/\S* で表示しています", line)
    finally:
        serve.terminate()
        serve.wait(timeout=10)
