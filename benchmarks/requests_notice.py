"""How long after city staff update a complaint the resident sees the notice in the world, with the
default polling interval of "My requests" (api.requests_poll_s): the app in a window on a virtual X
display in Seoul Plaza, its embedded server, a complaint filed through the outbox, then staff updates
at moments that fall anywhere in the polling cycle.

    python -m benchmarks.requests_notice [--runs 3]

Prints JSON and writes it to benchmarks/results/requests_notice.json.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT / "scripts"))  # the virtual X display shared with the tests
from xvfb import Xvfb  # noqa: E402

from benchmarks.report import write_report  # noqa: E402

STAFF = {"X-Staff-Key": "metaverse-seoul-staff-dev"}
COMPLAINT = {"service_code": "other", "address_string": "시청역 4번 출구", "attributes": {"subject": "보도블록"},
             "description": "보도블록이 깨져 있습니다"}


def _start_app(folder):
    from metaverse_seoul.core.manifest import list_manifests
    from metaverse_seoul.core.settings import load_settings
    from metaverse_seoul.paths import DEFAULT_CONFIG, scene_assets_dir, scenes_dir
    from metaverse_seoul.services.connection import CityConnection
    from metaverse_seoul.world.app import MetaverseApp, RunOptions

    settings = load_settings(DEFAULT_CONFIG)
    settings.show_hints = False
    city = CityConnection(settings.api, data_dir=folder / "data").start()
    if not city.wait(timeout=60):
        raise SystemExit(f"error: the embedded server did not start: {city.error}")
    catalog = {m.id: m for m in list_manifests(scenes_dir(), scene_assets_dir())}
    app = MetaverseApp(settings, RunOptions(size=(640, 360)), catalog, city)
    app.open_scene(settings.home_scene)
    app.wait_until_loaded()
    return app, city, settings.api.requests_poll_s


def _steps_until(app, condition, timeout):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("error: the notice never came")
        app.step()


def measure(runs, seed=7):
    folder = Path(tempfile.mkdtemp(prefix="requests-notice-"))
    for name in ("CONFIG", "CACHE", "DATA"):
        os.environ[f"METAVERSE_SEOUL_{name}_DIR"] = str(folder / name.lower())
    display = Xvfb().start()
    from panda3d.core import ExecutionEnvironment
    ExecutionEnvironment.setEnvironmentVariable("DISPLAY", display.display)
    app, city, interval = _start_app(folder)
    notices = []
    shown = app.notice
    app.notice = lambda text, seconds=3.0: (notices.append(time.monotonic()), shown(text, seconds))
    item = city.outbox.submit("complaint", COMPLAINT)
    city.worker.drain_once()
    request_id = city.outbox.item(item.id).server_id
    app.requests.refresh()
    _steps_until(app, lambda: app.requests.records, 60)
    delays, rng = [], random.Random(seed)
    try:
        for run in range(runs):
            wait_until = time.monotonic() + rng.uniform(0, interval)  # anywhere in the polling cycle
            _steps_until(app, lambda: time.monotonic() >= wait_until, interval + 5)
            before = len(notices)
            requests.post(f"{city.client.base_url}/staff/v1/requests/{request_id}/updates", headers=STAFF,
                          json={"status_detail": "in_progress", "notes": f"현장 확인 {run + 1}차"}, timeout=10)
            updated = time.monotonic()
            _steps_until(app, lambda: len(notices) > before, interval + 30)
            delays.append(round(notices[-1] - updated, 2))
    finally:
        app.destroy()
        city.stop()
        display.stop()
    return {"poll_interval_s": interval, "runs": runs, "seconds": delays,
            "median_s": statistics.median(delays), "max_s": max(delays)}


def main(argv=None):
    parser = argparse.ArgumentParser(description="Seconds from a staff update to the notice in the world.")
    parser.add_argument("--runs", type=int, default=3)
    result = measure(parser.parse_args(argv).runs)
    write_report(result, RESULTS / "requests_notice.json")


if __name__ == "__main__":
    main()
