"""`python -m city_services --db URL --host 127.0.0.1 --port 8311 [--workers N]`

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

from .config import DEV_API_KEY, ENV_PREFIX, Settings, SettingsError
from .db import Database, normalise_url
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
                        help=f"accepted api_key (repeat for several; default: the dev key {DEV_API_KEY}, "
                             f"or {ENV_PREFIX}API_KEYS=k1,k2)")
    parser.add_argument("--no-rate-limit", action="store_true", help="switch per-client rate limits off")
    parser.add_argument("--trust-forwarded-for", action="store_true",
                        help="rate-limit by X-Forwarded-For (only behind your own reverse proxy)")
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    environment = {k: v for k, v in os.environ.items() if k.startswith(ENV_PREFIX)}
    environment[ENV_PREFIX + "DATABASE_URL"] = args.db
    if args.api_keys:
        environment[ENV_PREFIX + "API_KEYS"] = ",".join(args.api_keys)
    if args.no_rate_limit:
        environment[ENV_PREFIX + "RATE_LIMIT"] = "0"
    if args.trust_forwarded_for:
        environment[ENV_PREFIX + "TRUST_FORWARDED_FOR"] = "1"
    return Settings.from_environment(environment)


def logging_config(level: str) -> dict:
    handler = {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}
    return {"version": 1, "disable_existing_loggers": False,
            "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
            "handlers": {"stderr": handler},
            "loggers": {name: {"handlers": ["stderr"], "level": level.upper(), "propagate": False}
                        for name in ("uvicorn", "city_services")}}


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.workers < 1 or not (0 < args.port < 65536):
        print("error: --workers must be at least 1 and --port within 1..65535", file=sys.stderr)
        return 2
    try:
        settings = settings_from(args)
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
                log_level=args.log_level)
    return 0


if __name__ == "__main__":
    sys.exit(main())
