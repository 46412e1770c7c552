"""Loaded by every Python process of `make test-times` (PYTHONPATH points here), which runs the tests
under libfaketime with the wall clock moved and the monotonic clock left alone
(FAKETIME_DONT_FAKE_MONOTONIC=1): faking the monotonic clock too makes every timed wait of a Python
thread (Event.wait, Lock.acquire with a timeout) wait for years, since glibc's sem_clockwait is not
intercepted.

One known libfaketime 0.9.10 bug remains: with the monotonic clock left alone, clock_nanosleep with
TIMER_ABSTIME, which time.sleep uses from Python 3.11, fails with EINVAL (libfaketime issue #426).
time.sleep waits in select() instead, which takes a relative timeout.
"""

import select
import time


def _sleep(seconds):
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        select.select([], [], [], left)


time.sleep = _sleep
