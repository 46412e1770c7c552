"""A form filled in with the keyboard alone: fields, a focus moved by keys, typing and checking.

Pure logic (no engine, no network). The complaint form (complaint_form.py) and the booking form
(booking_form.py) are KeyForms; kiosk_flow.py draws them and runs the steps around them.

Keys: Up/Down move through a list's choices and, past its ends, to the next or previous field;
a single-choice list takes the highlighted choice; Space ticks a multi-choice list's highlighted
choice; typed text goes into text fields at the caret; Left/Right, Home/End move the caret; Backspace
deletes the character before it (or clears a list), Delete the one after it.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from .clock import SEOUL

SINGLE, MULTI = "singlevaluelist", "multivaluelist"
PHONE, EMAIL = "phone", "email"  # the app's own text datatypes, checked for their shape
PHONE_RULE = re.compile(r"\+?[0-9][0-9 ()\-]{3,39}")  # the shape the reference server takes
EMAIL_RULE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Choice:
    key: str
    name: str


@dataclass
class Field:
    code: str
    label: str
    datatype: str  # string | text | number | datetime | singlevaluelist | multivaluelist | phone | email
    required: bool = False
    hint: str = ""
    choices: list = field(default_factory=list)
    max_length: int = 500
    text: str = ""
    chosen: list = field(default_factory=list)  # keys, kept in the order of `choices`
    cursor: int = -1  # the highlighted choice of a list; -1 = none
    caret: int = 0  # where typing goes in `text` (0 .. len(text)); put at the end when the field is focused

    @property
    def is_list(self):
        return self.datatype in (SINGLE, MULTI)

    @property
    def empty(self):
        return not self.chosen if self.is_list else not self.text.strip()

    def shown_value(self):
        """The answer as the resident reads it: choice names, or the typed text."""
        if self.is_list:
            return ", ".join(c.name for c in self.choices if c.key in self.chosen)
        return self.text.strip()

    def value(self):
        """The answer as a server wants it: a key, a list of keys, or text; None when not given."""
        if self.empty:
            return None
        if self.datatype == MULTI:
            return list(self.chosen)
        if self.datatype == SINGLE:
            return self.chosen[0]
        if self.datatype == "datetime":
            return parse_datetime(self.text).isoformat()
        return self.text.strip()


def parse_datetime(text):
    """'2026-11-27 14:30' (or ISO 8601) as an aware datetime; no offset means Seoul time."""
    moment = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    return moment if moment.tzinfo else moment.replace(tzinfo=SEOUL)


def is_number(text):
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def is_datetime(text):
    try:
        parse_datetime(text)
    except ValueError:
        return False
    return True


def _typeable(char):
    # Control characters (Enter, Tab, Backspace also arrive as keystrokes) are keys, not text.
    return unicodedata.category(char) != "Cc"


class KeyForm:
    """Fields with a focus moved by keys; subclasses add their own rules (value_problem)."""

    problem_values = {}  # extra values the problem strings may name, besides {field}

    def __init__(self, fields):
        if not fields:
            raise ValueError("a form needs at least one field")
        self.fields = fields
        self.focus = 0
        self.focus_on(0)

    # --- moving ----------------------------------------------------------------------------
    @property
    def focused(self):
        return self.fields[self.focus]

    @property
    def at_last_field(self):
        return self.focus == len(self.fields) - 1

    def focus_on(self, index):
        self.focus = max(0, min(index, len(self.fields) - 1))
        here = self.focused
        if here.is_list:  # the highlight starts on the (first) chosen answer
            keys = [c.key for c in here.choices]
            here.cursor = keys.index(here.chosen[0]) if here.chosen else -1
        else:  # typing goes on where the text ends
            here.caret = len(here.text)

    def next_field(self):
        self.focus_on(self.focus + 1)

    def previous_field(self):
        self.focus_on(self.focus - 1)

    def down(self):
        here = self.focused
        if here.is_list and here.cursor < len(here.choices) - 1:
            self._highlight(here.cursor + 1)
        else:
            self.next_field()

    def up(self):
        here = self.focused
        if here.is_list and here.cursor > 0:
            self._highlight(here.cursor - 1)
        else:
            self.previous_field()

    def _highlight(self, index):
        here = self.focused
        here.cursor = index
        if here.datatype == SINGLE:  # one answer: the highlighted one
            here.chosen = [here.choices[index].key]

    def pick_choice(self, index):
        """A choice of the focused list picked directly (a click): chosen, or ticked/unticked."""
        here = self.focused
        if not (here.is_list and 0 <= index < len(here.choices)):
            return
        self._highlight(index)
        if here.datatype == MULTI:
            self._toggle(here, here.choices[index].key)

    # --- editing ---------------------------------------------------------------------------
    def type(self, text):
        """Typed characters (a keystroke, or a syllable committed by the input method)."""
        here = self.focused
        if here.is_list:
            if here.datatype == MULTI and text == " " and here.cursor >= 0:
                self._toggle(here, here.choices[here.cursor].key)
            return
        typed = "".join(ch for ch in text if _typeable(ch))[:max(0, here.max_length - len(here.text))]
        caret = self._caret()
        here.text = here.text[:caret] + typed + here.text[caret:]
        here.caret = caret + len(typed)

    def _caret(self):
        """The focused text field's caret, kept inside its text (the text may be set directly)."""
        here = self.focused
        here.caret = max(0, min(here.caret, len(here.text)))
        return here.caret

    @staticmethod
    def _toggle(here, key):
        chosen = set(here.chosen) ^ {key}
        here.chosen = [c.key for c in here.choices if c.key in chosen]

    def backspace(self):
        here = self.focused
        if here.is_list:
            here.chosen, here.cursor = [], -1
            return
        caret = self._caret()
        if caret > 0:
            here.text = here.text[:caret - 1] + here.text[caret:]
            here.caret = caret - 1

    def delete(self):
        """The character after the caret goes."""
        here = self.focused
        if not here.is_list:
            caret = self._caret()
            here.text = here.text[:caret] + here.text[caret + 1:]

    def move_caret(self, key):
        """left, right, home or end, in the focused text field; False for other keys or in a list."""
        here = self.focused
        if here.is_list or key not in ("left", "right", "home", "end"):
            return False
        caret = self._caret()
        here.caret = {"left": max(0, caret - 1), "right": min(len(here.text), caret + 1),
                      "home": 0, "end": len(here.text)}[key]
        return True

    # --- checking ----------------------------------------------------------------------------
    def problem_keys(self):
        """[(field index, i18n key)] for each field that cannot be sent as it is."""
        found = []
        for index, here in enumerate(self.fields):
            if here.empty:
                key = "form_problem_required" if here.required else None
            else:
                key = self.value_problem(here)
            if key:
                found.append((index, key))
        return found

    def value_problem(self, here):
        """The i18n key of what is wrong with an answered field, or None; subclasses add rules."""
        text = here.text.strip()
        if here.datatype == "number" and not is_number(text):
            return "form_problem_number"
        if here.datatype == "datetime" and not is_datetime(text):
            return "form_problem_datetime"
        if here.datatype == PHONE and not PHONE_RULE.fullmatch(text):
            return "form_problem_phone"
        if here.datatype == EMAIL and not EMAIL_RULE.fullmatch(text):
            return "form_problem_email"
        return None

    def problems(self, t):
        """[(field index, one line in the UI language)]."""
        return [(index, t(key, field=self.fields[index].label, **self.problem_values))
                for index, key in self.problem_keys()]

    def values(self):
        """{field code: value} of the fields answered."""
        return {f.code: f.value() for f in self.fields if not f.empty}
