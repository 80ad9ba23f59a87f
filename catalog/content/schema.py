"""Validate: Documents -> SiteConfig / Owner / Program, or Problems.

Which fields exist, which are required and which rule reads each one (with its limits) is the field
table's (content/fields.py); the rules themselves are content/rules.py. Here: the walk over a
document's fields (unknown, missing, empty), the rules between fields, and the model objects made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from functools import partial
from typing import TypeVar

from catalog.content import accessibility, image_files, lang, rules
from catalog.content.accessibility import HandCheck
from catalog.content.documents import Document, Entry, Mapping, Scalar, Sequence, Value
from catalog.content.fields import DATE_FIELDS, LOCATION_FIELDS, OWNER_FIELDS, PROGRAM_FIELDS, SITE_FIELDS, Field, required
from catalog.content.model import DateRange, Image, Location, Owner, Program, SiteConfig, Term
from catalog.content.rules import INVALID, Invalid, Report
from catalog.messages import Messages
from catalog.problems import Problem

LOGO_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".svg"}
PROGRAM_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp"}
LOGO_MAX_BYTES = 1024 * 1024
IMAGE_MAX_BYTES = 2 * 1024 * 1024
VOCABULARY_LABEL_MAX = 60

# A rule applied to one field's value: what it reads, or INVALID once it has reported why not. Which
# type it reads is the field table's kind (fields.py), so a table of rules reads `object`s, narrowed
# where a rule between fields needs one, and handed to the model's dataclass by _made.
Rule = Callable[[Value, Report, str], object]
T = TypeVar("T")
M = TypeVar("M")

# Rules that need nothing but the value; the rest are made by rule_for from the field's limits.
_PLAIN_RULES: dict[str, Rule] = {
    "url": rules.https_url, "email": rules.email, "prefecture": rules.prefecture, "date": rules.date,
    "date_or_datetime": rules.date_or_datetime, "boolean": rules.boolean, "corporate_number": rules.corporate_number,
    "timezone": rules.timezone, "login": rules.github_login, "language": rules.language_code,
}


def rule_for(field: Field, config: SiteConfig | None = None, kind: str | None = None) -> Rule:
    """The rule that reads `field`, with the table's limits (and site.yaml's vocabularies for choices)."""
    kind = kind or field.kind
    if kind in _PLAIN_RULES:
        return _PLAIN_RULES[kind]
    # A limit the table leaves out is the rule's own default.
    if kind in ("text", "owner"):
        length = field.item_length if kind != field.kind else field.max_length
        return partial(rules.text, max_length=rules.TEXT_MAX if length is None else length, one_line=True)
    if kind == "kana":
        return partial(rules.kana, max_length=rules.TEXT_MAX if field.max_length is None else field.max_length)
    if kind == "integer":
        return partial(rules.integer, minimum=0 if field.minimum is None else field.minimum,
                       maximum=rules.INTEGER_MAX if field.maximum is None else field.maximum)
    if kind == "choice":
        return partial(rules.choice, allowed=_choices(field, config))
    if kind == "skill":
        if config is None:
            raise ValueError(f"{field.name}: the skills vocabulary is site.yaml's")
        return rule_for(field, config, "text" if config.skills is None else "choice")
    if kind == "list":
        return partial(rules.listing, item_rule=rule_for(field, config, field.item), minimum=field.minimum or 0,
                       maximum=field.maximum or 100)
    raise ValueError(f"no rule for {field.name} ({kind})")


def _choices(field: Field, config: SiteConfig | None) -> Collection[str]:
    if isinstance(field.choices, str):  # a vocabulary of site.yaml
        return [term.id for term in getattr(config, field.choices) or ()]
    return field.choices


class _Checker:
    """Collects one document's problems; the known/unknown/required field walk is shared by all kinds."""

    def __init__(self, path: str, messages: Messages):
        self.path = path
        self.messages = messages
        self.problems: list[Problem] = []

    def report(self, line: int, message: str, /, suggestion: str | None = None, where: str | None = None, **args: object) -> None:
        self.problems.append(Problem(self.path, line, self.messages.problem(message, suggestion=suggestion, where=where, **args)))

    def fields(self, mapping: Mapping, known: Collection[str], required_names: Collection[str], where: str | None = None) -> dict[str, Entry]:
        """Reports unknown and missing fields; returns the entries that are present and not null."""
        present: dict[str, Entry] = {}
        for key, entry in mapping.entries.items():
            if key not in known:
                meant = rules.JAPANESE_FIELD_NAMES.get(key)
                suggestion = meant if meant in known else rules.suggestion(key, known)
                self.report(entry.key_line, "unknown_field", field=key, suggestion=suggestion, where=where)
                continue
            if isinstance(entry.value, Scalar) and entry.value.is_null:
                if key in required_names:
                    self.report(entry.key_line, "empty", field=key)
                continue
            present[key] = entry
        for key in required_names:
            if key not in mapping.entries:
                self.report(mapping.line, "missing_field", field=key, where=where)
        return present

    def read(self, present: dict[str, Entry], name: str, rule: Callable[[Value, Report, str], T], within: str | None = None) -> T | None:
        """Apply `rule` to field `name` if present; `within` names the enclosing field in messages (dates.start)."""
        if name not in present:
            return None
        return rule(present[name].value, self.report, f"{within}.{name}" if within else name)

    def read_all(self, present: dict[str, Entry], field_rules: dict[str, Rule], within: str | None = None) -> dict[str, object]:
        return {name: self.read(present, name, rule, within) for name, rule in field_rules.items()}


