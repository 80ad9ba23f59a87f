"""The one message catalog: every problem reported to authors and every word of the interface, in ja and en.

Messages to authors are in the site's language; many authors have never heard
of YAML, so they say what to type, not what the parser thought.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

# key: (ja, en). `{suggestion}` is never part of a text: Messages.problem appends it.
PROBLEMS: dict[str, tuple[str, str]] = {
    # files and front matter
    "site_yaml_missing": ("content/site.yaml がありません。カタログの設定ファイルを用意してください",
                          "content/site.yaml is missing: the catalog needs its settings file"),
    "not_utf8": ("文字コードが UTF-8 ではありません (Shift_JIS などで保存されています)。UTF-8 で保存し直してください",
                 "the file is not UTF-8 (perhaps Shift_JIS); save it again as UTF-8"),
    "control_character": ("目に見えない制御文字 ({code}) が含まれています。この行を書き直すか、その文字を削除してください",
                          "the line contains an invisible control character ({code}); retype the line or delete the character"),
    "invisible_character": ("'{field}' に目に見えない文字 ({code}: 文字の向きを変える記号やゼロ幅の文字) が含まれています。値を打ち直してください",
                            "'{field}' contains an invisible character ({code}: a direction override or a zero-width character); retype the value"),
    "body_too_complex": ("本文の変換に {seconds} 秒以上かかるため掲載できません。[ ] や * _ ` \\ などの記号の連続や、深い入れ子の箇条書き・引用を減らしてください",
                         "the text takes more than {seconds} s to convert, so it cannot be published; use fewer runs of [ ] * _ ` \\ and less deeply nested lists and quotes"),
    "file_too_large": ("ファイルが大きすぎます ({size} KB、上限 {limit} KB)。説明を短くしてください",
                       "the file is too large ({size} KB, limit {limit} KB); shorten the description"),
    "not_markdown": ("Markdown ファイル (.md) ではないため読み込めません。名前の末尾を .md にしてください",
                     "not a Markdown file (.md), so it is not read; give it a name ending in .md"),
    "extension_case": ("拡張子は小文字の .md にしてください", "the extension must be lower-case .md"),
    "symlink": ("シンボリックリンクは読み込みません。ファイルそのものを置いてください",
                "symbolic links are not read; put the file itself here"),
    "front_matter_missing": ("先頭に項目のブロックがありません。1 行目を --- にし、項目を書いた後にもう一度 --- の行を入れてください",
                             "front matter is missing: the first line must be --- , then the fields, then another --- line"),
    "front_matter_fence_missing": ("項目の前後に --- の行がありません。1 行目と項目の最後の次の行に --- だけの行を入れてください",
                                   "the fields are not between --- lines: add a line --- before the first field and after the last"),
    "front_matter_unclosed": ("項目のブロックが閉じていません。最後の項目の次の行に --- だけの行を入れてください",
                              "front matter is not closed: add a line --- after the last field"),
    "front_matter_empty": ("項目が一つも書かれていません", "the front matter has no fields"),
    "front_matter_not_mapping": ("項目は「名前: 値」の形で 1 行ずつ書いてください",
                                 "fields must be written one per line as 'name: value'"),
    "yaml_alias": ("YAML のアンカーとエイリアス (& と *) は使えません。値をそのまま書いてください",
                   "YAML anchors and aliases (& and *) are not allowed; write the value out"),
    "yaml_too_deep": ("入れ子が深すぎるか、項目が多すぎます", "the front matter is nested too deeply or has too many values"),
    "yaml_key_not_text": ("項目名は文字で書いてください", "a field name must be plain text"),
    "duplicate_key": ("項目 '{key}' が 2 回書かれています (最初は {first} 行目)。どちらか一つにしてください",
                      "field '{key}' appears twice (first on line {first}); keep one"),
    "yaml_syntax": ("書式の誤りです。この行か、すぐ上の行の「:」、字下げ、引用符 (\" ')、括弧 ([ ]) を確かめてください",
                    "syntax error: check the ':', the indentation, the quotes and the brackets on this line and the one above"),
    # the mistakes of people who have never heard of YAML (catalog/yaml_hints.py), each with its fix
    "yaml_fullwidth_colon": ("「：」が全角です。項目名の後は半角の「:」と半角の空白にしてください",
                             "the colon '：' is full-width: write a half-width ':' and a space after the field's name"),
    "yaml_fullwidth_space": ("行の始めの空白が全角です。字下げは半角スペースにしてください (全角の空白 1 つを半角スペース 2 つに)",
                             "the indentation is a full-width space: indent with half-width spaces (two for each full-width one)"),
    "yaml_tab": ("行の始めにタブがあります。字下げはタブではなく半角スペースにしてください (タブ 1 つを半角スペース 2 つに)",
                 "the line is indented with a tab: indent with spaces instead (two for each tab)"),
    "yaml_indent_deep": ("字下げが深すぎます (半角スペース {found} 個)。{at} 行目の '{name}' と同じ {expected} 個にしてください",
                         "this line is indented too far ({found} spaces): line it up with '{name}' on line {at} ({expected} spaces)"),
    "yaml_indent_shallow": ("字下げが足りません (半角スペース {found} 個)。{at} 行目の '{name}' と同じ {expected} 個にしてください",
                            "this line is not indented far enough ({found} spaces): line it up with '{name}' on line {at} ({expected} spaces)"),
    "yaml_no_space": ("「{key}:」の「:」の後に半角の空白を 1 つ入れてください",
                      "put a space after the ':' of '{key}:'"),
    "yaml_unclosed_quote": ("{quote} で始めた値が閉じていません。値の終わりにも {quote} を書いてください",
                            "the value opened with {quote} is not closed: end it with {quote} too"),
    "yaml_unclosed_bracket": ("「{open}」が閉じていません。リストの終わりに「{close}」を書いてください",
                              "the '{open}' is not closed: end the list with '{close}'"),
    "yaml_list_item": ("リストの項目は「- 」(ハイフンと半角の空白) で始めてください",
                       "start each item of a list with '- ' (a hyphen and a space)"),
    "yaml_list_dash": ("リストの「-」の後に半角の空白を 1 つ入れてください", "put a space after the list's '-'"),
    "yaml_colon_in_value": ("値に「: 」が含まれています。値全体を \"…\" で囲んでください",
                            "the value contains ': ': put the whole value in double quotes \"…\""),
    "bad_id": ("ファイル名 '{value}' は使えません。半角英小文字・数字・ハイフンで 3〜64 文字にしてください (例: noto-kozai-rescue.md)",
               "file name '{value}' cannot be used: use 3 to 64 lower-case letters, digits and hyphens (e.g. noto-kozai-rescue.md)"),
    "reserved_id": ("ファイル名 '{value}' は Windows で使えない名前です。別の名前にしてください",
                    "'{value}' is a file name Windows cannot use; choose another"),
    # fields
    "unknown_field": ("未知の項目 '{field}' です", "unknown field '{field}'"),
    "missing_field": ("必須の項目 '{field}' がありません", "required field '{field}' is missing"),
    "empty": ("'{field}' が空です", "'{field}' is empty"),
    "expected_text": ("'{field}' には文字を 1 つ書いてください ({kind} になっています)",
                      "'{field}' must be a single text value, not a {kind}"),
    "expected_list": ("'{field}' はリストで書いてください (例: [{example}])", "'{field}' must be a list (e.g. [{example}])"),
    "expected_map": ("'{field}' は字下げした項目で書いてください (例: {example})",
                     "'{field}' must be a group of indented fields (e.g. {example})"),
    "expected_dates": ("'{field}' は「- start: 2026-12-05」のような行のリストで書いてください",
                       "'{field}' must be a list of entries such as '- start: 2026-12-05'"),
    "expected_vocabulary": ("'{field}' は「ID: {{ja: 日本語名, en: English name}}」の一覧で書いてください",
                            "'{field}' must map ids to labels: 'id: {{ja: 日本語名, en: English name}}'"),
    "expected_labels": ("'{field}' には ja と en の名前を書いてください", "'{field}' needs a ja and an en label"),
    "bad_vocabulary_id": ("'{field}' の ID '{value}' は使えません。半角英小文字・数字・ハイフンにしてください",
                          "id '{value}' in '{field}' must be lower-case letters, digits and hyphens"),
    "too_long": ("'{field}' が長すぎます ({length} 文字、上限 {limit} 文字)", "'{field}' is too long ({length} characters, limit {limit})"),
    "url_too_long": ("'{field}' が長すぎます (UTF-8 で {length} バイト、上限 {limit} バイト)",
                     "'{field}' is too long ({length} bytes in UTF-8, limit {limit})"),
    "too_few": ("'{field}' には {minimum} 個以上書いてください", "'{field}' needs at least {minimum} item(s)"),
    "too_many": ("'{field}' は {maximum} 個までです ({count} 個あります)", "'{field}' allows at most {maximum} items ({count} given)"),
    "duplicate_item": ("'{field}' に '{value}' が重複しています", "'{field}' lists '{value}' twice"),
    "not_allowed": ("'{field}' に '{value}' は使えません。使えるのは {allowed} です",
                    "'{value}' is not allowed in '{field}'; use one of {allowed}"),
    "bad_date": ("'{field}' の日付 '{value}' は YYYY-MM-DD の形で書いてください (例: 2026-12-05)",
                 "'{field}' date '{value}' must be written YYYY-MM-DD (e.g. 2026-12-05)"),
    "bad_datetime": ("'{field}' の日時 '{value}' は YYYY-MM-DD か YYYY-MM-DDTHH:MM の形で書いてください (例: 2026-12-05T10:00)",
                     "'{field}' '{value}' must be YYYY-MM-DD or YYYY-MM-DDTHH:MM (e.g. 2026-12-05T10:00)"),
    "impossible_date": ("'{field}' の '{value}' は存在しない日付です", "'{field}' '{value}' is not a real date"),
    "not_integer": ("'{field}' には数字だけを書いてください ('{value}' になっています)", "'{field}' must be a whole number, not '{value}'"),
    "out_of_range": ("'{field}' は {minimum} 以上 {maximum} 以下にしてください ({value} になっています)",
                     "'{field}' must be from {minimum} to {maximum} (it is {value})"),
    "not_kana": ("'{field}' はひらがなかカタカナで書いてください ('{value}')", "'{field}' must be written in hiragana or katakana ('{value}')"),
    "not_boolean": ("'{field}' には true か false を書いてください ('{value}' になっています)",
                    "'{field}' must be true or false, not '{value}'"),
    "not_https": ("'{field}' は https:// で始まる URL にしてください", "'{field}' must be an https:// URL"),
    "url_internal_host": ("'{field}' の '{value}' は公開されていないアドレス (IP アドレス、localhost、社内用の名前) です。だれでも開ける https の URL を書いてください",
                          "'{field}' '{value}' points to a private address (an IP address, localhost or an internal name); give a public https URL"),
    "url_mixed_scripts": ("'{field}' の '{value}' のドメイン名は、複数の文字体系 (ラテン文字とキリル文字など) が混ざっていて、よく似た別のサイトの可能性があります",
                          "the domain of '{field}' '{value}' mixes scripts (such as Latin and Cyrillic), as look-alike addresses do"),
    "bad_url": ("'{field}' の '{value}' は正しい https の URL ではありません", "'{field}' '{value}' is not a valid https URL"),
    "bad_email": ("'{field}' の '{value}' はメールアドレスの形ではありません", "'{field}' '{value}' is not an e-mail address"),
    "bad_prefecture": ("'{field}' の '{value}' は都道府県名ではありません (「石川県」のように書いてください)",
                       "'{field}' '{value}' is not a prefecture (write it in Japanese, e.g. 石川県)"),
    "bad_timezone": ("'{field}' の '{value}' はタイムゾーン名ではありません (例: Asia/Tokyo)",
                     "'{field}' '{value}' is not a time zone name (e.g. Asia/Tokyo)"),
    "corporate_number_length": ("'{field}' は 13 桁の数字です ('{value}' になっています)", "'{field}' must be 13 digits, not '{value}'"),
    "corporate_number_check": ("'{field}' の '{value}' はチェックデジットが合いません。番号を確かめてください",
                               "'{field}' '{value}' fails its check digit; check the number"),
    "corporate_number_format": ("'{field}' は区切りなしの半角数字 13 桁で書いてください", "'{field}' must be 13 plain digits"),
    "bad_login": ("'{field}' の '{value}' は GitHub のユーザー名の形ではありません", "'{field}' '{value}' is not a GitHub login"),
    "bad_language": ("'{field}' の '{value}' は言語コードではありません (例: ja, en)", "'{field}' '{value}' is not a language code (e.g. ja, en)"),
    "image_outside": ("'{field}' の '{value}' は、このファイルと同じフォルダーの画像のファイル名にしてください",
                      "'{field}' '{value}' must name an image in the same folder as this file"),
    "image_type": ("'{field}' の '{value}' は使えない形式です。使えるのは {allowed} です",
                   "'{field}' '{value}' is not an allowed format; use {allowed}"),
    "image_missing": ("'{field}' の画像 '{value}' が見つかりません。このファイルと同じフォルダーに置いてください",
                      "'{field}' image '{value}' was not found; put it in the same folder as this file"),
    "image_symlink": ("'{field}' の '{value}' はシンボリックリンクです。画像ファイルそのものを置いてください",
                      "'{field}' '{value}' is a symbolic link; put the image file itself here"),
    "image_too_large": ("'{field}' の画像 '{value}' が大きすぎます ({size} KB、上限 {limit} KB)",
                        "'{field}' image '{value}' is too large ({size} KB, limit {limit} KB)"),
    "image_not_image": ("'{field}' の '{value}' は名前の形式の画像として読めません (壊れているか、別の形式です)",
                        "'{field}' '{value}' cannot be read as the kind of image its name says (broken, or another format)"),
    "svg_active": ("'{field}' の SVG '{value}' の {svg_line} 行目の {element} は使えません。SVG は図形だけにしてください (スクリプト、イベント、リンク、外部への参照、foreignObject、CSS の url() は不可)",
                   "'{field}' SVG '{value}' line {svg_line}: {element} is not allowed; an SVG must be a plain drawing (no scripts, event handlers, links, external references, foreignObject or CSS url())"),
    "alt_missing": ("'{field}' には、画像の内容を説明する '{alt}' も書いてください",
                    "'{field}' needs '{alt}', a text describing the image"),
    "alt_without_image": ("'{field}' がありますが '{image}' がありません", "'{field}' is given but '{image}' is not"),
    "location_required": ("format が {format} のときは location (少なくとも prefecture) を書いてください",
                          "a program whose format is {format} needs a location (at least its prefecture)"),
    "deadline_after_start": ("締切 {deadline} が最初の開始日 {start} より後になっています",
                             "the deadline {deadline} is after the first start {start}"),
    "end_before_start": ("終了 {end} が開始 {start} より前になっています", "the end {end} is before the start {start}"),
    "updated_before_posted": ("updated {updated} が posted {posted} より前になっています",
                              "updated {updated} is before posted {posted}"),
    "owner_unknown": ("owner '{value}' は content/owners/ にありません", "owner '{value}' is not in content/owners/"),
    # who may change what (catalog/trust.py): judged by the base branch, never by the pull request
    "trust_program": ("{author} さんは団体 '{owner}' の担当者ではないため、この団体のプログラムを追加・変更・削除できません。"
                      "できるのは '{owner}' の担当者 ({maintainers}) とカタログの担当者 ({admins}) です。"
                      "この変更を頼むか、担当者に加えてもらうよう、その人たちに依頼してください",
                      "{author} does not maintain owner '{owner}', so cannot add, change or delete its programs. "
                      "Its maintainers ({maintainers}) and the catalog's maintainers ({admins}) can: ask them to make "
                      "the change, or to add you to its maintainers"),
    "trust_owner_file": ("{author} さんは団体 '{owner}' の担当者ではないため、この団体のファイル (担当者の一覧を含む) を変更できません。"
                         "できるのは '{owner}' の担当者 ({maintainers}) とカタログの担当者 ({admins}) です。その人たちに依頼してください",
                         "{author} does not maintain owner '{owner}', so cannot change its file (its maintainers included). "
                         "Its maintainers ({maintainers}) and the catalog's maintainers ({admins}) can: ask them"),
    "trust_owner_add_remove": ("団体の登録と削除は、カタログの担当者 ({admins}) だけができます。"
                               "団体 '{owner}' の登録や削除は、Issue を作って担当者に依頼してください",
                               "only the catalog's maintainers ({admins}) add or remove an organisation: "
                               "open an issue asking them to add or remove '{owner}'"),
    "trust_owner_unknown": ("団体 '{owner}' はまだ登録されていません (マージ先のブランチにありません)。"
                            "先に、カタログの担当者 ({admins}) に団体の登録を依頼してください",
                            "owner '{owner}' is not registered yet (it is not on the base branch); "
                            "ask the catalog's maintainers ({admins}) to add it first"),
    "trust_image": ("{author} さんは団体 '{owner}' の担当者ではないため、この団体が使う画像を追加・変更・削除できません。"
                    "できるのは '{owner}' の担当者 ({maintainers}) とカタログの担当者 ({admins}) です。その人たちに依頼してください",
                    "{author} does not maintain owner '{owner}', which uses this image, so cannot add, change or delete it. "
                    "Its maintainers ({maintainers}) and the catalog's maintainers ({admins}) can: ask them"),
    "trust_image_unused": ("この画像を使うプログラムも団体もありません。プログラムの image (団体の logo) にこの画像の名前を書いてください。"
                           "使われない画像を置けるのはカタログの担当者 ({admins}) だけです",
                           "no program or owner uses this image: name it in a program's image (an owner's logo). "
                           "Only the catalog's maintainers ({admins}) may add an image nothing uses"),
    "trust_site_only": ("{author} さんは {path} を変更できません。サイトの設定・テンプレート・仕組み・ワークフローを変えられるのは"
                        "カタログの担当者 ({admins}) だけです。変更が必要なときは Issue を作って依頼してください",
                        "{author} cannot change {path}: only the catalog's maintainers ({admins}) change the site's "
                        "settings, templates, engine and workflows. Open an issue to ask them"),
    "trust_nobody": ("登録なし", "nobody"),
    "content_stray": ("content/ の決まりにない場所か名前のため、このファイルは読み込まれません。置けるのは content/site.yaml と、"
                      "content/owners/・content/programs/ の直下の「ID.md」(半角英小文字・数字・ハイフン) と画像 "
                      "(png, jpg, webp。団体は svg も) だけです。フォルダーを作らず、名前を直してください",
                      "this file is outside the content contract and is not read: content/ holds only site.yaml and, "
                      "directly in content/owners/ and content/programs/, ID.md files (lower-case letters, digits, "
                      "hyphens) and images (png, jpg, webp; svg for owners). Use no sub-folders, and rename it"),
    "generated_stale": ("{path} が content/site.yaml と一致していません。python build.py generate を実行して、両方を同じプルリクエストに入れてください",
                        "{path} does not match content/site.yaml; run python build.py generate and commit both in the same pull request"),
    "generated_source_changed": ("site.yaml を変えたので {path} も変わります。python build.py generate を実行して、{path} もこのプルリクエストに入れてください",
                                 "site.yaml changed, so {path} changes too: run python build.py generate and add {path} to this pull request"),
    # intake: an issue form -> a pull request (catalog/intake.py)
    "intake_not_maintainer": ("{author} さんは団体 '{owner}' の担当者ではないため、この依頼からはプルリクエストを作れません。"
                              "'{owner}' の担当者 ({maintainers}) に依頼を出してもらうか、担当者に加えてもらうよう頼んでください。"
                              "カタログの担当者 ({admins}) にも相談できます",
                              "{author} does not maintain owner '{owner}', so no pull request is made from this request. "
                              "Ask its maintainers ({maintainers}) to submit it, or to add you to its maintainers; "
                              "the catalog's maintainers ({admins}) can help"),
    "intake_repeated_heading": ("見出し「{label}」が 2 回以上あります。項目ごとに 1 回だけにしてください (本文の中でこの見出しを使わないでください)",
                                "the heading '{label}' appears more than once; give each field once (do not use it inside the text)"),
    # content/accessibility.yaml (catalog/content/accessibility.py)
    "unknown_criterion": ("達成基準 '{value}' は WCAG 2.2 の A・AA にありません (「1.4.3」のように番号で書いてください)",
                          "'{value}' is not a WCAG 2.2 level A or AA success criterion (write its number, e.g. 1.4.3)"),
    "intake_id_exists": ("同じ ID のプログラムがすでにあります。別の ID にしてください",
                         "a program with this id exists already; choose another id"),
}

SEPARATOR = ("。", "; ")  # between a message and its suggestion
SUGGESTION = ("'{suggestion}' のことですか?", "did you mean '{suggestion}'?")
PROBLEM_COUNT = ("{count} 件の問題があります。サイトは更新していません", "{count} problem(s) found; the site was not changed")
CHECK_COUNT = ("{count} 件の問題があります", "{count} problem(s) found")
WARNING = ("注意", "warning")
WARNINGS: dict[str, tuple[str, str]] = {
    "stale": ("{days} 日間更新されていません。内容がまだ正しいか確かめ、updated を書き換えてください",
              "not updated for {days} days; check it is still right and set 'updated'"),
    "closing_soon": ("締切 {deadline} が近づいています", "closes on {deadline}"),
    "placeholder": ("ひな形の文「{text}」が残っています。自分の言葉に書き換えてください",
                    "the template's text '{text}' is still here; replace it with your own words"),
    "template_example": ("'{field}' がひな形の例 '{value}' のままです。このプログラムの内容に書き換えてください",
                         "'{field}' still holds the template's example '{value}'; write this program's own"),
    "body_repeats_summary": ("本文が概要 (summary) と同じです。活動の内容、当日の流れ、持ち物などをくわしく書いてください",
                             "the description only repeats the summary; describe the activity, the day and what to bring"),
    "alt_is_file_name": ("'{field}' がファイル名のままです。画像に写っているものを言葉で書いてください",
                         "'{field}' is the file's name; say in words what the picture shows"),
    "alt_image_prefix": ("'{field}' を「画像」や「image of」で始めないでください。読み上げソフトは画像であることを先に伝えます。写っているものから書いてください",
                         "do not start '{field}' with 'image of' or 「画像」: screen readers already say it is an image; start with what it shows"),
    "alt_repeats_title": ("'{field}' が見出しの「{title}」と同じです。画像に写っているものを書いてください (見出しは別に読み上げられます)",
                          "'{field}' repeats the heading '{title}'; say what the picture shows (the heading is read already)"),
    "stale_summary": ("{count} 件のプログラムが {days} 日以上更新されていません (一覧は python build.py check)",
                      "{count} program(s) not updated for over {days} days (python build.py check lists them)"),
}


# What the commands say about themselves.
CLI: dict[str, tuple[str, str]] = {
    "cache_tracked": ("警告: ビルドのキャッシュ (.cache/build/) のファイルが git で管理されています ({files})。リポジトリから来たキャッシュは信用せず、読まずに全体をビルドします。git rm --cached で外してください",
                      "warning: files of the build cache (.cache/build/) are tracked by git ({files}); a cache from the repository is not trusted: it was not read, everything was built. Remove them with git rm --cached"),
    "build_waiting": ("同じフォルダーに別のビルドが書き込み中です。終わるのを待っています ({lock})",
                      "another build is writing into the same folder; waiting for it to finish ({lock})"),
    "pages_written": ("ページを書きました ({count} ファイル、{seconds} 秒)", "pages written ({count} files, {seconds} s)"),
    "check_ok": ("問題はありません: プログラム {programs} 件、団体 {owners} 件", "no problems: {programs} programs, {owners} owners"),
    "summary_ok": ("コンテンツの確認: 問題はありません", "Content check: no problems"),
    "summary_words": ("問題|注意|ファイル|行|内容|一部だけです。すべてはジョブのログにあります",
                      "Problems|Warnings|file|line|message|cut: the full list is in the job log"),
    "broken_link": ("{page}: リンク切れ {target}", "{page}: broken link {target}"),
    "summary_problems": ("コンテンツの確認: {count} 件の問題", "Content check: {count} problem(s)"),
    "generated_written": ("{path} を更新しました", "wrote {path}"),
    "generated_current": ("{path} は最新です", "{path} is up to date"),
    # new: one question at a time (catalog/interview.py)
    "new_title": ("タイトル (80 文字まで)", "Title (up to 80 characters)"),
    "new_owner": ("団体 (番号、名前、または ID)", "Organisation (its number, name or id)"),
    "new_summary": ("概要 (一覧に出る説明、140 文字まで)", "Summary (shown in lists, up to 140 characters)"),
    "new_type": ("種類 (番号か名前)", "Type (number or name)"),
    "new_categories": ("分野 (番号か名前を「,」か「、」で区切って 1〜5 個)", "Causes (1 to 5 numbers or names, separated by commas)"),
    "new_format": ("参加形式 (番号か名前)", "Format (number or name)"),
    "new_prefecture": ("都道府県 (例: 石川県)", "Prefecture, in Japanese (e.g. 石川県)"),
    "new_signup_url": ("申し込みフォームの URL (https://…)", "Sign-up form URL (https://…)"),
    "new_start": ("最初の日程 (例: 2026-12-05)", "First date (e.g. 2026-12-05)"),
    "new_deadline": ("申し込みの締切 (例: 2026-12-01)", "Sign-up deadline (e.g. 2026-12-01)"),
    "new_name": ("団体名", "Organisation's name"),
    "new_kind": ("団体の種類 (番号か名前)", "Kind of organisation (number or name)"),
    "new_owner_prefecture": ("都道府県 (例: 石川県)", "Prefecture, in Japanese (e.g. 石川県)"),
    "new_maintainers": ("担当者の GitHub ユーザー名 (「,」で区切って)", "Maintainers' GitHub logins (separated by commas)"),
    "new_optional": (" (なければ Enter)", " (Enter to skip)"),
    "new_choose": ("次から選んでください:", "Choose one of:"),
    "new_accept_suggestion": ("→ それでよければ Enter を押してください。違うときは書き直してください",
                              "→ press Enter to take it, or type another answer"),
    "new_owner_ambiguous": ("'{value}' を名前に含む団体が複数あります: {owners}。番号か ID で答えてください",
                            "several organisations' names contain '{value}': {owners}; answer with the number or id"),
    "new_exists": ("{path}: すでにあります。上書きはしません", "{path}: already exists; not overwritten"),
    "new_written": ("書きました: {path}", "wrote {path}"),
    "new_stopped": ("途中で終わりました。ファイルは書いていません。答えた内容から続けるには:",
                    "stopped; no file was written. To go on from your answers:"),
    "new_fix": ("この値を直してください", "please fix this value"),
    # build, serve, links (catalog/cli.py)
    "build_whole": ("サイトを作りました: プログラム {programs} 件、団体 {owners} 件、{files} ファイル → {target} ({seconds} 秒、基準日 {date})",
                    "built {programs} programs, {owners} owners, {files} files into {target} in {seconds} s (build date {date})"),
    "build_updated": ("サイトを更新しました ({written} ファイルを書き込み): プログラム {programs} 件、団体 {owners} 件、{files} ファイル → {target} "
                      "({seconds} 秒、基準日 {date})",
                      "updated ({written} files written) {programs} programs, {owners} owners, {files} files into {target} "
                      "in {seconds} s (build date {date})"),
    "build_error": ("ビルドに失敗しました: {detail}", "build failed: {detail}"),
    "template_error": ("テンプレートの誤り: {detail}", "template error: {detail}"),
    "site_unchanged": ("サイトは変更していません", "the site was not changed"),
    "index_not_updated": ("ページは更新しましたが、検索の索引は更新していません", "the pages were updated, the search index was not"),
    "cache_not_written": ("お知らせ: ビルドのキャッシュを書けませんでした ({error})", "note: build cache not written ({error})"),
    "base_url_not_http": ("--base-url は http(s) の URL にしてください: {value}", "--base-url must be an http(s) URL: {value}"),
    "a11y_results_unreadable": ("--a11y-results {error}", "--a11y-results {error}"),
    "not_a_date": ("日付ではありません: {value} (YYYY-MM-DD の形で)", "not a date: {value} (YYYY-MM-DD)"),
    "changed_needs": ("--changed には --author (プルリクエストの作成者) と --base (マージ先のコミット) も指定してください",
                      "--changed needs --author (the pull request's author) and --base (its base commit)"),
    "changed_unreadable": ("--changed {path}: 読めません ({error})", "--changed {path}: {error}"),
    "base_unknown": ("--base {base}: {root} のリポジトリのコミットではありません", "--base {base}: not a commit of the repository at {root}"),
    "links_result": ("{pages} ページを確認: サイト内のリンク切れ {broken} 件", "{pages} pages, {broken} broken internal link(s)"),
    "signups_result": ("申し込みリンクを {checked} 件確認: 開けないもの {dead} 件", "{checked} sign-up link(s) checked, {dead} dead"),
    "serve_serving": ("{url} で表示しています (Ctrl+C で終了)", "serving {url} (Ctrl+C to stop)"),
    "serve_not_loopback": ("注意: {bind} で待ち受けます。同じネットワークのほかの機器からも、このプレビューを開けます",
                           "warning: listening on {bind}: other devices on the network can open this preview"),
    "serve_overlay": ("ビルドに失敗しました。ファイルを直して保存すると、このページは自動で更新されます",
                      "The build failed. Fix the files and save: this page reloads by itself"),
    "empty_value": ("(空欄)", "(empty)"),
    "intake_unknown_headings": ("知らない見出しを無視しました: {headings}", "ignored unknown headings: {headings}"),
    "intake_failed": ("掲載用のファイルを作れませんでした。次の項目を直してください:", "The program file could not be made. Please fix:"),
    "intake_written": ("{path} を作りました。", "wrote {path}."),
    "new_required": ("--{option} が必要です", "--{option} is required"),
    "serve_polling": ("ファイルの変更通知を使えないため、{seconds} 秒ごとにファイルを確認します ({reason})",
                      "file change events are unavailable ({reason}); looking at the files every {seconds} s"),
}


# Command-line help (`python build.py COMMAND --help`), in the site's language.
HELP: dict[str, tuple[str, str]] = {
    "description": ("content/ を確認して、静的なカタログを site/ に作ります。", "Validate content/ and build the static catalog into site/."),
    "epilog": ("終了コード: 0 作成できた (問題なし)、1 内容の問題かビルドの失敗、2 使い方の誤り。",
               "Exit status: 0 built or valid, 1 content problems or a failed build, 2 wrong usage."),
    "usage": ("使い方: ", "usage: "),
    "positionals": ("引数", "positional arguments"),
    "options": ("オプション", "options"),
    "commands": ("コマンド", "commands"),
    "help": ("この説明を表示して終わります", "show this help message and exit"),
    "build": ("確認してサイトを作ります (省略したときと同じ)", "validate and build the site (the default)"),
    "check": ("確認だけします。問題をすべて表示します (GitHub Actions の中では注釈も)",
              "validate only; print every problem (and GitHub annotations inside Actions)"),
    "changed": ("プルリクエストの `git diff -z --name-status BASE...HEAD`: content の決まりにないパスと、作成者ができない変更を断ります"
                " (だれが何を担当するかは --base から読みます)",
                "`git diff -z --name-status BASE...HEAD` of a pull request: refuse paths outside the content contract and "
                "changes the author may not make (who maintains what is read from --base)"),
    "author": ("プルリクエストの作成者の GitHub ユーザー名 (--changed と一緒に)", "the pull request author's GitHub login (with --changed)"),
    "base": ("プルリクエストのマージ先のコミット: だれが何を変えられるかは、これだけで決まります",
             "the pull request's base commit: the only source of who may change what"),
    "generate": (".github/CODEOWNERS と Issue のフォームを content/ から作ります (ずれていると check が失敗します)",
                 "write .github/CODEOWNERS and the issue form from content/ (check fails when they drift)"),
    "serve": ("サイトを作って表示し、変更のたびに作り直してページを再読み込みします",
              "build, serve on localhost, rebuild and reload on every change"),
    "port": ("ポート番号 (0: 空いているもの。既定 8000)", "the port (0: any free port; default 8000)"),
    "bind": ("待ち受けるアドレス (既定 127.0.0.1: このパソコンだけ。0.0.0.0 ならネットワークのほかの機器からも)",
             "the address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: other devices on the network too)"),
    "links": ("作ったサイトのサイト内リンクと #フラグメントをすべて確認します", "check every internal link and #fragment of the built site"),
    "links_out": ("作ったサイト (既定: ROOT/site)", "the built site (default: ROOT/site)"),
    "links_base_url": ("サイトを作ったときのアドレス (404 ページのリンクの確認に使います)",
                       "the address the site was built for (resolves the 404 page's links)"),
    "signup_links": ("募集中のプログラムの申し込み URL をすべて開いてみます (毎晩の処理)", "fetch every open program's sign-up URL (the nightly job)"),
    "signup_report": ("開けないリンクの一覧を Markdown でここに書きます", "write a Markdown report of the dead links here"),
    "intake": ("Issue のフォーム「プログラムの掲載依頼」の本文からプログラムのファイルを作ります",
               "turn a 'new program' issue form's body into a program file"),
    "intake_body": ("Issue の本文を入れたファイル", "a file holding the issue body"),
    "intake_id": ("フォームに書かれたものとは別のプログラム ID", "the program id, if not the one given in the form"),
    "intake_report": ("Issue に返す報告 (Markdown) をここに書きます", "write a Markdown report for the issue here"),
    "intake_id_file": ("作ったファイルの ID をここに書きます (ワークフロー用)", "write the id of the file made here (for the workflow)"),
    "intake_author": ("Issue の作成者: フォームの団体の担当者のときだけファイルを作ります",
                      "the issue's author: a file is made only if they maintain the owner named in the form"),
    "new": ("新しいプログラムか団体のファイルを作ります (足りない値は 1 つずつ質問します)",
            "write a new program or owner file (asks for what is missing, one question at a time)"),
    "new_what": ("program (プログラム) か owner (団体)", "program or owner"),
    "new_id": ("拡張子 .md を除いたファイル名: 半角英小文字・数字・ハイフン (ページのアドレスになります)",
               "the file name without .md: lower-case letters, digits and hyphens (it becomes the page address)"),
    "new_value": ("{field} の値 (質問の代わりに)", "the value of {field} (instead of asking)"),
    "root": ("content/ のあるプロジェクトのフォルダー (既定: .)", "the project folder holding content/ (default: .)"),
    "today": ("締切や状態を決める基準日 (既定: SOURCE_DATE_EPOCH、なければサイトのタイムゾーンの今日)",
              "the build date for deadlines and states (default: SOURCE_DATE_EPOCH, else today in the site's time zone)"),
    "out": ("作る場所 (既定: ROOT/site)", "where to build (default: ROOT/site)"),
    "templates": ("テンプレートのフォルダー (既定: ROOT/templates)", "the templates folder (default: ROOT/templates)"),
    "base_url": ("site.yaml の base_url の代わりに使うアドレス (例: GitHub Pages のもの)",
                 "serve under this URL instead of site.yaml's base_url (e.g. for GitHub Pages)"),
    "no_search": ("検索の索引を作らずにページだけ作ります (プレビューを速く)", "build the pages without the search index (faster previews)"),
    "clean": ("ビルドのキャッシュ (.cache/build/) を使わず、すべて作り直します", "ignore the build cache (.cache/build/) and build everything"),
    "a11y_results": ("アクセシビリティ試験の結果 (pytest --a11y-results FILE の出力)。アクセシビリティのページに載せます。ないときは「まだ試験していません」と書きます",
                     "the accessibility tests' results (pytest --a11y-results FILE) for the accessibility page; without it the page says this version is not yet tested"),
    "error": ("{prog}: 使い方の誤りです: {message}", "{prog}: error: {message}"),
}

# argparse's own words, in Japanese (its messages are gettext strings, here matched by their English form).
ARGPARSE_JA: tuple[tuple[str, str], ...] = (
    (r"^the following arguments are required: (.*)$", r"次の引数が必要です: \1"),
    (r"^unrecognized arguments: (.*)$", r"知らない引数です: \1"),
    (r"^argument (.*?): invalid choice: (.*?) \(choose from (.*)\)$", r"\1 に \2 は使えません (使えるのは \3)"),
    (r"^argument (.*?): expected one argument$", r"\1 には値が 1 つ必要です"),
    (r"^argument (.*?): invalid (.*?) value: (.*)$", r"\1 の値 \3 が正しくありません"),
    (r"^argument (.*?): (.*)$", r"\1: \2"),
)


# The texts of the skeletons `new` writes (tools/scaffold.py).
SKELETON: dict[str, tuple[str, str]] = {
    "optional": ("以下は任意の項目です。使うときは先頭の # と空白を消してください。", "Optional fields: remove the leading '# ' to use one."),
    "program_heading": ("活動の内容", "What you will do"),
    "program_body": ("ここに、どんな活動か、当日の流れ、持ち物などを書いてください。", "Describe the activity, the day's schedule and what to bring."),
    "owner_body": ("ここに団体の紹介を書いてください。", "Introduce your organisation here."),
}


def pick(pair: tuple[str, str], language: str) -> str:
    """The one place that chooses between a (ja, en) pair: English for "en", Japanese otherwise."""
    return pair[1] if language == "en" else pair[0]


@dataclass(frozen=True)
class Messages:
    """Messages in one language. Passed to the stages that talk to authors or visitors."""

    language: str = "ja"

    def pick(self, pair: tuple[str, str]) -> str:
        return pick(pair, self.language)

    def problem(self, key: str, /, suggestion: str | None = None, where: str | None = None, **args: object) -> str:
        if where and "field" in args:
            args["field"] = f"{where}.{args['field']}"
        text = self.pick(PROBLEMS[key]).format(**args)
        if suggestion:
            text += self.pick(SEPARATOR) + self.pick(SUGGESTION).format(suggestion=suggestion)
        return text

    def id_problem(self, stem: str) -> str:
        return self.problem("bad_id", value=stem, suggestion=suggest_id(stem))

    def yaml_error(self, error: yaml.YAMLError) -> str:
        """A syntax error none of the known mistakes explains (yaml_hints): what to look at, not the parser's words."""
        return self.problem("yaml_syntax")

    def choice_list(self, choices: list[tuple[str, str]]) -> str:
        """(id, label) pairs as 'ボランティア (volunteer)、プロボノ (probono)'."""
        return self.pick(("、", ", ")).join(f"{label} ({id_})" for id_, label in choices)

    def cli(self, key: str, /, **args: object) -> str:
        return self.pick(CLI[key]).format(**args)

    def help(self, key: str, /, **args: object) -> str:
        return self.pick(HELP[key]).format(**args)

    def argparse_error(self, message: str) -> str:
        """One of argparse's error messages in the site's language."""
        if self.language == "en":
            return message
        import re

        for pattern, replacement in ARGPARSE_JA:
            if re.match(pattern, message):
                return re.sub(pattern, replacement, message)
        return message

    def count(self, count: int, building: bool = True) -> str:
        return self.pick(PROBLEM_COUNT if building else CHECK_COUNT).format(count=count)

    def warning(self, key: str, /, **args: object) -> str:
        return f"{self.pick(WARNING)}: " + self.pick(WARNINGS[key]).format(**args)


