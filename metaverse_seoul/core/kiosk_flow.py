"""What every keyboard-driven kiosk service has in common: steps moved by keys, a list chosen from
with Up/Down, a form (key_form.KeyForm) with its review, and the live status of what was stored in
the outbox. complaint_flow.py and booking_flow.py are built from these pieces.

Pure logic. A flow's press(key) and type(text) are the keys; screen() is what the panel draws:
[(style, text)] lines, style None or FOCUS, PROBLEM, DIM. press() may return an Effect, work the
panel carries out on a thread (world/kiosk_session.py), which reports back by calling the flow's
loaded_* methods, submitted(), item_changed() or failed().
"""

from dataclasses import dataclass

from .key_form import MULTI

FORM, REVIEW, SUBMITTING, STATUS = "form", "review", "submitting", "status"
FOCUS, PROBLEM, DIM = "focus", "problem", "dim"  # line styles; the panel gives them colours
MARKS = "▶▷●○■□※…—–·"  # drawn by the flows besides the UI strings: the font must have them
LISTED = 9  # entries of a list shown at once (the list scrolls)
TEXT_TAIL = 120  # characters of a long text shown while typing
REASON_MAX = 160


@dataclass(frozen=True)
class Effect:
    """Work press() leaves to the panel: `kind` names it (close, home, submit, or a flow's own,
    such as load_form), `subject` is what it is about, `payload` what to store in the outbox."""

    kind: str
    subject: object = None
    payload: dict | None = None


CLOSE, HOME = Effect("close"), Effect("home")


def tail(text, limit=TEXT_TAIL):
    return text if len(text) <= limit else "…" + text[-limit:]


def answer_line(label, value, required=False):
    """'Label*: value'; a label that is a question takes no colon ('언제 보셨나요?* 14:30')."""
    mark = "*" if required else ""
    return f"{label}{mark} {value}" if label.endswith(("?", "？", ":", "：")) else f"{label}{mark}: {value}"


