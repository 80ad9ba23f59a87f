"""Who may change what: a git repository with a base commit, and each pull request made as an attacker
(or an owner in the browser) would, judged by the pull-request workflow's own commands."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import OWNER, PNG, SITE_YAML, TEMPLATES, TODAY, program, run_cli

from catalog.messages import Messages
from catalog.problems import one_line
from catalog.tools import trust

JA = Messages("ja")
SITE = SITE_YAML.replace("maintainers: [catalog-admin]", "maintainers: [site-admin]")


def owner(*maintainers: str) -> str:
    return OWNER.replace("maintainers: [owner-admin]", f"maintainers: [{', '.join(maintainers)}]")


BASE_FILES: dict[str, str | bytes] = {
    "content/site.yaml": SITE,
    "content/owners/a-owner.md": owner("alice"),
    "content/owners/b-owner.md": owner("bob"),
    "content/programs/a-prog.md": program(owner="a-owner"),
    "content/programs/b-prog.md": program(owner="b-owner", image="b-photo.png", image_alt="写真",
                                          signup_url="https://forms.example.org/b"),
    "content/programs/b-photo.png": PNG,
    "templates/base.html": "<html></html>\n",
    "catalog/engine.py": "RULES = 1\n",
    ".github/workflows/pull-request.yml": "name: Check pull request\n",
    "pyproject.toml": "[project]\nname = 'x'\n",
}


def git(root: Path, *args: str, env: dict | None = None) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True,
                          env={**os.environ, **(env or {})})
    return done.stdout


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")


@pytest.fixture
def repo(tmp_path) -> Path:
    """The base branch `main`: two owners (alice maintains a-owner, bob b-owner), site-admin runs the site."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "test")
    git(root, "config", "user.email", "test@example.org")
    write(root, BASE_FILES)
    assert run_cli("generate", "--root", str(root), "--today", TODAY).code == 0  # CODEOWNERS and the form
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


@dataclass
class Outcome:
    code: int
    problems: list[str]  # every `path:line: message` line
    err: str


def propose(root: Path, author: str, files: dict[str, str | bytes] | None = None, delete: tuple[str, ...] = (),
            symlinks: dict[str, str] | None = None, message: str = "change", index: tuple[str, ...] = ()) -> Outcome:
    """A pull request from a branch off main, then the workflow's two commands: the diff, and the check."""
    git(root, "switch", "-q", "-C", "pr", "main")
    write(root, files or {})
    for name in delete:
        git(root, "rm", "-q", name)
    for name, target in (symlinks or {}).items():
        os.symlink(target, root / name)
    git(root, "add", "-A")
    if index:
        git(root, "update-index", *index)
    git(root, "commit", "-q", "--allow-empty", "-m", message)
    base = git(root, "rev-parse", "main").strip()
    changes = root.parent / "changes.bin"
    changes.write_bytes(subprocess.run(["git", "-C", str(root), "diff", "-z", "--name-status", f"{base}...HEAD"],
                                       capture_output=True, check=True).stdout)
    result = run_cli("check", "--root", str(root), "--today", TODAY, "--changed", str(changes),
                     "--author", author, "--base", base)
    problems = [line for line in result.err.splitlines() if ":" in line and not line.endswith("件の問題があります")]
    return Outcome(result.code, problems, result.err)


def refused(where: str, line: int, key: str, **args: str) -> str:
    return f"{where}:{line}: {JA.problem(key, **args)}"


# ------------------------------------------------------------------ legitimate paths pass


