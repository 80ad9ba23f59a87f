"""The accessibility tests' results as a file the build reads (`build.py --a11y-results FILE`).

`pytest --a11y-results FILE` (the publish workflow) writes, for every automated check that ran, the
WCAG success criteria it decides, the pages it looked at and whether it passed. A test declares its
check with `@pytest.mark.a11y(check, criteria)`; a test that runs axe-core adds one check per axe
rule (`record_axe`), with the criteria of the rule's own `wcagNNN` tags. The format is read by
catalog/content/accessibility.py (`read_results`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

RESULTS_FORMAT = 1
_WCAG_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")


def criteria_of_axe_tags(tags: list[str]) -> list[str]:
    """axe's `wcag1411` → "1.4.11"; its level tags (wcag2a, wcag21aa…) name no criterion."""
    found = []
    for tag in tags:
        match = _WCAG_TAG.match(tag)
        if match:
            found.append(".".join(match.groups()))
    return found


def record_page(request, kind: str, path: str) -> None:
    request.node.user_properties.append(("a11y_page", (kind, path)))


def record_axe(request, results: dict) -> None:
    """An axe run's rules: passed, violated, or incomplete (axe could not decide: not a pass)."""
    for outcome, key in (("passed", "passes"), ("failed", "violations"), ("incomplete", "incomplete")):
        for rule in results[key]:
            criteria = criteria_of_axe_tags(rule["tags"])
            if criteria:
                request.node.user_properties.append(("a11y_axe", (rule["id"], criteria, outcome)))


def pytest_addoption(parser):
    parser.addoption("--a11y-results", metavar="FILE", help="write the accessibility checks' results to FILE (JSON)")


class _Collector:
    def __init__(self, path: Path):
        self.path = path
        self.checks: dict[str, dict] = {}
        self.pages: dict[str, str] = {}

    def check(self, check_id: str, criteria: list[str], test: str, outcome: str, pages: list[str]) -> None:
        entry = self.checks.setdefault(check_id, {"id": check_id, "criteria": sorted(set(criteria)), "tests": [],
                                                  "outcome": "passed", "pages": []})
        entry["criteria"] = sorted(set(entry["criteria"]) | set(criteria))
        if test not in entry["tests"]:
            entry["tests"].append(test)
        rank = ("passed", "incomplete", "failed")
        if rank.index(outcome) > rank.index(entry["outcome"]):
            entry["outcome"] = outcome
        for page in pages:
            if page not in entry["pages"]:
                entry["pages"].append(page)

    def add(self, report) -> None:
        declared = [value for key, value in report.user_properties if key == "a11y_check"]
        if not declared and not any(key == "a11y_axe" for key, _ in report.user_properties):
            return
        pages = [value for key, value in report.user_properties if key == "a11y_page"]
        for kind, path in pages:
            self.pages[path] = kind
        page_paths = [path for _, path in pages]
        outcome = "passed" if report.passed else "failed"
        test = report.nodeid.split("[")[0]
        for check_id, criteria in declared:
            self.check(check_id, criteria, test, outcome, page_paths)
        for rule, criteria, rule_outcome in (value for key, value in report.user_properties if key == "a11y_axe"):
            self.check(f"axe:{rule}", criteria, test, rule_outcome if report.passed or rule_outcome == "failed" else "failed",
                       page_paths)

    def write(self) -> None:
        document = {
            "format": RESULTS_FORMAT,
            "date": dt.datetime.now(dt.UTC).date().isoformat(),
            "revision": os.environ.get("GITHUB_SHA", ""),
            "pages": [{"kind": kind, "path": path} for path, kind in self.pages.items()],  # in the tests' order: by kind of page
            "checks": sorted(self.checks.values(), key=lambda check: check["id"]),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


    # pytest hooks of the collector, registered as a plugin when --a11y-results is given
    def pytest_runtest_logreport(self, report):
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self.add(report)

    def pytest_sessionfinish(self, session):
        self.write()


def pytest_configure(config):
    config.addinivalue_line("markers", "a11y(check, criteria): an automated accessibility check and the WCAG criteria it decides")
    target = config.getoption("--a11y-results", default=None)
    if target:
        config.pluginmanager.register(_Collector(Path(target)), "a11y-results")


@pytest.fixture(autouse=True)
def _a11y_check(request):
    marker = request.node.get_closest_marker("a11y")
    if marker is not None:
        request.node.user_properties.append(("a11y_check", (marker.args[0], list(marker.args[1]))))
