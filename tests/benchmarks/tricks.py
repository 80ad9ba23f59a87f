"""What each kept speed-up is worth: the same command with one of them switched off, run alternately
with the build as shipped, medians of wall time. docs/performance.md quotes its output.

    python -m tests.benchmarks.tricks --programs 10000 --runs 5
    python -m tests.benchmarks.tricks --programs 2000 --only "no card cache"

Scenarios: a full build without search (into a new folder, as on a CI runner), and rebuilds by the
command after nothing changed and after one program's body was edited. Each variant runs in its own
process (`--variant NAME -- build options`), which switches the speed-up off and then runs the build
as build.py does. A speed-up stays in the code only where it pays: at least 5% of a full build or
50 ms of an edit rebuild at 10,000 programs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .generate import generate

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-21"


def _no_gc_pause() -> None:
    from catalog import build

    build.collecting_later = lambda run: run()


def _replace_for_changed() -> None:
    import dataclasses

    from catalog.content import model, read

    def changed(instance, **fields):
        return dataclasses.replace(instance, **fields)

    model.changed = read.changed = changed


def _no_card_cache() -> None:
    """Each card rendered with the page that shows it, every time."""
    import jinja2
    from markupsafe import Markup

    from catalog.site.environment import Renderer

    @jinja2.pass_context
    def rendered_card(self, context, program, heading="h3"):
        module = self.env.get_template("_card.html").make_module({"site": self.site, "page": context["page"]})
        return Markup(str(module.card(program, heading)))  # noqa: S704 - the template escaped it

    Renderer.rendered_card = rendered_card


def _cards_per_depth() -> None:
    """Cards cached, but rendered for each page depth (no marked links to fill in)."""
    import jinja2
    from markupsafe import Markup

    from catalog.site.environment import Renderer

    @jinja2.pass_context
    def rendered_card(self, context, program, heading="h3"):
        page = context["page"]
        depth = "abs" if page.absolute_links else str(page.url.count("/"))
        key = (program.id, program.listing_digest, self.catalog.owners_by_id[program.owner].name, heading + depth)
        cached = self.fragments.cards.get(key)
        if cached is None:
            module = self.env.get_template("_card.html").make_module({"site": self.site, "page": page})
            cached = self.fragments.cards[key] = str(module.card(program, heading))
        return Markup(cached)  # noqa: S704 - the template escaped it

    Renderer.rendered_card = rendered_card


def _one_process() -> None:
    from catalog import workers

    workers.can_share = lambda count, minimum=0: False


VARIANTS = {
    "as shipped": lambda: None,
    "no os._exit (interpreter torn down)": lambda: None,
    "no gc pause (collector on)": _no_gc_pause,
    "dataclasses.replace, not object.__new__": _replace_for_changed,
    "no card cache": _no_card_cache,
    "cards cached per page depth (no root marks)": _cards_per_depth,
    "one process (no fork)": _one_process,
}


def run_variant(name: str, argv: list[str]) -> None:
    """In the child: switch the speed-up off, build, and leave as build.py does (or not)."""
    sys.path.insert(0, str(REPO))
    VARIANTS[name]()
    from catalog.cli import main

    code = main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    if name.startswith("no os._exit"):
        sys.exit(code)
    os._exit(code or 0)


def timed(variant: str, argv: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "tests.benchmarks.tricks", "--variant", variant, "--", *argv],
                            capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{variant} {' '.join(argv)} failed:\n{result.stdout[-1500:]}{result.stderr[-1500:]}")
    return seconds


def measure(root: Path, work: Path, variants: list[str], runs: int, full: bool = True) -> dict[tuple[str, str], float]:
    base = ["--root", str(root), "--templates", str(REPO / "templates"), "--today", TODAY, "--no-search"]
    body = root / "content" / "programs" / "program-00007.md"
    times: dict[tuple[str, str], list[float]] = {}
    for run in range(runs if full else 0):
        for variant in variants:  # alternately: a noisy machine slows every variant alike
            out = work / f"{abs(hash(variant))}-{run}" / "site"
            times.setdefault(("full build, no search", variant), []).append(timed(variant, [*base, "--out", str(out)]))
    site = ["--out", str(work / "site")]
    timed("as shipped", [*base, *site])  # the site and cache the rebuilds start from
    for run in range(runs):
        for variant in variants:
            times.setdefault(("rebuild, nothing changed", variant), []).append(timed(variant, [*base, *site]))
            body.write_text(body.read_text(encoding="utf-8") + f"\n追記 {run} {variant}\n", encoding="utf-8")
            times.setdefault(("rebuild after a body edit", variant), []).append(timed(variant, [*base, *site]))
    return {key: statistics.median(values) for key, values in times.items()}


def main() -> None:
    if "--variant" in sys.argv:
        position = sys.argv.index("--variant")
        run_variant(sys.argv[position + 1], sys.argv[sys.argv.index("--") + 1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", action="append", help="a variant to compare with the build as shipped (repeatable)")
    parser.add_argument("--rebuilds-only", action="store_true", help="skip the full builds (the slow part at 10,000 programs)")
    args = parser.parse_args()
    variants = ["as shipped", *(args.only or [v for v in VARIANTS if v != "as shipped"])]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        root = generate(work / "catalog", args.programs, max(10, args.programs // 20))
        medians = measure(root, work, variants, args.runs, full=not args.rebuilds_only)
    print(f"{args.programs} programs, median of {args.runs} (seconds; difference from the build as shipped)")
    for scenario in ("full build, no search", "rebuild, nothing changed", "rebuild after a body edit"):
        if (scenario, "as shipped") not in medians:
            continue
        shipped = medians[(scenario, "as shipped")]
        print(f"  {scenario}: {shipped:.2f} s as shipped")
        for variant in variants[1:]:
            value = medians[(scenario, variant)]
            print(f"    {variant:<45} {value:7.2f} s  {value - shipped:+6.2f} s  {(value - shipped) / shipped:+6.1%}")


if __name__ == "__main__":
    main()
