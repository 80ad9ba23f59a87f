"""Relevance benchmark: the query set in relevance_queries.yaml, run through the real built index.

    python -m tests.benchmarks.relevance            # ours, plain Pagefind and the main branch, side by side
    python -m tests.benchmarks.relevance --no-plain --previous ''  # ours only (what the test suite runs)

"ours" is the site's own search.js (findPrograms) over our index of ICU-segmented documents.
"plain" is what a site gets from Pagefind as it comes: the extended binary (it segments
Japanese itself) over the visible program pages, queried with Pagefind's default options.
The extended binary is installed into .cache/ on first use (pip, about 60 MB).
"previous" is the same catalog built and searched by another revision of this repository
(`--previous main`, its build.py and its search.js, taken with git archive).

The queries run over two catalogs: the sample catalog (content/) and, for queries marked
`catalog: spellings`, the catalog of relevance_catalog.py, which writes words the several ways
Japanese writes them. Each query lists the programs that must be found (`find`, the complete set
of right answers unless `complete: false`), those that must not (`forbid`) and, optionally, the
one that must come `first`. Printed per engine: recall, precision, top-1 accuracy, forbidden hits,
and every failure.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
QUERIES = Path(__file__).with_name("relevance_queries.yaml")
RUNNER = Path(__file__).with_name("relevance.mjs")
SEARCH_JS = REPO / "templates" / "assets" / "search.js"
CACHE = REPO / ".cache" / "pagefind-extended"
TODAY = "2026-11-21"


@dataclass
class Score:
    engine: str
    expected: int = 0
    found_expected: int = 0
    returned: int = 0
    returned_judged: int = 0
    returned_right: int = 0
    forbidden_hits: int = 0
    top1: int = 0
    queries: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found_expected / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.returned_right / self.returned_judged if self.returned_judged else 1.0


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def build_ours(root: Path, out: Path, code: Path = REPO) -> Path:
    """Build root's content with the build.py and templates of `code` (this checkout, or a previous revision)."""
    command = [sys.executable, str(code / "build.py"), "--root", str(root), "--templates", str(code / "templates"),
               "--out", str(out), "--today", TODAY]
    subprocess.run(command, check=True, capture_output=True, cwd=code)
    return out


def checkout(revision: str, into: Path) -> Path | None:
    """The files of a git revision of this repository in `into`, or None when git does not know it."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", revision], capture_output=True)
    if archive.returncode != 0:
        return None
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def extended_binary() -> Path:
    try:
        import pagefind_bin_extended

        return Path(pagefind_bin_extended.__file__).parent / "pagefind_extended"
    except ImportError:
        pass
    binary = CACHE / "pagefind_bin_extended" / "pagefind_extended"
    if not binary.exists():
        print("installing pagefind-bin-extended 1.5.2 into .cache/ for the comparison …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--target", str(CACHE), "pagefind-bin-extended==1.5.2"], check=True)
    return binary


def build_plain(site: Path, out: Path) -> Path:
    """The visible program pages, marked up as Pagefind's documentation suggests, indexed by the extended binary."""
    pages = out / "pages"
    for page in sorted((site / "programs").glob("*/index.html")):
        html = page.read_text(encoding="utf-8").replace('<article class="program"', '<article data-pagefind-body class="program"', 1)
        target = pages / "programs" / page.parent.name / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    subprocess.run([str(extended_binary()), "--site", str(pages), "--output-path", str(out / "pagefind"), "--quiet"],
                   check=True, capture_output=True)
    return out


