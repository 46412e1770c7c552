"""The on-screen keyboard driven as a resident drives it: find a key on the page shown, press it,
apply the edits to a text field."""

import doctest
import string

import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, strategies as st

from metaverse_seoul.core import hangul, onscreen_keyboard
from metaverse_seoul.core.hangul import hangul_keys, is_syllable, jamo_for_key
from metaverse_seoul.core.onscreen_keyboard import (ACTIONS, Backspace, Insert, Key, KeyPress, OnscreenKeyboard)
from metaverse_seoul.paths import FONT_FILE

SYMBOLS = "1234567890-/:;()@.,?!'\"#&*+=_₩"


class Field:
    """A text field as the kiosk panel keeps one: text, a caret, and the form keys it was given."""

    def __init__(self):
        self.text, self.caret, self.form_keys = "", 0, []

    def apply(self, edits):
        for edit in edits:
            if isinstance(edit, Insert):
                self.text = self.text[:self.caret] + edit.text + self.text[self.caret:]
                self.caret += len(edit.text)
            elif isinstance(edit, Backspace) and self.caret:
                self.text = self.text[:self.caret - 1] + self.text[self.caret:]
                self.caret -= 1
            elif edit == KeyPress("left"):
                self.caret = max(0, self.caret - 1)
            elif edit == KeyPress("right"):
                self.caret = min(len(self.text), self.caret + 1)
            elif isinstance(edit, KeyPress):
                self.form_keys.append(edit.name)

    def shown(self, keyboard):
        """What the resident sees: the text with the preedit drawn at the caret."""
        return self.text[:self.caret] + keyboard.preedit + self.text[self.caret:]


def tap(keyboard, field, label_or_action):
    field.apply(keyboard.press(keyboard.find(label_or_action)))


def tap_shifted(keyboard, field, label):
    """Press `label`, pressing Shift first when the page shows it only shifted."""
    if not any(key.label == label for row in keyboard.rows() for key in row):
        tap(keyboard, field, "shift")
    tap(keyboard, field, label)


def go_to(keyboard, field, page):
    if keyboard.page == page:
        return
    if page == "symbols" or keyboard.page == "symbols" and keyboard.letters_page == page:
        tap(keyboard, field, "symbols")
    else:
        tap(keyboard, field, "language")
    assert keyboard.page == page


def type_text(keyboard, field, text):
    """Type `text` on the keyboard, changing page as a resident would."""
    for char in text:
        if char == " ":
            tap(keyboard, field, "space")
        elif is_syllable(char):
            go_to(keyboard, field, "ko")
            for key in hangul_keys(char):
                tap_shifted(keyboard, field, jamo_for_key(key))
        elif char in string.ascii_letters:
            go_to(keyboard, field, "en")
            tap_shifted(keyboard, field, char)
        else:
            go_to(keyboard, field, "symbols")
            tap(keyboard, field, char)


def labels(row):
    return "".join(key.label for key in row)


def every_state():
    """A keyboard on every page, with Shift off, one-shot and locked."""
    for page in ("ko", "en", "symbols"):
        for shift_presses in range(3):
            keyboard = OnscreenKeyboard(page)
            for _ in range(shift_presses):
                keyboard.press(Key("⇧", "shift"))
            yield keyboard


def test_typing_a_street_light_in_seoul_on_the_korean_page():
    keyboard, field = OnscreenKeyboard("ko"), Field()
    shown = []
    for jamo in "ㄱㅏㄹㅗㄷㅡㅇ":
        tap(keyboard, field, jamo)
        shown.append(field.shown(keyboard))
    assert shown == ["ㄱ", "가", "갈", "가로", "가롣", "가로드", "가로등"]
    assert (field.text, keyboard.preedit) == ("가로", "등")
    tap(keyboard, field, "space")
    assert (field.text, keyboard.preedit) == ("가로등 ", "")
    for jamo in "ㅅㅓㅇㅜㄹ":
        tap(keyboard, field, jamo)
    field.apply(keyboard.commit())
    assert (field.text, keyboard.preedit) == ("가로등 서울", "")


def test_mixed_korean_english_and_digits_with_page_switches():
    keyboard, field = OnscreenKeyboard("ko"), Field()
    for jamo in "ㅅㅓㅇㅜㄹ":
        tap(keyboard, field, jamo)
    tap(keyboard, field, "space")
    tap(keyboard, field, "language")
    assert keyboard.page == "en"
    type_text(keyboard, field, "Seoul 120")
    assert keyboard.page == "symbols"
    assert field.text == "서울 Seoul 120"


