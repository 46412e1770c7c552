"""The log of a run in the user data folder: everything the app and the engine write to stderr.

A resident who starts the app from the desktop sees no terminal; when something goes wrong, this file
is what they can look at or send. Panda3D's build_apps has a `log_filename` option, but the executable
it builds then sends stdout and stderr to that file alone, which would hide `--version`,
`--list-scenes` and the `error:` lines from a terminal. So the app copies its own stderr (file
descriptor 2, where Python, Panda3D's notify messages and native libraries all write) into the log and
still writes it to the terminal. The previous run's log is kept beside it as `metaverse-seoul.log.1`.
"""

import atexit
import faulthandler
import os
import platform
import sys
import threading
import time

from . import __version__
from .paths import FROZEN

LOG_NAME = "metaverse-seoul.log"
JOIN_TIMEOUT_S = 2.0


def start(folder, argv):
    """Start copying stderr into folder/metaverse-seoul.log; returns the log's path, or None when the
    folder cannot be written (the run goes on without a log)."""
    path = folder / LOG_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if path.exists():
            os.replace(path, path.with_name(LOG_NAME + ".1"))
        log = open(path, "wb", buffering=0)
    except OSError:
        return None
    log.write(_header(argv).encode(errors="backslashreplace"))  # an argument may hold bytes that are not UTF-8
    # A crash in native code (the renderer, a driver) leaves its Python stack here, written directly.
    faulthandler.enable(file=log)
    if sys.stderr is None:  # a Windows GUI app has no stderr at all: the log is the only place
        sys.stderr = open(log.fileno(), "w", encoding="utf-8", buffering=1, closefd=False)
    else:
        _tee_stderr(log)
    return path


def _header(argv):
    when = time.strftime("%Y-%m-%d %H:%M:%S %z")
    build = "packaged" if FROZEN else "from source"
    return (f"metaverse-seoul {__version__} ({build}) on {platform.platform()}, Python {platform.python_version()}"
            f"\nstarted {when}: {' '.join(argv)}\n")


def _tee_stderr(log):
    """Point fd 2 at a pipe; a thread copies what comes through to the terminal and to the log."""
    sys.stderr.flush()
    terminal = os.dup(2)
    read_end, write_end = os.pipe()
    os.dup2(write_end, 2)
    os.close(write_end)
    pump = threading.Thread(target=_copy, args=(read_end, terminal, log), name="run-log", daemon=True)
    pump.start()

    def finish():
        sys.stderr.flush()
        os.dup2(terminal, 2)  # closes the pipe's last write end: the copying thread reads to its end
        pump.join(JOIN_TIMEOUT_S)

    atexit.register(finish)


def _copy(read_end, terminal, log):
    while chunk := os.read(read_end, 1 << 16):
        try:
            os.write(terminal, chunk)
        except OSError:
            pass  # the terminal went away; the log still gets everything
        log.write(chunk)
    os.close(read_end)
