"""The kiosk panel's on-screen keyboard as a state machine: which keys show, what a press types.

Pure logic (no engine, no network). A resident at a kiosk may hold a mouse, touch a screen or point
a VR controller: none of them has a physical keyboard or an input method, so this keyboard brings
both. The Panda3D side draws rows() and calls press() with the key that was hit; it applies the
returned edits to the focused text field and draws `preedit` at the caret (the Hangul syllable
still being composed, not yet in the text).

Worked example, typing 가로등 and leaving the field:

    >>> keyboard = OnscreenKeyboard("ko")
    >>> [keyboard.press(keyboard.find(jamo)) for jamo in "ㄱㅏㄹㅗㄷㅡㅇ"]
    [[], [], [], [Insert(text='가')], [], [Insert(text='로')], []]
    >>> keyboard.preedit
    '등'
    >>> keyboard.commit()
    [Insert(text='등')]

Pages: 'ko' (2-beolsik jamo), 'en' (QWERTY) and 'symbols' (digits and punctuation). Shift is
one-shot (released after the next character); a second press locks it (caps) and a third releases
it. Changing page commits the preedit and releases Shift and caps, so a locked Shift never carries
into the other alphabet. The symbols key returns to the letters page it came from; the language key
on the symbols page goes to the other language's letters.
"""

from dataclasses import dataclass

from .hangul import JAMO_KEYS, HangulComposer, jamo_for_key

PAGES = ("ko", "en", "symbols")
LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")  # the Korean page is 2-beolsik on these keys
SYMBOL_ROWS = ("1234567890", "-/:;()₩&@\"", ".,?!'#*+=_")
OTHER_LANGUAGE = {"ko": "en", "en": "ko"}
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}  # shown on the space bar
LETTERS_LABELS = {"ko": "가", "en": "ABC"}  # the symbols page's key back to the letters
ACTIONS = ("char", "shift", "language", "symbols", "space", "backspace", "enter", "left", "right")


@dataclass(frozen=True)
class Key:
    label: str  # what the key shows now (glyphs the app font has: tests check it)
    action: str  # one of ACTIONS
    value: str = ""  # the character a 'char' key types (a jamo on the Korean page)
    width: float = 1.0  # in key widths, for drawing


@dataclass(frozen=True)
class Insert:
    """Insert `text` at the caret."""
    text: str


@dataclass(frozen=True)
class Backspace:
    """Delete the character before the caret."""


@dataclass(frozen=True)
class KeyPress:
    """A key for the form rather than the text: 'enter', 'left' or 'right'."""
    name: str


SHIFT_LABEL = "⇧"  # the UI lights it while `shift` or `caps` is on
BACKSPACE_KEY = Key("←", "backspace", width=1.5)
# Keys that end the composition and then give the field one edit.
_AFTER_COMMIT = {"space": Insert(" "), "enter": KeyPress("enter"), "left": KeyPress("left"),
                 "right": KeyPress("right")}


def _inserted(text):
    return [Insert(text)] if text else []


class OnscreenKeyboard:
    """One keyboard per kiosk panel: the page shown, the Shift state and the syllable being composed."""

    def __init__(self, page: str = "ko"):
        if page not in PAGES:
            raise ValueError(f"unknown keyboard page {page!r}; expected one of {', '.join(PAGES)}")
        self.page = page
        self.letters_page = "ko" if page == "symbols" else page  # where the symbols key returns
        self.shift = False  # one-shot: the next character only
        self.caps = False  # locked until Shift is pressed again
        self._composer = HangulComposer()

    @property
    def preedit(self) -> str:
        """The Hangul syllable being composed, drawn at the caret but not yet in the text."""
        return self._composer.preedit

    def rows(self) -> list[list[Key]]:
        """The keys as drawn now, top row first; the last row holds the page, space and form keys."""
        middle = self._symbol_rows() if self.page == "symbols" else self._letter_rows()
        return middle + [self._bottom_row()]

    def _letter_rows(self):
        rows = [[self._letter_key(letter) for letter in letters] for letters in LETTER_ROWS]
        rows[-1] = [Key(SHIFT_LABEL, "shift", width=1.5)] + rows[-1] + [BACKSPACE_KEY]
        return rows

    def _letter_key(self, letter):
        if self.shift or self.caps:
            letter = letter.upper()
        value = jamo_for_key(letter) if self.page == "ko" else letter
        return Key(value, "char", value)

    def _symbol_rows(self):
        rows = [[Key(symbol, "char", symbol) for symbol in symbols] for symbols in SYMBOL_ROWS]
        rows[-1].append(BACKSPACE_KEY)
        return rows

    def _bottom_row(self):
        pages_label = LETTERS_LABELS[self.letters_page] if self.page == "symbols" else "!#1"
        return [Key(pages_label, "symbols", width=1.5), Key("한/영", "language", width=1.5),
                Key("◀", "left"), Key(LANGUAGE_NAMES[self.letters_page], "space", width=4),
                Key("▶", "right"), Key("Enter", "enter", width=2)]

    def find(self, label_or_action: str) -> Key:
        """The key on the current page with this label, or else with this action; KeyError if none."""
        keys = [key for row in self.rows() for key in row]
        by_label = [key for key in keys if key.label == label_or_action]
        by_action = [key for key in keys if key.action == label_or_action]
        if by_label or by_action:
            return (by_label or by_action)[0]
        raise KeyError(f"no key {label_or_action!r} on the {self.page} page")

    def press(self, key: Key) -> list:
        """Press `key`; returns the edits (Insert, Backspace, KeyPress) for the focused text field."""
        if key.action == "char":
            return self._type(key.value)
        if key.action == "backspace":
            return [] if self._composer.backspace() else [Backspace()]
        if key.action == "shift":
            self._press_shift()
            return []
        if key.action == "language":
            return self._switch_to(OTHER_LANGUAGE[self.letters_page])
        if key.action == "symbols":
            return self._switch_to(self.letters_page if self.page == "symbols" else "symbols")
        if key.action in _AFTER_COMMIT:
            return self.commit() + [_AFTER_COMMIT[key.action]]
        raise ValueError(f"unknown key action {key.action!r}; expected one of {', '.join(ACTIONS)}")

    def commit(self) -> list:
        """End the composition (focus moved to another field, the field clicked): [Insert(preedit)] or []."""
        return _inserted(self._composer.commit())

    def _type(self, char):
        if char in JAMO_KEYS:
            edits = _inserted(self._composer.feed(char))
        else:
            edits = self.commit() + [Insert(char)]
        self.shift = False
        return edits

    def _press_shift(self):
        """Off -> one-shot -> caps -> off."""
        if self.caps:
            self.caps = False
        elif self.shift:
            self.shift, self.caps = False, True
        else:
            self.shift = True

    def _switch_to(self, page):
        edits = self.commit()
        self.page = page
        if page != "symbols":
            self.letters_page = page
        self.shift = self.caps = False
        return edits
