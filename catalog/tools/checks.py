"""What `check` adds to validation: warnings for maintainers, generated files that drifted from
site.yaml, and, for a pull request, the paths and changes its author may not make (tools/trust.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from catalog.content import accessibility
from catalog.content.model import Catalog, SiteConfig, State
from catalog.messages import Messages
from catalog.problems import Problem, UsageError
from catalog.tools import github, intake, trust
from catalog.tools.placeholders import examples_left, placeholder_warnings


def warnings(catalog: Catalog, messages: Messages) -> list[Problem]:
    """What maintainers should know but that does not fail a check: stale programs, deadlines within a week,
    text left from a skeleton or the issue form, a description that only repeats the summary."""
    found: list[Problem] = []
    for owner in catalog.owners:
        found += placeholder_warnings(owner.path, owner.body, owner.body_line, None, messages)
    for program in catalog.programs:
        found += placeholder_warnings(program.path, program.body, program.body_line, program.summary, messages)
        found += examples_left(program.path, {"title": program.title, "summary": program.summary,
                                              "signup_url": program.signup_url}, program.lines, messages)
    for program in catalog.programs:
        if program.stale:
            line = program.lines.get("updated") or program.lines.get("posted", 1)
            days = (catalog.today - program.last_changed).days
            found.append(Problem(program.path, line, messages.warning("stale", days=days)))
        # CLOSING_SOON comes from a deadline (model.derive_state)
        if program.state is State.CLOSING_SOON and program.deadline is not None and (program.deadline - catalog.today).days <= 7:
            found.append(Problem(program.path, program.lines.get("deadline", 1),
                                 messages.warning("closing_soon", deadline=program.deadline.isoformat())))
    return sorted(found + _alt_text_warnings(catalog, messages))


def _alt_text_warnings(catalog: Catalog, messages: Messages) -> list[Problem]:
    """Alternative texts that do not say what the picture shows (CONTRIBUTING.md tells owners how to write one)."""
    things = [(p.path, p.lines, p.image, "image_alt", p.title) for p in catalog.programs + catalog.drafts if p.image]
    things += [(o.path, o.lines, o.logo, "logo_alt", o.name) for o in catalog.owners if o.logo]
    return [Problem(path, lines.get(field_name, 1), messages.warning(key, field=field_name, title=title))
            for path, lines, picture, field_name, title in things
            for key in accessibility.alt_text_warnings(picture.alt, picture.name, title)]


def generated_files(config: SiteConfig) -> dict[str, str]:
    """Files under .github/ derived from site.yaml (never from owners' files: a pull request that adds a
    program or edits an owner must not need a file only a site maintainer may change)."""
    return {github.CODEOWNERS_PATH: github.codeowners(config), intake.FORM_PATH: intake.issue_form(config)}


def drift_problems(root: Path, config: SiteConfig, messages: Messages, changes: list[trust.Change] | None) -> list[Problem]:
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
    for number, (have, want) in enumerate(zip(current.split("\n"), expected.split("\n"), strict=False), start=1):
        if have != want:
            return number
    return min(current.count("\n"), expected.count("\n")) + 1


def pull_request_problems(root: Path, changed: Path, author: str, base: str, messages: Messages) -> tuple[list[trust.Change], list[Problem]]:
    """--changed: the paths a pull request may not have and the changes its author may not make, judged
    by the base revision. A wrong option is a UsageError."""
    try:
        changes = trust.parse_changes(changed.read_bytes())
    except (OSError, trust.ChangesFormatError) as error:
        raise UsageError(messages.cli("changed_unreadable", path=changed, error=error)) from None
    known = subprocess.run(["git", "-C", str(root), "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], capture_output=True, check=False)
    if known.returncode != 0:
        raise UsageError(messages.cli("base_unknown", base=base, root=root))
    if author == trust.BOT_LOGIN:  # an intake pull request: judge the person who asked, not the workflow
        author = trust.requester(root, base) or author
    at_base = trust.git_base(root, base)
    return changes, trust.path_problems(root, changes, messages) + trust.trust_problems(root, changes, author, at_base, messages)
