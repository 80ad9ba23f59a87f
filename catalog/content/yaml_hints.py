"""The YAML mistakes people make who have never heard of YAML, found line by line, with their fix.

A parser's error names the place where it gave up, which is often the line after the mistake, in
its own words (`could not find expected ':'`). The mistakes a person typing front matter by hand
makes are few and recognisable on their own line: a full-width colon or space typed by a Japanese
keyboard, a tab, a nested field one step too deep or too shallow, no space after `:`, a quote or
bracket left open, a list item without `- `, a `: ` inside an unquoted value. `diagnose` finds
each of them and repairs a copy of the text, keeping every line where it was, so that the caller
can still validate the rest of the file and report every other problem with its line.

`diagnose` is a pure function on text: no parser is needed to find these mistakes, and none would say
where they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from catalog.messages import Messages
from catalog.problems import Problem

FULLWIDTH_SPACE = "\u3000"
# A field name as written at the start of a line: a plain word followed by `:` and a space (or the line's end).
_KEY = re.compile(r"(?P<key>[^\s#:\"'\[\]{}|>&*!%@`,-][^:#]*?|-[^\s:#][^:#]*?)[ \t]*:(?=[ \t]|$)")
_ASCII_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_FULLWIDTH_COLON = re.compile(rf"(?P<key>{_ASCII_KEY})[ \t{FULLWIDTH_SPACE}]*：[ \t{FULLWIDTH_SPACE}]*")
_NO_SPACE = re.compile(rf"(?P<key>{_ASCII_KEY}):(?=[^\s/:])")
_BLOCK_SCALAR = re.compile(r"[|>][+-]?[1-9]?[+-]?\s*(#.*)?$")
_CLOSERS = {"[": "]", "{": "}"}


@dataclass(frozen=True)
class Hint:
    """One mistake: its line (0-based, in the YAML text), a message key, its arguments, the line as it should be."""

    line: int
    key: str
    args: tuple[tuple[str, str | int], ...] = ()
    fixed: str | None = None


@dataclass(frozen=True)
class Diagnosis:
    hints: tuple[Hint, ...]
    repaired: str  # the text with every mistake fixed; the same lines at the same numbers


@dataclass
class _Frame:
    """An open block: a mapping's fields or a list's items, all starting at `indent`."""

    indent: int
    kind: str  # "map" or "seq"
    line: int  # where its last field or item so far is (for "line it up with ...")
    name: str  # that field's name; "-" for a list
    keys: set[str] = field(default_factory=set)
    compact: bool = False  # a list written at its field's own indentation (`dates:` then `- start:`)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _split_item(rest: str) -> tuple[int, str]:
    """`- a: b` -> (2, 'a: b'): how far the item's content is from the dash, and the content."""
    if rest == "-":
        return 1, ""
    match = re.match(r"-( +)", rest)
    return (1 + len(match.group(1)), rest[match.end():]) if match else (0, rest)


def _value_of(text: str) -> tuple[str, str, int] | None:
    """`key: value` -> (key, value, column of the value in `text`), or None when `text` is no field."""
    match = _KEY.match(text)
    if not match:
        return None
    rest = text[match.end():]
    value = rest.strip(" \t")
    return match.group("key"), value, match.end() + len(rest) - len(rest.lstrip(" \t"))


def _closes(value: str) -> tuple[str, int]:
    """The quote still open at the end of `value` ('' if none), and the brackets left open (outside quotes)."""
    quote, depth, index = "", 0, 0
    while index < len(value):
        char = value[index]
        if quote == '"':
            if char == "\\":
                index += 1
            elif char == '"':
                quote = ""
        elif quote == "'":
            if char == "'":
                if value[index + 1:index + 2] == "'":
                    index += 1
                else:
                    quote = ""
        elif char in "\"'" and (index == 0 or value[index - 1] in " ,[{:"):
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "#" and index > 0 and value[index - 1] == " ":
            break
        index += 1
    return quote, depth


def _continues(lines: list[str], start: int, indent: int, value: str) -> int | None:
    """A quoted value or a list in [ ] may go on over more-indented lines: the last line it takes, or None
    when it is not closed before a line that is not more indented than its field."""
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if line.strip() and _indent(line) <= indent:
            return None
        value += " " + line.strip()
        quote, depth = _closes(value)
        if not quote and depth <= 0:
            return number
    return None


def _retab(line: str) -> tuple[str, str | None]:
    """Tabs and full-width spaces in the indentation -> two spaces each, and which one was found."""
    lead = len(line) - len(line.lstrip(" \t" + FULLWIDTH_SPACE))
    head = line[:lead]
    if "\t" not in head and FULLWIDTH_SPACE not in head:
        return line, None
    found = "yaml_tab" if "\t" in head else "yaml_fullwidth_space"
    return head.replace("\t", "  ").replace(FULLWIDTH_SPACE, "  ") + line[lead:], found


