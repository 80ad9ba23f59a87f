"""The owner's local loop in Chromium: `serve`, a bad edit (the problems over the page), a fix (the page reloads
with the change, the problems gone)."""

from __future__ import annotations

from conftest import program
from test_serve import Served

try:
    from playwright.sync_api import expect
except ImportError:  # the chromium fixture (conftest.py) skips with the reason
    expect = None


def test_a_bad_edit_shows_its_problem_over_the_page_and_the_fix_reloads_it(chromium, write_catalog):
    root = write_catalog({"content/programs/live-one.md": program(title="最初のタイトル")})
    source = root / "content" / "programs" / "live-one.md"
    served = Served(root)
    context = chromium.new_context(locale="ja-JP")
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        with page.expect_request("**/__serve__/events"):  # listening: a failed build from now on reaches the page
            page.goto(served.address + "programs/live-one/")
        expect(page.get_by_role("heading", level=1)).to_have_text("最初のタイトル")

        source.write_text(program(title="最初のタイトル").replace("type: volunteer", "type：volunteer"), encoding="utf-8")
        overlay = page.get_by_role("alert")
        expect(overlay).to_contain_text("ビルドに失敗しました。ファイルを直して保存すると、このページは自動で更新されます")
        expect(overlay).to_contain_text("content/programs/live-one.md:5: 「：」が全角です。項目名の後は半角の「:」と半角の空白にしてください。"
                                        "'type: volunteer' のことですか?")
        expect(page.get_by_role("heading", level=1)).to_have_text("最初のタイトル")  # the last good page, under it

        source.write_text(program(title="直したタイトル"), encoding="utf-8")
        expect(page.get_by_role("heading", level=1)).to_have_text("直したタイトル", timeout=20_000)
        expect(page.get_by_role("alert")).to_have_count(0)
        assert errors == []
    finally:
        context.close()
        served.stop()
