"""Where the letter templates live, and the check a registry clerk runs on an edited one.

The shipped templates (dialogs/letters/*.docx) are copied to the municipality's config folder
(platformdirs, beside config.json) the first time a letter is made, and read from there
afterwards: the municipality owns the wording, an update of intake never overwrites it.

`check_template` answers the clerk's questions about an edited template in plain words:
which fields it uses, which of them intake does not know, and where a tag is broken (quoting
the paragraph, since a clerk knows the text, not the XML).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from intake.core.letters import FIELDS, LetterKind
from intake.ui.i18n import Catalog

_OPEN_CLOSE = re.compile(r"\{\{|\}\}|\{%|%\}")
# A statement tag, with docxtpl's paragraph/row/cell/run prefixes: {%p if x %}, {%tr for ... %}
_STATEMENT = re.compile(r"\{%-?(?:p|tr|tc|r)?\s*([A-Za-z_]*)")
_BLOCKS = {"if": "endif", "for": "endfor"}
_INNER = {"else", "elif", "set", "with", "endwith"}
_XML_TAG = re.compile(r"<[^>]+>")


class TemplateError(Exception):
    """A template cannot be used; the message names what to fix, in the user's language."""


def shipped_template(kind: LetterKind) -> Path:
    import dialogs

    return dialogs.path(f"letters/{kind.value}.docx")


def template_folder() -> Path:
    from intake.settings import config_dir

    return config_dir() / "letters"


def template_for(kind: LetterKind, folder: Path | None = None) -> Path:
    """The municipality's copy of the template, made from the shipped one on first use."""
    where = folder or template_folder()
    target = where / f"{kind.value}.docx"
    if not target.is_file():
        where.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shipped_template(kind), target)
    return target


def paragraphs(doc: Any) -> Iterator[Any]:
    """Every paragraph of a python-docx document: body, tables, headers and footers."""

    def walk(container: Any) -> Iterator[Any]:
        yield from container.paragraphs
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(doc)
    for section in doc.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer, section.even_page_header,
                     section.even_page_footer):
            if not part.is_linked_to_previous:
                yield from walk(part)


@dataclass
class TemplateReport:
    fields: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unknown and not self.problems


_say = Catalog("letter_templates").say


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."


def _balance(number: int, text: str, lang: str) -> list[str]:
    """Unbalanced {{ }} and {% %} within one paragraph (docxtpl needs a tag in one paragraph)."""
    expected: str | None = None
    for mark in _OPEN_CLOSE.findall(text):
        if mark in ("{{", "{%"):
            if expected:
                return [_say("unclosed", lang, n=number, open=_opener(expected), close=expected,
                             text=_short(text))]
            expected = "}}" if mark == "{{" else "%}"
        elif mark != expected:
            return [_say("unopened", lang, n=number, close=mark, open=_opener(mark),
                         text=_short(text))]
        else:
            expected = None
    if expected:
        return [_say("unclosed", lang, n=number, open=_opener(expected), close=expected,
                     text=_short(text))]
    return []


def _blocks(texts: list[str], lang: str) -> list[str]:
    """if/for blocks opened and closed in order, and no unknown commands, by paragraph."""
    stack: list[tuple[str, int, str]] = []
    for number, text in enumerate(texts, start=1):
        for word in _STATEMENT.findall(text):
            if word in _BLOCKS:
                stack.append((word, number, text))
            elif word in _BLOCKS.values():
                if not stack or _BLOCKS[stack[-1][0]] != word:
                    opened = stack[-1] if stack else None
                    if opened is None:
                        return [_say("unopened", lang, n=number, close=f"{{% {word} %}}",
                                     open="{% if/for %}", text=_short(text))]
                    return [_say("wrong_end", lang, n=number, word=word, open=opened[0],
                                 m=opened[1], text=_short(opened[2]))]
                stack.pop()
            elif word not in _INNER:
                return [_say("unknown_command", lang, n=number, word=word, text=_short(text))]
    if stack:
        word, number, text = stack[-1]
        return [_say("unclosed_block", lang, n=number, word=word, end=_BLOCKS[word],
                     text=_short(text))]
    return []


def _opener(close: str) -> str:
    return "{{" if close == "}}" else "{%"


def _jinja_xml(template: Any) -> str:
    """The template's XML as docxtpl renders it (runs joined, one paragraph per line)."""
    from docx.oxml import parse_xml

    xml = template.patch_xml(template.xml_to_string(template.docx._element.body))
    for rel in template.docx._part.rels.values():
        if rel.reltype in (template.HEADER_URI, template.FOOTER_URI) and rel.target_part.blob:
            xml += template.patch_xml(template.xml_to_string(parse_xml(rel.target_part.blob)))
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def check_template(path: Path, lang: str = "sv") -> TemplateReport:
    """What a clerk needs to know about an edited template; never raises for a bad template."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment, TemplateSyntaxError, meta

    report = TemplateReport()
    try:
        template = DocxTemplate(str(path))
        template.init_docx()
        doc = template.docx
    except Exception:  # python-docx raises several unrelated types for a bad file
        report.problems.append(_say("unreadable", lang))
        return report
    texts = [para.text for para in paragraphs(doc)]
    for number, text in enumerate(texts, start=1):
        report.problems.extend(_balance(number, text, lang))
    if not report.problems:
        report.problems.extend(_blocks(texts, lang))
    if report.problems:
        return report
    xml = _jinja_xml(template)
    try:
        parsed = Environment(autoescape=True).parse(xml)
    except TemplateSyntaxError as exc:
        line = xml.splitlines()[(exc.lineno or 1) - 1] if exc.lineno else ""
        near = _short(_XML_TAG.sub("", line)) or "?"
        report.problems.append(_say("syntax", lang, text=near, detail=exc.message or "?"))
        return report
    used = sorted(meta.find_undeclared_variables(parsed))
    report.fields = used
    report.unknown = [name for name in used if name not in FIELDS]
    return report
