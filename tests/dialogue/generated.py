"""Generated dialogues of any size, for the loader's linearity test and bench/bench_loader.py.

The shape is the one that made the first loader quadratic: every question but the first is
conditional (the first loader added an edge from each to every later one). Sections of ten
yes/no questions, each asked only after a "yes" to the one before (a section's first question
on a condition that holds in every walk), a section `when` every third section, a repeat group
every fifth and a jump every fourth.
"""

from __future__ import annotations

SECTION = 10  # questions per section


def generate(n: int) -> str:
    """A valid dialogue of `n` questions (n a multiple of ten)."""
    lines = ["id: generated", 'version: "1"', "title: {sv: Genererad, en: Generated}", "sections:"]
    for s in range(n // SECTION):
        lines += [f"  - id: s{s}", f"    title: {{sv: Del {s}, en: Part {s}}}"]
        if s % 3 == 2:
            lines.append(f'    when: {{equals: [q{s - 1}_0, "yes"]}}')
        lines.append("    questions:")
        in_group = s % 5 == 4
        plain = SECTION - 3 if in_group else SECTION
        for i in range(plain):
            qid = f"q{s}_{i}"
            lines += [f"      - id: {qid}", "        kind: tri",
                      f'        text: {{sv: "Fråga {qid}?", en: "Question {qid}?"}}']
            if i > 0:
                lines.append(f'        when: {{equals: [q{s}_{i - 1}, "yes"]}}')
            elif s > 0:  # conditional too, though it holds in every walk: nothing is unconditional
                lines.append(f'        when: {{not: {{equals: [q{s - 1}_0, "unknown"]}}}}')
            if i == 0 and s % 4 == 1 and s + 2 < n // SECTION:
                lines += ["        next:",
                          f'          - {{goto: q{s + 2}_0, when: {{equals: [{qid}, "no"]}}}}']
        if in_group:
            lines += ["    repeat:", f"      id: g{s}", f'      when: {{equals: [q{s}_0, "yes"]}}',
                      "      max: 5", "      questions:"]
            for i in range(plain, SECTION):
                qid = f"q{s}_{i}"
                lines += [f"        - id: {qid}", "          kind: tri",
                          f'          text: {{sv: "Fråga {qid}?", en: "Question {qid}?"}}']
                if i == SECTION - 2:
                    lines.append(f'          when: {{equals: [q{s}_{plain}, "yes"]}}')
    lines += ["summary:", "  title: {sv: Sammanfattning, en: Summary}",
              "  text: {sv: Klart., en: Done.}"]
    return "\n".join(lines) + "\n"
