"""One test per attack of issue #14: each failed on the code before the fix and passes after.

The payloads themselves live in tests/hostile/payloads.yaml (sections `refused_text`, `svg`,
`signup_urls`, `csv`), so that the hidden-style checks and these tests share them."""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from conftest import OWNER, PNG, REPO, TEMPLATES, TODAY, build, check, program, run_cli

HOSTILE = yaml.safe_load((REPO / "tests" / "hostile" / "payloads.yaml").read_text(encoding="utf-8"))


def _owner_with_logo(name: str) -> str:
    return OWNER.replace("maintainers:", f"logo: {name}\nlogo_alt: ロゴ\nmaintainers:")


# ------------------------------------------------------------------ SVG logos and pictures


@pytest.mark.parametrize("number", range(len(HOSTILE["svg"])))
def test_an_active_svg_logo_is_refused_naming_the_element(write_catalog, number):
    payload = HOSTILE["svg"][number]
    root = write_catalog({"content/programs/a-b-c.md": program()})
    (root / "content" / "owners" / "test-owner.md").write_text(_owner_with_logo("logo.svg"), encoding="utf-8")
    (root / "content" / "owners" / "logo.svg").write_text(payload["svg"], encoding="utf-8")
    result = build(root)
    assert result.code == 1 and not (root / "site").exists()
    assert result.problems == [
        f"content/owners/test-owner.md:5: 'logo' の SVG 'logo.svg' の {payload['line']} 行目の {payload['element']} は使えません。"
        "SVG は図形だけにしてください (スクリプト、イベント、リンク、外部への参照、foreignObject、CSS の url() は不可)"]


def test_a_static_svg_logo_with_local_references_is_published(write_catalog):
    drawing = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 4 4">'
               '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
               '<path id="p" d="M0 0h4v4z"/></defs><use xlink:href="#p" fill="url(#g)"/>'
               '<style>path { fill: url("#g"); }</style></svg>')
    root = write_catalog({"content/programs/a-b-c.md": program()})
    (root / "content" / "owners" / "test-owner.md").write_text(_owner_with_logo("logo.svg"), encoding="utf-8")
    (root / "content" / "owners" / "logo.svg").write_text(drawing, encoding="utf-8")
    assert build(root).code == 0
    assert (root / "site" / "owners" / "test-owner" / "logo.svg").read_text(encoding="utf-8") == drawing


def test_a_picture_is_decoded_not_sniffed(write_catalog):
    root = write_catalog({"content/programs/a-b-c.md": program(image="photo.png", image_alt="写真"),
                          "content/programs/photo.png": b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script>"})
    result = build(root)
    assert result.problems == [
        "content/programs/a-b-c.md:10: 'image' の 'photo.png' は名前の形式の画像として読めません (壊れているか、別の形式です)"]
    (root / "content" / "programs" / "photo.png").write_bytes(PNG)
    assert build(root).code == 0


# ------------------------------------------------------------------ text values


@pytest.mark.parametrize("number", range(len(HOSTILE["refused_text"])))
def test_hidden_characters_in_decoded_values_are_refused(write_catalog, number):
    payload = HOSTILE["refused_text"][number]
    root = write_catalog({"content/programs/a-b-c.md": program(title=payload["yaml"])})
    result = build(root)
    assert result.code == 1 and not (root / "site").exists()
    assert result.problems == [f"content/programs/a-b-c.md:2: {payload['message']}"]


def test_a_yaml_escaped_nul_reaches_no_file_and_forges_no_card_link(write_catalog):
    # The card cache marks links with NUL placeholders: content that could write one could point a card anywhere.
    root = write_catalog({"content/programs/a-b-c.md": program(summary='"\\0root\\0/../../evil"')})
    result = build(root)
    assert result.code == 1 and result.problems == [
        "content/programs/a-b-c.md:4: 目に見えない制御文字 (U+0000) が含まれています。この行を書き直すか、その文字を削除してください"]


# ------------------------------------------------------------------ CSV


def test_csv_cells_that_would_be_formulas_are_neutralised_and_json_keeps_the_value(write_catalog):
    formulas = HOSTILE["csv"]
    files = {f"content/programs/formula-{n:02d}.md": program(title=json.dumps(f"タイトル{n}"), cost=json.dumps(value),
                                                              commitment=json.dumps(value))
             for n, value in enumerate(formulas)}
    root = write_catalog(files)
    assert build(root).code == 0, build(root).err
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO((root / "site" / "programs.csv").read_text(encoding="utf-8-sig")))}
    records = {p["id"]: p for p in json.loads((root / "site" / "programs.json").read_text())["programs"]}
    for n, value in enumerate(formulas):
        expected = " ".join(value.split())  # one-line fields: the value as validated
        assert records[f"formula-{n:02d}"]["cost"] == expected
        assert rows[f"formula-{n:02d}"]["cost"] == ("'" + expected if expected[:1] in "=+-@\t\r" else expected)
        assert rows[f"formula-{n:02d}"]["cost"][:1] not in "=+-@\t\r"
    assert rows["formula-00"]["title"] == "タイトル0"  # everything else unchanged


