"""The content contract as one table: every field of site.yaml, of an owner and of a program, once.

Everything that knows a field reads it from here: validation (content/schema.py: which fields exist,
which are required, the rule and its limits), the skeletons of `new` (tools/scaffold.py), the issue
form (tools/intake.py), the published JSON schema and the CSV columns (site/exports.py), and the
reference page docs/content.md (content/reference.py; a test fails when it is out of date).

To add a field: a row here (optional fields only: the contract never renames or repurposes one), an
attribute of the same name on the model (content/model.py), and, if it is shown, the templates.
"""

from __future__ import annotations

from dataclasses import dataclass

Pair = tuple[str, str]  # (ja, en)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # the value rule (content/schema.py RULES): text, kana, choice, list, date, url, ...
    label: Pair
    help: Pair  # what it means, for the reference page
    required: bool = False
    required_when: Pair | None = None  # required only in some cases (checked by a rule between fields)
    default: str | None = None  # as written in the reference ("ja", "7", "open")
    max_length: int | None = None  # characters, for text
    minimum: int | None = None  # items for lists, value for integers
    maximum: int | None = None
    choices: tuple[str, ...] | str = ()  # allowed words, or the site.yaml vocabulary they come from
    item: str | None = None  # a list's item rule
    item_length: int | None = None  # a list item's length, for text items
    widget: str | None = None  # the issue form's element: input, textarea, dropdown, multi (None: not in the form)
    form_help: str | None = None  # the form's description under the label (the form is in Japanese)
    prompt: Pair | None = None  # what `new` asks for a required value
    example: Pair | None = None  # what `new` writes, commented out, for an optional one
    csv: tuple[str, ...] = ()  # its columns in programs.csv
    json: dict | None = None  # its property in programs.schema.json


OWNER_KINDS = ("municipality", "social-welfare-council", "npo", "company", "school", "community", "other")
FORMATS = ("onsite", "online", "hybrid")
STATUSES = ("open", "full", "closed", "cancelled")
LANGUAGES = ("ja", "en")
TEXT = {"$ref": "#/$defs/text"}
DATE = {"$ref": "#/$defs/date"}

SITE_FIELDS: tuple[Field, ...] = (
    Field("title", "text", ("タイトル", "Title"), ("カタログの名前", "the catalog's name"), True, max_length=120),
    Field("description", "text", ("説明", "Description"), ("一文の説明。トップページとフィードに使います", "one sentence, used on the home page and in feeds"),
          True, max_length=300),
    Field("base_url", "url", ("公開アドレス", "Base URL"), ("サイトを公開するアドレス。パスを含めてもかまいません (https://example.github.io/catalog/)",
                                                      "where the site is served, may include a path (https://example.github.io/catalog/)"), True),
    Field("language", "choice", ("言語", "Language"), ("画面の言語と、コンテンツの作者へのメッセージの言語", "language of the interface and of messages to content authors"),
          default="ja", choices=LANGUAGES),
    Field("timezone", "timezone", ("タイムゾーン", "Time zone"), ("IANA のタイムゾーン名", "an IANA time zone name"), default="Asia/Tokyo"),
    Field("closing_soon_days", "integer", ("締切間近の日数", "Closing soon days"), ("締切がこの日数以内のプログラムを「締切間近」にします",
                                                                          "a program whose deadline is this close is marked closing soon"),
          default="7", minimum=0, maximum=365),
    Field("stale_after_days", "integer", ("更新切れの日数", "Stale after days"), ("この日数更新のない募集中のプログラムを「更新切れ」として知らせます",
                                                                        "an open program not updated for this long is reported as stale"),
          default="180", minimum=1, maximum=3650),
    Field("maintainers", "list", ("管理者", "Maintainers"), ("カタログ自体のレビュー担当者 (GitHub ユーザー名)", "the catalog's own reviewers (GitHub logins)"),
          True, minimum=1, maximum=100, item="login"),
    Field("types", "vocabulary", ("種類", "Types"), ("プログラムの種類の一覧: ID → {ja, en}", "the allowed program types: id → {ja, en}"), True),
    Field("categories", "vocabulary", ("分野", "Categories"), ("活動分野の一覧: ID → {ja, en}", "the allowed causes / fields of activity: id → {ja, en}"), True),
    Field("skills", "vocabulary", ("スキル", "Skills"), ("スキルの一覧: ID → {ja, en}。ないときスキルは自由記述です",
                                                    "the allowed skills: id → {ja, en}; when absent, skills are free text")),
)

