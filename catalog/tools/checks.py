"""What `check` adds to validation: warnings for maintainers, generated files that drifted from the
content, and a program's previous owner (for the ownership rule of pull requests)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from catalog.content.model import Catalog, State
from catalog.messages import Messages
from catalog.problems import Problem
from catalog.tools import github, intake


def warnings(catalog: Catalog, messages: Messages) -> list[Problem]:
    """What maintainers should know but that does not fail a check: stale programs and deadlines within a week."""
    found = []
    for program in catalog.programs:
        if program.stale:
            line = program.lines.get("updated") or program.lines.get("posted", 1)
            days = (catalog.today - program.last_changed).days
            found.append(Problem(program.path, line, messages.warning("stale", days=days)))
        if program.state is State.CLOSING_SOON and (program.deadline - catalog.today).days <= 7:
            found.append(Problem(program.path, program.lines.get("deadline", 1),
                                 messages.warning("closing_soon", deadline=program.deadline.isoformat())))
    return sorted(found)


def generated_files(catalog: Catalog) -> dict[str, str]:
    """Files under .github/ that are derived from content and must not drift from it."""
    return {github.CODEOWNERS_PATH: github.codeowners(catalog), intake.FORM_PATH: intake.issue_form(catalog.config)}


def drift_problems(root: Path, catalog: Catalog, messages: Messages) -> list[Problem]:
    """In a repository (it has .github/), the generated files must match the content."""
    if not (root / ".github").is_dir():
        return []
    problems = []
    for path, text in generated_files(catalog).items():
        current = (root / path).read_text(encoding="utf-8") if (root / path).is_file() else None
        if current != text:
            problems.append(Problem(path, 1, messages.problem("generated_stale", path=path)))
    return problems


def git_owner_before(root: Path, base: str | None):
    """The owner a program file had at `base` (for 'moved under another owner'); None when unknown."""
    def old_owner(path: str) -> str | None:
        if not base:
            return None
        shown = subprocess.run(["git", "-C", str(root), "show", f"{base}:{path}"], capture_output=True, text=True)
        if shown.returncode != 0:
            return None
        match = re.search(r"^owner:\s*[\"']?([a-z0-9-]+)", shown.stdout, re.MULTILINE)
        return match.group(1) if match else None
    return old_owner
