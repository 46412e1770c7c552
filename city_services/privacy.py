"""Personal-data helpers: secrets are stored only as hashes, and contact details typed into public
free text (a description) are masked before anyone but the author sees it."""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import secrets

from . import phones

RESIDENT_KEY_PATTERN = re.compile(r"^[A-Za-z0-9_\-]{16,128}$")
# An e-mail address however written: "a@b.kr", "a @ b . kr", "a(at)b(dot)kr", "a [at] b [dot] kr",
# fullwidth "＠" and "．", and all in words, "a at b dot kr" (a bare " at " only with a bare " dot ":
# "the lamp at school. Fix it" is a sentence). Possessive quantifiers (++) keep the scan linear.
_AT = r"(?:\s*+[@＠]\s*+|\s*+[\[({<]\s*+(?:at|골뱅이)\s*+[\])}>]\s*+)"
_DOT = r"(?:\s*+[.．。]\s*+|\s*+[\[({<]\s*+(?:dot|점)\s*+[\])}>]\s*+|\s++dot\s++)"
_LOCAL = r"(?<![\w.+\-])[\w.+\-]++"
_EMAIL = re.compile(rf"{_LOCAL}{_AT}[\w\-]++(?:{_DOT}[\w\-]++)+|{_LOCAL}\s++at\s++[\w\-]++(?:\s++dot\s++[\w\-]++)+",
                    re.IGNORECASE)
# Digits, however spaced or punctuated between them (fullwidth forms too), maybe after "+".
_SEPARATOR = r"[\s.\-/()－．／（）]"
_DIGIT_RUN = re.compile(rf"(?<![\w+])\+?\d(?:{_SEPARATOR}{{0,3}}\d)*+")
_DIGIT_GROUP = re.compile(r"\d++")
PHONE_DIGITS = range(9, 15)  # a Korean number: 9-11 digits, 11-12 after 82, 13-14 after 0082
MASK = "[hidden]"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def matches(secret: str | None, stored_digest: str | None) -> bool:
    if not secret or not stored_digest:
        return False
    return hmac.compare_digest(digest(secret), stored_digest)


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def new_resident_key() -> str:
    """128 bits of randomness (22 URL-safe characters): not guessable, whoever else holds one."""
    return secrets.token_urlsafe(16)


def mask_contact_details(text: str | None) -> str | None:
    """Hide e-mail addresses and phone numbers in a public text (a description, staff notes)."""
    if not text:
        return text
    return _DIGIT_RUN.sub(_mask_phones_in_run, _EMAIL.sub(MASK, text))


def _mask_phones_in_run(run: re.Match) -> str:
    """A run of digit groups may hold several numbers ("010 1234 5678 / 010 8765 4321"): from each
    group on, the longest span of whole groups that is a phone number is masked."""
    text = run.group()
    groups = [(m.start(), m.end()) for m in _DIGIT_GROUP.finditer(text)]
    out, kept_to, first = [], 0, 0
    while first < len(groups):
        last = _longest_number(text, groups, first)
        if last is None:
            first += 1
            continue
        start = 0 if first == 0 else groups[first][0]  # a leading "+" belongs to the number
        out += [text[kept_to:start], MASK]
        kept_to, first = groups[last][1], last + 1
    return "".join(out) + text[kept_to:]


def _longest_number(text: str, groups: list, first: int) -> int | None:
    """The last group of the longest span of groups from `first` on that spells a phone number."""
    digits = ""
    spans = []
    for last in range(first, len(groups)):
        digits += text[groups[last][0]:groups[last][1]]
        if len(digits) > PHONE_DIGITS[-1]:
            break
        if len(digits) in PHONE_DIGITS:
            spans.append(last)
    prefix = "+" if first == 0 and text.startswith("+") else ""
    for last in reversed(spans):
        if _is_phone(prefix + "".join(text[a:b] for a, b in groups[first:last + 1])):
            return last
    return None


@functools.lru_cache(maxsize=4096)
def _is_phone(digits: str) -> bool:
    return phones.parsed(digits) is not None
