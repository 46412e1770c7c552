"""Measured figures of a run, written by --stats FILE.json (see DESIGN.md section 3)."""

import json
import os
import statistics
import time

from ..core.atomic_file import replaced_atomically
from ..core.figures import percentile


def process_start_time():
    """Wall-clock time this process started (Linux: from /proc), else now."""
    try:
        with open("/proc/self/stat") as stat:
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as uptime:
            up = float(uptime.read().split()[0])
        return time.time() - up + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.time()


class RunStats:
    def __init__(self, process_start):
        self.process_start = process_start
        self.load_s = None
        self.first_frame_s = None
        self.frame_times = []
        self.frame_cpu_times = []  # CPU seconds the whole process (the software renderer's threads too) spent
        self.scene = {}
        self.models = []
        self.headset = None  # the headset session's figures (xr.session.SessionStats.summary())

    def frame_summary(self, times=None):
        ms = [t * 1000 for t in (self.frame_times if times is None else times)]
        if not ms:
            return {"median": None, "p95": None, "p99": None, "count": 0}
        return {"median": round(statistics.median(ms), 3), "p95": round(percentile(ms, 0.95), 3),
                "p99": round(percentile(ms, 0.99), 3), "count": len(ms)}

    def as_dict(self):
        # frame_cpu_ms: on a machine shared with other work the wall-clock frame time says more about the
        # neighbours than about the frame; the CPU time a frame costs does not.
        figures = {"load_s": self.load_s, "first_frame_s": self.first_frame_s,
                   "frame_ms": self.frame_summary(), "frame_cpu_ms": self.frame_summary(self.frame_cpu_times),
                   **self.scene, "models": self.models}
        if self.headset is not None:
            figures["headset"] = self.headset
        return figures

    def write(self, path):
        """Write the JSON atomically: a half-written stats file is worse than none."""
        with replaced_atomically(path) as tmp:
            tmp.write_text(json.dumps(self.as_dict(), indent=2), encoding="utf-8")
