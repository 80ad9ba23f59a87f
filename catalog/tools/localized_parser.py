"""argparse in the site's language: its headings, usage line, help and errors (argparse's own words too).

The site's language is in content/site.yaml, so it is read (as far as it can be) before the command
line is parsed: from the --root the command line names, else the current folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from catalog.content import documents
from catalog.content.read import site_language
from catalog.messages import Messages


class LocalizedParser(argparse.ArgumentParser):
    """argparse in the site's language: headings, the usage line, help and errors (argparse's own words too)."""

    def __init__(self, *, messages: Messages = Messages(), **kwargs: Any) -> None:  # ArgumentParser's, as add_parser() passes them
        self.messages = messages
        super().__init__(add_help=False, formatter_class=_formatter(messages), **kwargs)
        self.positionals = self.add_argument_group(messages.help("positionals"))
        self.options = self.add_argument_group(messages.help("options"))
        self.options.add_argument("-h", "--help", action="help", help=help_text(messages, "help"))

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, self.messages.help("error", prog=self.prog, message=self.messages.argparse_error(message)) + "\n")


def _formatter(messages: Messages) -> type[argparse.HelpFormatter]:
    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            return super().add_usage(usage, actions, groups, messages.help("usage") if prefix is None else prefix)

    return Formatter


def help_text(messages: Messages, key: str, **args: object) -> str:
    return messages.help(key, **args).replace("%", "%%")  # argparse formats help texts with %


def root_language(root: Path) -> str:
    """The site's language, read from ROOT/content/site.yaml as far as it can be read (else ja)."""
    front, _ = documents.load_site_config(root, Messages())
    return site_language(front)


def language_of(argv: list[str]) -> str:
    """The site's language for a command line, before it is parsed: from its --root (default: .)."""
    root = "."
    for index, word in enumerate(argv):
        if word == "--root" and index + 1 < len(argv):
            root = argv[index + 1]
        elif word.startswith("--root="):
            root = word.split("=", 1)[1]
    return root_language(Path(root))
