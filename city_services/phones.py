"""Phone numbers read with `phonenumbers` (Google's libphonenumber metadata), not by hand.

One person is one number however it is written: "010-1234-5678", "010 1234 5678", "+82 10-1234-5678",
"82 10 1234 5678" and "0082 10 1234 5678" are all +821012345678 (E.164). Numbers without a country are
read as Korean.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat

REGION = "KR"


def parsed(text: str) -> PhoneNumber | None:
    """The number `text` spells, valid per libphonenumber's metadata, or None."""
    for spelling in _spellings(text):
        try:
            number = phonenumbers.parse(spelling, REGION)
        except NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def _spellings(text: str) -> list[str]:
    """`text`, and for "00 82 ..." (the international prefix most of the world dials, which Korea's
    own metadata does not list) the same number with "+"."""
    spellings = [text]
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits.startswith("00") and not text.lstrip().startswith("+"):
        spellings.append("+" + digits[2:])
    return spellings


def person_key(phone: str) -> str:
    """The number in E.164, which identifies a person for per-person quotas; a number libphonenumber
    cannot validate keeps only its digits."""
    number = parsed(phone)
    if number is None:
        return "".join(ch for ch in phone if ch.isdigit())
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)
