"""Every `run:` block of every workflow passes shellcheck (Debian's package), as bash runs it on the runner."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
import yaml
from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)


def scripts(text: str) -> list[tuple[str, str]]:
    """(job/step, script) for every `run:` block; `${{ … }}` becomes a quoted shell variable.

    GitHub pastes an expression's value into the script before bash reads it; a placeholder
    variable lets shellcheck parse the rest (and the workflow tests forbid event text there).
    """
    workflow = yaml.load(text, Loader=yaml.BaseLoader)
    found = []
    for job_name, job in workflow.get("jobs", {}).items():
        for number, step in enumerate(job.get("steps", []), start=1):
            if "run" in step:
                script = EXPRESSION.sub("${GITHUB_EXPRESSION}", step["run"])
                found.append((f"{job_name}/{step.get('name', number)}", script))
    return found


def _shellcheck(script: str) -> subprocess.CompletedProcess:
    if shutil.which("shellcheck") is None:
        reason = "shellcheck is not installed (apt-get install shellcheck)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    # GitHub runs each block with `bash -e {0}`.
    return subprocess.run(["shellcheck", "--shell=bash", "--format=gcc", "-"],
                          input=script, capture_output=True, text=True)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_run_block_passes_shellcheck(path):
    found = scripts(path.read_text())
    problems = {where: result.stdout for where, script in found if (result := _shellcheck(script)).returncode}
    assert problems == {}


def test_run_blocks_are_all_found_and_expressions_become_a_variable():
    text = """
on: push
jobs:
  one:
    steps:
      - run: echo "${{ github.sha }}"
      - uses: actions/checkout@v7
      - name: two lines
        run: |
          a=1
          echo "$a" ${{ matrix.x }}
"""
    assert scripts(text) == [("one/1", 'echo "${GITHUB_EXPRESSION}"'),
                             ("one/two lines", 'a=1\necho "$a" ${GITHUB_EXPRESSION}\n')]


def test_shellcheck_reports_an_unquoted_variable():
    result = _shellcheck('rm -rf $RUNNER_TEMP/site\n')
    assert result.returncode == 1 and "SC2086" in result.stdout
