"""Hostile content: every payload in every text field, built, scanned file by file, and loaded in Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import urllib.parse
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml

from conftest import PNG, REPO, SITE_YAML, build

ALL_PAYLOADS: list[str] = yaml.safe_load((REPO / "tests" / "hostile" / "payloads.yaml").read_text())["text"]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Payloads with control characters never get in: the load stage reports them (test below), and a
# carriage return written as a YAML escape too (tests/test_attacks.py).
PAYLOADS = [p for p in ALL_PAYLOADS if not CONTROL.search(p) and "\r" not in p]
OWN_SCRIPTS = ("assets/search.js",)


def _q(text: str, limit: int) -> str:
    return json.dumps(text[:limit], ensure_ascii=False)  # a quoted YAML scalar


def write_hostile_catalog(root: Path) -> None:
    site = SITE_YAML.replace("title: テストカタログ", f"title: {_q(PAYLOADS[37], 120)}").replace(
        "description: テスト用のカタログです。", f"description: {_q(PAYLOADS[0], 300)}")
    (root / "content" / "programs").mkdir(parents=True)
    (root / "content" / "owners").mkdir(parents=True)
    (root / "content" / "site.yaml").write_text(site)
    picture = PNG
    (root / "content" / "programs" / "picture.png").write_bytes(picture)
    (root / "content" / "owners" / "logo.png").write_bytes(picture)
    for number, payload in enumerate(PAYLOADS):
        (root / "content" / "owners" / f"owner-{number:02d}.md").write_text(
            f"---\nname: {_q(payload, 120)}\nkind: npo\nprefecture: 石川県\nmunicipality: {_q(payload, 60)}\n"
            f"logo: logo.png\nlogo_alt: {_q(payload, 200)}\nmaintainers: [someone]\n---\n{payload}\n")
        (root / "content" / "programs" / f"xss-{number:02d}.md").write_text(
            f"---\ntitle: {_q(payload, 80)}\nowner: owner-{number:02d}\nsummary: {_q(payload, 140)}\n"
            f"type: volunteer\ncategories: [recovery]\nformat: hybrid\n"
            f"location:\n  prefecture: 石川県\n  municipality: {_q(payload, 60)}\n  venue: {_q(payload, 120)}\n  address: {_q(payload, 200)}\n"
            f"dates:\n  - start: 2026-12-05T10:00\n    end: 2026-12-05T12:00\ndeadline: 2026-12-01\n"
            f"signup_url: https://forms.example.org/apply?x={{id}}\nsignup_label: {_q(payload, 30)}\n"
            f"commitment: {_q(payload, 200)}\ncost: {_q(payload, 200)}\nprovided: [{_q(payload, 60)}]\n"
            f"audience: {_q(payload, 300)}\naccessibility: {_q(payload, 500)}\naccess: {_q(payload, 500)}\n"
            f"image: picture.png\nimage_alt: {_q(payload, 200)}\n"
            f"posted: 2026-11-01\n---\n{payload}\n\n[リンク]({payload})\n\n![画像]({payload})\n\n- {payload}\n\n| a |\n|---|\n| {payload} |\n")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    write_hostile_catalog(root)
    result = build(root)
    assert result.code == 0, result.err
    return root / "site"


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_json = False
        self.json_blocks: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                self.found.append(f"<{tag} {name}>")
            url_valued = name in ("href", "src", "action", "xlink:href", "data", "poster") or (
                name == "content" and values.get("property") in ("og:url", "og:image"))
            if url_valued and value:
                cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
                if re.match(r"^(javascript|data|vbscript):", cleaned) or "evil.example" in cleaned:
                    self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "base", "frame", "style", "svg", "math", "details"):
            if not (tag == "svg" and values.get("class") == "qr") and not (tag == "details" and values.get("id") == "filters"):
                self.found.append(f"<{tag}>")
        if tag == "script":
            if values.get("type") == "application/ld+json":
                self.in_json = True
            elif not (values.get("src", "").endswith(OWN_SCRIPTS) and values.get("type") == "module"):
                self.found.append(f"<script {values}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.found.append("<meta refresh>")
        if tag == "form" and values.get("action") not in ("./", "../search/", "search/", "../../search/") and not (
                values.get("action", "").endswith("/search/")):
            self.found.append(f"<form action={values.get('action')!r}>")
        if tag == "link" and "evil.example" in values.get("href", ""):
            self.found.append("<link evil>")

    def handle_data(self, data):
        if self.in_json:
            self.json_blocks.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_json = False


def test_no_payload_reaches_any_output_file_as_markup(hostile_site):
    scanned = 0
    for path in sorted(hostile_site.rglob("*")):
        if not path.is_file() or "pagefind" in path.parts:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        relative = path.relative_to(hostile_site).as_posix()
        if path.suffix == ".html":
            elements = _Elements()
            elements.feed(text)
            assert elements.found == [], relative
            for block in elements.json_blocks:
                json.loads(block)  # JSON-LD stayed JSON, nothing closed the script early
                assert "</" not in block and "<script" not in block.lower()
            head = text.split("</head>")[0]
            assert head.count("<title>") == 1 and head.count("</title>") == 1, relative
            scanned += 1
        elif path.suffix == ".xml":
            ElementTree.fromstring(path.read_bytes())  # well-formed: nothing broke out of a text node
        elif path.suffix == ".ics":
            calendar = icalendar.Calendar.from_ical(path.read_bytes())
            summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
            assert "injected" not in summaries, relative  # an iCalendar payload made no event of its own
        elif path.suffix == ".json":
            json.loads(text)
    assert scanned > 100
    feed = feedparser.parse((hostile_site / "feed.xml").read_bytes())
    assert not feed.bozo and {e.title for e in feed.entries} >= {PAYLOADS[0], PAYLOADS[35]}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served_hostile(hostile_site):
    (hostile_site / "control.html").write_text("<!doctype html><title>control</title><img src=x onerror=xss(99)>")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(hostile_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    (hostile_site / "control.html").unlink()


class _Visitor:
    """One page with a hook that records any payload that runs, any dialog, and any request off this machine."""

    def __init__(self, chromium):
        self.context = chromium.new_context()
        self.context.add_init_script("window.__ran = []; window.xss = (n) => window.__ran.push(n);")
        self.page = self.context.new_page()
        self.dialogs, self.outside = [], []
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("request", lambda request: urllib.parse.urlsplit(request.url).hostname not in ("127.0.0.1", None)
                     and self.outside.append(request.url))

    def visit(self, url: str) -> tuple[list, list, list]:
        self.dialogs.clear()
        self.outside.clear()
        self.page.goto(url)  # waits for "load": every inline handler of the page has had its chance
        if "/search/" in url:  # results are rendered after Pagefind answers
            self.page.locator("#results .result").first.wait_for()
        return self.page.evaluate("window.__ran"), list(self.dialogs), list(self.outside)


def test_the_hook_would_notice_a_payload_that_runs(chromium, served_hostile):
    visitor = _Visitor(chromium)
    ran, _, _ = visitor.visit(served_hostile + "control.html")
    visitor.context.close()
    assert ran == [99]


def test_no_payload_runs_or_fetches_in_the_browser(chromium, served_hostile):
    pages = ["", "all/", "owners/", "owners/owner-00/", "search/?q=script", "404.html"]
    pages += [f"programs/xss-{n:02d}/" for n in range(len(PAYLOADS))]
    pages += [f"programs/xss-{n:02d}/flyer/" for n in (0, 5, 31, 32)]
    visitor = _Visitor(chromium)
    for path in pages:
        assert visitor.visit(served_hostile + path) == ([], [], []), path
    visitor.context.close()


def test_payloads_with_control_characters_are_reported_not_built(tmp_path):
    hidden = [p for p in ALL_PAYLOADS if CONTROL.search(p)]
    assert hidden
    root = tmp_path / "project"
    write_hostile_catalog(root)
    (root / "content" / "programs" / "xss-00.md").write_text(
        (root / "content" / "programs" / "xss-00.md").read_text() + "\n" + hidden[0] + "\n")
    result = build(root)
    assert result.code == 1 and not (root / "site").exists()
    assert [line for line in result.err.splitlines() if line.startswith("content/")] == [
        "content/programs/xss-00.md:41: 目に見えない制御文字 (U+0001) が含まれています。この行を書き直すか、その文字を削除してください"]
