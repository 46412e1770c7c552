"""Stopping what a test or benchmark started: by process id, never by name, and the children a program
started itself (ibus-daemon starts its engines, a D-Bus daemon starts dconf) along with it."""

import os
import signal
import subprocess
import time
from pathlib import Path


def descendants(pid):
    """Process ids started under `pid` (children, their children...), read from /proc."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # ended meanwhile
        # Fields after the command name, which is in parentheses and may hold spaces.
        fields = text[text.rindex(")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid):
    """Running (a zombie waiting for its parent to read its status counts as ended)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return text[text.rindex(")") + 2] != "Z"


def _signal(pids, sig):
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def stop_process(process: subprocess.Popen, grace=5.0, sig=signal.SIGTERM):
    """Stop `process` and everything it started: `sig`, then SIGKILL after `grace` seconds."""
    if process is None:
        return
    family = descendants(process.pid)
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    _signal(family, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while any(_alive(pid) for pid in family) and time.monotonic() < deadline:
        time.sleep(0.05)
    _signal([pid for pid in family if _alive(pid)], signal.SIGKILL)
