"""Resident keys: issued by the server (128 random bits), checked on every request that carries one.

A resident key lets its holder list their own complaints with their contact details. A key a client
made up could be weak; so only keys this server issued are accepted, and the server keeps only their
SHA-256 digests.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, insert, select

from . import privacy
from .db import Database
from .models import Resident
from .timeutil import to_db

_TABLE = Resident.__table__
_FIND = select(_TABLE.c.key_hash).where(_TABLE.c.key_hash == bindparam("h"))
MAX_REMEMBERED = 100_000


class ResidentKeys:
    def __init__(self, database: Database):
        self.database = database
        self._issued: set[str] = set()  # digests seen issued: keys are never withdrawn

    def issue(self, now: datetime) -> str:
        key = privacy.new_resident_key()
        with self.database.write_connection() as connection:
            connection.execute(insert(_TABLE), {"key_hash": privacy.digest(key), "created_at": to_db(now)})
        return key

    def is_issued(self, key: str) -> bool:
        digest = privacy.digest(key)
        if digest in self._issued:
            return True
        with self.database.read_connection() as connection:
            found = connection.execute(_FIND, {"h": digest}).first() is not None
        if found:
            if len(self._issued) >= MAX_REMEMBERED:
                self._issued.clear()
            self._issued.add(digest)
        return found
