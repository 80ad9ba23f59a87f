"""The sub-commands: each turns its options into calls of the stages and tools, and prints the result.
A failure is raised as a BuildError, which catalog/cli.py prints; each function returns the exit status.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from catalog import leftovers
from catalog.build import BuildOptions, Built, build, collecting_later
from catalog.cache import BuildCache
from catalog.content import documents, schema
from catalog.content.read import CheckResult, build_date, read_catalog, site_language
from catalog.messages import Messages, log
from catalog.problems import BuildError, ContentProblems, Problem, UsageError, one_line
from catalog.tools import github, intake, scaffold, trust
from catalog.tools.checks import drift_problems, generated_files, pull_request_problems, warnings

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def reported(run: Callable[[], int]) -> int:
    """Run a command; a BuildError is printed (to stderr) and becomes the exit status. The one place
    that catches them: no failure ends in a traceback."""
    try:
        return run()
    except BuildError as error:
        _print_lines([error])  # its lines can hold text from content
        return error.status


def build_options(args: argparse.Namespace, pages_first: bool = False) -> BuildOptions:
    base_url = getattr(args, "base_url", None)
    if base_url and not base_url.startswith(("https://", "http://")):
        raise UsageError(log("base_url_not_http", value=base_url))
    templates = args.templates or (args.root / "templates" if (args.root / "templates").is_dir() else PACKAGE_TEMPLATES)
    return BuildOptions(args.root, (args.out or args.root / "site").resolve(), templates, args.today, base_url,
                        search=not args.no_search, pages_first=pages_first)


def run_build(args: argparse.Namespace, cache: BuildCache | None = None, pages_first: bool = False) -> int:
    """Validate and build. `cache` is kept in memory between builds by serve; without it the cache is
    read from and written to .cache/build/ beside the site."""
    import time

    started = time.perf_counter()
    options = build_options(args, pages_first)
    waiting = lambda: print(_site_messages(args.root).cli("build_waiting", lock=leftovers.lock_path(options.target)),  # noqa: E731
                            file=sys.stderr, flush=True)
    with leftovers.build_lock(options.target, waiting):  # one build at a time writes into a folder
        leftovers.remove_leftovers(options.target)
        cache = cache if cache is not None else BuildCache.read(options.target, clean=args.clean)
        if cache.tracked:
            print(_site_messages(args.root).cli("cache_tracked", files=", ".join(cache.tracked)), file=sys.stderr)
        try:
            built = collecting_later(lambda: build(options, cache, print))
        except ContentProblems:
            cache.save_content(options.target)  # what was validated stays validated
            raise
        except BaseException:
            cache.save(options.target)
            raise
        cache.save(options.target, content=not pages_first)  # serve keeps it in memory, and saves it when it stops
    _print_built(built, options, time.perf_counter() - started)
    return 0


def _site_messages(root: Path) -> Messages:
    """Messages in the site's language, from site.yaml alone (before, or without, a whole read)."""
    site_front, _ = documents.load_site_config(root, Messages())
    return Messages(site_language(site_front))


def _print_built(built: Built, options: BuildOptions, seconds: float) -> None:
    catalog = built.catalog
    stale = sum(1 for program in catalog.programs if program.stale)
    if stale:
        print(built.messages.warning("stale_summary", count=stale, days=catalog.config.stale_after_days), file=sys.stderr)
    print(log("built" if built.how == "built" else "updated", written=built.written, programs=len(catalog.programs),
              owners=len(catalog.owners), files=built.files, target=options.target, seconds=f"{seconds:.2f}",
              today=catalog.today.isoformat()))


def run_serve(args: argparse.Namespace) -> int:
    from catalog.tools.serve import POLL_INTERVAL, serve

    sys.stdout.reconfigure(line_buffering=True)
    sys.stderr.reconfigure(line_buffering=True)
    target = (args.out or args.root / "site").resolve()
    cache = BuildCache.read(target, clean=args.clean)  # kept in memory: a rebuild reads only the files that changed

    def rebuild() -> bool:
        return reported(lambda: run_build(args, cache, pages_first=True)) == 0

    messages = _site_messages(args.root)

    def polling(reason: str) -> str:
        return messages.cli("serve_polling", reason=reason, seconds=POLL_INTERVAL)

    try:
        serve(args.root, target, args.port, rebuild, lambda line: print(line, flush=True), polling=polling)
    finally:
        cache.save_content(target)
    return 0


def _checked(args: argparse.Namespace) -> CheckResult:
    """The catalog read and validated; its problems raised."""
    result = read_catalog(args.root, args.today)
    if not result.ok:
        raise ContentProblems(result.problems, result.messages.count(len(result.problems)))
    return result


def _in_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _print_lines(lines) -> None:
    """Lines to stderr that may hold text from content or from a server: never a workflow command inside Actions."""
    stream = sys.stderr
    with github.commands_stopped(stream, _in_actions()):
        for line in lines:
            print(line, file=stream)


