"""Command line: `python build.py [build|check] [options]`."""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import accessibility, cache, documents, github, intake, output, render, schema, scaffold, search, trust
from .model import State
from .messages import Messages
from .pipeline import CheckResult, ContentMemo, build_date, check, site_language
from .problems import Problem, one_line

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
    checker.add_argument("--changed", metavar="FILE",
                         help="`git diff -z --name-status BASE...HEAD` of a pull request: refuse paths outside the content "
                              "contract and changes the author may not make (who maintains what is read from --base)")
    checker.add_argument("--author", metavar="LOGIN", help="the pull request author's GitHub login (with --changed)")
    checker.add_argument("--base", metavar="REV", help="the pull request's base commit: the only source of who may change what")
    owners = commands.add_parser("generate", help="write .github/CODEOWNERS and the issue form from content/ (check fails when they drift)")
    serving = commands.add_parser("serve", help="build, serve on localhost, rebuild and reload on every change")
    serving.add_argument("--port", type=int, default=8000, help="the port on 127.0.0.1 (0: any free port; default 8000)")
    links = commands.add_parser("links", help="check every internal link and #fragment of the built site")
    links.add_argument("--out", type=Path, help="the built site (default: ROOT/site)")
    links.add_argument("--base-url", help="the address the site was built for (resolves the 404 page's links)")
    signups = commands.add_parser("signup-links", help="fetch every open program's sign-up URL (the nightly job)")
    signups.add_argument("--report", metavar="FILE", help="write a Markdown report of the dead links here")
    intake_parser = commands.add_parser("intake", help="turn a 'new program' issue form's body into a program file")
    intake_parser.add_argument("body", help="a file holding the issue body")
    intake_parser.add_argument("--id", help="the program id, if not the one given in the form")
    intake_parser.add_argument("--report", metavar="FILE", help="write a Markdown report for the issue here")
    intake_parser.add_argument("--id-file", metavar="FILE", help="write the id of the file made here (for the workflow)")
    intake_parser.add_argument("--author", metavar="LOGIN",
                               help="the issue's author: a file is made only if they maintain the owner named in the form")
    new = commands.add_parser("new", help="write a new program or owner file (asks for what is missing)")
    new.add_argument("what", choices=["program", "owner"], metavar="program|owner")
    new.add_argument("id", help="the file name without .md: lower-case letters, digits and hyphens (it becomes the page address)")
    for name in dict.fromkeys(f for f, *_ in scaffold.PROGRAM_FIELDS + scaffold.OWNER_FIELDS):
        new.add_argument("--" + name.replace("_", "-"), dest=name)
    for sub in (parser, build, checker, owners, new, serving, intake_parser, links, signups):
        sub.add_argument("--root", type=Path, default=Path("."), help="the project folder holding content/ (default: .)")
        sub.add_argument("--today", metavar="YYYY-MM-DD", type=_date_option,
                         help="the build date for deadlines and states (default: SOURCE_DATE_EPOCH, else today in the site's time zone)")
    for sub in (parser, build, serving):
        sub.add_argument("--out", type=Path, help="where to build (default: ROOT/site)")
        sub.add_argument("--templates", type=Path, help="the templates folder (default: ROOT/templates)")
        sub.add_argument("--base-url", help="serve under this URL instead of site.yaml's base_url (e.g. for GitHub Pages)")
        sub.add_argument("--no-search", action="store_true", help="build the pages without the search index (faster previews)")
        sub.add_argument("--clean", action="store_true", help="ignore the build cache (.cache/build/) and build everything")
        sub.add_argument("--a11y-results", metavar="FILE", type=Path,
                         help="the accessibility tests' results (pytest --a11y-results FILE) for the accessibility page; "
                              "without it the page says this version is not yet tested")
    return parser


def _date_option(text: str) -> str:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (YYYY-MM-DD)") from None
    return text


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
    found += _alt_text_warnings(result)
    return sorted(found)