def test_changing_page_commits_the_syllable_being_composed():
    keyboard = OnscreenKeyboard("ko")
    keyboard.press(keyboard.find("ㄱ"))
    keyboard.press(keyboard.find("ㅏ"))
    assert keyboard.press(keyboard.find("language")) == [Insert("가")]
    assert (keyboard.page, keyboard.preedit) == ("en", "")
    keyboard = OnscreenKeyboard("ko")
    keyboard.press(keyboard.find("ㅎ"))
    assert keyboard.press(keyboard.find("symbols")) == [Insert("ㅎ")]
    assert keyboard.press(keyboard.find("symbols")) == []


@pytest.mark.parametrize("text", ["서울 Seoul 120", "서울시 120 다산콜센터, 가로등 고장!", "Deoksugung 덕수궁 (10:00)",
                                  "ID: kim_01@seoul.go.kr", "₩3,000", "까치 뚫고 앉아 읽었다"])
def test_typed_text_arrives_in_the_field(text):
    keyboard, field = OnscreenKeyboard(), Field()
    type_text(keyboard, field, text)
    field.apply(keyboard.commit())
    assert field.text == text


@given(st.text(alphabet=st.one_of(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
                                  st.sampled_from(string.ascii_letters + SYMBOLS + " "))))
def test_any_text_the_keys_can_make_arrives_in_the_field(text):
    keyboard, field = OnscreenKeyboard(), Field()
    type_text(keyboard, field, text)
    field.apply(keyboard.commit())
    assert field.text == text


def test_shift_is_one_shot_on_the_english_page():
    keyboard, field = OnscreenKeyboard("en"), Field()
    tap(keyboard, field, "shift")
    assert (keyboard.shift, keyboard.caps) == (True, False)
    assert labels(keyboard.rows()[0]) == "QWERTYUIOP"
    tap(keyboard, field, "S")
    assert not keyboard.shift
    assert labels(keyboard.rows()[0]) == "qwertyuiop"
    tap(keyboard, field, "e")
    assert field.text == "Se"


def test_shift_twice_locks_until_pressed_again():
    keyboard, field = OnscreenKeyboard("en"), Field()
    tap(keyboard, field, "shift")
    tap(keyboard, field, "shift")
    assert (keyboard.shift, keyboard.caps) == (False, True)
    for letter in "SEOUL":
        tap(keyboard, field, letter)
    assert keyboard.caps and labels(keyboard.rows()[1]) == "ASDFGHJKL"
    tap(keyboard, field, "shift")
    assert (keyboard.shift, keyboard.caps) == (False, False)
    tap(keyboard, field, "a")
    assert field.text == "SEOULa"


def test_shift_on_the_korean_page_types_one_double_consonant_and_keeps_the_syllable():
    keyboard, field = OnscreenKeyboard("ko"), Field()
    tap(keyboard, field, "ㄱ")
    tap(keyboard, field, "ㅏ")
    tap(keyboard, field, "shift")  # Shift never commits: a double final is still to come
    assert keyboard.preedit == "가"
    tap(keyboard, field, "ㄲ")
    assert keyboard.preedit == "갂" and not keyboard.shift
    with pytest.raises(KeyError):
        keyboard.find("ㅃ")
    tap(keyboard, field, "ㅏ")
    assert (field.text, keyboard.preedit) == ("가", "까")


def test_changing_page_releases_shift_and_caps():
    keyboard = OnscreenKeyboard("en")
    keyboard.press(keyboard.find("shift"))
    keyboard.press(keyboard.find("shift"))
    keyboard.press(keyboard.find("language"))
    assert (keyboard.page, keyboard.shift, keyboard.caps) == ("ko", False, False)
    assert labels(keyboard.rows()[0]) == "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ"


def test_backspace_undoes_jamo_then_deletes_characters():
    keyboard, field = OnscreenKeyboard("ko"), Field()
    for jamo in "ㄴㅏㄷㅏㄹㄱ":
        tap(keyboard, field, jamo)
    assert (field.text, keyboard.preedit) == ("나", "닭")
    steps = []
    for _ in range(6):
        edits = keyboard.press(keyboard.find("backspace"))
        field.apply(edits)
        steps.append((edits, field.shown(keyboard)))
    assert steps == [([], "나달"), ([], "나다"), ([], "나ㄷ"), ([], "나"), ([Backspace()], ""), ([Backspace()], "")]


def test_space_enter_and_arrows_commit_first_then_act():
    keyboard = OnscreenKeyboard("ko")
    for action, edit in (("space", Insert(" ")), ("enter", KeyPress("enter")), ("left", KeyPress("left")),
                         ("right", KeyPress("right"))):
        keyboard.press(keyboard.find("ㄱ"))
        keyboard.press(keyboard.find("ㅏ"))
        assert keyboard.press(keyboard.find(action)) == [Insert("가"), edit]
        assert keyboard.press(keyboard.find(action)) == [edit]


