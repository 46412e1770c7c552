"""The issue's outage case with real processes: the API is down, the resident submits 200
complaints, the app is killed (SIGKILL) and restarted twice, the API comes back: the server ends up
with exactly 200 records, no duplicate. On top, one more run dies right after the server answered
but before the outbox wrote the answer down, the window where a naive client would send twice."""

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from city_server import ROOT, CityServerProcess
from pg_test_server import free_port

from metaverse_seoul.services.outbox import PENDING, REFUSED, SENT, Outbox

CLIENT = Path(__file__).with_name("outbox_client.py")
COUNT = 200


def start_app(*args):
    # The project first; what was on the path stays (under libfaketime, tests/faketime's sitecustomize).
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen([sys.executable, str(CLIENT), *map(str, args)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def read_until(app, wanted):
    """Read the app's progress lines until one starts with `wanted`; fail if it ends first."""
    seen = []
    for line in app.stdout:
        seen.append(line.strip())
        if line.startswith(wanted):
            return seen
    app.wait()
    raise AssertionError(f"app ended ({app.returncode}) before {wanted!r}: {seen[-5:]} {app.stderr.read()}")


def kill(app):
    app.send_signal(signal.SIGKILL)
    app.wait()
    app.stdout.close()
    app.stderr.close()


def test_outage_then_kills_then_recovery_gives_exactly_one_record_each(tmp_path):
    data_dir, database = tmp_path / "app-data", tmp_path / "server.sqlite3"
    port = free_port()
    url = f"http://127.0.0.1:{port}"

    # API down. The resident submits 200 complaints; the app keeps trying, and is killed.
    app = start_app("submit", data_dir, url, COUNT)
    read_until(app, f"submitted {COUNT}")
    kill(app)
    assert Outbox(data_dir).counts() == {PENDING: COUNT, SENT: 0, REFUSED: 0}

    # Restart 1, API still down: it tries, fails, and is killed again.
    app = start_app("drain", data_dir, url)
    read_until(app, "sent 0 refused 0 outage True")
    kill(app)
    assert Outbox(data_dir).counts()[PENDING] == COUNT

    # No rate limit here: 429 + Retry-After is covered in test_live_server; this test is about
    # processes dying.
    server = CityServerProcess(f"sqlite:///{database}", tmp_path / "server.log", "--no-rate-limit",
                               port=port).wait_until_up()
    try:
        # Restart 2, API up: it dies by SIGKILL right after the server's 80th answer, before
        # writing that answer down.
        app = start_app("drain", data_dir, url, "--die-after", 80)
        app.wait(60)
        assert app.returncode == -signal.SIGKILL, app.stderr.read()
        app.stdout.close()
        app.stderr.close()
        assert Outbox(data_dir).counts()[SENT] == 79  # the 80th reached the server, unrecorded

        # Restart 3 sends the rest; the 80th is sent again with its stored key and replayed.
        app = start_app("drain", data_dir, url)
        lines = read_until(app, "done")
        app.wait(30)
        assert app.returncode == 0, lines
    finally:
        server.stop()

    items = Outbox(data_dir).items()
    assert [item.status for item in items] == [SENT] * COUNT
    assert len({item.server_id for item in items}) == COUNT
    # Ground truth straight from the server's database: one row per complaint, none twice.
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT id, description FROM service_requests").fetchall()
    assert len(rows) == COUNT
    assert sorted(description for _, description in rows) == sorted(
        f"outage test complaint {n}" for n in range(COUNT))
    by_description = {description: str(row_id) for row_id, description in rows}
    assert all(by_description[item.payload["description"]] == item.server_id for item in items)
