"""Screenshots of every kind of page, in Japanese and English, at a phone's 360 px and a desktop's 1280 px.

    .venv/bin/python tests/tools/screenshots.py OUT_DIR [--full]

Builds the sample catalog (content/) as of 2026-11-21, and again with `language: en`, serves each under
its base path (/catalog/, as GitHub Pages would) and writes OUT_DIR/{ja,en}-{page}-{width}.png: the first
screen, or the whole page with --full. For looking at the pages, not a test.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from conftest import CHROMIUM, LAUNCH_ARGS, build  # noqa: E402

PAGES = {
    "home": "", "program": "programs/noto-kozai-sorting/", "program-online": "programs/kosodate-note-writers/",
    "program-closed": "programs/abukuma-school-festival-help/", "program-cancelled": "programs/kawasaki-smartphone-salon/",
    "flyer": "programs/noto-kozai-sorting/flyer/", "owner": "owners/noto-kozai-rescue/", "owners": "owners/",
    "all": "all/", "archive": "archive/", "category": "categories/recovery/", "skill": "skills/it-support/",
    "skills": "skills/", "prefectures": "prefectures/", "weekend": "weekend/", "search": "search/?q=%E5%8F%A4%E6%9D%90",
    "404": "no-such-page/",
}
SIZES = ((360, 740), (1280, 800))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404:  # as GitHub Pages: the site's own 404.html
            self.path = "/catalog/404.html"
            return super().do_GET()
        return super().send_error(code, message, explain)


def main(out: Path, full: bool) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for language in ("ja", "en"):
            root = Path(temporary) / language
            shutil.copytree(REPO / "content", root / "content")
            site_yaml = root / "content" / "site.yaml"
            site_yaml.write_text(site_yaml.read_text().replace("language: ja", f"language: {language}"))
            result = build(root, "--out", str(root / "served" / "catalog"), "--today", "2026-11-21")
            assert result.code == 0, result.err
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "served")))
            threading.Thread(target=server.serve_forever, daemon=True).start()
            for width, height in SIZES:
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(f"http://127.0.0.1:{server.server_port}/catalog/{path}")
                    page.wait_for_load_state("networkidle")
                    if full:  # lazy pictures load when scrolled to
                        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                        page.wait_for_load_state("networkidle")
                        page.evaluate("window.scrollTo(0, 0)")
                    page.screenshot(path=out / f"{language}-{name}-{width}.png", full_page=full)
                context.close()
            server.shutdown()
        browser.close()
    print(f"{len(PAGES) * len(SIZES) * 2} screenshots in {out}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--full"]
    if len(arguments) != 1:
        sys.exit(__doc__)
    main(Path(arguments[0]), "--full" in sys.argv)
