"""`--self-check`: what an installation has and whether its city services answer, one line each.

For a resident (or whoever helps one) asking "does this installation work?", and for the packaging
test, which runs it in the frozen app: a packaged app must find its scenes, models, font and CA bundle
beside the executable and start the embedded city-services server (SQLite, Alembic migrations) from
there. Opens no window. Exit status 0 when every check passed, 1 otherwise.

    ok: version: metaverse-seoul 0.1.0 (packaged)
    ok: city services: embedded at http://127.0.0.1:40811: 9 kinds of complaint, 6 facilities, 4 events
"""

import sys

from . import __version__
from .paths import FONT_FILE, FROZEN, user_data_dir

CONNECT_TIMEOUT_S = 60.0


def _version(settings, catalog):
    return f"metaverse-seoul {__version__} ({'packaged' if FROZEN else 'from source'})"


def _scenes(settings, catalog):
    files = [path for manifest in catalog.values() for path in manifest.all_model_files]
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        raise RuntimeError(f"model files missing: {', '.join(missing)}")
    kinds = sorted({"".join(path.suffixes) for path in files})  # .glb from source, .bam.pz packaged
    return f"{len(catalog)} scenes, {len(files)} models ({', '.join(kinds)})"


def _font(settings, catalog):
    if not FONT_FILE.is_file():
        raise RuntimeError(f"{FONT_FILE} is missing")
    return str(FONT_FILE)


def _ca_bundle(settings, catalog):
    # requests verifies a city's https:// endpoint against certifi's bundle; a frozen app must ship it.
    from requests.certs import where
    bundle = where()
    with open(bundle, encoding="ascii") as pem:
        certificates = pem.read().count("BEGIN CERTIFICATE")
    if not certificates:
        raise RuntimeError(f"{bundle} holds no certificates")
    return f"{bundle} ({certificates} certificates)"


def _city_services(settings, catalog):
    from .services.connection import CityConnection
    city = CityConnection(settings.api, data_dir=user_data_dir())
    try:
        if not city.wait(CONNECT_TIMEOUT_S) or city.client is None:  # None: the thread died (see the log)
            raise RuntimeError(city.error or f"no client within {CONNECT_TIMEOUT_S:g} s")
        client = city.client
        client.health()
        where = f"embedded at {client.base_url}" if city.server else client.base_url
        return (f"{where}: {len(client.services())} kinds of complaint, {len(client.facilities())} facilities, "
                f"{len(client.events())} events")
    finally:
        city.stop()


CHECKS = (("version", _version), ("scenes", _scenes), ("font", _font), ("CA bundle", _ca_bundle),
          ("city services", _city_services))


def self_check(settings, catalog, out=sys.stdout):
    """Run every check, print `ok: NAME: what` or `problem: NAME: why` for each; 0 if all passed."""
    failed = 0
    for name, check in CHECKS:
        try:
            print(f"ok: {name}: {check(settings, catalog)}", file=out, flush=True)
        except Exception as exc:  # a check reports any failure as its line; the next check still runs
            failed += 1
            message = f"{type(exc).__name__}: {exc}".splitlines()[0]
            print(f"problem: {name}: {message}", file=out, flush=True)
    return 1 if failed else 0
