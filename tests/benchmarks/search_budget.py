"""What a browser downloads for the first search on a large catalog, and where each kilobyte goes.

    python -m tests.benchmarks.search_budget                 # 10,000 generated programs, four queries
    python -m tests.benchmarks.search_budget --programs 1000 --query 古材

Generates a seeded synthetic catalog (tests/benchmarks/generate.py), builds it with its search
index, serves it on 127.0.0.1 and opens search/?q=… in Debian's Chromium with an empty cache,
counting every response as served gzip-compressed (Pagefind's own files are already gzip).
The budget is 200 KB per first search.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from .generate import generate

REPO = Path(__file__).resolve().parents[2]
BUDGET_KB = 200
PRECOMPRESSED = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")


def kind_of(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".pagefind"):
        return "wasm"
    if name.endswith(PRECOMPRESSED):
        return name.rsplit(".", 1)[1]
    if name == "pagefind.js":
        return "pagefind.js"
    if name.endswith(".js"):
        return "our js"
    return name.rsplit(".", 1)[1] if "." in name else "html"


def measure(site: Path, query: str, sort: str = "") -> dict[str, tuple[int, int]]:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sizes: list[tuple[str, int]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()

            def record(response):
                try:
                    body = response.body()
                except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
                    return
                path = urllib.parse.urlparse(response.url).path
                sizes.append((path, len(body) if path.endswith(PRECOMPRESSED) else len(gzip.compress(body, 6))))

            page.on("response", record)
            page.goto(f"http://127.0.0.1:{server.server_port}/search/?q={urllib.parse.quote(query)}" + (f"&sort={sort}" if sort else ""))
            # The page marks itself aria-busy until results and counts are out (the status starts empty, so
            # waiting for it to lose its "…" could stop before the search began).
            page.locator("#search[aria-busy=false]").wait_for(timeout=60_000)
            page.wait_for_load_state("networkidle")
            status = page.locator("#search-status").inner_text()
            browser.close()
    finally:
        server.shutdown()
    kinds: dict[str, tuple[int, int]] = {}
    for path, size in sizes:
        count, total = kinds.get(kind_of(path), (0, 0))
        kinds[kind_of(path)] = (count + 1, total + size)
    kinds["(status)"] = (0, 0)
    print(f"\nfirst search for {query!r}{', sorted by ' + sort if sort else ''}: {status}")
    return kinds


def report(kinds: dict[str, tuple[int, int]]) -> int:
    total = sum(size for count, size in kinds.values())
    for kind, (count, size) in sorted(kinds.items(), key=lambda item: -item[1][1]):
        if count:
            print(f"  {kind:<12} {count:4d} file(s) {size / 1024:7.1f} KB")
    verdict = "within" if total <= BUDGET_KB * 1024 else "OVER"
    print(f"  {'total':<12} {sum(c for c, _ in kinds.values()):4d} files    {total / 1024:7.1f} KB  ({verdict} the {BUDGET_KB} KB budget)")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=10_000)
    parser.add_argument("--owners", type=int, default=500)
    parser.add_argument("--query", action="append", help="repeatable; default: 古材, ボランティア, 雪かき, 軍手, ゆきかき, 取組")
    args = parser.parse_args()
    # ゆきかき (a reading) and 取組 (a variant of 取り組み) also search the other spellings (catalog/readings.py).
    queries = args.query or ["古材", "ボランティア", "雪かき", "軍手", "ゆきかき", "取組"]
    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder), args.programs, args.owners)
        started = time.perf_counter()
        subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "--templates", str(REPO / "templates"),
                        "--today", "2026-11-21"], check=True, capture_output=True)
        print(f"built {args.programs} programs with their search index in {time.perf_counter() - started:.1f} s")
        bundle = sum(p.stat().st_size for p in (root / "site" / "pagefind").rglob("*") if p.is_file())
        closed = sum(p.stat().st_size for p in (root / "site" / "pagefind-closed").rglob("*") if p.is_file())
        print(f"bundle on disk: {bundle / 1e6:.1f} MB (listed programs), {closed / 1e6:.1f} MB (closed programs)")
        totals = [report(measure(root / "site", query)) for query in queries]
        # A shared or printed link can open a sorted search, or the list of everything closing soon:
        # the sort order comes in a file of its own, one per order (see catalog/search.py, write_sorts).
        totals += [report(measure(root / "site", queries[1], "deadline")), report(measure(root / "site", "", "newest"))]
        print(f"\nlargest first search: {max(totals) / 1024:.1f} KB; budget {BUDGET_KB} KB")


if __name__ == "__main__":
    main()
