"""Load benchmark of the city-services reference server (python -m benchmarks.api_load).

Starts `python -m city_services` on SQLite (and, with --db postgresql or both, on a throwaway
PostgreSQL cluster from scripts/pg_test_server.py), then drives it from a load generator running in a
SEPARATE process (this same file, `--generate PLAN.json`), over loopback, and prints JSON.

Scenarios, each on the same server in the same run:
- floor:        GET /healthz at the mixed rate: what the framework and the loop cost by themselves.
- mixed:        --rate requests/s (default 300), 80% reads (services, a service definition, one
                request, facilities, slots, events) and 20% complaint POSTs with Idempotency-Key.
- complaints:   complaint POSTs as fast as the server takes them (closed loop, --concurrency).

Open-loop scenarios send on a fixed schedule and measure each latency from the moment the request
was due, not from when it went out, so a stalled server cannot hide its queue (no coordinated
omission). Simulated residents each get their own X-Forwarded-For address, which the server is told
to trust, so its per-address rate limits stay in the measured path without throttling the benchmark.
"""

import argparse
import asyncio
import json
import math
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))  # the project's server and PostgreSQL helpers for tests and benchmarks
from city_server import CityServerProcess  # noqa: E402
RESULTS_DIR = Path(__file__).resolve().parent / "results"
API_KEY = "metaverse-seoul-dev"
RESIDENTS = 256  # distinct simulated client addresses (TEST-NET-3, only ever written in a header)
TARGETS = {"mixed_p99_ms_max": 25.0, "complaint_posts_per_s_min": 300.0, "p99_ratio_to_floor_max": 3.0}


# ==== load generator (runs in its own process) ==================================================


class Connection:
    """One keep-alive HTTP/1.1 connection; a lean client so the generator's own cost stays small."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def request(self, method, path, headers, body):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            self.writer.transport.get_extra_info("socket").setsockopt(
                socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                f"Content-Length: {len(body)}"]
        head += [f"{name}: {value}" for name, value in headers.items()]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("server closed the connection")
        status = int(status_line.split()[1])
        length, chunked, close = 0, False, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and value == "close":
                close = True
        if chunked:
            while (size := int((await self.reader.readline()).strip(), 16)) > 0:
                await self.reader.readexactly(size + 2)
            await self.reader.readline()
        elif length:
            await self.reader.readexactly(length)
        if close:
            self.close()
        return status

    def close(self):
        if self.writer is not None:
            self.writer.close()
            self.writer = None


class RequestMaker:
    """Builds the next request of a kind: paths and bodies come from the plan the parent wrote."""

    def __init__(self, plan):
        self.plan = plan
        self.rng = random.Random(plan.get("seed", 1))

    def resident(self):
        return {"X-Forwarded-For": f"203.0.113.{self.rng.randrange(RESIDENTS)}"}

    def make(self, kind):
        headers = self.resident()
        if kind == "healthz":
            return "GET", "/healthz", headers, b""
        if kind == "read":
            return "GET", self.rng.choice(self.plan["read_paths"]), headers, b""
        if kind == "complaint":
            form = dict(self.plan["complaint_form"])
            form["description"] = f"benchmark complaint {uuid.uuid4().hex[:12]}"
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "Idempotency-Key": str(uuid.uuid4())})
            return "POST", "/open311/v2/requests.json", headers, urllib.parse.urlencode(form).encode()
        raise ValueError(f"unknown request kind {kind!r}")


def latency_summary(latencies_s):
    """p50/p90/p99/max/mean in milliseconds (nearest-rank percentiles)."""
    ordered = sorted(latencies_s)

    def pct(p):
        if not ordered:
            return None
        return round(1000 * ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)], 2)

    return {"p50": pct(50), "p90": pct(90), "p99": pct(99), "max": pct(100),
            "mean": round(1000 * sum(ordered) / len(ordered), 2) if ordered else None}


def summarise(name, latencies_s, statuses, errors, elapsed_s, extra, by_kind=None):
    """The scenario's figures; `by_kind` ({label: latencies}) adds reads, writes and each read path."""

    counts = {}
    for status in statuses:
        counts[str(status)] = counts.get(str(status), 0) + 1
    ok = sum(n for status, n in counts.items() if status.startswith("2"))
    return {"scenario": name, **extra, "requests": len(latencies_s), "ok": ok, "errors": errors,
            "status_counts": counts, "elapsed_s": round(elapsed_s, 2),
            "throughput_per_s": round(ok / elapsed_s, 1) if elapsed_s else None,
            "latency_ms": latency_summary(latencies_s),
            **({"latency_ms_by_kind": {kind: {"requests": len(values), **latency_summary(values)}
                                       for kind, values in sorted(by_kind.items())}} if by_kind else {})}