OWNER_FIELDS: tuple[Field, ...] = (
    Field("name", "text", ("団体名", "Name"), ("団体の名前", "the organisation's name"), True, max_length=120,
          prompt=("団体名", "Name")),
    Field("name_kana", "kana", ("団体名のよみ", "Name in kana"), ("団体名の読み方 (ひらがなかカタカナ)。並べ替えと検索のため",
                                                           "how the name is read (hiragana or katakana), for Japanese ordering and search"),
          max_length=120, example=("のとこざいれすきゅー",) * 2),
    Field("kind", "choice", ("団体の種類", "Kind"), ("団体の種類", "the kind of organisation"), True, choices=OWNER_KINDS,
          prompt=("団体の種類", "Kind")),
    Field("prefecture", "prefecture", ("都道府県", "Prefecture"), ("47 都道府県のどれか。日本語で (石川県)", "one of the 47 prefectures, in Japanese (石川県)"),
          True, prompt=("都道府県 (例: 石川県)", "Prefecture (e.g. 石川県)")),
    Field("municipality", "text", ("市区町村", "Municipality"), ("市区町村 (輪島市)", "the municipality (輪島市)"), max_length=60,
          example=("輪島市", "輪島市")),
    Field("website", "url", ("ウェブサイト", "Website"), ("団体のウェブサイト (https://)", "the organisation's website (https://)"),
          example=("https://example.org/", "https://example.org/")),
    Field("contact_email", "email", ("メールアドレス", "Contact e-mail"), ("連絡先のメールアドレス", "a contact e-mail address"),
          example=("info@example.org", "info@example.org")),
    Field("corporate_number", "corporate_number", ("法人番号", "Corporate number"), ("13 桁の法人番号 (チェックディジットを確かめます)",
                                                                               "the 13-digit 法人番号; its check digit is verified"),
          example=('"1234567890123"', '"1234567890123"')),
    Field("logo", "image", ("ロゴ", "Logo"), (
        "ファイルと同じフォルダーにある画像 (png, jpg, webp は 1 MB まで。svg は 100 KB までで、スクリプト・リンク・イベント属性・外部参照のない静止画だけ)",
        "an image next to the file (png, jpg, webp ≤ 1 MB; svg ≤ 100 KB, static drawing only: no scripts, links, event handlers or external references)"),
          example=("logo.png", "logo.png")),
    Field("logo_alt", "text", ("ロゴの説明", "Logo text"), ("ロゴの代わりに読み上げる文", "the text read instead of the logo"),
          required_when=("logo があるとき", "when logo is given"), max_length=200, example=("ロゴの説明", "What the logo shows")),
    Field("maintainers", "list", ("担当者", "Maintainers"), ("この団体のプログラムを変更できる人 (GitHub ユーザー名)", "who may change this owner's programs (GitHub logins)"),
          True, minimum=1, maximum=100, item="login",
          prompt=("担当者の GitHub ユーザー名 (カンマ区切り)", "Maintainers' GitHub logins (comma-separated)")),
)

