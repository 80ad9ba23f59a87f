"""Work shared with a forked child: same results, same order, failures reach the caller."""

import os

import pytest
from conftest import TODAY

from catalog import workers as parallel
from catalog.content import read as pipeline
from tests.benchmarks.generate import generate


@pytest.fixture(autouse=True)
def no_other_threads(monkeypatch):
    # Earlier tests leave idle server threads in this process, which (rightly) stop the fork.
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)


def square_with_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_results_come_back_in_order_from_both_processes():
    results = parallel.map_in_two(square_with_pid, list(range(3000)))
    assert [value for value, _ in results] == [n * n for n in range(3000)]
    assert len({pid for _, pid in results}) == 2
    assert results[0][1] == os.getpid()


def test_a_short_list_or_a_process_with_threads_stays_in_this_process(monkeypatch):
    results = parallel.map_in_two(square_with_pid, list(range(10)))
    assert {pid for _, pid in results} == {os.getpid()}
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)
    results = parallel.map_in_two(square_with_pid, list(range(3000)))
    assert {pid for _, pid in results} == {os.getpid()}


def test_a_failure_in_the_childs_half_is_raised_here():
    def fails_late(n: int) -> int:
        if n == 2500:
            raise ValueError("item 2500 is broken")
        return n

    with pytest.raises(ValueError, match="item 2500 is broken"):
        parallel.map_in_two(fails_late, list(range(3000)))


def test_validation_in_two_processes_gives_the_same_catalog_and_messages(tmp_path, monkeypatch):
    root = generate(tmp_path / "catalog", programs=1500, owners=40)
    broken = sorted((root / "content" / "programs").iterdir())[1400]  # in the child's half
    broken.write_text(broken.read_text(encoding="utf-8").replace("type: ", "tipe: ", 1), encoding="utf-8")

    shared = pipeline.read_catalog(root, TODAY)
    monkeypatch.setattr(parallel, "MINIMUM", 10**9)
    alone = pipeline.read_catalog(root, TODAY)
    assert shared.problems and shared.problems == alone.problems
    assert any(problem.path.endswith(broken.name) for problem in shared.problems)

    broken.unlink()
    monkeypatch.setattr(parallel, "MINIMUM", 1000)
    shared = pipeline.read_catalog(root, TODAY)
    monkeypatch.setattr(parallel, "MINIMUM", 10**9)
    assert shared.catalog == pipeline.read_catalog(root, TODAY).catalog
    assert len(shared.catalog.programs) > 1000
