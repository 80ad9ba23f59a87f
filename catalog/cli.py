"""The command line: `python build.py [COMMAND] [options]`. Parses the arguments and hands them to the
command (catalog/commands.py); a BuildError becomes its message on stderr and the exit status."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path

from catalog import commands
from catalog.messages import Messages
from catalog.tools import scaffold
from catalog.tools.localized_parser import LocalizedParser, help_text, language_of

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
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(Messages(language_of(argv))).parse_args(argv)
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
    for name in dict.fromkeys(scaffold.PROGRAM_OPTIONS + scaffold.OWNER_OPTIONS):
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
        sub.options.add_argument("--a11y-results", metavar="FILE", type=Path, help=h("a11y_results"))
    return parser


def _date_option(messages: Messages, text: str) -> str:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(messages.cli("not_a_date", value=text)) from None
    return text
