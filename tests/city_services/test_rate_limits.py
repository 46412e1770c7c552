"""Rate limits behind a proxy: only trusted proxies' X-Forwarded-For entries count (the rightmost
untrusted one is the client), uvicorn trusts exactly the same proxies, and reads cost by rows answered."""

from __future__ import annotations

import warnings

import httpx
import pytest

from city_services import __main__ as cli
from city_services.client_address import ProxyTrust
from city_services.config import ENV_PREFIX, Settings, SettingsError

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PROXY = ("127.0.0.1", 40000)
EVENTS = "/events/v1/events"


def trust(*networks: str) -> ProxyTrust:
    return ProxyTrust(Settings(database_url="sqlite:///x.db", trusted_proxies=networks).trusted_proxy_networks())


@pytest.mark.parametrize("peer, forwarded, client", [
    ("127.0.0.1", [b"10.9.1.1, 203.0.113.7"], "203.0.113.7"),  # the left part is the client's own writing
    ("127.0.0.1", [b"203.0.113.7, 10.0.0.5"], "203.0.113.7"),  # 10.0.0.5: a second, trusted proxy
    ("127.0.0.1", [b"10.9.1.1", b"198.51.100.2:5123"], "198.51.100.2"),  # several headers; a port
    ("127.0.0.1", [b"10.0.0.7, 10.0.0.5"], "10.0.0.7"),  # all trusted: the leftmost
    ("127.0.0.1", [b"[2001:db8::1]:443"], "2001:db8::1"),
    ("198.51.100.9", [b"203.0.113.7"], "198.51.100.9"),  # not from a proxy: the header means nothing
    ("127.0.0.1", [], "127.0.0.1"),
])
def test_the_client_is_the_rightmost_untrusted_address(peer, forwarded, client):
    assert trust("127.0.0.1/32", "10.0.0.0/8").client_of(peer, forwarded) == client


def test_without_trusted_proxies_the_header_is_ignored():
    assert trust().client_of("127.0.0.1", [b"203.0.113.7"]) == "127.0.0.1"


def test_bad_proxy_entries_are_one_clear_error():
    with pytest.raises(SettingsError, match="trusted_proxies: 'proxy.internal' is not an IP address or CIDR block"):
        Settings.from_options("sqlite:///x.db", {"trusted_proxies": "10.0.0.1,proxy.internal"})


def limited_app(make_client, **options):
    app = make_client(rate_limit=True, **options).app
    return lambda address: TestClient(app, client=address)


def test_forged_forwarded_for_entries_do_not_buy_new_buckets(make_client):
    client_at = limited_app(make_client, read_rate_per_s=0.01, read_burst=3, trusted_proxies="127.0.0.1/32")
    via_proxy = client_at(PROXY)
    answers = [via_proxy.get(EVENTS, headers={"X-Forwarded-For": f"10.9.{i}.1, 203.0.113.7"}).status_code
               for i in range(6)]
    assert answers == [200, 200, 200, 429, 429, 429]
    other = via_proxy.get(EVENTS, headers={"X-Forwarded-For": "198.51.100.4"})  # another resident, same proxy
    assert other.status_code == 200
    direct = client_at(("203.0.113.99", 1234))  # not a proxy: its header is its own writing
    assert [direct.get(EVENTS, headers={"X-Forwarded-For": f"10.0.0.{i}"}).status_code for i in range(4)] == \
        [200, 200, 200, 429]


def test_reads_cost_by_the_rows_they_answer(make_client):
    client_at = limited_app(make_client, read_rate_per_s=0.01, read_burst=40, read_rows_per_token=10)
    puller, neighbour = client_at(("203.0.113.1", 1)), client_at(("203.0.113.2", 1))
    big = {"from": "2026-12-01", "to": "2026-12-14"}  # 14 days of tennis slots: ~110 rows, ~12 tokens
    statuses = [puller.get("/reservations/v1/facilities/S-SPORT-0001/slots", params=big).status_code
                for _ in range(6)]
    assert statuses[:3] == [200, 200, 200] and 429 in statuses  # by count alone all 6 would pass
    assert puller.get(EVENTS).status_code == 429  # the debt holds for its small reads too
    assert [neighbour.get(EVENTS).status_code for _ in range(20)] == [200] * 20


def test_uvicorn_trusts_exactly_the_same_proxies(monkeypatch):
    monkeypatch.delenv(ENV_PREFIX + "TRUSTED_PROXIES", raising=False)
    none = cli.settings_from(cli.parse_args([]))
    assert cli.forwarded_options(none) == {"proxy_headers": False}
    some = cli.settings_from(cli.parse_args(["--trusted-proxies", "127.0.0.1,10.0.0.0/8"]))
    assert cli.forwarded_options(some) == {"proxy_headers": True, "forwarded_allow_ips": ["127.0.0.1", "10.0.0.0/8"]}


def hammer(base_url: str, forwarded_for, times: int) -> list[int]:
    with httpx.Client(base_url=base_url) as http:
        return [http.get(EVENTS, headers={"X-Forwarded-For": forwarded_for(i)}).status_code for i in range(times)]


def test_a_real_server_without_trusted_proxies_ignores_the_header_from_loopback(run_server, monkeypatch):
    monkeypatch.setenv(ENV_PREFIX + "READ_BURST", "5")
    monkeypatch.setenv(ENV_PREFIX + "READ_RATE_PER_S", "0.01")
    server = run_server(None)
    statuses = hammer(server.base_url, lambda i: f"10.9.{i}.1", 8)
    assert statuses.count(200) == 5 and statuses[-1] == 429


def test_a_real_server_behind_a_trusted_proxy_limits_the_rightmost_address(run_server, monkeypatch):
    monkeypatch.setenv(ENV_PREFIX + "READ_BURST", "5")
    monkeypatch.setenv(ENV_PREFIX + "READ_RATE_PER_S", "0.01")
    server = run_server(None, "--trusted-proxies", "127.0.0.1/32")
    statuses = hammer(server.base_url, lambda i: f"10.9.{i}.1, 203.0.113.7", 8)
    assert statuses.count(200) == 5 and statuses[-1] == 429
    assert hammer(server.base_url, lambda i: f"198.51.100.{i}", 3) == [200, 200, 200]  # residents told apart


def test_check_deployment_flags_proxies_trusted_too_widely(monkeypatch, capsys):
    monkeypatch.delenv(ENV_PREFIX + "TRUSTED_PROXIES", raising=False)
    assert cli.main(["check-deployment", "--trusted-proxies", "0.0.0.0/0"]) == 1
    assert "trusted_proxies: 0.0.0.0/0 lets clients choose their own address" in capsys.readouterr().out