def _made(model: Callable[..., M], values: dict[str, object], **more: object) -> M:
    """A model dataclass from the values the field table's rules read. Each value's type is its rule's,
    which the type checker cannot follow from a field's name to its row in the table:
    tests/content/test_schema.py checks every attribute of the models made against its annotation."""
    return model(**values, **more)


def _required(values: dict[str, object], name: str, kind: type[T]) -> T:
    """A required field's value once no problem was reported: its rule read it as a `kind`."""
    value = values[name]
    if not isinstance(value, kind):
        raise TypeError(f"{name} was read as {value!r}, not as a {kind.__name__}")
    return value


def _read_as(values: dict[str, object], name: str, kind: type[T]) -> T | None:
    """An optional field's value when its rule read a `kind`; None when absent or INVALID."""
    value = values.get(name)
    return value if isinstance(value, kind) else None


def _rules(fields: tuple[Field, ...], config: SiteConfig | None, *special: str) -> dict[str, Rule]:
    """Every field's rule, but those named in `special` (read with the document at hand)."""
    return {f.name: rule_for(f, config) for f in fields if f.kind not in special}


SITE_RULES = _rules(SITE_FIELDS, None, "vocabulary")
OWNER_RULES = _rules(OWNER_FIELDS, None, "image")
LOCATION_RULES = _rules(LOCATION_FIELDS, None)
DATE_RULES = _rules(DATE_FIELDS, None)


def validate_site(front: Mapping, messages: Messages, path: str = "content/site.yaml") -> tuple[SiteConfig | None, list[Problem]]:
    checker = _Checker(path, messages)
    present = checker.fields(front, [f.name for f in SITE_FIELDS], required(SITE_FIELDS))
    values = checker.read_all(present, SITE_RULES)
    vocabulary = partial(_vocabulary, checker=checker)
    values.update(checker.read_all(present, {f.name: vocabulary for f in SITE_FIELDS if f.kind == "vocabulary"}))
    if checker.problems or any(value is INVALID for value in values.values()):
        return None, checker.problems
    base_url = _required(values, "base_url", str)
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    if "?" in base_url or "#" in base_url:
        checker.report(present["base_url"].value.line, "bad_url", field="base_url", value=base_url)
        return None, checker.problems
    given = {name: value for name, value in values.items() if value is not None}
    return _made(SiteConfig, {**given, "base_url": base_url}), []


def _vocabulary(value: Value, report: Report, field: str, checker: _Checker) -> tuple[Term, ...] | Invalid:
    if not isinstance(value, Mapping) or not value.entries:
        report(value.line, "expected_vocabulary", field=field)
        return INVALID
    label = partial(rules.text, max_length=VOCABULARY_LABEL_MAX, one_line=True)
    terms: list[Term] = []
    ok = True
    for term_id, entry in value.entries.items():
        if not rules.VOCABULARY_ID.match(term_id):
            report(entry.key_line, "bad_vocabulary_id", field=field, value=term_id)
            ok = False
            continue
        if not isinstance(entry.value, Mapping):
            report(entry.key_line, "expected_labels", field=f"{field}.{term_id}")
            ok = False
            continue
        labels = checker.fields(entry.value, ("ja", "en"), ("ja", "en"), where=f"{field}.{term_id}")
        ja = checker.read(labels, "ja", label, within=f"{field}.{term_id}")
        en = checker.read(labels, "en", label, within=f"{field}.{term_id}")
        if not isinstance(ja, str) or not isinstance(en, str):  # absent or INVALID
            ok = False
            continue
        terms.append(Term(term_id, ja, en))
    return tuple(terms) if ok else INVALID


