"""The words of exporting a case and its letters from the case screen (issue 16), in Swedish
and English; merged into `intake.ui.i18n`'s table like the case screen's own words."""

from __future__ import annotations

EXPORT_STRINGS: dict[str, tuple[str, str]] = {
    # (Swedish, English)
    "k_export": ("Exportera", "Export"),
    "k_letter_sent": ("Brev skickat", "Letter sent"),
    "export_title": ("Exportera ärendet", "Export the case"),
    "export_pdf": ("Sammanfattning som PDF (för utskrift och arkiv)",
                   "Summary as PDF (for printing and the archive)"),
    "export_json": ("Hela ärendet som JSON (intake-case/1)",
                    "The whole case as JSON (intake-case/1)"),
    "export_where": ("Var ska filen sparas?", "Where should the file be saved?"),
    "folder_label": ("Mapp", "Folder"),
    "no_such_folder": ("Mappen {folder} finns inte.", "The folder {folder} does not exist."),
    "cannot_write": ("Filen kunde inte sparas i {folder}.",
                     "The file could not be saved in {folder}."),
    "exported": ("Sparade {path}", "Saved {path}"),
    "reply_title": ("Vad svarade ursprungskommunen på begäran?",
                    "What did the origin municipality answer to the request?"),
    "reply_refused": ("Den avslog begäran", "It refused the request"),
    "reply_no_answer": ("Inget skriftligt svar inom en månad", "No written answer within a month"),
    "reply_unknown": ("Fylls i i brevet", "To be completed in the letter"),
    "sent_title": ("Vilket brev skickades?", "Which letter was sent?"),
    "sent_on_title": ("{title}: skickat", "{title}: sent"),
    "no_unsent_letters": ("Det finns inget brev som inte redan är skickat.",
                          "There is no letter that has not been sent already."),
}
