"""When a program happens, as search filter values (pure functions of its dates and the build date).

The search page filters by "this weekend", "next weekend", "this month", "next month", a chosen
range and weekdays. Which days those are depends on the visitor's day, so the index does not
store the answers but the facts they are computed from, in three Pagefind filters:

- `day`: every day the program runs, from the build date up to DAY_HORIZON days later (weekends
  and short ranges are asked about days; a program running three months gives 62 values, not 90);
- `month`: every month it touches (YYYY-MM), up to MONTH_HORIZON of them, for "this/next month",
  for ranges beyond the day horizon and for the month listings;
- `weekday`: the weekdays it runs on (all seven once a range spans a week).

A program without dates (ongoing, 随時) cannot be placed in time: it gets the value ANYTIME in all
three, and the page adds ANYTIME to a date choice only when the visitor asks for such programs too.
A program with a deadline but no dates is ongoing until its deadline, as far as a visitor can tell:
it is ANYTIME as well (the state filter already hides it once the deadline has passed).
"""

from __future__ import annotations

import datetime as dt

from catalog.content.model import Program

DAY_HORIZON = 62  # days after the build date that get `day` values: the next weekend and the next month fit
MONTH_HORIZON = 24  # months a long program lists
ANYTIME = "anytime"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order


def _months(first: dt.date, last: dt.date) -> list[str]:
    months: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month) and len(months) < MONTH_HORIZON:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def date_filters(program: Program, today: dt.date) -> list[tuple[str, str]]:
    """(filter, value) pairs for the `day`, `month` and `weekday` filters of one program, sorted."""
    if not program.dates:
        return [("day", ANYTIME), ("month", ANYTIME), ("weekday", ANYTIME)]
    days: set[str] = set()
    months: set[str] = set()
    weekdays: set[str] = set()
    horizon = today + dt.timedelta(days=DAY_HORIZON)
    for when in program.dates:
        first, last = when.first_day, when.last_day
        months.update(_months(first, last))
        if (last - first).days >= 6:
            weekdays.update(WEEKDAYS)
        else:
            weekdays.update(WEEKDAYS[(first + dt.timedelta(days=n)).weekday()] for n in range((last - first).days + 1))
        day = max(first, today)
        while day <= min(last, horizon):
            days.add(day.isoformat())
            day += dt.timedelta(days=1)
    pairs = [("day", d) for d in days] + [("month", m) for m in months]
    pairs += [("weekday", w) for w in WEEKDAYS if w in weekdays]
    return sorted(pairs, key=lambda pair: (pair[0], pair[1]))


def months_of(program: Program) -> list[str]:
    """The months (YYYY-MM) a program runs in, for the month listings."""
    months: set[str] = set()
    for when in program.dates:
        months.update(_months(when.first_day, when.last_day))
    return sorted(months)


def month_label(month: str, names: list[str], template: str) -> str:
    """'2026-12' -> 2026年12月のプログラム / Programs in December 2026 (template and names from the message catalog)."""
    year, number = int(month[:4]), int(month[5:7])
    return template.format(year=year, month_name=names[number - 1])


def programs_by_month(programs) -> dict[str, tuple[Program, ...]]:
    """The month listings: every month any of `programs` runs in -> those programs, order kept, months sorted."""
    found: dict[str, list[Program]] = {}
    for program in programs:
        for month in months_of(program):
            found.setdefault(month, []).append(program)
    return {month: tuple(found[month]) for month in sorted(found)}
