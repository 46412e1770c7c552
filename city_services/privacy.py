"""Personal-data helpers: secrets are stored only as hashes, and contact details typed into public
free text (a description) are masked before anyone but the author sees it."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

RESIDENT_KEY_PATTERN = re.compile(r"^[A-Za-z0-9_\-]{16,128}$")
_EMAIL = re.compile(r"[^\s@<>()\[\]]+@[^\s@<>()\[\]]+\.[A-Za-z]{2,}")
# Korean mobile and landline numbers, with or without +82, spaces, dots or dashes.
_PHONE = re.compile(r"(?<!\d)(?:\+?82[\s.\-]?)?0?\d{1,2}[\s.\-]?\d{3,4}[\s.\-]?\d{4}(?!\d)")
MASK = "[hidden]"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def matches(secret: str | None, stored_digest: str | None) -> bool:
    if not secret or not stored_digest:
        return False
    return hmac.compare_digest(digest(secret), stored_digest)


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def mask_contact_details(text: str | None) -> str | None:
    """Hide e-mail addresses and phone numbers a resident typed into a public text."""
    if not text:
        return text
    return _PHONE.sub(MASK, _EMAIL.sub(MASK, text))
