"""Korean 2-beolsik (두벌식) input: jamo in, syllables out, as a desktop input method composes them.

Pure logic (no engine, no network). The kiosk's on-screen keyboard (onscreen_keyboard.py) types
through a HangulComposer, because a VR pointer or a touch screen has no operating-system input
method to do it; typing on it must feel like ibus-hangul or the Windows IME, or residents stop.

Worked example, typing 달가 ('ekfrk' on a 2-beolsik keyboard):

    key  jamo  committed  preedit  why
    e    ㄷ               ㄷ       a lone initial
    k    ㅏ               다       initial + medial
    f    ㄹ               달       a final
    r    ㄱ               닭       ㄹ+ㄱ make the compound final ㄺ
    k    ㅏ    달         가       a vowel takes the final's last consonant into a new syllable

    >>> compose_keys('ekfrk')
    '달가'
    >>> hangul_keys('닭')
    'ekfr'

The rules are libhangul's (ibus-hangul) for its "2" keyboard with its default options:
- compound vowels (ㅘ ㅙ ㅚ ㅝ ㅞ ㅟ ㅢ) and compound finals (ㄳ ㄵ ㄶ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅄ) form from two
  keys; double consonants (ㄲ ㄸ ㅃ ㅆ ㅉ) only from their Shift key, never by typing a consonant
  twice (ㄱ ㄱ gives ㄱㄱ, 각 ㄱ gives 각ㄱ);
- a consonant after a lone consonant finishes the first one: ㄱ then ㅅ commits ㄱ and composes ㅅ
  (no ㄳ is built without a vowel);
- a consonant after a lone vowel finishes the vowel: ㅏ then ㄱ gives ㅏㄱ (no reordering into 가);
  two vowels that make a compound still join without an initial (ㅗ ㅏ gives ㅘ);
- ㄸ ㅃ ㅉ cannot be a final, so after a vowel they start a new syllable (가 ㄸ gives 가ㄸ);
- a vowel after a final takes the final's last typed consonant into a new syllable
  (각 ㅏ gives 가가, 닭 ㅏ gives 달가, 갂 ㅏ gives 가까: ㄲ typed with Shift is one key);
- Backspace undoes the last jamo typed into the syllable being composed, halves of compounds
  included (닭 → 달 → 다 → ㄷ → nothing; 과 → 고 → ㄱ); committed text is the caller's to delete.
"""

FIRST_SYLLABLE, LAST_SYLLABLE = 0xAC00, 0xD7A3

# Compatibility jamo in Unicode's syllable order: syllable = FIRST + (initial*21 + medial)*28 + final.
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ("",) + tuple("ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")

COMPOUND_VOWELS = {"ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ", "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ"}
COMPOUND_FINALS = {"ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ",
                   "ㄽ": "ㄹㅅ", "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ"}
_JOINED = {parts: whole for whole, parts in (COMPOUND_VOWELS | COMPOUND_FINALS).items()}

# The 2-beolsik layout: each Latin key of a US keyboard and the jamo it types.
_PLAIN_KEYS = dict(zip("qwertyuiopasdfghjklzxcvbnm", "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡ"))
_SHIFTED_KEYS = dict(zip("QWERTOP", "ㅃㅉㄸㄲㅆㅒㅖ"))
_LAYOUT = {key.upper(): jamo for key, jamo in _PLAIN_KEYS.items()} | _SHIFTED_KEYS | _PLAIN_KEYS
_KEY_FOR_JAMO = {jamo: key for key, jamo in (_PLAIN_KEYS | _SHIFTED_KEYS).items()}

CONSONANTS = frozenset(INITIALS)  # the 19 consonant keys
VOWELS = frozenset(_KEY_FOR_JAMO) - CONSONANTS  # the 14 vowel keys
_VOWEL_CHARS = "".join(sorted(VOWELS))
_MEDIAL_SET, _FINAL_SET = frozenset(MEDIALS), frozenset(FINALS) - {""}
JAMO_KEYS = CONSONANTS | VOWELS


def jamo_for_key(key: str) -> str | None:
    """The jamo a Latin key types on a 2-beolsik keyboard ('r' -> 'ㄱ', 'R' -> 'ㄲ', 'K' -> 'ㅏ'),
    None for any other key. Shift changes only ㅂㅈㄷㄱㅅㅐㅔ; other capitals type their plain jamo."""
    return _LAYOUT.get(key)


def is_syllable(char: str) -> bool:
    return len(char) == 1 and FIRST_SYLLABLE <= ord(char) <= LAST_SYLLABLE


