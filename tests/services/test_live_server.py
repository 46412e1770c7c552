"""The client and the outbox against the real reference server, running in-process."""

import time

import pytest

from metaverse_seoul.services.client import CityServicesClient, new_idempotency_key
from metaverse_seoul.services.errors import ApiRefused
from metaverse_seoul.services.embedded import EmbeddedServer
from metaverse_seoul.services.outbox import REFUSED, SENT, Outbox, OutboxWorker
from metaverse_seoul.services.retry import RetryPolicy

API_KEY = "metaverse-seoul-dev"
COMPLAINT = {"service_code": "other", "lat": 37.5665, "long": 126.978,
             "attributes": {"subject": "Broken bench"}, "description": "The bench at the gate is broken."}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with EmbeddedServer(tmp_path_factory.mktemp("server"), rate_limit=False) as running:
        yield running


@pytest.fixture
def client(server):
    with CityServicesClient(server.url, api_key=API_KEY, timeout=(2, 10)) as client:
        yield client


def test_the_same_key_gives_the_same_record(client):
    key = new_idempotency_key()
    first = client.submit_request(**COMPLAINT, idempotency_key=key)
    again = client.submit_request(**COMPLAINT, idempotency_key=key)
    assert first.service_request_id == again.service_request_id
    assert client.request(first.service_request_id).status == "open"


def test_the_same_key_with_another_body_is_refused(client):
    key = new_idempotency_key()
    client.submit_request(**COMPLAINT, idempotency_key=key)
    with pytest.raises(ApiRefused) as refusal:
        client.submit_request(**{**COMPLAINT, "description": "something else"}, idempotency_key=key)
    assert refusal.value.status == 422


def test_refused_items_keep_the_servers_reason(client, tmp_path):
    outbox = Outbox(tmp_path)
    unknown = outbox.submit("complaint", {**COMPLAINT, "service_code": "no-such-service"})
    missing = outbox.submit("complaint", {**COMPLAINT, "attributes": {}})
    fine = outbox.submit("complaint", COMPLAINT)
    report = OutboxWorker(outbox, client).drain_once()
    assert (report.sent, report.refused) == (1, 2)
    for item in (unknown, missing):
        refused = outbox.item(item.id)
        assert refused.status == REFUSED and refused.refusal_reason
    assert "no-such-service" in outbox.item(unknown.id).refusal_reason
    assert "subject" in outbox.item(missing.id).refusal_reason
    assert outbox.item(fine.id).status == SENT


def test_a_reservation_through_the_outbox_can_be_read_and_cancelled_with_its_secret(client, tmp_path):
    facility = next(f for f in client.facilities() if f.status == "accepting")
    slot = next(s for s in client.slots(facility.service_id) if s.available > 0)
    outbox = Outbox(tmp_path)
    item = outbox.submit("reservation", {"slot_id": slot.id, "people": facility.min_people or 1,
                                         "name": "Kim Minji", "phone": "010-1234-5678"})
    assert OutboxWorker(outbox, client).drain_once().sent == 1
    sent = outbox.item(item.id)
    secret = sent.result["secret"]
    assert client.reservation(sent.server_id, secret).status == "active"
    assert client.cancel_reservation(sent.server_id, secret).status == "cancelled"
    with pytest.raises(ApiRefused):
        client.reservation(sent.server_id, "not-the-secret")


def test_backoff_honours_the_servers_retry_after(tmp_path):
    """A tiny write limit: the second POST gets 429 + Retry-After, and the client waits that long."""
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        time.sleep(seconds)

    with EmbeddedServer(tmp_path, write_rate_per_s=1.0, write_burst=1) as limited:
        client = CityServicesClient(limited.url, api_key=API_KEY, sleep=sleep,
                                    retry=RetryPolicy(max_attempts=5, base_delay=0.01))
        client.submit_request(**COMPLAINT, idempotency_key=new_idempotency_key())
        second = client.submit_request(**COMPLAINT, idempotency_key=new_idempotency_key())
    assert second.service_request_id
    assert waits and waits[0] >= 1.0  # Retry-After is whole seconds; jitter alone would be < 0.01
