"""Work that must not stall a frame (network calls, reading the outbox, preparing models) runs here on
a thread, and its results come back on the main thread, where the engine may be used.

One per app. A job is a function of one argument, `report`: it may call report(value) any number of
times (progress, a changed outbox item...) and returns its result. Everything it reports, returns or
raises is handed to the callbacks given with it, on the main thread, in one task each frame:

    work = BackgroundWork(base.taskMgr)
    work.start(lambda report: client.slots(facility_id),
               done=flow_loaded_slots, failed=show_error)

A job's thread makes no engine calls. Exceptions are handed over, never lost: `failed(exc)` gets every
exception the job raises (callers turn it into one line for the resident); one the caller did not
expect (not a CityServicesError, OSError, ValueError or sqlite3 error) is also logged with its
traceback, since it is a bug. Jobs of something closed (a kiosk walked away from) are cancelled: their
late results are dropped.
"""

import logging
import queue
import sqlite3
import threading
from dataclasses import dataclass, field
from typing import Callable

from ..core.errors import InputError
from ..services.errors import CityServicesError

log = logging.getLogger("metaverse_seoul.background")
EXPECTED_FAILURES = (CityServicesError, InputError, OSError, ValueError, sqlite3.Error)


def _nothing(value):
    return None


@dataclass(eq=False)
class Job:
    """A started job; cancel() drops whatever it hands back from now on."""

    name: str
    done: Callable = _nothing
    failed: Callable = _nothing
    progress: Callable = _nothing
    cancelled: threading.Event = field(default_factory=threading.Event)

    def cancel(self):
        self.cancelled.set()


class BackgroundWork:
    def __init__(self, task_mgr, task_name="background-work"):
        self.results = queue.SimpleQueue()  # (job, callback, value), filled by the jobs' threads
        self.task_mgr = task_mgr
        self.task_name = task_name
        task_mgr.add(self._deliver, task_name, sort=-40)

    def start(self, work, *, name="job", done=_nothing, failed=_nothing, progress=_nothing):
        """Run work(report) on a thread; done(result), failed(exception) and progress(value) run on the
        main thread. Returns the Job."""
        job = Job(name, done, failed, progress)
        thread = threading.Thread(target=self._run, args=(job, work), name=f"background-{name}", daemon=True)
        thread.start()
        return job

    def _run(self, job, work):
        def report(value):
            self.results.put((job, job.progress, value))

        try:
            result = work(report)
        except Exception as exc:  # handed to the main thread: a failed job must say so, not vanish
            if not isinstance(exc, EXPECTED_FAILURES):
                log.exception("background job %s failed", job.name)
            self.results.put((job, job.failed, exc))
        else:
            self.results.put((job, job.done, result))

    def _deliver(self, task):
        while True:
            try:
                job, callback, value = self.results.get_nowait()
            except queue.Empty:
                return task.cont
            if not job.cancelled.is_set():
                callback(value)

    def destroy(self):
        self.task_mgr.remove(self.task_name)