def run_queries(bundles: dict[str, tuple[Path, str]], queries: list[dict], scripts: dict[str, Path] | None = None) -> dict[str, list[list[str]]]:
    """bundles: name -> (site, mode); scripts: name -> the search.js to run (default: this checkout's)."""
    with tempfile.TemporaryDirectory() as folder:
        job = Path(folder) / "job.json"
        job.write_text(json.dumps({
            "bundles": {name: {"site": str(path), "mode": mode, "script": str((scripts or {}).get(name, SEARCH_JS))}
                        for name, (path, mode) in bundles.items()},
            "queries": [{"q": q["q"], "lang": q.get("lang", "ja")} for q in queries],
        }), encoding="utf-8")
        result = subprocess.run(["node", str(RUNNER), str(SEARCH_JS), str(job)], check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def program_id(url: str) -> str:
    match = re.match(r"^/?programs/([^/]+)/", url)
    return match.group(1) if match else url


def score(engine: str, queries: list[dict], answers: list[list[str]]) -> Score:
    result = Score(engine)
    for query, urls in zip(queries, answers, strict=True):
        found = [program_id(url) for url in urls]
        wanted = set(query.get("find", []))
        forbidden = set(query.get("forbid", []))
        result.queries += 1
        result.expected += len(wanted)
        result.found_expected += len(wanted & set(found))
        result.returned += len(found)
        if query.get("complete", True):
            result.returned_judged += len(found)
            result.returned_right += len([f for f in found if f in wanted])
        hits = forbidden & set(found)
        result.forbidden_hits += len(hits)
        first = query.get("first")
        right_first = (found[0] == first if first else found[0] in wanted) if found else not wanted
        if right_first:  # right first answer, or rightly nothing
            result.top1 += 1
        missed = sorted(wanted - set(found))
        extra = [f for f in found if f not in wanted] if query.get("complete", True) else []
        if missed or hits or extra or not right_first:
            parts = []
            if not right_first and found:
                parts.append(f"first {found[0]}")
            if missed:
                parts.append(f"missed {', '.join(missed)}")
            if hits:
                parts.append(f"FORBIDDEN {', '.join(sorted(hits))}")
            if extra and not hits:
                parts.append(f"also {', '.join(extra[:4])}{' …' if len(extra) > 4 else ''}")
            result.failures.append(f"{query['q']!r}: " + "; ".join(parts))
    return result


def evaluate(root: Path = REPO, plain: bool = True, previous: str = "") -> list[Score]:
    """Every query, over its catalog, through each engine; the scores of all queries together, per engine."""
    from .relevance_catalog import write_catalog

    queries = load_queries()
    answers: dict[str, list[list[str] | None]] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        old = checkout(previous, work / "previous") if previous else None
        if previous and old is None:
            print(f"git does not know {previous!r}: no comparison with it", file=sys.stderr)
        catalogs = {"sample": root, "spellings": write_catalog(work / "spellings")}
        for catalog, catalog_root in catalogs.items():
            wanted = [n for n, q in enumerate(queries) if q.get("catalog", "sample") == catalog]
            site = build_ours(catalog_root, work / catalog / "ours")
            bundles = {"ours": (site, "ours")}
            scripts = {}
            if plain:
                bundles["plain Pagefind"] = (build_plain(site, work / catalog / "plain"), "plain")
            if old is not None:
                bundles[f"previous ({previous})"] = (build_ours(catalog_root, work / catalog / "previous", old), "ours")
                scripts[f"previous ({previous})"] = old / "templates" / "assets" / "search.js"
            found = run_queries(bundles, [queries[n] for n in wanted], scripts)
            for name, lists in found.items():
                answers.setdefault(name, [None] * len(queries))
                for n, urls in zip(wanted, lists, strict=True):
                    answers[name][n] = urls
    return [score(name, queries, lists) for name, lists in answers.items()]


def report(scores: list[Score]) -> str:
    lines = [f"{'engine':<20} {'queries':>7} {'recall':>8} {'precision':>9} {'top-1':>7} {'forbidden':>9}"]
    for s in scores:
        lines.append(f"{s.engine:<20} {s.queries:>7} {s.recall:>8.1%} {s.precision:>9.1%} {s.top1 / s.queries:>7.1%} {s.forbidden_hits:>9}")
    for s in scores:
        lines.append(f"\nfailures, {s.engine} ({len(s.failures)}):")
        lines += [f"  {failure}" for failure in s.failures] or ["  none"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Relevance of search on the sample catalog: ours vs plain Pagefind.")
    parser.add_argument("--root", type=Path, default=REPO, help="the project whose content/ is searched")
    parser.add_argument("--no-plain", action="store_true", help="skip plain Pagefind (no extended binary needed)")
    parser.add_argument("--previous", default="main", help="a git revision to compare with ('' for none; default main)")
    args = parser.parse_args()
    if shutil.which("node") is None:
        sys.exit("node is needed to run the queries through Pagefind's JS API")
    print(report(evaluate(args.root, plain=not args.no_plain, previous=args.previous)))


if __name__ == "__main__":
    main()