async def open_loop(plan, maker, host, port):
    """Send at a fixed rate for the duration; latency counts from each request's due time."""
    rate, duration = plan["rate"], plan["duration_s"]
    kinds, weights = zip(*plan["mix"])
    # A fixed pool of keep-alive connections, as load testers (wrk2) use: when the server falls
    # behind, requests wait here for a connection and that wait counts in their latency, instead of
    # the generator opening thousands of connections and measuring its own accept storm.
    pool = asyncio.Queue()
    for _ in range(plan["connections"]):
        pool.put_nowait(Connection(host, port))
    latencies, statuses, errors = [], [], 0
    by_kind = {}
    pending = set()

    async def one(due, kind):
        nonlocal errors
        connection = await pool.get()
        method, path, headers, body = maker.make(kind)
        labels = [kind] + ([f"read {path.split('?')[0]}"] if kind == "read" else [])  # all reads, and each path
        try:
            status = await connection.request(method, path, headers, body)
        except (OSError, ValueError, asyncio.IncompleteReadError):
            connection.close()
            errors += 1
        else:
            latencies.append(time.perf_counter() - due)
            for label in labels:
                by_kind.setdefault(label, []).append(latencies[-1])
            statuses.append(status)
        finally:
            pool.put_nowait(connection)

    start = time.perf_counter()
    total = int(rate * duration)
    for index in range(total):
        due = start + index / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        task = asyncio.create_task(one(due, maker.rng.choices(kinds, weights)[0]))
        pending.add(task)
        task.add_done_callback(pending.discard)
    await asyncio.gather(*pending)
    elapsed = time.perf_counter() - start
    while not pool.empty():
        pool.get_nowait().close()
    return summarise(plan["name"], latencies, statuses, errors, elapsed,
                     {"mode": "open-loop", "target_rate_per_s": rate, "connections": plan["connections"],
                      "mix": plan["mix"]}, by_kind if len(kinds) > 1 else None)


async def closed_loop(plan, maker, host, port):
    """`concurrency` residents each send the next request as soon as the last one is answered."""
    deadline = time.perf_counter() + plan["duration_s"]
    latencies, statuses, errors = [], [], 0

    async def resident():
        nonlocal errors
        connection = Connection(host, port)
        while time.perf_counter() < deadline:
            sent = time.perf_counter()
            try:
                status = await connection.request(*maker.make(plan["mix"][0][0]))
            except (OSError, ValueError, asyncio.IncompleteReadError):
                connection.close()
                errors += 1
                continue
            latencies.append(time.perf_counter() - sent)
            statuses.append(status)
        connection.close()

    start = time.perf_counter()
    await asyncio.gather(*(resident() for _ in range(plan["concurrency"])))
    elapsed = time.perf_counter() - start
    return summarise(plan["name"], latencies, statuses, errors, elapsed,
                     {"mode": "closed-loop", "concurrency": plan["concurrency"], "mix": plan["mix"]})


def generate(plan_file):
    """Entry point of the load-generator process: run one scenario, print its JSON summary."""
    plan = json.loads(Path(plan_file).read_text())
    parts = urllib.parse.urlsplit(plan["base_url"])
    maker = RequestMaker(plan)
    runner = open_loop if plan["mode"] == "open" else closed_loop
    print(json.dumps(asyncio.run(runner(plan, maker, parts.hostname, parts.port))))


