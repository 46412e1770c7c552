"""The 2-beolsik composer against every modern syllable, with Unicode's own decomposition as the oracle.

Expected keys and preedits are built here from unicodedata (NFD/NFC and jamo names) and a layout
chart written out by hand, not from the tables in core/hangul.py, so a wrong table there shows up.
"""

import string
import unicodedata

import pytest
from hypothesis import given, strategies as st

from metaverse_seoul.core.hangul import HangulComposer, compose_keys, hangul_keys, jamo_for_key

SYLLABLES = [chr(code) for code in range(0xAC00, 0xD7A4)]

# The printed 2-beolsik chart: unshifted keys, and the seven keys Shift changes.
CHART = dict(zip("qwertyuiop" "asdfghjkl" "zxcvbnm", "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ" "ㅁㄴㅇㄹㅎㅗㅓㅏㅣ" "ㅋㅌㅊㅍㅠㅜㅡ"))
SHIFTED_CHART = dict(zip("QWERTOP", "ㅃㅉㄸㄲㅆㅒㅖ"))
KEY_OF = {jamo: key for key, jamo in (CHART | SHIFTED_CHART).items()}
# Compound vowels and finals as two keystrokes.
SPLIT = {"ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ", "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
         "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ", "ㄽ": "ㄹㅅ",
         "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ"}


def _short_name(char):
    return unicodedata.name(char).split(" ", 2)[2]  # 'HANGUL JONGSEONG RIEUL-KIYEOK' -> 'RIEUL-KIYEOK'


def letter(conjoining):
    """The compatibility jamo (what a key types) for a conjoining jamo: ᆰ -> ㄺ."""
    return unicodedata.lookup("HANGUL LETTER " + _short_name(conjoining))


def conjoining(kind, compatibility):
    """The conjoining jamo of a kind (CHOSEONG, JUNGSEONG, JONGSEONG) for a compatibility jamo."""
    return unicodedata.lookup(f"HANGUL {kind} {_short_name(compatibility)}")


def typing_of(syllable):
    """(the jamo keys that type `syllable`, the preedit after each of them), from NFD and NFC."""
    lead, *rest = unicodedata.normalize("NFD", syllable)
    typed, preedits, built = [letter(lead)], [letter(lead)], lead
    for part, kind in zip(rest, ("JUNGSEONG", "JONGSEONG")):
        pieces = SPLIT.get(letter(part), letter(part))
        if len(pieces) == 2:
            typed.append(pieces[0])
            preedits.append(unicodedata.normalize("NFC", built + conjoining(kind, pieces[0])))
        typed.append(pieces[-1])
        built += part
        preedits.append(unicodedata.normalize("NFC", built))
    return typed, preedits


def test_the_oracle_itself_on_known_syllables():
    assert typing_of("닭") == (list("ㄷㅏㄹㄱ"), ["ㄷ", "다", "달", "닭"])
    assert typing_of("과") == (list("ㄱㅗㅏ"), ["ㄱ", "고", "과"])
    assert typing_of("꽊") == (list("ㄲㅗㅏㄲ"), ["ㄲ", "꼬", "꽈", "꽊"])


def test_the_layout_is_the_2_beolsik_chart():
    for key, jamo in CHART.items():
        assert jamo_for_key(key) == jamo
        assert jamo_for_key(key.upper()) == SHIFTED_CHART.get(key.upper(), jamo)
    for key in "1 .,!?-ㄱ가" + string.punctuation:
        assert jamo_for_key(key) is None
    assert jamo_for_key("") is None and jamo_for_key("rk") is None


def test_every_syllable_types_and_backspaces_jamo_by_jamo():
    """All 11,172 syllables: the keys, every preedit on the way, the commit, and Backspace back
    through the same preedits, one jamo per press."""
    composer = HangulComposer()
    for syllable in SYLLABLES:
        typed, preedits = typing_of(syllable)
        keys = "".join(KEY_OF[jamo] for jamo in typed)
        assert hangul_keys(syllable) == keys
        for key, preedit in zip(keys, preedits):
            assert composer.feed(jamo_for_key(key)) == "", syllable
            assert composer.preedit == preedit, (syllable, key)
        for preedit in reversed([""] + preedits[:-1]):
            assert composer.backspace() is True
            assert composer.preedit == preedit, syllable
        assert composer.backspace() is False
        for key in keys:
            composer.feed(jamo_for_key(key))
        assert composer.commit() == syllable
        assert composer.preedit == ""


def test_a_vowel_after_any_final_takes_its_last_consonant():
    """Every syllable with a final, then ㅏ: the final's last typed consonant starts a new syllable
    (닭 ㅏ -> 달가, 각 ㅏ -> 가가, 갂 ㅏ -> 가까)."""
    checked = 0
    for syllable in SYLLABLES:
        typed, preedits = typing_of(syllable)
        if len(unicodedata.normalize("NFD", syllable)) < 3:
            continue
        moved = unicodedata.normalize("NFC", conjoining("CHOSEONG", typed[-1]) + "\u1161")
        assert compose_keys(hangul_keys(syllable) + "k") == preedits[-2] + moved, syllable
        checked += 1
    assert checked == 11172 - 19 * 21


