"""Where a full build's CPU goes: validation, then every output made once, timed by kind, in one process.

    python -m tests.benchmarks.render_profile                 # 10,000 generated programs
    python -m tests.benchmarks.render_profile --programs 1000 --no-search
    python -m tests.benchmarks.render_profile --root PATH     # an existing catalog

Outputs are made in the order the writer makes them (index documents first, whose Markdown the
pages then reuse), with the cyclic GC off as in the command. Nothing is written: this is the
rendering cost alone; build_speed measures whole builds.
"""

from __future__ import annotations

import argparse
import collections
import gc
import tempfile
import time
from pathlib import Path

from catalog.content import read as pipeline
from catalog.search.documents import index_outputs
from catalog.site.fragments import Fragments
from catalog.site.routes import site_outputs
from catalog.writing.outputs import Output

from .generate import generate

REPO = Path(__file__).resolve().parents[2]
LISTINGS = ("all", "archive", "types", "categories", "prefectures", "skills", "formats")


def kind_of(output: Output) -> str:
    parts = output.path.split("/")
    if output.folder == "index":
        return "index documents"
    if output.program:
        return "program " + "/".join(parts[2:])
    if output.path.endswith("feed.xml"):
        return "feeds"
    if output.path.endswith(".ics"):
        return "calendars (lists)"
    if parts[0] in LISTINGS:
        return "listings"
    if parts[0] == "owners":
        return "owners"
    return "data files, home, search, 404, assets"


def profile(root: Path, with_index: bool) -> None:
    gc.disable()
    started = time.perf_counter()
    result = pipeline.read_catalog(root, "2026-11-21")
    if not result.ok:
        raise SystemExit("\n".join(str(problem) for problem in result.problems[:20]))
    print(f"check (load, validate, model; two processes)   {time.perf_counter() - started:6.2f} s")
    started = time.perf_counter()
    fragments = Fragments()
    outputs = site_outputs(result.catalog, REPO / "templates", {}, fragments)
    outputs += index_outputs(result.catalog, fragments) if with_index else []
    print(f"enumerating {len(outputs)} outputs with their keys  {time.perf_counter() - started:6.2f} s")
    outputs.sort(key=lambda o: o.folder != "index")  # as writing/full.py: documents first
    seconds: collections.Counter[str] = collections.Counter()
    for output in outputs:
        started = time.perf_counter()
        output.make()
        seconds[kind_of(output)] += time.perf_counter() - started
    total = sum(seconds.values())
    for kind, value in seconds.most_common():
        print(f"  {kind:44} {value:6.2f} s {value / total:6.1%}")
    print(f"  {'rendering, one process':44} {total:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="an existing catalog (default: generate one)")
    parser.add_argument("--programs", type=int, default=10_000)
    parser.add_argument("--no-search", action="store_true", help="no index documents (Markdown then counts in the pages)")
    args = parser.parse_args()
    if args.root:
        profile(args.root, not args.no_search)
        return
    with tempfile.TemporaryDirectory() as folder:
        profile(generate(Path(folder), args.programs, max(10, args.programs // 20)), not args.no_search)


if __name__ == "__main__":
    main()
