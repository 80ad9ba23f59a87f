"""Command line: `python build.py [build|check] [options]`."""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import io
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import (cache, documents, github, intake, interview, leftovers, markup, output, render, safe_files, schema, scaffold,
               search, trust)
from .localized_parser import LocalizedParser, help_text, language_of, root_language
from .model import DateRange, Image, Location, Owner, Program, State
from .placeholders import examples_left, placeholder_warnings
from .messages import Messages
from .pipeline import CheckResult, ContentMemo, Validated, build_date, check, site_language
from .problems import Problem, one_line

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _parser(messages: Messages = Messages()) -> argparse.ArgumentParser:
    h = functools.partial(help_text, messages)
    parser = LocalizedParser(prog="build.py", description=messages.help("description"), epilog=messages.help("epilog"),
                             messages=messages)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title=messages.help("commands"))

    def command(name: str, key: str) -> LocalizedParser:
        return commands.add_parser(name, help=h(key), description=messages.help(key), messages=messages)

    build = command("build", "build")
    checker = command("check", "check")
    checker.options.add_argument("--changed", metavar="FILE", help=h("changed"))
    checker.options.add_argument("--author", metavar="LOGIN", help=h("author"))
    checker.options.add_argument("--base", metavar="REV", help=h("base"))
    owners = command("generate", "generate")
    serving = command("serve", "serve")
    serving.options.add_argument("--port", type=int, default=8000, help=h("port"))
    serving.options.add_argument("--bind", default="127.0.0.1", metavar="ADDRESS", help=h("bind"))
    links = command("links", "links")
    links.options.add_argument("--out", type=Path, help=h("links_out"))
    links.options.add_argument("--base-url", help=h("links_base_url"))
    signups = command("signup-links", "signup_links")
    signups.options.add_argument("--report", metavar="FILE", help=h("signup_report"))
    intake_parser = command("intake", "intake")
    intake_parser.positionals.add_argument("body", help=h("intake_body"))
    intake_parser.options.add_argument("--id", help=h("intake_id"))
    intake_parser.options.add_argument("--report", metavar="FILE", help=h("intake_report"))
    intake_parser.options.add_argument("--id-file", metavar="FILE", help=h("intake_id_file"))
    intake_parser.options.add_argument("--author", metavar="LOGIN", help=h("intake_author"))
    new = command("new", "new")
    new.positionals.add_argument("what", choices=["program", "owner"], metavar="program|owner", help=h("new_what"))
    new.positionals.add_argument("id", help=h("new_id"))
    for name in dict.fromkeys(scaffold.PROGRAM_FIELDS + scaffold.OWNER_FIELDS):
        new.options.add_argument("--" + name.replace("_", "-"), dest=name, metavar=name.upper(), help=h("new_value", field=name))
    date_option = functools.partial(_date_option, messages)
    for sub in (parser, build, checker, owners, new, serving, intake_parser, links, signups):
        sub.options.add_argument("--root", type=Path, default=Path("."), help=h("root"))
        sub.options.add_argument("--today", metavar="YYYY-MM-DD", type=date_option, help=h("today"))
    for sub in (parser, build, serving):
        sub.options.add_argument("--out", type=Path, help=h("out"))
        sub.options.add_argument("--templates", type=Path, help=h("templates"))
        sub.options.add_argument("--base-url", help=h("base_url"))
        sub.options.add_argument("--no-search", action="store_true", help=h("no_search"))
        sub.options.add_argument("--clean", action="store_true", help=h("clean"))
    return parser


def _date_option(messages: Messages, text: str) -> str:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(messages.cli("not_a_date", value=text)) from None
    return text


