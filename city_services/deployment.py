"""What makes a configuration unsafe to put on a network.

`python -m city_services check-deployment [the server's flags]` lists it, one line each, and the
server itself refuses to listen on a non-loopback address while a development key is accepted
(unless `--insecure-dev-keys`, for a demonstration).
"""

from __future__ import annotations

import ipaddress

from .config import Settings
from .keys import DEVELOPMENT_KEYS, MIN_KEY_LENGTH

# Proxies trusted with a network this wide let any client name its own address to the rate limits.
WIDEST_TRUSTED_PREFIX = {4: 8, 6: 32}


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything


def development_keys(settings: Settings) -> list[str]:
    """`option: key` for each public development key the settings accept."""
    kinds = (("api_keys", settings.api_keys), ("staff_keys", settings.staff_keys))
    return [f"{option}: {key}" for option, keys in kinds for key in keys if key in DEVELOPMENT_KEYS]


def problems(settings: Settings, host: str) -> list[str]:
    """Everything unsafe in serving `settings` on `host`, one line each (empty: nothing found)."""
    found = [f"{entry} is the public development key: anyone can use it; issue your own "
             f"(--api-keys-file, --staff-keys-file or CITY_SERVICES_API_KEYS / CITY_SERVICES_STAFF_KEYS)"
             for entry in development_keys(settings)]
    for option, keys in (("api_keys", settings.api_keys), ("staff_keys", settings.staff_keys)):
        short = [key for key in keys if key not in DEVELOPMENT_KEYS and len(key) < MIN_KEY_LENGTH]
        if short:
            found.append(f"{option}: {len(short)} key(s) shorter than {MIN_KEY_LENGTH} characters can be guessed")
    if not settings.rate_limit:
        found.append("rate limits are off (--no-rate-limit)")
    for network in settings.trusted_proxy_networks():
        if network.prefixlen < WIDEST_TRUSTED_PREFIX[network.version]:
            found.append(f"trusted_proxies: {network} lets clients choose their own address for the rate limits; "
                         "list only your proxies")
    if not is_loopback(host):
        found.append(f"host {host}: plain HTTP off loopback carries keys and personal data unencrypted; "
                     "listen on 127.0.0.1 behind a reverse proxy that terminates TLS")
    return found
