"""Server settings: one frozen dataclass, built from keyword options or from environment variables.

`create_app(database_url, **options)` passes its options here, so every option a caller may give is a
field below; an unknown option or a nonsensical value is refused with one clear line.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

DEV_API_KEY = "metaverse-seoul-dev"
DEV_STAFF_KEY = "metaverse-seoul-staff-dev"
SEVEN_DAYS_S = 7 * 24 * 3600
MAX_PAGE_SIZE = 1000  # the ceiling stated in /openapi.json; a deployment may choose less
ENV_PREFIX = "CITY_SERVICES_"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class SettingsError(ValueError):
    """A setting (option, flag or environment variable) has a value the server cannot use."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    # Keys accepted on writes (Open311 `api_key`, header `X-API-Key` on reservations).
    api_keys: tuple[str, ...] = (DEV_API_KEY,)
    # Keys for the staff endpoint that posts status updates (header `X-Staff-Key`).
    staff_keys: tuple[str, ...] = (DEV_STAFF_KEY,)
    jurisdiction_id: str = "seoul.go.kr"
    # Token-bucket rate limits per client address, kept in each worker process.
    rate_limit: bool = True
    read_rate_per_s: float = 50.0
    read_burst: int = 200
    write_rate_per_s: float = 5.0
    write_burst: int = 30
    # Honour the first address of X-Forwarded-For (only behind a proxy you control).
    trust_forwarded_for: bool = False
    max_body_bytes: int = 64 * 1024
    # Seconds each worker keeps the catalog answers (services, events, facilities); 0 switches it off.
    catalog_cache_s: float = 5.0
    default_page_size: int = 100
    max_page_size: int = 1000
    idempotency_ttl_s: int = SEVEN_DAYS_S
    # A key still "in flight" after this long belongs to a worker that died; a retry may take it over.
    idempotency_in_flight_timeout_s: int = 60
    # Run Alembic `upgrade head` and the idempotent seed when the app is built.
    migrate: bool = True
    seed: bool = True
    db_pool_size: int = 20
    clock: Callable[[], datetime] = field(default=utc_now, compare=False, repr=False)

    def __post_init__(self):
        if not isinstance(self.database_url, str) or "://" not in self.database_url:
            raise SettingsError(f"database_url: expected a URL such as sqlite:///file.db, got {self.database_url!r}")
        for name in ("api_keys", "staff_keys"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, tuple(k for k in value.split(",") if k))
            elif not all(isinstance(k, str) and k for k in value):
                raise SettingsError(f"{name}: expected a list of non-empty strings")
            else:
                object.__setattr__(self, name, tuple(value))
        for name in ("read_rate_per_s", "write_rate_per_s"):
            if getattr(self, name) <= 0:
                raise SettingsError(f"{name}: must be above 0 (use rate_limit=False to switch limits off)")
        if self.catalog_cache_s < 0:
            raise SettingsError("catalog_cache_s: must be 0 (off) or more")
        for name in ("read_burst", "write_burst", "max_body_bytes", "default_page_size", "max_page_size",
                     "db_pool_size", "idempotency_in_flight_timeout_s"):
            if getattr(self, name) < 1:
                raise SettingsError(f"{name}: must be at least 1")
        if self.max_page_size > MAX_PAGE_SIZE:
            raise SettingsError(f"max_page_size: at most {MAX_PAGE_SIZE}")
        if self.default_page_size > self.max_page_size:
            raise SettingsError("default_page_size: must not exceed max_page_size")
        if self.idempotency_ttl_s < SEVEN_DAYS_S:
            raise SettingsError(f"idempotency_ttl_s: keys must be kept at least 7 days ({SEVEN_DAYS_S} s)")

    @classmethod
    def from_options(cls, database_url: str, options: dict) -> "Settings":
        known = {f.name for f in dataclasses.fields(cls)} - {"database_url"}
        unknown = sorted(set(options) - known)
        if unknown:
            raise SettingsError(f"unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return cls(database_url=database_url, **options)

    @classmethod
    def from_environment(cls, environ=os.environ) -> "Settings":
        """Settings for a worker process started by uvicorn (see `city_services.__main__`)."""
        options = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(ENV_PREFIX + f.name.upper())
            if raw is None or f.name == "clock":
                continue
            options[f.name] = _parse_env(f.name, f.type, raw)
        if "database_url" not in options:
            raise SettingsError(f"{ENV_PREFIX}DATABASE_URL is not set")
        return cls(**options)

    def to_environment(self) -> dict[str, str]:
        """The inverse of `from_environment` (the clock is not carried; workers use real time)."""
        env = {}
        for f in dataclasses.fields(self):
            if f.name == "clock":
                continue
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                value = ",".join(value)
            elif isinstance(value, bool):
                value = "1" if value else "0"
            env[ENV_PREFIX + f.name.upper()] = str(value)
        return env


def _parse_env(name: str, type_name: str, raw: str):
    type_name = str(type_name)
    try:
        if type_name == "bool":
            lowered = raw.strip().lower()
            if lowered not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                raise ValueError(raw)
            return lowered in ("1", "true", "yes", "on")
        if type_name == "int":
            return int(raw)
        if type_name == "float":
            return float(raw)
    except ValueError:
        raise SettingsError(f"{ENV_PREFIX}{name.upper()}: cannot read {raw!r} as {type_name}") from None
    if type_name.startswith("tuple"):
        return tuple(k.strip() for k in raw.split(",") if k.strip())
    return raw
