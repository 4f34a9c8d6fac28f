"""The letters as Word documents, read back with python-docx; templates a municipality edits."""

from __future__ import annotations

import copy
import io
import os
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from intake.core.letters import LetterCase, LetterKind, letter_fields
from intake.exports.letter_docx import render_letter
from intake.exports.letter_templates import (
    TemplateError,
    check_template,
    paragraphs,
    shipped_template,
    template_folder,
    template_for,
)

from .helpers import ASSESSMENT, NAME, PHONE, PNR, REASON, RECORD, TODAY, docx_text, without_consent

CASE = LetterCase(number="2026-0007", today=TODAY, handler="Eva Ek")


def letter(
    kind: LetterKind, record: dict[str, Any] = RECORD, template: Path | None = None
) -> bytes:
    fields = letter_fields(kind, record, ASSESSMENT, CASE)
    return render_letter(template or shipped_template(kind), fields)


@pytest.mark.parametrize("kind", list(LetterKind))
def test_each_letter_reads_back_with_the_facts_and_its_legal_basis(kind: LetterKind) -> None:
    text = docx_text(letter(kind))
    for fact in ("Ärende 2026-0007", "Sekretess enligt OSL 26 kap.", "29 november 2026",
                 NAME, PNR, "Stockholm", "Det var socialtjänsten i Stockholm som föreslog flytten"):
        assert fact in text, fact
    assert "{{" not in text and "{%" not in text
    assert PHONE not in text  # no letter needs the phone number
    basis = {
        LetterKind.OFFICIAL_LETTER: ["Sollefteå kommuns riktlinjer mot social dumpning 2.1",
                                    "2 a kap. 1 § socialtjänstlagen (2001:453)"],
        LetterKind.TRANSFER_REQUEST: ["2 a kap. 10 § socialtjänstlagen (2001:453)",
                                     "Sollefteå kommuns riktlinjer mot social dumpning 2.2"],
        LetterKind.IVO_APPLICATION: ["2 a kap. 11 § socialtjänstlagen (2001:453)",
                                    "Sollefteå kommuns riktlinjer mot social dumpning 2.2"],
    }[kind]
    for citation in basis:
        assert citation in text, citation


def test_the_skrivelse_is_addressed_to_the_district_and_says_the_conduct_is_unacceptable() -> None:
    text = docx_text(letter(LetterKind.OFFICIAL_LETTER))
    assert "Till\nSödermalms stadsdelsnämnd\nStockholm" in text
    assert "inte är acceptabelt" in text


def test_transfer_request_argues_wish_ties_and_interventions() -> None:
    text = docx_text(letter(LetterKind.TRANSFER_REQUEST))
    assert "Personen vill återvända till Stockholm" in text
    assert "Personen bodde i Stockholm i 12 år före flytten." in text
    assert "Personens starkaste anknytning är till Stockholm." in text
    assert "hemtjänst (beslutad av Stockholm)" in text


def test_ivo_application_keeps_the_ampersand_of_the_persons_own_words() -> None:
    text = docx_text(letter(LetterKind.IVO_APPLICATION))
    assert REASON in text  # "Boende & stöd": autoescaped, not lost
    assert "Inspektionen för vård och omsorg (IVO)" in text
    assert "Barn, 7 år" in text


def test_markup_in_a_field_is_text_not_word_xml() -> None:
    record = copy.deepcopy(RECORD)
    record["move"]["reason"] = "</w:t><w:t>injected & <b>bold</b>"
    text = docx_text(letter(LetterKind.IVO_APPLICATION, record))
    assert "</w:t><w:t>injected & <b>bold</b>" in text


def test_without_consent_the_skrivelse_names_nobody() -> None:
    text = docx_text(letter(LetterKind.OFFICIAL_LETTER, without_consent()))
    for detail in (NAME, PNR, PHONE, REASON):
        assert detail not in text
    assert "Personen kom till vår kommun i november 2026." in text
    assert "Sekretess" not in text  # nothing secret in it
    assert "Det var socialtjänsten i Stockholm som föreslog flytten" in text


def test_fields_to_complete_are_highlighted_runs_of_their_own() -> None:
    doc = Document(io.BytesIO(letter(LetterKind.IVO_APPLICATION)))
    marked = [run for p in paragraphs(doc) for run in p.runs if "[FYLL I:" in run.text]
    assert marked
    assert all(run.font.highlight_color == WD_COLOR_INDEX.YELLOW for run in marked)
    assert all(run.text.startswith("[FYLL I:") and run.text.endswith("]") for run in marked)
    line = next(p.text for p in paragraphs(doc) if p.text.startswith("Vårt ärende"))
    assert line == "Vårt ärende: 2026-0007   Diarienummer: [FYLL I: diarienummer]"


# ---- templates the municipality edits ---------------------------------------------------


def _split_tag_like_word(source: Path, target: Path, tag: str) -> None:
    """Save a copy of `source` in which the run holding `tag` is split in three runs with a
    spell-check mark between them, with differing run properties: what Word and LibreOffice
    leave after someone retypes part of a field."""
    doc = Document(str(source))
    for para in paragraphs(doc):
        for run in para.runs:
            if run.text == tag:
                cut = len(tag) // 2
                first, second = copy.deepcopy(run._r), copy.deepcopy(run._r)
                run._r.addprevious(first)
                proof = OxmlElement("w:proofErr")
                proof.set(qn("w:type"), "spellStart")
                run._r.addprevious(proof)
                run._r.addprevious(second)
                first.find(qn("w:t")).text = tag[:cut]
                second.find(qn("w:t")).text = tag[cut:-3]
                rpr = OxmlElement("w:rPr")
                lang = OxmlElement("w:lang")
                lang.set(qn("w:val"), "sv-SE")
                rpr.append(lang)
                second.insert(0, rpr)
                run.text = tag[-3:]
                doc.save(str(target))
                return
    raise AssertionError(f"{tag} not found")