def warnings(result: CheckResult) -> list[Problem]:
    """What maintainers should know but that does not fail a check: stale programs, deadlines within a week,
    text left from a skeleton or the issue form, a description that only repeats the summary."""
    catalog, found = result.catalog, []
    for owner in catalog.owners:
        found += placeholder_warnings(owner.path, owner.body, owner.body_line, None, result.messages)
    for program in catalog.programs:
        found += placeholder_warnings(program.path, program.body, program.body_line, program.summary, result.messages)
        found += examples_left(program.path, {"title": program.title, "summary": program.summary,
                                              "signup_url": program.signup_url}, program.lines, result.messages)
    for program in catalog.programs:
        if program.stale:
            line = program.lines.get("updated") or program.lines.get("posted", 1)
            days = (catalog.today - program.last_changed).days
            found.append(Problem(program.path, line, result.messages.warning("stale", days=days)))
        if program.state is State.CLOSING_SOON and (program.deadline - catalog.today).days <= 7:
            found.append(Problem(program.path, program.lines.get("deadline", 1),
                                 result.messages.warning("closing_soon", deadline=program.deadline.isoformat())))
    return sorted(found)


def _in_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _print_problems(result: CheckResult) -> None:
    with github.commands_stopped(sys.stderr, _in_actions()):
        for problem in result.problems:
            print(problem, file=sys.stderr)
    print(result.messages.count(len(result.problems)), file=sys.stderr)


def _pull_request_problems(args: argparse.Namespace, messages: Messages) -> tuple[list[trust.Change], list[Problem]] | int:
    """--changed: the paths a pull request may not have and the changes its author may not make,
    judged by the base revision (an exit status on wrong usage)."""
    if not args.author or not args.base:
        print(messages.cli("changed_needs"), file=sys.stderr)
        return 2
    try:
        changes = trust.parse_changes(Path(args.changed).read_bytes())
    except (OSError, trust.ChangesFormatError) as error:
        print(messages.cli("changed_unreadable", path=args.changed, error=error), file=sys.stderr)
        return 2
    known = subprocess.run(["git", "-C", str(args.root), "rev-parse", "--verify", "--quiet", f"{args.base}^{{commit}}"],
                           capture_output=True)
    if known.returncode != 0:
        print(messages.cli("base_unknown", base=args.base, root=args.root), file=sys.stderr)
        return 2
    author = args.author
    if author == trust.BOT_LOGIN:  # an intake pull request: judge the person who asked, not the workflow
        author = trust.requester(args.root, args.base) or author
    base = trust.git_base(args.root, args.base)
    return changes, trust.path_problems(args.root, changes, messages) + trust.trust_problems(args.root, changes, author, base, messages)


def run_check(args: argparse.Namespace) -> int:
    result = check(args.root, args.today)
    messages = result.messages
    problems = list(result.problems)
    changes = None
    if args.changed:
        judged = _pull_request_problems(args, messages)
        if isinstance(judged, int):
            return judged
        changes, refused = judged
        problems += refused
    if result.catalog is not None:
        problems += _drift_problems(args.root, result.catalog.config, messages, changes)
    problems = sorted(set(problems))
    notes = warnings(result) if result.catalog is not None else []
    in_actions = _in_actions()
    with github.commands_stopped(sys.stderr, in_actions):
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
                stream.write(github.summary(problems, notes, headline, tuple(messages.cli("summary_words").split("|"))))
    if problems:
        print(messages.count(len(problems), building=False), file=sys.stderr)
        return 1
    catalog = result.catalog
    print(messages.cli("check_ok", programs=len(catalog.programs), owners=len(catalog.owners)))
    return 0


def generated_files(config) -> dict[str, str]:
    """Files under .github/ derived from site.yaml (never from owners' files: a pull request that adds a
    program or edits an owner must not need a file only a site maintainer may change)."""
    return {github.CODEOWNERS_PATH: github.codeowners(config), intake.FORM_PATH: intake.issue_form(config)}


def _drift_problems(root: Path, config, messages: Messages, changes: list[trust.Change] | None) -> list[Problem]:
    """In a repository (it has .github/), the generated files must match site.yaml. In a pull request
    (`changes`), only drift the pull request made and can fix counts, reported on a file it changed."""
    if not (root / ".github").is_dir():
        return []
    changed = None if changes is None else {change.path for change in changes}
    problems = []
    for path, text in generated_files(config).items():
        current = (root / path).read_text(encoding="utf-8") if (root / path).is_file() else None
        if current == text:
            continue
        if changed is None or path in changed:
            problems.append(Problem(path, _first_difference(current or "", text), messages.problem("generated_stale", path=path)))
        elif "content/site.yaml" in changed:
            problems.append(Problem("content/site.yaml", 1, messages.problem("generated_source_changed", path=path)))
    return problems


