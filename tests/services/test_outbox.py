"""The outbox store and one worker pass, with a stand-in client (the real server is in test_outage)."""

import sqlite3
import time

import pytest

from metaverse_seoul.services.errors import ApiRefused, ApiUnavailable
from metaverse_seoul.services.models import SubmittedRequest
from metaverse_seoul.services.outbox import PENDING, REFUSED, SENT, Outbox, OutboxUnusable, OutboxWorker


class StandInClient:
    """Answers submit_request from a list of outcomes: an id, or an exception to raise."""

    def __init__(self, *outcomes):
        self.outcomes = list(outcomes)
        self.calls = []

    def submit_request(self, idempotency_key, **payload):
        self.calls.append((idempotency_key, payload))
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return SubmittedRequest(service_request_id=outcome, raw={"service_request_id": outcome})


def complaint(n):
    return {"service_code": "noise", "lat": 37.5665, "long": 126.978, "description": f"complaint {n}"}


def test_submit_stores_a_pending_item_with_a_fresh_key(tmp_path):
    outbox = Outbox(tmp_path)
    first, second = outbox.submit("complaint", complaint(1)), outbox.submit("complaint", complaint(2))
    assert first.status == PENDING and first.payload == complaint(1)
    assert first.idempotency_key and first.idempotency_key != second.idempotency_key
    # A second Outbox on the same folder (the app restarted) sees the same items and keys.
    again = Outbox(tmp_path).items()
    assert [(i.id, i.idempotency_key) for i in again] == [(first.id, first.idempotency_key),
                                                           (second.id, second.idempotency_key)]


def test_an_items_text_form_carries_no_personal_data_or_secret(tmp_path):
    outbox = Outbox(tmp_path)
    item = outbox.submit("reservation", {"slot_id": 7, "people": 2, "name": "김서울", "phone": "010-1234-5678"})
    outbox.mark_sent(item.id, "R1", {"id": "R1", "secret": "s3cr3t-value", "phone": "010-1234-5678"})
    shown = repr(outbox.item(item.id)) + str(outbox.item(item.id))
    assert "R1" in shown and not any(data in shown for data in ("김서울", "010-1234-5678", "s3cr3t-value"))


def test_an_outbox_from_a_newer_app_is_refused_and_kept(tmp_path):
    outbox = Outbox(tmp_path)
    outbox.submit("complaint", {"service_code": "noise", "lat": 37.5, "long": 127.0})
    with sqlite3.connect(outbox.path) as db:
        db.execute("PRAGMA user_version=99")
    with pytest.raises(OutboxUnusable, match="written by a newer version of the app"):
        Outbox(tmp_path)
    with sqlite3.connect(outbox.path) as db:
        assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 1


def test_data_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("METAVERSE_SEOUL_DATA_DIR", str(tmp_path / "data"))
    assert Outbox().path == tmp_path / "data" / "outbox.sqlite3"


@pytest.mark.parametrize("kind, payload, message", [
    ("parcel", {}, "kind must be one of complaint, reservation"),
    ("complaint", {"lat": 1}, "missing a required argument: 'service_code'"),
    ("complaint", {"service_code": "x", "colour": "red"}, "unexpected keyword argument 'colour'"),
    ("complaint", {"service_code": "x", "idempotency_key": "k"}, "must not carry idempotency_key"),
    ("complaint", {"service_code": "x", "description": object()}, "not plain data"),
])
def test_unsendable_items_are_refused_before_storing(tmp_path, kind, payload, message):
    outbox = Outbox(tmp_path)
    with pytest.raises(ValueError, match=message):
        outbox.submit(kind, payload)
    assert outbox.items() == []


def test_drain_sends_in_order_with_each_items_own_key(tmp_path):
    outbox = Outbox(tmp_path)
    items = [outbox.submit("complaint", complaint(n)) for n in range(3)]
    client = StandInClient("101", "102", "103")
    report = OutboxWorker(outbox, client).drain_once()
    assert (report.sent, report.refused, report.unavailable) == (3, 0, None)
    assert [key for key, _ in client.calls] == [item.idempotency_key for item in items]
    assert [i.server_id for i in outbox.items(SENT)] == ["101", "102", "103"]
    assert outbox.counts() == {PENDING: 0, SENT: 3, REFUSED: 0}


def test_outage_stops_the_pass_and_keeps_the_rest_pending(tmp_path):
    outbox = Outbox(tmp_path)
    for n in range(3):
        outbox.submit("complaint", complaint(n))
    client = StandInClient("101", ApiUnavailable("cannot connect", retry_after=5))
    report = OutboxWorker(outbox, client).drain_once()
    assert report.sent == 1 and report.unavailable.retry_after == 5
    assert len(client.calls) == 2  # the third was not tried: order is kept
    waiting = outbox.items(PENDING)
    assert len(waiting) == 2 and waiting[0].attempts == 1 and waiting[0].last_error == "cannot connect"


def test_refused_item_keeps_the_servers_reason_and_the_pass_goes_on(tmp_path):
    outbox = Outbox(tmp_path)
    outbox.submit("complaint", complaint(1))
    outbox.submit("complaint", complaint(2))
    client = StandInClient(ApiRefused("400", "service_code noise is not accepted here", status=400), "7")
    report = OutboxWorker(outbox, client).drain_once()
    assert (report.sent, report.refused) == (1, 1)
    refused, sent = outbox.items()
    assert refused.status == REFUSED and refused.refusal_code == "400"
    assert refused.refusal_reason == "service_code noise is not accepted here"
    assert sent.status == SENT and sent.server_id == "7"


def test_an_answer_is_written_only_once(tmp_path):
    outbox = Outbox(tmp_path)
    item = outbox.submit("complaint", complaint(1))
    outbox.mark_sent(item.id, "1", {"service_request_id": "1"})
    outbox.mark_refused(item.id, "400", "late second worker")  # ignored: the item is no longer pending
    assert outbox.item(item.id).status == SENT


def test_worker_thread_sends_after_wake_and_stops(tmp_path):
    outbox = Outbox(tmp_path)
    client = StandInClient("55")
    worker = OutboxWorker(outbox, client, idle_interval=30)
    worker.start()
    try:
        outbox.submit("complaint", complaint(1))
        worker.wake()
        for _ in range(200):
            if outbox.counts()[SENT] == 1:
                break
            time.sleep(0.02)
    finally:
        worker.stop()
    assert outbox.items()[0].server_id == "55"
