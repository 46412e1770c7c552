"""What every kiosk service has in common: steps moved by keys (or clicks), a list chosen from with
Up/Down, a form (key_form.KeyForm) with its review, and the live status of what was stored in the
outbox. complaint_flow.py and booking_flow.py are built from these pieces.

Pure logic. Input comes in three forms, all ending in the same code:
- press(key): a named key (up, down, left, right, home, end, tab, enter, escape, backspace, delete...);
- type(text): typed characters, a syllable committed by the input method included;
- click(target): a line of the screen clicked or touched (a Target: Pick, FocusField, PickChoice), and
  the step's buttons(), each of which simply presses its key;
- keyboard_press(key): a key of the on-screen keyboard (onscreen_keyboard.py), for a mouse, a touch
  screen or a VR pointer: Hangul is composed there, and what it types goes into the form as typed text.
What is drawn is screen(): [Line], each with a style (None, FOCUS, PROBLEM, DIM), its text, what a click
on it does and, on the focused text field, where the caret is. press() and click() may return an
effect (kiosk_effects.py), work for the panel (world/kiosk_session.py), which reports back by calling
the flow's loaded_* methods, submitted(), item_changed() or failed().

    flow = ComplaintFlow("민원 신청", place, strings)
    flow.loaded_services(services)          # the panel fetched them
    effect = flow.click(Pick(2))            # the third kind: LoadForm(services[2])
"""

from dataclasses import dataclass
from typing import Callable, NamedTuple

from .clock import Clock, system_clock
from .key_form import MULTI
from .kiosk_effects import SHOW_HOME, Submit
from .onscreen_keyboard import Backspace, Insert, KeyPress, OnscreenKeyboard

FORM, REVIEW, SUBMITTING, STATUS = "form", "review", "submitting", "status"
FOCUS, PROBLEM, DIM = "focus", "problem", "dim"  # line styles; the panel gives them colours
MARKS = "▶▷●○■□※…—–·"  # drawn by the flows besides the UI strings: the font must have them
TEXT_WINDOW = 600  # characters of a long text shown around the caret while typing
REASON_MAX = 160


# --- what a click on a line does ---------------------------------------------------------------
@dataclass(frozen=True)
class Pick:
    """Entry `index` of the step's list: chosen, as if moved to and Enter pressed."""

    index: int


@dataclass(frozen=True)
class FocusField:
    """Field `index` of the form gets the focus."""

    index: int


@dataclass(frozen=True)
class PickChoice:
    """Choice `choice` of the list field `field`: chosen (or ticked / unticked)."""

    field: int
    choice: int


class Line(NamedTuple):
    style: str | None
    text: str
    target: object = None  # Pick | FocusField | PickChoice | None
    caret: int | None = None  # the caret's place in `text` (the focused text field)


@dataclass(frozen=True)
class Button:
    """A button under the panel's lines: clicking it presses `key`."""

    label: str
    key: str


@dataclass(frozen=True)
class Step:
    """What a step does with keys, what it draws, and its buttons."""

    key: Callable
    lines: Callable
    buttons: Callable


def tail(text, limit):
    return text if len(text) <= limit else "…" + text[-limit:]


