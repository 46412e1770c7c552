"""city_services/README.md, "How a city deploys it", followed as written: PostgreSQL, key files,
`check-deployment`, the server command (4 workers) and a forwarding proxy in front of it. The rate
limit must hold against a client that forges X-Forwarded-For through the proxy.

Substituted, and nothing else: the database URL, the key files' paths, the port, the interpreter; and
the read limits, lowered through their environment variables so that a few hundred requests show
them (4 workers x the default burst of 200 would need thousands)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time

import httpx
import pytest

from pg_test_server import free_port

from .conftest import ROOT
from .forwarding_proxy import ForwardingProxy

README = ROOT / "city_services" / "README.md"
API_KEY = "issued-api-key-for-the-readme-test-41c9"
STAFF_KEY = "issued-staff-key-for-the-readme-test-8d2e"


def readme_commands() -> list[str]:
    """The `python -m city_services ...` commands of the deployment section, continuation lines joined."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## How a city deploys it"):text.index("## Never a double booking")]
    commands = []
    for block in re.findall(r"```\n(.*?)```", section, re.S):
        joined = re.sub(r"\\\n\s*", "", block)
        commands += [line.strip() for line in joined.splitlines() if line.strip().startswith("python -m city_services")]
    assert len(commands) == 2, commands
    return commands


def as_run_here(command: str, substitutions: dict[str, str]) -> list[str]:
    for written, here in substitutions.items():
        assert written in command, written
        command = command.replace(written, here)
    args = shlex.split(command)
    return [sys.executable, *args[1:]]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited"
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {timeout} s")


def client_at(address: str) -> httpx.Client:
    """A client connecting from `address` (any 127.x.y.z is this machine)."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30)


@pytest.fixture
def deployed(pg_url, tmp_path):
    (tmp_path / "api_keys").write_text(f"# apps and kiosks\n{API_KEY}\n")
    (tmp_path / "staff_keys").write_text(f"{STAFF_KEY}\n")
    port = str(free_port())
    substitutions = {"postgresql://city:PASSWORD@db.internal/city_services": pg_url,
                     "/etc/city-services/api_keys": str(tmp_path / "api_keys"),
                     "/etc/city-services/staff_keys": str(tmp_path / "staff_keys"), "8311": port}
    check, serve = readme_commands()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CITY_SERVICES_")}
    result = subprocess.run(as_run_here(check, substitutions), cwd=ROOT, env=environment, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("ok:"), result.stdout + result.stderr
    environment.update(CITY_SERVICES_READ_BURST="10", CITY_SERVICES_READ_RATE_PER_S="0.5")
    with open(tmp_path / "server.log", "w") as log:
        server = subprocess.Popen(as_run_here(serve, substitutions), cwd=ROOT, env=environment, stdout=log,
                                  stderr=subprocess.STDOUT)
        try:
            wait_for(f"http://127.0.0.1:{port}/healthz", server)
            with ForwardingProxy(f"http://127.0.0.1:{port}") as proxy:
                yield proxy
        finally:
            server.terminate()
            server.wait(30)


def test_the_readme_deployment_holds_the_rate_limit_behind_its_proxy(deployed):
    with client_at("127.0.0.3") as attacker, client_at("127.0.0.2") as resident:
        assert resident.get(deployed.base_url + "/healthz").json()["database"] == "postgresql"
        forged = [attacker.get(deployed.base_url + "/events/v1/events",
                               headers={"X-Forwarded-For": f"10.9.{i % 250}.1, 203.0.113.{i % 250}"}).status_code
                  for i in range(200)]
        # 4 workers x a burst of 10, plus what refills at 0.5/s per worker while the loop runs.
        assert forged.count(429) >= 120, forged
        assert forged.count(200) <= 40 + 4 * 0.5 * 60
        assert [resident.get(deployed.base_url + "/events/v1/events").status_code for _ in range(5)] == [200] * 5
        filed = resident.post(deployed.base_url + "/open311/v2/requests.json",
                              data={"api_key": API_KEY, "service_code": "other", "address_string": "Seoul",
                                    "attribute[subject]": "README deployment"})
        assert filed.status_code == 200, filed.text
        dev = resident.post(deployed.base_url + "/open311/v2/requests.json",
                            data={"api_key": "metaverse-seoul-dev", "service_code": "other",
                                  "address_string": "Seoul", "attribute[subject]": "x"})
        assert dev.status_code == 403
