"""`check` warns about text left from a skeleton or the issue form, and about a description that only repeats
the summary: on the line, in the site's language, without failing."""

from __future__ import annotations

from conftest import OWNER, REPO, SITE_YAML, check, program, run_cli
from test_new import PROGRAM_OPTIONS


def test_the_skeletons_text_left_in_a_new_program_is_a_warning_on_its_line(write_catalog):
    root = write_catalog()
    assert run_cli("new", "program", "kozai-new", "--root", str(root), "--today", "2026-11-21", *PROGRAM_OPTIONS).code == 0
    lines = (root / "content" / "programs" / "kozai-new.md").read_text().split("\n")
    line = lines.index("ここに、どんな活動か、当日の流れ、持ち物などを書いてください。") + 1
    result = check(root)
    assert result.code == 0
    assert f"content/programs/kozai-new.md:{line}: 注意: ひな形の文「ここに、どんな活動か、当日の流れ、持ち物…」が残っています。自分の言葉に書き換えてください" \
        in result.out.splitlines()


def test_an_owner_skeleton_and_the_issue_forms_description_are_found_too(write_catalog):
    root = write_catalog({
        "content/owners/test-owner.md": OWNER.replace("テスト団体の紹介です。", "ここに団体の紹介を書いてください。"),
        "content/programs/from-form.md": program(body="## 内容\n\n活動の内容、当日の流れ、持ち物など。Markdown が使えます\n"),
    })
    assert [line for line in check(root).out.splitlines() if "注意" in line] == [
        "content/owners/test-owner.md:7: 注意: ひな形の文「ここに団体の紹介を書いてください。」が残っています。自分の言葉に書き換えてください",
        "content/programs/from-form.md:13: 注意: ひな形の文「活動の内容、当日の流れ、持ち物など。Ma…」が残っています。自分の言葉に書き換えてください",
    ]


def test_a_description_that_only_repeats_the_summary(write_catalog):
    root = write_catalog({"content/programs/same.md": program(summary="古材を仕分けます。", body="## 活動の内容\n\n古材を仕分けます\n")})
    assert [line for line in check(root).out.splitlines() if "注意" in line] == [
        "content/programs/same.md:11: 注意: 本文が概要 (summary) と同じです。活動の内容、当日の流れ、持ち物などをくわしく書いてください"]


def test_in_english_and_not_for_a_real_description(write_catalog):
    root = write_catalog({
        "content/programs/left.md": program(body="Describe the activity, the day's schedule and what to bring.\n"),
        "content/programs/real.md": program(body="古材を長さごとに分けて、棚に運びます。軍手をお持ちください。\n"),
    }, site_yaml=SITE_YAML + "language: en\n")
    assert [line for line in check(root).out.splitlines() if "warning" in line] == [
        "content/programs/left.md:11: warning: the template's text 'Describe the activit…' is still here; replace it with your own words"]


def test_the_contributing_templates_examples_left_unchanged(write_catalog):
    from catalog.tools.scaffold import TEMPLATE_EXAMPLE

    template = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8").split("### ひな形", 1)[1].split("```", 2)[1]
    for name, value in TEMPLATE_EXAMPLE.items():  # the examples are the template's own
        assert f"\n{name}: {value}\n" in template
    root = write_catalog({"content/programs/copied.md": program(signup_url=TEMPLATE_EXAMPLE["signup_url"])})
    assert [line for line in check(root).out.splitlines() if "注意" in line] == [
        "content/programs/copied.md:8: 注意: 'signup_url' がひな形の例 'https://forms.example.jp/apply' のままです。"
        "このプログラムの内容に書き換えてください"]
