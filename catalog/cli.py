"""Command line: `python build.py [build|check] [options]`."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import jinja2

from . import documents, github, output, render, schema, scaffold, search
from .model import State
from .pipeline import CheckResult, build_date, check
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
    checker = commands.add_parser("check", help="validate only; print every problem (and GitHub annotations inside Actions)")
    checker.add_argument("--changed", metavar="FILE", help="`git diff --name-status` of a pull request: check who may add or move programs")
    checker.add_argument("--author", metavar="LOGIN", help="the pull request author's GitHub login (with --changed)")
    checker.add_argument("--base", metavar="REV", help="the pull request's base commit, to see a program's previous owner")
    owners = commands.add_parser("codeowners", help="write .github/CODEOWNERS from the owners' maintainers")
    serving = commands.add_parser("serve", help="build, serve on localhost, rebuild and reload on every change")
    serving.add_argument("--port", type=int, default=8000, help="the port on 127.0.0.1 (0: any free port; default 8000)")
    new = commands.add_parser("new", help="write a new program or owner file (asks for what is missing)")
    new.add_argument("what", choices=["program", "owner"], metavar="program|owner")
    new.add_argument("id", help="the file name without .md: lower-case letters, digits and hyphens (it becomes the page address)")
    for field in dict.fromkeys(f for f, *_ in scaffold.PROGRAM_FIELDS + scaffold.OWNER_FIELDS):
        new.add_argument("--" + field.replace("_", "-"), dest=field)
    for sub in (parser, build, checker, owners, new, serving):
        sub.add_argument("--root", type=Path, default=Path("."), help="the project folder holding content/ (default: .)")
        sub.add_argument("--today", metavar="YYYY-MM-DD", type=_date_option,
                         help="the build date for deadlines and states (default: SOURCE_DATE_EPOCH, else today in the site's time zone)")
    for sub in (parser, build, serving):
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


def warnings(result: CheckResult) -> list[Problem]:
    """What maintainers should know but that does not fail a check: stale programs and deadlines within a week."""
    catalog, found = result.catalog, []
    for program in catalog.programs:
        if program.stale:
            line = program.lines.get("updated") or program.lines.get("posted", 1)
            days = (catalog.today - program.last_changed).days
            found.append(Problem(program.path, line, result.messages.warning("stale", days=days)))
        if program.state is State.CLOSING_SOON and (program.deadline - catalog.today).days <= 7:
            found.append(Problem(program.path, program.lines.get("deadline", 1),
                                 result.messages.warning("closing_soon", deadline=program.deadline.isoformat())))
    return sorted(found)


def _git_owner_before(root: Path, base: str | None):
    """The owner a program file had at `base` (for 'moved under another owner'); None when unknown."""
    def old_owner(path: str) -> str | None:
        if not base:
            return None
        shown = subprocess.run(["git", "-C", str(root), "show", f"{base}:{path}"], capture_output=True, text=True)
        if shown.returncode != 0:
            return None
        match = re.search(r"^owner:\s*[\"']?([a-z0-9-]+)", shown.stdout, re.MULTILINE)
        return match.group(1) if match else None
    return old_owner


def run_check(args: argparse.Namespace) -> int:
    result = check(args.root, args.today)
    messages = result.messages
    problems = list(result.problems)
    if result.catalog is not None:
        problems += _codeowners_problems(args.root, result)
        if args.changed:
            changes = github.parse_changes(Path(args.changed).read_text(encoding="utf-8"))
            if not args.author:
                print("--changed needs --author (the pull request author's GitHub login)", file=sys.stderr)
                return 2
            problems += github.ownership_problems(result.catalog, changes, args.author,
                                                  _git_owner_before(args.root, args.base), messages)
    problems = sorted(set(problems))
    notes = warnings(result) if result.catalog is not None else []
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem, file=sys.stderr)
    for note in notes:
        print(note)
    if in_actions:
        for problem in problems:
            print(github.annotation(problem, "error"))
        for note in notes:
            print(github.annotation(note, "warning"))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            headline = messages.cli("summary_problems", count=len(problems)) if problems else messages.cli("summary_ok")
            with open(summary_file, "a", encoding="utf-8") as stream:
                stream.write(github.summary(problems, notes, headline))
    if problems:
        print(messages.count(len(problems)), file=sys.stderr)
        return 1
    catalog = result.catalog
    print(messages.cli("check_ok", programs=len(catalog.programs), owners=len(catalog.owners)))
    return 0


def _codeowners_problems(root: Path, result: CheckResult) -> list[Problem]:
    """In a repository (it has .github/), CODEOWNERS must match the owners' maintainers."""
    if not (root / ".github").is_dir():
        return []
    path = root / github.CODEOWNERS_PATH
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if current == github.codeowners(result.catalog):
        return []
    return [Problem(github.CODEOWNERS_PATH, 1, result.messages.problem("codeowners_stale"))]


