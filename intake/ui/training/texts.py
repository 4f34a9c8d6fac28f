"""The training screens' texts, in Swedish and English: one line per text, so a translator
reads each pair side by side (hence no line-length limit here)."""
# ruff: noqa: E501

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "banner": (
        "TRÄNING · påhittade personer · inget sparas i ärendedatabasen",
        "TRAINING · fictitious persons · nothing is stored in the case database",
    ),
    "banner_exam": (
        "TRÄNING · PROV · påhittade personer · inget sparas i ärendedatabasen",
        "TRAINING · EXAM · fictitious persons · nothing is stored in the case database",
    ),
    "training": ("Träning", "Training"),
    "training_help": (
        "Öva mottagningssamtal med påhittade besökare", "Practise reception visits with fictitious visitors"
    ),
    "trainee": ("Den som övar", "Trainee"),
    "exam_mode": ("Provläge (ingen återgång, inga tips, poäng)", "Exam mode (no going back, no hints, scored)"),
    "pick": ("Välj ett scenario och tryck Enter.", "Choose a scenario and press Enter."),
    "easy": ("lätt", "easy"),
    "medium": ("medel", "medium"),
    "hard": ("svår", "hard"),
    "progress": ("Resultat per deltagare", "Progress per trainee"),
    "no_progress": ("Inga försök ännu.", "No attempts yet."),
    "summary_line": (
        "{trainee}: {attempts} försök, {scenarios} scenarier, senast {last} poäng, bästa prov {best}",
        "{trainee}: {attempts} attempts, {scenarios} scenarios, last {last} points, best exam {best}",
    ),
    "attempt_line": (
        "{at}  {scenario}  {mode}  {score} poäng, {mistakes} fel",
        "{at}  {scenario}  {mode}  {score} points, {mistakes} mistakes",
    ),
    "practice": ("övning", "practice"),
    "exam": ("prov", "exam"),
    "visitor_says": ("Besökaren: »{text}«", "Visitor: “{text}”"),
    "visitor_via": ("Besökaren (via tolk, {language}): »{text}«", "Visitor (through an interpreter, {language}): “{text}”"),
    "back_locked": ("Provläge: du kan inte gå tillbaka.", "Exam mode: you cannot go back."),
    "cannot_go_back": ("Det finns inget tidigare svar att gå tillbaka till.", "There is no earlier answer to go back to."),
    "skipped": ("(hoppade över)", "(skipped)"),
    "summary_intro": ("Sammanfattning av det du har registrerat:", "Summary of what you recorded:"),
    "decide_title": ("Ditt beslut", "Your decision"),
    "level": ("Nivå", "Level"),
    "steps": ("Åtgärder (mellanslag väljer)", "Steps (space selects)"),
    "suggested": (
        "Tips: förvalt är vad reglerna föreslår utifrån det du registrerade. Pröva det själv.",
        "Hint: preselected is what the rules suggest from what you recorded. Judge it yourself.",
    ),
    "submit": ("Lämna in", "Submit"),
    "level_strong": ("Misstänkt social dumpning", "Suspected social dumping"),
    "level_possible": ("Tecken som bör undersökas närmare", "Signs to look into"),
    "level_none": ("Inga tecken", "No signs"),
    "level_not_applicable": ("Inte tillämpligt (ingen flytt mellan kommuner)", "Not applicable (no move between municipalities)"),
    "debrief_title": ("Genomgång: {title}", "Debrief: {title}"),
    "score": ("Poäng: {score} av 100", "Score: {score} of 100"),
    "mistakes": ("Att lära av", "To learn from"),
    "right": ("Rätt", "Right"),
    "expected_given": ("väntat: {expected} · ditt: {given}", "expected: {expected} · yours: {given}"),
    "rule": ("Regel: {rule}", "Rule: {rule}"),
    "print": ("Skriv ut resultat", "Print the result"),
    "printed": ("Resultatet är sparat för utskrift: {path}", "The result is saved for printing: {path}"),
    "print_failed": ("Resultatet kunde inte sparas: {error}", "The result could not be saved: {error}"),
    "to_scenarios": ("Till scenarierna", "To the scenarios"),
    "k_back": ("Tillbaka", "Back"),
    "k_skip": ("Hoppa över", "Skip"),
    "k_leave": ("Avbryt övningen", "Leave the exercise"),
    "k_send": ("Skicka", "Send"),
    "k_start": ("Starta", "Start"),
    "k_exam": ("Provläge", "Exam mode"),
    "to_scenarios_key": ("Scenarierna", "Scenarios"),
    "no_scenarios": ("Scenarierna kunde inte läsas: {error}", "The scenarios could not be read: {error}"),
    "background": ("Bakgrund (för tränaren)", "Background (for the trainer)"),
}


def tr(key: str, lang: str, **values: object) -> str:
    sv, en = TEXTS[key]
    text = en if lang == "en" else sv
    return text.format(**values) if values else text
