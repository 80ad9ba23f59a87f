"""Command line: `python build.py [build|check] [options]`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import jinja2

from . import output, render, search
from .pipeline import CheckResult, check
from .problems import Problem

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Validate content/ and build the static catalog into site/.",
        epilog="Exit status: 0 built or valid, 1 content problems or a failed build, 2 wrong usage.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="validate and build the site (the default)")
    checker = commands.add_parser("check", help="validate only; print every problem")
    for sub in (parser, build, checker):
        sub.add_argument("--root", type=Path, default=Path("."), help="the project folder holding content/ (default: .)")
        sub.add_argument("--today", metavar="YYYY-MM-DD", type=_date_option,
                         help="the build date for deadlines and states (default: SOURCE_DATE_EPOCH, else today in the site's time zone)")
    for sub in (parser, build):
        sub.add_argument("--out", type=Path, help="where to build (default: ROOT/site)")
        sub.add_argument("--templates", type=Path, help="the templates folder (default: ROOT/templates)")
        sub.add_argument("--base-url", help="serve under this URL instead of site.yaml's base_url (e.g. for GitHub Pages)")
        sub.add_argument("--no-search", action="store_true", help="build the pages without the search index (faster previews)")
    return parser


def _date_option(text: str) -> str:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (YYYY-MM-DD)") from None
    return text


def _print_problems(result: CheckResult) -> None:
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(result.messages.count(len(result.problems)), file=sys.stderr)


def _print_warnings(result: CheckResult, stream) -> None:
    catalog = result.catalog
    for program in catalog.programs:
        if program.stale:
            line = program.lines.get("updated") or program.lines.get("posted", 1)
            days = (catalog.today - program.last_changed).days
            print(Problem(program.path, line, result.messages.warning("stale", days=days)), file=stream)


def run_check(args: argparse.Namespace) -> int:
    result = check(args.root, args.today)
    if not result.ok:
        _print_problems(result)
        return 1
    _print_warnings(result, sys.stdout)
    catalog = result.catalog
    print(f"ok: {len(catalog.programs)} programs, {len(catalog.owners)} owners")
    return 0


def run_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    base_url = args.base_url
    if base_url and not base_url.startswith(("https://", "http://")):
        print(f"--base-url must be an http(s) URL: {base_url}", file=sys.stderr)
        return 2
    result = check(args.root, args.today, base_url)
    if not result.ok:
        _print_problems(result)
        return 1
    catalog = result.catalog
    templates = args.templates or (args.root / "templates" if (args.root / "templates").is_dir() else PACKAGE_TEMPLATES)
    target = (args.out or args.root / "site").resolve()
    staging = output.staging_path(target)
    try:
        pages = render.render_site(catalog, templates)
        output.write_tree(pages, staging)
        if not args.no_search:
            search.write_index(catalog, staging)
        output.swap_in(staging, target)
    except jinja2.TemplateError as error:
        output.discard(staging)
        where = f"{error.filename}:{error.lineno}: " if getattr(error, "lineno", None) else ""
        print(f"{where}template error: {error.message}", file=sys.stderr)
        print("the site was not changed", file=sys.stderr)
        return 1
    except (search.SearchIndexError, OSError, render.DuplicateOutput) as error:
        output.discard(staging)
        print(f"build failed: {type(error).__name__}: {error}", file=sys.stderr)
        print("the site was not changed", file=sys.stderr)
        return 1
    except BaseException:
        output.discard(staging)
        raise
    stale = sum(1 for program in catalog.programs if program.stale)
    if stale:
        print(result.messages.warning("stale_summary", count=stale, days=catalog.config.stale_after_days), file=sys.stderr)
    seconds = time.perf_counter() - started
    html_pages = sum(1 for path in pages if path.endswith(".html"))
    print(f"built {len(catalog.programs)} programs, {len(catalog.owners)} owners, {html_pages} pages "
          f"into {target} in {seconds:.2f} s (build date {catalog.today.isoformat()})")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        return run_check(args)
    return run_build(args)
