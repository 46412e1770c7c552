"""The resident key: issued once by a city-services server, kept in the user's data folder, and sent
with every complaint (header X-Resident-Key), so that the resident can later read their own requests
with their contact details ("My requests"); nobody else can.

The server issues it (128 random bits) and keeps only its digest; the app keeps one key per server it
files with (the embedded one, or a city's URL), in a file only the user can read.
"""

import json
import threading
from pathlib import Path

from .. import paths
from ..core.atomic_file import replaced_atomically

KEYS_FILE = "resident_keys.json"
EMBEDDED = "embedded"  # the in-app server changes port every start; its database stays in the data folder


class ResidentKeyFile:
    """The keys by server; `key(issue)` answers the stored one or asks `issue()` for a new one."""

    def __init__(self, server, data_dir=None):
        folder = Path(data_dir) if data_dir is not None else paths.user_data_dir()
        self.path = folder / KEYS_FILE
        self.server = server
        self._lock = threading.Lock()

    def key(self, issue):
        """The resident key for this server; `issue()` is called (network) only when none is stored."""
        with self._lock:
            keys = self._read()
            if self.server not in keys:
                keys[self.server] = issue()
                self._write(keys)
            return keys[self.server]

    def forget(self):
        """Drop this server's key (it no longer knows it: its database was replaced)."""
        with self._lock:
            keys = self._read()
            if keys.pop(self.server, None) is not None:
                self._write(keys)

    def _read(self):
        try:
            keys = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return keys if isinstance(keys, dict) else {}

    def _write(self, keys):
        with replaced_atomically(self.path) as partial:  # a secret: mkstemp makes it the user's only
            partial.write_text(json.dumps(keys), encoding="utf-8")
