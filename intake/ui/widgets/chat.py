"""The conversation as a chat: questions on the left, answers on the right.

One widget draws the whole transcript line by line (Textual's line API, as its `Log` does):
each message is wrapped and styled once per width, and a frame only copies the lines in
view. With a widget per message, Textual arranged and repainted every bubble on every
answer, so each answer took longer than the one before (bench_ui's "late in a visit"
answer); here the cost of an answer does not depend on how long the visit has been.

Everything is shown as `Content` built from plain strings, never parsed as markup: a typed
`[@click=app.quit]` stays text, and `[/]` cannot crash the screen.

F3 (`enter_selection`) makes the chat focusable and marks the latest answer; the arrow keys
move between answers and Enter (or a click on an answer) asks to change it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding, BindingType
from textual.color import BLACK, WHITE
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from intake.core.dialogue.api import Fact, QuestionKind, QuestionView, TranscriptLine
from intake.ui.common import shorten

# A pasted page of text is stored whole but shown shortened, so the chat stays responsive.
SHOWN_MAX = 2_000

Kind = Literal["question", "answer", "validation", "error", "summary"]
BUBBLE_KINDS = ("question", "answer", "validation", "error")
# The edges of a bubble are Textual's "tall" border: a thin bar drawn with block characters.
LEFT_EDGE, RIGHT_EDGE = "▊", "▎"


@dataclass(frozen=True)
class ChatMessage:
    kind: Kind
    content: Content
    question_id: str = ""
    skipped: bool = False

    @property
    def text(self) -> str:
        """What the message shows, as plain text."""
        return self.content.plain


def widget_hint(question: QuestionView) -> str:
    """The question's hint as this screen shows it. A multi-select's hint in the dialogue file
    tells how to type the choices (plain mode); here a list is ticked, and the input below
    says how, so the typed-input hint would only mislead."""
    return "" if question.kind is QuestionKind.MULTI else question.hint


def question_message(question_id: str, text: str, hint: str = "") -> ChatMessage:
    body = Content.assemble((text, "bold"))
    if hint:
        body = Content.assemble(body, "\n", (hint, "italic"))
    return ChatMessage("question", body, question_id)


def summary_message(intro: str, facts: Iterable[Fact]) -> ChatMessage:
    parts: list[Content | str | tuple[str, str]] = [(intro, "bold")]
    section = None
    for fact in facts:
        if fact.section_title != section:
            section = fact.section_title
            parts.extend(["\n", (section, "bold underline")])
        parts.extend(["\n", f"{fact.label}: ", (shorten(fact.value, SHOWN_MAX), "bold")])
    return ChatMessage("summary", Content.assemble(*parts))


class ChatLog(ScrollView, can_focus=False):
    """The transcript; stays scrolled to the newest message unless the user scrolls up."""

    # Each bubble's kind has a style and an edge (`chat--answer`, `chat--answer-edge`; a
    # summary is drawn as a question); an answer may be skipped or selected on top.
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"chat--{kind}{part}" for kind in BUBBLE_KINDS for part in ("", "-edge")),
        "chat--answer-selected",
        "chat--skipped",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("enter", "choose", "Ändra", show=False),
    ]
    # Bubbles are at most this share of the chat's width (the summary takes all of it).
    MAX_SHARE = 0.8

    class AnswerSelected(Message):
        """An earlier answer was chosen (Enter after F3, or a click) to be changed."""

        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.messages: list[ChatMessage] = []
        self._selected: int | None = None  # index in `messages` of the marked answer
        self._read_from: int | None = None  # a message to keep at the top (the summary)
        # Rendered lines for `_width`: one block per message (a blank line, then the bubble)
        # and where each block starts in the whole transcript.
        self._width = 0
        self._blocks: list[list[Strip]] = []
        self._starts: list[int] = []
        self._line_count = 0
        self._stale = False

    def on_mount(self) -> None:
        self.anchor()

    # -- adding --------------------------------------------------------------------------------
    def add_question(self, question: QuestionView) -> None:
        self._append(question_message(question.id, question.text, widget_hint(question)))

    def add_answer(self, question_id: str, text: str, *, skipped: bool = False) -> None:
        shown = Content(shorten(text, SHOWN_MAX))
        self._append(ChatMessage("answer", shown, question_id, skipped))

    def add_note(self, text: str, kind: Literal["validation", "error"] = "validation") -> None:
        self._append(ChatMessage(kind, Content(shorten(text, SHOWN_MAX))))

    def add_summary(self, intro: str, facts: Iterable[Fact]) -> None:
        """The summary goes last, shown from its first line: it is read from the top."""
        self._append(summary_message(intro, facts))
        self._read_from = len(self.messages) - 1
        self.release_anchor()
        self._scroll_to_reading()

    def show_transcript(
        self, lines: Iterable[tuple[TranscriptLine, str]], current: QuestionView | None
    ) -> None:
        """Replace everything by the transcript on the current path (after back, edit, language).

        `lines` pairs each transcript line with the answer text to show ("" for none)."""
        messages: list[ChatMessage] = []
        for line, shown in lines:
            messages.append(question_message(line.question_id, line.question))
            if shown:
                content = Content(shorten(shown, SHOWN_MAX))
                messages.append(ChatMessage("answer", content, line.question_id, line.skipped))
        if current is not None:
            messages.append(question_message(current.id, current.text, widget_hint(current)))
        self.messages = messages
        self._selected = None
        self._read_from = None
        self._render_all()
        self.anchor()

    def _append(self, message: ChatMessage) -> None:
        self.messages.append(message)
        if self._width:
            self._add_block(self._render_message(len(self.messages) - 1))
            self._sized()

    # -- choosing an earlier answer -------------------------------------------------------------
    @property
    def selecting(self) -> bool:
        return self._selected is not None

    @property
    def selected_question_id(self) -> str | None:
        if self._selected is None:
            return None
        return self.messages[self._selected].question_id

    def _answers(self) -> list[int]:
        return [i for i, m in enumerate(self.messages) if m.kind == "answer"]

    def enter_selection(self) -> bool:
        """F3: mark the latest answer and take the keys. False if there is no answer yet."""
        answers = self._answers()
        if not answers:
            return False
        self.can_focus = True
        self._select(answers[-1])
        self.focus()
        return True

    def leave_selection(self) -> None:
        self.can_focus = False
        self._select(None)

    def action_move(self, step: int) -> None:
        answers = self._answers()
        if self._selected is None or not answers:
            return
        position = answers.index(self._selected) + step
        self._select(answers[max(0, min(position, len(answers) - 1))])

    def action_choose(self) -> None:
        if self._selected is not None:
            self.post_message(self.AnswerSelected(self.messages[self._selected].question_id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._starts:
            return
        line = offset.y + round(self.scroll_y) - self._top_gap
        if not 0 <= line < self._line_count:
            return
        index = bisect_right(self._starts, line) - 1
        if 0 <= index < len(self.messages) and self.messages[index].kind == "answer":
            event.stop()
            self.post_message(self.AnswerSelected(self.messages[index].question_id))

    def _select(self, index: int | None) -> None:
        previous, self._selected = self._selected, index
        for changed in (previous, index):
            if changed is not None and self._width and changed < len(self._blocks):
                self._blocks[changed] = self._render_message(changed)
        if index is not None and self._width:
            start = self._starts[index] + self._top_gap
            self.release_anchor()
            region = Region(0, start, self._width, len(self._blocks[index]))
            self.scroll_to_region(region, animate=False, immediate=True)
        self.refresh()

    # -- rendering -----------------------------------------------------------------------------
    @property
    def _content_width(self) -> int:
        return self.scrollable_content_region.width

    def on_resize(self, event: events.Resize) -> None:
        if self._content_width != self._width:
            self._render_all()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # A theme or a class changed: the colours are in the drawn lines. Redraw them at the
        # next frame, when the component classes' styles have been updated too.
        self._stale = True
        self.refresh()

    def _render_all(self) -> None:
        self._stale = False
        self._width = self._content_width
        self._blocks, self._starts, self._line_count = [], [], 0
        if self._width:
            for index in range(len(self.messages)):
                self._add_block(self._render_message(index))
        self._sized()

    @property
    def _top_gap(self) -> int:
        """Blank lines above the first message: a short chat sits at the bottom, by the input."""
        return max(0, self.scrollable_content_region.height - self._line_count)

    def _add_block(self, block: list[Strip]) -> None:
        self._starts.append(self._line_count)
        self._blocks.append(block)
        self._line_count += len(block)

    def _sized(self) -> None:
        self.virtual_size = Size(self._width, self._line_count)
        self._scroll_to_reading()
        self.refresh()

    def _scroll_to_reading(self) -> None:
        index = self._read_from
        if index is not None and index < len(self._starts):
            self.scroll_to(y=self._starts[index] + self._top_gap, animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        if self._stale or self._content_width != self._width:
            self._render_all()  # resized, or new colours
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y - self._top_gap
        width = self._width
        base = self.rich_style
        if not 0 <= line < self._line_count:
            return Strip.blank(width, base)
        index = bisect_right(self._starts, line) - 1
        strip = self._blocks[index][line - self._starts[index]]
        if scroll_x == 0 and strip.cell_length == width:
            # Drawn at this width already. A copy, so that what Textual derives from it (the
            # app's colour filter, crops) is cached on the copy and goes with the frame instead
            # of staying with every line of the transcript.
            return Strip(strip, width)
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _render_message(self, index: int) -> list[Strip]:
        """A blank line, then the message as a bubble, each line `self._width` cells wide."""
        message = self.messages[index]
        width = self._width
        base = self.get_visual_style()
        kind = message.kind
        name = {"summary": "question"}.get(kind, kind)
        style = self.get_visual_style(f"chat--{name}")
        edge = self.get_visual_style(f"chat--{name}-edge").foreground or WHITE
        if kind == "answer":
            if message.skipped:
                style = style + self.get_visual_style("chat--skipped", partial=True)
            if index == self._selected:
                style = style + self.get_visual_style("chat--answer-selected", partial=True)
        share = 1.0 if kind == "summary" else self.MAX_SHARE
        inner = max(1, int(width * share) - 3)  # room for the edge and a cell of padding each side
        lines = message.content.wrap(inner)
        text_width = min(inner, max((line.cell_length for line in lines), default=0))
        bubble = text_width + 3
        background = (base.background or BLACK).rich_color
        fill = RichStyle.from_color(bgcolor=background)
        bubble_rich = style.rich_style
        if kind == "answer":
            edge_segment = Segment(RIGHT_EDGE, RichStyle.from_color(edge.rich_color, background))
        else:
            edge_segment = Segment(LEFT_EDGE, RichStyle.from_color(background, edge.rich_color))
        block = [Strip.blank(width, fill)]
        for line in lines:
            padding = text_width - line.cell_length
            body = [
                Segment(" ", bubble_rich),
                *line.render_segments(style),
                Segment(" " * (padding + 1), bubble_rich),
            ]
            outside = Segment(" " * max(0, width - bubble), fill)
            if kind == "answer":
                segments = [outside, *body, edge_segment]
            else:
                segments = [edge_segment, *body, outside]
            block.append(Strip(segments).crop_extend(0, width, fill))
        return block

    # -- for tests and the screen -----------------------------------------------------------------
    def last(self, kind: Kind) -> ChatMessage | None:
        return next((m for m in reversed(self.messages) if m.kind == kind), None)

    def of_kind(self, kind: Kind) -> Sequence[ChatMessage]:
        return [m for m in self.messages if m.kind == kind]

    def drawn_lines(self, message: ChatMessage) -> Sequence[Strip]:
        """The lines drawn for `message` (a blank line, then its bubble), as styled strips."""
        index = next(i for i, m in enumerate(self.messages) if m is message)
        return tuple(self._blocks[index]) if index < len(self._blocks) else ()

    def drawn_text(self, message: ChatMessage) -> str:
        """The lines drawn for `message`, as text (its bubble's lines, trimmed, one per line)."""
        block = self.drawn_lines(message)
        return "\n".join(strip.text.strip(" " + LEFT_EDGE + RIGHT_EDGE) for strip in block[1:])

