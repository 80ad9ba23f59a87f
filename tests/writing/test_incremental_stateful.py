"""Incremental = clean, always: random sequences of edits, each rebuild compared byte for byte (search
index included) with a clean build of the same files in another folder.

CI runs STATEFUL_SEQUENCES sequences of up to STATEFUL_STEPS edits (an incremental and a clean build
per step); `STATEFUL_SEQUENCES=200 .venv/bin/python -m pytest tests/test_incremental_stateful.py` runs longer.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from conftest import OWNER, SITE_YAML, TEMPLATES, build, program, tree
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

STATEFUL_SEQUENCES = int(os.environ.get("STATEFUL_SEQUENCES", "5"))
STATEFUL_STEPS = int(os.environ.get("STATEFUL_STEPS", "10"))
IDS = ["alpha-one", "beta-two", "gamma-three", "delta-four", "epsilon-five", "zeta-six"]
OWNERS = ["test-owner", "other-owner"]
WORDS = st.sampled_from(["清掃", "見守り", "ITサポート", "写真", "翻訳", "runner", "地域"])


class EditSequences(RuleBasedStateMachine):
    """The project: two owners, a few programs, a copy of the templates."""

    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="stateful-"))
        self.root = self.folder / "project"
        self.today = dt.date(2026, 11, 21)
        self.programs: dict[str, dict[str, str]] = {}

    @initialize()
    def start(self):
        (self.root / "content" / "programs").mkdir(parents=True)
        (self.root / "content" / "owners").mkdir(parents=True)
        shutil.copytree(TEMPLATES, self.root / "templates")
        (self.root / "content" / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
        for owner in OWNERS:
            (self.root / "content" / "owners" / f"{owner}.md").write_text(OWNER.replace("テスト団体", f"団体{owner}"), encoding="utf-8")
        for number, program_id in enumerate(IDS[:3]):
            self.programs[program_id] = {"title": f"プログラム{number}", "body": f"本文{number}です。", "owner": OWNERS[number % 2]}
            self.write(program_id)
        self.rebuild_and_compare()

    def teardown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def path(self, program_id: str) -> Path:
        return self.root / "content" / "programs" / f"{program_id}.md"

    def write(self, program_id: str) -> None:
        fields = self.programs[program_id]
        self.path(program_id).write_text(program(title=fields["title"], owner=fields["owner"], body=fields["body"],
                                                 deadline=fields.get("deadline")), encoding="utf-8")

    def rebuild_and_compare(self) -> None:
        today = self.today.isoformat()
        rebuilt = build(self.root, "--templates", str(self.root / "templates"), "--today", today)
        assert rebuilt.code == 0, rebuilt.err
        clean_root = self.folder / "clean"
        shutil.rmtree(clean_root, ignore_errors=True)
        shutil.copytree(self.root / "content", clean_root / "content")
        shutil.copytree(self.root / "templates", clean_root / "templates")
        clean = build(clean_root, "--templates", str(clean_root / "templates"), "--today", today, "--clean")
        assert clean.code == 0, clean.err
        assert tree(self.root / "site") == tree(clean_root / "site")

    # -------------------------------------------------------------- edits

    @precondition(lambda self: self.programs)
    @rule(data=st.data(), word=WORDS)
    def edit_body(self, data, word):
        program_id = data.draw(st.sampled_from(sorted(self.programs)))
        self.programs[program_id]["body"] += f"\n\n{word}を追加しました。"
        self.write(program_id)

    @precondition(lambda self: self.programs)
    @rule(data=st.data(), word=WORDS)
    def edit_front_matter(self, data, word):
        program_id = data.draw(st.sampled_from(sorted(self.programs)))
        self.programs[program_id]["title"] = f"{word}の{self.programs[program_id]['title']}"[:60]
        self.write(program_id)

    @precondition(lambda self: self.programs)
    @rule(data=st.data())
    def move_to_other_owner(self, data):
        program_id = data.draw(st.sampled_from(sorted(self.programs)))
        current = self.programs[program_id]["owner"]
        self.programs[program_id]["owner"] = OWNERS[1 - OWNERS.index(current)]
        self.write(program_id)

    @precondition(lambda self: self.programs and len(self.programs) < len(IDS))
    @rule(data=st.data())
    def rename(self, data):
        old = data.draw(st.sampled_from(sorted(self.programs)))
        new = data.draw(st.sampled_from([i for i in IDS if i not in self.programs]))
        self.path(old).rename(self.path(new))
        self.programs[new] = self.programs.pop(old)

    @precondition(lambda self: len(self.programs) >= 2)
    @rule(data=st.data())
    def swap(self, data):
        first, second = data.draw(st.lists(st.sampled_from(sorted(self.programs)), min_size=2, max_size=2, unique=True))
        spare = self.path(first).with_suffix(".tmp")
        self.path(first).rename(spare)
        self.path(second).rename(self.path(first))
        spare.rename(self.path(second))
        self.programs[first], self.programs[second] = self.programs[second], self.programs[first]

    @precondition(lambda self: len(self.programs) >= 2)
    @rule(data=st.data())
    def delete(self, data):
        program_id = data.draw(st.sampled_from(sorted(self.programs)))
        self.path(program_id).unlink()
        del self.programs[program_id]

    @precondition(lambda self: len(self.programs) < len(IDS))
    @rule(data=st.data(), word=WORDS)
    def add(self, data, word):
        program_id = data.draw(st.sampled_from([i for i in IDS if i not in self.programs]))
        self.programs[program_id] = {"title": f"{word}の新しいプログラム", "body": f"{word}です。", "owner": data.draw(st.sampled_from(OWNERS))}
        self.write(program_id)

    @precondition(lambda self: self.programs)
    @rule(data=st.data(), days=st.integers(0, 20))
    def deadline(self, data, days):
        program_id = data.draw(st.sampled_from(sorted(self.programs)))
        self.programs[program_id]["deadline"] = (self.today + dt.timedelta(days=days)).isoformat()
        self.write(program_id)

    @rule(word=WORDS)
    def edit_owner(self, word):
        path = self.root / "content" / "owners" / "other-owner.md"
        path.write_text(path.read_text(encoding="utf-8").replace("の紹介です。", f"の紹介です。{word}"), encoding="utf-8")

    @rule(word=WORDS)
    def edit_template(self, word):
        path = self.root / "templates" / "program.html"
        path.write_text(path.read_text(encoding="utf-8") + f"{{# {word} #}}\n", encoding="utf-8")

    @rule(word=WORDS)
    def edit_site_yaml(self, word):
        path = self.root / "content" / "site.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("description: ", f"description: {word}", 1), encoding="utf-8")

    @rule(days=st.integers(1, 10))
    def next_day(self, days):
        self.today += dt.timedelta(days=days)

    @invariant()
    def incremental_equals_clean(self):
        if self.programs:  # after initialize
            self.rebuild_and_compare()


TestEditSequences = EditSequences.TestCase
TestEditSequences.settings = settings(max_examples=STATEFUL_SEQUENCES, stateful_step_count=STATEFUL_STEPS, deadline=None,
                                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
                                      # No shrinking: it rebuilt for minutes; a failure prints its whole sequence of edits.
                                      phases=[Phase.explicit, Phase.reuse, Phase.generate])