# ------------------------------------------------------------------ sign-up URLs


@pytest.mark.parametrize("url, problem", [(entry["url"], entry["problem"]) for entry in HOSTILE["signup_urls"]])
def test_sign_up_urls_to_private_or_look_alike_hosts_are_refused(write_catalog, url, problem):
    root = write_catalog({"content/programs/a-b-c.md": program(signup_url=url)})
    result = check(root)
    messages = {
        "internal": f"'signup_url' の '{url}' は公開されていないアドレス (IP アドレス、localhost、社内用の名前) です。だれでも開ける https の URL を書いてください",
        "mixed": f"'signup_url' の '{url}' のドメイン名は、複数の文字体系 (ラテン文字とキリル文字など) が混ざっていて、よく似た別のサイトの可能性があります",
    }
    assert result.code == 1 and result.problems == [f"content/programs/a-b-c.md:8: {messages[problem]}"]


def test_an_idn_sign_up_host_is_shown_in_unicode(write_catalog):
    root = write_catalog({"content/programs/a-b-c.md": program(signup_url="https://xn--r8jz45g.jp/form")})
    assert build(root).code == 0
    flyer = (root / "site" / "programs" / "a-b-c" / "flyer" / "index.html").read_text(encoding="utf-8")
    assert "https://例え.jp/form" in flyer and 'href="https://xn--r8jz45g.jp/form"' in \
        (root / "site" / "programs" / "a-b-c" / "index.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ serve


def test_serve_answers_only_requests_addressed_to_localhost(tmp_path):
    from catalog.tools.serve import serve

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><head></head><body>ok</body></html>")
    said: list[str] = []
    ready, stop = threading.Event(), threading.Event()

    def say(line: str) -> None:
        said.append(line)
        if "http://127.0.0.1:" in line:  # serve may first say why it polls instead of watching
            ready.set()

    thread = threading.Thread(target=serve, args=(tmp_path, site, 0, lambda: (True, ()), say, stop), daemon=True)
    thread.start()
    try:
        assert ready.wait(10)
        port = int(next(line for line in said if "http://127.0.0.1:" in line).split(":")[2].split("/")[0])
        statuses = {}
        for host in ("127.0.0.1", f"127.0.0.1:{port}", f"localhost:{port}", "evil.example", f"evil.example:{port}",
                     "127.0.0.1.nip.io", "localhost.evil.example"):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.putrequest("GET", "/", skip_host=True)
            connection.putheader("Host", host)
            connection.endheaders()
            statuses[host] = connection.getresponse().status
            connection.close()
        assert statuses == {"127.0.0.1": 200, f"127.0.0.1:{port}": 200, f"localhost:{port}": 200, "evil.example": 421,
                            f"evil.example:{port}": 421, "127.0.0.1.nip.io": 421, "localhost.evil.example": 421}
    finally:
        stop.set()
        thread.join(10)


# ------------------------------------------------------------------ the build cache


class _Marker:
    """Unpickling this runs a command that leaves a file: proof that code ran."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):
        return (os.system, (f"touch {self.path}",))


def test_a_committed_cache_file_runs_nothing_and_is_ignored_with_a_warning(write_catalog, tmp_path):
    marker = tmp_path / "code-ran"
    origin = write_catalog({"content/programs/a-b-c.md": program()})
    shutil.copytree(TEMPLATES, origin / "templates")
    cache_folder = origin / ".cache" / "build"
    cache_folder.mkdir(parents=True)
    for name in ("templates.pickle", "content-00.pickle", "site-0000000000000000.pickle"):
        (cache_folder / name).write_bytes(pickle.dumps(_Marker(marker)))
    # A JSON cache claiming a different title for the program, as if validated already: not to be trusted.
    (cache_folder / "content-00.json").write_text('{"version": "x", "value": {}}')
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", str(origin)], check=True)
    subprocess.run([*git, "-C", str(origin), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(origin), "add", "-f", ".cache/build"], check=True)
    subprocess.run([*git, "-C", str(origin), "commit", "-qm", "x"], check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    result = run_cli("build", "--root", str(clone), "--today", TODAY)
    assert result.code == 0, result.err
    assert not marker.exists()
    assert ("警告: ビルドのキャッシュ (.cache/build/) のファイルが git で管理されています (content-00.json, content-00.pickle, "
            "site-0000000000000000.pickle, templates.pickle)") in result.err
    assert result.out.startswith("サイトを作りました")
    # The same files loaded by a process of their own, the way the old code did: they would run.
    subprocess.run([sys.executable, "-c", f"import pickle; pickle.load(open({str(clone / '.cache/build/templates.pickle')!r}, 'rb'))"],
                   check=True)
    assert marker.exists()


def test_the_cache_reads_back_only_known_plain_types(tmp_path):
    from catalog import cache
    from catalog.cache import CONTENT_CLASSES

    path = tmp_path / "c.json"
    path.write_text(json.dumps({"version": cache.code_version(), "value": {"~": "Popen", "f": [["touch", "x"]]}}))
    assert cache.load(path, CONTENT_CLASSES) is None
    path.write_text(json.dumps({"version": cache.code_version(), "value": {"~": "Problem", "f": ["a", 1, "m", "extra"]}}))
    assert cache.load(path, CONTENT_CLASSES) is None
    from catalog.problems import Problem

    cache.save(path, {"a": (Problem("p", 1, "m"),)})
    assert cache.load(path, CONTENT_CLASSES) == {"a": (Problem("p", 1, "m"),)}


# ------------------------------------------------------------------ interrupted and concurrent builds


def test_a_build_removes_what_interrupted_builds_left(write_catalog):
    root = write_catalog({"content/programs/a-b-c.md": program()})
    assert build(root).code == 0
    left = [root / ".site.new-99999" / "programs" / "x" / "index.html", root / ".site.index-99999" / "pagefind" / "x.pf_index",
            root / ".site.tmp-99999" / "7", root / "site" / ".pagefind.old-99999" / "x", root / ".site.old-99999" / "index.html"]
    for path in left:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * 100)
    shard = root / ".cache" / "build" / ".content-03.json.99999"
    shard.write_bytes(b"")  # a cache file cut short by a full disk
    assert build(root).code == 0
    assert sorted(p.name for p in root.iterdir()) == [".cache", "content", "site"]
    assert not (root / "site" / ".pagefind.old-99999").exists() and not shard.exists()


def test_a_second_build_in_the_same_folder_waits_for_the_first(write_catalog):
    import fcntl
    import time

    from catalog import leftovers

    root = write_catalog({"content/programs/a-b-c.md": program()})
    lock = leftovers.lock_path((root / "site").resolve())
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
        second = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root", str(root), "--templates", str(TEMPLATES),
                                   "--today", TODAY, "--no-search"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert second.poll() is None and not (root / "site").exists()
    _out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert "同じフォルダーに別のビルドが書き込み中です。終わるのを待っています" in err
    assert (root / "site" / "index.html").is_file()