@pytest.mark.parametrize("follower", ["아", "까", "따", "사", "와"])
def test_every_syllable_then_a_second_one(follower):
    """ㅇ and ㅅ can become the first syllable's final (or half of one) and must move back; ㄲ is a
    final and moves whole; ㄸ is never a final; 와 starts with a compound vowel."""
    for syllable in SYLLABLES:
        assert compose_keys(hangul_keys(syllable + follower)) == syllable + follower


def test_a_deterministic_sample_of_syllable_pairs():
    for index, first in enumerate(SYLLABLES):
        second = SYLLABLES[(index * 7919 + 13) % len(SYLLABLES)]
        assert compose_keys(hangul_keys(first + second)) == first + second


@pytest.mark.parametrize("keys, text", [
    ("rkfhemd tjdnf", "가로등 서울"),
    ("dkssudgktpdy", "안녕하세요"),
    ("ekfrk", "달가"),
    ("rhk", "과"),
    ("dml", "의"),
    ("dho", "왜"),
    ("QQ", "ㅃㅃ"),             # double consonants only from Shift, and two lone ones stay two
    ("rr", "ㄱㄱ"),             # typing a consonant twice is no ㄲ
    ("rkrr", "각ㄱ"),           # nor a ㄲ final
    ("rt", "ㄱㅅ"),             # no ㄳ without a vowel: the first lone consonant is committed
    ("k", "ㅏ"),
    ("kk", "ㅏㅏ"),
    ("hk", "ㅘ"),               # lone vowels still make a compound
    ("kr", "ㅏㄱ"),             # no reordering of a consonant before a lone vowel
    ("kro", "ㅏ개"),
    ("rkR", "갂"),
    ("rkRk", "가까"),           # a Shift double final moves whole
    ("rkE", "가ㄸ"),            # ㄸ is never a final
    ("rkEk", "가따"),
    ("ekfrt", "닭ㅅ"),          # a third final consonant starts a new block
    ("ekfrtk", "닭사"),
    ("rhkr", "곽"),
    ("rhkrk", "과가"),
    ("rhkl", "과ㅣ"),           # ㅘ takes no third vowel
    ("RKFHEMD", "까로뜽"),      # Shift: ㄲ ㅏ ㄹ ㅗ ㄸ ㅡ ㅇ
    ("dO dP", "얘 예"),
    ("rkf1", "갈1"),             # digits, space and punctuation commit, then pass through
    ("rk.rk", "가.가"),
    ("rk, rk!", "가, 가!"),
    ("", ""),
])
def test_edge_sequences(keys, text):
    assert compose_keys(keys) == text


def test_feed_returns_what_each_step_finished():
    composer = HangulComposer()
    steps = [(composer.feed(jamo), composer.preedit) for jamo in "ㄷㅏㄹㄱㅏㅎ"]
    assert steps == [("", "ㄷ"), ("", "다"), ("", "달"), ("", "닭"), ("달", "가"), ("", "갛")]
    assert composer.commit() == "갛"
    assert (composer.commit(), composer.preedit) == ("", "")


def test_backspace_undoes_the_halves_of_compounds_only_inside_the_preedit():
    composer = HangulComposer()
    for jamo in "ㄷㅏㄹㄱㅏ":
        composer.feed(jamo)  # 달 committed, 가 composing: the moved ㄱ and the ㅏ
    seen = []
    while composer.backspace():
        seen.append(composer.preedit)
    assert seen == ["ㄱ", ""]
    for jamo in "ㄱㅗㅏ":
        composer.feed(jamo)
    assert [composer.backspace() and composer.preedit for _ in range(3)] == ["고", "ㄱ", ""]


@pytest.mark.parametrize("not_a_key", ["a", "1", " ", "ㅘ", "ㄳ", "가", "", "ㄱㄱ"])
def test_feed_takes_only_jamo_keys(not_a_key):
    with pytest.raises(ValueError):
        HangulComposer().feed(not_a_key)


@pytest.mark.parametrize("text, keys", [
    ("가로등", "rkfhemd"),
    ("닭", "ekfr"),
    ("과", "rhk"),
    ("까치", "Rkcl"),
    ("ㅋㅋ", "zz"),
    ("ㄳ", "rt"),
    ("ㅘ", "hk"),
    ("120 다산콜센터!", "120 ektkszhftpsxj!"),
])
def test_hangul_keys(text, keys):
    assert hangul_keys(text) == keys


def test_mixed_text_round_trips():
    text = "서울시 120 다산콜센터, 가로등 고장!"
    assert compose_keys(hangul_keys(text)) == text


NON_LETTERS = "".join(c for c in string.printable if c not in string.ascii_letters and c.isprintable())


@given(st.text(alphabet=st.one_of(st.sampled_from(SYLLABLES), st.sampled_from(NON_LETTERS))))
def test_any_hangul_and_non_letter_text_round_trips(text):
    """Latin letters are excluded: on a 2-beolsik keyboard they are the jamo keys themselves."""
    assert compose_keys(hangul_keys(text)) == text