def _first_difference(current: str, expected: str) -> int:
    for number, (have, want) in enumerate(zip(current.split("\n"), expected.split("\n")), start=1):
        if have != want:
            return number
    return min(current.count("\n"), expected.count("\n")) + 1


def run_generate(args: argparse.Namespace) -> int:
    result = check(args.root, args.today)
    if not result.ok:
        _print_problems(result)
        return 1
    for path, text in generated_files(result.catalog.config).items():
        target = args.root / path
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            print(result.messages.cli("generated_current", path=path))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(result.messages.cli("generated_written", path=path))
    return 0


def _validate_new_file(what: str, text: str, path: str, target: Path, config, messages, root: Path) -> list[Problem]:
    """A file about to be written, checked in memory with the build's own rules."""
    document, problems = documents.load_document(text.encode("utf-8"), path, target, messages)
    if document is None:
        return problems
    if what == "owner":
        return schema.validate_owner(document, messages)[1]
    problems = schema.validate_program(document, config, messages)[1]
    owner = document.front.entries.get("owner")
    if owner is not None and isinstance(owner.value, documents.Scalar):
        if not (root / "content" / "owners" / f"{owner.value.text.strip()}.md").is_file():
            problems.append(Problem(path, owner.value.line, messages.problem("owner_unknown", value=owner.value.text.strip())))
    return problems


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
    issue = intake.parse_issue(body)
    values = issue.values
    program_id = (args.id or values.get("id", "")).strip()
    report: list[tuple[str, str]] = []  # (form label, message): every message may echo user text
    for label in issue.repeated:
        report.append((label, messages.problem("intake_repeated_heading", label=label)))
    path = f"content/programs/{program_id}.md"
    id_label = intake.FIELDS[0].label
    id_problem = trust.id_problem(program_id, messages) if program_id else messages.id_problem("")
    if id_problem:
        report.append((id_label, id_problem))
    elif (args.root / path).exists():
        report.append((id_label, messages.problem("intake_id_exists")))
    if args.author and not issue.repeated:
        report += [(intake.BY_LABEL["団体の ID"].label, message) for message in _intake_trust(args, config, values, messages)]
    text = intake.program_file(values, build_date(args.today, config.timezone))
    if not report:
        for problem in sorted(_validate_new_file("program", text, path, args.root / path, config, messages, args.root)):
            label = intake.label_for(problem.message) or intake.label_of_line(text, problem.line) or problem.path
            report.append((label, problem.message))
    if issue.unknown:
        print(("知らない見出しを無視しました: " if messages.language == "ja" else "ignored unknown headings: ")
              + ", ".join(one_line(label) for label in issue.unknown), file=sys.stderr)
    if report:
        heading = ("掲載用のファイルを作れませんでした。次の項目を直してください:" if messages.language == "ja"
                   else "The program file could not be made. Please fix:")
        lines = [f"- **{label}**: {github.literal(message)}" for label, message in report]
        text_report = heading + "\n\n" + "\n".join(lines) + "\n"
        with github.commands_stopped(sys.stderr, _in_actions()):
            print(one_line(heading), file=sys.stderr)
            for label, message in report:
                print(one_line(f"- {label}: {message}"), file=sys.stderr)
        if args.report:
            Path(args.report).write_text(text_report, encoding="utf-8")
        return 1
    (args.root / path).parent.mkdir(parents=True, exist_ok=True)
    (args.root / path).write_text(text, encoding="utf-8")
    done = (f"{path} を作りました。" if messages.language == "ja" else f"wrote {path}.")
    print(done)
    if args.report:
        Path(args.report).write_text(done + "\n", encoding="utf-8")
    if args.id_file:
        Path(args.id_file).write_text(program_id, encoding="utf-8")
    return 0


