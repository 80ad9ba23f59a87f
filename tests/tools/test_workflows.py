"""The GitHub workflows: actionlint (with shellcheck on every `run:` block), zizmor, our own least-privilege rules,
and intake's push and pull-request script run against a bare remote."""

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


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(), Loader=yaml.BaseLoader)  # "on" stays a key, not True


# The commits of the actions we use (read from the actions' own repositories), by tag.
PINNED = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/upload-artifact": ("bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
    "actions/cache": ("27d5ce7f107fe9357f9df03efb73ab90386fccae", "v5.0.5"),
}
# No verified commit of v6 yet: the tag, allowed by a ref-pin policy in .github/zizmor.yml.
BY_TAG = {"actions/configure-pages@v6"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_pinned_actions_named_jobs(path):
    workflow = _load(path)
    assert workflow["permissions"] in ({}, ""), "top level: no permissions; each job asks for what it needs"
    assert "pull_request_target" not in workflow["on"]
    text = path.read_text()
    for line in text.splitlines():
        match = re.match(r"\s*(?:- )?uses: (\S+)(.*)", line)
        if not match or match.group(1).startswith("./"):
            continue
        action, _, ref = match.group(1).partition("@")
        if match.group(1) in BY_TAG:
            continue
        assert (ref, match.group(2).strip()) == (PINNED[action][0], f"# {PINNED[action][1]}"), line
    for name, job in workflow["jobs"].items():
        assert job.get("name"), f"{path.name}: job {name} has no name"
        granted = job.get("permissions")
        assert granted is not None, f"{path.name}: job {name} must say which permissions it needs"
        job_text = text[text.index(f"  {name}:"):]
        for scope in granted:  # every permission says why, in a comment on its line
            assert re.search(rf"\n\s+{re.escape(scope)}: \w+ # \S", job_text), f"{path.name}: {name}.{scope}"
        if "pages" in granted or "id-token" in granted:
            assert path.name in ("publish.yml", "nightly.yml")
        for step in job.get("steps", []):
            assert "${{ github.event" not in step.get("run", ""), f"{name}: event text in a script"
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") == "false", f"{path.name}: {name} keeps its token"
    pushes = "git push" in text or "pages: write" in text
    if pushes:
        assert "concurrency" in workflow, f"{path.name} deploys or pushes: one run at a time"


def test_zizmor_finds_nothing_at_the_pedantic_persona():
    zizmor = shutil.which("zizmor") or shutil.which("zizmor", path=str(Path(sys.executable).parent))
    if zizmor is None:
        reason = "zizmor is not installed (pip install -e '.[test]' installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    result = subprocess.run([zizmor, "--offline", "--persona", "pedantic", "--no-progress", str(REPO / ".github")],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_dependabot_keeps_actions_and_python_packages_current():
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text())
    assert {update["package-ecosystem"] for update in config["updates"]} == {"github-actions", "pip"}


def test_pages_deploy_only_from_main_one_at_a_time():
    publish = _load(REPO / ".github" / "workflows" / "publish.yml")
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": "false"}
    deploy = publish["jobs"]["deploy"]
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert publish["on"]["push"]["branches"] == ["main"]


def test_the_base_branchs_engine_judges_the_pull_requests_content():
    workflow = _load(REPO / ".github" / "workflows" / "pull-request.yml")
    assert list(workflow["on"]) == ["pull_request"]
    job = workflow["jobs"]["check"]
    assert job["permissions"] == {"contents": "read"}
    base, head = (step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert base["with"]["ref"] == "${{ github.event.pull_request.base.sha }}" and base["with"]["path"] == "base"
    assert head["with"]["ref"] == "${{ github.event.pull_request.head.sha }}" and head["with"]["path"] == "pr"
    runs = [step.get("run", "") for step in job["steps"]]
    assert "pip install --require-hashes -r base/requirements.txt && pip install --no-deps ./base" in runs  # never the pull request's lock or code
    assert 'git -C pr diff -z --name-status "$BASE_SHA"...HEAD > "$RUNNER_TEMP/changes.bin"' in runs
    assert ('python base/build.py check --root pr --changed "$RUNNER_TEMP/changes.bin" --author "$AUTHOR" '
            '--base "$BASE_SHA"') in runs
    assert "python base/build.py build --root pr --templates base/templates --out site" in runs
    assert all(not run.startswith(("python build.py", "cd pr")) for run in runs)
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in job["steps"])


