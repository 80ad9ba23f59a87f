"""Language of parts (WCAG 3.1.2) for the templates: the `lang` an element needs for the text it holds.

The interface is in the site's language (the page's `lang`); each piece of content gets the language
its own text is written in (catalog/content/lang.py), only where that differs from what surrounds it.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from catalog.content import lang
from catalog.content.markup import plain_text
from catalog.content.model import Program


class PartLanguages:
    """The templates' helpers: lang_attr, interface_lang, lang_span, skill_lang and mark_languages."""

    def __init__(self, language: str, skill_ids: set[str]):
        self.language = language  # the interface's
        self.skill_ids = skill_ids  # skills from site.yaml's vocabulary, labelled in the interface's language

    def written(self, text: str | None, program: Program | None = None) -> str | None:
        """The language `text` (or rendered Markdown) is written in; None when it has no letters."""
        return _language_of(text, lang.latin_language(program.languages) if program else "en")

    def lang_attr(self, content: Program | str | None, program: Program | None = None) -> Markup:
        """` lang="…"` for an element holding `content` (a program: its title and summary; text or
        rendered Markdown: its own script) when that is not the interface's language. `program`
        names the Latin-script language of its Latin text."""
        written = content.content_language if isinstance(content, Program) else self.written(content, program)
        if written is None or written == self.language:
            return Markup("")
        return Markup(' lang="{}"').format(written)

    def interface_lang(self, content: Program | str | None, program: Program | None = None) -> Markup:
        """` lang` of the interface for an element of the interface inside one that carries `content`'s language."""
        if self.lang_attr(content, program):
            return Markup(' lang="{}"').format(self.language)
        return Markup("")

    def lang_span(self, text: str | None, program: Program | None = None) -> Markup:
        """`text`, in a span with its language when that is not the interface's (a Japanese venue in an English line)."""
        attribute = self.lang_attr(text, program)
        if not attribute:
            return Markup.escape(text or "")
        return Markup("<span{}>{}</span>").format(attribute, text)

    def skill_lang(self, skill: str, program: Program) -> Markup:
        """A skill from the vocabulary is labelled in the interface's language; free-text skills are the owner's words."""
        return Markup("") if skill in self.skill_ids else self.lang_attr(skill, program)

    def mark_languages(self, body: Markup, program: Program | None = None) -> Markup:
        """A description's paragraphs, items and headings in another language than the whole (which its
        section carries, lang_attr) get their own `lang`: a Japanese description with an English part."""
        latin = lang.latin_language(program.languages) if program else "en"
        return Markup(lang.mark_languages(str(body), self.written(body, program) or self.language, latin))


# A page asks about the same texts several times (a description three times, the site's title and
# description on every page, an owner's name on each of its cards), so answers are kept for a while;
# typed, because a Markup is read as HTML and an equal str as text.
@lru_cache(maxsize=4096, typed=True)
def _language_of(text: str | None, latin: str) -> str | None:
    if isinstance(text, Markup):
        text = plain_text(str(text))
    return lang.text_language(text, latin)