def _line_mistakes(rest: str, in_list: bool) -> tuple[str, str, list[tuple[str, str, dict[str, str]]]]:
    """The mistakes a line shows by itself (after its indentation, `rest`): a list's `-` without its space,
    a full-width colon, no space after the colon. Returns the item's `- ` (or ''), the content after it
    repaired, and each mistake as (message, the line as it should be, arguments)."""
    step, content = _split_item(rest)
    prefix = rest[:step]
    found: list[tuple[str, str, dict[str, str]]] = []
    if rest.startswith("-") and step == 0 and rest[1:2] not in ("", "-") and in_list:
        step, prefix, content = 2, "- ", rest[1:].lstrip(FULLWIDTH_SPACE)
        found.append(("yaml_list_dash", prefix + content, {}))
    colon = _FULLWIDTH_COLON.match(content)
    if colon and _value_of(content) is None:
        content = f"{colon.group('key')}: {content[colon.end():]}".rstrip()
        found.append(("yaml_fullwidth_colon", prefix + content, {}))
    spaceless = _NO_SPACE.match(content)
    if spaceless and _value_of(content) is None:
        content = f"{spaceless.group('key')}: {content[spaceless.end():]}"
        found.append(("yaml_no_space", prefix + content, {"key": spaceless.group("key")}))
    return prefix, content, found


def diagnose(text: str) -> Diagnosis:
    """Every mistake of the list above in `text` (YAML), and the text with each of them repaired."""
    lines = text.split("\n")
    hints: list[Hint] = []
    stack = [_Frame(0, "map", 0, "")]
    opened: int | None = None  # the indentation of a field with no value: its fields or items follow
    skip_to = -1  # lines that belong to a value started above (a block of text, a quote, a list in [ ])
    block_indent: int | None = None
    first = True

    def hint(number: int, message: str, fixed: str | None = None, **args: str | int) -> None:
        hints.append(Hint(number, message, tuple(sorted(args.items())), fixed))
        if fixed is not None:
            lines[number] = fixed

    for number, original in enumerate(lines):
        if number <= skip_to:
            continue
        if block_indent is not None:
            if not original.strip() or len(original) - len(original.lstrip(" \t" + FULLWIDTH_SPACE)) > block_indent:
                continue
            block_indent = None
        if not original.strip(" \t" + FULLWIDTH_SPACE) or original.lstrip(" \t" + FULLWIDTH_SPACE).startswith("#"):
            continue
        line, found = _retab(original)
        indent = _indent(line)
        rest = line[indent:]
        in_list = any(frame.kind == "seq" and frame.indent == indent for frame in stack)
        dash, content, found_here = _line_mistakes(rest, in_list)
        step, body = len(dash), dash + content
        parsed = _value_of(content)
        is_item = step > 0
        key = parsed[0] if parsed else None
        if found and (parsed is not None or is_item):  # a field or an item indented so: text may start with them
            hint(number, found, line)
        for message, fixed, args in found_here:
            hint(number, message, " " * indent + fixed, **args)

        # Its place in the structure.
        if first:
            stack = [_Frame(indent, "map", number, key or "")]
            first = False
        if opened is not None:
            parent_indent = opened
            opened = None
            if indent > parent_indent or (indent == parent_indent and is_item):
                stack.append(_Frame(indent, "seq" if is_item else "map", number, "-" if is_item else (key or ""),
                                    compact=indent == parent_indent))
        popped: _Frame | None = None
        while len(stack) > 1 and (stack[-1].indent > indent or
                                  (stack[-1].compact and stack[-1].indent == indent and not is_item)):
            popped = stack.pop()  # the last one popped is the nearest level deeper than this line
        top = stack[-1]
        if indent > top.indent:
            if parsed is None and not is_item:
                continue  # the next line of a long value
            if popped is not None:  # between two levels: meant for the deeper one
                hint(number, "yaml_indent_shallow", " " * popped.indent + body, found=indent, expected=popped.indent,
                     name=popped.name, at=popped.line + 1)
                stack.append(popped)
                top = popped
            else:
                hint(number, "yaml_indent_deep", " " * top.indent + body, found=indent, expected=top.indent,
                     name=top.name, at=top.line + 1)
            indent = top.indent
        elif top.kind == "seq" and not is_item:
            if key is not None and popped is not None and key not in popped.keys:
                # A field of the item above, not indented as far as the item's first field.
                hint(number, "yaml_indent_shallow", " " * popped.indent + body, found=indent, expected=popped.indent,
                     name=popped.name, at=popped.line + 1)
                stack.append(popped)
                top, indent = popped, popped.indent
            else:
                step = 2
                hint(number, "yaml_list_item", " " * indent + "- " + content)
                is_item = True
        # What the line opens.
        if is_item:
            if parsed is not None:
                stack.append(_Frame(indent + step, "map", number, parsed[0], {parsed[0]}))
        elif key is not None:
            top.keys.add(key)
            top.line, top.name = number, key
        opens, where = _value_opens(lines, number, content, parsed, indent, step, is_item, hint)
        if opens == "fields":
            opened = where
        elif opens == "block":
            block_indent = where
        elif opens == "lines":
            skip_to = where
    return Diagnosis(tuple(hints), "\n".join(lines))


