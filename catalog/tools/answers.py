"""`new` in a terminal: each answer read as a person types it, checked at once, with the fix to accept.

People answer in their own words: a number from the list, a Japanese label (プロボノ) or an id
(probono), an organisation's name, a URL without `https://`, a date as 12月5日 or 令和8年12月5日.
Each reader turns one answer into the value the file needs, or says what is wrong and, where it can,
offers the corrected answer (accepted with Enter). Values are checked with the build's own rules
(rules.py), so an accepted answer is never refused when the file is written.

Pure functions: no terminal, no disk.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass

from catalog.content import rules
from catalog.content.documents import Scalar, Sequence
from catalog.messages import Messages


@dataclass(frozen=True)
class Choice:
    id: str
    label: str  # in the site's language


@dataclass(frozen=True)
class Reading:
    """What one answer gives: the value to write, or the problem and perhaps a corrected answer."""

    value: str | None = None
    problem: str | None = None
    suggestion: str | None = None  # an answer that would be accepted: offered, taken with Enter


def _normal(text: str) -> str:
    """Full-width letters, digits and spaces as half-width (NFKC), surrounding space removed."""
    return unicodedata.normalize("NFKC", text).strip()


def _checked(rule, text: str, field: str, messages: Messages, *args) -> Reading:
    """A schema rule applied to one answer, as if it were the field's value in a file."""
    found: list[tuple[str, dict]] = []
    value = rule(Scalar(text, 1, True), lambda line, key, **kwargs: found.append((key, kwargs)), field, *args)
    if not found and value is not rules.INVALID:
        return Reading(value=value if isinstance(value, str) else text)
    key, kwargs = found[0]
    return Reading(problem=messages.problem(key, **kwargs), suggestion=kwargs.get("suggestion"))


def read_text(answer: str, field: str, limit: int, messages: Messages) -> Reading:
    return _checked(rules.text, answer, field, messages, limit, True)


def read_prefecture(answer: str, messages: Messages) -> Reading:
    return _checked(rules.prefecture, _normal(answer), "prefecture", messages)