def validate_owner(document: Document, messages: Messages) -> tuple[Owner | None, list[Problem]]:
    checker = _Checker(document.path, messages)
    present = checker.fields(document.front, [f.name for f in OWNER_FIELDS], required(OWNER_FIELDS))
    values = checker.read_all(present, OWNER_RULES)
    logo = checker.read(present, "logo", partial(image_files.image_file, document=document, suffixes=LOGO_SUFFIXES, max_bytes=LOGO_MAX_BYTES))
    _paired(checker, present, "logo", "logo_alt")
    if checker.problems:
        return None, checker.problems
    logo_alt = values.pop("logo_alt")
    given = {name: value for name, value in values.items() if value is not None}
    # With no problem reported, a logo was read with its alternative text (_paired), or neither was given.
    logo = Image(logo.source, logo.name, logo_alt) if isinstance(logo, Image) and isinstance(logo_alt, str) else None
    return _made(Owner, given, id=document.id, logo=logo, body=document.body, path=document.path, body_line=document.body_line,
                 lines={key: entry.key_line for key, entry in document.front.entries.items()}), []


def _paired(checker: _Checker, present: dict[str, Entry], thing: str, alt: str) -> None:
    """An image needs its alternative text, and alternative text without an image is a leftover."""
    if thing in present and alt not in present:
        checker.report(present[thing].key_line, "alt_missing", field=thing, alt=alt)
    if alt in present and thing not in present:
        checker.report(present[alt].key_line, "alt_without_image", field=alt, image=thing)


def program_rules(config: SiteConfig) -> dict[str, Rule]:
    """The rules of a program's fields for this site.yaml: made once per build (program_validator)."""
    return _rules(PROGRAM_FIELDS, config, "signup_url", "location", "dates", "image")


def program_validator(config: SiteConfig, messages: Messages) -> Callable[[Document], tuple[Program | None, list[Problem]]]:
    return partial(validate_program, config=config, messages=messages, field_rules=program_rules(config))


def validate_program(document: Document, config: SiteConfig, messages: Messages,
                     field_rules: dict[str, Rule] | None = None) -> tuple[Program | None, list[Problem]]:
    checker = _Checker(document.path, messages)
    present = checker.fields(document.front, [f.name for f in PROGRAM_FIELDS], required(PROGRAM_FIELDS))
    values = checker.read_all(present, program_rules(config) if field_rules is None else field_rules)
    values["signup_url"] = checker.read(present, "signup_url", partial(rules.https_url, program_id=document.id))
    values["location"] = checker.read(present, "location", partial(_location, checker=checker))
    values["dates"] = dates = checker.read(present, "dates", partial(_dates, checker=checker))
    picture = checker.read(present, "image", partial(image_files.image_file, document=document, suffixes=PROGRAM_IMAGE_SUFFIXES,
                                                     max_bytes=IMAGE_MAX_BYTES))
    _paired(checker, present, "image", "image_alt")
    _between_fields(checker, present, values, dates)
    if checker.problems:
        return None, checker.problems
    picture_alt = values.pop("image_alt")
    optional = {k: v for k, v in values.items() if v is not None}
    return _made(
        Program,
        optional,
        id=document.id,
        # With no problem reported, a picture was read with its alternative text (_paired), or neither was given.
        image=Image(picture.source, picture.name, picture_alt) if isinstance(picture, Image) and isinstance(picture_alt, str) else None,
        body=document.body,
        path=document.path,
        body_line=document.body_line,
        content_language=content_language(_required(values, "title", str), _required(values, "summary", str),
                                          languages=_read_as(values, "languages", tuple) or ("ja",)),
        lines={key: entry.key_line for key, entry in document.front.entries.items()},
    ), []


def _between_fields(checker: _Checker, present: dict[str, Entry], values: dict[str, object],
                    dates: tuple[DateRange, ...] | Invalid | None) -> None:
    """Rules between fields, only where both sides are valid (neither absent nor INVALID)."""
    if values["format"] in ("onsite", "hybrid") and "location" not in present and "format" in present:
        checker.report(present["format"].value.line, "location_required", format=values["format"])
    deadline = _read_as(values, "deadline", dt.date)
    if isinstance(dates, tuple) and deadline is not None and dates:
        first = min(d.first_day for d in dates)
        if deadline > first:
            checker.report(present["deadline"].value.line, "deadline_after_start", deadline=deadline.isoformat(),
                           start=first.isoformat())
    posted, updated = _read_as(values, "posted", dt.date), _read_as(values, "updated", dt.date)
    if posted is not None and updated is not None and updated < posted:
        checker.report(present["updated"].value.line, "updated_before_posted", updated=updated.isoformat(),
                       posted=posted.isoformat())