def test_a_tag_split_across_runs_still_renders(tmp_path: Path) -> None:
    edited = tmp_path / "begaran.docx"
    _split_tag_like_word(shipped_template(LetterKind.TRANSFER_REQUEST), edited,
                         "{{ person_name }}")
    raw = Document(str(edited))
    assert not any(r.text == "{{ person_name }}" for p in paragraphs(raw) for r in p.runs)
    report = check_template(edited)
    assert report.ok, report
    assert "person_name" in report.fields
    text = docx_text(letter(LetterKind.TRANSFER_REQUEST, template=edited))
    assert f"ärendet som gäller {NAME}, {PNR}" in text


def _edit(source: Path, target: Path, old: str, new: str) -> None:
    doc = Document(str(source))
    for para in paragraphs(doc):
        if old in para.text:
            text = para.text.replace(old, new)
            for run in para.runs[1:]:
                run._r.getparent().remove(run._r)
            para.runs[0].text = text
            doc.save(str(target))
            return
    raise AssertionError(f"{old} not found")


def test_check_names_an_unknown_field(tmp_path: Path) -> None:
    edited = tmp_path / "skrivelse.docx"
    _edit(shipped_template(LetterKind.OFFICIAL_LETTER), edited, "{{ sender }}",
          "{{ sender }} {{ favourite_colour }}")
    report = check_template(edited)
    assert report.unknown == ["favourite_colour"]
    assert not report.problems and not report.ok
    with pytest.raises(TemplateError, match="favourite_colour"):
        letter(LetterKind.OFFICIAL_LETTER, template=edited)


def test_check_points_to_a_broken_tag_by_its_paragraph(tmp_path: Path) -> None:
    edited = tmp_path / "skrivelse.docx"
    _edit(shipped_template(LetterKind.OFFICIAL_LETTER), edited, "Datum: {{ letter_date }}",
          "Datum: {{ letter_date }")
    report = check_template(edited)
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert 'börjar med {{ slutar inte med }}: "Datum: {{ letter_date }"' in problem
    assert problem.startswith("Stycke ")
    english = check_template(edited, "en").problems[0]
    assert "does not end with }}" in english


def test_check_finds_an_if_without_endif_and_names_where_it_opens(tmp_path: Path) -> None:
    edited = tmp_path / "skrivelse.docx"
    _edit(shipped_template(LetterKind.OFFICIAL_LETTER), edited, "{%p endif %}", "Slut.")
    report = check_template(edited)
    assert len(report.problems) == 1
    assert report.problems[0].endswith(
        '{% if %} avslutas aldrig med {% endif %}: "{%p if identified %}"')
    assert not report.ok


def test_check_finds_a_misspelt_command(tmp_path: Path) -> None:
    edited = tmp_path / "skrivelse.docx"
    _edit(shipped_template(LetterKind.OFFICIAL_LETTER), edited, "{%p endfor %}", "{%p endfro %}")
    (problem,) = check_template(edited).problems
    assert 'okänt kommando "endfro"' in problem


def test_check_refuses_a_file_that_is_not_word(tmp_path: Path) -> None:
    bad = tmp_path / "mall.docx"
    bad.write_text("inte ett dokument", "utf-8")
    report = check_template(bad)
    assert report.problems == ["Filen kan inte läsas som ett Word-dokument (.docx)."]


@pytest.mark.parametrize("kind", list(LetterKind))
def test_the_shipped_templates_pass_their_own_check(kind: LetterKind) -> None:
    report = check_template(shipped_template(kind))
    assert report.ok, report


def test_templates_are_copied_to_the_config_folder_once_and_read_from_there() -> None:
    kind = LetterKind.OFFICIAL_LETTER
    path = template_for(kind)
    assert path.parent == template_folder()
    assert template_folder().is_relative_to(os.environ["XDG_CONFIG_HOME"])  # platformdirs
    assert path.read_bytes() == shipped_template(kind).read_bytes()
    _edit(path, path, "Med vänlig hälsning", "Med vänliga hälsningar & tack")
    assert template_for(kind) == path  # not overwritten by the shipped one
    assert "Med vänliga hälsningar & tack" in docx_text(letter(kind, template=template_for(kind)))


def test_shipped_templates_are_what_the_script_writes(tmp_path: Path) -> None:
    """dialogs/letters/*.docx are made by tools/make_letter_templates.py: the wording is
    reviewed there, so the shipped files must not drift from it."""
    import importlib.util

    script = Path(__file__).resolve().parents[2] / "tools" / "make_letter_templates.py"
    spec = importlib.util.spec_from_file_location("make_letter_templates", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, (title, lines, secrecy) in module.TEMPLATES.items():
        built = tmp_path / f"{name}.docx"
        module.build(title, lines, secrecy).save(str(built))
        assert docx_text(str(built)) == docx_text(str(shipped_template(LetterKind(name))))
