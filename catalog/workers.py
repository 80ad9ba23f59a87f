"""The one worker pool: this process and one forked child share a list of jobs (the machines the
catalog is built on have two cores).

The child inherits everything (the model, the functions, their closures) by fork, so nothing is
copied or pickled on the way in; only what the child computed comes back, pickled through a pipe
between these two processes (never anything read from the repository). Validation (content/read.py)
splits its files in halves with map_in_two; the full build's writer (writing/full.py) lets both
processes take chunks from shared counters, with a signal between its two rounds.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
MINIMUM = 1000  # fewer jobs than this: forking and pickling cost more than the second core saves


def can_share(count: int, minimum: int = MINIMUM) -> bool:
    """Whether `count` jobs are worth a child. Never in a process running other threads (serve's HTTP
    server): a fork can inherit a lock another thread holds. Windows has no fork."""
    return count >= minimum and threading.active_count() == 1 and hasattr(os, "fork")


class Partner(Generic[Result]):
    """A forked child running `work(ready)`; `ready()` tells this process that the child's first round
    is done. The child's return value, or its exception, comes back through `result()`."""

    def __init__(self, work: Callable[[Callable[[], None]], Result]):
        report_reader, report_writer = os.pipe()
        ready_reader, ready_writer = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(report_reader)
            os.close(ready_reader)
            _run_child(work, report_writer, ready_writer)  # never returns
        os.close(report_writer)
        os.close(ready_writer)
        self._report, self._ready = report_reader, ready_reader

    def wait_ready(self) -> bool:
        """Wait for the child's `ready()`; False when it ended without calling it (it failed)."""
        return os.read(self._ready, 1) == b"1"

    def result(self) -> Result:
        """Wait for the child; its return value, or its exception raised here."""
        os.close(self._ready)
        with os.fdopen(self._report, "rb") as stream:
            payload = stream.read()
        _, status = os.waitpid(self.pid, 0)
        if not payload:
            raise RuntimeError(f"a build process failed without a report (status {status})")
        succeeded, value = pickle.loads(payload)  # noqa: S301 - from our own forked child, through a pipe; never from a file
        if not succeeded:
            raise value
        return value

    def abandon(self) -> None:
        """This process failed: wait for the child all the same (no zombie), and drop its answer."""
        try:
            self.result()
        except BaseException:  # noqa: BLE001, S110 - this process's own failure is the one reported
            pass


def _run_child(work: Callable[[Callable[[], None]], object], report: int, ready: int) -> None:
    status = 0

    def signal() -> None:
        os.write(ready, b"1")

    try:
        try:
            payload = pickle.dumps((True, work(signal)), pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # noqa: BLE001 - everything must reach the parent
            payload = _pickled_failure(error)
        os.close(ready)
        with os.fdopen(report, "wb") as stream:
            stream.write(payload)
    except BaseException:  # noqa: BLE001 - the parent sees an empty report and a failed status
        status = 1
    finally:
        os._exit(status)  # the child must never return into the caller's code (nor run its cleanups)


def _pickled_failure(error: BaseException) -> bytes:
    try:
        payload = pickle.dumps((False, error), pickle.HIGHEST_PROTOCOL)
        pickle.loads(payload)  # noqa: S301 - our own bytes, made just above: can the parent read them?
        return payload
    except Exception:  # noqa: BLE001 - an exception that cannot travel still gets its message across
        return pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")), pickle.HIGHEST_PROTOCOL)


def map_in_two(function: Callable[[Item], Result], items: Sequence[Item], minimum: int | None = None) -> list[Result]:
    """[function(item) for item in items], the second half computed by a forked child. An exception in
    the child is raised here, as if this process had met it."""
    if not can_share(len(items), MINIMUM if minimum is None else minimum):
        return [function(item) for item in items]
    half = len(items) // 2
    partner = Partner(lambda ready: [function(item) for item in items[half:]])
    try:
        mine = [function(item) for item in items[:half]]
    except BaseException:
        partner.abandon()
        raise
    return mine + partner.result()
