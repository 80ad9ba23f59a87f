"""Facts about Japan that the contract relies on: the 47 prefectures and the 法人番号 check digit."""

from __future__ import annotations

from dataclasses import dataclass

from catalog.messages import pick


@dataclass(frozen=True)
class Prefecture:
    code: int  # JIS X 0401, which is also the customary order of listing
    ja: str
    en: str
    slug: str  # the ASCII name used in URLs: prefectures/ishikawa/

    def label(self, language: str) -> str:
        return pick((self.ja, self.en), language)


_NAMES = [
    ("北海道", "Hokkaido"), ("青森県", "Aomori"), ("岩手県", "Iwate"), ("宮城県", "Miyagi"),
    ("秋田県", "Akita"), ("山形県", "Yamagata"), ("福島県", "Fukushima"), ("茨城県", "Ibaraki"),
    ("栃木県", "Tochigi"), ("群馬県", "Gunma"), ("埼玉県", "Saitama"), ("千葉県", "Chiba"),
    ("東京都", "Tokyo"), ("神奈川県", "Kanagawa"), ("新潟県", "Niigata"), ("富山県", "Toyama"),
    ("石川県", "Ishikawa"), ("福井県", "Fukui"), ("山梨県", "Yamanashi"), ("長野県", "Nagano"),
    ("岐阜県", "Gifu"), ("静岡県", "Shizuoka"), ("愛知県", "Aichi"), ("三重県", "Mie"),
    ("滋賀県", "Shiga"), ("京都府", "Kyoto"), ("大阪府", "Osaka"), ("兵庫県", "Hyogo"),
    ("奈良県", "Nara"), ("和歌山県", "Wakayama"), ("鳥取県", "Tottori"), ("島根県", "Shimane"),
    ("岡山県", "Okayama"), ("広島県", "Hiroshima"), ("山口県", "Yamaguchi"), ("徳島県", "Tokushima"),
    ("香川県", "Kagawa"), ("愛媛県", "Ehime"), ("高知県", "Kochi"), ("福岡県", "Fukuoka"),
    ("佐賀県", "Saga"), ("長崎県", "Nagasaki"), ("熊本県", "Kumamoto"), ("大分県", "Oita"),
    ("宮崎県", "Miyazaki"), ("鹿児島県", "Kagoshima"), ("沖縄県", "Okinawa"),
]

PREFECTURES: tuple[Prefecture, ...] = tuple(
    Prefecture(code, ja, en, en.lower()) for code, (ja, en) in enumerate(_NAMES, start=1)
)
PREFECTURES_BY_NAME: dict[str, Prefecture] = {p.ja: p for p in PREFECTURES}


def suggest_prefecture(text: str) -> str | None:
    """The prefecture an author most likely meant: 東京 -> 東京都, Ishikawa -> 石川県, 石川けん -> 石川県."""
    cleaned = text.strip().replace(" ", "").replace("\u3000", "")
    for prefecture in PREFECTURES:
        short = prefecture.ja if prefecture.ja == "北海道" else prefecture.ja[:-1]
        if cleaned in (short, prefecture.ja) or cleaned.lower() in (prefecture.slug, prefecture.slug + "-ken"):
            return prefecture.ja
    for prefecture in PREFECTURES:
        short = prefecture.ja if prefecture.ja == "北海道" else prefecture.ja[:-1]
        if cleaned.startswith(short):
            return prefecture.ja
    return None


def corporate_number_is_valid(number: str) -> bool:
    """法人番号: 13 digits whose first digit checks the other twelve (国税庁's formula)."""
    if len(number) != 13 or not number.isascii() or not number.isdigit():
        return False
    body = number[1:]
    total = sum(int(digit) * (1 if n % 2 else 2) for n, digit in enumerate(reversed(body), start=1))
    return int(number[0]) == 9 - total % 9