LOCATION_FIELDS: tuple[Field, ...] = (
    Field("prefecture", "prefecture", ("都道府県", "Prefecture"), ("47 都道府県のどれか。日本語で", "one of the 47 prefectures, in Japanese"), True,
          widget="dropdown", form_help="現地・ハイブリッドのときは必須",
          prompt=("都道府県 (現地・ハイブリッドのとき)", "Prefecture (for onsite or hybrid)"), csv=("prefecture",)),
    Field("municipality", "text", ("市区町村", "Municipality"), ("市区町村", "the municipality"), max_length=60, widget="input",
          example=("輪島市",) * 2, csv=("municipality",)),
    Field("venue", "text", ("会場", "Venue"), ("会場の名前", "the venue's name"), max_length=120, widget="input",
          example=("会場の名前",) * 2, csv=("venue",)),
    Field("address", "text", ("住所", "Address"), ("番地など", "the street address"), max_length=200, widget="input",
          example=("番地など",) * 2, csv=("address",)),
)

DATE_FIELDS: tuple[Field, ...] = (
    Field("start", "date_or_datetime", ("開始", "Start"), ("日付か日時", "a date or a date-time"), True),
    Field("end", "date_or_datetime", ("終了", "End"), ("日付か日時。開始より前にはできません", "a date or a date-time, not before start")),
)

TITLE_MAX, SUMMARY_MAX = 80, 140
CATEGORIES_MIN, CATEGORIES_MAX = 1, 5