# ==== orchestration (the parent process) ========================================================


def process_tree_cpu_s(pid):
    """CPU seconds (user + system) used so far by a process and its children (server workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def http_get(url):
    import urllib.request

    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, json.loads(response.read() or b"null")


def http_post_form(url, form, key):
    import urllib.request

    request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode(),
                                     headers={"Idempotency-Key": key}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


def filled_attribute(attribute):
    """A valid answer to one required Open311 attribute, so benchmark complaints are accepted."""
    if attribute.get("values"):
        return attribute["values"][0]["key"]
    return {"number": "1", "datetime": "2026-01-01T09:00:00+09:00"}.get(attribute["datatype"], "benchmark")


def discover(url):
    """Read paths and a valid complaint form, from what the server itself offers."""
    open311 = url + "/open311/v2"
    _, services = http_get(open311 + "/services.json")
    read_paths = ["/open311/v2/services.json", "/events/v1/events", "/reservations/v1/facilities"]
    code = services[0]["service_code"]
    _, definition = http_get(f"{open311}/services/{code}.json")
    read_paths.append(f"/open311/v2/services/{code}.json")
    form = {"api_key": API_KEY, "service_code": code, "lat": "37.5663", "long": "126.9779"}
    for attribute in definition.get("attributes", []):
        if attribute.get("required") and attribute.get("variable", True):
            form[f"attribute[{attribute['code']}]"] = filled_attribute(attribute)
    _, answer = http_post_form(open311 + "/requests.json", {**form, "description": "warm-up"},
                               str(uuid.uuid4()))
    read_paths.append(f"/open311/v2/requests/{answer[0]['service_request_id']}.json")
    _, facilities = http_get(url + "/reservations/v1/facilities")
    items = facilities["items"] if isinstance(facilities, dict) else facilities
    if items:
        facility_id = items[0].get("service_id") or items[0].get("id")
        read_paths.append(f"/reservations/v1/facilities/{facility_id}/slots")
    return read_paths, form


def run_generator(plan, workdir):
    """Run one scenario in a separate load-generator process and return its summary."""
    plan_file = Path(workdir) / f"plan-{plan['name']}.json"
    plan_file.write_text(json.dumps(plan))
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--generate", str(plan_file)],
                          cwd=ROOT, capture_output=True, text=True, timeout=plan["duration_s"] + 120)
    if done.returncode != 0:
        raise RuntimeError(f"load generator failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout)


def measured(server, plan, workdir):
    """Run a scenario, adding the server's CPU time per request and the machine's load average:
    on a shared machine these tell a slow server from a busy one."""
    load_before = os.getloadavg()[0]
    cpu_before = process_tree_cpu_s(server.process.pid)
    result = run_generator(plan, workdir)
    cpu_used = process_tree_cpu_s(server.process.pid) - cpu_before
    result["server_cpu_ms_per_request"] = round(1000 * cpu_used / max(1, result["requests"]), 2)
    result["server_cpu_share"] = round(cpu_used / result["elapsed_s"], 2)
    result["load_average_1min"] = {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)}
    return result


def bench_backend(backend, database_url, args, workdir):
    workers = ["--workers", str(args.workers)] if args.workers > 1 else []
    server = CityServerProcess(database_url, Path(workdir) / f"server-{backend}.log", "--trusted-proxies", "127.0.0.1",
                               *workers)
    try:
        server.wait_until_up()
        read_paths, form = discover(server.base_url)
        base = {"base_url": server.base_url, "read_paths": read_paths, "complaint_form": form,
                "connections": args.connections}
        warm = {**base, "name": "warm-up", "mode": "open", "rate": 100, "duration_s": 2,
                "mix": [["read", 8], ["complaint", 2]]}
        run_generator(warm, workdir)
        scenarios = [
            {"name": "floor", "mode": "open", "rate": args.rate, "mix": [["healthz", 1]]},
            {"name": "mixed", "mode": "open", "rate": args.rate, "mix": [["read", 8], ["complaint", 2]]},
            {"name": "complaints", "mode": "closed", "concurrency": args.concurrency,
             "mix": [["complaint", 1]]},
            {"name": "floor-max", "mode": "closed", "concurrency": args.concurrency,
             "mix": [["healthz", 1]]},
        ]
        results = [measured(server, {**base, **scenario, "duration_s": args.duration}, workdir)
                   for scenario in scenarios]
    finally:
        server.stop()
    by_name = {result["scenario"]: result for result in results}
    mixed_p99, floor_p99 = by_name["mixed"]["latency_ms"]["p99"], by_name["floor"]["latency_ms"]["p99"]
    checks = {
        "mixed_p99_ms": mixed_p99,
        "mixed_p99_ok": mixed_p99 is not None and mixed_p99 <= TARGETS["mixed_p99_ms_max"],
        "complaint_posts_per_s": by_name["complaints"]["throughput_per_s"],
        "p99_ratio_to_floor": round(mixed_p99 / floor_p99, 2) if mixed_p99 and floor_p99 else None,
    }
    checks["p99_ratio_ok"] = checks["p99_ratio_to_floor"] is not None and \
        checks["p99_ratio_to_floor"] <= TARGETS["p99_ratio_to_floor_max"]
    if backend == "sqlite":
        checks["complaint_posts_ok"] = (checks["complaint_posts_per_s"] or 0) >= \
            TARGETS["complaint_posts_per_s_min"]
    return {"backend": backend, "workers": args.workers, "scenarios": results, "checks": checks}


def postgresql_url():
    """A throwaway cluster from the project's helper (scripts/pg_test_server.py); (url, stop)."""
    from pg_test_server import PostgresCluster

    cluster = PostgresCluster().start()
    return cluster.create_database("api_load"), cluster.stop


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    release = Path("/etc/os-release")
    os_name = next((line.split("=", 1)[1].strip('"') for line in release.read_text().splitlines()
                    if line.startswith("PRETTY_NAME=")), platform.platform()) if release.exists() else \
        platform.platform()
    return {"cpu": cpu, "cores": os.cpu_count(), "os": os_name, "python": platform.python_version()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rate", type=float, default=300.0, help="open-loop requests/s (default 300)")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per scenario (default 15)")
    parser.add_argument("--connections", type=int, default=32,
                        help="open-loop keep-alive connections (default 32)")
    parser.add_argument("--concurrency", type=int, default=16, help="closed-loop residents (default 16)")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (default 1)")
    parser.add_argument("--out", type=Path, default=None, help="JSON file (default benchmarks/results/)")
    parser.add_argument("--generate", metavar="PLAN", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.generate:
        generate(args.generate)
        return 0
    if args.rate <= 0 or args.duration <= 0 or min(args.concurrency, args.connections, args.workers) < 1:
        parser.error("--rate and --duration must be above 0; --concurrency, --connections and --workers "
                     "at least 1")
    report = {"benchmark": "city-services API", "machine": machine(), "targets": TARGETS,
              "settings": {"rate_per_s": args.rate, "duration_s": args.duration,
                           "concurrency": args.concurrency, "connections": args.connections,
                           "workers": args.workers},
              "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "backends": []}
    with tempfile.TemporaryDirectory(prefix="api-load-") as workdir:
        if args.db in ("sqlite", "both"):
            url = f"sqlite:///{workdir}/bench.sqlite3"
            report["backends"].append(bench_backend("sqlite", url, args, workdir))
        if args.db in ("postgresql", "both"):
            url, stop = postgresql_url()
            try:
                report["backends"].append(bench_backend("postgresql", url, args, workdir))
            finally:
                stop()
    from benchmarks.report import write_report  # here: this file also runs as a script (the load generator)
    write_report(report, args.out or RESULTS_DIR / f"api_load-{args.db}-w{args.workers}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
