"""Load: content files -> Documents (front matter as a YAML tree with lines, and body).

YAML is composed into nodes, never constructed, so that nothing is silently
reinterpreted: every scalar stays the text the owner typed (`NO`, `01234`,
`8:30`, `2026-02-30`) and the schema decides what it means. Each node keeps the
1-based line in the file where it starts, for `path:line:` messages.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from catalog import safe_files
from catalog.content import yaml_hints
from catalog.messages import Messages
from catalog.problems import Problem

# Large enough for any real program; small enough that a pasted book or a
# generated file cannot make the build slow or huge.
MAX_FILE_BYTES = 256 * 1024
# Content needs no deep nesting; this bounds the work YAML can ask for.
MAX_YAML_DEPTH = 20
MAX_YAML_NODES = 5_000

ID_PATTERN = re.compile(r"\A[a-z0-9-]{3,64}\Z")  # \Z: `$` would also match before a final newline
# Names Windows cannot have as files: an owner editing on Windows could not even check the repository out.
RESERVED_IDS = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".svg"}
NULL_WORDS = {"", "~", "null", "Null", "NULL"}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # tab and line ends are text
# What YAML escapes ("\0", "\x1b", "\u0085", "\r") can put into a value after the file passed CONTROL: a
# value holds tab and line feed at most (a block scalar's lines), never a carriage return or NEL.
DECODED_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
try:  # libyaml is several times faster; PyYAML's pure loader gives the same nodes
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Scalar:
    text: str
    line: int
    quoted: bool  # written in quotes or as a block: certainly text

    @property
    def is_null(self) -> bool:
        return not self.quoted and self.text in NULL_WORDS


@dataclass(frozen=True)
class Sequence:
    items: tuple[Value, ...]
    line: int


@dataclass(frozen=True)
class Entry:
    key_line: int
    value: Value


@dataclass(frozen=True)
class Mapping:
    entries: dict[str, Entry]
    line: int


Value = Scalar | Sequence | Mapping


@dataclass(frozen=True)
class Document:
    path: str  # as shown in messages, relative to the project root
    source: Path  # where it was read from
    id: str  # the file's stem
    front: Mapping
    body: str
    body_line: int  # line in the file where the body starts


class _Tree:
    """Turns composed PyYAML nodes into our Value tree, reporting as it goes."""

    def __init__(self, path: str, line_offset: int, messages: Messages):
        self.path = path
        self.offset = line_offset
        self.messages = messages
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.count = 0

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def report(self, line: int, message: str, /, suggestion: str | None = None, where: str | None = None, **args: object) -> None:
        self.problems.append(Problem(self.path, line, self.messages.problem(message, suggestion=suggestion, where=where, **args)))

    def convert(self, node: yaml.Node, depth: int = 0) -> Value | None:
        self.count += 1
        if id(node) in self.seen:
            # Composed aliases come back as the same node object. Content never
            # needs them, and refusing them defuses "billion laughs".
            self.report(self.line(node), "yaml_alias")
            return None
        self.seen.add(id(node))
        if depth > MAX_YAML_DEPTH or self.count > MAX_YAML_NODES:
            self.report(self.line(node), "yaml_too_deep")
            return None
        if isinstance(node, yaml.ScalarNode):
            control = DECODED_CONTROL.search(node.value)
            if control:
                self.report(self.line(node), "control_character", code=f"U+{ord(control.group()):04X}")
                return None
            return Scalar(node.value, self.line(node), node.style in ("'", "\"", "|", ">"))
        if isinstance(node, yaml.SequenceNode):
            items = []
            for item in node.value:
                converted = self.convert(item, depth + 1)
                if converted is None:
                    return None
                items.append(converted)
            return Sequence(tuple(items), self.line(node))
        if not isinstance(node, yaml.MappingNode):  # the composer makes no other kind of node
            raise TypeError(f"unexpected YAML node {type(node).__name__}")
        entries: dict[str, Entry] = {}
        for key_node, value_node in node.value:
            key_line = self.line(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(key_line, "yaml_key_not_text")
                continue
            key = key_node.value
            control = DECODED_CONTROL.search(key)
            if control:
                self.report(key_line, "control_character", code=f"U+{ord(control.group()):04X}")
                continue
            if key == "<<":
                self.report(key_line, "yaml_alias")
                continue
            value = self.convert(value_node, depth + 1)
            if value is None:
                continue
            if key in entries:
                self.report(key_line, "duplicate_key", key=key, first=entries[key].key_line)
                continue
            entries[key] = Entry(key_line, value)
        return Mapping(entries, self.line(node))


def parse_yaml(text: str, path: str, line_offset: int, messages: Messages,
               repair: bool = True) -> tuple[Mapping | None, list[Problem]]:
    """YAML text -> top-level Mapping. `line_offset` is the file line before the YAML's first line.

    A syntax mistake that yaml_hints recognises is reported on its line with its fix, and the rest of
    the file, repaired in memory, is read too: the Mapping then comes with problems, so that every
    other problem of the file is reported at once (the file still fails)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:  # a syntax error, or an unreadable character
        if not repair:  # the text _explained repaired: no second repair, the parser says what is left
            return None, [Problem(path, yaml_hints.error_line(error, text) + 1 + line_offset, messages.yaml_error(error))]
        return _explained(text, path, line_offset, messages, error)
    except RecursionError:
        return None, [Problem(path, 1 + line_offset, messages.problem("yaml_too_deep"))]
    if node is None:
        return None, [Problem(path, max(1, line_offset), messages.problem("front_matter_empty"))]
    tree = _Tree(path, line_offset, messages)
    if repair and (not isinstance(node, yaml.MappingNode) or
                   (yaml_hints.FULLWIDTH_SPACE in text and yaml_hints.has_fullwidth_keys(node))):
        # Read as text rather than fields (`deadline：2026-12-20` alone), or fields whose names start with a
        # full-width space: the mistakes are on other lines than what the parser made of them.
        explained = _explained(text, path, line_offset, messages, None)
        if explained[1]:
            return explained
    if not isinstance(node, yaml.MappingNode):
        return None, [Problem(path, tree.line(node), messages.problem("front_matter_not_mapping"))]
    mapping = tree.convert(node)
    problems = tree.problems
    if any(p.message == messages.problem("yaml_alias") for p in problems):
        problems = [p for p in problems if p.message != messages.problem("yaml_alias")]
        problems += [Problem(path, line, messages.problem("yaml_alias")) for line in _alias_lines(text, line_offset)]
    return (mapping if isinstance(mapping, Mapping) and not problems else None), problems


