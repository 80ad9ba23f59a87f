"""`new`'s questions, asked one at a time: each answer is checked as it is given and asked again until it
is right, so nothing already answered is lost to a later mistake.

The terminal is passed in (`ask` reads a line after a prompt, `say` prints one), so the whole
conversation can be tested without one.
"""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Callable
from dataclasses import dataclass

from catalog.content.fields import FORMATS, OWNER_FIELDS, OWNER_KINDS, SUMMARY_MAX, TITLE_MAX
from catalog.content.rules import TEXT_MAX
from catalog.tools import answers
from catalog.tools.answers import Choice, Reading

__all__ = ["Choice", "Question", "Stopped", "interview", "owner_questions", "program_questions", "resume_command"]
from catalog.messages import UI, Messages


@dataclass(frozen=True)
class Question:
    name: str  # the field, and the command-line option (--name)
    prompt: str  # in the site's language
    read: Callable[[str, dict[str, str]], Reading]  # an answer, and the answers so far
    required: bool = True
    choices: tuple[Choice, ...] = ()  # listed with numbers before the prompt
    when: Callable[[dict[str, str]], bool] = lambda values: True  # asked only if the answers so far call for it


class Stopped(Exception):
    """The person stopped answering (Ctrl+C, Ctrl+D): what they answered is in `values`."""

    def __init__(self, values: dict[str, str]):
        super().__init__("stopped")
        self.values = values


def interview(questions: list[Question], given: dict[str, str], ask: Callable[[str], str], say: Callable[[str], None],
              messages: Messages, interactive: bool) -> tuple[dict[str, str], list[str]]:
    """The answers by field, and (without a terminal) the problems of the values given as options.

    Given values are read like answers: a label or a name becomes its id. In a terminal, a wrong or
    missing one is asked for; without one, its problem is returned and nothing is asked.
    """
    values: dict[str, str] = {}
    problems: list[str] = []
    for question in questions:
        if not question.when(values):
            continue
        given_value = given.get(question.name)
        if given_value is not None:
            reading = question.read(given_value, values)
            if reading.value is not None:
                values[question.name] = reading.value
                continue
            if not interactive:
                values[question.name] = given_value  # the file's own check words the problem with its line
                continue
            say(f"--{_option(question.name)}: {reading.problem}")
        elif not interactive:
            if question.required:
                problems.append(messages.cli("new_required", option=_option(question.name)))
            continue
        try:
            answer = _ask_until_right(question, values, ask, say, messages)
        except (EOFError, KeyboardInterrupt):
            raise Stopped(values) from None
        if answer is not None:
            values[question.name] = answer
    return values, problems


def _ask_until_right(question: Question, values: dict[str, str], ask: Callable[[str], str],
                     say: Callable[[str], None], messages: Messages) -> str | None:
    if question.choices:
        say(messages.cli("new_choose"))
        for number, choice in enumerate(question.choices, start=1):
            say(f"  {number}. {choice.label} ({choice.id})")
    offered: str | None = None
    while True:
        hint = messages.cli("new_optional") if not question.required else ""
        prompt = f"{question.prompt}{hint}" + (f" [{offered}]" if offered else "") + ": "
        answer = ask(prompt).strip()
        if not answer and offered:
            answer = offered
        if not answer and not question.required:
            return None
        reading = question.read(answer, values)
        if reading.value is not None:
            return reading.value
        say(reading.problem or "")
        offered = reading.suggestion
        if offered:
            say(messages.cli("new_accept_suggestion", suggestion=offered))


def _option(name: str) -> str:
    return name.replace("_", "-")


def resume_command(what: str, identifier: str, values: dict[str, str]) -> str:
    """The command that starts again with what was answered, for when someone stops half-way."""
    words = ["python", "build.py", "new", what, identifier]
    for name, value in values.items():
        words += [f"--{_option(name)}", value]
    return " ".join(shlex.quote(word) for word in words)


def _label(key: str, messages: Messages) -> str:
    pair = UI[key]
    return pair[1] if messages.language == "en" else pair[0]


def program_questions(config, owners: list[Choice], today: dt.date, messages: Messages) -> list[Question]:
    """The questions of `new program`, in the order of the file; labels from site.yaml in the site's language."""
    types = tuple(Choice(term.id, term.label(messages.language)) for term in config.types)
    categories = tuple(Choice(term.id, term.label(messages.language)) for term in config.categories)
    formats = tuple(Choice(name, _label(f"format_{name}", messages)) for name in FORMATS)
    ask = messages.cli
    return [
        Question("title", ask("new_title"), lambda a, v: answers.read_text(a, "title", TITLE_MAX, messages)),
        Question("owner", ask("new_owner"), lambda a, v: answers.read_owner(a, owners, messages),
                 choices=tuple(owners) if len(owners) <= 20 else ()),
        Question("summary", ask("new_summary"), lambda a, v: answers.read_text(a, "summary", SUMMARY_MAX, messages)),
        Question("type", ask("new_type"), lambda a, v: answers.read_choice(a, list(types), "type", messages), choices=types),
        Question("categories", ask("new_categories"),
                 lambda a, v: answers.read_choices(a, list(categories), "categories", 1, 5, messages), choices=categories),
        Question("format", ask("new_format"), lambda a, v: answers.read_choice(a, list(formats), "format", messages),
                 choices=formats),
        Question("prefecture", ask("new_prefecture"), lambda a, v: answers.read_prefecture(a, messages),
                 when=lambda values: values.get("format") != "online"),
        Question("signup_url", ask("new_signup_url"), lambda a, v: answers.read_url(a, "signup_url", messages)),
        Question("start", ask("new_start"), lambda a, v: answers.read_date(a, "dates.start", today, messages), required=False),
        Question("deadline", ask("new_deadline"), lambda a, v: answers.read_deadline(a, v.get("start"), today, messages),
                 required=False),
    ]


_NAME_FIELD = next(field for field in OWNER_FIELDS if field.name == "name")
_NAME_MAX = TEXT_MAX if _NAME_FIELD.max_length is None else _NAME_FIELD.max_length  # as content/schema.py reads it


def owner_questions(messages: Messages) -> list[Question]:
    kinds = tuple(Choice(kind, _label(f"kind_{kind}", messages)) for kind in OWNER_KINDS)
    ask = messages.cli
    return [
        Question("name", ask("new_name"), lambda a, v: answers.read_text(a, "name", _NAME_MAX, messages)),
        Question("kind", ask("new_kind"), lambda a, v: answers.read_choice(a, list(kinds), "kind", messages), choices=kinds),
        Question("prefecture", ask("new_owner_prefecture"), lambda a, v: answers.read_prefecture(a, messages)),
        Question("maintainers", ask("new_maintainers"), lambda a, v: answers.read_logins(a, messages)),
    ]
