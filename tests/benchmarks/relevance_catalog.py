"""A small catalog written for the relevance benchmark's spelling queries (see relevance_queries.yaml, `catalog: spellings`).

The sample catalog writes each word one way; visitors do not. These programs write the same words
the ways Japanese writes them (障害 / 障がい, 子供 / 子ども / こども, 申し込み / 申込み / 申込,
引越し, 打ち合わせ / 打合せ …) and hold the traps of readings (公園 / 講演 / 公演 / こうえん,
福祉 / 福島). Each program uses only its own spelling of the word it is about.

    python -m tests.benchmarks.relevance_catalog OUT   # writes OUT/content/
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# id: (title, summary, body)
PROGRAMS = {
    "shogai-kanji": ("視覚障害のある方の外出サポート", "週末の買い物や通院に同行します。", "白杖を使う方と一緒に駅から商店街まで歩きます。"),
    "shogai-kana": ("障がい者スポーツ大会の運営", "競技の準備と誘導をお手伝いください。", "車いすバスケットボールの試合で会場を整えます。"),
    "kodomo-kanji": ("子供会の夏祭りの準備", "やぐらと屋台を一緒に組み立てます。", "町内の夏祭りを支える作業です。"),
    "kodomo-mixed": ("子どもの学習支援", "放課後の宿題を見てくださる方を探しています。", "小学生の算数と国語を教えます。"),
    "kodomo-kana": ("こどもの居場所づくり", "放課後に安心して過ごせる部屋を開きます。", "絵本の読み聞かせと工作をします。"),
    "koen-park": ("公園の花壇づくり", "市民の憩いの場に花を植えます。", "春に向けて球根を植える作業です。"),
    "koen-lecture": ("防災講演会の受付", "会場の案内と資料配りをお願いします。", "講師は気象台の元職員です。"),
    "koen-performance": ("市民劇団の公演を手伝う", "舞台の設営と照明を担当します。", "年に一度の舞台を一緒に作ります。"),
    "koen-kana": ("みんなのこうえんそうじ", "小学生と一緒に近所のこうえんをきれいにします。", "ほうきとちりとりは用意します。"),
    "moshikomi-full": ("パソコン講座の申し込み受付", "講座の申し込みを電話で受け付けます。", "電話の応対に慣れた方を歓迎します。"),
    "moshikomi-okuri": ("市民農園の申込み整理", "申込み用紙を台帳に入力します。", "表計算ソフトを使える方を探しています。"),
    "moshikomi-short": ("マラソン大会の申込方法の案内", "申込方法を電話で説明します。", "大会当日のコース整備もあります。"),
    "torikumi": ("地域の取組を記事にする", "取組事例を取材して記事にまとめます。", "文章を書くのが好きな方に向いています。"),
    "hikkoshi": ("高齢者の引越し手伝い", "荷物の運び出しと荷造りを手伝います。", "力仕事が得意な方を歓迎します。"),
    "uchiawase": ("商店会との打ち合わせに同席", "販促の企画を一緒に考えます。", "月に一度、夜に集まります。"),
    "fukushi": ("福祉施設でのレクリエーション", "入所者の方と歌や体操を楽しみます。", "音楽が好きな方に向いています。"),
    "fukushima": ("福島の桃農家の収穫手伝い", "夏の収穫を手伝ってください。", "朝早くからの作業です。"),
    "kanko": ("観光案内所の窓口", "旅行者に地図を渡して道を案内します。", "英語を話せる方を歓迎します。"),
    "yukikaki": ("雪掻きの応援", "屋根と通路の除雪を手伝います。", "長靴と手袋をお持ちください。"),
}


def write_catalog(out: Path) -> Path:
    """Write out/content/ (the site.yaml of the sample catalog, one owner, the programs above); returns out."""
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "owners").mkdir(parents=True)
    (content / "programs").mkdir(parents=True)
    shutil.copyfile(REPO / "content" / "site.yaml", content / "site.yaml")
    (content / "owners" / "machi-ouen.md").write_text(
        "---\nname: まち応援ネット\nkind: npo\nprefecture: 宮城県\nmunicipality: 仙台市\n"
        "maintainers: [machi-ouen]\n---\n地域の活動を応援する団体です。\n", encoding="utf-8")
    for program_id, (title, summary, body) in PROGRAMS.items():
        (content / "programs" / f"{program_id}.md").write_text(
            f"---\ntitle: {title}\nowner: machi-ouen\nsummary: {summary}\ntype: volunteer\ncategories: [community]\n"
            "format: onsite\nlocation:\n  prefecture: 宮城県\n  municipality: 仙台市\n"
            "signup_url: https://forms.example.org/apply\nposted: 2026-11-01\n---\n"
            f"{body}\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    write_catalog(parser.parse_args().out)


if __name__ == "__main__":
    main()