def _value_opens(lines: list[str], number: int, content: str, parsed: tuple[str, str, int] | None, indent: int,
                 step: int, is_item: bool, hint: Callable[..., None]) -> tuple[str, int]:
    """What the value on line `number` starts: ("fields", indent) for a field with no value, whose fields
    or items follow; ("block", indent) for a block of text; ("lines", last line) for a quote or a [ ]
    that closes on a later line; ("", 0) for nothing. Hints an unclosed quote or bracket, and a ': '
    inside a plain value. `indent`: the line's; `step`: the width of its "- ", if it is an item."""
    if parsed is None:
        value, column, field_indent = content, indent + step, indent
    else:
        value, column = parsed[1], indent + step + parsed[2]
        field_indent = indent + step if is_item else indent
    if parsed is not None and not value:
        return "fields", field_indent
    if _BLOCK_SCALAR.match(value):
        return "block", field_indent
    if value[:1] in "\"'[{":
        quote, depth = _closes(value)
        if quote or depth > 0:
            end = _continues(lines, number, field_indent, value)
            if end is not None:
                return "lines", end
            if quote:
                hint(number, "yaml_unclosed_quote", lines[number].rstrip() + quote, quote=quote)
            elif _open_brackets(value):
                brackets = _open_brackets(value)
                closing = "".join(_CLOSERS[char] for char in reversed(brackets))
                hint(number, "yaml_unclosed_bracket", lines[number].rstrip() + closing,
                     open=brackets[-1], close=_CLOSERS[brackets[-1]])
        return "", 0
    if parsed is not None and ": " in value and " #" not in value.split(": ", 1)[0]:
        quoted = lines[number][:column] + json.dumps(value, ensure_ascii=False)
        hint(number, "yaml_colon_in_value", quoted)
    return "", 0


def _open_brackets(value: str) -> str:
    """The brackets still open at the end of `value`, outermost first (quotes skipped)."""
    opened, quote = [], ""
    for index, char in enumerate(value):
        if quote:
            quote = "" if char == quote and value[index - 1:index] != "\\" else quote
        elif char in "\"'":
            quote = char
        elif char in "[{":
            opened.append(char)
        elif char in "]}" and opened:
            opened.pop()
    return "".join(opened)


def explained(text: str, path: str, line_offset: int, messages: Messages, error: yaml.YAMLError | None
              ) -> tuple[list[Problem], str | None]:
    """The problems of a YAML text the parser refused (`error`) or read as something else than fields,
    each on its line with its fix, and the repaired text to validate (None when no known mistake explains it)."""
    diagnosis = diagnose(text) if error is None or isinstance(error, yaml.MarkedYAMLError) else Diagnosis((), text)
    problems = []
    for hint in diagnosis.hints:
        args = dict(hint.args)
        if "at" in args:  # a line of the text: a line of the file
            args["at"] = int(args["at"]) + line_offset
        suggestion = hint.fixed.strip() if hint.fixed else None
        problems.append(Problem(path, hint.line + 1 + line_offset, messages.problem(hint.key, suggestion=suggestion, where=None, **args)))
    if problems:
        return problems, diagnosis.repaired
    if error is None:
        return [], None
    return [Problem(path, error_line(error, text) + 1 + line_offset, messages.yaml_error(error))], None


def error_line(error: yaml.YAMLError, text: str) -> int:
    """The 0-based line a parser's error is about. `could not find expected ':'` is found on the line after a
    field that lacks its colon, where the parser was still reading it: that field's line is the one to fix."""
    problem = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None)
    if context is not None and "simple key" in (getattr(error, "context", "") or ""):
        return context.line
    if problem is not None:
        # An error at the very end of the text is about its last written line.
        lines = text.split("\n")
        line = min(problem.line, len(lines) - 1)
        while line > 0 and not lines[line].strip():
            line -= 1
        return line
    return context.line if context is not None else 0


def has_fullwidth_keys(node: yaml.Node) -> bool:
    """Whether a composed tree has a field whose name starts with a full-width space: a field indented with
    one, which YAML reads as a name of its own (`\u3000prefecture`) rather than as indentation."""
    if isinstance(node, yaml.MappingNode):
        return any((isinstance(key, yaml.ScalarNode) and key.value.startswith(FULLWIDTH_SPACE)) or has_fullwidth_keys(value)
                   for key, value in node.value)
    if isinstance(node, yaml.SequenceNode):
        return any(has_fullwidth_keys(item) for item in node.value)
    return False