def _explained(text: str, path: str, line_offset: int, messages: Messages, error: yaml.YAMLError | None
               ) -> tuple[Mapping | None, list[Problem]]:
    """Each recognised mistake with its fix, then the problems of the repaired text (none twice on one line)."""
    problems, repaired = yaml_hints.explained(text, path, line_offset, messages, error)
    if repaired is None:
        return None, problems
    mapping, more = parse_yaml(repaired, path, line_offset, messages, repair=False)
    if mapping is None and not more:
        return None, problems
    lines = {problem.line for problem in problems}
    return mapping, problems + [problem for problem in more if problem.line not in lines or mapping is not None]


def _alias_lines(text: str, line_offset: int) -> list[int]:
    """Composed aliases are the anchored node itself; the events still know where each `*name` was written."""
    lines = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:  # the parser marks every event
            lines.append(event.start_mark.line + 1 + line_offset)
    return sorted(set(lines)) or [1 + line_offset]


def decode(raw: bytes, path: str, messages: Messages) -> tuple[str | None, list[Problem]]:
    """Bytes -> text with LF line ends, or a problem naming the first bad line."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(path, 1, messages.problem("file_too_large", size=len(raw) // 1024, limit=MAX_FILE_BYTES // 1024))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, [Problem(path, line, messages.problem("not_utf8"))]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    control = CONTROL.search(text)
    if control:
        # Invisible, invalid in XML and HTML, and usually pasted by accident: say where, never pass it on.
        line = text.count("\n", 0, control.start()) + 1
        return None, [Problem(path, line, messages.problem("control_character", code=f"U+{ord(control.group()):04X}"))]
    return text, []


def split_front_matter(text: str, path: str, messages: Messages) -> tuple[str, str, int] | Problem:
    """Text -> (front matter YAML, body, body's first line), or the problem."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        # Zola's habit: when the fields are there but the fence is not, say so.
        looks_like_fields = bool(re.match(r"^[A-Za-z_]+\s*:", lines[0] if lines else ""))
        key = "front_matter_fence_missing" if looks_like_fields else "front_matter_missing"
        return Problem(path, 1, messages.problem(key))
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return front, body, index + 2
    return Problem(path, 1, messages.problem("front_matter_unclosed"))


def load_document(raw: bytes, path: str, source: Path, messages: Messages) -> tuple[Document | None, list[Problem]]:
    """One Markdown file's bytes -> Document (pure: the caller reads the disk)."""
    text, problems = decode(raw, path, messages)
    if text is None:
        return None, problems
    split = split_front_matter(text, path, messages)
    if isinstance(split, Problem):
        return None, [split]
    front_text, body, body_line = split
    front, problems = parse_yaml(front_text, path, 1, messages)
    if front is None:
        return None, problems
    return Document(path, source, source.stem, front, body, body_line), problems


def load_site_config(root: Path, messages: Messages) -> tuple[Mapping | None, list[Problem]]:
    path = "content/site.yaml"
    source = root / path
    if not source.is_file():
        return None, [Problem(path, 1, messages.problem("site_yaml_missing"))]
    try:
        raw = safe_files.read_no_follow(source)
    except OSError:  # a link: never followed
        return None, [Problem(path, 1, messages.problem("symlink"))]
    text, problems = decode(raw, path, messages)
    if text is None:
        return None, problems
    return parse_yaml(text, path, 0, messages)


def content_files(root: Path, folder: str, messages: Messages) -> tuple[list[tuple[os.DirEntry, str]], list[Problem]]:
    """The .md files of a content folder as (directory entry, path shown in messages), with problems for
    names and files we will not read. One directory scan and no Path objects: this runs on every
    rebuild, over every content file."""
    directory = root / folder
    if not directory.is_dir():
        return [], []
    files: list[tuple[os.DirEntry, str]] = []
    problems: list[Problem] = []
    inside_root = directory.resolve().is_relative_to(root.resolve())
    with os.scandir(directory) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        name = entry.name
        display = f"{folder}/{name}"
        suffix = name[name.rindex("."):] if "." in name.lstrip(".") else ""  # as os.path.splitext, without its generality
        symlink = entry.is_symlink()
        if entry.is_dir() and not symlink:
            continue  # a folder of images, say; only files directly inside are content
        if name.startswith(".") or suffix.lower() in IMAGE_SUFFIXES:
            continue  # images are checked by the field that names them
        if suffix.lower() != ".md":
            problems.append(Problem(display, 1, messages.problem("not_markdown")))
            continue
        if symlink or not inside_root:
            problems.append(Problem(display, 1, messages.problem("symlink")))
            continue
        if not entry.is_file():
            continue
        if suffix != ".md":
            problems.append(Problem(display, 1, messages.problem("extension_case")))
            continue
        stem = name[:-3]
        if not ID_PATTERN.match(stem):
            problems.append(Problem(display, 1, messages.id_problem(stem)))
            continue
        if stem in RESERVED_IDS:
            problems.append(Problem(display, 1, messages.problem("reserved_id", value=stem)))
            continue
        files.append((entry, display))
    return files, problems