def _location(value: Value, report: Report, field: str, checker: _Checker) -> Location | Invalid:
    if not isinstance(value, Mapping):
        report(value.line, "expected_map", field=field, example="prefecture: 石川県")
        return INVALID
    present = checker.fields(value, [f.name for f in LOCATION_FIELDS], required(LOCATION_FIELDS), where=field)
    parts = checker.read_all(present, LOCATION_RULES, within=field)
    if any(v is INVALID for v in parts.values()) or parts["prefecture"] is None:
        return INVALID
    return _made(Location, parts)


def _dates(value: Value, report: Report, field: str, checker: _Checker) -> tuple[DateRange, ...] | Invalid:
    if not isinstance(value, Sequence):
        report(value.line, "expected_dates", field=field)
        return INVALID
    maximum = next(f.maximum for f in PROGRAM_FIELDS if f.name == "dates")
    if maximum is not None and len(value.items) > maximum:
        report(value.line, "too_many", field=field, maximum=maximum, count=len(value.items))
        return INVALID
    ranges: list[DateRange] = []
    ok = True
    for item in value.items:
        if not isinstance(item, Mapping):
            report(item.line, "expected_dates", field=field)
            ok = False
            continue
        present = checker.fields(item, [f.name for f in DATE_FIELDS], required(DATE_FIELDS), where=field)
        parts = checker.read_all(present, DATE_RULES, within=field)
        start, end = parts["start"], parts["end"]
        if not isinstance(start, dt.date) or not isinstance(end, dt.date | None):  # absent (end may be) or INVALID
            ok = False
            continue
        if end is not None and _comparable(end) < _comparable(start):
            report(present["end"].value.line, "end_before_start", start=_as_written(present["start"].value),
                   end=_as_written(present["end"].value))
            ok = False
            continue
        ranges.append(DateRange(start, end))
    return tuple(sorted(ranges, key=lambda d: _comparable(d.start))) if ok else INVALID


def _as_written(value: Value) -> str:
    """A value a rule read as one value, as the owner wrote it (for messages)."""
    if not isinstance(value, Scalar):
        raise TypeError(f"line {value.line}: read as one value, but is not one")
    return value.text.strip()


def _comparable(value: dt.date | dt.datetime) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)


def content_language(*texts: str, languages: tuple[str, ...] = ("ja",)) -> str:
    """The language a program is written in, from its title and summary (see content/lang.py): the
    contract has no field for it, and its pages and cards carry it as their `lang`."""
    return lang.text_language(" ".join(t or "" for t in texts), lang.latin_language(languages)) or "ja"


# ------------------------------------------------------------------ content/accessibility.yaml


HAND_CHECK_FIELDS = ("criterion", "date", "by", "result", "note")


def validate_hand_checks(front: Mapping, messages: Messages,
                         path: str = accessibility.HAND_CHECKS_FILE) -> tuple[tuple[HandCheck, ...], list[Problem]]:
    """The maintainers' record of success criteria checked by hand (content/accessibility.py)."""
    checker = _Checker(path, messages)
    present = checker.fields(front, ("checks",), ("checks",))
    if "checks" not in present:
        return (), checker.problems
    value = present["checks"].value
    if not isinstance(value, Sequence):
        checker.report(value.line, "expected_list", field="checks", example="…")
        return (), checker.problems
    field_rules: dict[str, Rule] = {"criterion": _criterion, "date": rules.date, "by": partial(rules.text, max_length=100, one_line=True),
                                    "result": partial(rules.choice, allowed=("passed", "failed")),
                                    "note": partial(rules.text, max_length=500)}
    found: list[HandCheck] = []
    for item in value.items:
        if not isinstance(item, Mapping):
            checker.report(item.line, "front_matter_not_mapping")
            continue
        fields = checker.fields(item, HAND_CHECK_FIELDS, HAND_CHECK_FIELDS[:4], where="checks")
        values = checker.read_all(fields, field_rules)
        if any(values[name] is INVALID for name in HAND_CHECK_FIELDS) or any(values[name] is None for name in HAND_CHECK_FIELDS[:4]):
            continue
        found.append(_made(HandCheck, values, line=item.line))
    return tuple(found), checker.problems


def _criterion(value: Value, report: Report, field: str) -> str | Invalid:
    node = rules.scalar(value, report, field)
    if node is INVALID:
        return INVALID
    word = node.text.strip()
    if word in accessibility.CRITERIA_BY_ID:
        return word
    report(node.line, "unknown_criterion", value=word, suggestion=rules.suggestion(word, tuple(accessibility.CRITERIA_BY_ID)))
    return INVALID