_HOST = re.compile(r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[/?#:].*)?$")


def read_url(answer: str, field: str, messages: Messages) -> Reading:
    """An https URL. `forms.example.org/a` and `http://…` get the https address as the fix."""
    url = answer.strip().strip("\u3000")
    if url and "://" not in url and _HOST.match(url):
        return Reading(problem=messages.problem("not_https", field=field, suggestion="https://" + url),
                       suggestion="https://" + url)
    return _checked(rules.https_url, url, field, messages)


_WEEKDAY = re.compile(r"[(（][月火水木金土日](?:曜日?)?[)）]\s*$")
_ERAS = {"令和": 2018, "R": 2018, "r": 2018, "平成": 1988, "H": 1988, "h": 1988}
_ERA_DATE = re.compile(r"^(令和|平成|[RrHh])\s*(\d{1,2}|元)\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$")
_FULL_DATE = re.compile(r"^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[月/]\s*(\d{1,2})\s*日?$")


def japanese_date(answer: str, today: dt.date) -> dt.date | None:
    """12月5日 (the next such day from today), 令和8年12月5日, R8.12.5, 2026/12/5, 2026年12月5日 -> a date."""
    text = _WEEKDAY.sub("", _normal(answer)).strip()
    try:
        match = _ERA_DATE.match(text)
        if match:
            era, year, month, day = match.groups()
            return dt.date(_ERAS[era] + (1 if year == "元" else int(year)), int(month), int(day))
        match = _FULL_DATE.match(text)
        if match:
            return dt.date(*(int(part) for part in match.groups()))
        match = _MONTH_DAY.match(text)
        if match:
            month, day = int(match.group(1)), int(match.group(2))
            this_year = dt.date(today.year, month, day)
            return this_year if this_year >= today else dt.date(today.year + 1, month, day)
    except ValueError:  # 2月30日
        return None
    return None


def read_date(answer: str, field: str, today: dt.date, messages: Messages) -> Reading:
    """A date as YYYY-MM-DD; a date written the Japanese way gets that form as the fix."""
    text = _normal(answer)
    if rules.DATE.match(text):
        return _checked(rules.date, text, field, messages)
    found = japanese_date(text, today)
    if found is not None:
        return Reading(problem=messages.problem("bad_date", field=field, value=answer.strip(), suggestion=found.isoformat()),
                       suggestion=found.isoformat())
    return _checked(rules.date, text, field, messages)


def read_deadline(answer: str, start: str | None, today: dt.date, messages: Messages) -> Reading:
    """A deadline: a date, not after the first day (`start`) when one was given."""
    reading = read_date(answer, "deadline", today, messages)
    if reading.value is not None and start and reading.value > start:
        return Reading(problem=messages.problem("deadline_after_start", deadline=reading.value, start=start))
    return reading


def _key(text: str) -> str:
    return _normal(text).casefold().replace(" ", "").replace("・", "")


def read_choice(answer: str, choices: list[Choice], field: str, messages: Messages) -> Reading:
    """One of `choices`, by its number in the list, its id or its label."""
    chosen, problem, suggestion = _one_choice(_normal(answer), choices, field, messages)
    return Reading(value=chosen, problem=problem, suggestion=suggestion)


def read_choices(answer: str, choices: list[Choice], field: str, minimum: int, maximum: int,
                 messages: Messages) -> Reading:
    """Several of `choices`, separated by commas (、 or ,) or spaces; each by number, id or label."""
    text = _normal(answer)
    pieces = [piece.strip() for piece in re.split(r"[,、，]", text) if piece.strip()]
    if len(pieces) == 1 and _one_choice(pieces[0], choices, field, messages)[0] is None:
        pieces = text.split()
    chosen: list[str] = []
    for piece in pieces:
        found, problem, suggestion = _one_choice(piece, choices, field, messages)
        if found is None:
            return Reading(problem=problem, suggestion=suggestion and ", ".join(
                [*chosen, suggestion, *pieces[len(chosen) + 1:]]))
        if found not in chosen:
            chosen.append(found)
    if len(chosen) < minimum:
        return Reading(problem=messages.problem("too_few", field=field, minimum=minimum))
    if len(chosen) > maximum:
        return Reading(problem=messages.problem("too_many", field=field, maximum=maximum, count=len(chosen)))
    return Reading(value=", ".join(chosen))


def _one_choice(text: str, choices: list[Choice], field: str, messages: Messages) -> tuple[str | None, str | None, str | None]:
    if text.isdigit() and 1 <= int(text) <= len(choices):
        return choices[int(text) - 1].id, None, None
    wanted = _key(text)
    for choice in choices:
        if wanted in (_key(choice.id), _key(choice.label)):
            return choice.id, None, None
    if not text:
        return None, messages.problem("empty", field=field), None
    names = {_key(choice.label): choice.id for choice in choices} | {_key(choice.id): choice.id for choice in choices}
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    suggestion = names[close[0]] if close else None
    allowed = messages.choice_list([(choice.id, choice.label) for choice in choices])
    return None, messages.problem("not_allowed", field=field, value=text, allowed=allowed, suggestion=suggestion), suggestion


def read_owner(answer: str, owners: list[Choice], messages: Messages) -> Reading:
    """An owner's id, or its name (or a part of it only one owner's name has), or its number in the list."""
    text = _normal(answer)
    chosen, _problem, suggestion = _one_choice(text, owners, "owner", messages)
    if chosen is not None:
        return Reading(value=chosen)
    wanted = _key(text)
    partial = [owner for owner in owners if wanted and wanted in _key(owner.label)]
    if len(partial) == 1:
        return Reading(value=partial[0].id)
    if len(partial) > 1:
        return Reading(problem=messages.cli("new_owner_ambiguous", value=text,
                                            owners=messages.choice_list([(o.id, o.label) for o in partial])))
    if not text:
        return Reading(problem=messages.problem("empty", field="owner"))
    return Reading(problem=messages.problem("owner_unknown", value=text, suggestion=suggestion), suggestion=suggestion)


def read_logins(answer: str, messages: Messages) -> Reading:
    """GitHub logins separated by commas or spaces; `@name` as `name`."""
    logins = [login.strip().removeprefix("@") for login in re.split(r"[,、，\s]+", _normal(answer)) if login.strip()]
    if not logins:
        return Reading(problem=messages.problem("empty", field="maintainers"))
    rule = rules.github_login
    reading = _checked(lambda value, report, field: rules.listing(
        Sequence(tuple(Scalar(login, 1, True) for login in logins), 1), report, field, rule, 1), "", "maintainers", messages)
    return Reading(value=", ".join(logins)) if reading.problem is None else reading
