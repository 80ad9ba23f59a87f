"""Sharing a list of independent jobs with one forked child process (the machines we run on have 2 cores).

The child inherits everything (the function, its closure, the items) by fork, so only the results
travel, pickled through a pipe. Small lists stay in this process: forking and pickling cost more
than they save. The page writer shares its work the same way (output._write_shared), with a counter
instead of halves because its outputs differ in cost.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
MINIMUM = 1000


def map_in_two(function: Callable[[Item], Result], items: Sequence[Item], minimum: int | None = None) -> list[Result]:
    """[function(item) for item in items], the second half computed by a forked child.

    Not in a process running other threads (serve's HTTP server): a fork can inherit a held lock.
    An exception in the child is raised here, as if this process had met it.
    """
    if len(items) < (MINIMUM if minimum is None else minimum) or threading.active_count() > 1 or not hasattr(os, "fork"):
        return [function(item) for item in items]
    half = len(items) // 2
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # the child: compute, send, never return
        os.close(reader)
        status = 0
        try:
            try:
                payload = pickle.dumps((True, [function(item) for item in items[half:]]), pickle.HIGHEST_PROTOCOL)
            except BaseException as error:  # noqa: BLE001 - everything must reach the parent
                payload = _pickled_failure(error)
            with os.fdopen(writer, "wb") as stream:
                stream.write(payload)
        except BaseException:  # noqa: BLE001 - the parent sees an empty report and a failed status
            status = 1
        finally:
            os._exit(status)
    os.close(writer)
    try:
        mine = [function(item) for item in items[:half]]
    finally:  # the child is always waited for, also when this half failed
        with os.fdopen(reader, "rb") as stream:
            payload = stream.read()
        _, status = os.waitpid(child, 0)
    if not payload:
        raise RuntimeError(f"a build process failed without a report (status {status})")
    succeeded, value = pickle.loads(payload)
    if not succeeded:
        raise value
    return mine + value


def _pickled_failure(error: BaseException) -> bytes:
    try:
        return pickle.dumps((False, error), pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled still gets its message across
        return pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")), pickle.HIGHEST_PROTOCOL)
