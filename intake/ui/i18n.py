"""The app's own words (buttons, titles, messages) in Swedish and English.

The dialogue's questions come from the engine in the chosen language; this table holds only
the chrome around them, so that plain mode and the Textual screens say the same things.
"""

from __future__ import annotations

from intake.core.lang import LEVEL_LABELS, URGENCY_LABELS
from intake.core.lang import Lang as Lang
from intake.ui.i18n_cases import CASE_STRINGS
from intake.ui.i18n_exports import EXPORT_STRINGS

_STRINGS: dict[str, tuple[str, str]] = {
    # (Swedish, English)
    "app_title": ("Mottagning – nybesök", "Reception – first visits"),
    "start_heading": ("Vad vill du göra?", "What would you like to do?"),
    "new_intake": ("Nybesök", "New visit"),
    "resume": ("Fortsätt ett påbörjat nybesök", "Resume an unfinished visit"),
    "k_new": ("Nybesök", "New visit"),
    "k_resume": ("Fortsätt", "Resume"),
    "k_cases": ("Ärenden", "Cases"),
    "open_cases": ("Öppna ärenden", "Open cases"),
    "help": ("Hjälp", "Help"),
    "quit": ("Avsluta", "Quit"),
    "back": ("Tillbaka", "Back"),
    "skip": ("Hoppa över", "Skip"),
    "send": ("Skicka", "Send"),
    "done": ("Klar", "Done"),
    "continue": ("Fortsätt", "Continue"),
    "language": ("English", "Svenska"),
    "switch_language": ("Byt språk", "Switch language"),
    "switch_theme": ("Byt tema", "Switch theme"),
    "facts": ("Uppgifter", "Facts"),
    "toggle_facts": ("Uppgifter", "Facts"),
    "edit_answer": ("Ändra svar", "Change answer"),
    "opening_db": ("Öppnar databasen …", "Opening the database …"),
    "db_failed": (
        "Databasen kunde inte öppnas (fel-id {error_id}). Kontrollera --db och försök igen.",
        "The database could not be opened (error id {error_id}). Check --db and try again.",
    ),
    "db_newer_schema": (
        "Databasen har skapats av en nyare version av intake. Uppdatera intake på den här "
        "datorn innan du använder databasen.",
        "The database was created by a newer version of intake. Update intake on this computer "
        "before using the database.",
    ),
    "db_busy": (
        "Databasen är upptagen; svaret är inte sparat än. Väntar … (Ctrl+C avbryter)",
        "The database is busy; the answer is not saved yet. Waiting … (Ctrl+C cancels)",
    ),
    "db_busy_screen": (
        "Databasen är upptagen; svaret är inte sparat än. Väntar … (Esc slutar vänta)",
        "The database is busy; the answer is not saved yet. Waiting … (Esc stops waiting)",
    ),
    "save_cancelled": (
        "Sparandet avbröts; svaret är inte sparat.",
        "Saving was cancelled; the answer is not saved.",
    ),
    "cancel_wait": ("Sluta vänta", "Stop waiting"),
    "unsaved_count": (
        "{count} svar är INTE sparade.",
        "{count} answers are NOT saved.",
    ),
    "show_answers": ("Visa svaren för att kopiera dem", "Show the answers to copy them"),
    "leave_unsaved": ("Avsluta utan att spara", "Leave without saving"),
    "unsaved_choices": (
        "1 Försök spara igen   2 Visa svaren för att kopiera dem   3 Avsluta utan att spara",
        "1 Try saving again   2 Show the answers to copy them   3 Leave without saving",
    ),
    "unsaved_copy": (
        "Svaren i det här besöket (kopiera dem innan du avslutar):",
        "The answers in this visit (copy them before you leave):",
    ),
    "left_unsaved": (
        "Avslutat. Svaren ovan är INTE sparade; skriv in dem igen nästa gång.",
        "Ended. The answers above are NOT saved; enter them again next time.",
    ),
    "summary_stays": (
        "Bedömningen visas inte. Skriv /tillbaka för att ändra ett svar eller /avsluta för att "
        "fortsätta senare.",
        "The assessment is not shown. Type /back to change an answer or /quit to continue later.",
    ),
    "confirm_or_back": (
        "Skriv 0 för att skapa ärendet, ett nummer för att ändra nivån, eller /tillbaka.",
        "Type 0 to create the case, a number to change the level, or /back.",
    ),
    "signed_in_as": ("Inloggad: {name} ({role})", "Signed in: {name} ({role})"),
    "receiving_is": ("Mottagande kommun: {name}", "Receiving municipality: {name}"),
    "receiving_default": (
        "– förval; ange er kommun med INTAKE_RECEIVING_MUNICIPALITY eller i config.json",
        "– the default; set yours with INTAKE_RECEIVING_MUNICIPALITY or in config.json",
    ),
    "no_drafts": ("Inga påbörjade nybesök.", "No unfinished visits."),
    "pick_number": (
        "Skriv ett nummer från 1 till {count}.",
        "Type a number from 1 to {count}.",
    ),
    "draft_row": (
        "Påbörjat {created}, senast {updated} – {count} svar",
        "Started {created}, last {updated} – {count} answers",
    ),
    "resume_title": ("Påbörjade nybesök", "Unfinished visits"),
    "draft_outdated": (
        "Utkastet gjordes med en annan version av samtalet och kan inte återupptas här.",
        "The draft was made with another version of the conversation and cannot be resumed here.",
    ),
    # login
    "login_title": ("Vem arbetar?", "Who is working?"),
    "login_intro": (
        "Första gången: ange ditt användarnamn, namn och roll.",
        "First time: enter your username, name and role.",
    ),
    "username": ("Användarnamn", "Username"),
    "display_name": ("Namn", "Name"),
    "role": ("Roll", "Role"),
    "role_reception": ("Mottagning", "Reception"),
    "role_social_worker": ("Socialsekreterare", "Social worker"),
    "role_admin": ("Administratör", "Administrator"),
    "sign_in": ("Börja", "Start"),
    "username_required": (
        "Användarnamn: bokstäver, siffror, punkt eller bindestreck (2–64 tecken).",
        "Username: letters, digits, dot or hyphen (2–64 characters).",
    ),
    # conversation
    "section_progress": (
        "Avsnitt {index} av {count}: {title}",
        "Section {index} of {count}: {title}",
    ),
    "skipped": ("(hoppade över)", "(skipped)"),
    "saving": ("Sparar …", "Saving …"),
    "save_failed": (
        "Svaret kunde inte sparas (fel-id {error_id}). Inget är förlorat: försök igen.",
        "The answer could not be saved (error id {error_id}). Nothing is lost: try again.",
    ),
    "retry_save": ("Försök spara igen", "Try saving again"),
    "did_you_mean": ("Menade du:", "Did you mean:"),
    "type_answer": ("Skriv ditt svar och tryck Enter", "Type your answer and press Enter"),
    "type_date": ("Datum, t.ex. 2026-03-14 eller 14/3", "Date, e.g. 2026-03-14 or 14/3"),
    "type_municipality": ("Kommun (namn eller kod)", "Municipality (name or code)"),
    "type_number": ("Ett tal", "A number"),
    "type_personal_id": ("ÅÅÅÅMMDD-NNNN", "YYYYMMDD-NNNN"),
    "longtext_hint": ("Ctrl+S skickar; Enter ger ny rad", "Ctrl+S sends; Enter adds a line"),
    "multi_hint": (
        "Mellanslag eller siffra kryssar i; Enter eller Ctrl+S skickar (inget ikryssat: inga)",
        "Space or a digit ticks; Enter or Ctrl+S sends (nothing ticked: none)",
    ),
    "to_assessment": ("Visa bedömningen", "Show the assessment"),
    "summary_intro": ("Kontrollera uppgifterna en sista gång:", "Check the facts one last time:"),
    "cannot_go_back": ("Det finns inget tidigare svar.", "There is no earlier answer."),
    "theme_not_saved": (
        "Temat kunde inte sparas till nästa start (inställningsfilen går inte att skriva).",
        "The theme could not be kept for the next start (the settings file cannot be written).",
    ),
    "edit_hint": (
        "Välj svaret att ändra: ↑/↓ flyttar, Enter ändrar, Esc avbryter (eller klicka på svaret).",
        "Choose the answer to change: ↑/↓ move, Enter changes it, Esc cancels (or click it).",
    ),
    # assessment
    "assessment_title": ("Bedömning", "Assessment"),
    "urgency": ("Brådska", "Urgency"),
    "indicators": ("Tecken", "Signs"),
    "counter_indicators": ("Talar emot", "Speaks against"),
    "next_steps": ("Nästa steg", "Next steps"),
    "k_scroll": ("Bläddra", "Scroll"),
    "overview": (
        "{signs} tecken, {counter} talar emot, {questions} öppna frågor, {steps} nästa steg "
        "(PgUp/PgDn bläddrar)",
        "{signs} signs, {counter} against, {questions} open questions, {steps} next steps "
        "(PgUp/PgDn scroll)",
    ),
    "confirm_with_button": (
        "Kontrollera nivå och motivering; tryck sedan Skapa ärende (Enter) för att skapa ärendet.",
        "Check the level and the reason; then press Create case (Enter) to create the case.",
    ),
    "no_items": ("Inga.", "None."),
    "rule": ("Regel", "Rule"),
    "due": ("senast {date}", "by {date}"),
    "no_due": ("inget datum", "no date"),
    "override_level": ("Ändra nivå (kräver motivering)", "Override level (needs a reason)"),
    "keep_level": ("Behåll bedömd nivå", "Keep the assessed level"),
    "override_reason": ("Motivering till ändrad nivå", "Reason for the changed level"),
    "reason_required": (
        "En ändrad nivå kräver en skriven motivering.",
        "An overridden level needs a written reason.",
    ),
    "confirm_case": ("Skapa ärende", "Create case"),
    "creating_case": ("Skapar ärende …", "Creating case …"),
    "case_created": ("Ärende {number} är skapat.", "Case {number} has been created."),
    "case_failed": (
        "Ärendet kunde inte skapas (fel-id {error_id}). Utkastet finns kvar.",
        "The case could not be created (error id {error_id}). The draft is kept.",
    ),
    "back_to_conversation": ("Tillbaka till samtalet", "Back to the conversation"),
    "to_start": ("Till startsidan", "To the start screen"),
    # cases
    "cases_title": ("Ärenden", "Cases"),
    "no_cases": ("Inga ärenden att visa.", "No cases to show."),
    "case_heading": ("Ärende {number}", "Case {number}"),
    "tasks": ("Uppgifter att göra", "Tasks"),
    "not_allowed": ("Du har inte behörighet till detta.", "You are not allowed to see this."),
    # errors
    "unexpected_error": (
        "Ett oväntat fel inträffade (fel-id {error_id}). Utkastet är sparat; starta intake igen "
        "för att fortsätta.",
        "An unexpected error occurred (error id {error_id}). The draft is saved; start intake "
        "again to continue.",
    ),
    "resume_later": (
        "Avbrutet. Svaren är sparade; välj ”Fortsätt” nästa gång.",
        "Interrupted. The answers are saved; choose “Resume” next time.",
    ),
    # help
    "help_title": ("Hjälp och tangenter", "Help and keys"),
    "help_intro": (
        "Nybesök vid mottagningen: frågorna kommer till vänster, dina svar till höger. Varje svar "
        "sparas direkt; ett avbrutet nybesök kan fortsättas från startsidan.",
        "A first visit at reception: questions appear on the left, your answers on the right. "
        "Every answer is saved at once; an interrupted visit can be resumed from the start "
        "screen.",
    ),
    "close": ("Stäng", "Close"),
    "ctrl_c_unsaved": (
        "Avsluta med Ctrl+Q. Obs: alla svar är inte sparade.",
        "Quit with Ctrl+Q. Note: not every answer is saved.",
    ),
    "ctrl_c": (
        "Avsluta med Ctrl+Q. Alla svar är redan sparade.",
        "Quit with Ctrl+Q. Every answer is already saved.",
    ),
}

