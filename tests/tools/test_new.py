"""`new program` / `new owner`: correct skeletons that pass check, never overwriting, asking when interactive."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

from conftest import REPO, check, run_cli

PROGRAM_OPTIONS = ["--title", "新しい募集: 古材の仕分け", "--owner", "test-owner", "--summary", "古材を仕分けます。",
                   "--type", "volunteer", "--categories", "recovery, digital", "--format", "onsite",
                   "--prefecture", "石川県", "--signup-url", "https://forms.example.org/new"]


def test_new_program_from_options_passes_check(write_catalog):
    root = write_catalog()
    result = run_cli("new", "program", "kozai-new", "--root", str(root), "--today", "2026-11-21", *PROGRAM_OPTIONS)
    assert result.code == 0, result.err
    text = (root / "content" / "programs" / "kozai-new.md").read_text()
    assert 'title: "新しい募集: 古材の仕分け"' in text and "posted: 2026-11-21" in text and "# deadline: 2026-12-01" in text
    assert check(root).code == 0


def test_new_owner_passes_check_and_refuses_to_overwrite(write_catalog):
    root = write_catalog()
    options = ["--root", str(root), "--name", "能登の団体", "--kind", "npo", "--prefecture", "石川県", "--maintainers", "a-b, c-d"]
    assert run_cli("new", "owner", "noto-group", *options).code == 0
    assert "maintainers: [a-b, c-d]" in (root / "content" / "owners" / "noto-group.md").read_text()
    assert check(root).code == 0
    again = run_cli("new", "owner", "noto-group", *options)
    assert again.code == 1 and "上書きはしません" in again.err


def test_new_reports_wrong_values_and_writes_nothing(write_catalog):
    root = write_catalog()
    options = [o if o != "石川県" else "石川" for o in PROGRAM_OPTIONS]
    options[options.index("test-owner")] = "nobody"
    result = run_cli("new", "program", "wrong-one", "--root", str(root), *options)
    assert result.code == 1
    assert "'location.prefecture' の '石川' は都道府県名ではありません" in result.err
    assert "owner 'nobody' は content/owners/ にありません" in result.err
    assert not (root / "content" / "programs" / "wrong-one.md").exists()
    assert run_cli("new", "program", "Bad_Id", "--root", str(root), *PROGRAM_OPTIONS).code == 2


def test_new_without_a_terminal_names_the_missing_option(write_catalog):
    root = write_catalog()
    result = run_cli("new", "program", "half-done", "--root", str(root), "--title", "途中")
    assert result.code == 2 and "--owner が必要です" in result.err


class Terminal:
    """`new` in a real pseudo-terminal: wait for what it prints, type an answer."""

    def __init__(self, *args: str, command: list[str] | None = None, cwd=REPO):
        self.leader, follower = pty.openpty()
        self.process = subprocess.Popen(command or [sys.executable, str(REPO / "build.py"), *args], stdin=follower,
                                        stdout=follower, stderr=follower, cwd=cwd)
        os.close(follower)
        self.screen = ""

    def expect(self, text: str, seconds: float = 20) -> str:
        deadline = time.time() + seconds
        while text not in self.screen:
            assert time.time() < deadline, f"{text!r} never came; the screen:\n{self.screen}"
            ready, _, _ = select.select([self.leader], [], [], 0.2)
            if ready:
                try:
                    self.screen += os.read(self.leader, 4096).decode(errors="replace")
                except OSError:  # the process ended
                    break
        assert text in self.screen, self.screen
        seen, self.screen = self.screen.split(text, 1)
        return seen + text

    def type(self, line: str) -> None:
        os.write(self.leader, line.encode() + b"\r")

    def finish(self) -> int:
        code = self.process.wait(timeout=30)
        try:
            while True:
                ready, _, _ = select.select([self.leader], [], [], 0.2)
                if not ready:
                    break
                self.screen += os.read(self.leader, 4096).decode(errors="replace")
        except OSError:
            pass
        os.close(self.leader)
        return code


def test_new_asks_one_question_at_a_time_and_survives_every_wrong_answer(write_catalog):
    root = write_catalog()
    term = Terminal("new", "program", "asked-one", "--root", str(root), "--today", "2026-11-21")
    term.expect("タイトル (80 文字まで): ")
    term.type("")
    term.expect("'title' が空です")
    term.expect("タイトル (80 文字まで): ")
    term.type("古材の仕分け")
    shown = term.expect("団体 (番号、名前、または ID): ")
    assert "1. テスト団体 (test-owner)" in shown
    term.type("テスト団体")  # the name, not the id
    term.expect("概要 (一覧に出る説明、140 文字まで): ")
    term.type("古材を仕分けます。")
    shown = term.expect("種類 (番号か名前): ")
    assert "  1. ボランティア (volunteer)\r\n  2. プロボノ (probono)" in shown
    term.type("ボランテア")
    term.expect("'type' に 'ボランテア' は使えません。使えるのは ボランティア (volunteer)、プロボノ (probono) です。'volunteer' のことですか?")
    term.expect("種類 (番号か名前) [volunteer]: ")
    term.type("プロボノ")  # a Japanese label
    term.expect("分野 (番号か名前を「,」か「、」で区切って 1〜5 個): ")
    term.type("復興支援、２")  # a label and a full-width number
    term.expect("参加形式 (番号か名前): ")
    term.type("現地")
    term.expect("都道府県 (例: 石川県): ")
    term.type("石川")
    term.expect("'石川県' のことですか?")
    term.expect("都道府県 (例: 石川県) [石川県]: ")
    term.type("")  # Enter takes the suggestion
    term.expect("申し込みフォームの URL (https://…): ")
    term.type("forms.example.org/a")
    term.expect("'signup_url' は https:// で始まる URL にしてください。'https://forms.example.org/a' のことですか?")
    term.expect("[https://forms.example.org/a]: ")
    term.type("")
    term.expect("最初の日程 (例: 2026-12-05) (なければ Enter): ")
    term.type("12月5日(土)")
    term.expect("'2026-12-05' のことですか?")
    term.type("")
    term.expect("申し込みの締切 (例: 2026-12-01) (なければ Enter): ")
    term.type("令和8年12月10日")
    term.expect("'2026-12-10' のことですか?")
    term.type("")
    term.expect("締切 2026-12-10 が最初の開始日 2026-12-05 より後になっています")
    term.type("2026/12/1")
    term.expect("'2026-12-01' のことですか?")
    term.type("")
    term.expect("書きました: content/programs/asked-one.md")
    assert term.finish() == 0
    text = (root / "content" / "programs" / "asked-one.md").read_text()
    for line in ['title: "古材の仕分け"', "owner: test-owner", "type: probono", "categories: [recovery, digital]",
                 "format: onsite", "  prefecture: 石川県", "signup_url: https://forms.example.org/a",
                 "  - start: 2026-12-05", "deadline: 2026-12-01", "posted: 2026-11-21"]:
        assert line in text.splitlines(), line
    assert check(root).code == 0


def test_stopping_half_way_prints_the_command_that_keeps_the_answers(write_catalog):
    root = write_catalog()
    term = Terminal("new", "program", "half-way", "--root", str(root))
    term.expect("タイトル (80 文字まで): ")
    term.type("説明会: 午前")
    term.expect("団体 (番号、名前、または ID): ")
    term.type("1")
    term.expect("概要 (一覧に出る説明、140 文字まで): ")
    os.write(term.leader, b"\x04")  # Ctrl+D
    term.expect("途中で終わりました。ファイルは書いていません。答えた内容から続けるには:")
    term.expect("python build.py new program half-way --title '説明会: 午前' --owner test-owner")
    assert term.finish() == 1
    assert not (root / "content" / "programs" / "half-way.md").exists()


def test_options_take_labels_and_names_too(write_catalog):
    root = write_catalog()
    options = dict(zip(PROGRAM_OPTIONS[::2], PROGRAM_OPTIONS[1::2], strict=True))
    options |= {"--owner": "テスト団体", "--type": "ボランティア", "--categories": "復興支援, IT・DX", "--format": "現地"}
    result = run_cli("new", "program", "labelled", "--root", str(root), "--today", "2026-11-21",
                     *[word for pair in options.items() for word in pair])
    assert result.code == 0, result.err
    text = (root / "content" / "programs" / "labelled.md").read_text()
    assert "owner: test-owner" in text and "type: volunteer" in text and "categories: [recovery, digital]" in text


def test_new_owner_takes_the_kinds_japanese_label(write_catalog):
    root = write_catalog()
    options = ["--root", str(root), "--name", "輪島市社会福祉協議会", "--kind", "社会福祉協議会", "--prefecture", "石川県",
               "--maintainers", "@wajima-shakyo"]
    assert run_cli("new", "owner", "wajima-shakyo", *options).code == 0
    text = (root / "content" / "owners" / "wajima-shakyo.md").read_text()
    assert "kind: social-welfare-council" in text and "maintainers: [wajima-shakyo]" in text