def test_the_browser_flow_adding_editing_removing_a_program_is_green(repo, tmp_path):
    """An owner in GitHub's web editor: one commit adds one file; no command to run, no other file to change."""
    added = propose(repo, "alice", {"content/programs/a-new.md": program(owner="a-owner", title="新しいプログラム")})
    assert (added.code, added.problems) == (0, [])
    site = tmp_path / "site"  # the workflow's build and links steps, on the pull request's content
    built = run_cli("build", "--root", str(repo), "--templates", str(TEMPLATES), "--today", TODAY, "--out", str(site))
    assert built.code == 0, built.err
    assert run_cli("links", "--root", str(repo), "--out", str(site)).code == 0
    edited = propose(repo, "alice", {"content/programs/a-prog.md": program(owner="a-owner", title="直しました")})
    assert (edited.code, edited.problems) == (0, [])
    removed = propose(repo, "alice", delete=("content/programs/a-prog.md",))
    assert (removed.code, removed.problems) == (0, [])
    logins_differ_in_case = propose(repo, "Alice", {"content/programs/a-prog.md": program(owner="a-owner", title="大文字")})
    assert logins_differ_in_case.code == 0


def test_an_owners_maintainer_edits_its_file_maintainers_included_and_its_images(repo):
    own = propose(repo, "bob", {"content/owners/b-owner.md": owner("bob", "carol"),
                                "content/programs/b-photo.png": PNG + b"new"})
    assert (own.code, own.problems) == (0, [])
    picture = propose(repo, "alice", {"content/programs/a-photo.png": PNG,
                                      "content/programs/a-prog.md": program(owner="a-owner", image="a-photo.png", image_alt="写真")})
    assert (picture.code, picture.problems) == (0, [])


def test_a_site_maintainer_adds_owners_and_changes_templates_engine_and_workflows(repo):
    result = propose(repo, "site-admin", {
        "content/owners/c-owner.md": owner("carol"),
        "content/programs/c-prog.md": program(owner="c-owner"),
        "templates/base.html": "<html lang=ja></html>\n",
        "catalog/engine.py": "RULES = 2\n",
        ".github/workflows/pull-request.yml": "name: Check\n",
    })
    assert (result.code, result.problems) == (0, [])


# ------------------------------------------------------------------ every bypass is refused


def test_adding_oneself_to_another_owners_maintainers_gains_nothing(repo):
    result = propose(repo, "alice", {"content/owners/b-owner.md": owner("bob", "alice"),
                                     "content/programs/phish.md": program(owner="b-owner")})
    assert result.code == 1
    assert result.problems == [
        "content/owners/b-owner.md:5: alice さんは団体 'b-owner' の担当者ではないため、この団体のファイル (担当者の一覧を含む) を変更できません。"
        "できるのは 'b-owner' の担当者 (bob) とカタログの担当者 (site-admin) です。その人たちに依頼してください",
        "content/programs/phish.md:3: alice さんは団体 'b-owner' の担当者ではないため、この団体のプログラムを追加・変更・削除できません。"
        "できるのは 'b-owner' の担当者 (bob) とカタログの担当者 (site-admin) です。この変更を頼むか、担当者に加えてもらうよう、その人たちに依頼してください",
    ]


def test_adding_oneself_to_the_site_maintainers_gains_nothing(repo):
    result = propose(repo, "alice", {"content/site.yaml": SITE.replace("[site-admin]", "[site-admin, alice]"),
                                     "content/programs/phish.md": program(owner="b-owner")})
    assert result.code == 1
    assert result.problems == [
        refused("content/programs/phish.md", 3, "trust_program", author="alice", owner="b-owner", maintainers="bob", admins="site-admin"),
        refused("content/site.yaml", 1, "trust_site_only", author="alice", path="content/site.yaml", admins="site-admin"),
        # the CODEOWNERS line follows site.yaml's maintainers: this pull request changed them and can fix it
        refused("content/site.yaml", 1, "generated_source_changed", path=".github/CODEOWNERS"),
    ]


def test_taking_another_owners_program_and_its_signup_link_is_refused(repo):
    result = propose(repo, "alice", {"content/programs/b-prog.md": program(
        owner="a-owner", image="b-photo.png", image_alt="写真", signup_url="https://phish.example.org/form")})
    assert result.code == 1
    assert result.problems == [  # the new owner is hers; the one it is taken from is not
        refused("content/programs/b-prog.md", 3, "trust_program", author="alice", owner="b-owner", maintainers="bob", admins="site-admin")]
    moved_back = propose(repo, "bob", {"content/programs/a-prog.md": program(owner="b-owner")})
    assert moved_back.problems == [  # giving a program away needs its owner at base too
        refused("content/programs/a-prog.md", 3, "trust_program", author="bob", owner="a-owner", maintainers="alice", admins="site-admin")]


