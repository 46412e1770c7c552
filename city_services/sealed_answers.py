"""Idempotency-Key answers as the store keeps them: findable and readable only by a repeat of the request.

A stored answer can hold a reservation's secret, a name, a phone number. Everything about one key is
derived from what only its caller holds: the Idempotency-Key (clients send a fresh random UUID), the
caller's credentials (api_key, staff key, resident key) and the method and path.

- `lookup`: the row's primary key, a one-way digest: the table does not say whose key a row is.
- `request_tag`: an HMAC of the request's fingerprint: tells "same request" from "other request"
  without a digest of the body (which could be guessed from a name and a phone number).
- The answer (status, headers, body) is sealed with AES-GCM under a key derived the same way: the
  table alone reveals nothing, and another caller with the same Idempotency-Key finds another row.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import urllib.parse
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

CREDENTIAL_HEADERS = (b"x-api-key", b"x-staff-key", b"x-resident-key")
_READ_HEADERS = frozenset(CREDENTIAL_HEADERS + (b"content-type",))
_FORM_API_KEY = re.compile(rb"(?:^|&)api_key=([^&]*)")
NONCE_BYTES = 12


@dataclass(frozen=True)
class Answer:
    status_code: int
    headers: list  # [[name, value], ...] as latin-1 text
    body: bytes


@dataclass(frozen=True)
class SealedKey:
    """One Idempotency-Key as one caller uses it on one path."""

    lookup: str
    request_tag: str
    cipher_key: bytes

    def seal(self, answer: Answer) -> bytes:
        head = json.dumps([answer.status_code, answer.headers]).encode()
        plain = len(head).to_bytes(4, "big") + head + answer.body
        nonce = os.urandom(NONCE_BYTES)
        return nonce + AESGCM(self.cipher_key).encrypt(nonce, plain, self.lookup.encode())

    def open(self, sealed: bytes) -> Answer:
        plain = AESGCM(self.cipher_key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], self.lookup.encode())
        size = int.from_bytes(plain[:4], "big")
        status_code, headers = json.loads(plain[4:4 + size])
        return Answer(status_code, headers, plain[4 + size:])


def sealed_key(scope: str, key: str, caller: bytes, fingerprint: str) -> SealedKey:
    """`scope` "POST /path", `key` the Idempotency-Key, `caller` from `caller_of`, `fingerprint` the
    request's digest (method, path, query, content type, body)."""
    root = hashlib.sha256(_framed(b"city-services idempotency v1", scope.encode(), key.encode(), caller)).digest()
    lookup = hashlib.sha256(b"lookup\x00" + root).hexdigest()
    request_tag = hmac.new(root, b"request\x00" + fingerprint.encode(), hashlib.sha256).hexdigest()
    return SealedKey(lookup, request_tag, hashlib.sha256(b"cipher\x00" + root).digest())


def caller_of(scope, body: bytes) -> bytes:
    """The credentials a request carries: the credential headers, and a form's api_key field."""
    given = {name: value for name, value in scope["headers"] if name in _READ_HEADERS}
    parts = [given.get(name, b"") for name in CREDENTIAL_HEADERS]
    if given.get(b"content-type", b"").startswith(b"application/x-www-form-urlencoded"):
        found = _FORM_API_KEY.search(body)
        parts.append(urllib.parse.unquote_to_bytes(found.group(1).replace(b"+", b" ")) if found else b"")
    return _framed(*parts)


def _framed(*parts: bytes) -> bytes:
    """Parts joined so that no two different lists of parts give the same bytes."""
    return b"".join([len(part).to_bytes(8, "big") + part for part in parts])
