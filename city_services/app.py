"""The application factory: `create_app(database_url, **options)`.

It migrates the schema (Alembic `upgrade head`), seeds what is missing, and assembles the routers,
the error handlers and the middleware stack (outermost first): access log -> rate limit -> catalog
cache -> body limit -> text check -> Idempotency-Key -> routes.
"""

from __future__ import annotations

import contextlib
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.routing import Match

from . import __doc__ as package_doc
from . import open311_format
from .config import EnvironmentSettings, Settings
from .db import Database
from .deps import AppState
from .errors import OPEN311_PREFIX, ApiError, Open311Errors, error_response, validation_message
from .idempotency import IdempotencyMiddleware, IdempotencyStore
from .catalog_cache import CatalogCacheMiddleware
from .client_address import ProxyTrust
from .middleware import AccessLogMiddleware, BodyLimitMiddleware, RateLimitMiddleware, TokenBuckets
from .routers import events, health, open311, reservations, residents, staff
from .seed import seed
from .text_input import TextCheckMiddleware
from .timeutil import SEOUL

log = logging.getLogger("city_services")
VERSION = "1.0.0"


def create_app(database_url: str, **options) -> FastAPI:
    """Build the server on `database_url` (sqlite:///FILE or postgresql://...); options: see config.Settings."""
    settings = Settings.from_options(database_url, options)
    return build_app(settings)


def app_from_environment() -> FastAPI:
    """Factory for uvicorn workers (`python -m city_services --workers N` passes settings by environment)."""
    return build_app(EnvironmentSettings.read())


def build_app(settings: Settings) -> FastAPI:
    database = Database(settings.database_url, settings.db_pool_size)
    if settings.migrate:
        database.migrate()
    if settings.seed:
        seed(database, settings.clock())
    store = IdempotencyStore(database, settings.idempotency_ttl_s, settings.idempotency_in_flight_timeout_s,
                             settings.clock)
    store.purge_expired()

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        yield
        database.dispose()

    app = FastAPI(title="Metaverse Seoul city services", version=VERSION, lifespan=lifespan,
                  description=(package_doc or "").strip())
    app.state.city = AppState(settings=settings, database=database, idempotency=store)
    for module in (open311, reservations, events, residents, staff, health):
        app.include_router(module.router)
    _add_error_handlers(app)
    # add_middleware wraps the app, so the last one added is the outermost.
    app.add_middleware(IdempotencyMiddleware, store_of=lambda: store, is_routed=RoutedPaths(app),
                       recording_paths=open311.RECORDING_POSTS | reservations.RECORDING_POSTS)
    app.add_middleware(TextCheckMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(CatalogCacheMiddleware, ttl_s=settings.catalog_cache_s,
                       today=lambda: settings.clock().astimezone(SEOUL).date())
    if settings.rate_limit:
        app.add_middleware(RateLimitMiddleware,
                           read=TokenBuckets(settings.read_rate_per_s, settings.read_burst),
                           write=TokenBuckets(settings.write_rate_per_s, settings.write_burst),
                           proxies=ProxyTrust(settings.trusted_proxy_networks()),
                           rows_per_token=settings.read_rows_per_token)
    app.add_middleware(AccessLogMiddleware)
    log.info("city services ready on %s (%s)", database.dialect, "rate limited" if settings.rate_limit else "no rate limit")
    return app


class RoutedPaths:
    """Whether one of the app's routes serves a request (method and path), remembered per method and
    path: matching every route costs more than the rest of the Idempotency-Key check."""

    def __init__(self, app: FastAPI, remembered: int = 4096):
        self.app = app
        self.remembered = remembered
        self.known: dict[tuple[str, str], bool] = {}

    def __call__(self, scope) -> bool:
        key = (scope["method"], scope["path"])
        found = self.known.get(key)
        if found is None:
            found = any(route.matches(scope)[0] == Match.FULL for route in self.app.router.routes)
            if len(self.known) >= self.remembered:
                self.known.clear()
            self.known[key] = found
        return found


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return error_response(request.url.path, exc.status_code, exc.detail, exc.reason, exc.headers)

    @app.exception_handler(Open311Errors)
    async def open311_errors(request: Request, exc: Open311Errors):
        return open311_format.errors(open311_format.format_of_path(request.url.path), exc.status_code,
                                     exc.descriptions)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        lines = validation_message(exc.errors())
        path = request.url.path
        if path.startswith(OPEN311_PREFIX):  # the spec answers bad input with 400 and its error list
            return open311_format.errors(open311_format.format_of_path(path), 400, lines)
        return error_response(path, 422, "; ".join(lines))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        detail = str(exc.detail)
        if detail == "There was an error parsing the body":  # FastAPI's words for malformed JSON
            detail = "request body: not valid JSON"
        return error_response(request.url.path, exc.status_code, detail, headers=exc.headers)
