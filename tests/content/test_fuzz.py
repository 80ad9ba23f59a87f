"""Property-based fuzzing: whatever the content, check and render either succeed or report path:line problems.

    FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_fuzz.py   # a longer run (CI runs 60 per test)
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import OWNER, REPO, SITE_YAML, TEMPLATES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.content.fields import PROGRAM_FIELDS as FIELDS
from catalog.content.read import read_catalog as check
from catalog.site.routes import site_outputs as render_site

PROGRAM_FIELDS = [f.name for f in FIELDS]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YAML_NOISE = [":", ": ", "- ", "#", "&a", "*a", "!!binary", "|", ">", "'", '"', "[", "]", "{", "}", "---", "...",
              "\t", "? ", "%", "@", "`", "NO", "01234", "8:30", "2026-02-30", "2026-12-05T10:00", "~", "null"]
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
noisy = st.lists(st.one_of(text, st.sampled_from(YAML_NOISE)), max_size=8).map("".join)
scalar = st.one_of(text, noisy, st.integers(-10, 10**6), st.booleans(), st.none(),
                   st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)).map(str),
                   st.sampled_from(["volunteer", "recovery", "online", "onsite", "hybrid", "石川県", "東京",
                                    "https://forms.example.org/a", "http://x", "javascript:x", "test-owner"]))
value = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(st.one_of(st.sampled_from(["start", "end", "prefecture"]), text), inner, max_size=3)),
                     max_leaves=8)
keys = st.one_of(st.sampled_from(PROGRAM_FIELDS), text)
markdown = st.lists(st.one_of(text, st.sampled_from(["# ", "## ", "- ", "1. ", "> ", "```", "|", "---", "[a](", ")", "![b](",
                                                     "<script>", "<b>", "&amp;", "\n", "\n\n", "    ", "*", "_"])), max_size=30).map("".join)


def _serialize(front: dict, raw_noise: str, broken: bool) -> str:
    try:
        body = yaml.safe_dump(front, allow_unicode=True)
    except yaml.YAMLError:
        body = ""
    if broken:
        body = raw_noise + "\n" + body
    return "---\n" + body + "---\n"


def _run(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, content in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(content, encoding="utf-8", errors="surrogatepass")
        result = check(root, "2026-11-21")
        if result.ok:
            for page in render_site(result.catalog, TEMPLATES):  # pure: must not raise either
                page.make()
            return
        assert result.problems
        for problem in result.problems:
            assert problem.path.startswith("content/") and problem.line >= 1 and problem.message.strip()
            source = root / problem.path
            if source.is_file():
                assert problem.line <= source.read_text(encoding="utf-8", errors="replace").count("\n") + 2, problem


@FUZZ
@given(front=st.dictionaries(keys, value, max_size=12), body=markdown, noise=noisy, broken=st.booleans())
def test_any_program_front_matter_and_body(front, body, noise, broken):
    _run({"content/site.yaml": SITE_YAML, "content/owners/test-owner.md": OWNER,
          "content/programs/fuzzed.md": _serialize(front, noise, broken) + body})


VALID = {"title": "t", "owner": "test-owner", "summary": "s", "type": "volunteer", "categories": ["recovery"],
         "format": "online", "signup_url": "https://forms.example.org/a", "posted": "2026-11-01"}


@FUZZ
@given(changes=st.dictionaries(st.sampled_from(PROGRAM_FIELDS), value, max_size=4), body=markdown)
def test_a_valid_program_with_a_few_fields_changed(changes, body):
    _run({"content/site.yaml": SITE_YAML, "content/owners/test-owner.md": OWNER,
          "content/programs/changed.md": _serialize({**VALID, **changes}, "", False) + body})


@FUZZ
@given(site=st.dictionaries(st.one_of(st.sampled_from(["title", "description", "base_url", "language", "timezone",
                                                       "maintainers", "types", "categories", "skills"]), text),
                            value, max_size=10))
def test_any_site_yaml(site):
    _run({"content/site.yaml": yaml.safe_dump(site, allow_unicode=True), "content/owners/test-owner.md": OWNER})


@FUZZ
@given(raw=st.binary(max_size=400))
def test_any_bytes_as_a_file(raw):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content" / "programs").mkdir(parents=True)
        (root / "content" / "owners").mkdir(parents=True)
        (root / "content" / "site.yaml").write_text(SITE_YAML)
        (root / "content" / "programs" / "bytes.md").write_bytes(b"---\n" + raw)
        result = check(root, "2026-11-21")
        assert not result.ok and all(p.line >= 1 for p in result.problems)


# ------------------------------------------------------------------ pathological Markdown

HOSTILE_MARKDOWN = yaml.safe_load((REPO / "tests" / "hostile" / "payloads.yaml").read_text(encoding="utf-8"))["markdown"]


def pathological_body(family: dict, limit: int = 250 * 1024) -> str:
    """A family's body, cut below the file size limit."""
    if family.get("nest"):
        lines = (family["nest"] * i + family["unit"] for i in range(family["repeat"]))
        body = "".join(lines)
    else:
        body = family["unit"] * family["repeat"] + family.get("after", "") * family["repeat"]
    return body.encode("utf-8")[:limit].decode("utf-8", "ignore")


@pytest.mark.parametrize("family", HOSTILE_MARKDOWN, ids=lambda f: f["name"])
def test_no_body_makes_the_build_slow(family):
    """Checked and rendered within a few seconds: refused with its line, or converted in the budget."""
    import time

    from catalog.content.markup import RENDER_BUDGET_SECONDS, VALIDATION_BUDGET_SECONDS

    started = time.process_time()
    body = pathological_body(family)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, content in {"content/site.yaml": SITE_YAML, "content/owners/test-owner.md": OWNER,
                              "content/programs/slow-body.md": _serialize(VALID, "", False) + body}.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(content, encoding="utf-8")
        result = check(root, "2026-11-21")
        if result.ok:
            for page in render_site(result.catalog, TEMPLATES):
                page.make()
        else:
            assert [str(p) for p in result.problems] == [
                "content/programs/slow-body.md:12: 本文の変換に 1 秒以上かかるため掲載できません。"
                "[ ] や * _ ` \\ などの記号の連続や、深い入れ子の箇条書き・引用を減らしてください"]
    assert time.process_time() - started < VALIDATION_BUDGET_SECONDS + RENDER_BUDGET_SECONDS


@FUZZ
@given(family=st.sampled_from(HOSTILE_MARKDOWN), repeat=st.integers(1, 4000), noise=markdown)
def test_pathological_markdown_of_any_size_is_checked_quickly(family, repeat, noise):
    import time

    started = time.process_time()
    body = noise + pathological_body({**family, "repeat": repeat}) + noise
    _run({"content/site.yaml": SITE_YAML, "content/owners/test-owner.md": OWNER,
          "content/programs/slow-body.md": _serialize(VALID, "", False) + body})
    assert time.process_time() - started < 4
