"""A letter as a Word document: the municipality's template filled by docxtpl.

Always rendered with autoescaping: the fields are plain text that goes into XML, and without
it "Boende & stöd" would lose its ampersand silently (or break the file). An unknown field in
an edited template is an error that names the field, never an empty gap in a sent letter.
Fields staff must complete ("[FYLL I: ...]") are highlighted in yellow.
"""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path
from typing import Any

from intake.core.letters import TO_COMPLETE_PREFIX
from intake.exports.letter_templates import TemplateError, paragraphs

_MARK = re.compile(r"(\[FYLL I:[^\]]*\])")


def _highlight_blanks(doc: Any) -> None:
    """Give every "[FYLL I: ...]" a run of its own, highlighted."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.text.run import Run

    for para in paragraphs(doc):
        for run in list(para.runs):
            if TO_COMPLETE_PREFIX not in run.text:
                continue
            pieces = [p for p in _MARK.split(run.text) if p]
            anchor = run._r
            run.text = ""
            for piece in pieces:
                element = copy.deepcopy(anchor)
                anchor.addnext(element)
                anchor = element
                new = Run(element, para)
                new.text = piece
                if piece.startswith(TO_COMPLETE_PREFIX):
                    new.font.highlight_color = WD_COLOR_INDEX.YELLOW
                    new.bold = True
            run._r.getparent().remove(run._r)


def render_letter(template: Path, fields: dict[str, Any], lang: str = "sv") -> bytes:
    """The filled letter as .docx bytes; TemplateError if the template cannot be filled."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment, StrictUndefined, TemplateSyntaxError, UndefinedError

    env = Environment(autoescape=True, undefined=StrictUndefined)
    try:
        doc = DocxTemplate(str(template))
        doc.render(fields, jinja_env=env, autoescape=True)
    except UndefinedError as exc:
        raise TemplateError(
            (f"Mallen {template.name} använder ett fält som intake inte känner till ({exc}). "
             "Kör `intake letters check` på mallen.") if lang == "sv" else
            (f"The template {template.name} uses a field intake does not know ({exc}). "
             "Run `intake letters check` on it.")
        ) from None
    except TemplateSyntaxError:
        raise TemplateError(
            (f"Mallen {template.name} har ett felskrivet fält. Kör `intake letters check` på "
             "mallen.") if lang == "sv" else
            (f"The template {template.name} has a mistyped field. Run `intake letters check` "
             "on it.")
        ) from None
    _highlight_blanks(doc.docx)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
