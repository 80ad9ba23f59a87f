"""The command line: `python build.py [COMMAND] [options]`. Parses the arguments and hands them to the
command (catalog/commands.py); a BuildError becomes its message on stderr and the exit status."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from catalog import commands
from catalog.tools import scaffold

COMMANDS = {
    "build": commands.run_build,
    "check": commands.run_check,
    "generate": commands.run_generate,
    "new": commands.run_new,
    "serve": commands.run_serve,
    "intake": commands.run_intake,
    "links": commands.run_links,
    "signup-links": commands.run_signup_links,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    run = COMMANDS[args.command or "build"]
    return commands.reported(lambda: run(args))


def run_and_exit() -> None:
    """The command line as a program (`python build.py`, `python -m catalog`): run, flush, and leave
    without tearing the interpreter down (a kept speed-up: docs/performance.md)."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a reader that went away (`python build.py | head`): nothing left to tell it
            pass
    os._exit(code or 0)


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
    for name in dict.fromkeys(f for f, *_ in scaffold.PROGRAM_PROMPTS + scaffold.OWNER_PROMPTS):
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
    return parser


def _date_option(text: str) -> str:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (YYYY-MM-DD)") from None
    return text
