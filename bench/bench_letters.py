"""Time to make one letter (.docx) and one case summary (PDF), each beside a reference measured
in the same run, so the figures say what the work costs over its unavoidable floor.

  letter       letter_fields + docxtpl render with autoescape + highlighting, bytes out
  reference    python-docx: open the same template and save it unchanged (the floor of any
               fill: unzip, parse, serialise, zip)
  pdf          case_pdf: a visit of 40 answers, 14 steps, 5 notes, 3 letters, 10 history lines
  reference    fpdf2: one page of one line in the same embedded TTF (the floor: font parsing,
               subsetting, PDF/A metadata)

Targets: a letter <= 200 ms, the PDF <= 500 ms (median). The first call of each is reported
apart (imports and font loading). Usage: python bench/bench_letters.py [RUNS]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import platform
import statistics
import time
from collections.abc import Callable

from docx import Document
from fpdf import FPDF

from intake.core.letters import LetterCase, LetterKind, letter_fields
from intake.exports.case_data import CaseDocument, HistoryLine, LetterLine, NoteLine, TaskLine
from intake.exports.case_pdf import _fonts, case_pdf
from intake.exports.letter_docx import render_letter
from intake.exports.letter_templates import shipped_template

AT = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
RECORD = {
    "schema": "intake-record/1", "receiving_municipality": "2283", "visit_date": "2026-11-23",
    "person": {"name": "Anna Andersson", "personal_id": "19811218-9876"},
    "origin_municipality": "0180", "origin_district": "Södermalms stadsdelsnämnd",
    "arrival_date": "2026-11-02",
    "interventions": [{"type": "home_care", "status": "ongoing", "municipality": "0180"}],
    "move": {"initiated_by": "origin_municipality", "tenancy_terminated_by_origin": "yes",
             "wants_to_return": "yes", "reason": "Boende & stöd upphörde."},
    "children": [{"age": 7}, {"age": 11}],
    "consent": {"contact_origin": "yes"},
    "ties": {"years_in_origin": 12, "network_in_origin": "yes"},
}
ASSESSMENT = {
    "level": "strong", "score": 6, "urgency": "soon",
    "indicators": [{"code": "origin_proposed_move", "weight": 3, "explanation": "x",
                    "source": "Sollefteå riktlinjer 1.1.1"},
                   {"code": "tenancy_terminated_by_origin", "weight": 3, "explanation": "x",
                    "source": "Sollefteå riktlinjer 1.1.1"}],
    "counter_indicators": [],
    "open_questions": [{"question": "Betalade Stockholm flytten?", "could_raise_to": "strong"}],
}


def _case() -> CaseDocument:
    return CaseDocument(
        number="2026-0007", kind="intake", status="assigned", created_at=AT,
        created_by="reception1", assignee="sw1", level="strong", level_override=None,
        override_reason="", urgency="soon", record=RECORD, assessment=ASSESSMENT,
        tasks=[TaskLine(f"step_{i}", f"Åtgärd nummer {i} – med en titel av vanlig längd",
                        dt.date(2026, 11, 24), "Grund: Sollefteå riktlinjer 2.1 – "
                        "motsvarande bestämmelse i SoL (2025:400)") for i in range(14)],
        notes=[NoteLine(AT, "sw1", "Ringde ursprungskommunen – ingen svarade. " * 4)] * 5,
        transcript=[(f"Fråga {i}: vad hände före flytten?", "Ett svar på en rad eller två. " * 3)
                    for i in range(40)],
        letters=[LetterLine("official_letter", 1, AT, "sw1", dt.date(2026, 11, 24))] * 3,
        history=[HistoryLine(AT, "sw1", "ändrade ärendet")] * 10,
    )


def _letter() -> bytes:
    case = LetterCase(number="2026-0007", today=dt.date(2026, 11, 29), handler="Eva Ek")
    fields = letter_fields(LetterKind.TRANSFER_REQUEST, RECORD, ASSESSMENT, case)
    return render_letter(shipped_template(LetterKind.TRANSFER_REQUEST), fields)


def _docx_floor() -> bytes:
    out = io.BytesIO()
    Document(str(shipped_template(LetterKind.TRANSFER_REQUEST))).save(out)
    return out.getvalue()


def _pdf_floor() -> bytes:
    pdf = FPDF(enforce_compliance="PDFA_2B")
    pdf.add_font("DejaVu", "", _fonts()[0])
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    pdf.cell(0, 6, "Ärende 2026-0007 – Sekretess enligt OSL 26 kap.")
    return bytes(pdf.output())


def _time(fn: Callable[[], bytes], runs: int) -> tuple[float, float, float, float]:
    """First call, then median and p95 wall time and median CPU time of `runs` calls (ms).
    CPU time is reported because the machine is shared: wall time includes waiting."""
    start = time.perf_counter()
    fn()
    first = (time.perf_counter() - start) * 1000
    laps, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        laps.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    laps.sort()
    return first, statistics.median(laps), laps[int(0.95 * (len(laps) - 1))], statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=30)
    runs = parser.parse_args().runs
    print(f"{platform.python_implementation()} {platform.python_version()}, {runs} runs each")
    print(f"{'':24} {'first ms':>9} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>8}")
    for name, fn in (("letter (.docx)", _letter), ("  reference: open+save", _docx_floor),
                     ("case summary (PDF)", lambda: case_pdf(_case())),
                     ("  reference: 1-line PDF", _pdf_floor)):
        first, median, p95, cpu = _time(fn, runs)
        print(f"{name:24} {first:9.1f} {median:10.1f} {p95:8.1f} {cpu:8.1f}")
    pages = len(__import__("pypdf").PdfReader(io.BytesIO(case_pdf(_case()))).pages)
    print(f"(the case summary has {pages} pages)")


if __name__ == "__main__":
    main()
