"""Valid HTML (Nu HTML Checker), no broken internal links, and a CSP on every page."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from catalog.tools.links import broken_links

from conftest import REPO, build
from test_hostile import write_hostile_catalog

VNU = REPO / ".cache" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CSP = ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'self\' \'wasm-unsafe-eval\'; '
       "style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; "
       "form-action 'self'\">")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    sample = tmp_path_factory.mktemp("sample") / "site"
    assert build(REPO, "--out", str(sample)).code == 0
    hostile_root = tmp_path_factory.mktemp("hostile-valid")
    write_hostile_catalog(hostile_root)
    assert build(hostile_root).code == 0
    return sample, hostile_root / "site"


def test_every_page_is_valid_html(sites, tmp_path):
    if shutil.which("java") is None or not VNU.is_file():
        reason = "the Nu HTML Checker needs java and vnu-jar (see .ci/run)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    control = tmp_path / "control.html"
    control.write_text("<!doctype html><html lang=ja><title>x</title><p><div></span>")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", "--skip-non-html",
                             *map(str, sites), str(control)], capture_output=True, text=True)
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors and all(str(control) in line for line in errors), "\n".join(errors[:20])


def test_no_broken_internal_links_in_the_sample_or_hostile_site(sites):
    sample, hostile = sites
    assert broken_links(sample, "/catalog/") == []
    assert broken_links(hostile, "/catalog/") == []


def test_every_page_carries_the_content_security_policy(sites):
    sample, _ = sites
    pages = sorted(sample.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        head = page.read_text().split("</head>")[0]
        if "/flyer/" in page.as_posix():
            assert "default-src 'none'; style-src 'self'; img-src 'self'" in head, page  # no script at all
        else:
            assert CSP in head, page