def run_codeowners(args: argparse.Namespace) -> int:
    result = check(args.root, args.today)
    if not result.ok:
        _print_problems(result)
        return 1
    path = args.root / github.CODEOWNERS_PATH
    text = github.codeowners(result.catalog)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        print(result.messages.cli("codeowners_current"))
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(result.messages.cli("codeowners_written"))
    return 0


def run_new(args: argparse.Namespace) -> int:
    """Ask for (or take) the required values, validate the file in memory, and write it only if it is right."""
    result = check(args.root, args.today)
    messages = result.messages
    config = result.catalog.config if result.catalog else None
    if config is None:
        site_front, _ = documents.load_site_config(args.root, messages)
        config = schema.validate_site(site_front, messages)[0] if site_front else None
    if config is None:
        _print_problems(result)
        return 1
    folder = "programs" if args.what == "program" else "owners"
    path = f"content/{folder}/{args.id}.md"
    target = args.root / path
    if not documents.ID_PATTERN.match(args.id):
        print(f"{path}:1: {messages.id_problem(args.id)}", file=sys.stderr)
        return 2
    if target.exists():
        print(f"{path}: " + ("すでにあります。上書きはしません" if messages.language == "ja" else "already exists; not overwritten"), file=sys.stderr)
        return 1
    fields = scaffold.PROGRAM_FIELDS if args.what == "program" else scaffold.OWNER_FIELDS
    values = {}
    for field, required, prompt_ja, prompt_en in fields:
        value = getattr(args, field, None)
        if value is None and sys.stdin.isatty():
            value = input(f"{prompt_en if messages.language == 'en' else prompt_ja}: ").strip() or None
        if value is None and required:
            print(f"--{field.replace('_', '-')} " + ("が必要です" if messages.language == "ja" else "is required"), file=sys.stderr)
            return 2
        if value is not None:
            values[field] = value
    if args.what == "program":
        text = scaffold.program_skeleton(values, build_date(args.today, config.timezone), messages.language)
    else:
        text = scaffold.owner_skeleton(values, messages.language)
    document, problems = documents.load_document(text.encode("utf-8"), path, target, messages)
    if document is not None and args.what == "program":
        _, problems = schema.validate_program(document, config, messages)
        owner_file = args.root / "content" / "owners" / f"{values['owner']}.md"
        if not owner_file.is_file():
            problems.append(Problem(path, 3, messages.problem("owner_unknown", value=values["owner"])))
    elif document is not None:
        _, problems = schema.validate_owner(document, messages)
    if problems:
        for problem in sorted(problems):
            print(problem, file=sys.stderr)
        print(messages.count(len(problems)).split("。")[0], file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(("書きました: " if messages.language == "ja" else "wrote ") + path)
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    sys.stdout.reconfigure(line_buffering=True)
    sys.stderr.reconfigure(line_buffering=True)
    site = (args.out or args.root / "site").resolve()

    def rebuild() -> bool:
        return run_build(args) == 0

    def say(line: str) -> None:
        print(line, flush=True)

    serve(args.root, site, args.port, rebuild, say)
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
    if args.command == "codeowners":
        return run_codeowners(args)
    if args.command == "new":
        return run_new(args)
    if args.command == "serve":
        return run_serve(args)
    return run_build(args)