def test_deleting_or_renaming_another_owners_program_is_refused(repo):
    deleted = propose(repo, "alice", delete=("content/programs/b-prog.md",))
    assert deleted.problems == [
        refused("content/programs/b-prog.md", 1, "trust_program", author="alice", owner="b-owner", maintainers="bob", admins="site-admin")]
    git(repo, "switch", "-q", "-C", "pr", "main")
    git(repo, "mv", "content/programs/b-prog.md", "content/programs/b-renamed.md")
    renamed = propose(repo, "alice")
    assert refused("content/programs/b-prog.md", 1, "trust_program", author="alice", owner="b-owner",
                   maintainers="bob", admins="site-admin") in renamed.problems


def test_a_file_name_with_a_newline_is_read_whole_and_refused(repo):
    result = propose(repo, "alice", {"content/programs/evil\n.md": program(owner="a-owner")})
    assert result.code == 1
    expected = '"content/programs/evil\\n.md":1: ' + one_line(JA.id_problem("evil\n"))
    assert expected in result.problems
    assert not any(line.startswith(".md") for line in result.err.splitlines())  # one problem, one line


def test_the_engine_templates_workflows_and_settings_are_for_site_maintainers(repo):
    result = propose(repo, "alice", {"catalog/engine.py": "RULES = 0\n", "templates/base.html": "<script>\n",
                                     ".github/workflows/pull-request.yml": "on: push\n", "pyproject.toml": "#\n",
                                     "README.md": "x\n"})
    assert result.code == 1
    assert result.problems == [refused(path, 1, "trust_site_only", author="alice", path=path, admins="site-admin") for path in
                               (".github/workflows/pull-request.yml", "README.md", "catalog/engine.py", "pyproject.toml", "templates/base.html")]


def test_creating_or_deleting_an_owner_is_for_site_maintainers(repo):
    created = propose(repo, "alice", {"content/owners/c-owner.md": owner("alice"),
                                      "content/programs/c-prog.md": program(owner="c-owner")})
    assert created.problems == [
        refused("content/owners/c-owner.md", 1, "trust_owner_add_remove", owner="c-owner", admins="site-admin", author="alice"),
        refused("content/programs/c-prog.md", 3, "trust_owner_unknown", owner="c-owner", admins="site-admin", author="alice"),
    ]
    git(repo, "switch", "-q", "-C", "pr", "main")
    git(repo, "rm", "-q", "content/programs/a-prog.md")
    deleted = propose(repo, "alice", delete=("content/owners/a-owner.md",))
    assert deleted.problems == [
        refused("content/owners/a-owner.md", 1, "trust_owner_add_remove", owner="a-owner", admins="site-admin", author="alice")]


def test_images_belong_to_the_owners_that_use_them(repo):
    swapped = propose(repo, "alice", {"content/programs/b-photo.png": PNG + b"phishing QR code"})
    assert swapped.problems == [refused("content/programs/b-photo.png", 1, "trust_image", author="alice", owner="b-owner",
                                        maintainers="bob", admins="site-admin")]
    unused = propose(repo, "alice", {"content/programs/stray.png": PNG})
    assert unused.problems == [refused("content/programs/stray.png", 1, "trust_image_unused", author="alice",
                                       path="content/programs/stray.png", admins="site-admin")]


