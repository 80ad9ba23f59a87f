"""Shared helpers: small catalogs written into tmp_path, and the build run in-process."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import shutil
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

# --a11y-results FILE: the accessibility checks' results for the accessibility page (see a11y_results.py)
from a11y_results import _a11y_check, pytest_addoption, pytest_configure  # noqa: F401  (pytest hooks and fixture)

from catalog.cli import main

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "templates"
TODAY = "2026-11-21"
# A real 2x2 PNG: pictures are decoded by the build, so a file that only starts like a PNG is refused.
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x02\x08\x02\x00\x00\x00\xfd\xd4\x9as\x00"
       b"\x00\x00\x16IDATx\x9cc<!'\xc7\xc0\xc0\xc0\xc4\xc0\xc0\xc0\xc0\xc0\x00\x00\r\x04\x01\x08}q\xcaf\x00\x00\x00\x00IEND\xaeB`\x82")

SITE_YAML = """\
title: テストカタログ
description: テスト用のカタログです。
base_url: https://example.org/catalog/
maintainers: [catalog-admin]
types:
  volunteer: {ja: ボランティア, en: Volunteering}
  probono: {ja: プロボノ, en: Pro bono}
categories:
  recovery: {ja: 復興支援, en: Disaster recovery}
  digital: {ja: IT・DX, en: Digital}
skills:
  it-support: {ja: ITツール支援, en: IT tool support}
"""

OWNER = """\
---
name: テスト団体
kind: npo
prefecture: 石川県
maintainers: [owner-admin]
---
テスト団体の紹介です。
"""


def program(**fields: str) -> str:
    """A valid program file; keyword arguments replace or add front-matter lines (value None removes one)."""
    values = {
        "title": "テストのプログラム",
        "owner": "test-owner",
        "summary": "テスト用の概要です。",
        "type": "volunteer",
        "categories": "[recovery]",
        "format": "online",
        "signup_url": "https://forms.example.org/apply",
        "posted": "2026-11-01",
    }
    body = fields.pop("body", "本文です。")
    values.update(fields)
    lines = [f"{key}: {value}" for key, value in values.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def problems(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.startswith("content/")]


def run_cli(*args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse usage errors
            code = exit_.code
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def write_catalog(tmp_path):
    """write_catalog({"content/programs/x.md": "..."}) -> project root with site.yaml and one owner by default."""

    def write(files: dict[str, str | bytes] | None = None, site_yaml: str | None = SITE_YAML, owner: bool = True) -> Path:
        root = tmp_path / "project"
        (root / "content" / "programs").mkdir(parents=True, exist_ok=True)
        (root / "content" / "owners").mkdir(parents=True, exist_ok=True)
        if site_yaml is not None:
            (root / "content" / "site.yaml").write_text(site_yaml, encoding="utf-8")
        if owner:
            (root / "content" / "owners" / "test-owner.md").write_text(OWNER, encoding="utf-8")
        for name, content in (files or {}).items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8")
        return root

    return write


def build(root: Path, *extra: str) -> Run:
    return run_cli("build", "--root", str(root), "--templates", str(TEMPLATES), "--today", TODAY, *extra)


def check(root: Path, *extra: str) -> Run:
    return run_cli("check", "--root", str(root), "--today", TODAY, *extra)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------ the browser (Playwright + Debian's Chromium)

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]


def _missing_browser() -> str | None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install -y chromium)"
    return None


@pytest.fixture(scope="session")
def chromium():
    reason = _missing_browser()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()




class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def golden_site(tmp_path_factory):
    """The golden catalog built with its search index and served under a sub-path, like GitHub Pages."""
    root = tmp_path_factory.mktemp("served")
    site = root / "sub" / "catalog"
    result = build(REPO / "tests" / "golden", "--out", str(site))
    assert result.code == 0, result.err
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sub/catalog/"
    server.shutdown()




def serve(folder: Path):
    """Serve a folder on 127.0.0.1 (port 0: a free one); returns (url, server) for server.shutdown()."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server
