"""Server settings: one frozen pydantic-settings model, built from keyword options or from environment
variables (`CITY_SERVICES_<NAME>`).

`create_app(database_url, **options)` passes its options here and never reads the environment; the
command line and its uvicorn workers read `CITY_SERVICES_*` (`EnvironmentSettings`). Every option a
caller may give is a field below; an unknown option or a nonsensical value is refused with one clear
line (SettingsError).
"""

from __future__ import annotations

import ipaddress
from datetime import datetime, timezone
from typing import Annotated, Callable

from pydantic import BeforeValidator, Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEV_API_KEY = "metaverse-seoul-dev"
DEV_STAFF_KEY = "metaverse-seoul-staff-dev"
SEVEN_DAYS_S = 7 * 24 * 3600
MAX_PAGE_SIZE = 1000  # the ceiling stated in /openapi.json; a deployment may choose less
ENV_PREFIX = "CITY_SERVICES_"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class SettingsError(ValueError):
    """A setting (option, flag or environment variable) has a value the server cannot use."""


def _comma_list(value):
    """A comma list (how the environment gives it) as a tuple; lists and tuples as they are."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


# NoDecode: pydantic-settings would read a tuple from the environment as JSON; it is a comma list.
CommaList = Annotated[tuple[Annotated[str, Field(min_length=1)], ...], NoDecode, BeforeValidator(_comma_list)]
AT_LEAST_ONE = ("read_burst", "write_burst", "read_rows_per_token", "max_body_bytes", "default_page_size",
                "max_page_size", "db_pool_size", "idempotency_in_flight_timeout_s")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="forbid")

    database_url: str
    # Keys accepted on writes (Open311 `api_key`, header `X-API-Key` on reservations).
    api_keys: CommaList = (DEV_API_KEY,)
    # Keys for the staff endpoint that posts status updates (header `X-Staff-Key`).
    staff_keys: CommaList = (DEV_STAFF_KEY,)
    jurisdiction_id: str = "seoul.go.kr"
    # Token-bucket rate limits per client address, kept in each worker process.
    rate_limit: bool = True
    read_rate_per_s: float = 50.0
    read_burst: int = 200
    write_rate_per_s: float = 5.0
    write_burst: int = 30
    # Each `read_rows_per_token` rows a read answers beyond the first ones cost one more read token: a
    # page of 1000 rows is work, not one request.
    read_rows_per_token: int = 10
    # Reverse proxies (CIDR blocks) whose X-Forwarded-For entries are believed (see client_address.py).
    trusted_proxies: CommaList = ()
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
    clock: Callable[[], datetime] = Field(default=utc_now, exclude=True, repr=False)

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings):
        return (init_settings,)  # options only: an embedded server is not configured by the environment

    @model_validator(mode="after")
    def _sensible(self) -> "Settings":
        if "://" not in self.database_url:
            raise SettingsError(f"database_url: expected a URL such as sqlite:///file.db, got {self.database_url!r}")
        for name in ("read_rate_per_s", "write_rate_per_s"):
            if getattr(self, name) <= 0:
                raise SettingsError(f"{name}: must be above 0 (use rate_limit=False to switch limits off)")
        if self.catalog_cache_s < 0:
            raise SettingsError("catalog_cache_s: must be 0 (off) or more")
        self.trusted_proxy_networks()  # refuses a bad entry now, not at the first request
        for name in AT_LEAST_ONE:
            if getattr(self, name) < 1:
                raise SettingsError(f"{name}: must be at least 1")
        if self.max_page_size > MAX_PAGE_SIZE:
            raise SettingsError(f"max_page_size: at most {MAX_PAGE_SIZE}")
        if self.default_page_size > self.max_page_size:
            raise SettingsError("default_page_size: must not exceed max_page_size")
        if self.idempotency_ttl_s < SEVEN_DAYS_S:
            raise SettingsError(f"idempotency_ttl_s: keys must be kept at least 7 days ({SEVEN_DAYS_S} s)")
        return self

    def trusted_proxy_networks(self) -> tuple:
        networks = []
        for entry in self.trusted_proxies:
            try:
                networks.append(ipaddress.ip_network(entry.strip(), strict=False))
            except ValueError:
                raise SettingsError(f"trusted_proxies: {entry!r} is not an IP address or CIDR block") from None
        return tuple(networks)

    @classmethod
    def from_options(cls, database_url: str, options: dict) -> "Settings":
        return _validated(cls, {"database_url": database_url, **options}, "")

    def to_environment(self) -> dict[str, str]:
        """What `EnvironmentSettings` reads back as these settings (the clock is not carried; workers
        use real time)."""
        env = {}
        for name, value in self.model_dump().items():
            if isinstance(value, tuple):
                value = ",".join(value)
            elif isinstance(value, bool):
                value = "1" if value else "0"
            env[ENV_PREFIX + name.upper()] = str(value)
        return env


class EnvironmentSettings(Settings):
    """Settings from `CITY_SERVICES_<NAME>` variables, keyword arguments overriding them (the command
    line's flags): for `python -m city_services` and the uvicorn workers it starts."""

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings):
        return (init_settings, env_settings)

    @classmethod
    def read(cls, **overrides) -> "EnvironmentSettings":
        return _validated(cls, overrides, ENV_PREFIX)


def _validated(model, values: dict, env_prefix: str):
    """`model(**values)`, or SettingsError with one line naming the option (or variable) and the problem."""
    try:
        return model(**values)
    except ValidationError as exc:
        raise SettingsError(_one_line(exc.errors(), env_prefix, model)) from None


def _one_line(errors: list[dict], env_prefix: str, model) -> str:
    unknown = sorted(str(error["loc"][0]) for error in errors if error["type"] == "extra_forbidden")
    if unknown:
        known = sorted(set(model.model_fields) - {"database_url"})
        return f"unknown option(s) {', '.join(unknown)}; known: {', '.join(known)}"
    error = errors[0]
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, SettingsError):
        return str(cause)
    name = str(error["loc"][0]) if error["loc"] else "settings"
    if error["type"] == "missing":
        return f"{env_prefix}{name.upper()} is not set" if env_prefix else f"{name}: required"
    where = f"{env_prefix}{name.upper()}" if env_prefix else name
    return f"{where}: {error['msg']}"