def _intake_trust(args: argparse.Namespace, config, values: dict[str, str], messages: Messages) -> list[str]:
    """The issue's author must maintain the owner the form names (an unknown owner is the schema's problem)."""
    author = args.author
    if author.lower() in (login.lower() for login in config.maintainers):
        return []
    owner = " ".join(values.get("owner", "").split())
    source = args.root / "content" / "owners" / f"{owner}.md"
    if not documents.ID_PATTERN.fullmatch(owner) or not source.is_file():
        return []
    maintainers = trust.maintainers_of(source.read_bytes(), f"content/owners/{owner}.md")
    if author.lower() in (login.lower() for login in maintainers):
        return []
    nobody = messages.problem("trust_nobody")
    return [messages.problem("intake_not_maintainer", author=author, owner=owner,
                             maintainers=", ".join(maintainers) or nobody, admins=", ".join(config.maintainers) or nobody)]


def run_new(args: argparse.Namespace) -> int:
    """Ask for (or take) the values one at a time, each checked as it is given; write the file once it is right."""
    config, messages = _site_config(args)
    if config is None:
        return 1
    folder = "programs" if args.what == "program" else "owners"
    path = f"content/{folder}/{args.id}.md"
    target = args.root / path
    id_problem = trust.id_problem(args.id, messages)
    if id_problem:
        print(Problem(path, 1, id_problem), file=sys.stderr)
        return 2
    if target.exists():
        print(messages.cli("new_exists", path=path), file=sys.stderr)
        return 1
    today = build_date(args.today, config.timezone)
    if args.what == "program":
        questions = interview.program_questions(config, _owner_choices(args.root, messages), today, messages)
    else:
        questions = interview.owner_questions(messages)
    given = {question.name: getattr(args, question.name) for question in questions
             if getattr(args, question.name, None) is not None}
    terminal = sys.stdin.isatty()
    say = functools.partial(print, flush=True)
    try:
        values, missing = interview.interview(questions, given, input, say, messages, terminal)
    except interview.Stopped as stopped:
        print("", file=sys.stderr)
        print(messages.cli("new_stopped"), file=sys.stderr)
        print("  " + interview.resume_command(args.what, args.id, stopped.values), file=sys.stderr)
        return 1
    if missing:
        for line in missing:
            print(line, file=sys.stderr)
        return 2
    if args.what == "program":
        text = scaffold.program_skeleton(values, today, messages.language)
    else:
        text = scaffold.owner_skeleton(values, messages.language)
    problems = _validate_new_file(args.what, text, path, target, config, messages, args.root)
    if problems:
        for problem in sorted(problems):
            print(problem, file=sys.stderr)
        print(messages.count(len(problems), building=False), file=sys.stderr)
        if terminal:  # every answer was checked: only a rule between fields can get here; keep the answers
            print(messages.cli("new_stopped"), file=sys.stderr)
            print("  " + interview.resume_command(args.what, args.id, values), file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(messages.cli("new_written", path=path))
    return 0


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
    from .links import broken_links

    config, messages = _site_config(args)
    if config is None:
        return 1
    site = args.out or args.root / "site"
    base_url = args.base_url or config.base_url
    base_path = "/" + base_url.split("://", 1)[1].partition("/")[2]
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    broken = broken_links(site, base_path)
    for link in broken:
        print(messages.cli("broken_link", page=link.page, target=link.target), file=sys.stderr)
    pages = sum(1 for _ in site.rglob("*.html"))
    print(messages.cli("links_result", pages=pages, broken=len(broken)))
    return 1 if broken else 0


def run_signup_links(args: argparse.Namespace) -> int:
    from . import signup_links

    result = check(args.root, args.today)
    if not result.ok:
        _print_problems(result)
        return 1
    dead = signup_links.dead_links(result.catalog)
    checked = len({p.signup_url for p in result.catalog.programs if p.state.accepts_signups})
    text = signup_links.report(dead, checked, result.catalog.today.isoformat())
    if args.report:
        Path(args.report).write_text(text, encoding="utf-8")
    with github.commands_stopped(sys.stderr, _in_actions()):  # a reason can be a remote server's words
        for link in dead:
            print(one_line(f"{link.path}: {link.url}: {link.reason}"), file=sys.stderr)
    print(result.messages.cli("signups_result", checked=checked, dead=len(dead)))
    return 1 if dead else 0


def run_serve(args: argparse.Namespace) -> int:
    from .serve import POLL_INTERVAL, is_loopback, serve

    sys.stdout.reconfigure(line_buffering=True)
    sys.stderr.reconfigure(line_buffering=True)
    site = (args.out or args.root / "site").resolve()
    memo = BuildMemo.read(site, clean=args.clean)  # kept in memory: a rebuild reads only the files that changed
    site_front, _ = documents.load_site_config(args.root, Messages())
    messages = Messages(site_language(site_front))

    def rebuild() -> tuple[bool, tuple[str, ...]]:
        """A build whose messages also go to the open pages when it fails."""
        printed = io.StringIO()
        with contextlib.redirect_stderr(_Both(sys.stderr, printed)):
            ok = run_build(args, memo, pages_first=True) == 0
        return ok, tuple(line for line in printed.getvalue().splitlines() if line.strip())

    def say(line: str) -> None:
        print(line, flush=True)

    def polling(reason: str) -> str:
        return messages.cli("serve_polling", reason=reason, seconds=POLL_INTERVAL)

    if not is_loopback(args.bind):
        print(messages.cli("serve_not_loopback", bind=args.bind), file=sys.stderr)
    try:
        serve(args.root, site, args.port, rebuild, say, polling=polling,
              serving=lambda url: messages.cli("serve_serving", url=url), bind=args.bind,
              base_path=_served_path(args.base_url, site_front), heading=messages.cli("serve_overlay"))
    finally:
        memo.save_content(site, messages)
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


def run_build(args: argparse.Namespace, memo: BuildMemo | None = None, pages_first: bool = False) -> int:
    """Validate, then write the site: in place when a previous build's manifest says what changed
    (and few things did), else whole beside it and swapped in. `memo` keeps the cache in memory
    between builds (serve); without it the cache is read from and written to ROOT/.cache/build/."""
    # The cyclic garbage collector rescanned the model (and serve's cache) again and again while a
    # build made its many small objects: a fifth of a rebuild. A build makes few cycles; collect after.
    collecting = gc.isenabled()
    gc.disable()
    target = (args.out or args.root / "site").resolve()
    try:
        with leftovers.build_lock(target, lambda: _say_waiting(args.root, target)):
            leftovers.remove_leftovers(target)
            return _run_build(args, memo, pages_first)
    finally:
        if collecting:
            gc.enable()


def _say_waiting(root: Path, target: Path) -> None:
    site_front, _ = documents.load_site_config(root, Messages())
    print(Messages(site_language(site_front)).cli("build_waiting", lock=leftovers.lock_path(target)), file=sys.stderr, flush=True)


def _run_build(args: argparse.Namespace, memo: BuildMemo | None, pages_first: bool) -> int:
    started = time.perf_counter()
    base_url = args.base_url
    if base_url and not base_url.startswith(("https://", "http://")):
        print(Messages(root_language(args.root)).cli("base_url_not_http", value=base_url), file=sys.stderr)
        return 2
    target = (args.out or args.root / "site").resolve()
    memo = memo if memo is not None else BuildMemo.read(target, clean=getattr(args, "clean", False))
    result = check(args.root, args.today, base_url, memo.content)
    if memo.tracked:
        print(result.messages.cli("cache_tracked", files=", ".join(memo.tracked)), file=sys.stderr)
    if not result.ok:
        memo.save_content(target, result.messages)  # what was validated stays validated
        _print_problems(result)
        return 1
    catalog = result.catalog
    templates = args.templates or (args.root / "templates" if (args.root / "templates").is_dir() else PACKAGE_TEMPLATES)
    links = safe_files.links_under(templates.parent, templates.name)
    if links:  # a linked template or asset could publish any file of the machine
        for link in links:
            print(Problem(link, 1, result.messages.problem("symlink")), file=sys.stderr)
        print(result.messages.count(len(links)), file=sys.stderr)
        return 1
    # The bundles depend on the content as the pages do, but not on the templates.
    index_key = "" if args.no_search else render.content_key(
        catalog, cache.digest(cache.code_version(), repr(catalog.config), catalog.today.isoformat()))
    documents = cache.index_documents_path(target)
    folders = {"": target} if args.no_search else {"": target, "index": documents}
    common = render.common_key(catalog, templates)
    content = render.content_key(catalog, common)
    previous = memo.manifest
    # Nothing any file depends on changed since this site was written: no file to look at.
    unchanged = previous is not None and (previous.common, previous.content, previous.index, previous.folder) == \
        (common, content, index_key, output.folder_identity(target))
    fresh_index, touched, update = None, False, None
    scratch = leftovers.scratch_path(target)
    try:
        if unchanged:
            manifest, written = previous, 0
            if pages_first:
                print(result.messages.cli("pages_written", count=0, seconds=f"{time.perf_counter() - started:.2f}"))
        else:
            outputs = list(render.render_site(catalog, templates, memo.fragments, with_index=not args.no_search))
            update = output.plan_update(outputs, folders, previous, common, defer_late=pages_first) if previous is not None else None
            if update is None:
                manifest, written = _build_whole(outputs, catalog, target, None if args.no_search else documents)
            else:
                manifest = update.manifest
                reindex = not args.no_search and previous.index != index_key
                index_part, pages = update.split("index")
                output.apply_update(index_part, scratch)  # the documents Pagefind reads, in the cache
                if reindex and not pages_first:  # the index before any page: a failure leaves site/ as it was
                    fresh_index = search.index_beside(catalog, target, documents)
                touched = True
                written = output.apply_update(pages, scratch)
                if pages_first:  # serve: the pages now; data files and the search index follow
                    print(result.messages.cli("pages_written", count=written, seconds=f"{time.perf_counter() - started:.2f}"))
                    written += output.apply_update(pages.rendered_later(folders), scratch)
                if args.no_search:
                    search.remove_index(target)
                if reindex and pages_first:
                    fresh_index = search.index_beside(catalog, target, documents)
                if fresh_index is not None:
                    search.swap_index(fresh_index, target)
    except (jinja2.TemplateError, output.BuildFailed, search.SearchIndexError, OSError, render.DuplicateOutput,
            markup.MarkdownTooComplex) as error:
        if fresh_index is not None:
            output.discard(fresh_index)
        print(_describe(error, result.messages), file=sys.stderr)
        print(result.messages.cli("index_not_updated" if touched else "site_unchanged"), file=sys.stderr)
        memo.manifest = None  # whatever was half-done, the next build starts clean
        memo.save(target, messages=result.messages)
        return 1
    if manifest is not previous:  # builds make new manifests, never change a saved one
        manifest.index = index_key
        manifest.common = common
        manifest.content = content
        manifest.folder = output.folder_identity(target)
    memo.manifest = manifest
    memo.save(target, content=not pages_first, messages=result.messages)  # serve keeps it in memory, saves it when it stops
    stale = sum(1 for program in catalog.programs if program.stale)
    if stale:
        print(result.messages.warning("stale_summary", count=stale, days=catalog.config.stale_after_days), file=sys.stderr)
    seconds = time.perf_counter() - started
    how = "build_whole" if not unchanged and update is None else "build_updated"
    print(result.messages.cli(how, written=written, programs=len(catalog.programs), owners=len(catalog.owners),
                              files=manifest.files, target=target, seconds=f"{seconds:.2f}", date=catalog.today.isoformat()))
    return 0


def _describe(error: BaseException, messages: Messages) -> str:
    """A failed build as one line: a template's error with its file and line, any other by its type."""
    if isinstance(error, jinja2.TemplateError):
        return messages.cli("template_error", detail=output.describe(error))
    return messages.cli("build_error", detail=str(error) if isinstance(error, output.BuildFailed) else output.describe(error))


def _build_whole(outputs, catalog, target: Path, documents: Path | None) -> tuple[output.Manifest, int]:
    staging = output.staging_path(target)
    spare = cache.spare_path(target)
    output.take_spare(spare, staging)
    indexing: dict = {}
    try:
        # Pagefind starts once the index documents are written, and runs beside the page writers.
        start = (lambda: indexing.update(search.start_index(catalog, staging, documents))) if documents is not None else None
        manifest = output.write_full(outputs, staging, index=documents, between=start)
        if documents is not None:
            search.finish_index(catalog, staging, indexing)
        output.swap_in(staging, target, spare)
    except BaseException:
        search.stop_index(indexing)
        output.set_aside(staging, spare)
        raise
    return manifest, len(outputs)


@dataclass
class BuildMemo:
    """The build cache (see cache.py): validated content files and the manifest of the written site."""

    content: ContentMemo
    manifest: output.Manifest | None
    fragments: dict = field(default_factory=dict)  # see render.render_site; kept in memory only (serve)
    saved_manifest: output.Manifest | None = None  # as on disk: an unchanged manifest is not written again
    tracked: list[str] = field(default_factory=list)  # cache files git tracks: not read (see cache.py)

    @classmethod
    def read(cls, target: Path, clean: bool = False) -> "BuildMemo":
        if clean:
            return cls(ContentMemo(), None)
        tracked = cache.tracked_cache_files(target)
        if tracked:
            return cls(ContentMemo(), None, tracked=tracked)
        content: dict = {}
        for shard in range(cache.CONTENT_SHARDS):
            entries = cache.load(cache.content_path(target, shard), CONTENT_CLASSES)
            if isinstance(entries, dict) and all(isinstance(v, Validated) for v in entries.values()):
                content.update(entries)
        manifest = cache.load(cache.manifest_path(target), (output.Manifest,)) if target.is_dir() else None
        manifest = manifest if isinstance(manifest, output.Manifest) else None
        return cls(ContentMemo(content), manifest, {}, manifest)

    def save_content(self, target: Path, messages: Messages = Messages()) -> None:
        if self.tracked:  # never write over files of the repository
            return
        for shard, entries in sorted(self.content.shards(self.content.dirty).items()):
            _quietly(cache.save, cache.content_path(target, shard), entries, messages)
        self.content.dirty.clear()

    def save(self, target: Path, content: bool = True, messages: Messages = Messages()) -> None:
        if self.tracked:
            return
        if content:
            self.save_content(target, messages)
        if self.manifest != self.saved_manifest or self.manifest is None:
            _quietly(cache.save, cache.manifest_path(target), self.manifest, messages)
            self.saved_manifest = self.manifest  # builds make new manifests, never change a saved one


# What the content cache may hold: nothing else is rebuilt from its files.
CONTENT_CLASSES = (Validated, Owner, Program, Image, Location, DateRange, Problem, State)


def _quietly(save, path: Path, value, messages: Messages) -> None:
    """A cache that cannot be written (a read-only checkout) makes the next build slower, not wrong."""
    try:
        save(path, value)
    except OSError as error:
        print(messages.cli("cache_not_written", error=error), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(Messages(language_of(argv))).parse_args(argv)
    if args.command == "check":
        return run_check(args)
    if args.command == "generate":
        return run_generate(args)
    if args.command == "new":
        return run_new(args)
    if args.command == "serve":
        return run_serve(args)
    if args.command == "intake":
        return run_intake(args)
    if args.command == "links":
        return run_links(args)
    if args.command == "signup-links":
        return run_signup_links(args)
    return run_build(args)


def run_and_exit() -> None:
    """The command line as a program (`python build.py`, `python -m catalog`): run, flush, exit."""
    code = main()
    # Everything is written and closed by now. Tearing down the interpreter would free the model and
    # the build cache object by object: 0.3 s of a 1-second rebuild of 10,000 programs, for nothing.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a reader that went away (`python build.py | head`): nothing left to tell it
            pass
    os._exit(code or 0)
