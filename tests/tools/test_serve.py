"""`serve`: start it, change a file, see the rebuilt page over HTTP, break a file, keep the last good site, stop it."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import REPO, TEMPLATES, program


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _wait_for(predicate, seconds: float = 20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_serve_rebuilds_on_change_and_keeps_the_last_good_site(write_catalog):
    root = write_catalog({"content/programs/live-one.md": program(title="最初のタイトル")})
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--templates", str(TEMPLATES),
         "--port", "0", "--today", "2026-11-21", "--no-search"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO)
    try:
        lines = []
        address = None
        while address is None:
            line = process.stdout.readline()
            assert line, "".join(lines)
            lines.append(line)
            match = re.search(r"serving (http://127\.0\.0\.1:\d+/)", line)
            address = match and match.group(1)
        status, page = _get(address + "programs/live-one/")
        assert status == 200 and "最初のタイトル" in page
        assert '<script src="/__serve__/reload.js"></script>' in page  # added by the server only
        assert "__serve__" not in (root / "site" / "programs" / "live-one" / "index.html").read_text()

        (root / "content" / "programs" / "live-one.md").write_text(program(title="新しいタイトル"), encoding="utf-8")
        _wait_for(lambda: "新しいタイトル" in _get(address + "programs/live-one/")[1])

        (root / "content" / "programs" / "live-one.md").write_text(program(title="壊れた", type="nope"), encoding="utf-8")
        time.sleep(2)
        assert "新しいタイトル" in _get(address + "programs/live-one/")[1]
        assert _get(address + "no-such-page/")[0] == 404
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert "'type' に 'nope' は使えません" in output


def test_the_watchers_snapshot_sees_edits_additions_and_deletions_and_survives_a_link_loop(tmp_path):
    import os

    from catalog.tools.serve import snapshot

    programs = tmp_path / "content" / "programs"
    (programs / "images").mkdir(parents=True)
    (programs / "a.md").write_text("a", encoding="utf-8")
    (programs / "images" / "a.png").write_bytes(b"png")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>", encoding="utf-8")
    os.symlink(programs, programs / "loop")  # must not be walked forever
    first = snapshot(tmp_path)
    assert sorted(os.path.relpath(path, tmp_path) for path in first) == [
        "content/programs/a.md", "content/programs/images/a.png", "templates/page.html"]
    (programs / "a.md").write_text("a longer text", encoding="utf-8")
    assert snapshot(tmp_path) != first
    (programs / "a.md").write_text("a", encoding="utf-8")
    os.utime(programs / "a.md", ns=(1, 1))
    second = snapshot(tmp_path)
    assert second != first and len(second) == 3  # same size, other time
    (programs / "b.md").write_text("b", encoding="utf-8")
    (programs / "images" / "a.png").unlink()
    assert {os.path.basename(path) for path in snapshot(tmp_path)} == {"a.md", "b.md", "page.html"}
    assert snapshot(tmp_path / "missing") == {}
