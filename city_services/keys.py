"""Issued keys (api_keys, staff keys): read from files, checked in constant time.

A key is compared through its SHA-256 digest with `hmac.compare_digest` against every accepted key,
without stopping at the first match: how long the check takes says nothing about how much of a
guess was right, nor about how long the real keys are.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from .config import DEV_API_KEY, DEV_STAFF_KEY, SettingsError

DEVELOPMENT_KEYS = frozenset({DEV_API_KEY, DEV_STAFF_KEY})
MIN_KEY_LENGTH = 16  # shorter keys can be guessed; check-deployment says so


class KeyRing:
    """The digests of the accepted keys."""

    def __init__(self, keys: tuple[str, ...]):
        self._digests = tuple(_digest(key) for key in keys)

    def accepts(self, candidate: str | None) -> bool:
        if not candidate:
            return False
        given = _digest(candidate)
        found = False
        for accepted in self._digests:
            found |= hmac.compare_digest(given, accepted)
        return found


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


def read_keys_file(path: str, option: str) -> tuple[str, ...]:
    """The keys in `path`: one per line; blank lines and lines starting with # are skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{option} {path}: cannot read it ({type(exc).__name__})") from None
    keys = tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    if not keys:
        raise SettingsError(f"{option} {path}: no keys in it (one key per line)")
    if any("," in key for key in keys):  # workers receive the keys as a comma list
        raise SettingsError(f"{option} {path}: a key contains a comma")
    return keys