def test_paths_outside_the_contract_are_problems_for_everyone(repo):
    for author in ("alice", "site-admin"):
        result = propose(repo, author, {
            "content/programs/sub/hidden.md": program(owner="a-owner"),
            "content/programs/.hidden.md": program(owner="a-owner"),
            "content/programs/notes.txt": "x\n",
            "content/extra.yaml": "x: 1\n",
        }, symlinks={"content/programs/link.md": "a-prog.md"})
        stray = JA.problem("content_stray")
        assert [p for p in result.problems if "site-admin)" not in p or author == "site-admin"] == [
            f"content/extra.yaml:1: {stray}",
            f"content/programs/.hidden.md:1: {stray}",
            f"content/programs/link.md:1: {JA.problem('symlink')}",
            f"content/programs/notes.txt:1: {JA.problem('not_markdown')}",  # the loader's word for it
            f"content/programs/notes.txt:1: {stray}",
            f"content/programs/sub/hidden.md:1: {stray}",
        ], author


def test_an_intake_pull_request_is_judged_as_the_person_who_asked(repo):
    new = {"content/programs/a-intake.md": program(owner="a-owner")}
    asked = propose(repo, trust.BOT_LOGIN, new, message=f"Add program a-intake\n\n{trust.REQUESTED_BY}: alice")
    assert (asked.code, asked.problems) == (0, [])
    other = propose(repo, trust.BOT_LOGIN, new, message=f"Add program a-intake\n\n{trust.REQUESTED_BY}: mallory")
    assert other.problems == [refused("content/programs/a-intake.md", 3, "trust_program", author="mallory", owner="a-owner",
                                      maintainers="alice", admins="site-admin")]
    unrecorded = propose(repo, trust.BOT_LOGIN, new)
    assert unrecorded.code == 1 and "github-actions[bot] さんは" in unrecorded.problems[0]
    forged = propose(repo, "mallory", new, message=f"x\n\n{trust.REQUESTED_BY}: alice")  # a trailer counts for the bot only
    assert forged.code == 1 and "mallory さんは" in forged.problems[0]