def around_caret(text, caret, limit=TEXT_WINDOW):
    """(shown, caret in shown): `text` cut to about `limit` characters around the caret, '…' marking cuts."""
    if len(text) <= limit:
        return text, caret
    start = max(0, min(caret - limit // 2, len(text) - limit))
    shown = text[start:start + limit]
    before = "…" if start > 0 else ""
    after = "…" if start + limit < len(text) else ""
    return before + shown + after, caret - start + len(before)


def answer_line(label, value, required=False):
    """'Label*: value'; a label that is a question takes no colon ('언제 보셨나요?* 14:30')."""
    mark = "*" if required else ""
    return f"{label}{mark} {value}" if label.endswith(("?", "？", ":", "：")) else f"{label}{mark}: {value}"


class Chooser:
    """Entries chosen from with Up/Down (or a click). The cursor skips entries that cannot be chosen
    (they are shown dim); `cursor` is None when nothing can be chosen. Every entry has a line: the panel
    scrolls a long list (by the wheel, a drag, or following the cursor)."""

    def __init__(self, entries, choosable=None):
        self.entries = list(entries)
        self.choosable = choosable or (lambda entry: True)
        self.cursor = next((i for i, entry in enumerate(self.entries) if self.choosable(entry)), None)

    @property
    def chosen(self):
        return None if self.cursor is None else self.entries[self.cursor]

    def press(self, key):
        """Up or Down moves to the next entry that can be chosen (at an end it stays); True if handled."""
        if key not in ("up", "down"):
            return False
        if self.cursor is None:
            return True  # nothing can be chosen
        step = 1 if key == "down" else -1
        index = self.cursor + step
        while 0 <= index < len(self.entries):
            if self.choosable(self.entries[index]):
                self.cursor = index
                break
            index += step
        return True

    def move_to(self, index):
        """The cursor onto entry `index` (a click); False when it cannot be chosen."""
        if not (0 <= index < len(self.entries)) or not self.choosable(self.entries[index]):
            return False
        self.cursor = index
        return True

    def line(self, index, entry, text):
        """The Line of one entry: the cursor's marked, those not choosable dim; a click picks it."""
        here = index == self.cursor
        choosable = self.choosable(entry)
        style = FOCUS if here else None if choosable else DIM
        return Line(style, ("▶ " if here else "   ") + text, Pick(index) if choosable else None)

    def lines(self, text_of):
        return [self.line(index, entry, text_of(entry)) for index, entry in enumerate(self.entries)]


class KioskFlow:
    """Steps moved by keys and clicks: each step's Step (from steps()) handles its keys, draws its lines
    and names its buttons.

    Shared here: the form step (self.form, a KeyForm), its review, storing in the outbox and the
    live status after it. A subclass names its first step, where Esc on the form goes back to,
    what it stores (outbox_kind) and its strings' prefix, and adds its own steps before the form.
    """

    outbox_kind = None  # the Outbox.submit kind: "complaint", "reservation"
    strings_prefix = None  # of the flow's own UI strings: "complaint" (complaint_status_sent, ...)
    form_back = None  # the step Esc on the form goes back to
    back_on_failure = {SUBMITTING: REVIEW}  # where a step goes when its work failed

    def __init__(self, title, t, first_step, clock: Clock = system_clock):
        """`clock()`: the time (the app's one clock; tests pass a fixed one)."""
        self.title = title
        self.t = t
        self.clock = clock
        self.first_step = self.step = first_step
        self.error = None  # one line: what did not work on this step
        self.form = None
        self.problems = []
        self.item = None  # the outbox item stored from the form
        self.keyboard = OnscreenKeyboard("ko" if t.lang == "ko" else "en")
        self.keyboard_shown = False  # the on-screen keyboard is drawn under a text field being filled in
        self.steps = self.define_steps()

    def define_steps(self):
        """{step name: Step}; a subclass adds its own steps to these."""
        return {FORM: Step(self._form_key, self._form_lines, self._form_buttons),
                REVIEW: Step(self._review_key, self.review_lines, self._review_buttons),
                SUBMITTING: Step(self._ignore_key, self._submitting_lines, self._no_buttons),
                STATUS: Step(self._status_key, self._status_lines, self._done_buttons)}

    # --- answers from the panel ---------------------------------------------------------------
    def failed(self, message):
        """A fetch or the store did not work: say so where the resident is (or one step back)."""
        self.error = message
        self.step = self.back_on_failure.get(self.step, self.step)

    def submitted(self, item):
        self.item, self.step, self.error = item, STATUS, None

    def item_changed(self, item):
        if self.item is not None and item.id == self.item.id:
            self.item = item

    # --- input --------------------------------------------------------------------------------
    def press(self, key):
        """A named key; returns an effect or None. "keyboard" shows or hides the on-screen keyboard."""
        self._end_composing()
        if key == "keyboard":
            self.keyboard_shown = not self.keyboard_shown
            return None
        return self.steps[self.step].key(key)

    def type(self, text):
        self._end_composing()
        if self.step == FORM:
            self.form.type(text)
            self._recheck()

    def keyboard_press(self, key):
        """A key of the on-screen keyboard: its edits reach the focused text field as typed text would."""
        if self.keyboard_rows() is None:
            return None
        for edit in self.keyboard.press(key):
            if isinstance(edit, Insert):
                self.form.type(edit.text)
            elif isinstance(edit, Backspace):
                self.form.backspace()
            elif isinstance(edit, KeyPress):
                self.steps[self.step].key(edit.name)
        self._recheck()
        return None

    def keyboard_rows(self):
        """The on-screen keyboard's rows while it is shown under a focused text field, else None."""
        if self.keyboard_shown and self.step == FORM and not self.form.focused.is_list:
            return self.keyboard.rows()
        return None

    def keyboard_lit(self):
        """The on-screen keyboard's keys shown as on: {"shift"} while Shift (or its lock) is on."""
        return frozenset({"shift"}) if self.keyboard.shift or self.keyboard.caps else frozenset()

    def _end_composing(self):
        """A syllable being composed on the on-screen keyboard goes into the text before anything else
        happens (another key, a click, typing on a real keyboard)."""
        for edit in self.keyboard.commit():
            if self.step == FORM:
                self.form.type(edit.text)

    def click(self, target):
        """A clicked line's target; returns an effect or None. Lists: the entry is chosen as with Enter;
        a text field clicked also brings up the on-screen keyboard (the resident has no keyboard at hand)."""
        self._end_composing()
        if isinstance(target, Pick):
            chooser = self.step_list()
            if chooser is not None and chooser.move_to(target.index):
                return self.press("enter")
        elif isinstance(target, FocusField) and self.step in (FORM, REVIEW):
            self.step = FORM  # from the review: back to edit that answer
            self.form.focus_on(target.index)
            self.keyboard_shown = self.keyboard_shown or not self.form.focused.is_list
        elif isinstance(target, PickChoice) and self.step == FORM:
            self.form.focus_on(target.field)
            self.form.pick_choice(target.choice)
            self._recheck()
        return None

    def step_list(self):
        """The Chooser of the current step, if it has one (a subclass's lists)."""
        return None

    def buttons(self):
        """[Button] of the current step; the key each presses is one the keyboard also has."""
        return self.steps[self.step].buttons()

    def _ignore_key(self, key):
        return None  # e.g. while storing: nothing to do until it is stored

    def _form_key(self, key):
        form = self.form
        if key == "escape":
            self.step = self.form_back
        elif key == "review" or (key == "enter" and form.at_last_field):
            self.problems = form.problems(self.t)
            if self.problems:
                form.focus_on(self.problems[0][0])
            else:
                self.step, self.error = REVIEW, None
        elif key in ("enter", "tab"):
            form.next_field()
        else:
            self._edit_key(key)
            self._recheck()
        return None

    def _edit_key(self, key):
        """A key that moves within the focused field or edits it."""
        form = self.form
        if key == "up":
            form.up()  # in a list: the previous choice; past its top, the previous field
        elif key == "down":
            form.down()
        elif key == "backspace":
            form.backspace()
        elif key == "delete":
            form.delete()
        else:
            form.move_caret(key)

    def _recheck(self):
        if self.problems:  # once shown, problems go away as they are fixed
            self.problems = self.form.problems(self.t)

    def _review_key(self, key):
        if key == "escape":
            self.step = FORM
        elif key == "enter":
            self.step, self.error = SUBMITTING, None
            return Submit(self.outbox_kind, self.form.payload())
        return None

    def _status_key(self, key):
        if key in ("enter", "escape"):
            self.step, self.item, self.form = self.first_step, None, None
            return SHOW_HOME
        return None

    # --- buttons ------------------------------------------------------------------------------
    def _no_buttons(self):
        return []

    def _done_buttons(self):
        return [Button(self.t("button_done"), "enter")]

    def back_buttons(self):
        return [Button(self.t("button_back"), "escape")]

    def _form_buttons(self):
        """Back, Next (but on the last field) and Review: with a mouse, the review is one click from any
        field (the optional ones after it need not be passed through); the keyboard for a text field."""
        forward = [] if self.form.at_last_field else [Button(self.t("button_next"), "tab")]
        keyboard = [] if self.form.focused.is_list else [Button(self.t("button_keyboard"), "keyboard")]
        return self.back_buttons() + forward + [Button(self.t("button_review"), "review")] + keyboard

    def _review_buttons(self):
        return self.back_buttons() + [Button(self.t("button_submit"), "enter")]

    # --- drawing ------------------------------------------------------------------------------
    def screen(self):
        """[Line] of the current step, the key help last."""
        lines = self.steps[self.step].lines()
        if self.error:
            lines.insert(-1, Line(PROBLEM, self.error))  # above the key help
        return lines

    def status_line(self, item):
        """What became of an outbox item, in the UI language."""
        if item.status == "sent":
            return self.sent_line(item)
        if item.status == "refused":
            return self.t(f"{self.strings_prefix}_status_refused", reason=self.refusal_reason(item)[:REASON_MAX])
        return self.t("outbox_status_pending")

    def sent_line(self, item):
        return self.t(f"{self.strings_prefix}_status_sent", id=item.server_id)

    def refusal_reason(self, item):
        return item.refusal_reason or item.refusal_code or "?"

    def _form_lines(self):
        lines = self.form_heading()
        for index, here in enumerate(self.form.fields):
            lines += self._field_lines(index, here)
        lines += [Line(PROBLEM, problem, FocusField(index)) for index, problem in self.problems]
        return lines + [Line(DIM, self._form_keys())]

    def _field_lines(self, index, here):
        """The field's line (and, when focused, its choices or room left and hint)."""
        if index != self.form.focus:
            return [Line(None, "   " + answer_line(here.label, tail(here.shown_value(), 40), here.required),
                         FocusField(index))]
        if here.is_list:
            line = Line(FOCUS, "▶ " + answer_line(here.label, here.shown_value(), here.required), FocusField(index))
            return [line] + self._choice_lines(index, here) + self._hint_lines(here)
        # While typing: the text as typed (a trailing space shows), with the caret in it, and the syllable
        # being composed on the on-screen keyboard at the caret.
        preedit = self.keyboard.preedit
        text = here.text[:here.caret] + preedit + here.text[here.caret:]
        shown, caret = around_caret(text, here.caret + len(preedit))
        before = "▶ " + answer_line(here.label, "", here.required)
        lines = [Line(FOCUS, before + shown, FocusField(index), len(before) + caret)]
        if here.datatype == "text":  # long texts show how much room is left
            left = here.max_length - len(here.text)
            lines.append(Line(DIM, "      " + self.t("form_chars_left", left=left, limit=here.max_length)))
        return lines + self._hint_lines(here)

    def _choice_lines(self, index, here):
        lines = []
        for number, choice in enumerate(here.choices):
            ticked = choice.key in here.chosen
            if here.datatype == MULTI:
                mark = ("▷ " if number == here.cursor else "   ") + ("■" if ticked else "□")
            else:
                mark = "   " + ("●" if ticked else "○")
            lines.append(Line(FOCUS if number == here.cursor else None, f"      {mark} {choice.name}",
                              PickChoice(index, number)))
        return lines

    @staticmethod
    def _hint_lines(here):
        return [Line(DIM, "      " + here.hint)] if here.hint else []

    def form_heading(self):
        """The lines above the form's fields."""
        return [Line(None, self.title)]

    def _form_keys(self):
        here = self.form.focused
        kind = "multi" if here.datatype == MULTI else "list" if here.is_list else "text"
        enter = self.t("form_enter_review" if self.form.at_last_field else "form_enter_next")
        return self.t(f"form_keys_{kind}", enter=enter)

    def answered_lines(self):
        """'Label: answer' of each answered field, for the review; a click goes back to edit it."""
        return [Line(None, answer_line(here.label, tail(here.shown_value(), 200)), FocusField(index))
                for index, here in enumerate(self.form.fields) if not here.empty]

    def review_lines(self):
        raise NotImplementedError

    def _submitting_lines(self):
        return [Line(None, self.title), Line(DIM, self.t("kiosk_storing")), Line(None, "")]

    def _status_lines(self):
        item = self.item
        style = PROBLEM if item.status == "refused" else FOCUS
        return [Line(None, self.stored_line()), Line(style, self.status_line(item)),
                Line(None, ""), Line(DIM, self.t("kiosk_back_to_start"))]

    def stored_line(self):
        """The first line of the status step: what was stored."""
        raise NotImplementedError
