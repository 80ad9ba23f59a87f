"""Text left over from a skeleton (`new`, CONTRIBUTING's template) or from the issue form, and a
description that only repeats the summary: not wrong enough to fail a check, but a page nobody
meant to publish. `check` reports them as warnings on their line.

Pure functions over a file's body; the texts come from where they are written (scaffold, intake).
"""

from __future__ import annotations

import re
import unicodedata

from catalog.messages import SKELETON, Messages
from catalog.problems import Problem
from catalog.tools import intake, scaffold

# Long enough to be sure the sentence is the skeleton's, short enough to still match once its end was edited.
_PREFIX = 12


def _placeholders() -> tuple[str, ...]:
    texts = [*SKELETON["program_body"], *SKELETON["owner_body"], intake.NO_RESPONSE]
    texts += [field.description for field in intake.FIELDS if field.key == "body"]
    return tuple(dict.fromkeys(_plain(text) for text in texts if text))


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _words(text: str) -> str:
    """Text without Markdown marks, spaces and punctuation, for comparing what two texts say."""
    text = re.sub(r"^#+\s.*$", "", text, flags=re.MULTILINE)  # headings: the skeleton's own, say
    return "".join(char for char in unicodedata.normalize("NFKC", text)
                   if unicodedata.category(char)[0] in "LN")


def placeholder_warnings(path: str, body: str, body_line: int, summary: str | None, messages: Messages) -> list[Problem]:
    """Warnings for placeholder text in `body` (on its line) and for a body that says only the summary."""
    found = []
    placeholders = _placeholders()
    for number, line in enumerate(body.split("\n"), start=body_line):
        plain = _plain(line).lstrip("#>-* ")
        for placeholder in placeholders:
            if plain and (placeholder in plain or plain.startswith(placeholder[:_PREFIX])):
                found.append(Problem(path, number, messages.warning("placeholder", text=_shortened(placeholder))))
                break
    if summary is not None and _words(body) and _words(body) == _words(summary):
        found.append(Problem(path, body_line, messages.warning("body_repeats_summary")))
    return found


def _shortened(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + "…"


def examples_left(path: str, values: dict[str, str | None], lines: dict[str, int], messages: Messages) -> list[Problem]:
    """Warnings for fields still holding the example value of CONTRIBUTING's template."""
    return [Problem(path, lines.get(name, 1), messages.warning("template_example", field=name, value=example))
            for name, example in scaffold.TEMPLATE_EXAMPLE.items() if values.get(name) == example]