def test_drift_fails_only_when_the_pull_request_made_it(repo):
    admins = SITE.replace("[site-admin]", "[site-admin, dora]")
    forgot = propose(repo, "site-admin", {"content/site.yaml": admins})
    assert forgot.problems == [refused("content/site.yaml", 1, "generated_source_changed", path=".github/CODEOWNERS")]
    codeowners = (repo / ".github" / "CODEOWNERS").read_text().replace("* @site-admin", "* @site-admin @dora")
    fixed = propose(repo, "site-admin", {"content/site.yaml": admins, ".github/CODEOWNERS": codeowners})
    assert (fixed.code, fixed.problems) == (0, [])
    git(repo, "switch", "-q", "main")  # main itself drifted (edited by hand): not the next owner's problem
    (repo / ".github" / "CODEOWNERS").write_text("* @someone\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "hand edit")
    program_pr = propose(repo, "alice", {"content/programs/a-new.md": program(owner="a-owner")})
    assert (program_pr.code, program_pr.problems) == (0, [])
    local = run_cli("check", "--root", str(repo), "--today", TODAY)  # without --changed: every drift, on its line
    assert local.code == 1 and ".github/CODEOWNERS:1: .github/CODEOWNERS が content/site.yaml と一致していません" in local.err


def test_the_changes_must_be_read_with_z_and_the_base_must_exist(repo, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("A\tcontent/programs/x.md\n")
    base = git(repo, "rev-parse", "main").strip()
    result = run_cli("check", "--root", str(repo), "--changed", str(plain), "--author", "alice", "--base", base)
    assert result.code == 2 and "git diff -z --name-status" in result.err
    zero = tmp_path / "zero.bin"
    zero.write_bytes(b"")
    assert run_cli("check", "--root", str(repo), "--changed", str(zero), "--author", "alice").code == 2  # no --base
    assert run_cli("check", "--root", str(repo), "--changed", str(zero), "--author", "alice", "--base", "f" * 40).code == 2


def test_parse_changes_reads_nul_separated_paths_whole():
    raw = b"A\0content/programs/evil\n.md\0R100\0old.md\0new\tname.md\0C75\0a.md\0b.md\0M\0x.md\0T\0y.md\0D\0gone.md\0"
    assert trust.parse_changes(raw) == [
        trust.Change("A", "content/programs/evil\n.md"), trust.Change("D", "old.md"), trust.Change("A", "new\tname.md"),
        trust.Change("A", "b.md"), trust.Change("M", "x.md"), trust.Change("M", "y.md"), trust.Change("D", "gone.md")]


@pytest.mark.parametrize("path, kind", [
    ("content/site.yaml", "site"), ("content/programs/ab-c.md", "program"), ("content/owners/x-y.md", "owner"),
    ("content/programs/写真.jpg", "programs-image"), ("content/owners/logo.svg", "owners-image"),
    ("content/programs/logo.svg", "content"), ("content/programs/a/b.md", "content"), ("content/programs/.x.png", "content"),
    ("content/x.md", "content"), ("content/programs/a\n.png", "content"), ("templates/x.html", "outside"), ("contentx/a", "outside"),
])
def test_kind_of_a_path(path, kind):
    assert trust.kind_of(path) == kind


def test_ids_match_in_full():
    assert trust.id_problem("evil\n", JA) == JA.id_problem("evil\n")
    assert trust.id_problem("con", JA) == JA.problem("reserved_id", value="con")
    assert trust.id_problem("good-id", JA) is None


def test_a_submodule_under_content_is_outside_the_contract(repo):
    commit = git(repo, "rev-parse", "main").strip()
    result = propose(repo, "site-admin", index=("--add", "--cacheinfo", f"160000,{commit},content/programs/module.md"))
    assert result.problems == [f"content/programs/module.md:1: {JA.problem('content_stray')}"]


def test_a_refusal_is_also_an_annotation_on_the_line(repo, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    git(repo, "switch", "-q", "-C", "pr", "main")
    write(repo, {"content/programs/phish.md": program(owner="b-owner")})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "x")
    changes = repo.parent / "changes.bin"
    changes.write_bytes(subprocess.run(["git", "-C", str(repo), "diff", "-z", "--name-status", "main...HEAD"],
                                       capture_output=True, check=True).stdout)
    result = run_cli("check", "--root", str(repo), "--today", TODAY, "--changed", str(changes), "--author", "alice",
                     "--base", "main")
    assert result.code == 1
    assert "::error file=content/programs/phish.md,line=3,title=content::alice さんは団体 'b-owner' の担当者ではないため" in result.out


def test_refusals_are_in_the_sites_language(repo):
    english = SITE + "language: en\n"
    git(repo, "switch", "-q", "main")
    write(repo, {"content/site.yaml": english})
    git(repo, "commit", "-q", "-am", "english")
    result = propose(repo, "alice", {"content/programs/phish.md": program(owner="b-owner")})
    assert result.problems == [
        "content/programs/phish.md:3: alice does not maintain owner 'b-owner', so cannot add, change or delete its programs. "
        "Its maintainers (bob) and the catalog's maintainers (site-admin) can: ask them to make the change, "
        "or to add you to its maintainers"]


def test_dependabot_may_change_pinned_versions_only(repo):
    bump = propose(repo, trust.DEPENDABOT_LOGIN, {".github/workflows/pull-request.yml": "name: Check pull request # v8\n",
                                                  "pyproject.toml": "[project]\nname = 'y'\n"})
    assert (bump.code, bump.problems) == (0, [])
    more = propose(repo, trust.DEPENDABOT_LOGIN, {"catalog/engine.py": "RULES = 0\n",
                                                  "content/programs/a-prog.md": program(owner="a-owner", title="x")})
    assert more.code == 1 and [p.split(":")[0] for p in more.problems] == ["catalog/engine.py", "content/programs/a-prog.md"]


def test_an_edit_of_another_owners_program_keeping_its_owner_is_refused(repo):
    result = propose(repo, "alice", {"content/programs/b-prog.md": program(
        owner="b-owner", image="b-photo.png", image_alt="写真", signup_url="https://phish.example.org/form")})
    assert result.problems == [
        refused("content/programs/b-prog.md", 3, "trust_program", author="alice", owner="b-owner", maintainers="bob", admins="site-admin")]
