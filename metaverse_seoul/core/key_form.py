"""A form filled in with the keyboard alone: fields, a focus moved by keys, typing and checking.

Pure logic (no engine, no network). The complaint form (complaint_form.py) and the booking form
(booking_form.py) are KeyForms; kiosk_flow.py draws them and runs the steps around them.

Keys: Up/Down move through a list's choices and, past its ends, to the next or previous field;
a single-choice list takes the highlighted choice; Space ticks a multi-choice list's highlighted
choice; typed text goes into text fields; Backspace deletes a character or clears a list.
"""

import math
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

SEOUL = timezone(timedelta(hours=9))  # Korea keeps no daylight saving time
SINGLE, MULTI = "singlevaluelist", "multivaluelist"


@dataclass(frozen=True)
class Choice:
    key: str
    name: str


@dataclass
class Field:
    code: str
    label: str
    datatype: str  # string | text | number | datetime | singlevaluelist | multivaluelist
    required: bool = False
    hint: str = ""
    choices: list = field(default_factory=list)
    max_length: int = 500
    text: str = ""
    chosen: list = field(default_factory=list)  # keys, kept in the order of `choices`
    cursor: int = -1  # the highlighted choice of a list; -1 = none

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

    # --- editing ---------------------------------------------------------------------------
    def type(self, text):
        """Typed characters (a keystroke, or a syllable committed by the input method)."""
        here = self.focused
        if here.is_list:
            if here.datatype == MULTI and text == " " and here.cursor >= 0:
                self._toggle(here, here.choices[here.cursor].key)
            return
        typed = "".join(ch for ch in text if _typeable(ch))
        here.text = (here.text + typed)[:here.max_length]

    @staticmethod
    def _toggle(here, key):
        chosen = set(here.chosen) ^ {key}
        here.chosen = [c.key for c in here.choices if c.key in chosen]

    def backspace(self):
        here = self.focused
        if here.is_list:
            here.chosen, here.cursor = [], -1
        else:
            here.text = here.text[:-1]

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
        return None

    def problems(self, t):
        """[(field index, one line in the UI language)]."""
        return [(index, t(key, field=self.fields[index].label, **self.problem_values))
                for index, key in self.problem_keys()]

    def values(self):
        """{field code: value} of the fields answered."""
        return {f.code: f.value() for f in self.fields if not f.empty}
