"""CPU per request of the city-services app, in-process: no sockets, no load generator, no uvicorn.

    python -m benchmarks.api_cpu [--root CHECKOUT] [--requests 1500]

Builds the app of the checkout at --root (default: this one) on a fresh SQLite file and calls it as
an ASGI application: keyed complaint POSTs, then each read path of the load test. Prints the process
CPU time per request (ms) as JSON. On a machine shared with other jobs this moves far less than
latency does, so two checkouts (say, a change and the commit before it) can be compared by running
this alternately on each.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

COMPLAINT = {"api_key": "metaverse-seoul-dev", "service_code": "road-damage", "lat": "37.5663", "long": "126.9779",
             "attribute[lane]": "roadway", "attribute[damage_type]": "pothole",
             "description": "A broken ramp near the station exit, please fix it soon."}
READS = ["/open311/v2/services.json", "/events/v1/events", "/reservations/v1/facilities",
         "/open311/v2/requests/1.json", "/reservations/v1/facilities/S-SPORT-0001/slots"]
FORM_HEADERS = [(b"content-type", b"application/x-www-form-urlencoded"), (b"x-forwarded-for", b"203.0.113.9")]


def http_scope(method: str, path: str, headers=()) -> dict:
    return {"type": "http", "method": method, "path": path, "raw_path": path.encode(), "query_string": b"",
            "headers": [(b"host", b"bench"), *headers], "client": ("127.0.0.1", 5000), "server": ("bench", 80),
            "scheme": "http", "http_version": "1.1", "root_path": "", "asgi": {"version": "3.0"}}


async def call(app, scope: dict, body: bytes = b"") -> int:
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    status = []

    async def receive():
        return messages.pop() if messages else {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await app(scope, receive, send)
    return status[0]


async def complaint(app) -> int:
    key = (b"idempotency-key", str(uuid.uuid4()).encode())
    body = urllib.parse.urlencode(COMPLAINT).encode()
    return await call(app, http_scope("POST", "/open311/v2/requests.json", [*FORM_HEADERS, key]), body)


async def cpu_ms_per_call(requests: int, make_call) -> float:
    started = time.process_time()
    for _ in range(requests):
        status = await make_call()
        assert status == 200, status
    return round((time.process_time() - started) / requests * 1000, 3)


async def measure(requests: int) -> dict:
    from city_services.app import create_app

    folder = tempfile.mkdtemp(prefix="api-cpu-")
    app = create_app(f"sqlite:///{folder}/city.sqlite3", read_burst=10**9, write_burst=10**9,
                     read_rate_per_s=1e9, write_rate_per_s=1e9)
    for _ in range(50):  # warm up, and make request 1 exist
        assert await complaint(app) == 200
    figures = {"complaint_post": await cpu_ms_per_call(requests, lambda: complaint(app))}
    for path in READS:
        figures[path] = await cpu_ms_per_call(requests, lambda: call(app, http_scope("GET", path)))
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.api_cpu", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(Path(__file__).resolve().parent.parent),
                        help="the checkout whose city_services to measure")
    parser.add_argument("--requests", type=int, default=1500)
    args = parser.parse_args(argv)
    sys.path.insert(0, args.root)
    figures = asyncio.run(measure(args.requests))
    print(json.dumps({"root": args.root, "cpu_ms_per_request": figures}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
