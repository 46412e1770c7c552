"""Deployment defaults: no development key off loopback, keys from files or the environment, compared in
constant time, and `python -m city_services check-deployment`."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from city_services import __main__ as cli
from city_services import keys
from city_services.config import ENV_PREFIX

from .conftest import DEV_KEY, ROOT, STAFF_KEY, complaint

API_KEY = "issued-api-key-7f3a9c2e51d84b06"
STAFF = "issued-staff-key-c0ffee4e2d1b9a77"


@pytest.fixture(autouse=True)
def no_keys_in_the_environment(monkeypatch):
    for name in ("API_KEYS", "STAFF_KEYS", "API_KEYS_FILE", "STAFF_KEYS_FILE"):
        monkeypatch.delenv(ENV_PREFIX + name, raising=False)


@pytest.fixture
def key_files(tmp_path):
    api = tmp_path / "api_keys"
    api.write_text(f"# issued 2026-12\n{API_KEY}\n\n")
    staff = tmp_path / "staff_keys"
    staff.write_text(f"{STAFF}\n")
    return str(api), str(staff)


@pytest.mark.parametrize("args, named", [
    ([], "api_keys: metaverse-seoul-dev; staff_keys: metaverse-seoul-staff-dev"),
    (["--api-key", API_KEY], "staff_keys: metaverse-seoul-staff-dev"),  # the staff dev key no longer slips through
    (["--staff-key", STAFF], "api_keys: metaverse-seoul-dev"),
])
def test_development_keys_off_loopback_are_refused(args, named, capsys):
    assert cli.main(["--host", "0.0.0.0", *args]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: refusing to listen on 0.0.0.0"), lines
    assert f"({named})" in lines[0] and "--insecure-dev-keys" in lines[0]


def test_a_demo_may_allow_them_explicitly(key_files):
    settings_args = cli.parse_args(["--host", "192.0.2.10", "--insecure-dev-keys"])
    assert cli.refusal_to_listen(cli.settings_from(settings_args), settings_args) is None
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        args = cli.parse_args(["--host", host])
        assert cli.refusal_to_listen(cli.settings_from(args), args) is None
    api, staff = key_files
    args = cli.parse_args(["--host", "0.0.0.0", "--api-keys-file", api, "--staff-keys-file", staff])
    assert cli.refusal_to_listen(cli.settings_from(args), args) is None


def test_keys_from_files_replace_the_development_keys(run_server, key_files):
    api, staff = key_files
    server = run_server(None, "--no-rate-limit", "--api-keys-file", api, "--staff-keys-file", staff)
    with httpx.Client(base_url=server.base_url) as http:
        assert http.post("/open311/v2/requests.json", data=complaint()).status_code == 403
        created = http.post("/open311/v2/requests.json", data=complaint(api_key=API_KEY))
        assert created.status_code == 200
        update = f"/staff/v1/requests/{created.json()[0]['service_request_id']}/updates"
        assert http.post(update, json={"status_detail": "closed"}, headers={"X-Staff-Key": STAFF_KEY}).status_code == 403
        assert http.post(update, json={"status_detail": "closed"}, headers={"X-Staff-Key": STAFF}).status_code == 201


def test_key_files_may_come_from_the_environment(key_files, monkeypatch):
    api, staff = key_files
    monkeypatch.setenv(ENV_PREFIX + "API_KEYS_FILE", api)
    monkeypatch.setenv(ENV_PREFIX + "STAFF_KEYS_FILE", staff)
    settings = cli.settings_from(cli.parse_args([]))
    assert (settings.api_keys, settings.staff_keys) == ((API_KEY,), (STAFF,))


@pytest.mark.parametrize("content, expected", [
    ("# nothing but a comment\n\n", "no keys in it (one key per line)"),
    ("one,two\n", "a key contains a comma"),
])
def test_bad_key_files_are_one_clear_error(tmp_path, capsys, content, expected):
    path = tmp_path / "keys"
    path.write_text(content)
    assert cli.main(["--api-keys-file", str(path)]) == 2
    assert capsys.readouterr().err.strip() == f"error: --api-keys-file {path}: {expected}"
    assert cli.main(["--staff-keys-file", str(tmp_path / "missing")]) == 2
    assert "cannot read it" in capsys.readouterr().err


def test_every_accepted_key_is_compared_whatever_matches(monkeypatch):
    calls = []
    real = keys.hmac.compare_digest
    monkeypatch.setattr(keys.hmac, "compare_digest", lambda a, b: calls.append(len(a)) or real(a, b))
    ring = keys.KeyRing(("first-key-aaaaaaaaaa", "second", "third-key-cccccccccc"))
    for candidate, accepted in (("first-key-aaaaaaaaaa", True), ("third-key-cccccccccc", True), ("x", False),
                                ("second", True)):
        calls.clear()
        assert ring.accepts(candidate) is accepted
        assert calls == [32, 32, 32]  # digests of equal length: no early exit, no length leak
    assert not ring.accepts(None) and not ring.accepts("")


def run_check(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith(ENV_PREFIX)}
    return subprocess.run([sys.executable, "-m", "city_services", "check-deployment", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, env=env)


def test_check_deployment_lists_what_is_unsafe(tmp_path, key_files):
    result = run_check("--host", "0.0.0.0", "--no-rate-limit", "--api-key", "short")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.strip().splitlines()
    assert all(line.startswith("unsafe: ") for line in lines)
    text = result.stdout
    assert f"staff_keys: {STAFF_KEY} is the public development key" in text
    assert DEV_KEY + " is" not in text  # --api-key replaced it
    assert "api_keys: 1 key(s) shorter than 16 characters" in text
    assert "rate limits are off" in text and "host 0.0.0.0: plain HTTP off loopback" in text

    api, staff = key_files
    result = run_check("--api-keys-file", api, "--staff-keys-file", staff)
    assert result.returncode == 0 and result.stdout.startswith("ok: nothing unsafe found for 127.0.0.1:8311")
