"""Generate a realistic, contract-conforming catalog of N programs and M owners (seeded, deterministic).

    python -m tests.benchmarks.generate OUT --programs 10000 --owners 500 [--seed 1]

Bodies are about 300 words of mixed Japanese and English Markdown (headings, lists,
a table, links), front matter uses most contract fields, and the dates are spread
around the build date so every state occurs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

from catalog.content.japan import PREFECTURES

TYPES = ["volunteer", "probono", "event", "help-wanted", "experience"]
CATEGORIES = ["recovery", "community", "children", "elderly", "welfare", "education", "environment", "culture",
              "agriculture", "tourism", "digital", "sports", "disaster", "local-products"]
SKILLS = ["it-support", "web", "sns", "video", "design", "writing", "photo", "marketing", "business-plan", "data",
          "security", "programming", "teaching", "event-ops", "translation", "physical", "driving", "care",
          "accounting", "legal"]
KINDS = ["municipality", "social-welfare-council", "npo", "company", "school", "community", "other"]
PLACES = ["中央", "北", "南", "東", "西", "山田", "川口", "森", "浜", "港", "本町", "新町", "桜", "松原", "緑"]
SUBJECTS = ["古材の仕分け", "子ども食堂の運営", "オンライン会議ツールの講習", "ラジオ体操の配信", "海岸清掃", "雪かき",
            "祭りの準備", "農作業の手伝い", "商店街のSNS発信", "かばん工房の販売計画", "防災ワークショップ",
            "高齢者の見守り", "観光案内の翻訳", "子育て情報の取材", "情報セキュリティ講座", "空き家の片付け",
            "地域の写真撮影", "ホームページの更新", "イベントの受付", "会計の整理"]
SENTENCES = [
    "地域の皆さんと一緒に{subject}に取り組みます。",
    "初めての方でも参加できるよう、当日は担当者が丁寧に説明します。",
    "{place}地区では人手が足りず、外からの応援を必要としています。",
    "活動の後には交流会があり、地元の食材を使った昼食を用意します。",
    "{subject}の経験がある方は、ぜひその知識を活かしてください。",
    "作業は屋外で行うため、動きやすい服装と飲み物をお持ちください。",
    "オンラインで参加する場合は、事前に接続テストを行います。",
    "We welcome volunteers from outside the region, including people who do not speak Japanese.",
    "Please bring comfortable shoes, gloves and a water bottle.",
    "The project started after the earthquake and has continued every month since.",
    "参加者の声: 「思っていたよりも多くの人とつながることができました」。",
    "移動には公共交通機関をご利用ください。駅から会場まで送迎があります。",
]


def _body(rng: random.Random, subject: str, place: str) -> str:
    parts = [f"## {subject}について", ""]
    for _ in range(rng.randint(5, 8)):
        parts.append("".join(rng.choice(SENTENCES).format(subject=subject, place=place) for _ in range(3)))
        parts.append("")
    parts += ["## 持ち物", "", "- 軍手", "- 飲み物", "- 筆記用具", "", "| 時間 | 内容 |", "|---|---|",
              "| 9:00 | 集合・説明 |", "| 12:00 | 昼食 |", "", "詳しくは[案内ページ](https://example.org/guide)をご覧ください。", ""]
    return "\n".join(parts)


def generate(out: Path, programs: int = 10_000, owners: int = 500, seed: int = 1, today: dt.date = dt.date(2026, 11, 21)) -> Path:
    """Write out/content/ (and nothing else); returns out."""
    rng = random.Random(seed)
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "owners").mkdir(parents=True)
    (content / "programs").mkdir(parents=True)
    repo = Path(__file__).resolve().parents[2]
    shutil.copyfile(repo / "content" / "site.yaml", content / "site.yaml")

    owner_prefectures = []
    for n in range(owners):
        prefecture = rng.choice(PREFECTURES)
        owner_prefectures.append(prefecture)
        kind = KINDS[n % len(KINDS)]
        (content / "owners" / f"owner-{n:05d}.md").write_text(
            f"---\nname: {prefecture.ja[:-1] if prefecture.ja != '北海道' else '北海道'}{rng.choice(PLACES)}まちづくり会 {n}\n"
            f"kind: {kind}\nprefecture: {prefecture.ja}\nmunicipality: {rng.choice(PLACES)}市\n"
            f"website: https://owner-{n}.example.org/\nmaintainers: [owner-{n}-admin]\n---\n"
            f"{prefecture.ja}で活動する団体です。地域の{rng.choice(SUBJECTS)}を続けています。\n",
            encoding="utf-8")

    for n in range(programs):
        owner = rng.randrange(owners)
        prefecture = owner_prefectures[owner]
        subject = rng.choice(SUBJECTS)
        place = rng.choice(PLACES)
        kind = rng.random()
        posted = today - dt.timedelta(days=rng.randint(1, 300))
        lines = [
            f"title: {place}地区の{subject} {n}",
            f"owner: owner-{owner:05d}",
            f"summary: {prefecture.ja}{place}地区で{subject}を手伝ってくださる方を募集しています。",
            f"type: {rng.choice(TYPES)}",
            f"categories: [{', '.join(rng.sample(CATEGORIES, rng.randint(1, 3)))}]",
            f"skills: [{', '.join(rng.sample(SKILLS, rng.randint(0, 3)))}]",
        ]
        form = rng.choice(["onsite", "onsite", "online", "hybrid"])
        lines.append(f"format: {form}")
        if form != "online":
            lines.append(f"location:\n  prefecture: {prefecture.ja}\n  municipality: {place}市\n  venue: {place}公民館")
        if kind < 0.7:
            start = today + dt.timedelta(days=rng.randint(-60, 120))
            lines.append(f"dates:\n  - start: {start.isoformat()}T{rng.randint(8, 14):02d}:00\n    end: {start.isoformat()}T{rng.randint(15, 18):02d}:00")
            deadline = start - dt.timedelta(days=rng.randint(0, 20))
            lines.append(f"deadline: {deadline.isoformat()}")
        lines.append("signup_url: https://forms.example.org/apply?program={id}")
        if rng.random() < 0.1:
            lines.append(f"status: {rng.choice(['full', 'closed', 'cancelled'])}")
        if rng.random() < 0.5:
            lines.append(f"capacity: {rng.randint(1, 50)}")
            lines.append(f"cost: {rng.choice(['無料', '参加費500円', '実費'])}")
            lines.append(f"provided: [{rng.choice(['昼食', '軍手', '宿泊'])}]")
        lines.append(f"posted: {posted.isoformat()}")
        if rng.random() < 0.3:
            lines.append(f"updated: {(posted + dt.timedelta(days=rng.randint(0, 30))).isoformat()}")
        (content / "programs" / f"program-{n:05d}.md").write_text(
            "---\n" + "\n".join(lines) + "\n---\n" + _body(rng, subject, place), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--programs", type=int, default=10_000)
    parser.add_argument("--owners", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.programs, args.owners, args.seed)


if __name__ == "__main__":
    main()
