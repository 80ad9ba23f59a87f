"""What can go wrong: a problem in the content (`path:line: message`), and the errors that stop a build.

Content problems are collected, all of them, and reported together; they are values, not exceptions.
Everything that stops a command is a BuildError: the command line catches that one class, prints its
message and exits with its status, so a failure is never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 1 when a whole file is at fault
    message: str  # already in the site's language

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


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
