"""A problem in the content, reported as `path:line: message`."""

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


class ContentError(Exception):
    """Raised by a stage that cannot go on; carries every problem found so far."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems)