def _alt_text_warnings(result: CheckResult) -> list[Problem]:
    """Alternative texts that do not say what the picture shows (CONTRIBUTING.md tells owners how to write one)."""
    catalog, messages, found = result.catalog, result.messages, []
    things = [(p.path, p.lines, p.image, "image_alt", p.title) for p in catalog.programs + catalog.drafts if p.image]
    things += [(o.path, o.lines, o.logo, "logo_alt", o.name) for o in catalog.owners if o.logo]
    for path, lines, picture, field_name, title in things:
        for key in accessibility.alt_text_warnings(picture.alt, picture.name, title):
            found.append(Problem(path, lines.get(field_name, 1), messages.warning(key, field=field_name, title=title)))
    return found


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
        print("--changed needs --author (the pull request's author) and --base (its base commit)", file=sys.stderr)
        return 2
    try:
        changes = trust.parse_changes(Path(args.changed).read_bytes())
    except (OSError, trust.ChangesFormatError) as error:
        print(f"--changed {args.changed}: {error}", file=sys.stderr)
        return 2
    known = subprocess.run(["git", "-C", str(args.root), "rev-parse", "--verify", "--quiet", f"{args.base}^{{commit}}"],
                           capture_output=True)
    if known.returncode != 0:
        print(f"--base {args.base}: not a commit of the repository at {args.root}", file=sys.stderr)
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
                stream.write(github.summary(problems, notes, headline))
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
    """Ask for (or take) the required values, validate the file in memory, and write it only if it is right."""
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
        print(f"{path}: " + ("すでにあります。上書きはしません" if messages.language == "ja" else "already exists; not overwritten"), file=sys.stderr)
        return 1
    fields = scaffold.PROGRAM_FIELDS if args.what == "program" else scaffold.OWNER_FIELDS
    values = {}
    for name, required, prompt_ja, prompt_en in fields:
        value = getattr(args, name, None)
        if value is None and sys.stdin.isatty():
            value = input(f"{prompt_en if messages.language == 'en' else prompt_ja}: ").strip() or None
        if value is None and required:
            print(f"--{name.replace('_', '-')} " + ("が必要です" if messages.language == "ja" else "is required"), file=sys.stderr)
            return 2
        if value is not None:
            values[name] = value
    if args.what == "program":
        text = scaffold.program_skeleton(values, build_date(args.today, config.timezone), messages.language)
    else:
        text = scaffold.owner_skeleton(values, messages.language)
    problems = _validate_new_file(args.what, text, path, target, config, messages, args.root)
    if problems:
        for problem in sorted(problems):
            print(problem, file=sys.stderr)
        print(messages.count(len(problems), building=False), file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(("書きました: " if messages.language == "ja" else "wrote ") + path)
    return 0


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
        print(link, file=sys.stderr)
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"{pages} pages, {len(broken)} broken internal link(s)")
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
    print(f"{checked} sign-up link(s) checked, {len(dead)} dead")
    return 1 if dead else 0


def run_serve(args: argparse.Namespace) -> int:
    from .serve import POLL_INTERVAL, serve

    sys.stdout.reconfigure(line_buffering=True)
    sys.stderr.reconfigure(line_buffering=True)
    site = (args.out or args.root / "site").resolve()
    memo = BuildMemo.read(site, clean=args.clean)  # kept in memory: a rebuild reads only the files that changed

    def rebuild() -> bool:
        return run_build(args, memo, pages_first=True) == 0

    def say(line: str) -> None:
        print(line, flush=True)

    site_front, _ = documents.load_site_config(args.root, Messages())
    messages = Messages(site_language(site_front))

    def polling(reason: str) -> str:
        return messages.cli("serve_polling", reason=reason, seconds=POLL_INTERVAL)

    try:
        serve(args.root, site, args.port, rebuild, say, polling=polling)
    finally:
        memo.save_content(site)
    return 0


def run_build(args: argparse.Namespace, memo: BuildMemo | None = None, pages_first: bool = False) -> int:
    """Validate, then write the site: in place when a previous build's manifest says what changed
    (and few things did), else whole beside it and swapped in. `memo` keeps the cache in memory
    between builds (serve); without it the cache is read from and written to ROOT/.cache/build/."""
    # The cyclic garbage collector rescanned the model (and serve's cache) again and again while a
    # build made its many small objects: a fifth of a rebuild. A build makes few cycles; collect after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run_build(args, memo, pages_first)
    finally:
        if collecting:
            gc.enable()


