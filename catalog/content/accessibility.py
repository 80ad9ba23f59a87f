"""The accessibility page: JIS X 8341-3:2016 AA, and each WCAG 2.x level A and AA success criterion's status on this build.

A criterion's status is never "passed" without evidence, in this order:
- failed: an automated check that decides or touches it failed, or the latest check by hand failed;
- not applicable: the generator makes nothing the criterion is about (no audio, video, time
  limits…); the reason is said on the page;
- automated: every check that decides it on generated pages (`decided_by`) ran on this build and
  passed; the checks come from the test run the publish workflow performs (tests/a11y_results.py
  writes them, `build.py --a11y-results FILE` reads them);
- checked by hand: content/accessibility.yaml, kept by the catalog's maintainers, says who checked
  it and when (validated like other content, content/schema.validate_hand_checks);
- unchecked: nothing above; the automated checks that touch it, if any, are listed as partial.

The criteria are WCAG 2.2's A and AA, plus 4.1.1 Parsing, which JIS X 8341-3:2016 (WCAG 2.0) still has.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

HAND_CHECKS_FILE = "content/accessibility.yaml"
RESULTS_FORMAT = 1  # tests/a11y_results.py
TARGET_STANDARD = "JIS X 8341-3:2016"
TARGET_LEVEL = "AA"


@dataclass(frozen=True)
class Criterion:
    id: str  # "1.4.10"
    level: str  # "A" or "AA"
    since: str  # the WCAG version that added it: "2.0", "2.1", "2.2"
    ja: str
    en: str
    not_applicable: str | None = None  # a messages.UI key saying why the generator's pages have nothing it is about
    decided_by: tuple[str, ...] = ()  # automated checks that, all passed, decide it on generated pages

    def label(self, language: str) -> str:
        return self.en if language == "en" else self.ja


C = Criterion
CRITERIA: tuple[Criterion, ...] = (
    C("1.1.1", "A", "2.0", "非テキストコンテンツ", "Non-text Content"),
    C("1.2.1", "A", "2.0", "音声のみ及び映像のみ (収録済)", "Audio-only and Video-only (Prerecorded)", "a11y_na_media"),
    C("1.2.2", "A", "2.0", "キャプション (収録済)", "Captions (Prerecorded)", "a11y_na_media"),
    C("1.2.3", "A", "2.0", "音声解説、又はメディアに対する代替 (収録済)", "Audio Description or Media Alternative (Prerecorded)", "a11y_na_media"),
    C("1.2.4", "AA", "2.0", "キャプション (ライブ)", "Captions (Live)", "a11y_na_media"),
    C("1.2.5", "AA", "2.0", "音声解説 (収録済)", "Audio Description (Prerecorded)", "a11y_na_media"),
    C("1.3.1", "A", "2.0", "情報及び関係性", "Info and Relationships"),
    C("1.3.2", "A", "2.0", "意味のある順序", "Meaningful Sequence"),
    C("1.3.3", "A", "2.0", "感覚的な特徴", "Sensory Characteristics"),
    C("1.3.4", "AA", "2.1", "表示の向き", "Orientation"),
    C("1.3.5", "AA", "2.1", "入力目的の特定", "Identify Input Purpose", "a11y_na_personal_data"),
    C("1.4.1", "A", "2.0", "色の使用", "Use of Color"),
    C("1.4.2", "A", "2.0", "音声の制御", "Audio Control", "a11y_na_media"),
    C("1.4.3", "AA", "2.0", "コントラスト (最低限)", "Contrast (Minimum)", decided_by=("axe:color-contrast",)),
    C("1.4.4", "AA", "2.0", "テキストのサイズ変更", "Resize Text", decided_by=("reflow",)),
    C("1.4.5", "AA", "2.0", "文字画像", "Images of Text"),
    C("1.4.10", "AA", "2.1", "リフロー", "Reflow", decided_by=("reflow",)),
    C("1.4.11", "AA", "2.1", "非テキストのコントラスト", "Non-text Contrast", decided_by=("non-text-contrast",)),
    C("1.4.12", "AA", "2.1", "テキストの間隔", "Text Spacing", decided_by=("text-spacing",)),
    C("1.4.13", "AA", "2.1", "ホバー又はフォーカスで表示されるコンテンツ", "Content on Hover or Focus", "a11y_na_hover"),
    C("2.1.1", "A", "2.0", "キーボード", "Keyboard"),
    C("2.1.2", "A", "2.0", "キーボードトラップなし", "No Keyboard Trap", decided_by=("focus",)),
    C("2.1.4", "A", "2.1", "文字キーのショートカット", "Character Key Shortcuts", "a11y_na_shortcuts"),
    C("2.2.1", "A", "2.0", "タイミング調整可能", "Timing Adjustable", "a11y_na_timing"),
    C("2.2.2", "A", "2.0", "一時停止、停止、非表示", "Pause, Stop, Hide", "a11y_na_motion"),
    C("2.3.1", "A", "2.0", "3 回の閃光、又は閾値以下", "Three Flashes or Below Threshold", "a11y_na_motion"),
    C("2.4.1", "A", "2.0", "ブロックスキップ", "Bypass Blocks", decided_by=("axe:bypass", "focus")),
    C("2.4.2", "A", "2.0", "ページタイトル", "Page Titled", decided_by=("axe:document-title",)),
    C("2.4.3", "A", "2.0", "フォーカス順序", "Focus Order"),
    C("2.4.4", "A", "2.0", "リンクの目的 (コンテキスト内)", "Link Purpose (In Context)"),
    C("2.4.5", "AA", "2.0", "複数の手段", "Multiple Ways"),
    C("2.4.6", "AA", "2.0", "見出し及びラベル", "Headings and Labels"),
    C("2.4.7", "AA", "2.0", "フォーカスの可視化", "Focus Visible", decided_by=("focus",)),
    C("2.4.11", "AA", "2.2", "フォーカスの非隠蔽 (最低限)", "Focus Not Obscured (Minimum)", decided_by=("focus",)),
    C("2.5.1", "A", "2.1", "ポインタのジェスチャ", "Pointer Gestures", "a11y_na_gestures"),
    C("2.5.2", "A", "2.1", "ポインタのキャンセル", "Pointer Cancellation"),
    C("2.5.3", "A", "2.1", "ラベルを含む名前 (name)", "Label in Name"),
    C("2.5.4", "A", "2.1", "動きによる起動", "Motion Actuation", "a11y_na_gestures"),
    C("2.5.7", "AA", "2.2", "ドラッグ動作", "Dragging Movements", "a11y_na_gestures"),
    C("2.5.8", "AA", "2.2", "ターゲットのサイズ (最低限)", "Target Size (Minimum)", decided_by=("target-size",)),
    C("3.1.1", "A", "2.0", "ページの言語", "Language of Page", decided_by=("axe:html-has-lang", "axe:html-lang-valid")),
    C("3.1.2", "AA", "2.0", "一部分の言語", "Language of Parts", decided_by=("language-of-parts",)),
    C("3.2.1", "A", "2.0", "フォーカス時", "On Focus"),
    C("3.2.2", "A", "2.0", "入力時", "On Input"),
    C("3.2.3", "AA", "2.0", "一貫したナビゲーション", "Consistent Navigation"),
    C("3.2.4", "AA", "2.0", "一貫した識別性", "Consistent Identification"),
    C("3.2.6", "A", "2.2", "一貫したヘルプ", "Consistent Help"),
    C("3.3.1", "A", "2.0", "エラーの特定", "Error Identification", "a11y_na_errors"),
    C("3.3.2", "A", "2.0", "ラベル又は説明", "Labels or Instructions"),
    C("3.3.3", "AA", "2.0", "エラー修正の提案", "Error Suggestion", "a11y_na_errors"),
    C("3.3.4", "AA", "2.0", "エラー回避 (法的、金融、データ)", "Error Prevention (Legal, Financial, Data)", "a11y_na_transactions"),
    C("3.3.7", "A", "2.2", "冗長な入力", "Redundant Entry", "a11y_na_transactions"),
    C("3.3.8", "AA", "2.2", "認証 (最低限)", "Accessible Authentication (Minimum)", "a11y_na_authentication"),
    C("4.1.1", "A", "2.0", "構文解析", "Parsing", decided_by=("vnu",)),
    C("4.1.2", "A", "2.0", "名前 (name)・役割 (role) 及び値 (value)", "Name, Role, Value"),
    C("4.1.3", "AA", "2.1", "ステータスメッセージ", "Status Messages", decided_by=("status-messages",)),
)
del C
CRITERIA_BY_ID = {criterion.id: criterion for criterion in CRITERIA}
# The kinds of page the tests sample (tests/site/test_conformance.py PAGES), each named on the page (messages.UI a11y_page_kind_*).
PAGE_KINDS = ("home", "program", "flyer", "owner", "owners", "listing", "facet", "search", "accessibility", "not-found")
STATUSES = ("automated", "manual", "not_applicable", "unchecked", "failed")  # the page's order of counts


@dataclass(frozen=True)
class HandCheck:
    """One line of content/accessibility.yaml: a criterion a person checked on the built site."""

    criterion: str
    date: dt.date
    by: str  # who checked: a name or a GitHub login
    result: str  # "passed" or "failed"
    note: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Check:
    """One automated check of the test run: a named test or an axe-core rule."""

    id: str  # "reflow", "axe:color-contrast"
    criteria: tuple[str, ...]
    outcome: str  # "passed", "incomplete" (axe could not decide) or "failed"
    tests: tuple[str, ...]  # pytest node ids
    pages: tuple[str, ...]


@dataclass(frozen=True)
class AutomatedRun:
    """What `pytest --a11y-results FILE` wrote."""

    date: dt.date
    revision: str
    pages: tuple[tuple[str, str], ...]  # (kind of page, path)
    checks: tuple[Check, ...]


class ResultsError(ValueError):
    """The results file cannot be read: the build stops rather than publish a page it cannot back."""


def read_results(path: Path) -> AutomatedRun:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ResultsError(f"{path}: {error}") from None
    try:
        if document["format"] != RESULTS_FORMAT:
            raise ResultsError(f"{path}: format {document['format']!r}, expected {RESULTS_FORMAT}")
        checks = tuple(Check(str(c["id"]), tuple(map(str, c["criteria"])), _outcome(c["outcome"]), tuple(map(str, c["tests"])),
                             tuple(map(str, c["pages"]))) for c in document["checks"])
        pages = tuple((_kind(p["kind"]), str(p["path"])) for p in document["pages"])
        return AutomatedRun(dt.date.fromisoformat(document["date"]), str(document["revision"]), pages, checks)
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, ResultsError):
            raise
        raise ResultsError(f"{path}: not a results file of tests/a11y_results.py ({error!r})") from None


def _kind(word: object) -> str:
    if word not in PAGE_KINDS:
        raise ValueError(f"kind of page {word!r}")
    return str(word)


def _outcome(word: object) -> str:
    if word not in ("passed", "incomplete", "failed"):
        raise ValueError(f"outcome {word!r}")
    return str(word)


@dataclass(frozen=True)
class Row:
    """A criterion's line in the results table."""

    criterion: Criterion
    status: str  # one of STATUSES
    deciding: tuple[Check, ...] = ()  # the automated checks that decided it (automated, failed)
    partial: tuple[Check, ...] = ()  # other automated checks that touch it
    hand: HandCheck | None = None