class Chooser:
    """Entries chosen from with Up/Down. The cursor skips entries that cannot be chosen (they are
    shown dim), and the lines shown scroll with it; `cursor` is None when nothing can be chosen."""

    def __init__(self, entries, choosable=None, shown=LISTED):
        self.entries = list(entries)
        self.choosable = choosable or (lambda entry: True)
        self.shown_at_once = shown
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

    def shown(self):
        """[(index, entry)] of the entries shown: at most `shown` of them, around the cursor."""
        centre = self.cursor or 0
        start = max(0, min(centre - self.shown_at_once // 2, len(self.entries) - self.shown_at_once))
        return list(enumerate(self.entries[start:start + self.shown_at_once], start))

    def line(self, index, entry, text):
        """(style, text) of one entry: the cursor's marked, those not choosable dim."""
        here = index == self.cursor
        style = FOCUS if here else None if self.choosable(entry) else DIM
        return style, ("▶ " if here else "   ") + text

    def lines(self, text_of):
        return [self.line(index, entry, text_of(entry)) for index, entry in self.shown()]


class KioskFlow:
    """Steps moved by keys: press() goes to `_<step>_key`, screen() draws `_<step>_lines`.

    Shared here: the form step (self.form, a KeyForm), its review, storing in the outbox and the
    live status after it. A subclass names its first step, where Esc on the form goes back to,
    what it stores (outbox_kind) and its strings' prefix, and adds its own steps before the form.
    """

    outbox_kind = None  # the Outbox.submit kind: "complaint", "reservation"
    strings_prefix = None  # of the flow's own UI strings: "complaint" (complaint_status_sent, ...)
    form_back = None  # the step Esc on the form goes back to
    back_on_failure = {SUBMITTING: REVIEW}  # where a step goes when its work failed

    def __init__(self, title, t, first_step):
        self.title = title
        self.t = t
        self.first_step = self.step = first_step
        self.error = None  # one line: what did not work on this step
        self.form = None
        self.problems = []
        self.item = None  # the outbox item stored from the form

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

    # --- keys ---------------------------------------------------------------------------------
    def press(self, key):
        """A named key (up, down, tab, enter, escape, backspace, ...); returns an Effect or None."""
        return getattr(self, f"_{self.step}_key")(key)

    def type(self, text):
        if self.step == FORM:
            self.form.type(text)
            self._recheck()

    def _form_key(self, key):
        form = self.form
        if key == "escape":
            self.step = self.form_back
        elif key == "enter" and form.at_last_field:
            self.problems = form.problems(self.t)
            if self.problems:
                form.focus_on(self.problems[0][0])
            else:
                self.step, self.error = REVIEW, None
        elif key in ("enter", "tab"):
            form.next_field()
        elif key in ("up", "down", "backspace"):
            getattr(form, key)()
            self._recheck()
        return None

    def _recheck(self):
        if self.problems:  # once shown, problems go away as they are fixed
            self.problems = self.form.problems(self.t)

    def _review_key(self, key):
        if key == "escape":
            self.step = FORM
        elif key == "enter":
            self.step, self.error = SUBMITTING, None
            return Effect("submit", payload=self.form.payload())
        return None

    def _submitting_key(self, key):
        return None  # storing takes a moment; nothing to do until it is stored

    def _status_key(self, key):
        if key in ("enter", "escape"):
            self.step, self.item, self.form = self.first_step, None, None
            return HOME
        return None

    # --- drawing ------------------------------------------------------------------------------
    def screen(self):
        """[(style, text)] lines of the current step, the key help last."""
        lines = getattr(self, f"_{self.step}_lines")()
        if self.error:
            lines.insert(-1, (PROBLEM, self.error))  # above the key help
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
        form = self.form
        lines = self.form_heading()
        for index, here in enumerate(form.fields):
            focused = index == form.focus
            typing = focused and not here.is_list
            # While typing, the text as typed (a trailing space shows); otherwise the answer, short.
            value = tail(here.text) + "_" if typing else tail(here.shown_value(), TEXT_TAIL if focused else 40)
            lines.append((FOCUS if focused else None,
                          ("▶ " if focused else "   ") + answer_line(here.label, value, here.required)))
            if focused:
                lines += self._focused_details(here)
        lines += [(PROBLEM, problem) for _, problem in self.problems]
        return lines + [(DIM, self._form_keys())]

    def form_heading(self):
        """The lines above the form's fields."""
        return [(None, self.title)]

    def _focused_details(self, here):
        lines = []
        if here.is_list:
            for index, choice in enumerate(here.choices):
                ticked = choice.key in here.chosen
                if here.datatype == MULTI:
                    mark = ("▷ " if index == here.cursor else "   ") + ("■" if ticked else "□")
                else:
                    mark = "   " + ("●" if ticked else "○")
                lines.append((FOCUS if index == here.cursor else None, f"      {mark} {choice.name}"))
        elif here.datatype == "text":  # long texts show how much room is left
            lines.append((DIM, "      " + self.t("form_chars", count=len(here.text), limit=here.max_length)))
        if here.hint:
            lines.append((DIM, "      " + here.hint))
        return lines

    def _form_keys(self):
        here = self.form.focused
        kind = "multi" if here.datatype == MULTI else "list" if here.is_list else "text"
        enter = self.t("form_enter_review" if self.form.at_last_field else "form_enter_next")
        return self.t(f"form_keys_{kind}", enter=enter)

    def answered_lines(self):
        """'Label: answer' of each answered field, for the review."""
        return [(None, answer_line(here.label, tail(here.shown_value(), 200)))
                for here in self.form.fields if not here.empty]

    def _submitting_lines(self):
        return [(None, self.title), (DIM, self.t("kiosk_storing")), (None, "")]

    def _status_lines(self):
        item = self.item
        style = PROBLEM if item.status == "refused" else FOCUS
        return [(None, self.stored_line()), (style, self.status_line(item)),
                (None, ""), (DIM, self.t("kiosk_back_to_start"))]

    def stored_line(self):
        """The first line of the status step: what was stored."""
        raise NotImplementedError
