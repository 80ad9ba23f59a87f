"""`serve`'s watcher: file events through watchfiles, and polling when those are missing or fail."""

from __future__ import annotations

import sys
import threading
import time

import pytest

from catalog.tools import serve


@pytest.fixture
def project(tmp_path):
    (tmp_path / "content" / "programs").mkdir(parents=True)
    (tmp_path / "content" / "programs" / "a.md").write_text("a", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    return tmp_path


def _first_change(project, fallback=lambda reason: None, after=lambda: None) -> tuple[float, list[bool]]:
    """Start the watcher, write a file once it watches, and return the seconds until it reports the change."""
    stop = threading.Event()
    watcher = serve.changes(project, stop, fallback)
    values = [next(watcher)]
    after()
    timer = threading.Timer(10, stop.set)  # a watcher that never sees the write ends the test, not hangs it
    timer.start()
    written = time.perf_counter()
    (project / "content" / "programs" / "a.md").write_text("an edit", encoding="utf-8")
    values.append(next(watcher, None))
    seen = time.perf_counter() - written
    stop.set()
    timer.cancel()
    assert list(watcher) == []  # stopping ends it
    return seen, values


def test_file_events_report_a_write_at_once(project):
    reasons = []
    seen, values = _first_change(project, reasons.append)
    assert values == [False, True] and reasons == []
    assert seen < serve.POLL_INTERVAL  # not a poll: an event (two 20 ms looks)


def test_without_watchfiles_it_polls_and_says_why(project, monkeypatch):
    monkeypatch.setitem(sys.modules, "watchfiles", None)  # import watchfiles raises ImportError
    reasons = []
    seen, values = _first_change(project, reasons.append)
    assert values == [False, True] and len(reasons) == 1 and "watchfiles" in reasons[0]
    assert seen > 0.1  # the poll's settling time, at least


def test_when_the_system_refuses_file_events_it_polls(project, monkeypatch):
    import watchfiles

    def refused(*paths, **options):
        raise OSError(28, "inotify watch limit reached")
        yield  # a generator, like watchfiles.watch

    monkeypatch.setattr(watchfiles, "watch", refused)
    reasons = []
    _seen, values = _first_change(project, reasons.append)
    assert values == [False, True] and reasons == ["[Errno 28] inotify watch limit reached"]


def test_events_failing_after_a_while_hand_over_to_polling_with_one_rebuild_for_what_was_missed(project, monkeypatch):
    import watchfiles

    failing = threading.Event()

    def fails_later(*paths, **options):
        yield set()  # watching
        while not failing.is_set():
            time.sleep(0.01)
        raise RuntimeError("watcher thread died")

    monkeypatch.setattr(watchfiles, "watch", fails_later)
    reasons = []
    _seen, values = _first_change(project, reasons.append, after=failing.set)
    assert values == [False, True] and reasons == ["watcher thread died"]


def test_a_project_without_the_watched_folders_is_polled(tmp_path):
    reasons = []
    stop = threading.Event()
    watcher = serve.changes(tmp_path, stop, reasons.append)
    assert next(watcher) is False and reasons == [f"no content or templates folder in {tmp_path}"]
    stop.set()
    assert list(watcher) == []
