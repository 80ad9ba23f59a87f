"""`serve`: start it, change a file, see the rebuilt page over HTTP, break a file, keep the last good site, stop it."""

from __future__ import annotations

import json
import queue
import re
import subprocess
import sys
import threading
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


class Served:
    """`build.py serve` in a process: its address, and its output read in a thread (a test never hangs on it)."""

    def __init__(self, root, *extra: str):
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--templates", str(TEMPLATES),
             "--port", "0", "--today", "2026-11-21", "--no-search", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO)
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.process.stdout], daemon=True).start()
        match = self.wait_for_line(r"(http://\S+) で表示しています")
        self.address = match.group(1)
        self.origin = self.address.split("/", 3)[:3]

    def wait_for_line(self, pattern: str, seconds: float = 30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            self.output.append(line)
            match = re.search(pattern, line)
            if match:
                return match
        raise AssertionError(f"{pattern!r} never printed:\n" + "".join(self.output))

    def stop(self) -> str:
        self.process.terminate()
        self.process.wait(timeout=10)
        while not self.lines.empty():
            self.output.append(self.lines.get())
        return "".join(self.output)


def _events(url: str) -> queue.Queue:
    """The server's event stream, as (event, data) pairs."""
    found: queue.Queue = queue.Queue()

    def read():
        event = None
        with urllib.request.urlopen(url, timeout=60) as stream:
            for raw in stream:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event:
                    found.put((event, line[6:]))
                    event = None

    threading.Thread(target=read, daemon=True).start()
    return found


def test_serve_rebuilds_on_change_shows_a_failed_build_in_the_page_and_keeps_the_last_good_site(write_catalog):
    root = write_catalog({"content/programs/live-one.md": program(title="最初のタイトル")})
    served = Served(root)
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/catalog/", served.address)  # under base_url's path
        status, page = _get(served.address + "programs/live-one/")
        assert status == 200 and "最初のタイトル" in page
        assert '<script src="/__serve__/reload.js"></script>' in page  # added by the server only
        assert "__serve__" not in (root / "site" / "programs" / "live-one" / "index.html").read_text()
        origin = served.address[:served.address.index("/catalog/")]
        events = _events(origin + "/__serve__/events")
        time.sleep(0.5)

        (root / "content" / "programs" / "live-one.md").write_text(program(title="新しいタイトル"), encoding="utf-8")
        assert events.get(timeout=20) == ("reload", "1")
        assert "新しいタイトル" in _get(served.address + "programs/live-one/")[1]

        (root / "content" / "programs" / "live-one.md").write_text(program(title="壊れた", type="nope"), encoding="utf-8")
        event, data = events.get(timeout=20)
        assert event == "problems" and json.loads(data) == [
            "content/programs/live-one.md:5: 'type' に 'nope' は使えません。使えるのは volunteer, probono です", "1 件の問題があります。サイトは更新していません"]
        assert "新しいタイトル" in _get(served.address + "programs/live-one/")[1]  # the last good site
        late = _events(origin + "/__serve__/events")  # a page opened now sees the problems at once
        assert late.get(timeout=10)[0] == "problems"

        (root / "content" / "programs" / "live-one.md").write_text(program(title="直したタイトル"), encoding="utf-8")
        assert events.get(timeout=20) == ("reload", "1")
        assert "直したタイトル" in _get(served.address + "programs/live-one/")[1]
    finally:
        output = served.stop()
    assert "'type' に 'nope' は使えません" in output
    for english in ("serving", "updated (", "built ", "pages written"):  # one language: the site's
        assert english not in output, output


def test_serve_shows_the_404_page_for_unknown_paths_with_links_that_work(write_catalog):
    root = write_catalog({"content/programs/live-one.md": program()})
    served = Served(root)
    try:
        origin = served.address[:served.address.index("/catalog/")]
        with urllib.request.urlopen(origin + "/", timeout=5) as response:  # the root leads to the site's path
            assert response.url == served.address
        status, page = _get(served.address + "no/such/page/")
        assert status == 404 and "ページが見つかりません" in page and "/__serve__/reload.js" in page
        home = re.search(r'<a href="([^"]+)">ホームへ戻る</a>', page).group(1)
        assert home == "/catalog/" and _get(origin + home)[0] == 200
        stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
        assert stylesheets and all(_get(origin + href)[0] == 200 for href in stylesheets)
        assert _get(origin + "/elsewhere/")[0] == 404
    finally:
        served.stop()


def test_serve_on_another_address_warns_that_other_devices_can_open_it(write_catalog):
    root = write_catalog({"content/programs/live-one.md": program()})
    served = Served(root, "--bind", "0.0.0.0")
    try:
        assert served.address.startswith("http://0.0.0.0:")
        port = served.address.split(":")[2].split("/")[0]
        assert _get(f"http://127.0.0.1:{port}/catalog/")[0] == 200
    finally:
        output = served.stop()
    assert "注意: 0.0.0.0 で待ち受けます。同じネットワークのほかの機器からも、このプレビューを開けます" in output


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


def test_serve_started_on_a_broken_catalog_shows_the_problems_and_the_first_good_build(write_catalog):
    root = write_catalog({"content/programs/live-one.md": program(type="nope")})
    served = Served(root)
    try:
        status, page = _get(served.address)
        assert status == 404 and "/__serve__/reload.js" in page  # no site yet: a page that can show the problems
        origin = served.address[:served.address.index("/catalog/")]
        events = _events(origin + "/__serve__/events")
        event, data = events.get(timeout=10)
        assert event == "problems" and "content/programs/live-one.md:5: 'type' に 'nope' は使えません" in data
        (root / "content" / "programs" / "live-one.md").write_text(program(), encoding="utf-8")
        assert events.get(timeout=20) == ("reload", "1")
        assert _get(served.address)[0] == 200
    finally:
        served.stop()


def test_hosts_answered_on_this_computer_only_or_by_address_when_bound_elsewhere():
    from catalog.tools.serve import host_allowed

    for host in ("127.0.0.1:8000", "localhost", "[::1]:8000"):
        assert host_allowed(host) and host_allowed(host, "0.0.0.0")
    for host in ("192.168.1.5:8000", "evil.example", "127.0.0.1.nip.io", "localhost.evil.example", "127.0.0.1:x"):
        assert not host_allowed(host)
    assert host_allowed("192.168.1.5:8000", "0.0.0.0") and host_allowed("[fe80::1]:8000", "::")
    for host in ("evil.example:8000", "127.0.0.1.nip.io", "192.168.1.5:x"):
        assert not host_allowed(host, "0.0.0.0")
