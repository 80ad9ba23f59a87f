"""Who may change what in a pull request: decided by the base revision alone, never by the pull request.

The pull request's own files are data to be judged. Who maintains what is read
from the base revision (`git cat-file blob BASE:path`), so a pull request that
adds its author to an owner's `maintainers`, or to `site.yaml`'s, gains nothing
by it. The rules (also in CONTRIBUTING.md):

- a program (added, edited, deleted): the author maintains its owner at base;
  when the owner changes, both the owner at base and the new one;
- an image next to programs or owners: the author maintains every owner whose
  files name it, at base and in the pull request;
- an owner file: edited by that owner's maintainers at base; created or deleted
  by site maintainers only (a new organisation is vouched for by the catalog);
- site.yaml and everything outside content/programs/ and content/owners/ (the
  engine, templates, workflows, pyproject.toml): site maintainers at base only.

Site maintainers (site.yaml's `maintainers` at base) may change anything; Dependabot may change
the files that pin versions. Paths
are read exactly: anything under content/ that the contract does not describe is
a problem for everyone.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from catalog.content import documents
from catalog.messages import Messages
from catalog.problems import Problem

# The login GitHub gives pull requests opened by a workflow's token (intake.yml).
BOT_LOGIN = "github-actions[bot]"
# Dependabot's pull requests (dependabot.yml) change only pinned versions; GitHub opens them in this
# repository, so no fork can be their author. They may touch these files and nothing else, and a site
# maintainer still reviews them (CODEOWNERS).
DEPENDABOT_LOGIN = "dependabot[bot]"
DEPENDABOT_PATHS = re.compile(r"\.github/workflows/[^/]+\.ya?ml|pyproject\.toml|requirements[^/]*\.txt|pylock[^/]*\.toml|[^/]+\.lock")
# The commit trailer intake writes: the author, who the check judges instead of the bot.
REQUESTED_BY = "Requested-by"
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
PROGRAM_IMAGES = (".png", ".jpg", ".jpeg", ".webp")
OWNER_IMAGES = PROGRAM_IMAGES + (".svg",)
IMAGE_FIELDS = {"programs": "image", "owners": "logo"}
# An image's name: no folders, no leading dot, nothing invisible (a name can hold Japanese).
IMAGE_NAME = re.compile(r"[^./\\\x00-\x1f\x7f-\x9f][^/\\\x00-\x1f\x7f-\x9f]*")


@dataclass(frozen=True)
class Change:
    status: str  # A added, M modified, D deleted (a rename is a deletion and an addition)
    path: str


class ChangesFormatError(ValueError):
    """--changed was not `git diff -z --name-status` output."""


def parse_changes(raw: bytes) -> list[Change]:
    """`git diff -z --name-status` -> changes. With -z git neither quotes nor escapes a path, so a name
    holding a newline or a tab arrives whole; a rename or copy counts as its new path added (and a
    rename as its old one deleted), so both sides are judged."""
    if not raw.strip():
        return []
    if b"\0" not in raw:
        raise ChangesFormatError("not NUL-separated: use git diff -z --name-status")
    fields = raw.split(b"\0")
    if fields and fields[-1] == b"":
        fields.pop()
    changes: list[Change] = []
    index = 0
    while index < len(fields):
        status = fields[index].decode("ascii", errors="replace").strip()
        kind = status[:1]
        if kind in ("R", "C"):
            if index + 2 >= len(fields):
                raise ChangesFormatError(f"a {kind} line without two paths")
            old, new = (_path(f) for f in fields[index + 1:index + 3])
            if kind == "R":
                changes.append(Change("D", old))
            changes.append(Change("A", new))
            index += 3
            continue
        if not kind or index + 1 >= len(fields):
            raise ChangesFormatError(f"unexpected field {status!r}")
        changes.append(Change(kind if kind in ("A", "D") else "M", _path(fields[index + 1])))
        index += 2
    return changes


def _path(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")  # a name that is not UTF-8 is outside the contract anyway


# ------------------------------------------------------------------ the base revision


@dataclass(frozen=True)
class Base:
    """The base revision, read through two functions (git in the workflow, a dict in a unit test)."""

    read: Callable[[str], bytes | None]  # a file's bytes at base, None when it is not there
    naming: Callable[[str, str], list[str]]  # (folder, word) -> paths in that folder whose text holds the word


def git_base(root: Path, revision: str) -> Base:
    """The base commit of the repository at `root`. `cat-file blob` gives the bytes as committed:
    no textconv, no filter, nothing from the pull request's .gitattributes runs."""
    def read(path: str) -> bytes | None:
        done = subprocess.run(["git", "-C", str(root), "cat-file", "blob", f"{revision}:{path}"], capture_output=True, check=False)
        return done.stdout if done.returncode == 0 else None

    def naming(folder: str, word: str) -> list[str]:
        done = subprocess.run(["git", "-C", str(root), "grep", "-z", "-l", "-F", "-e", word, revision, "--", folder],
                              capture_output=True, check=False)
        prefix = f"{revision}:".encode()
        return [_path(p.removeprefix(prefix)) for p in done.stdout.split(b"\0") if p]

    return Base(read, naming)