PROGRAM_FIELDS: tuple[Field, ...] = (
    Field("title", "text", ("タイトル", "Title"), ("プログラムの名前", "the program's name"), True, max_length=TITLE_MAX,
          widget="input", form_help="80 文字まで", prompt=("タイトル (80 文字まで)", "Title (up to 80 characters)"),
          csv=("title",), json={"type": "string", "maxLength": TITLE_MAX}),
    Field("owner", "owner", ("団体の ID", "Owner"), ("主催する団体の ID。content/owners/ にあるファイルの名前", "an owner id: the name of a file in content/owners/"),
          True, max_length=64, widget="input", form_help="content/owners/ にある団体のファイル名 (例: noto-kozai-rescue)。"
          "その団体の担当者 (maintainers) として登録された GitHub アカウントで送ってください",
          prompt=("団体の ID (content/owners/ のファイル名)", "Owner id (a file name in content/owners/)"),
          csv=("owner", "owner_name"), json={"type": "string", "description": "an id in owners.json"}),
    Field("summary", "text", ("概要", "Summary"), ("カードとページの説明に使う短い文", "the card text and the page description"), True,
          max_length=SUMMARY_MAX, widget="textarea", form_help="一覧に表示される説明。140 文字まで",
          prompt=("概要 (140 文字まで)", "Summary (up to 140 characters)"),
          csv=("summary",), json={"type": "string", "maxLength": SUMMARY_MAX}),
    Field("type", "choice", ("種類", "Type"), ("site.yaml の types の ID", "a types id from site.yaml"), True, choices="types",
          widget="dropdown", prompt=("種類", "Type"), csv=("type",), json={"type": "string", "description": "a types id of the catalog"}),
    Field("categories", "list", ("分野", "Categories"), ("site.yaml の categories の ID のリスト", "a list of categories ids from site.yaml"), True,
          minimum=CATEGORIES_MIN, maximum=CATEGORIES_MAX, choices="categories", item="choice", widget="multi", form_help="1〜5 個",
          prompt=("分野 (カンマ区切り、1〜5 個)", "Causes (comma-separated, 1 to 5)"), csv=("categories",),
          json={"type": "array", "items": {"type": "string"}, "minItems": CATEGORIES_MIN, "maxItems": CATEGORIES_MAX}),
    Field("skills", "list", ("活かせるスキル", "Skills"), ("活かせるスキル: site.yaml の skills の ID (skills がなければ自由記述)",
                                                       "skills that help: skills ids from site.yaml (free text when it has none)"),
          minimum=0, maximum=20, choices="skills", item="skill", item_length=40, widget="multi", example=("[it-support, sns]", "[it-support, sns]"),
          csv=("skills",), json={"type": "array", "items": {"type": "string"}}),
    Field("format", "choice", ("参加形式", "Format"), ("現地 (onsite)、オンライン (online)、その両方 (hybrid)", "onsite, online or hybrid"), True,
          choices=FORMATS, widget="dropdown", prompt=("参加形式 (onsite, online, hybrid)", "Format (onsite, online, hybrid)"),
          csv=("format",), json={"enum": list(FORMATS)}),
    Field("location", "location", ("場所", "Location"), ("都道府県 (必須)、市区町村、会場、住所", "prefecture (required), municipality, venue, address"),
          required_when=("format が online でないとき", "unless format is online"),
          csv=tuple(c for f in LOCATION_FIELDS for c in f.csv),
          json={"oneOf": [{"type": "null"}, {
              "type": "object", "additionalProperties": False, "required": [f.name for f in LOCATION_FIELDS],
              "properties": {"prefecture": {"type": "string"}, "municipality": TEXT, "venue": TEXT, "address": TEXT}}]}),
    Field("dates", "dates", ("日程", "Dates"), ("いつ行うか: {start, end} のリスト (日付か日時。end は省略でき、start より前にはできません)。ないときは随時",
                                             "when it happens: a list of {start, end} (date or date-time; end optional, not before start); absent: ongoing"),
          maximum=366, widget="textarea", form_help="1 行に 1 回。例: 2026-12-05 / 2026-12-05T10:00 〜 2026-12-05T12:00。随時なら空欄",
          example=("\n  - start: 2026-12-05T10:00\n    end: 2026-12-05T12:00",) * 2, csv=("dates",),
          json={"type": "array", "description": "empty: ongoing", "items": {
              "type": "object", "additionalProperties": False, "required": [f.name for f in DATE_FIELDS],
              "properties": {"start": {"$ref": "#/$defs/dateOrDateTime"},
                             "end": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/dateOrDateTime"}]}}}}),
    Field("deadline", "date", ("申し込み締切", "Deadline"), ("申し込みの最終日。最初の開始日より後にはできません", "last day to apply; not after the first start"),
          widget="input", form_help="例: 2026-12-01", example=("2026-12-01", "2026-12-01"), csv=("deadline",),
          json={**DATE, "description": "last day to apply"}),
    Field("signup_url", "signup_url", ("申し込みフォームの URL", "Sign-up URL"), (
        "申し込みフォームのアドレス (https://)。{id} はプログラムの ID に置き換わります", "the sign-up form (https://); {id} is replaced by the program id"),
        True, widget="input", form_help="https:// で始まる URL", prompt=("申し込みフォームの URL (https://)", "Sign-up form URL (https://)"),
        csv=("signup_url",), json={"type": "string", "pattern": "^https://"}),
    Field("signup_label", "text", ("申し込みボタンの文言", "Sign-up label"), ("ボタンの文言。既定は「申し込む」", "the button's text, default Sign up"),
          max_length=30, widget="input", form_help="空欄なら「申し込む」", example=("申し込む", "Sign up"), csv=("signup_label",), json=TEXT),
    Field("status", "choice", ("状態", "Status"), ("団体が決める状態。締切や最後の日程が過ぎたプログラムはビルドが終了にします",
                                               "set by the owner; the build also closes a program whose deadline, or last date, has passed"),
          default="open", choices=STATUSES, example=("open", "open"), csv=("status",),
          json={"enum": list(STATUSES), "description": "as the owner set it"}),
    Field("capacity", "integer", ("定員", "Capacity"), ("募集する人数", "people wanted"), minimum=1, maximum=1_000_000, widget="input",
          form_help="数字だけ", example=("10", "10"), csv=("capacity",), json={"type": ["integer", "null"], "minimum": 1}),
    Field("commitment", "text", ("活動量", "Commitment"), ("どれくらいの時間がかかるか (週2時間×3か月)", "how much time it takes (2 hours a week for 3 months)"),
          max_length=200, widget="input", form_help="例: 週2時間×3か月", example=("週2時間×3か月", "2 hours a week for 3 months"),
          csv=("commitment",), json=TEXT),
    Field("cost", "text", ("参加費", "Cost"), ("参加する人が払うもの。ないときは書かれていないことを示します", "what the participant pays; absent means not stated"),
          max_length=200, widget="input", form_help="例: 無料、500円", example=("無料", "Free"), csv=("cost",), json=TEXT),
    Field("provided", "list", ("用意されるもの", "Provided"), ("用意されるもの (宿泊、昼食、交通費…)", "what is provided (lodging, lunch, travel…)"),
          minimum=0, maximum=30, item="text", item_length=60, widget="textarea", form_help="1 行に 1 つ (例: 昼食)",
          example=("[昼食, 軍手]", "[lunch, gloves]"), csv=("provided",), json={"type": "array", "items": {"type": "string"}}),
    Field("audience", "text", ("こんな方に", "Audience"), ("どんな人に向いているか", "who it suits"), max_length=300, widget="input",
          example=("初めての方も歓迎", "Beginners welcome"), csv=("audience",), json=TEXT),
    Field("min_age", "integer", ("年齢制限 (何歳以上)", "Minimum age"), ("参加できる最低年齢", "the youngest age that may take part"), minimum=0, maximum=120,
          widget="input", form_help="数字だけ", example=("18", "18"), csv=("min_age",), json={"type": ["integer", "null"], "minimum": 0}),
    Field("languages", "list", ("言語", "Languages"), ("活動で使う言語のコードのリスト", "codes of the languages used in the activity"), default="[ja]",
          minimum=1, maximum=10, item="language", example=("[ja]", "[ja]"), csv=("languages",),
          json={"type": "array", "items": {"type": "string"}, "minItems": 1}),
    Field("accessibility", "text", ("アクセシビリティ", "Accessibility"), ("段差、車いす、字幕など", "steps, wheelchair access, captions …"), max_length=500,
          widget="textarea", form_help="段差、車いす、字幕など", example=("会場は段差がありません", "Step-free venue"), csv=("accessibility",), json=TEXT),
    Field("access", "text", ("アクセス", "Access"), ("最寄り駅・バス停、駐車場、送迎", "nearest station or bus stop, parking, pick-up"), max_length=500,
          widget="textarea", form_help="最寄り駅・バス停、駐車場、送迎", example=("最寄りのバス停から徒歩5分", "5 minutes' walk from the bus stop"),
          csv=("access",), json=TEXT),
    Field("image", "image", ("画像", "Image"), ("ファイルと同じフォルダーにある画像 (png, jpg, webp は 2 MB まで)", "an image next to the file (png, jpg, webp up to 2 MB)"),
          example=("photo.jpg", "photo.jpg"), csv=("image",), json={"type": ["string", "null"], "description": "absolute URL of the image"}),
    Field("image_alt", "text", ("画像の説明", "Image text"), ("画像の代わりに読み上げる文", "the text read instead of the image"),
          required_when=("image があるとき", "when image is given"), max_length=200, example=("写真の説明", "What the photo shows"), json=TEXT),
    Field("posted", "date", ("掲載日", "Posted"), ("最初に公開した日", "first published"), True, csv=("posted",),
          json={"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}),
    Field("updated", "date", ("更新日", "Updated"), ("最後に内容を変えた日。掲載日より前にはできません", "last meaningful change, not before posted"),
          example=("{today}", "{today}"), csv=("updated",), json=DATE),
    Field("draft", "boolean", ("下書き", "Draft"), ("下書きはビルドされません", "a draft is not built"), default="false", example=("true", "true")),
)

def by_name(fields: tuple[Field, ...]) -> dict[str, Field]:
    return {f.name: f for f in fields}


def required(fields: tuple[Field, ...]) -> tuple[str, ...]:
    return tuple(f.name for f in fields if f.required)
