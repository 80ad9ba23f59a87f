"""The accessibility page (accessibility/): the policy, and every A and AA success criterion with a status it can back."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from catalog.content import accessibility
from catalog.content.accessibility import CRITERIA, Check, HandCheck, AutomatedRun, alt_text_warnings, report

from conftest import PNG, build, check, program


def test_every_wcag_22_a_and_aa_criterion_and_jis_4_1_1_are_listed_once():
    ids = [c.id for c in CRITERIA]
    assert len(ids) == len(set(ids)) == 56
    assert sum(c.level == "A" for c in CRITERIA) == 32 and sum(c.level == "AA" for c in CRITERIA) == 24
    assert "4.1.1" in ids and "2.5.8" in ids and "2.4.11" in ids
    assert ids == sorted(ids, key=lambda i: tuple(map(int, i.split("."))))


def test_no_criterion_is_both_decided_by_tests_and_not_applicable():
    assert [c.id for c in CRITERIA if c.decided_by and c.not_applicable] == []


def _run(*checks: Check) -> AutomatedRun:
    return AutomatedRun(dt.date(2026, 11, 20), "abc", (("program", "programs/x/"),), checks)


def _check(id: str, criteria: tuple[str, ...], outcome: str = "passed") -> Check:
    return Check(id, criteria, outcome, ("tests/test_conformance.py::test_x",), ("programs/x/",))


def _status(rep, criterion: str) -> str:
    return next(row.status for row in rep.rows if row.criterion.id == criterion)


def test_a_criterion_passes_only_with_evidence():
    rep = report(None, ())
    assert rep.count("automated") == 0 and rep.count("manual") == 0
    assert _status(rep, "1.4.10") == "unchecked"  # no test run: never passed
    assert _status(rep, "1.2.2") == "not_applicable"
    assert not rep.conforms


def test_statuses_from_a_test_run_and_checks_by_hand():
    run = _run(_check("reflow", ("1.4.4", "1.4.10")), _check("axe:image-alt", ("1.1.1",)),
               _check("axe:html-has-lang", ("3.1.1",)), _check("focus", ("2.1.2", "2.4.7", "2.4.11"), "failed"))
    hand = (HandCheck("1.1.1", dt.date(2026, 11, 1), "saito", "passed"), HandCheck("1.3.3", dt.date(2026, 11, 1), "saito", "failed"))
    rep = report(run, hand)
    assert _status(rep, "1.4.10") == "automated"
    assert _status(rep, "1.1.1") == "manual"  # axe's image-alt only shows an alt is there, not that it fits the picture
    assert next(r for r in rep.rows if r.criterion.id == "1.1.1").partial == (run.checks[1],)
    assert _status(rep, "3.1.1") == "unchecked"  # decided by two axe rules; one did not run
    assert _status(rep, "2.4.7") == "failed"
    assert _status(rep, "1.3.3") == "failed"  # the latest check by hand failed
    assert _status(rep, "1.2.1") == "not_applicable"


def test_an_axe_rule_axe_could_not_decide_is_no_pass():
    rep = report(_run(_check("axe:color-contrast", ("1.4.3",), "incomplete")), ())
    assert _status(rep, "1.4.3") == "unchecked"


def test_the_latest_check_by_hand_counts():
    older, newer = HandCheck("1.3.3", dt.date(2026, 1, 1), "a", "failed"), HandCheck("1.3.3", dt.date(2026, 6, 1), "b", "passed")
    assert _status(report(None, (newer, older)), "1.3.3") == "manual"


def test_results_file_is_read_or_refused(tmp_path):
    good = {"format": 1, "date": "2026-11-20", "revision": "", "pages": [{"kind": "home", "path": ""}],
            "checks": [{"id": "vnu", "criteria": ["4.1.1"], "outcome": "passed", "tests": ["t"], "pages": [""]}]}
    path = tmp_path / "results.json"
    path.write_text(json.dumps(good))
    assert accessibility.read_results(path).checks[0] == Check("vnu", ("4.1.1",), "passed", ("t",), ("",))
    for broken in ("{", json.dumps({**good, "format": 2}), json.dumps({**good, "checks": [{"id": "x"}]}),
                   json.dumps({**good, "checks": [{**good["checks"][0], "outcome": "fine"}]}),
                   json.dumps({**good, "pages": [{"kind": "gallery", "path": ""}]})):
        path.write_text(broken)
        with pytest.raises(accessibility.ResultsError):
            accessibility.read_results(path)


@pytest.mark.parametrize("alt,expected", [
    ("noto-kozai-sorting.png", ["alt_is_file_name"]),
    ("noto-kozai-sorting", ["alt_is_file_name"]),
    ("画像: 古材の仕分け", ["alt_image_prefix"]),
    ("Image of old beams", ["alt_image_prefix"]),
    ("古材の仕分けボランティア", ["alt_repeats_title"]),
    ("倉庫の棚に三段に積まれた古い梁", []),
])
def test_alt_text_warnings(alt, expected):
    assert alt_text_warnings(alt, "noto-kozai-sorting.png", "古材の仕分けボランティア") == expected


def test_check_warns_about_alt_texts_with_their_lines(write_catalog):
    root = write_catalog({
        "content/programs/with-image.md": program(image="photo.png", image_alt='"画像: テストのプログラム"'),
        "content/programs/photo.png": PNG,
        "content/programs/named.md": program(title="古材の仕分け", image="photo.png", image_alt="古材の仕分け"),
    })
    result = check(root)
    assert result.code == 0, result.err
    assert result.out.splitlines()[:-1] == [
        "content/programs/named.md:11: 注意: 'image_alt' が見出しの「古材の仕分け」と同じです。画像に写っているものを書いてください (見出しは別に読み上げられます)",
        "content/programs/with-image.md:11: 注意: 'image_alt' を「画像」や「image of」で始めないでください。読み上げソフトは画像であることを先に伝えます。写っているものから書いてください",
    ]


HAND_CHECKS = """\
checks:
  - criterion: 1.3.3
    date: 2026-11-01
    by: saito
    result: passed
    note: 色や形だけで伝える説明はない
  - criterion: 1.3.33
    date: 2026-11-01
    by: saito
    result: ok
  - criterion: 2.4.6
    date: 2026-12-24
    by: saito
    result: passed
    notes: typo