def requester(root: Path, revision: str) -> str | None:
    """The one login intake recorded in the pull request's commits (`Requested-by:` trailers), if one."""
    done = subprocess.run(["git", "-C", str(root), "log", f"--format=%(trailers:key={REQUESTED_BY},valueonly)",
                           f"{revision}..HEAD"], capture_output=True, text=True, check=False)
    logins = {line.strip() for line in done.stdout.splitlines() if line.strip()}
    if done.returncode != 0 or len(logins) != 1:
        return None
    login = logins.pop()
    return login if LOGIN.fullmatch(login) else None


def _front(raw: bytes | None, path: str) -> documents.Mapping | None:
    if raw is None:
        return None
    if path.endswith(".yaml"):
        text, _ = documents.decode(raw, path, Messages())
        return documents.parse_yaml(text, path, 0, Messages())[0] if text is not None else None
    document, _ = documents.load_document(raw, path, Path(path), Messages())
    return document.front if document is not None else None


def _words(front: documents.Mapping | None, key: str) -> tuple[str, ...]:
    entry = front.entries.get(key) if front is not None else None
    if entry is None:
        return ()
    if isinstance(entry.value, documents.Scalar):
        return (entry.value.text.strip(),)
    if isinstance(entry.value, documents.Sequence):
        return tuple(item.text.strip() for item in entry.value.items if isinstance(item, documents.Scalar))
    return ()


def maintainers_of(raw: bytes, path: str) -> tuple[str, ...]:
    """An owner file's `maintainers`, as written (empty when it cannot be read)."""
    return _words(_front(raw, path), "maintainers")


def _owner_of(raw: bytes | None, path: str) -> tuple[str | None, int]:
    """A program's `owner` and its line (1 when it cannot be read)."""
    front = _front(raw, path)
    entry = front.entries.get("owner") if front is not None else None
    if entry is None or not isinstance(entry.value, documents.Scalar):
        return None, 1
    return entry.value.text.strip(), entry.value.line


# ------------------------------------------------------------------ paths


def id_problem(stem: str, messages: Messages) -> str | None:
    """Why a file name cannot be an id (the loader, `new` and intake say the same), else None."""
    if not documents.ID_PATTERN.fullmatch(stem):
        return messages.id_problem(stem)
    if stem in documents.RESERVED_IDS:
        return messages.problem("reserved_id", value=stem)
    return None


def kind_of(path: str) -> str:
    """'site', 'program', 'owner', 'programs-image', 'owners-image', 'content' (under content/ but
    outside the contract) or 'outside' (not content: the engine, templates, workflows…)."""
    if not path.startswith("content/"):
        return "outside"
    if path in ("content/site.yaml", "content/accessibility.yaml"):  # the catalog's own files: site maintainers
        return "site"
    parts = path.split("/")
    if len(parts) != 3 or parts[1] not in ("programs", "owners"):
        return "content"
    folder, name = parts[1], parts[2]
    if name.endswith(".md") and not name.startswith("."):
        return folder[:-1]
    suffixes = PROGRAM_IMAGES if folder == "programs" else OWNER_IMAGES
    if IMAGE_NAME.fullmatch(name) and os.path.splitext(name)[1].lower() in suffixes:
        return f"{folder}-image"
    return "content"


def path_problems(root: Path, changes: list[Change], messages: Messages) -> list[Problem]:
    """Files a pull request adds or changes under content/ that the contract does not describe."""
    problems = []
    for change in changes:
        if change.status == "D" or not change.path.startswith("content/"):
            continue
        kind = kind_of(change.path)
        if kind == "content":
            problems.append(Problem(change.path, 1, messages.problem("content_stray")))
        elif (root / change.path).is_symlink():
            problems.append(Problem(change.path, 1, messages.problem("symlink")))
        elif not (root / change.path).is_file():  # a submodule, say: the checkout holds a folder, never read
            problems.append(Problem(change.path, 1, messages.problem("content_stray")))
        elif kind in ("program", "owner"):
            problem = id_problem(change.path.rsplit("/", 1)[1][:-3], messages)
            if problem:
                problems.append(Problem(change.path, 1, problem))
    return problems


# ------------------------------------------------------------------ who may


