"""Date filter values of a program (catalog/when.py): days near the build date, months, weekdays."""

from __future__ import annotations

import datetime as dt

from catalog.content.model import DateRange, Program
from catalog.content.when import ANYTIME, DAY_HORIZON, date_filters, months_of

TODAY = dt.date(2026, 11, 21)  # a Saturday


def _program(*dates: DateRange, deadline: dt.date | None = None) -> Program:
    return Program(id="p", title="t", owner="o", summary="s", type="volunteer", categories=("community",), format="online",
                   signup_url="https://example.org/", posted=dt.date(2026, 11, 1), dates=dates, deadline=deadline)


def _values(pairs, name):
    return [value for key, value in pairs if key == name]


def test_a_weekend_event_has_its_days_month_and_weekdays():
    pairs = date_filters(_program(DateRange(dt.date(2026, 11, 28), dt.date(2026, 11, 29))), TODAY)
    assert _values(pairs, "day") == ["2026-11-28", "2026-11-29"]
    assert _values(pairs, "month") == ["2026-11"]
    assert sorted(_values(pairs, "weekday")) == ["sat", "sun"]


def test_a_date_time_counts_by_its_day():
    pairs = date_filters(_program(DateRange(dt.datetime(2026, 12, 2, 10, 0), dt.datetime(2026, 12, 2, 12, 0))), TODAY)
    assert _values(pairs, "day") == ["2026-12-02"] and _values(pairs, "weekday") == ["wed"]


def test_a_long_range_stops_its_days_at_the_horizon_and_has_every_weekday():
    pairs = date_filters(_program(DateRange(dt.date(2026, 11, 1), dt.date(2027, 3, 31))), TODAY)
    days = _values(pairs, "day")
    assert days[0] == TODAY.isoformat() and len(days) == DAY_HORIZON + 1  # not the past, not beyond the horizon
    assert _values(pairs, "month") == ["2026-11", "2026-12", "2027-01", "2027-02", "2027-03"]
    assert len(_values(pairs, "weekday")) == 7


def test_a_program_without_dates_is_anytime_even_with_a_deadline():
    for program in (_program(), _program(deadline=dt.date(2026, 12, 10))):
        assert date_filters(program, TODAY) == [("day", ANYTIME), ("month", ANYTIME), ("weekday", ANYTIME)]


def test_months_of_lists_every_month_a_program_runs_in():
    program = _program(DateRange(dt.date(2026, 12, 30), dt.date(2027, 1, 2)), DateRange(dt.date(2027, 3, 1)))
    assert months_of(program) == ["2026-12", "2027-01", "2027-03"]


def test_month_titles_in_both_languages():
    from catalog.content.when import month_label
    from catalog.messages import UI

    (ja_names, en_names), (ja_title, en_title) = UI["month_names"], UI["month_title"]
    assert month_label("2026-12", ja_names.split(","), ja_title) == "2026年12月のプログラム"
    assert month_label("2027-01", en_names.split(","), en_title) == "Programs in January 2027"


def test_programs_by_month_keeps_order_and_sorts_months():
    from catalog.content.when import programs_by_month

    a = _program(DateRange(dt.date(2027, 1, 5)))
    b = _program(DateRange(dt.date(2026, 12, 30), dt.date(2027, 1, 2)))
    assert programs_by_month([a, b, _program()]) == {"2026-12": (b,), "2027-01": (a, b)}
