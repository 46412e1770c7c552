"""Following the resident's complaints ("My requests"): the city's server is asked every `interval_s`
seconds (and at once when the resident opens the list) for the requests filed with this computer's
resident key; each one whose status, notes or time of change moved since it was last seen raises one
notice in the world. What was seen is kept in the user's data folder, so a change made while the app
was closed is announced at the next start, and only once.
"""

import json
from pathlib import Path

from ..core.atomic_file import replaced_atomically
from ..core.my_requests import changed, remember
from ..services.errors import CityServicesError, one_line

SEEN_FILE = "requests-seen.json"


class RequestsWatcher:
    def __init__(self, connection, work, task_mgr, data_dir, interval_s, on_change, locale=None):
        """`on_change(record)` is called on the main thread for each request that changed; `locale`: the
        language of the service names (set it again when the interface's language changes)."""
        self.connection = connection
        self.locale = locale
        self.work = work
        self.task_mgr = task_mgr
        self.path = Path(data_dir) / SEEN_FILE
        self.interval_s = interval_s
        self.on_change = on_change
        self.records = None  # the latest list from the server; None until it has answered
        self.error = None  # why the last look did not work, in one line
        self.listeners = []  # called with no argument after each answer (a panel showing the list)
        self._job = None
        self.seen = self._read()
        task_mgr.doMethodLater(interval_s, self._tick, "requests-watcher")

    def _tick(self, task):
        self.refresh()
        return task.again

    def refresh(self):
        """Ask the server now (unless a look is already under way)."""
        if self.connection is None or self._job is not None:
            return
        self._job = self.work.start(lambda report: self._fetch(), name="my-requests",
                                    done=self._answered, failed=self._failed)

    def _fetch(self):
        if not self.connection.wait(timeout=30):
            raise CityServicesError(self.connection.error or "not connected")
        return self.connection.client.my_requests(locale=self.locale)

    def _answered(self, records):
        self._job, self.error = None, None
        self.records = records
        for record in changed(records, self.seen):
            self.on_change(record)
        self.seen = remember(records, self.seen)
        self._write()
        self._tell()

    def _failed(self, exc):
        self._job, self.error = None, one_line(exc)
        self._tell()

    def _tell(self):
        for listener in list(self.listeners):
            listener()

    def _read(self):
        try:
            seen = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return seen if isinstance(seen, dict) else {}

    def _write(self):
        try:
            with replaced_atomically(self.path) as tmp:
                tmp.write_text(json.dumps(self.seen), encoding="utf-8")
        except OSError:
            pass  # not kept: a change may be announced twice, nothing is lost

    def destroy(self):
        self.task_mgr.remove("requests-watcher")
        if self._job is not None:
            self._job.cancel()