@dataclass(frozen=True)
class _Judge:
    root: Path
    base: Base
    author: str
    admins: tuple[str, ...]
    messages: Messages

    def people(self, logins: tuple[str, ...]) -> str:
        return ", ".join(logins) if logins else self.messages.problem("trust_nobody")

    def maintains(self, logins: tuple[str, ...]) -> bool:
        return self.author.lower() in (login.lower() for login in logins)

    def maintainers_at_base(self, owner: str) -> tuple[str, ...] | None:
        if not documents.ID_PATTERN.fullmatch(owner):
            return None
        front = _front(self.base.read(f"content/owners/{owner}.md"), f"content/owners/{owner}.md")
        return _words(front, "maintainers") if front is not None else None

    def refuse(self, where: str, line: int, key: str, **args: str) -> Problem:
        return Problem(where, line, self.messages.problem(key, author=self.author, admins=self.people(self.admins), **args))

    def owner_rule(self, path: str, line: int, owner: str, key: str) -> Problem | None:
        """The author must maintain `owner` at base."""
        maintainers = self.maintainers_at_base(owner)
        if maintainers is None:
            return self.refuse(path, line, "trust_owner_unknown", owner=owner)
        if self.maintains(maintainers):
            return None
        return self.refuse(path, line, key, owner=owner, maintainers=self.people(maintainers))

    def program(self, change: Change) -> list[Problem]:
        head_raw = (self.root / change.path).read_bytes() if change.status != "D" and (self.root / change.path).is_file() else None
        head_owner, line = _owner_of(head_raw, change.path)
        owners = []
        if change.status != "A":
            base_owner, _ = _owner_of(self.base.read(change.path), change.path)
            if base_owner is None:
                return [self.refuse(change.path, line, "trust_site_only", path=change.path)]
            owners.append(base_owner)
        if head_owner is not None and head_owner not in owners:
            owners.append(head_owner)
        found = (self.owner_rule(change.path, line, owner, "trust_program") for owner in owners)
        return [problem for problem in found if problem is not None]

    def owner(self, change: Change) -> list[Problem]:
        owner = change.path.rsplit("/", 1)[1][:-3]
        maintainers = self.maintainers_at_base(owner)
        if change.status != "M" or maintainers is None:  # an organisation comes and goes by the catalog's word
            return [self.refuse(change.path, 1, "trust_owner_add_remove", owner=owner)]
        if self.maintains(maintainers):
            return []
        line = _front_line(self.root / change.path, "maintainers")
        return [self.refuse(change.path, line, "trust_owner_file", owner=owner, maintainers=self.people(maintainers))]

    def image(self, change: Change) -> list[Problem]:
        """An image belongs to the owners of every file that names it, at base and in the pull request."""
        folder, name = change.path.split("/")[1:]
        field = IMAGE_FIELDS[folder]
        owners: set[str] = set()
        for path in self.base.naming(f"content/{folder}", name):
            raw = self.base.read(path)
            if name in _words(_front(raw, path), field):
                owners.add(_owner_id(folder, path, raw))
        head_folder = self.root / "content" / folder
        for source in sorted(head_folder.glob("*.md")) if head_folder.is_dir() else ():
            raw = source.read_bytes()
            if name.encode() in raw and name in _words(_front(raw, source.name), field):
                owners.add(_owner_id(folder, f"content/{folder}/{source.name}", raw))
        owners.discard("")
        if not owners:
            return [self.refuse(change.path, 1, "trust_image_unused", path=change.path)]
        found = (self.owner_rule(change.path, 1, owner, "trust_image") for owner in sorted(owners))
        return [problem for problem in found if problem is not None]


def _owner_id(folder: str, path: str, raw: bytes | None) -> str:
    if folder == "owners":
        return path.rsplit("/", 1)[1][:-3]
    return _owner_of(raw, path)[0] or ""


def _front_line(source: Path, key: str) -> int:
    front = _front(source.read_bytes(), source.name) if source.is_file() else None
    entry = front.entries.get(key) if front is not None else None
    return entry.key_line if entry is not None else 1


def site_maintainers(base: Base) -> tuple[str, ...]:
    return _words(_front(base.read("content/site.yaml"), "content/site.yaml"), "maintainers")


def trust_problems(root: Path, changes: list[Change], author: str, base: Base, messages: Messages) -> list[Problem]:
    """Every change the author may not make, judged by the base revision; none for a site maintainer."""
    admins = site_maintainers(base)
    judge = _Judge(root, base, author, admins, messages)
    if judge.maintains(admins):
        return []
    problems: list[Problem] = []
    for change in changes:
        kind = kind_of(change.path)
        if kind == "program":
            problems += judge.program(change)
        elif kind == "owner":
            problems += judge.owner(change)
        elif kind.endswith("-image"):
            problems += judge.image(change)
        elif kind in ("site", "outside"):
            if author == DEPENDABOT_LOGIN and change.status == "M" and DEPENDABOT_PATHS.fullmatch(change.path):
                continue
            problems.append(judge.refuse(change.path, 1, "trust_site_only", path=change.path))
        # 'content': path_problems reports it to everyone
    return problems
