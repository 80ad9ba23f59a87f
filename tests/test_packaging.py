"""The package as others install and run it: `python -m catalog` is `build.py`, the lock file matches pyproject."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest
from conftest import REPO
from packaging.requirements import Requirement


def _both(*args: str) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    def run(*command: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *command, *args], cwd=REPO, capture_output=True, text=True)
    return run("build.py"), run("-m", "catalog")


@pytest.mark.parametrize("args, code", [
    (("--help",), 0),
    (("check", "--help"), 0),
    (("--no-such-option",), 2),
    (("check", "--root", str(REPO / "tests" / "broken")), 1),
    (("check", "--root", str(REPO)), 0),
])
def test_python_m_catalog_behaves_as_build_py(args, code):
    script, module = _both(*args)
    assert (script.returncode, module.returncode) == (code, code), script.stderr + module.stderr
    assert (script.stdout, script.stderr) == (module.stdout, module.stderr)
    assert script.stdout or script.stderr


def _locked(path) -> dict[str, list[tuple[str, str]]]:
    """name -> [(version, marker)] from a `uv pip compile` output."""
    locked: dict[str, list[tuple[str, str]]] = {}
    for text in path.read_text().replace("\\\n", " ").splitlines():
        line = text.split(" --hash")[0].strip()
        if line and not line.startswith("#"):
            spec, _, marker = line.partition(";")
            name, _, version = spec.strip().partition("==")
            locked.setdefault(name.lower(), []).append((version, marker.strip()))
    return locked


@pytest.mark.parametrize("lock, extra", [("requirements.txt", None), ("requirements-test.txt", "test")])
def test_every_dependency_is_locked_at_a_version_pyproject_allows_and_with_hashes(lock, extra):
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(text) for text in project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])]
    locked = _locked(REPO / lock)
    for requirement in wanted:
        versions = [version for version, _marker in locked.get(requirement.name.lower(), [])]
        assert versions, f"{requirement.name} is not in {lock}: run the command at its top again"
        assert any(requirement.specifier.contains(version, prereleases=True) for version in versions), \
            f"{lock}: {requirement.name} {versions} is not {requirement}: run the command at its top again"
    text = (REPO / lock).read_text()
    assert all("--hash=sha256:" in line for line in text.replace("\\\n", " ").splitlines() if "==" in line)


def test_the_npm_tools_are_the_same_versions_wherever_they_are_installed():
    """.ci/run, the publish workflow and the README install axe-core and the Nu HTML Checker by hand."""
    import re

    places = [REPO / ".ci" / "run", REPO / ".github" / "workflows" / "publish.yml", REPO / "README.md"]
    found = {path.name: sorted(re.findall(r"\b(?:vnu-jar|axe-core)@[0-9][0-9.]*[0-9]", path.read_text(encoding="utf-8")))
             for path in places}
    assert all(len(versions) == 2 for versions in found.values()), found
    assert len({tuple(versions) for versions in found.values()}) == 1, found