def suggest_id(stem: str) -> str | None:
    import re

    cleaned = re.sub(r"[^a-z0-9-]+", "-", stem.lower()).strip("-")
    cleaned = re.sub(r"-{2,}", "-", cleaned)[:64]
    return cleaned + ".md" if len(cleaned) >= 3 else None


# The interface: key -> (ja, en). Tests check that every key a template uses is here.
UI: dict[str, tuple[str, str]] = {
    "date_range_separator": ("〜", "–"),
    "skip_to_content": ("本文へ移動", "Skip to content"),
    "nav_label": ("サイト内のメニュー", "Site menu"),
    "home": ("ホーム", "Home"),
    "breadcrumbs": ("現在の場所", "You are here"),
    "pagination": ("ページ送り", "Pages"),
    "previous_page": ("前のページ", "Previous"),
    "next_page": ("次のページ", "Next"),
    "page_number": ("({number} / {pages} ページ)", "(page {number} of {pages})"),
    "page_title": ("{title} ({number} ページ目)", "{title} (page {number})"),
    "search": ("さがす", "Search"),
    "search_label": ("キーワードで探す", "Search by keyword"),
    "search_placeholder": ("例: 古材、子育て", "e.g. timber, childcare"),
    "search_button": ("検索", "Search"),
    "search_help": ("複数の言葉はスペースで区切ると、すべてを含むものを探します。",
                    "Separate words with spaces to find programs that contain all of them."),
    "search_description": ("キーワードと条件でプログラムを探せます。", "Find programs by keyword and filters."),
    "search_needs_js": ("キーワード検索には JavaScript が必要です。一覧からも探せます:",
                        "Keyword search needs JavaScript. You can also browse:"),
    "filters": ("条件でしぼりこむ", "Filters"),
    "state": ("受付状況", "Status"),
    "sort": ("並べ替え", "Sort by"),
    "sort_relevance": ("関連度順", "Relevance"),
    "sort_deadline": ("締切が近い順", "Deadline, soonest first"),
    "sort_newest": ("新着順", "Newest first"),
    "include_closed": ("受付終了したものも表示", "Include closed programs"),
    "results": ("検索結果", "Search results"),
    "searching": ("検索しています…", "Searching…"),
    "search_results": ("{count} 件見つかりました", "{count} programs found"),
    "search_no_results": ("条件に合うプログラムは見つかりませんでした。", "No programs match."),
    "search_missing_words": ("「{words}」を含むプログラムはありません。言葉を変えるか減らしてみてください。",
                             "No program contains “{words}”. Try other or fewer words."),
    "search_browse": ("{count} 件のプログラム", "{count} programs"),
    "search_error": ("検索を読み込めませんでした。時間をおいて再度お試しください。",
                     "Search could not be loaded. Please try again later."),
    "search_more": ("さらに表示", "Show more"),
    "when": ("日程", "Dates"),
    "when_any": ("指定なし", "Any time"),
    "when_this_weekend": ("今週末", "This weekend"),
    "when_next_weekend": ("来週末", "Next weekend"),
    "when_this_month": ("今月", "This month"),
    "when_next_month": ("来月", "Next month"),
    "when_range": ("期間を指定", "Choose dates"),
    "when_from": ("開始日", "From"),
    "when_to": ("終了日", "To"),
    "when_anytime": ("日程の決まっていない(随時の)プログラムも含める", "Include programs with no fixed dates"),
    "weekday_filter": ("曜日", "Day of the week"),
    "language_filter": ("使用言語", "Language used"),
    "browse_months": ("月別に見る", "By month"),
    "month_title": ("{year}年{month_name}のプログラム", "Programs in {month_name} {year}"),
    "month_names": ("1月,2月,3月,4月,5月,6月,7月,8月,9月,10月,11月,12月",
                    "January,February,March,April,May,June,July,August,September,October,November,December"),
    "month_description": ("{title}: この月に日程のある、募集中・満員のプログラムです。",
                          "{title}: open or full programs with dates in this month."),
    "all_programs": ("すべてのプログラム", "All programs"),
    "all_programs_description": ("募集中・満員のプログラムの一覧です。受付を終えたものは過去のプログラムにあります。",
                                 "Every program that is open or full. Closed ones are in the archive."),
    "archive": ("過去のプログラム", "Past programs"),
    "archive_description": ("受付を終了した、または中止になったプログラムです。", "Programs that have closed or were cancelled."),
    "see_all": ("すべてのプログラムを見る", "See all programs"),
    "see_all_closing_soon": ("締切が近い順にすべて見る（{count} 件）", "See all {count}, soonest deadline first"),
    "see_archive": ("受付を終えたプログラムを見る", "See closed programs"),
    "listing_description": ("{title}のプログラム一覧", "Programs: {title}"),
    "facet_description": ("{title}から探す", "Browse by {title}"),
    "listed_count": ("いま {count} 件のプログラムが掲載されています。", "{count} programs are listed now."),
    "result_count": ("{count} 件", "{count} programs"),
    "program_count": ("掲載中 {count} 件", "{count} open"),
    "no_programs": ("まだプログラムがありません。", "There are no programs yet."),
    "no_open_programs": ("いま募集中のプログラムはありません。", "No programs are open right now."),
    "closing_soon_heading": ("まもなく締切", "Closing soon"),
    "closing_soon_none": ("締切が近いプログラムはいまありません。", "No programs are closing soon."),
    "newest_heading": ("新着のプログラム", "New programs"),
    "browse_heading": ("分類から探す", "Browse"),
    "browse_types": ("種類", "Types"),
    "browse_categories": ("分野", "Causes"),
    "browse_prefectures": ("都道府県", "Prefectures"),
    "browse_skills": ("活かせるスキル", "Skills"),
    "browse_formats": ("参加形式", "Formats"),
    "owners": ("掲載団体", "Organisations"),
    "owners_description": ("プログラムを掲載している自治体・社会福祉協議会・団体の一覧です。",
                           "Municipalities, welfare councils and groups that list programs here."),
    "owner": ("主催", "Organiser"),
    "owner_kind": ("団体の種類", "Kind"),
    "owner_intro": ("団体の紹介", "About"),
    "owner_open_programs": ("募集中のプログラム", "Open programs"),
    "owner_closed_programs": ("受付を終えたプログラム", "Closed programs"),
    "related_heading": ("{owner}のほかのプログラム", "More from {owner}"),
    "website": ("ウェブサイト", "Website"),
    "contact": ("問い合わせ", "Contact"),
    "corporate_number": ("法人番号", "Corporate number"),
    "signup": ("申し込む", "Sign up"),
    "signup_heading": ("申し込み", "Sign-up"),
    "signup_external": ("主催者の申し込みフォーム (外部サイト) が開きます。", "Opens the organiser's sign-up form (another site)."),
    "notice_full": ("定員に達したため、申し込みを受け付けていません。", "This program is full and is not taking sign-ups."),
    "notice_closed": ("このプログラムの受付は終了しました。", "This program is closed."),
    "notice_cancelled": ("このプログラムは中止になりました。", "This program has been cancelled."),
    "state_open": ("募集中", "Open"),
    "state_closing_soon": ("まもなく締切", "Closing soon"),
    "state_full": ("満員", "Full"),
    "state_closed": ("受付終了", "Closed"),
    "state_cancelled": ("中止", "Cancelled"),
    "facts_heading": ("募集の概要", "At a glance"),
    "description_heading": ("くわしい内容", "Details"),
    "dates": ("日程", "Dates"),
    "deadline": ("締切", "Deadline"),
    "ongoing": ("随時", "Ongoing"),
    "ongoing_long": ("随時 (日程の決まりはありません)", "Ongoing (no fixed dates)"),
    "and_more": ("ほか {count} 回", "and {count} more"),
    "format": ("参加形式", "Format"),
    "format_onsite": ("現地", "On site"),
    "format_online": ("オンライン", "Online"),
    "format_hybrid": ("現地・オンライン", "On site or online"),
    "location": ("場所", "Place"),
    "access": ("アクセス", "Getting there"),
    "type": ("種類", "Type"),
    "categories": ("分野", "Causes"),
    "skills": ("活かせるスキル", "Helpful skills"),
    "capacity": ("定員", "Places"),
    "people": ("{count} 人", "{count} people"),
    "commitment": ("活動量", "Commitment"),
    "cost": ("参加費", "Cost"),
    "provided": ("用意されるもの", "Provided"),
    "audience": ("こんな方に", "Suits"),
    "min_age": ("年齢", "Age"),
    "age_or_older": ("{age} 歳以上", "{age} and over"),
    "languages": ("使用言語", "Languages"),
    "list_separator": ("、", ", "),
    "accessibility": ("アクセシビリティ", "Accessibility"),
    "posted": ("掲載日", "Posted"),
    "updated": ("更新日", "Updated"),
    "weekdays": ("月,火,水,木,金,土,日", "Mon,Tue,Wed,Thu,Fri,Sat,Sun"),
    "not_found": ("ページが見つかりません", "Page not found"),
    "not_found_description": ("お探しのページは移動したか、削除された可能性があります。", "The page may have moved or been removed."),
    "back_home": ("ホームへ戻る", "Back to the home page"),
    "feed_all": ("{site}: 新着のプログラム", "{site}: new programs"),
    "feed_of": ("{title}の新着プログラム", "New programs: {title}"),
    "subscribe": ("新着を受け取る", "Follow"),
    "feed_link": ("フィード (Atom)", "Feed (Atom)"),
    "calendar_link": ("カレンダーに追加 (iCalendar)", "Add to calendar (iCalendar)"),
    "open_data": ("オープンデータ", "Open data"),
    "flyer": ("印刷用チラシ", "Printable flyer"),
    "flyer_link": ("チラシを印刷する (A4)", "Print a flyer (A4)"),
    "flyer_back": ("プログラムのページに戻る", "Back to the program"),
    "flyer_print_hint": ("ブラウザーの印刷機能で A4 1 枚に印刷できます", "Print it from the browser on one A4 page"),
    "flyer_scan": ("申し込みはこちら", "Sign up here"),
    "flyer_details": ("くわしくは", "Details:"),
    "flyer_qr_title": ("申し込みフォームの QR コード", "QR code of the sign-up form"),
    # the facts at a glance, sharing, following (glance.py, recurrence.py)
    "free": ("無料", "Free"),
    "days_left": ("あと {count} 日", "{count} days left"),
    "closes_today": ("今日まで", "Closes today"),
    "skills_short": ("スキル", "Skills"),
    "cost_details": ("くわしく", "details"),
    "map_link": ("地図", "Map"),
    "map_link_hint": ("(Google マップ、外部サイト)", "(Google Maps, another site)"),
    "online_too": ("オンラインでも参加できます", "You can also take part online"),
    "details_heading": ("くわしい条件", "Practical details"),
    "all_dates": ("すべての日程", "All dates"),
    "signup_again_heading": ("参加を申し込む", "Sign up"),
    "share_heading": ("このプログラムを伝える", "Pass it on"),
    "share_line": ("LINE で送る", "Send with LINE"),
    "share_x": ("X でポスト", "Post on X"),
    "share_facebook": ("Facebook でシェア", "Share on Facebook"),
    "share_mail": ("メールで送る", "Send by e-mail"),
    "share_copy": ("リンクをコピー", "Copy link"),
    "share_other": ("ほかのアプリで送る", "Share with another app"),
    "share_copied": ("リンクをコピーしました。", "Link copied."),
    "share_copy_failed": ("コピーできませんでした。アドレス:", "Could not copy. The address:"),
    "quick_heading": ("よく探される条件", "Popular choices"),
    "weekend": ("今週末", "This weekend"),
    "weekend_description": ("今週末、{days}に日程があるプログラムです。", "Programs with a date this weekend: {days}."),
    "weekend_and": ("と", " and "),
    "by_prefecture_heading": ("都道府県から探す", "Browse by prefecture"),
    "follow_types": ("この種類の新着を受け取る", "Follow new programs of this type"),
    "follow_categories": ("この分野の新着を受け取る", "Follow new programs in this cause"),
    "follow_prefectures": ("この都道府県の新着を受け取る", "Follow new programs in this prefecture"),
    "follow_skills": ("このスキルの新着を受け取る", "Follow new programs that need this skill"),
    "follow_formats": ("この参加形式の新着を受け取る", "Follow new programs in this format"),
    "flyer_tabs": ("切り取って持ち帰れるアドレス", "Tear-off strips with the address"),
    "region_hokkaido": ("北海道", "Hokkaido"),
    "region_tohoku": ("東北", "Tohoku"),
    "region_kanto": ("関東", "Kanto"),
    "region_chubu": ("中部", "Chubu"),
    "region_kinki": ("近畿", "Kinki"),
    "region_chugoku": ("中国", "Chugoku"),
    "region_shikoku": ("四国", "Shikoku"),
    "region_kyushu": ("九州・沖縄", "Kyushu and Okinawa"),
    # the accessibility page (catalog/content/accessibility.py, templates/accessibility.html)
    "a11y_title": ("アクセシビリティ方針と試験結果", "Accessibility policy and test results"),
    "a11y_description": ("このサイトのアクセシビリティ方針 (JIS X 8341-3:2016) と、公開のたびに行う試験の結果です。",
                         "This site's accessibility policy (JIS X 8341-3:2016) and the results of the tests run on every publish."),
    "a11y_footer_link": ("アクセシビリティ", "Accessibility"),
    "a11y_intro": ("{site}は、障害のある方や高齢の方を含む誰もが、支援の募集を探して申し込めるよう、ウェブアクセシビリティの確保に取り組みます。"
                   "このページはサイトを公開するたびに、その版の試験結果から作られます。",
                   "{site} works so that everyone, including disabled and older people, can find programs and sign up. "
                   "This page is generated on every publish, from that version's test results."),
    "a11y_policy_heading": ("アクセシビリティ方針", "Accessibility policy"),
    "a11y_target": ("目標とする規格と適合レベル", "Target standard and level"),
    "a11y_target_value": ("{standard} 適合レベル {level} に準拠 (WCAG 2.2 の A・AA の達成基準も対象)",
                          "{standard} level {level} conformance (and WCAG 2.2's level A and AA success criteria)"),
    "a11y_scope": ("対象範囲", "Scope"),
    "a11y_scope_value": ("このサイトのすべてのページ (ホーム、プログラム、チラシ、団体、一覧、検索、このページ)。申し込みフォームなど外部サイトは含みません",
                         "Every page of this site (home, programs, flyers, owners, lists, search, this page); not external sites such as sign-up forms"),
    "a11y_version_date": ("この版の日付", "Date of this version"),
    "a11y_generator": ("生成プログラム", "Generator"),
    "a11y_tested_on": ("試験日", "Tested on"),
    "a11y_revision": ("版 {revision}", "revision {revision}"),
    "a11y_not_tested": ("この版ではまだ試験していません", "not yet tested on this build"),
    "a11y_claim": ("表記", "Conformance"),
    "a11y_claim_conforms": ("準拠: すべての達成基準を満たしているか、適用されません", "Conforms: every success criterion is met or does not apply"),
    "a11y_claim_partial": ("一部準拠: 未確認 {unchecked} 件、不合格 {failed} 件の達成基準があります",
                           "Partial: {unchecked} success criteria unchecked and {failed} failed"),
    "a11y_claim_untested": ("試験前: この版はまだ試験していないため、準拠を表明していません",
                            "Not tested: this version has not been tested, so no conformance is claimed"),
    "a11y_results_heading": ("試験結果", "Test results"),
    "a11y_counts_label": ("結果の内訳", "Results by status"),
    "a11y_status_automated": ("自動試験で合格", "Passed automated tests"),
    "a11y_status_manual": ("人が確認して合格", "Checked by hand"),
    "a11y_status_not_applicable": ("適用なし", "Not applicable"),
    "a11y_status_unchecked": ("未確認", "Unchecked"),
    "a11y_status_failed": ("不合格", "Failed"),
    "a11y_count": ("{count} 件", "{count}"),
    "a11y_table_caption": ("達成基準ごとの結果 (WCAG 2.2 の A・AA と JIS X 8341-3:2016 の 4.1.1)",
                           "Each success criterion (WCAG 2.2 levels A and AA, and JIS X 8341-3:2016's 4.1.1)"),
    "a11y_criterion": ("達成基準", "Success criterion"),
    "a11y_level": ("レベル", "Level"),
    "a11y_result": ("結果と根拠", "Result and evidence"),
    "a11y_decided_by": ("自動試験: {checks}", "Automated: {checks}"),
    "a11y_partly_by": ("一部を自動試験: {checks}", "Partly automated: {checks}"),
    "a11y_hand_by": ("{date} に {by} が確認", "checked on {date} by {by}"),
    "a11y_failed_by": ("不合格の試験: {checks}", "Failed: {checks}"),
    "a11y_no_evidence": ("まだ確認していません", "not checked yet"),
    "a11y_na_media": ("音声や動画はありません (本文の Markdown では埋め込めません)", "There is no audio or video (page text cannot embed any)"),
    "a11y_na_personal_data": ("利用者の個人情報を入力する欄はありません (申し込みは各団体のフォームで行います)",
                              "No field asks for the user's personal data (sign-up happens on each owner's form)"),
    "a11y_na_hover": ("ホバーやフォーカスで現れる内容はありません", "Nothing appears on hover or focus"),
    "a11y_na_shortcuts": ("文字キーのショートカットはありません", "There are no character key shortcuts"),
    "a11y_na_timing": ("制限時間はありません", "There are no time limits"),
    "a11y_na_motion": ("動く、点滅する、自動で更新される内容はありません", "Nothing moves, blinks, flashes or updates by itself"),
    "a11y_na_gestures": ("操作に複数の指やドラッグ、端末の動きは使いません", "No action needs several fingers, dragging or moving the device"),
    "a11y_na_errors": ("入力の誤りを判定するフォームはありません (検索はどんな言葉でも受け付けます)",
                       "No form judges input as an error (search accepts any words)"),
    "a11y_na_transactions": ("申し込みや手続きはこのサイトでは行いません", "No sign-up or transaction happens on this site"),
    "a11y_na_authentication": ("ログインはありません", "There is no log-in"),
    "a11y_methods_heading": ("試験の方法", "How it is tested"),
    "a11y_methods": ("公開の前に、公開するページそのものを Chromium で開いて次の自動試験を行います。どれか一つでも不合格なら公開しません。"
                     "自動試験で決められない達成基準は、サイトの管理者が人の目で確かめ、content/accessibility.yaml に日付と確認者を記録します。",
                     "Before publishing, the very pages to be published are opened in Chromium and tested as below; if any test fails, nothing is published. "
                     "Criteria that automated tests cannot decide are checked by the site's maintainers, who record the date and their name in content/accessibility.yaml."),
    "a11y_check_outcome_passed": ("合格", "passed"),
    "a11y_check_outcome_failed": ("不合格", "failed"),
    "a11y_check_outcome_incomplete": ("判定できず", "undecided"),
    "a11y_check_pages": ("{count} ページ", "{count} pages"),
    "a11y_axe_rules": ("axe-core のルール ({count} 件、各ルールの WCAG タグで達成基準に対応)",
                       "axe-core rules ({count}, mapped to criteria by each rule's WCAG tags)"),
    "a11y_check_vnu": ("HTML の構文 (Nu HTML Checker)", "HTML syntax (Nu HTML Checker)"),
    "a11y_check_language-of-parts": ("一部分の言語: すべてのプログラムのページとチラシで、文字ごとに最も近い lang が文字の種類と一致 (日本語と英語の画面)",
                                      "Language of parts: on every program page and flyer, each text's nearest lang matches its script (Japanese and English interfaces)"),
    "a11y_check_reflow": ("リフロー: 幅 320 px と 640 px (200 %) で横スクロールなし、重なりなし", "Reflow: no sideways scrolling or overlap at 320 px and 640 px (200 %)"),
    "a11y_check_text-spacing": ("テキストの間隔: WCAG 1.4.12 の値を適用しても切れや重なりなし", "Text spacing: nothing clipped or overlapping with WCAG 1.4.12's values"),
    "a11y_check_focus": ("フォーカス: Tab で移動するすべての場所で枠が見え、隠れず、ページから抜けられる", "Focus: at every Tab stop the indicator shows, nothing covers it, and Tab leaves the page"),
    "a11y_check_target-size": ("ターゲットのサイズ: 24 px 以上か、十分に離れている", "Target size: 24 px or spaced"),
    "a11y_check_non-text-contrast": ("非テキストのコントラスト: フォーカス枠、入力欄、状態の表示が 3:1 以上", "Non-text contrast: focus ring, inputs and badges at 3:1 or more"),
    "a11y_check_status-messages": ("ステータスメッセージ: 検索結果の件数を role=status で伝える", "Status messages: search result counts announced with role=status"),
    "a11y_pages_heading": ("試験したページ", "Pages tested"),
    "a11y_pages_intro": ("JIS X 8341-3 の試験方法にならい、ページの種類ごとに代表するページを選んで試験しています。言語の試験はすべてのプログラムのページとチラシが対象です。",
                         "As JIS X 8341-3's test method allows, a sample page of each kind is tested; the language test covers every program page and flyer."),
    "a11y_page_kind_home": ("ホーム", "Home"),
    "a11y_page_kind_program": ("プログラム", "Program"),
    "a11y_page_kind_flyer": ("チラシ", "Flyer"),
    "a11y_page_kind_owner": ("団体", "Owner"),
    "a11y_page_kind_owners": ("団体の一覧", "Owners"),
    "a11y_page_kind_listing": ("プログラムの一覧", "Program list"),
    "a11y_page_kind_facet": ("分類の一覧", "Browse"),
    "a11y_page_kind_search": ("検索", "Search"),
    "a11y_page_kind_accessibility": ("このページ", "This page"),
    "a11y_page_kind_not-found": ("見つからないページ (404)", "Page not found (404)"),
    "a11y_contact": ("お気づきの点は、各プログラムの団体か、このサイトの管理者にお知らせください。", "Please tell the program's owner or this site's maintainers about any problem you find."),
    "kind_municipality": ("自治体", "Municipality"),
    "kind_social-welfare-council": ("社会福祉協議会", "Social welfare council"),
    "kind_npo": ("NPO", "NPO"),
    "kind_company": ("企業", "Company"),
    "kind_school": ("学校", "School"),
    "kind_community": ("地域団体", "Community group"),
    "kind_other": ("その他の団体", "Other organisation"),
}

# Language codes owners use in `languages`, by name in (ja, en).
LANGUAGE_NAMES: dict[str, tuple[str, str]] = {
    "ja": ("日本語", "Japanese"), "en": ("英語", "English"), "zh": ("中国語", "Chinese"),
    "ko": ("韓国語", "Korean"), "vi": ("ベトナム語", "Vietnamese"), "pt": ("ポルトガル語", "Portuguese"),
    "es": ("スペイン語", "Spanish"), "tl": ("タガログ語", "Tagalog"), "ne": ("ネパール語", "Nepali"),
    "id": ("インドネシア語", "Indonesian"), "th": ("タイ語", "Thai"), "fr": ("フランス語", "French"),
    "de": ("ドイツ語", "German"), "jsl": ("日本手話", "Japanese Sign Language"),
}