@dataclass(frozen=True)
class Report:
    """The accessibility page's content."""

    rows: tuple[Row, ...]
    run: AutomatedRun | None

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def counts(self) -> tuple[tuple[str, int], ...]:
        return tuple((status, self.count(status)) for status in STATUSES)

    @property
    def own_checks(self) -> tuple[Check, ...]:
        """The browser tests and the HTML checker, by name."""
        return tuple(c for c in self.run.checks if not c.id.startswith("axe:")) if self.run else ()

    @property
    def axe_checks(self) -> tuple[Check, ...]:
        return tuple(c for c in self.run.checks if c.id.startswith("axe:")) if self.run else ()

    @property
    def conforms(self) -> bool:
        """Every criterion passed (automated or by hand) or not applicable."""
        return all(row.status in ("automated", "manual", "not_applicable") for row in self.rows)


def report(run: AutomatedRun | None, hand_checks: tuple[HandCheck, ...]) -> Report:
    latest: dict[str, HandCheck] = {}
    for check in sorted(hand_checks, key=lambda c: (c.date, c.line)):
        latest[check.criterion] = check
    checks = run.checks if run else ()
    by_id = {check.id: check for check in checks}
    rows = []
    for criterion in CRITERIA:
        touching = tuple(c for c in checks if criterion.id in c.criteria)
        deciding = tuple(by_id[name] for name in criterion.decided_by if name in by_id)
        failed = tuple(c for c in touching + deciding if c.outcome == "failed")
        hand = latest.get(criterion.id)
        partial = tuple(c for c in touching if c not in deciding)
        if failed:
            row = Row(criterion, "failed", tuple(dict.fromkeys(failed)), hand=hand)
        elif hand is not None and hand.result == "failed":
            row = Row(criterion, "failed", partial=touching, hand=hand)
        elif criterion.not_applicable:
            row = Row(criterion, "not_applicable", partial=touching)
        elif criterion.decided_by and len(deciding) == len(criterion.decided_by) and all(c.outcome == "passed" for c in deciding):
            row = Row(criterion, "automated", deciding, partial, hand)
        elif hand is not None:
            row = Row(criterion, "manual", partial=touching, hand=hand)
        else:
            row = Row(criterion, "unchecked", partial=touching)
        rows.append(row)
    return Report(tuple(rows), run)


def generator_version() -> str:
    """The package's version (pyproject.toml), as the page states which generator made it."""
    from importlib import metadata

    try:
        return metadata.version("chiiki-catalog")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


# ------------------------------------------------------------------ alternative text (1.1.1), warned by `check`

_IMAGE_PREFIXES = ("画像", "image of", "picture of", "an image of", "a picture of")
_FILE_NAME = re.compile(r"^[\w.-]+\.(?:png|jpe?g|webp|gif|svg)$", re.IGNORECASE)


def alt_text_warnings(alt: str, file_name: str, title: str) -> list[str]:
    """What is wrong with an alternative text, as WARNINGS keys: it should say what the picture
    shows. A file name, an "image of" (screen readers say "image" already), or the page's title
    (read in the heading already) tells a listener nothing about the picture."""
    found = []
    said = " ".join(alt.split()).casefold()
    stem = file_name.rsplit(".", 1)[0].casefold()
    if said in (file_name.casefold(), stem) or _FILE_NAME.match(said):
        found.append("alt_is_file_name")
    if said.startswith(_IMAGE_PREFIXES):
        found.append("alt_image_prefix")
    if said.strip("。. ") == " ".join(title.split()).casefold().strip("。. "):
        found.append("alt_repeats_title")
    return found