def test_the_preview_of_pull_request_code_has_nothing_to_steal():
    path = REPO / ".github" / "workflows" / "preview.yml"
    workflow = _load(path)
    assert set(workflow["on"]["pull_request"]["paths"]) == {"catalog/**", "templates/**", "build.py", "pyproject.toml"}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    assert "secrets." not in path.read_text() and "github.token" not in path.read_text()
    assert "cache" not in yaml.dump(job["steps"])


def test_labelling_again_updates_the_branch_and_the_pull_request(write_catalog, tmp_path):
    """intake.yml's last step, run as written, against a bare remote and a stand-in for gh."""
    from conftest import run_cli
    from test_intake import issue

    script = next(step["run"] for step in _load(REPO / ".github" / "workflows" / "intake.yml")["jobs"]["intake"]["steps"]
                  if step.get("name") == "Open or update the pull request")
    root = write_catalog()
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    bin_dir, runner = tmp_path / "bin", tmp_path / "runner"
    bin_dir.mkdir()
    runner.mkdir()
    (bin_dir / "gh").write_text('#!/bin/sh\necho "$*" >> "$GH_LOG"\n'
                                'case "$1 $2" in\n  "pr list") cat "$GH_PRS" 2>/dev/null || true ;;\n'
                                '  "pr create") echo 7 > "$GH_PRS" ;;\nesac\n')
    (bin_dir / "gh").chmod(0o755)
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text(f'[url "{origin.as_uri()}"]\n\tinsteadOf = https://github.com/town/catalog.git\n'
                         "[user]\n\tname = t\n\temail = t@example.org\n")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": str(gitconfig), "PATH": f"{bin_dir}:{os.environ['PATH']}",
           "GH_LOG": str(tmp_path / "gh.log"), "GH_PRS": str(tmp_path / "prs"), "GH_TOKEN": "not-a-token",
           "NUMBER": "12", "AUTHOR": "owner-admin", "REPOSITORY": "town/catalog", "RUNNER_TEMP": str(runner)}

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env).stdout

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    git("push", "-q", "https://github.com/town/catalog.git", "main")
    for title in ("最初のタイトル", "直したタイトル"):  # the issue as first labelled, then edited and labelled again
        git("switch", "-q", "main")
        git("clean", "-qfd", "content")
        body = tmp_path / "issue.md"
        body.write_text(issue(タイトル=title), encoding="utf-8")
        made = run_cli("intake", str(body), "--root", str(root), "--today", "2026-11-21", "--author", "owner-admin",
                       "--report", str(runner / "report.md"), "--id-file", str(runner / "id"))
        assert made.code == 0, made.err
        done = subprocess.run(["bash", "-e", "-c", script], cwd=root, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        pushed = subprocess.run(["git", "-C", str(origin), "show", "intake/issue-12:content/programs/kozai-intake.md"],
                                capture_output=True, text=True, check=True).stdout
        assert f'title: "{title}"' in pushed
    trailers = subprocess.run(["git", "-C", str(origin), "log", "-1", "--format=%(trailers:key=Requested-by,valueonly)",
                               "intake/issue-12"], capture_output=True, text=True, check=True).stdout
    assert trailers.strip() == "owner-admin"
    calls = (tmp_path / "gh.log").read_text().splitlines()
    assert [c.split(" --")[0] for c in calls if c.startswith("pr ")] == ["pr list", "pr create", "pr list", "pr edit 7"]
    assert calls.count("issue comment 12 --body-file " + str(runner / "report.md")) == 2


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