"""


def test_hand_checks_are_validated_with_lines(write_catalog):
    root = write_catalog({"content/accessibility.yaml": HAND_CHECKS})
    result = check(root)
    assert result.code == 1
    assert result.problems == [
        "content/accessibility.yaml:7: 達成基準 '1.3.33' は WCAG 2.2 の A・AA にありません (「1.4.3」のように番号で書いてください)。'1.3.3' のことですか?",
        "content/accessibility.yaml:10: 'result' に 'ok' は使えません。使えるのは passed, failed です",
        "content/accessibility.yaml:15: 未知の項目 'checks.notes' です。'note' のことですか?",
    ]


def test_the_page_without_results_says_it_is_not_tested_and_claims_nothing(write_catalog):
    root = write_catalog({"content/programs/one.md": program()})
    assert build(root).code == 0
    page = (root / "site" / "accessibility" / "index.html").read_text()
    assert "JIS X 8341-3:2016 適合レベル AA に準拠" in page  # the target
    assert "この版ではまだ試験していません" in page
    assert "試験前: この版はまだ試験していないため、準拠を表明していません" in page
    assert page.count('<tr id="sc-') == 56
    assert "status-automated" not in page.split("<tbody>")[1] and "status-manual" not in page.split("<tbody>")[1]
    home = (root / "site" / "index.html").read_text()
    assert '<a href="accessibility/">アクセシビリティ</a>' in home  # in every footer
    assert "accessibility/" in (root / "site" / "sitemap.xml").read_text()


def test_the_page_shows_the_test_run_and_checks_by_hand(write_catalog, tmp_path):
    root = write_catalog({"content/programs/one.md": program(),
                          "content/accessibility.yaml": "checks:\n  - {criterion: 1.3.3, date: 2026-11-01, by: saito, result: passed}\n"})
    results = tmp_path / "results.json"
    results.write_text(json.dumps({
        "format": 1, "date": "2026-11-20", "revision": "0123456789abcdef", "pages": [{"kind": "program", "path": "programs/one/"}],
        "checks": [{"id": "reflow", "criteria": ["1.4.4", "1.4.10"], "outcome": "passed",
                    "tests": ["tests/test_conformance.py::test_reflow_at_320_px_and_200_percent_text"], "pages": ["programs/one/"]}]}))
    assert build(root, "--a11y-results", str(results)).code == 0
    page = (root / "site" / "accessibility" / "index.html").read_text()
    row = page.split('<tr id="sc-1.4.10">')[1].split("</tr>")[0]
    assert "自動試験で合格" in row and "リフロー: 幅 320 px と 640 px (200 %) で横スクロールなし、重なりなし" in row
    row = page.split('<tr id="sc-1.3.3">')[1].split("</tr>")[0]
    assert "人が確認して合格" in row and '2026年11月1日(日) に <span lang="en">saito</span> が確認' in row
    assert "一部準拠: 未確認 33 件、不合格 0 件の達成基準があります" in page
    assert "tests/test_conformance.py::test_reflow_at_320_px_and_200_percent_text" in page
    assert '<a href="../programs/one/"><code>programs/one/</code></a>' in page
    assert "2026年11月20日(金)</time> (版 0123456789ab)" in page


def test_a_broken_results_file_stops_the_build(write_catalog, tmp_path):
    root = write_catalog({"content/programs/one.md": program()})
    (tmp_path / "results.json").write_text("{}")
    result = build(root, "--a11y-results", str(tmp_path / "results.json"))
    assert result.code == 2 and "not a results file" in result.err
    assert not (root / "site").exists()


def test_every_kind_of_page_has_a_name_in_both_languages():
    from catalog.messages import UI

    assert all(f"a11y_page_kind_{kind}" in UI for kind in accessibility.PAGE_KINDS)
    assert all(criterion.not_applicable in UI for criterion in CRITERIA if criterion.not_applicable)
