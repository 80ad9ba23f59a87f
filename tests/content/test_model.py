"""Model stage: states derived from the build date (CONTENT.md, last section)."""

import datetime as dt

import pytest

from catalog.content.model import DateRange, Program, State, derive_state

TODAY = dt.date(2026, 11, 21)


def make(**fields) -> Program:
    base = {"id": "p", "title": "t", "owner": "o", "summary": "s", "type": "volunteer", "categories": ("recovery",),
            "format": "online", "signup_url": "https://x.example.org/", "posted": dt.date(2026, 11, 1)}
    base.update(fields)
    return derive_state(Program(**base), TODAY, closing_soon_days=7, stale_after_days=180)


@pytest.mark.parametrize("fields, state", [
    ({}, State.OPEN),
    ({"status": "closed"}, State.CLOSED),
    ({"status": "cancelled"}, State.CLOSED),
    ({"status": "full"}, State.FULL),
    ({"deadline": dt.date(2026, 11, 20)}, State.CLOSED),  # yesterday
    ({"deadline": dt.date(2026, 11, 21)}, State.CLOSING_SOON),  # today is still open
    ({"deadline": dt.date(2026, 11, 28)}, State.CLOSING_SOON),  # exactly 7 days
    ({"deadline": dt.date(2026, 11, 29)}, State.OPEN),
    ({"dates": (DateRange(dt.date(2026, 11, 1), dt.date(2026, 11, 20)),)}, State.CLOSED),
    ({"dates": (DateRange(dt.date(2026, 11, 1), dt.date(2026, 11, 21)),)}, State.OPEN),  # last day is today
    ({"dates": (DateRange(dt.datetime(2026, 11, 20, 10, 0)),)}, State.CLOSED),
    ({"dates": (DateRange(dt.date(2026, 10, 1)), DateRange(dt.date(2026, 12, 1)))}, State.OPEN),  # a later date remains
    ({"status": "full", "deadline": dt.date(2026, 11, 1)}, State.CLOSED),  # a passed deadline closes a full one too
])
def test_state(fields, state):
    assert make(**fields).state is state


def test_stale_only_when_open_and_old():
    assert make(posted=dt.date(2026, 5, 1)).stale
    assert not make(posted=dt.date(2026, 5, 1), updated=dt.date(2026, 11, 1)).stale
    assert not make(posted=dt.date(2026, 5, 1), status="closed").stale
    assert not make(posted=dt.date(2026, 5, 25)).stale  # exactly 180 days


def test_ongoing_and_sort_keys():
    assert make().ongoing and make().deadline_sort_key == "9999-12-31"
    assert make(deadline=dt.date(2026, 12, 1)).deadline_sort_key == "2026-12-01"
    assert not make(dates=(DateRange(dt.date(2026, 12, 5)),)).ongoing