# What each key does, for F1 help: (key, Swedish, English).
KEY_HELP: tuple[tuple[str, str, str], ...] = (
    ("F1", "denna hjälp", "this help"),
    ("Enter", "skicka svaret / välj", "send the answer / choose"),
    ("1–9", "välj alternativ med siffra", "choose an option by number"),
    ("Esc", "tillbaka en fråga", "back one question"),
    ("F2", "hoppa över frågan", "skip the question"),
    (
        "F3",
        "ändra ett tidigare svar (välj i samtalet, Enter)",
        "change an earlier answer (select in the chat, Enter)",
    ),
    ("F4", "byt språk svenska/engelska", "switch language Swedish/English"),
    ("F6", "visa/dölj uppgiftspanelen", "show/hide the facts panel"),
    ("Ctrl+S", "skicka flerval och längre text", "send a multi-select or longer text"),
    ("Tab / Shift+Tab", "flytta mellan fält", "move between fields"),
    (
        "Ctrl+P",
        "kommandopaletten (nybesök, fortsätt, ärende, språk, tema)",
        "command palette (new visit, resume, case, language, theme)",
    ),
    ("Ctrl+Q", "avsluta (allt är sparat)", "quit (everything is saved)"),
)


_STRINGS.update(CASE_STRINGS)
_STRINGS.update(EXPORT_STRINGS)
# The level and urgency names are the core's (intake.core.lang), defined once for every screen.
_STRINGS.update({f"level_{k}": v for k, v in LEVEL_LABELS.items()})
_STRINGS.update({f"urgency_{k}": v for k, v in URGENCY_LABELS.items()})


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` (English for anything but Swedish), formatted."""
    sv, en = _STRINGS[key]
    text = sv if lang == "sv" else en
    return text.format(**values) if values else text


def other_language(lang: str) -> Lang:
    return "en" if lang == "sv" else "sv"
