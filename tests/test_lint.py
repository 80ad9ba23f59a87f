"""The engine as CI checks it: ruff finds nothing in the repository and mypy no type error in catalog/,
each with its settings in pyproject.toml ([tool.ruff], [tool.mypy]). Both come with the `test` extra.

Alone: `.venv/bin/python -m ruff check .` and `.venv/bin/python -m mypy` (from the repository's root).
"""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True)


def test_ruff_finds_nothing():
    # --no-cache: a cache left by an older ruff or other settings cannot hide a finding.
    result = _run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_type_error_in_the_engine():
    # mypy's own cache (.mypy_cache) is keyed by the files, mypy's version and its settings.
    result = _run("mypy", "--config-file", str(REPO / "pyproject.toml"))
    assert result.returncode == 0, result.stdout + result.stderr