def syllable_jamo(syllable: str) -> str:
    """The jamo keys that type a precomposed syllable, in order ('닭' -> 'ㄷㅏㄹㄱ', '과' -> 'ㄱㅗㅏ')."""
    initial, rest = divmod(ord(syllable) - FIRST_SYLLABLE, 21 * 28)
    medial, final = divmod(rest, 28)
    return INITIALS[initial] + _split(MEDIALS[medial]) + _split(FINALS[final])


def _split(jamo):
    return COMPOUND_VOWELS.get(jamo) or COMPOUND_FINALS.get(jamo) or jamo


def _keys_for_char(char):
    if is_syllable(char):
        return "".join(_KEY_FOR_JAMO[jamo] for jamo in syllable_jamo(char))
    if char in _KEY_FOR_JAMO or char in _JOINED.values():
        return "".join(_KEY_FOR_JAMO[jamo] for jamo in _split(char))
    return char


def hangul_keys(text: str) -> str:
    """The Latin keys that type `text` on a 2-beolsik keyboard ('가로등' -> 'rkfhemd'). Characters
    that are not Hangul pass through unchanged, so Latin letters in `text` come back as keys too:
    compose_keys(hangul_keys(text)) == text holds for Hangul syllables among non-letters."""
    return "".join(_keys_for_char(char) for char in text)


def compose_keys(keys: str) -> str:
    """Type `keys` through a HangulComposer: 2-beolsik letter keys are jamo, any other key commits
    the syllable being composed and passes through ('rkfhemd 120' -> '가로등 120')."""
    composer = HangulComposer()
    typed = []
    for key in keys:
        jamo = jamo_for_key(key)
        typed.append(composer.feed(jamo) if jamo else composer.commit() + key)
    typed.append(composer.commit())
    return "".join(typed)


class _Block:
    """One syllable under composition, read from the jamo typed into it; `valid` is False when
    those jamo cannot form one block (two lone consonants, a final with no vowel, ...)."""

    def __init__(self, typed):
        initial = typed[0] if typed and typed[0] in CONSONANTS else ""
        rest = typed[len(initial):]
        vowel_count = len(rest) - len(rest.lstrip(_VOWEL_CHARS))
        self.initial = initial
        self.medial = _joined(rest[:vowel_count], _MEDIAL_SET)
        self.final = _joined(rest[vowel_count:], _FINAL_SET)
        self.valid = (bool(typed) and self.medial is not None and self.final is not None
                      and (not self.final or bool(initial and self.medial)))

    @property
    def text(self):
        if self.initial and self.medial:
            index = (INITIALS.index(self.initial) * 21 + MEDIALS.index(self.medial)) * 28
            return chr(FIRST_SYLLABLE + index + FINALS.index(self.final))
        return self.initial or self.medial


def _joined(jamo, allowed):
    """One jamo from up to two typed ones ('ㅗㅏ' -> 'ㅘ'), '' from none, None when they do not join
    into one of `allowed` (ㄸ is no final; ㅏㅏ is no vowel; a vowel after a final is no final)."""
    if not jamo:
        return ""
    whole = _JOINED.get(jamo, jamo)
    return whole if whole in allowed else None


class HangulComposer:
    """Composes one syllable at a time from jamo; see the module docstring for the rules."""

    def __init__(self):
        self._typed = ""  # the jamo typed into the syllable being composed, in order

    @property
    def preedit(self) -> str:
        """The syllable (or lone jamo) being composed, '' if none."""
        return _Block(self._typed).text

    def feed(self, jamo: str) -> str:
        """Add one jamo key (ㄱ…ㅎ incl. ㄲㄸㅃㅆㅉ, ㅏ…ㅣ incl. ㅒㅖ). Returns the text this step
        finished, '' if none; the rest stays in `preedit`."""
        if jamo not in JAMO_KEYS:
            raise ValueError(f"not a 2-beolsik jamo key: {jamo!r}")
        if _Block(self._typed + jamo).valid:
            self._typed += jamo
            return ""
        if jamo in VOWELS and _Block(self._typed).final:
            finished, self._typed = self._typed[:-1], self._typed[-1] + jamo
            return _Block(finished).text
        finished, self._typed = self.preedit, jamo
        return finished

    def backspace(self) -> bool:
        """Undo the last jamo typed into the preedit (닭 -> 달, 과 -> 고); False when nothing was
        composing, and the caller then deletes the character before the caret."""
        if not self._typed:
            return False
        self._typed = self._typed[:-1]
        return True

    def commit(self) -> str:
        """End the composition (focus moved, a non-jamo key typed): return the preedit and clear it."""
        finished, self._typed = self.preedit, ""
        return finished
