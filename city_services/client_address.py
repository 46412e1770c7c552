"""Which address a request comes from, for the rate limits, behind the reverse proxies a city trusts.

Each proxy appends the address it received the request from to X-Forwarded-For; everything to the
left of that was written by the client and proves nothing. So, as uvicorn's own ProxyHeadersMiddleware
decides (the server hands it the same list, see __main__.py): when the peer is a trusted proxy, the
client is the rightmost X-Forwarded-For entry that is not a trusted proxy (the leftmost if all are);
otherwise the peer itself, whatever the header says.
"""

from __future__ import annotations

import ipaddress


class ProxyTrust:
    def __init__(self, networks: tuple):
        self.networks = networks

    def trusts(self, host: str | None) -> bool:
        if not host or not self.networks:
            return False
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in network for network in self.networks)

    def client_of(self, peer: str | None, forwarded_for: list[bytes]) -> str:
        """`peer`: the address of the connection; `forwarded_for`: every X-Forwarded-For header value."""
        if not self.trusts(peer) or not forwarded_for:
            return peer or "unknown"
        hosts = [_host(part) for value in forwarded_for for part in value.decode("latin-1").split(",")]
        hosts = [host for host in hosts if host]
        for host in reversed(hosts):
            if not self.trusts(host):
                return host
        return hosts[0] if hosts else peer


def _host(entry: str) -> str:
    """An X-Forwarded-For entry without its port: `1.2.3.4:5`, `[::1]:5`, `::1` and `1.2.3.4` alike."""
    entry = entry.strip()
    if entry.startswith("["):
        return entry[1:entry.find("]")] if "]" in entry else entry
    if entry.count(":") == 1:
        return entry.split(":")[0]
    return entry