def test_typing_after_moving_the_caret_inserts_there():
    keyboard, field = OnscreenKeyboard("ko"), Field()
    for jamo in "ㄱㅏㄴㅏ":
        tap(keyboard, field, jamo)
    tap(keyboard, field, "left")
    for jamo in "ㄷㅏ":
        tap(keyboard, field, jamo)
    assert field.shown(keyboard) == "가다나"
    field.apply(keyboard.commit())
    tap(keyboard, field, "enter")
    assert (field.text, field.form_keys) == ("가다나", ["enter"])


def test_symbols_type_straight_into_the_field():
    keyboard, field = OnscreenKeyboard("symbols"), Field()
    tap(keyboard, field, "₩")
    tap(keyboard, field, "1")
    assert field.text == "₩1"
    assert keyboard.commit() == []


def test_the_symbols_key_returns_to_the_letters_page_it_came_from():
    for page, back_label in (("ko", "가"), ("en", "ABC")):
        keyboard = OnscreenKeyboard(page)
        assert keyboard.find("symbols").label == "!#1"
        keyboard.press(keyboard.find("symbols"))
        assert keyboard.page == "symbols"
        keyboard.press(keyboard.find(back_label))
        assert keyboard.page == page


def test_the_language_key_on_the_symbols_page_goes_to_the_other_language():
    keyboard = OnscreenKeyboard("ko")
    keyboard.press(keyboard.find("symbols"))
    keyboard.press(keyboard.find("language"))
    assert keyboard.page == "en"
    keyboard.press(keyboard.find("language"))
    assert keyboard.page == "ko"


def test_korean_page_labels():
    keyboard = OnscreenKeyboard("ko")
    assert [labels(row) for row in keyboard.rows()[:3]] == ["ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ", "ㅁㄴㅇㄹㅎㅗㅓㅏㅣ", "⇧ㅋㅌㅊㅍㅠㅜㅡ←"]
    keyboard.press(keyboard.find("shift"))
    assert [labels(row) for row in keyboard.rows()[:3]] == ["ㅃㅉㄸㄲㅆㅛㅕㅑㅒㅖ", "ㅁㄴㅇㄹㅎㅗㅓㅏㅣ", "⇧ㅋㅌㅊㅍㅠㅜㅡ←"]


def test_english_page_labels():
    keyboard = OnscreenKeyboard("en")
    assert [labels(row) for row in keyboard.rows()[:3]] == ["qwertyuiop", "asdfghjkl", "⇧zxcvbnm←"]
    keyboard.press(keyboard.find("shift"))
    assert [labels(row) for row in keyboard.rows()[:3]] == ["QWERTYUIOP", "ASDFGHJKL", "⇧ZXCVBNM←"]


def test_symbols_page_has_digits_and_common_punctuation():
    keyboard = OnscreenKeyboard("symbols")
    assert labels(keyboard.rows()[0]) == "1234567890"
    typed = {key.value for row in keyboard.rows() for key in row if key.action == "char"}
    assert set(SYMBOLS) <= typed


def test_the_korean_page_offers_every_jamo_key_of_the_composer():
    offered = set()
    for keyboard in every_state():
        if keyboard.page == "ko":
            offered |= {key.value for row in keyboard.rows() for key in row if key.action == "char"}
    assert offered == hangul.JAMO_KEYS


def test_every_key_is_drawable_and_well_formed():
    font_chars = set(map(chr, TTFont(str(FONT_FILE)).getBestCmap()))
    for keyboard in every_state():
        rows = keyboard.rows()
        assert 4 <= len(rows) <= 5
        actions = {key.action for row in rows for key in row}
        assert {"language", "symbols", "space", "backspace", "enter", "left", "right"} <= actions
        assert ("shift" in actions) == (keyboard.page != "symbols")
        for row in rows:
            assert sum(key.width for key in row) <= 12, (keyboard.page, labels(row))
            for key in row:
                assert key.label.strip() and key.action in ACTIONS and key.width > 0
                assert set(key.label) <= font_chars, key.label
                assert (key.action == "char") == bool(key.value)
                if key.action == "char":
                    assert key.label == key.value and len(key.value) == 1


def test_wrong_pages_actions_and_labels_are_refused():
    with pytest.raises(ValueError):
        OnscreenKeyboard("jp")
    with pytest.raises(ValueError):
        OnscreenKeyboard().press(Key("?", "tab"))
    with pytest.raises(KeyError):
        OnscreenKeyboard("ko").find("a")


def test_find_prefers_a_label_then_an_action():
    keyboard = OnscreenKeyboard("en")
    assert keyboard.find("e") == Key("e", "char", "e")
    assert keyboard.find("enter").action == "enter"
    assert keyboard.find("Enter").action == "enter"


def test_module_docstring_examples_hold():
    for module in (hangul, onscreen_keyboard):
        assert doctest.testmod(module).failed == 0
