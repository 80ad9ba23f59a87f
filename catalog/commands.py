"""The sub-commands: each turns its options into calls of the stages and tools, and prints the result.
A failure is raised as a BuildError, which catalog/cli.py prints; each function returns the exit status.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

from catalog import leftovers, safe_files
from catalog.build import BuildOptions, Built, build, collecting_later
from catalog.cache import BuildCache
from catalog.content import accessibility, documents, schema
from catalog.content.model import Catalog
from catalog.content.read import build_date, read_catalog, site_language
from catalog.messages import Messages
from catalog.problems import BuildError, ContentProblems, Problem, UsageError, one_line
from catalog.tools import github, intake, interview, scaffold, trust
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
        raise UsageError(_site_messages(args.root).cli("base_url_not_http", value=base_url))
    templates = args.templates or (args.root / "templates" if (args.root / "templates").is_dir() else PACKAGE_TEMPLATES)
    a11y_run = None
    if getattr(args, "a11y_results", None):
        try:
            a11y_run = accessibility.read_results(args.a11y_results)
        except accessibility.ResultsError as error:
            raise UsageError(_site_messages(args.root).cli("a11y_results_unreadable", error=error)) from None
    return BuildOptions(args.root, (args.out or args.root / "site").resolve(), templates, args.today, base_url,
                        search=not args.no_search, pages_first=pages_first, a11y_run=a11y_run)


def run_build(args: argparse.Namespace, cache: BuildCache | None = None, pages_first: bool = False) -> int:
    """Validate and build. `cache` is kept in memory between builds by serve; without it the cache is
    read from and written to .cache/build/ beside the site."""
    # The collector waits for everything that makes objects: reading the cache (its JSON), the build,
    # saving the cache, and the closing line, after which the command exits without collecting at all.
    return collecting_later(lambda: _run_build(args, cache, pages_first))


def _run_build(args: argparse.Namespace, cache: BuildCache | None, pages_first: bool) -> int:
    import time

    started = time.perf_counter()
    options = build_options(args, pages_first)
    waiting = lambda: print(_site_messages(args.root).cli("build_waiting", lock=leftovers.lock_path(options.target)),  # noqa: E731
                            file=sys.stderr, flush=True)
    with leftovers.build_lock(options.target, waiting):  # one build at a time writes into a folder
        leftovers.remove_leftovers(options.target)
        built = _build_with_cache(args, options, cache, pages_first)
    _print_built(built, options, time.perf_counter() - started)
    return 0


def _build_with_cache(args: argparse.Namespace, options: BuildOptions, cache: BuildCache | None, pages_first: bool) -> Built:
    """build() between reading the cache (unless serve holds it) and saving what it learnt, even when it fails."""
    cache = cache if cache is not None else BuildCache.read(options.target, clean=args.clean)
    if cache.tracked:
        print(_site_messages(args.root).cli("cache_tracked", files=", ".join(cache.tracked)), file=sys.stderr)
    messages = _site_messages(args.root)
    try:
        built = build(options, cache, print)
    except ContentProblems:
        cache.save_content(options.target, messages)  # what was validated stays validated
        raise
    except BaseException:
        cache.save(options.target, messages=messages)
        raise
    cache.save(options.target, content=not pages_first, messages=messages)  # serve keeps it in memory, saves it when it stops
    return built


def _site_messages(root: Path) -> Messages:
    """Messages in the site's language, from site.yaml alone (before, or without, a whole read)."""
    site_front, _ = documents.load_site_config(root, Messages())
    return Messages(site_language(site_front))


def _print_built(built: Built, options: BuildOptions, seconds: float) -> None:
    catalog = built.catalog
    stale = sum(1 for program in catalog.programs if program.stale)
    if stale:
        print(built.messages.warning("stale_summary", count=stale, days=catalog.config.stale_after_days), file=sys.stderr)
    print(built.messages.cli("build_whole" if built.how == "built" else "build_updated", written=built.written,
                             programs=len(catalog.programs), owners=len(catalog.owners), files=built.files,
                             target=options.target, seconds=f"{seconds:.2f}", date=catalog.today.isoformat()))


def run_serve(args: argparse.Namespace) -> int:
    from catalog.tools.serve import POLL_INTERVAL, is_loopback, serve

    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # the console's; a replaced stream keeps its own buffering
            stream.reconfigure(line_buffering=True)
    target = (args.out or args.root / "site").resolve()
    cache = BuildCache.read(target, clean=args.clean)  # kept in memory: a rebuild reads only the files that changed
    site_front, _ = documents.load_site_config(args.root, Messages())
    messages = Messages(site_language(site_front))

    def rebuild() -> tuple[bool, tuple[str, ...]]:
        """A build whose messages also go to the open pages when it fails."""
        printed = io.StringIO()
        with contextlib.redirect_stderr(_Both(sys.stderr, printed)):
            ok = reported(lambda: run_build(args, cache, pages_first=True)) == 0
        return ok, tuple(line for line in printed.getvalue().splitlines() if line.strip())

    def polling(reason: str) -> str:
        return messages.cli("serve_polling", reason=reason, seconds=POLL_INTERVAL)

    if not is_loopback(args.bind):
        print(messages.cli("serve_not_loopback", bind=args.bind), file=sys.stderr)
    try:
        serve(args.root, target, args.port, rebuild, lambda line: print(line, flush=True), polling=polling,
              serving=lambda url: messages.cli("serve_serving", url=url), bind=args.bind,
              base_path=_served_path(args.base_url, site_front), heading=messages.cli("serve_overlay"))
    finally:
        cache.save_content(target, messages)
    return 0