def run_check(args: argparse.Namespace) -> int:
    """Every problem, every warning; with --changed, what a pull request may not do; inside GitHub Actions
    also annotations and a job summary."""
    result = read_catalog(args.root, args.today)
    messages, problems, changes = result.messages, list(result.problems), None
    if args.changed:
        if not args.author or not args.base:
            raise UsageError(log("changed_needs_author"))
        changes, refused = pull_request_problems(args.root, Path(args.changed), args.author, args.base, messages)
        problems += refused
    if result.catalog is not None:
        problems += drift_problems(args.root, result.catalog.config, messages, changes)
    problems = sorted(set(problems))
    notes = warnings(result.catalog, messages) if result.catalog is not None else []
    _print_lines(problems)
    for note in notes:
        print(note)
    if _in_actions():
        _annotate(problems, notes, messages)
    if problems:
        print(messages.count(len(problems), building=False), file=sys.stderr)
        return 1
    print(messages.cli("check_ok", programs=len(result.catalog.programs), owners=len(result.catalog.owners)))
    return 0


def _annotate(problems: list[Problem], notes: list[Problem], messages: Messages) -> None:
    for problem in problems:
        print(github.annotation(problem, "error"))
    for note in notes:
        print(github.annotation(note, "warning"))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        headline = messages.cli("summary_problems", count=len(problems)) if problems else messages.cli("summary_ok")
        with open(summary_file, "a", encoding="utf-8") as stream:
            stream.write(github.summary(problems, notes, headline))


def run_generate(args: argparse.Namespace) -> int:
    result = _checked(args)
    for path, text in generated_files(result.catalog.config).items():
        target = args.root / path
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            print(result.messages.cli("generated_current", path=path))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(result.messages.cli("generated_written", path=path))
    return 0


def _site_config(args: argparse.Namespace):
    """site.yaml's settings even when other content files have problems (new, intake and links need only
    these); prints site.yaml's own problems and gives no settings when there are any."""
    site_front, problems = documents.load_site_config(args.root, Messages())
    messages = Messages(site_language(site_front))
    config = None
    if site_front is not None:
        config, problems = schema.validate_site(site_front, messages)
    for problem in problems:
        print(problem, file=sys.stderr)
    return config, messages


def run_intake(args: argparse.Namespace) -> int:
    """Issue-form body -> content/programs/ID.md, validated; a Markdown report for the issue with --report.
    With --author (the issue's author), only a maintainer of the named owner, or a site maintainer, on
    the checked-out branch gets a file: the label says "process this form", not "I vouch for its author"."""
    config, messages = _site_config(args)
    if config is None:
        return 1
    body = Path(args.body).read_text(encoding="utf-8", errors="replace")
    made = intake.from_issue(body, args.id, args.root, config, messages, build_date(args.today, config.timezone), args.author)
    if made.unknown:
        print(messages.cli("intake_unknown_headings", headings=", ".join(one_line(label) for label in made.unknown)), file=sys.stderr)
    if made.report:
        heading = messages.cli("intake_failed")
        lines = [f"- **{label}**: {github.literal(message)}" for label, message in made.report]
        _print_lines([one_line(heading), *(one_line(f"- {label}: {message}") for label, message in made.report)])
        if args.report:
            Path(args.report).write_text(heading + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
        return 1
    (args.root / made.path).parent.mkdir(parents=True, exist_ok=True)
    (args.root / made.path).write_text(made.text, encoding="utf-8")
    done = messages.cli("intake_written", path=made.path)
    print(done)
    if args.report:
        Path(args.report).write_text(done + "\n", encoding="utf-8")
    if args.id_file:
        Path(args.id_file).write_text(made.program_id, encoding="utf-8")
    return 0


def run_new(args: argparse.Namespace) -> int:
    """Ask for (or take) the required values, validate the file in memory, and write it only if it is right."""
    config, messages = _site_config(args)
    if config is None:
        return 1
    path = f"content/{'programs' if args.what == 'program' else 'owners'}/{args.id}.md"
    target = args.root / path
    id_problem = trust.id_problem(args.id, messages)
    if id_problem:
        raise UsageError(str(Problem(path, 1, id_problem)))
    if target.exists():
        print(messages.cli("new_exists", path=path), file=sys.stderr)
        return 1
    values = scaffold.ask(args.what, lambda name: getattr(args, name, None), messages)
    text = scaffold.skeleton(args.what, values, build_date(args.today, config.timezone), messages.language)
    problems = scaffold.validate_new_file(args.what, text, path, target, config, messages, args.root)
    if problems:
        raise ContentProblems(sorted(problems), messages.count(len(problems), building=False))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(messages.cli("new_written", path=path))
    return 0


def run_links(args: argparse.Namespace) -> int:
    from catalog.tools.links import broken_links

    config, _ = _site_config(args)
    if config is None:
        return 1
    site = args.out or args.root / "site"
    base_url = args.base_url or config.base_url
    base_path = "/" + base_url.split("://", 1)[1].partition("/")[2]
    broken = broken_links(site, base_path if base_path.endswith("/") else base_path + "/")
    for link in broken:
        print(link, file=sys.stderr)
    print(log("links_summary", pages=sum(1 for _ in site.rglob("*.html")), broken=len(broken)))
    return 1 if broken else 0


def run_signup_links(args: argparse.Namespace) -> int:
    from catalog.tools import signup_links

    result = _checked(args)
    dead = signup_links.dead_links(result.catalog)
    checked = len({p.signup_url for p in result.catalog.programs if p.state.accepts_signups})
    text = signup_links.report(dead, checked, result.catalog.today.isoformat())
    if args.report:
        Path(args.report).write_text(text, encoding="utf-8")
    _print_lines(one_line(f"{link.path}: {link.url}: {link.reason}") for link in dead)  # a reason can be a server's words
    print(log("signups_summary", checked=checked, dead=len(dead)))
    return 1 if dead else 0