def _run_build(args: argparse.Namespace, memo: BuildMemo | None, pages_first: bool) -> int:
    started = time.perf_counter()
    base_url = args.base_url
    if base_url and not base_url.startswith(("https://", "http://")):
        print(f"--base-url must be an http(s) URL: {base_url}", file=sys.stderr)
        return 2
    target = (args.out or args.root / "site").resolve()
    memo = memo if memo is not None else BuildMemo.read(target, clean=getattr(args, "clean", False))
    result = check(args.root, args.today, base_url, memo.content)
    if not result.ok:
        memo.save_content(target)  # what was validated stays validated
        _print_problems(result)
        return 1
    catalog = result.catalog
    a11y_run = None
    if getattr(args, "a11y_results", None):
        try:
            a11y_run = accessibility.read_results(args.a11y_results)
        except accessibility.ResultsError as error:
            print(f"--a11y-results {error}", file=sys.stderr)
            return 2
    templates = args.templates or (args.root / "templates" if (args.root / "templates").is_dir() else PACKAGE_TEMPLATES)
    # The bundles depend on the content as the pages do, but not on the templates.
    index_key = "" if args.no_search else render.content_key(
        catalog, cache.digest(cache.code_version(), repr(catalog.config), catalog.today.isoformat()))
    documents = cache.index_documents_path(target)
    folders = {"": target} if args.no_search else {"": target, "index": documents}
    common = render.common_key(catalog, templates)
    content = cache.digest(render.content_key(catalog, common), repr(a11y_run))  # the accessibility page shows the run
    previous = memo.manifest
    # Nothing any file depends on changed since this site was written: no file to look at.
    unchanged = previous is not None and (previous.common, previous.content, previous.index, previous.folder) == \
        (common, content, index_key, output.folder_identity(target))
    fresh_index, touched, update = None, False, None
    try:
        if unchanged:
            manifest, written = previous, 0
            if pages_first:
                print(result.messages.cli("pages_written", count=0, seconds=f"{time.perf_counter() - started:.2f}"))
        else:
            outputs = list(render.render_site(catalog, templates, memo.fragments, with_index=not args.no_search, a11y_run=a11y_run))
            update = output.plan_update(outputs, folders, previous, common, defer_late=pages_first) if previous is not None else None
            if update is None:
                manifest, written = _build_whole(outputs, catalog, target, None if args.no_search else documents)
            else:
                manifest = update.manifest
                reindex = not args.no_search and previous.index != index_key
                index_part, pages = update.split("index")
                output.apply_update(index_part)  # the documents Pagefind reads, in the cache
                if reindex and not pages_first:  # the index before any page: a failure leaves site/ as it was
                    fresh_index = search.index_beside(catalog, target, documents)
                touched = True
                written = output.apply_update(pages)
                if pages_first:  # serve: the pages now; data files and the search index follow
                    print(result.messages.cli("pages_written", count=written, seconds=f"{time.perf_counter() - started:.2f}"))
                    written += output.apply_update(pages.rendered_later(folders))
                if args.no_search:
                    search.remove_index(target)
                if reindex and pages_first:
                    fresh_index = search.index_beside(catalog, target, documents)
                if fresh_index is not None:
                    search.swap_index(fresh_index, target)
    except (jinja2.TemplateError, output.BuildFailed, search.SearchIndexError, OSError, render.DuplicateOutput) as error:
        if fresh_index is not None:
            output.discard(fresh_index)
        print(output.describe(error) if not isinstance(error, output.BuildFailed) else str(error), file=sys.stderr)
        print("the pages were updated, the search index was not" if touched else "the site was not changed", file=sys.stderr)
        memo.manifest = None  # whatever was half-done, the next build starts clean
        memo.save(target)
        return 1
    if manifest is not previous:  # builds make new manifests, never change a saved one
        manifest.index = index_key
        manifest.common = common
        manifest.content = content
        manifest.folder = output.folder_identity(target)
    memo.manifest = manifest
    memo.save(target, content=not pages_first)  # serve keeps it in memory, and saves it when it stops
    stale = sum(1 for program in catalog.programs if program.stale)
    if stale:
        print(result.messages.warning("stale_summary", count=stale, days=catalog.config.stale_after_days), file=sys.stderr)
    seconds = time.perf_counter() - started
    how = "built" if not unchanged and update is None else f"updated ({written} files written)"
    print(f"{how} {len(catalog.programs)} programs, {len(catalog.owners)} owners, {manifest.files} files "
          f"into {target} in {seconds:.2f} s (build date {catalog.today.isoformat()})")
    return 0


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
    fragments: dict = field(default_factory=dict)  # see render.render_site; on disk only the compiled templates
    saved_manifest: output.Manifest | None = None  # as on disk: an unchanged manifest is not written again
    saved_templates: dict = field(default_factory=dict)

    @classmethod
    def read(cls, target: Path, clean: bool = False) -> "BuildMemo":
        if clean:
            return cls(ContentMemo(), None)
        content: dict = {}
        for shard in range(cache.CONTENT_SHARDS):
            entries = cache.load(cache.content_path(target, shard))
            content.update(entries if isinstance(entries, dict) else {})
        manifest = cache.load(cache.manifest_path(target)) if target.is_dir() else None
        manifest = manifest if isinstance(manifest, output.Manifest) else None
        templates = cache.load(cache.templates_path(target))
        templates = dict(templates) if isinstance(templates, dict) else {}
        memo = ContentMemo(content)
        # Compiling the templates took 0.12 s of every command run; Jinja checks each one's source.
        return cls(memo, manifest, {"templates": templates}, manifest, dict(templates))

    def save_content(self, target: Path) -> None:
        for shard, entries in sorted(self.content.shards(self.content.dirty).items()):
            _quietly(cache.save, cache.content_path(target, shard), entries)
        self.content.dirty.clear()

    def save(self, target: Path, content: bool = True) -> None:
        if content:
            self.save_content(target)
        if self.manifest != self.saved_manifest or self.manifest is None:
            _quietly(cache.save, cache.manifest_path(target), self.manifest)
            self.saved_manifest = self.manifest  # builds make new manifests, never change a saved one
        templates = self.fragments.get("templates", {})
        if templates != self.saved_templates:
            _quietly(cache.save, cache.templates_path(target), templates)
            self.saved_templates = dict(templates)


def _quietly(save, path: Path, value) -> None:
    """A cache that cannot be written (a read-only checkout) makes the next build slower, not wrong."""
    try:
        save(path, value)
    except OSError as error:
        print(f"note: build cache not written ({error})", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
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
