"""The catalog cache: repeats of catalog reads are answered from memory for a few seconds; nothing that
depends on who asks, and nothing but a 200, is ever kept."""

from __future__ import annotations

import asyncio

from sqlalchemy import update

from city_services.catalog_cache import CatalogCacheMiddleware
from city_services.models import Service


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def catalog_cache(client) -> CatalogCacheMiddleware:
    client.get("/healthz")  # builds the middleware stack
    layer = client.app.middleware_stack
    while not isinstance(layer, CatalogCacheMiddleware):
        layer = layer.app
    return layer


def rename_first_service(client, name: str) -> str:
    code = client.get("/open311/v2/services.json").json()[0]["service_code"]
    with client.app.state.city.database.write_session() as session:
        session.execute(update(Service).where(Service.code == code).values(names={"en": name, "ko": name}))
    return code


def first_name(client, **params) -> str:
    return client.get("/open311/v2/services.json", params=params).json()[0]["service_name"]


def test_catalog_answers_are_kept_for_the_configured_seconds(client):
    cache = catalog_cache(client)
    cache.clock = ticks = Ticks()
    before = first_name(client)
    rename_first_service(client, "Renamed in the database")
    assert first_name(client) == before  # from memory
    ticks.now += cache.ttl_s + 0.1
    assert first_name(client) == "Renamed in the database"


def test_each_query_string_and_format_is_its_own_entry(client):
    cache = catalog_cache(client)
    english = first_name(client)
    assert first_name(client, locale="ko") != english
    assert client.get("/open311/v2/services.xml").headers["content-type"].startswith("text/xml")
    assert len(cache.entries) == 3


def test_switched_off_the_database_is_read_every_time(make_client):
    client = make_client(catalog_cache_s=0)
    rename_first_service(client, "Seen at once")
    assert first_name(client) == "Seen at once"


def test_personal_and_refused_answers_are_never_kept(client):
    cache = catalog_cache(client)
    client.get("/open311/v2/services.json", headers={"X-Resident-Key": "k" * 32})
    assert client.get("/open311/v2/services/no-such-code.json").status_code == 404
    client.get("/open311/v2/requests.json")  # not a catalog path
    client.get("/reservations/v1/facilities/S-SPORT-0001/slots")
    assert cache.entries == {}


def fill(cache: CatalogCacheMiddleware, pages: int) -> list[bytes]:
    """Ask for `pages` distinct query strings (each answer is its query string); the kept keys."""
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": scope["query_string"]})

    async def ignore(message):
        pass

    cache.app = app
    for page in range(pages):
        scope = {"type": "http", "method": "GET", "path": "/events/v1/events", "headers": [],
                 "query_string": f"page={page}".encode()}
        asyncio.run(cache(scope, None, ignore))
    return [key[1] for key in cache.entries]


def test_the_cache_holds_at_most_max_entries_and_max_bytes():
    by_count = CatalogCacheMiddleware(None, ttl_s=60, today=lambda: "2026-12-01", max_entries=3)
    assert fill(by_count, 5) == [b"page=2", b"page=3", b"page=4"]
    by_size = CatalogCacheMiddleware(None, ttl_s=60, today=lambda: "2026-12-01", max_bytes=12)
    assert fill(by_size, 5) == [b"page=3", b"page=4"] and by_size.size == 12
