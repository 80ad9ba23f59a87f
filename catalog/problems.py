"""What can go wrong: a problem in the content (`path:line: message`), and the errors that stop a build.

Content problems are collected, all of them, and reported together; they are values, not exceptions.
Everything that stops a command is a BuildError: the command line catches that one class, prints its
message and exits with its status, so a failure is never a traceback.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

# Line ends and other invisible characters: printed raw they would split one problem into several
# lines, and a line beginning `::` is a command to GitHub Actions (a path or a value from content
# must never start one).
_INVISIBLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Text on one printable line: invisible characters as escapes such as \\n."""
    return _INVISIBLE.sub(lambda m: json.dumps(m.group())[1:-1], text)


def shown_path(path: str) -> str:
    """A path as a log shows it: quoted like git does when it holds anything unusual or starts with ':'."""
    if _INVISIBLE.search(path) or path.startswith((":", '"')):
        return json.dumps(path, ensure_ascii=False)
    return path


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 1 when a whole file is at fault
    message: str  # already in the site's language

    def __str__(self) -> str:
        return f"{shown_path(self.path)}:{self.line}: {one_line(self.message)}"


class BuildError(Exception):
    """A command cannot go on. The message is what the terminal shows, in the site's language where it
    comes from the message catalog; `status` is the exit status (1: content or build failed, 2: usage)."""

    status = 1


class UsageError(BuildError):
    """The command line asked for something that cannot be done (a bad option value)."""

    status = 2


class ContentProblems(BuildError):
    """The content has problems: every one of them, sorted, and the count line to print after them."""

    def __init__(self, problems: list[Problem], summary: str):
        super().__init__("\n".join([*map(str, problems), summary]))
        self.problems = problems


class DuplicateOutput(BuildError):
    """Two files of the site want one path (Pelican's writer refuses this too)."""


class RenderFailed(BuildError):
    """Making a file failed (a template error, in this process or a forked one); the message says where."""


class SearchIndexError(BuildError):
    """Pagefind failed; the message is its output."""
