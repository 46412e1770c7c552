"""`python -m city_services --db URL --host 127.0.0.1 --port 8311 [--workers N]`
`python -m city_services check-deployment [the same flags]` lists what is unsafe in that configuration.

The schema is migrated and seeded once here, before uvicorn starts its workers; each worker then
builds the app from the settings passed in its environment (see config.Settings.to_environment).
"""

from __future__ import annotations

import argparse
import os
import sys

import uvicorn
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from . import deployment
from .config import DEV_API_KEY, DEV_STAFF_KEY, ENV_PREFIX, EnvironmentSettings, Settings, SettingsError
from .db import Database, normalise_url
from .keys import read_keys_file
from .seed import seed

DEFAULT_DB = "sqlite:///city_services.sqlite3"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m city_services", description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get(ENV_PREFIX + "DATABASE_URL", DEFAULT_DB),
                        help=f"sqlite:///FILE or postgresql://user:pass@host/db (default {DEFAULT_DB})")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8311)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (use PostgreSQL for >1)")
    parser.add_argument("--api-key", action="append", dest="api_keys", metavar="KEY",
                        help=f"accepted api_key (repeat for several; default: {ENV_PREFIX}API_KEYS=k1,k2, "
                             f"else the development key {DEV_API_KEY})")
    parser.add_argument("--api-keys-file", metavar="FILE", default=os.environ.get(ENV_PREFIX + "API_KEYS_FILE"),
                        help="accepted api_keys, one per line (# comments)")
    parser.add_argument("--staff-key", action="append", dest="staff_keys", metavar="KEY",
                        help=f"accepted X-Staff-Key (repeat; default: {ENV_PREFIX}STAFF_KEYS, "
                             f"else the development key {DEV_STAFF_KEY})")
    parser.add_argument("--staff-keys-file", metavar="FILE", default=os.environ.get(ENV_PREFIX + "STAFF_KEYS_FILE"),
                        help="accepted staff keys, one per line (# comments)")
    parser.add_argument("--insecure-dev-keys", action="store_true",
                        help="allow the public development keys on a non-loopback address (a demonstration only)")
    parser.add_argument("--no-rate-limit", action="store_true", help="switch per-client rate limits off")
    parser.add_argument("--trusted-proxies", metavar="CIDR,...",
                        help="your reverse proxies: a client is the rightmost X-Forwarded-For address not among "
                             "them (default: none; X-Forwarded-For is ignored)")
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    """The flags given, over the CITY_SERVICES_* environment."""
    flags = {"database_url": args.db}
    for name, given, path, option in (("api_keys", args.api_keys, args.api_keys_file, "--api-keys-file"),
                                      ("staff_keys", args.staff_keys, args.staff_keys_file, "--staff-keys-file")):
        keys = list(given or []) + list(read_keys_file(path, option) if path else [])
        if keys:
            flags[name] = tuple(keys)
    if args.no_rate_limit:
        flags["rate_limit"] = False
    if args.trusted_proxies is not None:
        flags["trusted_proxies"] = args.trusted_proxies
    return EnvironmentSettings.read(**flags)


def logging_config(level: str) -> dict:
    handler = {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}
    return {"version": 1, "disable_existing_loggers": False,
            "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
            "handlers": {"stderr": handler},
            "loggers": {name: {"handlers": ["stderr"], "level": level.upper(), "propagate": False}
                        for name in ("uvicorn", "city_services")}}


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["check-deployment"]:
        return check_deployment(argv[1:])
    return serve(argv)


def check_deployment(argv: list[str]) -> int:
    """Print what is unsafe in the configuration the same flags (and environment) would start; 1 if any."""
    args = parse_args(argv)
    try:
        settings = settings_from(args)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    found = deployment.problems(settings, args.host)
    for problem in found:
        print(f"unsafe: {problem}")
    if not found:
        print(f"ok: nothing unsafe found for {args.host}:{args.port}")
    return 1 if found else 0


def refusal_to_listen(settings: Settings, args: argparse.Namespace) -> str | None:
    """Why the server must not start as asked, or None."""
    dev_keys = deployment.development_keys(settings)
    if dev_keys and not deployment.is_loopback(args.host) and not args.insecure_dev_keys:
        return (f"refusing to listen on {args.host} while a public development key is accepted "
                f"({'; '.join(dev_keys)}); set your own keys (--api-keys-file, --staff-keys-file) "
                f"or pass --insecure-dev-keys for a demonstration")
    return None


def forwarded_options(settings: Settings) -> dict:
    """uvicorn trusts X-Forwarded-For from exactly the proxies the rate limits trust. (Its default
    trusts 127.0.0.1, which let any loopback client name its own address.)"""
    if not settings.trusted_proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": list(settings.trusted_proxies)}


def serve(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.workers < 1 or not (0 < args.port < 65536):
        print("error: --workers must be at least 1 and --port within 1..65535", file=sys.stderr)
        return 2
    try:
        settings = settings_from(args)
        refusal = refusal_to_listen(settings, args)
        if refusal:
            raise SettingsError(refusal)
        if deployment.development_keys(settings) and not deployment.is_loopback(args.host):
            print(f"warning: public development keys accepted on {args.host} (--insecure-dev-keys)", file=sys.stderr)
        if settings.database_url.startswith("sqlite") and args.workers > 1:
            print("warning: several workers on SQLite serialise every write; use PostgreSQL", file=sys.stderr)
        database = Database(settings.database_url, pool_size=1)
        database.migrate()
        seed(database, settings.clock())
        database.dispose()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:
        shown = make_url(normalise_url(args.db)).render_as_string(hide_password=True)
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        print(f"error: database {shown}: {reason}", file=sys.stderr)
        return 2
    # Workers read their settings from the environment; the schema is ready, so they skip migrating.
    os.environ.update(settings.to_environment())
    os.environ[ENV_PREFIX + "MIGRATE"] = "0"
    os.environ[ENV_PREFIX + "SEED"] = "0"
    uvicorn.run("city_services.app:app_from_environment", factory=True, host=args.host, port=args.port,
                workers=args.workers, access_log=False, log_config=logging_config(args.log_level),
                log_level=args.log_level, **forwarded_options(settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
