"""The accessibility tests' results file (tests/a11y_results.py), as the build reads it."""

from __future__ import annotations

from types import SimpleNamespace

from catalog.content import accessibility

from a11y_results import _Collector, criteria_of_axe_tags


def test_axe_tags_name_criteria():
    assert criteria_of_axe_tags(["cat.color", "wcag2aa", "wcag143", "wcag1411", "wcag21aa"]) == ["1.4.3", "1.4.11"]


def _report(nodeid, passed, *properties):
    return SimpleNamespace(nodeid=nodeid, passed=passed, when="call", user_properties=list(properties))


def test_checks_pages_and_outcomes_are_collected_and_read_back(tmp_path):
    collector = _Collector(tmp_path / "results.json")
    collector.add(_report("tests/t.py::test_reflow[home-]", True, ("a11y_check", ("reflow", ["1.4.10"])), ("a11y_page", ("home", ""))))
    collector.add(_report("tests/t.py::test_reflow[owners-owners/]", False, ("a11y_check", ("reflow", ["1.4.10"])),
                          ("a11y_page", ("owners", "owners/"))))
    collector.add(_report("tests/t.py::test_axe[home-]", True, ("a11y_page", ("home", "")),
                          ("a11y_axe", ("image-alt", ["1.1.1"], "passed")), ("a11y_axe", ("color-contrast", ["1.4.3"], "incomplete"))))
    collector.add(_report("tests/t.py::test_other", True))  # not an accessibility check: not recorded
    collector.write()
    run = accessibility.read_results(tmp_path / "results.json")
    assert run.pages == (("home", ""), ("owners", "owners/"))
    assert {c.id: (c.outcome, c.criteria, c.pages, c.tests) for c in run.checks} == {
        "reflow": ("failed", ("1.4.10",), ("", "owners/"), ("tests/t.py::test_reflow",)),  # one page failed: the check failed
        "axe:image-alt": ("passed", ("1.1.1",), ("",), ("tests/t.py::test_axe",)),
        "axe:color-contrast": ("incomplete", ("1.4.3",), ("",), ("tests/t.py::test_axe",)),
    }