def _served_path(base_url: str | None, site_front: documents.Mapping | None) -> str:
    """The path of the address the site is built for (`/catalog/`): where serve shows it, so that the 404
    page's links, which start with it, work."""
    import urllib.parse

    if base_url is None and site_front is not None:
        entry = site_front.entries.get("base_url")
        base_url = entry.value.text if entry is not None and isinstance(entry.value, documents.Scalar) else None
    path = urllib.parse.urlsplit(base_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


class _Both:
    """A text stream writing to two: the terminal, and the copy shown in the open pages."""

    def __init__(self, *streams):
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()


def _checked(args: argparse.Namespace) -> tuple[Catalog, Messages]:
    """The catalog read and validated; its problems raised."""
    result = read_catalog(args.root, args.today)
    return result.checked(), result.messages


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
            raise UsageError(messages.cli("changed_needs"))
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
    if problems or result.catalog is None:  # no catalog without a problem that says why
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
            stream.write(github.summary(problems, notes, headline, tuple(messages.cli("summary_words").split("|"))))


def run_generate(args: argparse.Namespace) -> int:
    catalog, messages = _checked(args)
    for path, text in generated_files(catalog.config).items():
        target = args.root / path
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            print(messages.cli("generated_current", path=path))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(messages.cli("generated_written", path=path))
    return 0


def _site_config(args: argparse.Namespace):
    """site.yaml's settings even when other content files have problems (new, intake and links need only
    these); prints site.yaml's own problems and gives no settings when there are any."""
    site_front, problems = documents.load_site_config(args.root, Messages())
    messages = Messages(site_language(site_front))
    config = None
    if site_front is not None:
        config, more = schema.validate_site(site_front, messages)
        problems += more
        config = None if problems else config  # read from a repaired copy (yaml_hints): not to be used
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
    """Ask for (or take) the values one at a time, each checked as it is given; write the file once it is right."""
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
    today = build_date(args.today, config.timezone)
    if args.what == "program":
        questions = interview.program_questions(config, _owner_choices(args.root, messages), today, messages)
    else:
        questions = interview.owner_questions(messages)
    given = {q.name: getattr(args, q.name) for q in questions if getattr(args, q.name, None) is not None}
    terminal = sys.stdin.isatty()
    try:
        values, missing = interview.interview(questions, given, input, functools.partial(print, flush=True), messages,
                                              terminal)
    except interview.Stopped as stopped:
        _print_resume(args, stopped.values, messages)
        return 1
    if missing:
        raise UsageError("\n".join(missing))
    text = scaffold.skeleton(args.what, values, today, messages.language)
    problems = scaffold.validate_new_file(args.what, text, path, target, config, messages, args.root)
    if problems:
        if terminal:  # every answer was checked: only a rule between fields can get here; keep the answers
            _print_resume(args, values, messages)
        raise ContentProblems(sorted(problems), messages.count(len(problems), building=False))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(messages.cli("new_written", path=path))
    return 0


def _print_resume(args: argparse.Namespace, values: dict[str, str], messages: Messages) -> None:
    print(file=sys.stderr)
    print(messages.cli("new_stopped"), file=sys.stderr)
    print("  " + interview.resume_command(args.what, args.id, values), file=sys.stderr)


def _owner_choices(root: Path, messages: Messages) -> list[interview.Choice]:
    """Every owner file's id and name (as written), for answering with a name."""
    files, _ = documents.content_files(root, "content/owners", messages)
    owners = []
    for entry, display in files:
        try:
            raw = safe_files.read_no_follow(Path(entry.path))
        except OSError:  # check names what is wrong with it; here it is only one name fewer to match
            continue
        document, _ = documents.load_document(raw, display, Path(entry.path), messages)
        name = document.front.entries.get("name") if document is not None else None
        label = name.value.text.strip() if name is not None and isinstance(name.value, documents.Scalar) else ""
        owners.append(interview.Choice(entry.name[:-3], label or entry.name[:-3]))
    return owners


def run_links(args: argparse.Namespace) -> int:
    from catalog.tools.links import broken_links

    config, messages = _site_config(args)
    if config is None:
        return 1
    site = args.out or args.root / "site"
    base_url = args.base_url or config.base_url
    base_path = "/" + base_url.split("://", 1)[1].partition("/")[2]
    broken = broken_links(site, base_path if base_path.endswith("/") else base_path + "/")
    for link in broken:
        print(messages.cli("broken_link", page=link.page, target=link.target), file=sys.stderr)
    print(messages.cli("links_result", pages=sum(1 for _ in site.rglob("*.html")), broken=len(broken)))
    return 1 if broken else 0


def run_signup_links(args: argparse.Namespace) -> int:
    from catalog.tools import signup_links

    catalog, messages = _checked(args)
    dead = signup_links.dead_links(catalog)
    checked = len({p.signup_url for p in catalog.programs if p.state.accepts_signups})
    text = signup_links.report(dead, checked, catalog.today.isoformat())
    if args.report:
        Path(args.report).write_text(text, encoding="utf-8")
    _print_lines(one_line(f"{link.path}: {link.url}: {link.reason}") for link in dead)  # a reason can be a server's words
    print(messages.cli("signups_result", checked=checked, dead=len(dead)))
    return 1 if dead else 0
